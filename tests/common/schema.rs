//! Schema check of our output against the typed Kubernetes API (`k8s-openapi`, Kubernetes
//! 1.37, a native dev-dependency: never in the Wasm): every pod we create or patch must
//! deserialize as `k8s_openapi::api::core::v1::Pod`, every element of an ephemeral-container
//! patch as `EphemeralContainer`.
//!
//! k8s-openapi's deserializers ignore unknown fields (there is no `deny_unknown_fields`), so
//! the check is two steps: the typed decode (catches a value of the wrong JSON type, e.g. a
//! string where an `int32` belongs), then a round trip through the typed value, where every
//! non-null key of our body must come back at the same place (catches a misspelt or unknown
//! field). Fields a body legitimately holds although the typed API refuses them (a target's
//! own fields, kept: README, *nothing lost*) are listed by the caller, as JSON pointers, and
//! removed before the check.
#![allow(dead_code)]

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The problems of a pod body, the fields at the pointers `except` aside: `None` when it is a
/// valid Pod.
pub fn check_pod(body: &Value, except: &[&str]) -> Option<String> {
    let mut body = body.clone();
    for pointer in except {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        if let Some(m) = body.pointer_mut(parent).and_then(Value::as_object_mut) {
            m.remove(key);
        }
    }
    check::<Pod>(&body, "Pod")
}

/// The problems of one element of `spec.ephemeralContainers` in a strategic merge patch
/// (its `$`-directives aside): `None` when it is a valid EphemeralContainer.
pub fn check_ephemeral_container(element: &Value) -> Option<String> {
    let mut element = element.clone();
    if let Some(m) = element.as_object_mut() {
        m.retain(|k, _| !k.starts_with('$'));
    }
    check::<EphemeralContainer>(&element, "EphemeralContainer")
}

/// The problems of a PATCH body of `pods/NAME/ephemeralcontainers`: each element of its
/// `spec.ephemeralContainers`.
pub fn check_ephemeral_patch(body: &Value) -> Option<String> {
    let items = body
        .pointer("/spec/ephemeralContainers")
        .and_then(Value::as_array)?;
    let problems: Vec<String> = items
        .iter()
        .enumerate()
        .filter_map(|(i, e)| check_ephemeral_container(e).map(|p| format!("[{i}] {p}")))
        .collect();
    (!problems.is_empty()).then(|| problems.join("; "))
}

fn check<T: DeserializeOwned + Serialize>(body: &Value, what: &str) -> Option<String> {
    let typed: T = match serde_json::from_value(body.clone()) {
        Ok(t) => t,
        Err(e) => return Some(format!("not a {what}: {e}")),
    };
    let back = match serde_json::to_value(&typed) {
        Ok(v) => v,
        Err(e) => return Some(format!("{what} does not serialize: {e}")),
    };
    let mut unknown = Vec::new();
    unknown_fields(body, &back, &mut Vec::new(), &mut unknown);
    (!unknown.is_empty()).then(|| format!("fields unknown to {what}: {}", unknown.join(", ")))
}

/// Every non-null key of `ours` that the typed round trip `back` lost, as a JSON pointer.
fn unknown_fields(ours: &Value, back: &Value, at: &mut Vec<String>, out: &mut Vec<String>) {
    match (ours, back) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                if v.is_null() {
                    continue;
                }
                at.push(k.replace('~', "~0").replace('/', "~1"));
                match b.get(k) {
                    Some(bv) => unknown_fields(v, bv, at, out),
                    None => out.push(format!("/{}", at.join("/"))),
                }
                at.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (v, bv)) in a.iter().zip(b).enumerate() {
                at.push(i.to_string());
                unknown_fields(v, bv, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[test]
fn the_schema_check_catches_wrong_types_and_unknown_fields() {
    let pod = serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p", "labels": {"a/b": "c"}, "creationTimestamp": null},
        "spec": {"containers": [{"name": "c", "image": "i", "resources": {},
                                 "ports": [{"containerPort": 80}]}]},
    });
    assert_eq!(check_pod(&pod, &[]), None);
    let mut bad = pod.clone();
    let set = |v: &mut Value, at: &str, key: &str, x: &str| {
        if let Some(m) = v.pointer_mut(at).and_then(Value::as_object_mut) {
            m.insert(key.into(), x.into());
        }
    };
    set(
        &mut bad,
        "/spec/containers/0/ports/0",
        "containerPort",
        "80",
    );
    assert!(check_pod(&bad, &[]).is_some_and(|e| e.starts_with("not a Pod: invalid type")));
    assert_eq!(check_pod(&bad, &["/spec/containers/0/ports"]), None);
    let mut bad = pod;
    set(&mut bad, "/spec/containers/0", "imagePullPolice", "Always");
    assert_eq!(
        check_pod(&bad, &[]).as_deref(),
        Some("fields unknown to Pod: /spec/containers/0/imagePullPolice")
    );
    let patch = serde_json::json!({"spec": {"ephemeralContainers": [
        {"name": "d", "image": "busybox", "targetContainerName": "c", "$patch": "merge"},
        {"name": "e", "stdin": "yes"},
    ]}});
    assert!(check_ephemeral_patch(&patch).is_some_and(|e| e.starts_with("[1] not a")));
}
