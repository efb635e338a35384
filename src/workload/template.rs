//! `--copy-to` of a workload target: the source pod is built from the workload's pod template
//! (a CronJob's `spec.jobTemplate.spec.template`), without what would tie the copy to the
//! controller, then copied as kubectl copies a pod.

use std::borrow::Cow;

use super::selector;
use super::{at, Kind};
use crate::explain::PatchOp;
use crate::json::{Map, Value};
use crate::messages::Message;
use crate::options::DebugOptions;
use crate::target::resolve_target;

/// The labels controllers put on the pods they create (Kubernetes' well-known labels):
/// a copy carrying them would look like one of the controller's pods.
pub(crate) const CONTROLLER_LABELS: &[&str] = &[
    "pod-template-hash",
    "controller-revision-hash",
    "pod-template-generation",
    "statefulset.kubernetes.io/pod-name",
    "apps.kubernetes.io/pod-index",
    "controller-uid",
    "job-name",
    "batch.kubernetes.io/controller-uid",
    "batch.kubernetes.io/job-name",
    "batch.kubernetes.io/job-completion-index",
];

/// What a workload's template became: the pod to copy, the lines saying what changed, and
/// (with `--explain`) the operations from the template as a pod to it.
pub(crate) struct Source {
    pub(crate) pod: Value,
    pub(crate) messages: Vec<Message>,
    pub(crate) ops: Vec<PatchOp>,
}

/// With `--copy-to`, the pod to copy for a workload object that a workload target read: its
/// template as a Pod, and the lines saying what changed. `None` for anything else (a `-f`
/// workload, a workload object without a workload target: kubectl's refusal stays).
pub(crate) fn copy_source(
    options: &DebugOptions,
    namespace: &str,
    object: &Value,
) -> Option<Source> {
    if options.copy_to.is_empty() || !options.filename.is_empty() {
        return None;
    }
    let kind = Kind::of_object(object)?;
    let named = options
        .targets
        .iter()
        .any(|t| resolve_target(t, namespace).is_ok_and(|r| r.resource == kind.resource()));
    if !named {
        return None;
    }
    let name = at(object, &["metadata", "name"])
        .and_then(Value::as_str)
        .unwrap_or("");
    let shown = kind.display(name);
    let mut messages = Vec::new();
    let mut ops = Vec::new();
    let template_pod = pod_from_template(kind, object, false);
    let mut pod = pod_from_template(kind, object, true);
    if options.explain {
        explain_step(&template_pod, &pod, "workload:controller-labels", &mut ops);
    }
    if options.keep_labels && kind.owns_pods() {
        let before = options.explain.then(|| pod.clone());
        let dropped = drop_selected_labels(kind, object, &mut pod, &shown);
        if let Some(before) = before {
            explain_step(&before, &pod, "workload:selector-labels", &mut ops);
        }
        if !dropped.is_empty() {
            messages.push(Message::stderr(format!(
                "Warning: not keeping label(s) {} of {shown}'s template: the copy would match its selector, and the controller would adopt it (and could delete it)",
                dropped.join(", ")
            )));
        }
    }
    if options.same_node {
        messages.push(Message::stderr(format!(
            "Warning: --same-node: the pod template of {shown} has no node; the copy is scheduled like any new pod"
        )));
    }
    Some(Source { pod, messages, ops })
}

/// The operations from `before` to `after`, each with `cause`.
fn explain_step(before: &Value, after: &Value, cause: &str, ops: &mut Vec<PatchOp>) {
    let start = ops.len();
    crate::explain::diff(before, after, "", ops);
    for op in ops.iter_mut().skip(start) {
        op.cause = cause.to_string();
    }
}

/// The template of a workload object (a CronJob's job template's).
fn template(kind: Kind, workload: &Value) -> Option<&Value> {
    match kind {
        Kind::CronJob => at(workload, &["spec", "jobTemplate", "spec", "template"]),
        _ => at(workload, &["spec", "template"]),
    }
}

/// A Pod from a workload's template: named and placed like the workload (the copy's own
/// name is `--copy-to`'s), the template's labels (minus [`CONTROLLER_LABELS`] when `strip`),
/// its annotations, its spec; no owner references.
pub(crate) fn pod_from_template(kind: Kind, workload: &Value, strip: bool) -> Value {
    let template = template(kind, workload);
    let meta = template.and_then(|t| t.get("metadata"));
    let mut metadata = Map::new();
    for key in ["name", "namespace"] {
        if let Some(v) = at(workload, &["metadata", key]) {
            metadata.insert(key.into(), v.clone());
        }
    }
    if let Some(labels) = meta
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_object)
    {
        let kept: Map<String, Value> = labels
            .iter()
            .filter(|(k, _)| !strip || !CONTROLLER_LABELS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !kept.is_empty() {
            metadata.insert("labels".into(), Value::Object(kept));
        }
    }
    if let Some(annotations) = meta.and_then(|m| m.get("annotations")) {
        metadata.insert("annotations".into(), annotations.clone());
    }
    let mut pod = Map::new();
    pod.insert("apiVersion".into(), Value::String("v1".into()));
    pod.insert("kind".into(), Value::String("Pod".into()));
    pod.insert("metadata".into(), Value::Object(metadata));
    let spec = template
        .and_then(|t| t.get("spec"))
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    pod.insert("spec".into(), spec);
    Value::Object(pod)
}

/// When the copy's labels match the selector of the controller that owns the pods, the keys
/// the selector needs are removed (each one breaks the match). The keys removed.
fn drop_selected_labels(kind: Kind, workload: &Value, pod: &mut Value, shown: &str) -> Vec<String> {
    let Ok(selector) = selector::of_workload(kind, workload, shown) else {
        return Vec::new();
    };
    if !selector.matches(at(pod, &["metadata", "labels"])) {
        return Vec::new();
    }
    let Some(labels) = pod
        .get_mut("metadata")
        .and_then(|m| m.get_mut("labels"))
        .and_then(Value::as_object_mut)
    else {
        return Vec::new();
    };
    let mut dropped = Vec::new();
    for r in selector.requirements.iter().filter(|r| r.needs_key()) {
        if labels.remove(&r.key).is_some() {
            dropped.push(r.key.clone());
        }
    }
    dropped
}

/// [`copy_source`] for planning: the object to plan, the lines to print first, and the
/// operations that come before the copy's (`--explain`).
pub(crate) fn planned_source<'a>(
    options: &DebugOptions,
    namespace: &str,
    object: Cow<'a, Value>,
) -> (Cow<'a, Value>, Vec<Message>, Vec<PatchOp>) {
    match copy_source(options, namespace, &object) {
        Some(s) => (Cow::Owned(s.pod), s.messages, s.ops),
        None => (object, Vec::new(), Vec::new()),
    }
}
