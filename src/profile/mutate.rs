//! One function per kubectl profile helper (`pkg/cmd/debug/profiles.go`), on JSON pods.

use crate::json::{Map, Value};
use kubedebug_skim::json;

use crate::json::{ensure_array, ensure_object};
use crate::pod::{container_in_mut, first_container_mut, for_each_container, ContainerKind};

type Obj = Map<String, Value>;

/// Apply `f` to the first container named `name` (init → regular → ephemeral), if any.
fn modify_container(spec: &mut Obj, name: &str, f: impl FnOnce(&mut Obj)) {
    if let Some(c) = first_container_mut(spec, name) {
        f(c);
    }
}

/// The container's `securityContext`, created when absent.
fn security_context(c: &mut Obj) -> Option<&mut Obj> {
    ensure_object(c, "securityContext")
}

/// Mirrors kubectl `mountRootPartition`: a `host-root` hostPath volume for `/`, mounted
/// at `/host` in the first regular container named `name`.
pub(crate) fn mount_root_partition(spec: &mut Obj, name: &str) {
    if let Some(volumes) = ensure_array(spec, "volumes") {
        volumes.push(json!({"name": "host-root", "hostPath": {"path": "/"}}));
    }
    if let Some(c) = container_in_mut(spec, ContainerKind::Regular, name) {
        if let Some(mounts) = ensure_array(c, "volumeMounts") {
            mounts.push(json!({"name": "host-root", "mountPath": "/host"}));
        }
    }
}

/// Mirrors kubectl `useHostNamespaces`: `hostNetwork`, `hostPID`, `hostIPC` = true.
pub(crate) fn use_host_namespaces(spec: &mut Obj) {
    for key in ["hostNetwork", "hostPID", "hostIPC"] {
        spec.insert(key.to_string(), Value::Bool(true));
    }
}

/// Mirrors kubectl `shareProcessNamespace`: set it to true only when it is still unset.
pub(crate) fn share_process_namespace(spec: &mut Obj) {
    if spec.get("shareProcessNamespace").is_none_or(Value::is_null) {
        spec.insert("shareProcessNamespace".to_string(), Value::Bool(true));
    }
}

/// Mirrors kubectl `clearSecurityContext`: the container's `securityContext` = nil.
pub(crate) fn clear_security_context(spec: &mut Obj, name: &str) {
    modify_container(spec, name, |c| {
        c.shift_remove("securityContext");
    });
}

/// Mirrors kubectl `setPrivileged`: `securityContext.privileged` = true.
pub(crate) fn set_privileged(spec: &mut Obj, name: &str) {
    modify_container(spec, name, |c| {
        if let Some(sc) = security_context(c) {
            sc.insert("privileged".to_string(), Value::Bool(true));
        }
    });
}

/// Mirrors kubectl `disallowRoot`: `securityContext.runAsNonRoot` = true.
pub(crate) fn disallow_root(spec: &mut Obj, name: &str) {
    modify_container(spec, name, |c| {
        if let Some(sc) = security_context(c) {
            sc.insert("runAsNonRoot".to_string(), Value::Bool(true));
        }
    });
}

/// Mirrors kubectl `dropCapabilities`: `capabilities.drop` = `[ALL]`, `capabilities.add` = nil.
pub(crate) fn drop_capabilities(spec: &mut Obj, name: &str) {
    modify_container(spec, name, |c| {
        if let Some(caps) = security_context(c).and_then(|sc| ensure_object(sc, "capabilities")) {
            caps.insert("drop".to_string(), json!(["ALL"]));
            caps.shift_remove("add");
        }
    });
}

/// Mirrors kubectl `disallowPrivilegeEscalation` (1.28+): `allowPrivilegeEscalation` = false.
pub(crate) fn disallow_privilege_escalation(spec: &mut Obj, name: &str) {
    modify_container(spec, name, |c| {
        if let Some(sc) = security_context(c) {
            sc.insert("allowPrivilegeEscalation".to_string(), Value::Bool(false));
        }
    });
}

/// Mirrors kubectl `setSeccompProfile` (1.28+): `seccompProfile` = {type: RuntimeDefault}.
pub(crate) fn set_seccomp_profile(spec: &mut Obj, name: &str) {
    modify_container(spec, name, |c| {
        if let Some(sc) = security_context(c) {
            sc.insert(
                "seccompProfile".to_string(),
                json!({"type": "RuntimeDefault"}),
            );
        }
    });
}

/// Mirrors kubectl `addCapability`: append to `capabilities.add`, without de-duplication.
pub(crate) fn add_capabilities(spec: &mut Obj, name: &str, caps: &[&str]) {
    modify_container(spec, name, |c| {
        let add = security_context(c)
            .and_then(|sc| ensure_object(sc, "capabilities"))
            .and_then(|caps| ensure_array(caps, "add"));
        if let Some(add) = add {
            add.extend(caps.iter().map(|s| Value::String(s.to_string())));
        }
    });
}

/// Remove the pod's labels (`metadata.labels` = nil).
pub(crate) fn remove_labels(pod: &mut Obj) {
    if let Some(meta) = pod.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.shift_remove("labels");
    }
}

/// Remove the pod's annotations (`metadata.annotations` = nil).
pub(crate) fn remove_annotations(pod: &mut Obj) {
    if let Some(meta) = pod.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.shift_remove("annotations");
    }
}

/// Remove one kind of probe (`livenessProbe`, …) from every regular container.
pub(crate) fn remove_probe(spec: &mut Obj, probe: &str) {
    for_each_container(spec, ContainerKind::Regular, |c| {
        c.shift_remove(probe);
    });
}

/// Remove the init containers (`spec.initContainers` = nil).
pub(crate) fn remove_init_containers(spec: &mut Obj) {
    spec.shift_remove("initContainers");
}
