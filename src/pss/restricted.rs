//! Restricted checks: `restrictedVolumes`, `allowPrivilegeEscalation`, `runAsNonRoot`,
//! `runAsUser`, `seccompProfile_restricted`, `capabilities_restricted`, `procMount_restricted`.

use super::view::Distinct;

use super::baseline_options::{proc_mount, valid_seccomp};
use super::view::{
    containers_phrase, field, join_quote, name, object, pluralize, security_context, string,
    strings, PodView,
};
use super::Outcome;
use crate::json::Value;

/// The volume sources restricted allows (`check_restrictedVolumes.go`; `image` since 1.33's
/// binary, in the 1.0 function).
const ALLOWED_VOLUMES: [&str; 9] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/// The volume sources named in the detail, in the order upstream tests them.
const NAMED_VOLUMES: [&str; 21] = [
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos",
];

/// Mirrors pod-security-admission `policy/check_restrictedVolumes.go` (1.0).
pub(super) fn check_restricted_volumes(pod: &PodView<'_>, _: u64) -> Outcome {
    let mut bad = Vec::new();
    let mut types = Distinct::default();
    for v in pod.volumes() {
        if ALLOWED_VOLUMES.iter().any(|k| field(v, k).is_some()) {
            continue;
        }
        bad.push(name(v));
        let kind = NAMED_VOLUMES
            .iter()
            .find(|k| field(v, k).is_some())
            .copied()
            .unwrap_or("unknown");
        types.insert(kind);
    }
    let types = types.into_sorted();
    (!bad.is_empty()).then(|| {
        (
            "restricted volume types".into(),
            format!(
                "{} {} {} {} {}",
                pluralize("volume", "volumes", bad.len()),
                join_quote(&bad),
                pluralize("uses", "use", bad.len()),
                pluralize(
                    "restricted volume type",
                    "restricted volume types",
                    types.len()
                ),
                join_quote(&types)
            ),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_allowPrivilegeEscalation.go` (1.8; 1.25:
/// Windows pods exempt).
pub(super) fn check_allow_privilege_escalation(pod: &PodView<'_>, minor: u64) -> Outcome {
    if minor >= 25 && pod.is_windows() {
        return None;
    }
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| {
            security_context(c)
                .and_then(|sc| field(sc, "allowPrivilegeEscalation"))
                .and_then(Value::as_bool)
                != Some(false)
        })
        .map(name)
        .collect();
    (!bad.is_empty()).then(|| {
        (
            "allowPrivilegeEscalation != false".into(),
            format!(
                "{} must set securityContext.allowPrivilegeEscalation=false",
                containers_phrase(&bad)
            ),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_runAsNonRoot.go` (1.0; 1.35: a pod in a
/// user namespace is exempt).
pub(super) fn check_run_as_non_root(pod: &PodView<'_>, minor: u64) -> Outcome {
    if minor >= 35 && pod.in_user_namespace() {
        return None;
    }
    let flag = |sc: Option<&crate::json::Map<String, Value>>| {
        sc.and_then(|sc| field(sc, "runAsNonRoot"))
            .and_then(Value::as_bool)
    };
    let mut setters = Vec::new();
    let pod_flag = flag(pod.pod_security_context());
    if pod_flag == Some(false) {
        setters.push("pod".to_string());
    }
    let mut explicit = Vec::new();
    let mut implicit = Vec::new();
    for c in pod.containers() {
        match flag(security_context(c)) {
            Some(false) => explicit.push(name(c)),
            Some(true) => {}
            None if pod_flag != Some(true) => implicit.push(name(c)),
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(containers_phrase(&explicit));
    }
    let reason = "runAsNonRoot != true".to_string();
    if !setters.is_empty() {
        return Some((
            reason,
            format!(
                "{} must not set securityContext.runAsNonRoot=false",
                setters.join(" and ")
            ),
        ));
    }
    (!implicit.is_empty()).then(|| {
        (
            reason,
            format!(
                "pod or {} must set securityContext.runAsNonRoot=true",
                containers_phrase(&implicit)
            ),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_runAsUser.go` (1.23; 1.35: a pod in a user
/// namespace is exempt).
pub(super) fn check_run_as_user(pod: &PodView<'_>, minor: u64) -> Outcome {
    if minor >= 35 && pod.in_user_namespace() {
        return None;
    }
    let root = |sc: Option<&crate::json::Map<String, Value>>| {
        sc.and_then(|sc| field(sc, "runAsUser"))
            .and_then(Value::as_i64)
            == Some(0)
    };
    let mut setters = Vec::new();
    if root(pod.pod_security_context()) {
        setters.push("pod".to_string());
    }
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| root(security_context(c)))
        .map(name)
        .collect();
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    (!setters.is_empty()).then(|| {
        (
            "runAsUser=0".into(),
            format!("{} must not set runAsUser=0", setters.join(" and ")),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_seccompProfile_restricted.go` (1.19; 1.25:
/// Windows pods exempt).
pub(super) fn check_seccomp_profile_restricted(pod: &PodView<'_>, minor: u64) -> Outcome {
    if minor >= 25 && pod.is_windows() {
        return None;
    }
    let mut setters = Vec::new();
    let mut values = Distinct::default();
    let mut pod_set = false;
    if let Some(p) = pod
        .pod_security_context()
        .and_then(|sc| object(sc, "seccompProfile"))
    {
        if valid_seccomp(p) {
            pod_set = true;
        } else {
            setters.push("pod".to_string());
            values.insert(string(p, "type"));
        }
    }
    let mut explicit = Vec::new();
    let mut implicit = Vec::new();
    for c in pod.containers() {
        match security_context(c).and_then(|sc| object(sc, "seccompProfile")) {
            Some(p) if !valid_seccomp(p) => {
                explicit.push(name(c));
                values.insert(string(p, "type"));
            }
            Some(_) => {}
            None if !pod_set => implicit.push(name(c)),
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(containers_phrase(&explicit));
    }
    if !setters.is_empty() {
        let values = values.into_sorted();
        return Some((
            "seccompProfile".into(),
            format!(
                "{} must not set securityContext.seccompProfile.type to {}",
                setters.join(" and "),
                join_quote(&values)
            ),
        ));
    }
    (!implicit.is_empty()).then(|| {
        (
            "seccompProfile".into(),
            format!(
                "pod or {} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
                containers_phrase(&implicit)
            ),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_capabilities_restricted.go` (1.22; 1.25:
/// Windows pods exempt).
pub(super) fn check_capabilities_restricted(pod: &PodView<'_>, minor: u64) -> Outcome {
    if minor >= 25 && pod.is_windows() {
        return None;
    }
    let mut missing_drop_all = Vec::new();
    let mut adding = Vec::new();
    let mut caps = Distinct::default();
    for c in pod.containers() {
        let Some(capabilities) = security_context(c).and_then(|sc| object(sc, "capabilities"))
        else {
            missing_drop_all.push(name(c));
            continue;
        };
        if !strings(capabilities, "drop").any(|d| d == "ALL") {
            missing_drop_all.push(name(c));
        }
        let mut forbidden = false;
        for cap in strings(capabilities, "add").filter(|a| *a != "NET_BIND_SERVICE") {
            forbidden = true;
            caps.insert(cap);
        }
        if forbidden {
            adding.push(name(c));
        }
    }
    let mut details = Vec::new();
    if !missing_drop_all.is_empty() {
        details.push(format!(
            "{} must set securityContext.capabilities.drop=[\"ALL\"]",
            containers_phrase(&missing_drop_all)
        ));
    }
    if !adding.is_empty() {
        let caps = caps.into_sorted();
        details.push(format!(
            "{} must not include {} in securityContext.capabilities.add",
            containers_phrase(&adding),
            join_quote(&caps)
        ));
    }
    (!details.is_empty()).then(|| ("unrestricted capabilities".into(), details.join("; ")))
}

/// Mirrors pod-security-admission `policy/check_procMount_restricted.go` (1.35): `Default`
/// only, user namespace or not.
pub(super) fn check_proc_mount_restricted(pod: &PodView<'_>, _: u64) -> Outcome {
    proc_mount(pod)
}
