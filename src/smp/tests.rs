//! Tests for the strategic merge patch (test code may panic: a failed expectation is a test failure).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use kubedebug_skim::json;
use proptest::prelude::*;

use super::*;

fn apply(o: Value, p: Value, s: Schema) -> Value {
    match strategic_merge_patch(&o, &p, s) {
        Ok(v) => v,
        Err(e) => panic!("apply failed: {e}"),
    }
}

fn diff(o: &Value, m: &Value, s: Schema) -> Value {
    match create_two_way_merge_patch(o, m, s) {
        Ok(v) => v,
        Err(e) => panic!("diff failed: {e}"),
    }
}

fn env(names: &[&str]) -> Value {
    Value::Array(names.iter().map(|n| json!({"name": n})).collect())
}

fn names(v: &Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["name"].as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn keyed_list_merge_orders_like_merge_sorted_slice() {
    // (original env names, patch env names, expected merged order)
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (&["A"], &["Z"], &["Z", "A"]),
        (&["A"], &["CUSTOM", "A"], &["CUSTOM", "A"]),
        (&["A", "B", "C"], &["C", "X"], &["A", "B", "C", "X"]),
        (&["A", "B", "C"], &["X", "A"], &["X", "A", "B", "C"]),
        (&["A", "B", "C"], &["B"], &["A", "B", "C"]),
        (&["A", "B", "C"], &["C", "A"], &["B", "C", "A"]),
        (&["A", "B", "C"], &["X", "Y"], &["X", "Y", "A", "B", "C"]),
        (&["A", "B", "C"], &["B", "X", "C"], &["A", "B", "X", "C"]),
        (&[], &["X", "Y"], &["X", "Y"]),
    ];
    for (orig, patch, want) in cases {
        let got = apply(
            json!({"env": env(orig)}),
            json!({"env": env(patch)}),
            Schema::Container,
        );
        assert_eq!(names(&got, "env"), *want, "{orig:?} + {patch:?}");
    }
}

#[test]
fn keyed_list_items_merge_field_by_field() {
    let got = apply(
        json!({"env": [{"name": "A", "value": "1"}], "volumeMounts": [{"name": "host", "mountPath": "/host"}]}),
        json!({"env": [{"name": "CUSTOM", "value": "x"}, {"name": "A", "value": "override"}],
               "volumeMounts": [{"mountPath": "/host", "readOnly": true}]}),
        Schema::Container,
    );
    assert_eq!(
        got,
        json!({"env": [{"name": "CUSTOM", "value": "x"}, {"name": "A", "value": "override"}],
               "volumeMounts": [{"name": "host", "mountPath": "/host", "readOnly": true}]})
    );
}

