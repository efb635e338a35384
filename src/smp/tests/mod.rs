//! Tests for the strategic merge patch (test code may panic: a failed expectation is a test failure).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use kubedebug_skim::json;

use super::go_value::go_v;
use super::list_order::go_sort_by_strings;
use super::*;

mod goldens;
mod properties;

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
