//! Reading and editing the containers of a pod held as JSON.

use crate::json::{Map, Value};

/// Which list a container lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContainerKind {
    /// `spec.initContainers`.
    Init,
    /// `spec.containers`.
    Regular,
    /// `spec.ephemeralContainers`.
    Ephemeral,
}

impl ContainerKind {
    /// The PodSpec field holding containers of this kind.
    pub(crate) fn field(self) -> &'static str {
        match self {
            ContainerKind::Init => "initContainers",
            ContainerKind::Regular => "containers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        }
    }
}

/// The `spec` object of a pod, if it has one.
pub(crate) fn spec(pod: &Value) -> Option<&Map<String, Value>> {
    pod.get("spec").and_then(Value::as_object)
}

/// The `spec` object of a pod, mutably.
pub(crate) fn spec_mut(pod: &mut Value) -> Option<&mut Map<String, Value>> {
    pod.get_mut("spec").and_then(Value::as_object_mut)
}

/// The containers of one list (empty when absent or malformed).
pub(crate) fn containers(
    spec: &Map<String, Value>,
    kind: ContainerKind,
) -> impl Iterator<Item = &Map<String, Value>> + Clone {
    spec.get(kind.field())
        .and_then(Value::as_array)
        .map(|a| a.as_slice())
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_object)
}

/// The name of a container (`""` when absent).
pub(crate) fn name_of(c: &Map<String, Value>) -> &str {
    c.get("name").and_then(Value::as_str).unwrap_or("")
}

/// Every container name of the pod, init → regular → ephemeral.
pub(crate) fn all_container_names(spec: &Map<String, Value>) -> impl Iterator<Item = &str> + Clone {
    [
        ContainerKind::Init,
        ContainerKind::Regular,
        ContainerKind::Ephemeral,
    ]
    .into_iter()
    .flat_map(move |k| containers(spec, k).map(name_of))
}

/// The first container named `name` in one list, mutably.
pub(crate) fn container_in_mut<'a>(
    spec: &'a mut Map<String, Value>,
    kind: ContainerKind,
    name: &str,
) -> Option<&'a mut Map<String, Value>> {
    spec.get_mut(kind.field())?
        .as_array_mut()?
        .iter_mut()
        .filter_map(Value::as_object_mut)
        .find(|c| name_of(c) == name)
}

/// Mirrors kubectl's profile helpers' lookup (`modifyContainer` via `podutils.VisitContainers`):
/// the first container named `name`, visiting init, then regular, then ephemeral containers.
pub(crate) fn first_container_mut<'a>(
    spec: &'a mut Map<String, Value>,
    name: &str,
) -> Option<&'a mut Map<String, Value>> {
    let kind = [
        ContainerKind::Init,
        ContainerKind::Regular,
        ContainerKind::Ephemeral,
    ]
    .into_iter()
    .find(|k| containers(spec, *k).any(|c| name_of(c) == name))?;
    container_in_mut(spec, kind, name)
}

/// Apply `f` to every container of one list.
pub(crate) fn for_each_container(
    spec: &mut Map<String, Value>,
    kind: ContainerKind,
    mut f: impl FnMut(&mut Map<String, Value>),
) {
    if let Some(list) = spec.get_mut(kind.field()).and_then(Value::as_array_mut) {
        list.iter_mut()
            .filter_map(Value::as_object_mut)
            .for_each(&mut f);
    }
}