#[test]
fn atomic_lists_and_scalars_are_replaced_and_maps_merge() {
    let got = apply(
        json!({"args": ["a", "b"], "image": "x", "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}, "privileged": true}}),
        json!({"args": ["c"], "image": "y", "securityContext": {"capabilities": {"add": ["SYS_ADMIN"], "drop": ["ALL"]}}}),
        Schema::Container,
    );
    assert_eq!(
        got,
        json!({"args": ["c"], "image": "y", "securityContext": {"capabilities": {"add": ["SYS_ADMIN"], "drop": ["ALL"]}, "privileged": true}})
    );
}

#[test]
fn null_in_a_patch_deletes_the_key_and_is_dropped_from_new_content() {
    let got = apply(
        json!({"a": 1, "b": {"c": 2, "d": 3}}),
        json!({"a": null, "b": {"c": null}, "n": {"x": null, "y": 1}, "z": null}),
        Schema::Container,
    );
    assert_eq!(got, json!({"b": {"d": 3}, "n": {"y": 1}}));
}

#[test]
fn patch_directives_apply_as_in_apimachinery() {
    let cases: Vec<(&str, Value, Value, Value)> = vec![
        (
            "map $patch replace",
            json!({"securityContext": {"a": 1, "b": 2}}),
            json!({"securityContext": {"$patch": "replace", "c": 3}}),
            json!({"securityContext": {"c": 3}}),
        ),
        (
            "map $patch delete",
            json!({"securityContext": {"a": 1}, "x": 1}),
            json!({"securityContext": {"$patch": "delete"}}),
            json!({"securityContext": {}, "x": 1}),
        ),
        (
            "list item $patch delete",
            json!({"env": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}),
            json!({"env": [{"name": "B", "$patch": "delete"}]}),
            json!({"env": [{"name": "A"}, {"name": "C"}]}),
        ),
        (
            "list $patch replace",
            json!({"env": [{"name": "A"}, {"name": "B"}]}),
            json!({"env": [{"name": "X"}, {"$patch": "replace"}]}),
            json!({"env": [{"name": "X"}]}),
        ),
        (
            "$setElementOrder reorders",
            json!({"env": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}),
            json!({"$setElementOrder/env": [{"name": "C"}, {"name": "A"}, {"name": "B"}, {"name": "X"}], "env": [{"name": "X"}]}),
            json!({"env": [{"name": "C"}, {"name": "A"}, {"name": "B"}, {"name": "X"}]}),
        ),
        (
            "$setElementOrder keeps server-only items by original position",
            json!({"env": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}),
            json!({"$setElementOrder/env": [{"name": "C"}, {"name": "X"}], "env": [{"name": "X"}]}),
            json!({"env": [{"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "X"}]}),
        ),
        (
            "$deleteFromPrimitiveList",
            json!({"metadata": {"finalizers": ["a", "b", "c"]}}),
            json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["b"]}}),
            json!({"metadata": {"finalizers": ["a", "c"]}}),
        ),
        (
            "merged primitive list deduplicates",
            json!({"metadata": {"finalizers": ["a", "b"]}}),
            json!({"metadata": {"finalizers": ["b", "c"]}}),
            json!({"metadata": {"finalizers": ["a", "b", "c"]}}),
        ),
        (
            "$retainKeys clears other keys",
            json!({"spec": {"volumes": [{"name": "v", "emptyDir": {}, "hostPath": {"path": "/x"}}]}}),
            json!({"spec": {"volumes": [{"name": "v", "$retainKeys": ["name", "configMap"], "configMap": {"name": "c"}}]}}),
            json!({"spec": {"volumes": [{"name": "v", "configMap": {"name": "c"}}]}}),
        ),
        (
            "new content loses directive items",
            json!({}),
            json!({"spec": {"containers": [{"name": "a"}, {"name": "b", "$patch": "delete"}]}}),
            json!({"spec": {"containers": [{"name": "a"}]}}),
        ),
    ];
    for (name, o, p, want) in cases {
        let s = if name.contains("finalizers")
            || o.get("metadata").is_some()
            || o.get("spec").is_some()
            || p.get("spec").is_some()
        {
            Schema::Pod
        } else {
            Schema::Container
        };
        assert_eq!(apply(o, p, s), want, "{name}");
    }
}

#[test]
fn apply_errors_carry_apimachinery_messages() {
    let cases: Vec<(Value, Value, &str)> = vec![
        (
            json!({"env": [{"name": "A"}]}),
            json!({"env": [{"value": "1"}]}),
            "map: map[value:1] does not contain declared merge key: name",
        ),
        (
            json!({"env": []}),
            json!({"env": [{"name": "A", "$patch": "merge"}]}),
            "merging lists cannot yet be specified in the patch",
        ),
        (
            json!({"a": {}}),
            json!({"a": {"$patch": "bogus"}}),
            "unknown patch type: bogus in map: map[$patch:bogus]",
        ),
        (
            json!({"a": 1}),
            json!({"$retainKeys": ["b"], "a": 2}),
            "invalid patch format of retainKeys",
        ),
        (
            json!({"env": [{"name": "A"}]}),
            json!({"env": [1]}),
            "list element types are not identical",
        ),
        (json!({}), json!([1]), "invalid JSON document"),
    ];
    for (o, p, want) in cases {
        match strategic_merge_patch(&o, &p, Schema::Container) {
            Ok(v) => panic!("expected an error for {p}, got {v}"),
            Err(e) => {
                assert_eq!(e.code(), Code::CustomMerge);
                assert!(e.message().contains(want), "{} !~ {want}", e.message());
            }
        }
    }
}

#[test]
fn two_way_diff_produces_apimachinery_shapes() {
    let cases: Vec<(&str, Value, Value, Value)> = vec![
        (
            "unchanged",
            json!({"spec": {"containers": [{"name": "a"}]}}),
            json!({"spec": {"containers": [{"name": "a"}]}}),
            json!({}),
        ),
        (
            "first ephemeral container",
            json!({"spec": {"containers": [{"name": "a"}]}}),
            json!({"spec": {"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "d", "image": "busybox"}]}}),
            json!({"spec": {"ephemeralContainers": [{"image": "busybox", "name": "d"}]}}),
        ),
        (
            "appended ephemeral container",
            json!({"spec": {"ephemeralContainers": [{"name": "e1"}]}}),
            json!({"spec": {"ephemeralContainers": [{"name": "e1"}, {"name": "d", "tty": true}]}}),
            json!({"spec": {"$setElementOrder/ephemeralContainers": [{"name": "e1"}, {"name": "d"}], "ephemeralContainers": [{"name": "d", "tty": true}]}}),
        ),
        (
            "removed keys become null",
            json!({"metadata": {"labels": {"a": "1", "b": "2"}}}),
            json!({"metadata": {"labels": {"a": "1"}}}),
            json!({"metadata": {"labels": {"b": null}}}),
        ),
        (
            "removed keyed item becomes a delete directive",
            json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}]}}),
            json!({"spec": {"containers": [{"name": "a"}]}}),
            json!({"spec": {"$setElementOrder/containers": [{"name": "a"}], "containers": [{"$patch": "delete", "name": "b"}]}}),
        ),
        (
            "atomic list replaced whole",
            json!({"spec": {"tolerations": [{"key": "a"}, {"key": "b"}]}}),
            json!({"spec": {"tolerations": [{"key": "a"}]}}),
            json!({"spec": {"tolerations": [{"key": "a"}]}}),
        ),
        (
            "merged primitive list",
            json!({"metadata": {"finalizers": ["a", "b"]}}),
            json!({"metadata": {"finalizers": ["a", "c"]}}),
            json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["b"], "$setElementOrder/finalizers": ["a", "c"], "finalizers": ["c"]}}),
        ),
        (
            "unsorted unchanged primitive list still gets an order directive (Go sorts in place)",
            json!({"metadata": {"finalizers": ["b", "a"]}}),
            json!({"metadata": {"finalizers": ["b", "a"]}}),
            json!({"metadata": {"$setElementOrder/finalizers": ["b", "a"]}}),
        ),
        (
            "reordered keyed list",
            json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}]}}),
            json!({"spec": {"containers": [{"name": "b"}, {"name": "a"}]}}),
            json!({"spec": {"$setElementOrder/containers": [{"name": "b"}, {"name": "a"}]}}),
        ),
        (
            "changed volume carries $retainKeys",
            json!({"spec": {"volumes": [{"name": "v", "emptyDir": {}}]}}),
            json!({"spec": {"volumes": [{"name": "v", "hostPath": {"path": "/x"}}]}}),
            json!({"spec": {"$setElementOrder/volumes": [{"name": "v"}], "volumes": [{"$retainKeys": ["hostPath", "name"], "emptyDir": null, "hostPath": {"path": "/x"}, "name": "v"}]}}),
        ),
        (
            "changed env entry: only changed fields plus the merge key",
            json!({"spec": {"containers": [{"name": "a", "image": "x", "env": [{"name": "E", "value": "1"}]}]}}),
            json!({"spec": {"containers": [{"name": "a", "image": "x", "env": [{"name": "E", "value": "2"}]}]}}),
            json!({"spec": {"$setElementOrder/containers": [{"name": "a"}], "containers": [{"$setElementOrder/env": [{"name": "E"}], "env": [{"name": "E", "value": "2"}], "name": "a"}]}}),
        ),
    ];
    for (name, o, m, want) in cases {
        let got = diff(&o, &m, Schema::Pod);
        assert_eq!(got, want, "{name}");
        assert_eq!(
            serde_json::to_string(&got).unwrap_or_default(),
            serde_json::to_string(&want).unwrap_or_default(),
            "{name}: key order"
        );
        if !name.contains("unsorted") {
            assert_eq!(apply(o, got, Schema::Pod), m, "{name}: round trip");
        }
    }
}

