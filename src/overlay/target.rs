//! Which container is "the target" of `--as-target-user` and `--mount-target-volumes`, and
//! what of it they copy (taken from the pod as it was, before any profile touched it).
//!
//! - Ephemeral journey: the `--target` container; without `--target`, the pod's default
//!   container.
//! - Copy journey (where kubectl forbids `--target`): the container `-c` names when it is one
//!   of the source's (kubectl then edits that container in place: its own user and mounts are
//!   restored after the profile); otherwise the pod's default container.
//! - The default container is the one `kubectl exec`/`logs` pick: the regular container the
//!   `kubectl.kubernetes.io/default-container` annotation names, else the first regular one.

use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::{Map, Value};
use crate::pod::{containers, name_of, ContainerKind};

type Obj = Map<String, Value>;

/// The annotation naming a pod's default container.
const DEFAULT_CONTAINER: &str = "kubectl.kubernetes.io/default-container";

/// What the overlays copy from the target container.
#[cfg_attr(test, derive(Debug, Clone, PartialEq))]
pub(crate) struct TargetContainer {
    /// Its name.
    pub(crate) name: String,
    /// Its effective `runAsUser` (its own, else the pod's), as written.
    pub(crate) run_as_user: Option<Value>,
    /// Its effective `runAsGroup`.
    pub(crate) run_as_group: Option<Value>,
    /// Its effective `runAsNonRoot`.
    pub(crate) run_as_non_root: Option<bool>,
    /// Its `volumeMounts`.
    pub(crate) mounts: Vec<Value>,
}

impl TargetContainer {
    /// The target of `pod`: the container named `explicit` (`--target`; or `-c` on a copy,
    /// where `or_default` lets a name that is not the source's fall back to the default
    /// container), else the default container. `None` when no overlay flag needs one.
    ///
    /// # Errors
    /// [`Code::OverlayNoTargetContainer`]: no container of that name, or none at all.
    pub(crate) fn find(
        pod: &Value,
        explicit: &str,
        or_default: bool,
        o: &crate::options::DebugOptions,
    ) -> Result<Option<TargetContainer>, Error> {
        if !super::container_flags(o) {
            return Ok(None);
        }
        let empty = Obj::new();
        let spec = crate::pod::spec(pod).unwrap_or(&empty);
        let exists = [ContainerKind::Regular, ContainerKind::Init]
            .into_iter()
            .any(|k| containers(spec, k).any(|c| name_of(c) == explicit));
        let name = if explicit.is_empty() || (or_default && !exists) {
            default_container(pod, spec)
        } else {
            explicit
        };
        let found = [ContainerKind::Regular, ContainerKind::Init]
            .into_iter()
            .find_map(|k| containers(spec, k).find(|c| !name.is_empty() && name_of(c) == name));
        let Some(c) = found else {
            let what = if name.is_empty() {
                "has no container".to_string()
            } else {
                format!("has no container {}", go_quote(name))
            };
            return Err(Error::new(
                Code::OverlayNoTargetContainer,
                format!("the target pod {what} whose user or volumes to copy"),
            ));
        };
        let own = c.get("securityContext").and_then(Value::as_object);
        let pod_sc = spec.get("securityContext").and_then(Value::as_object);
        let pick = |key: &str| {
            [own, pod_sc]
                .into_iter()
                .flatten()
                .find_map(|sc| sc.get(key).filter(|v| !v.is_null()).cloned())
        };
        Ok(Some(TargetContainer {
            name: name_of(c).to_string(),
            run_as_user: pick("runAsUser"),
            run_as_group: pick("runAsGroup"),
            run_as_non_root: pick("runAsNonRoot").and_then(|v| v.as_bool()),
            mounts: c
                .get("volumeMounts")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        }))
    }
}

/// The regular container the default-container annotation names, else the first one.
fn default_container<'a>(pod: &'a Value, spec: &'a Obj) -> &'a str {
    let annotated = pod
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(DEFAULT_CONTAINER))
        .and_then(Value::as_str)
        .filter(|n| containers(spec, ContainerKind::Regular).any(|c| name_of(c) == *n));
    annotated
        .or_else(|| containers(spec, ContainerKind::Regular).next().map(name_of))
        .unwrap_or("")
}
