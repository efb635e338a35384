//! The two-way diff against goldens recorded from real kubectl 1.33.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use super::*;

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
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