#[test]
fn go_sort_reverses_equal_keys_in_small_lists() {
    // Less is `<=`, so Go's insertion sort moves later equal elements in front.
    let keys: Vec<String> = ["b", "a", "a"].iter().map(|s| s.to_string()).collect();
    let got = go_sort_by_strings(vec![0, 1, 2], &keys);
    assert_eq!(got, vec![2, 1, 0]);
}

#[test]
fn go_sort_sorts_long_lists() {
    let keys: Vec<String> = (0..500)
        .map(|i| format!("{:04}", (i * 7919) % 500))
        .collect();
    let got = go_sort_by_strings(keys.clone(), &keys);
    let mut want = keys;
    want.sort();
    assert_eq!(got, want);
    let keys: Vec<String> = (0..300).map(|i| format!("{}", i % 3)).collect();
    let got = go_sort_by_strings(keys.clone(), &keys);
    let mut want = keys;
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn go_v_formats_like_fmt_percent_v() {
    assert_eq!(
        go_v(&json!({"b": [1, 1.5, true, null], "a": "x"})),
        "map[a:x b:[1 1.5 true <nil>]]"
    );
    assert_eq!(go_v(&json!(1e21)), "1e+21");
    assert_eq!(go_v(&json!(0.00001)), "1e-05");
}

#[test]
fn deep_nesting_is_rejected_without_overflowing_the_stack() {
    let mut v = json!(1);
    for _ in 0..5000 {
        let mut m = Map::new();
        m.insert("a".into(), Value::Array(vec![v]));
        v = Value::Object(m);
    }
    assert!(strategic_merge_patch(&v, &json!({}), Schema::Pod).is_err());
    assert!(create_two_way_merge_patch(&json!({}), &v, Schema::Pod).is_err());
    // Dropping a deep Value recurses in serde_json; leak it to keep the test's stack small.
    std::mem::forget(v);
}

#[test]
fn large_lists_stay_fast() {
    let orig: Vec<Value> = (0..2000)
        .map(|i| json!({"name": format!("e{i}"), "value": "1"}))
        .collect();
    let mut modi = orig.clone();
    modi.push(json!({"name": "new"}));
    let o = json!({"spec": {"containers": [{"name": "a", "env": orig}]}});
    let m = json!({"spec": {"containers": [{"name": "a", "env": modi}]}});
    let start = std::time::Instant::now();
    let p = diff(&o, &m, Schema::Pod);
    assert_eq!(apply(o, p, Schema::Pod), m);
    assert!(start.elapsed().as_secs() < 5);
}

// ---------------------------------------------------------------------------------------
// Goldens recorded from real kubectl 1.33
// ---------------------------------------------------------------------------------------

fn conformance_dir() -> PathBuf {
    // file!() is relative to the package root for the main crate and absolute when the
    // module is included by path from elsewhere.
    let here = Path::new(file!());
    let base = here
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    base.join("tests/conformance")
}

fn read_json(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fixture_pod(dir: &Path, case: &str, pod_name: &str) -> Value {
    let cases = std::fs::read_to_string(dir.join("oracle/cases.jsonl")).unwrap_or_default();
    let entry: Value = cases
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|c| c["id"] == case)
        .unwrap_or_else(|| panic!("case {case} not in cases.jsonl"));
    let pods: Vec<Value> = entry["fixtures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|f| f.starts_with("pods/"))
        .map(|f| read_json(&dir.join("oracle/fixtures").join(f)))
        .collect();
    pods.iter()
        .find(|p| p["metadata"]["name"] == pod_name)
        .or(pods.first())
        .cloned()
        .unwrap_or_else(|| panic!("no pod fixture for {case}"))
}

fn push_ephemeral(pod: &mut Value, c: Value) {
    let spec = pod["spec"]
        .as_object_mut()
        .unwrap_or_else(|| panic!("pod without spec"));
    match spec
        .get_mut("ephemeralContainers")
        .and_then(Value::as_array_mut)
    {
        Some(a) => a.push(c),
        None => {
            spec.insert("ephemeralContainers".into(), json!([c]));
        }
    }
}

fn add_ptrace(c: &mut Value) {
    let sc = c
        .as_object_mut()
        .unwrap_or_else(|| panic!("container"))
        .entry("securityContext")
        .or_insert(json!({}));
    let caps = sc
        .as_object_mut()
        .unwrap_or_else(|| panic!("sc"))
        .entry("capabilities")
        .or_insert(json!({}));
    let add = caps
        .as_object_mut()
        .unwrap_or_else(|| panic!("caps"))
        .entry("add")
        .or_insert(json!([]));
    if let Some(a) = add.as_array_mut() {
        a.push(json!("SYS_PTRACE"));
    }
}

#[test]
fn two_way_diff_matches_every_kubectl_1_33_ephemeral_patch_golden() {
    let dir = conformance_dir();
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir.join("golden/1.33"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("eph-"))
        })
        .collect();
    entries.sort();
    for path in entries {
        let golden = read_json(&path);
        let case = golden["case"].as_str().unwrap_or_default().to_string();
        let Some(write) = golden["writes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|w| w["method"] == "PATCH")
        else {
            continue;
        };
        let want = &write["body"];
        let pod_name = write["path"]
            .as_str()
            .unwrap_or_default()
            .split('/')
            .nth(6)
            .unwrap_or_default();
        let original = fixture_pod(&dir, &case, pod_name);
        let mut modified = original.clone();
        let new = want["spec"]["ephemeralContainers"]
            .as_array()
            .and_then(|a| a.last())
            .cloned()
            .unwrap_or_else(|| panic!("{case}: no ephemeral container in the body"));
        match case.as_str() {
            "eph-container-name-existing-regular" => {
                // `-c app --profile=general`: the profile adds SYS_PTRACE to the first container
                // named app, which is the regular one.
                let app = modified["spec"]["containers"]
                    .as_array_mut()
                    .and_then(|a| a.iter_mut().find(|c| c["name"] == "app"))
                    .unwrap_or_else(|| panic!("no app container"));
                add_ptrace(app);
                push_ephemeral(&mut modified, new);
            }
            "eph-container-name-existing-ephemeral" => {
                // `-c debug-shell --profile=general`: SYS_PTRACE lands on the existing ephemeral
                // container; the new one is a plain busybox container with the same name.
                let old = modified["spec"]["ephemeralContainers"]
                    .as_array_mut()
                    .and_then(|a| a.iter_mut().find(|c| c["name"] == "debug-shell"))
                    .unwrap_or_else(|| panic!("no debug-shell"));
                add_ptrace(old);
                push_ephemeral(
                    &mut modified,
                    json!({"name": "debug-shell", "image": "busybox", "resources": {}, "terminationMessagePolicy": "File"}),
                );
            }
            _ => push_ephemeral(&mut modified, new),
        }
        let got = diff(&original, &modified, Schema::Pod);
        assert_eq!(&got, want, "{case}");
        assert_eq!(
            serde_json::to_string(&got).unwrap_or_default(),
            serde_json::to_string(want).unwrap_or_default(),
            "{case}: key order"
        );
        if !case.contains("existing-ephemeral") {
            assert_eq!(
                apply(original, got, Schema::Pod),
                modified,
                "{case}: round trip"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 72, "number of 1.33 ephemeral goldens with a PATCH");
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn arb_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "d", "e", "f"]).prop_map(str::to_string)
}

fn arb_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..3).prop_map(|i| json!(i)),
        arb_name().prop_map(Value::String),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    arb_scalar().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "name",
                        "env",
                        "containers",
                        "spec",
                        "$patch",
                        "$retainKeys",
                        "$setElementOrder/env",
                        "$deleteFromPrimitiveList/finalizers",
                        "finalizers",
                        "metadata",
                        "value",
                        "ports",
                        "containerPort",
                    ]),
                    inner
                ),
                0..4
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

