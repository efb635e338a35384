//! The pod-level overlays of a pod copy or node debug pod, applied after the profile (which
//! drops the source's labels and annotations; `--custom` changes only the container):
//!
//! - `--image-pull-secret NAME`: appended to `spec.imagePullSecrets` (a copy keeps the
//!   source's), once per name.
//! - `--label k=v`, `--annotation k=v`: set in `metadata` (a given key replaces a kept one).
//!   All annotations together stay within the API server's 256 KiB.
//! - `--node-selector k=v`: set in `spec.nodeSelector`. A node debug pod is bound to its node
//!   (`nodeName`), where the kubelet refuses a pod whose selector the node does not match, so
//!   the node's labels are checked here ([`Code::OverlayNodeSelectorMismatch`]); the point is
//!   admission (e.g. `PodNodeSelector` or policies that require a selector).
//! - `--tolerations-from-node` (node pods): instead of kubectl's blanket toleration
//!   (`operator: Exists`), one toleration per taint of the node (for admission policies that
//!   refuse blanket tolerations); a node without taints gets none.

use super::syntax::ANNOTATIONS_LIMIT;
use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::{ensure_array, ensure_object, str_at, Map, Value};
use crate::options::{DebugOptions, Pair};

type Obj = Map<String, Value>;

/// Apply the pod flags to `pod` (a copy, or the node debug pod of `node`).
///
/// # Errors
/// [`Code::OverlayNodeSelectorMismatch`]; [`Code::OverlayInvalidValue`] for annotations over
/// the size limit.
pub(crate) fn apply_pod_fields(
    pod: &mut Value,
    o: &DebugOptions,
    node: Option<&Value>,
) -> Result<(), Error> {
    if super::pod_flag(o).is_none() {
        return Ok(());
    }
    if let Some(node) = node {
        check_node_selector(node, &o.node_selector)?;
    }
    let Some(pod) = pod.as_object_mut() else {
        return Ok(());
    };
    if let Some(meta) = ensure_object(pod, "metadata") {
        set_pairs(meta, "labels", &o.label);
        set_pairs(meta, "annotations", &o.annotation);
        let size: usize = meta
            .get("annotations")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| k.len() + v.as_str().map_or(0, str::len))
            .sum();
        if !o.annotation.is_empty() && size > ANNOTATIONS_LIMIT {
            return Err(Error::new(
                Code::OverlayInvalidValue,
                format!("--annotation: the pod's annotations take {size} bytes, over the API server's limit of {ANNOTATIONS_LIMIT}"),
            ));
        }
    }
    let Some(spec) = ensure_object(pod, "spec") else {
        return Ok(());
    };
    set_pairs(spec, "nodeSelector", &o.node_selector);
    if !o.image_pull_secret.is_empty() {
        if let Some(list) = ensure_array(spec, "imagePullSecrets") {
            for name in &o.image_pull_secret {
                let present = list
                    .iter()
                    .any(|s| s.get("name").and_then(Value::as_str) == Some(name));
                if !present {
                    let mut s = Obj::new();
                    s.insert("name".into(), Value::String(name.clone()));
                    list.push(Value::Object(s));
                }
            }
        }
    }
    if o.tolerations_from_node {
        let tolerations = node.map(tolerations_for).unwrap_or_default();
        if tolerations.is_empty() {
            spec.shift_remove("tolerations");
        } else {
            spec.insert("tolerations".into(), Value::Array(tolerations));
        }
    }
    Ok(())
}

/// Set each pair in the object at `key` (created when needed).
fn set_pairs(obj: &mut Obj, key: &str, pairs: &[Pair]) {
    if pairs.is_empty() {
        return;
    }
    if let Some(map) = ensure_object(obj, key) {
        for p in pairs {
            map.insert(p.name.clone(), Value::String(p.value.clone()));
        }
    }
}

/// The node's labels must match every `--node-selector` pair.
fn check_node_selector(node: &Value, selector: &[Pair]) -> Result<(), Error> {
    let labels = node
        .get("metadata")
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_object);
    let node_name = node
        .get("metadata")
        .and_then(Value::as_object)
        .map_or("", |m| str_at(m, "name"));
    for p in selector {
        let has = labels.and_then(|l| l.get(&p.name)).and_then(Value::as_str);
        if has != Some(p.value.as_str()) {
            let why = match has {
                Some(v) => format!("has {}={v}", p.name),
                None => format!("has no label {}", go_quote(&p.name)),
            };
            return Err(Error::new(
                Code::OverlayNodeSelectorMismatch,
                format!(
                    "--node-selector {}={}: node {} {why}, so its kubelet would refuse the debug pod",
                    p.name,
                    p.value,
                    go_quote(node_name)
                ),
            ));
        }
    }
    Ok(())
}

/// One toleration per taint of the node: `Equal` with its value, `Exists` without one.
pub(super) fn tolerations_for(node: &Value) -> Vec<Value> {
    let taints = node
        .get("spec")
        .and_then(|s| s.get("taints"))
        .and_then(Value::as_array);
    taints
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|t| {
            let mut tol = Obj::new();
            let key = str_at(t, "key");
            let value = str_at(t, "value");
            if !key.is_empty() {
                tol.insert("key".into(), Value::String(key.to_string()));
            }
            let operator = if value.is_empty() { "Exists" } else { "Equal" };
            tol.insert("operator".into(), Value::String(operator.into()));
            if !value.is_empty() {
                tol.insert("value".into(), Value::String(value.to_string()));
            }
            let effect = str_at(t, "effect");
            if !effect.is_empty() {
                tol.insert("effect".into(), Value::String(effect.to_string()));
            }
            Value::Object(tol)
        })
        .collect()
}
