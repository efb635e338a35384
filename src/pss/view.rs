//! What the checks read of a pod, with Go's nil semantics (`null` or absent is nil) and the
//! wording helpers of `policy/helpers.go`.

use crate::json::{Map, Value};
use crate::pod::{containers, ContainerKind};
use std::collections::BTreeMap;

type Obj = Map<String, Value>;

/// A pod as the checks see it: its metadata and spec (empty when absent or malformed).
pub(super) struct PodView<'a> {
    annotations: Option<&'a Obj>,
    spec: Option<&'a Obj>,
    /// Every container, init → regular → ephemeral (`visitContainers`), gathered once: the
    /// checks loop over a slice (one iterator type for all of them keeps the Wasm small).
    containers: Vec<&'a Obj>,
    /// `spec.volumes` that are objects.
    volumes: Vec<&'a Obj>,
}

impl<'a> PodView<'a> {
    pub(super) fn new(pod: &'a Value) -> Self {
        let spec = crate::pod::spec(pod);
        let mut containers_list = Vec::new();
        for kind in [
            ContainerKind::Init,
            ContainerKind::Regular,
            ContainerKind::Ephemeral,
        ] {
            if let Some(s) = spec {
                containers_list.extend(containers(s, kind));
            }
        }
        let volumes = spec
            .and_then(|s| s.get("volumes"))
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_object)
            .collect();
        PodView {
            annotations: pod
                .get("metadata")
                .and_then(|m| m.get("annotations"))
                .and_then(Value::as_object),
            spec,
            containers: containers_list,
            volumes,
        }
    }

    /// The pod's annotations, in their order.
    pub(super) fn annotations(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        self.annotations
            .into_iter()
            .flat_map(|m| m.iter().map(|(k, v)| (k.as_str(), v)))
    }

    /// An annotation's value (a non-string value reads as Go's zero value, `""`).
    pub(super) fn annotation(&self, key: &str) -> Option<&'a str> {
        self.annotations
            .and_then(|m| m.get(key))
            .map(|v| v.as_str().unwrap_or(""))
    }

    /// A field of `spec`, unless null.
    pub(super) fn spec_field(&self, key: &str) -> Option<&'a Value> {
        self.spec.and_then(|s| s.get(key)).filter(|v| !v.is_null())
    }

    /// A boolean field of `spec` (`hostNetwork`, …), `false` when unset.
    pub(super) fn spec_flag(&self, key: &str) -> bool {
        self.spec_field(key).and_then(Value::as_bool) == Some(true)
    }

    /// `spec.securityContext`, unless nil.
    pub(super) fn pod_security_context(&self) -> Option<&'a Obj> {
        self.spec_field("securityContext")
            .and_then(Value::as_object)
    }

    /// `spec.volumes`.
    pub(super) fn volumes(&self) -> impl Iterator<Item = &'a Obj> + '_ {
        self.volumes.iter().copied()
    }

    /// Every container, init → regular → ephemeral (`visitContainers`).
    pub(super) fn containers(&self) -> impl Iterator<Item = &'a Obj> + '_ {
        self.containers.iter().copied()
    }

    /// `spec.os.name == "windows"` (the 1.25 exemptions).
    pub(super) fn is_windows(&self) -> bool {
        self.spec_field("os")
            .and_then(|o| o.get("name"))
            .and_then(Value::as_str)
            == Some("windows")
    }

    /// `spec.hostUsers == false` (`relaxPolicyForUserNamespacePod`, 1.35+).
    pub(super) fn in_user_namespace(&self) -> bool {
        self.spec_field("hostUsers").and_then(Value::as_bool) == Some(false)
    }
}

/// A field of an object, unless null.
pub(super) fn field<'a>(o: &'a Obj, key: &str) -> Option<&'a Value> {
    o.get(key).filter(|v| !v.is_null())
}

/// An object field of an object, unless nil.
pub(super) fn object<'a>(o: &'a Obj, key: &str) -> Option<&'a Obj> {
    field(o, key).and_then(Value::as_object)
}

/// A string field (Go's zero value `""` when unset).
pub(super) fn string<'a>(o: &'a Obj, key: &str) -> &'a str {
    field(o, key).and_then(Value::as_str).unwrap_or("")
}

/// The strings of an array field.
pub(super) fn strings<'a>(o: &'a Obj, key: &str) -> impl Iterator<Item = &'a str> {
    field(o, key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|v| v.as_str().unwrap_or(""))
}

/// A container's `securityContext`, unless nil.
pub(super) fn security_context(c: &Obj) -> Option<&Obj> {
    object(c, "securityContext")
}

/// A container's name.
pub(super) fn name(c: &Obj) -> &str {
    string(c, "name")
}

/// Mirrors `policy/helpers.go` `pluralize`.
pub(super) fn pluralize<'s>(singular: &'s str, plural: &'s str, count: usize) -> &'s str {
    if count == 1 {
        singular
    } else {
        plural
    }
}

/// Mirrors `policy/helpers.go` `joinQuote`: `"a", "b"` (no escaping).
pub(super) fn join_quote<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let inner: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    format!("\"{}\"", inner.join("\", \""))
}

/// `container "a"` / `containers "a", "b"`.
pub(super) fn containers_phrase<S: AsRef<str>>(names: &[S]) -> String {
    format!(
        "{} {}",
        pluralize("container", "containers", names.len()),
        join_quote(names)
    )
}

/// Go's `sets.NewString(…).List()`: the distinct strings, sorted. A `BTreeMap<String, usize>`
/// (the value unused) because the crate has that instantiation already (`options`): a
/// `BTreeSet` per element type, or a sort of strings, cost the Wasm several KB.
#[derive(Default)]
pub(super) struct Distinct(BTreeMap<String, usize>);

impl Distinct {
    /// Whether nothing was added.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Add `s` (a repeat is kept once).
    pub(super) fn insert(&mut self, s: &str) {
        self.0.insert(s.to_string(), 0);
    }

    /// The distinct strings, sorted by bytes (Go's string order).
    pub(super) fn into_sorted(self) -> Vec<String> {
        self.0.into_keys().collect()
    }
}