fn arb_unique_list(item: impl Strategy<Value = Value>) -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec((arb_name(), item), 0..5).prop_map(|v| {
        let mut seen = std::collections::HashSet::new();
        v.into_iter()
            .filter(|(n, _)| seen.insert(n.clone()))
            .map(|(n, mut item)| {
                if let Some(m) = item.as_object_mut() {
                    m.insert("name".into(), Value::String(n));
                }
                item
            })
            .collect()
    })
}

fn arb_env() -> impl Strategy<Value = Value> {
    arb_unique_list(prop::option::of(arb_name()).prop_map(|v| match v {
        Some(v) => json!({"value": v}),
        None => json!({}),
    }))
    .prop_map(Value::Array)
}

fn arb_container() -> impl Strategy<Value = Value> {
    (
        prop::option::of(arb_name()),
        prop::option::of(arb_env()),
        prop::option::of(prop::collection::vec(arb_name(), 0..3)),
        prop::option::of(prop::collection::btree_set(1u16..5, 0..3)),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(image, env, args, ports, tty)| {
            let mut m = Map::new();
            if let Some(i) = image {
                m.insert("image".into(), json!(i));
            }
            if let Some(e) = env {
                m.insert("env".into(), e);
            }
            if let Some(a) = args {
                m.insert("args".into(), json!(a));
            }
            if let Some(p) = ports {
                m.insert(
                    "ports".into(),
                    Value::Array(p.into_iter().map(|p| json!({"containerPort": p})).collect()),
                );
            }
            if let Some(t) = tty {
                m.insert("securityContext".into(), json!({"privileged": t}));
            }
            Value::Object(m)
        })
}

fn arb_pod() -> impl Strategy<Value = Value> {
    (
        arb_unique_list(arb_container()),
        prop::option::of(arb_unique_list(arb_container())),
        prop::option::of(prop::collection::btree_set(arb_name(), 0..4)),
        prop::option::of(prop::collection::btree_map(arb_name(), arb_name(), 0..3)),
    )
        .prop_map(|(containers, eph, finalizers, labels)| {
            let mut spec = Map::new();
            spec.insert("containers".into(), Value::Array(containers));
            if let Some(e) = eph {
                spec.insert("ephemeralContainers".into(), Value::Array(e));
            }
            let mut meta = Map::new();
            if let Some(f) = finalizers {
                meta.insert("finalizers".into(), json!(f));
            }
            if let Some(l) = labels {
                meta.insert("labels".into(), json!(l));
            }
            json!({"metadata": meta, "spec": spec})
        })
}

proptest! {
    #[test]
    fn applying_the_two_way_patch_reproduces_modified(o in arb_pod(), m in arb_pod()) {
        let p = diff(&o, &m, Schema::Pod);
        prop_assert_eq!(apply(o, p, Schema::Pod), m);
    }

    #[test]
    fn arbitrary_json_never_panics(a in arb_json(), b in arb_json()) {
        for s in [Schema::Pod, Schema::Container] {
            let _ = strategic_merge_patch(&a, &b, s);
            let _ = create_two_way_merge_patch(&a, &b, s);
            if let Ok(p) = create_two_way_merge_patch(&a, &b, s) {
                let _ = strategic_merge_patch(&a, &p, s);
            }
        }
    }
}
