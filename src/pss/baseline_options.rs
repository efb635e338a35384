//! Baseline checks on security options: `appArmorProfile`, `seLinuxOptions`, `procMount`,
//! `seccompProfile_baseline`, `sysctls`.

use super::view::Distinct;

use super::view::{containers_phrase, join_quote, name, object, security_context, string, PodView};
use super::Outcome;
use crate::go::quote::go_quote;
use crate::json::{Map, Value};

type Obj = Map<String, Value>;

/// `k="v"` as Go's `fmt.Sprintf("%s=%q", k, v)`.
fn annotation_pair(key: &str, value: &str) -> String {
    format!("{key}={}", go_quote(value))
}

const APPARMOR_ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

/// Mirrors pod-security-admission `policy/check_appArmorProfile.go` (1.0; the field part
/// arrived with 1.30's API, in the 1.0 function).
pub(super) fn check_app_armor_profile(pod: &PodView<'_>, _: u64) -> Outcome {
    let allowed_type = |p: &Obj| matches!(string(p, "type"), "RuntimeDefault" | "Localhost");
    let mut setters = Vec::new();
    let mut values = Distinct::default();
    let pod_profile = pod
        .pod_security_context()
        .and_then(|sc| object(sc, "appArmorProfile"));
    if let Some(p) = pod_profile.filter(|p| !allowed_type(p)) {
        setters.push("pod".to_string());
        values.insert(string(p, "type"));
    }
    let mut bad = Vec::new();
    for c in pod.containers() {
        let profile = security_context(c).and_then(|sc| object(sc, "appArmorProfile"));
        if let Some(p) = profile.filter(|p| !allowed_type(p)) {
            bad.push(name(c));
            values.insert(string(p, "type"));
        }
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    let mut forbidden = Distinct::default();
    for (k, v) in pod.annotations() {
        let v = v.as_str().unwrap_or("");
        let allowed = v.is_empty() || v == "runtime/default" || v.starts_with("localhost/");
        if k.starts_with(APPARMOR_ANNOTATION_PREFIX) && !allowed {
            forbidden.insert(&annotation_pair(k, v));
        }
    }
    let annotations = forbidden.into_sorted();
    let mut values = values.into_sorted();
    if !annotations.is_empty() {
        setters.push(pluralize_annotation(annotations.len()).to_string());
        values.extend(annotations);
    }
    (!setters.is_empty()).then(|| {
        (
            super::view::pluralize(
                "forbidden AppArmor profile",
                "forbidden AppArmor profiles",
                values.len(),
            )
            .to_string(),
            format!(
                "{} must not set AppArmor profile type to {}",
                setters.join(" and "),
                join_quote(&values)
            ),
        )
    })
}

fn pluralize_annotation(n: usize) -> &'static str {
    super::view::pluralize("annotation", "annotations", n)
}

const SELINUX_TYPES_1_0: [&str; 4] = ["", "container_t", "container_init_t", "container_kvm_t"];
const SELINUX_TYPES_1_31: [&str; 5] = [
    "",
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

/// Mirrors pod-security-admission `policy/check_seLinuxOptions.go` (1.0, 1.31:
/// `container_engine_t`).
pub(super) fn check_se_linux_options(pod: &PodView<'_>, minor: u64) -> Outcome {
    let allowed: &[&str] = if minor >= 31 {
        &SELINUX_TYPES_1_31
    } else {
        &SELINUX_TYPES_1_0
    };
    let mut types = Distinct::default();
    let (mut user, mut role) = (false, false);
    let mut valid = |o: &Obj| {
        let t = string(o, "type");
        let mut ok = true;
        if !allowed.contains(&t) {
            ok = false;
            types.insert(t);
        }
        if !string(o, "user").is_empty() {
            ok = false;
            user = true;
        }
        if !string(o, "role").is_empty() {
            ok = false;
            role = true;
        }
        ok
    };
    let mut setters = Vec::new();
    let pod_opts = pod
        .pod_security_context()
        .and_then(|sc| object(sc, "seLinuxOptions"));
    if pod_opts.is_some_and(|o| !valid(o)) {
        setters.push("pod".to_string());
    }
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| {
            security_context(c)
                .and_then(|sc| object(sc, "seLinuxOptions"))
                .is_some_and(|o| !valid(o))
        })
        .map(name)
        .collect();
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return None;
    }
    let mut data = Vec::new();
    if !types.is_empty() {
        let types = types.into_sorted();
        data.push(format!(
            "{} {}",
            super::view::pluralize("type", "types", types.len()),
            join_quote(&types)
        ));
    }
    if user {
        data.push("user may not be set".to_string());
    }
    if role {
        data.push("role may not be set".to_string());
    }
    Some((
        "seLinuxOptions".into(),
        format!(
            "{} set forbidden securityContext.seLinuxOptions: {}",
            setters.join(" and "),
            data.join("; ")
        ),
    ))
}

/// `procMount_1_35_restricted`: anything but `Default` is forbidden.
pub(super) fn proc_mount(pod: &PodView<'_>) -> Outcome {
    let mut bad = Vec::new();
    let mut types = Distinct::default();
    for c in pod.containers() {
        let Some(sc) = security_context(c) else {
            continue;
        };
        let Some(v) = super::view::field(sc, "procMount") else {
            continue;
        };
        let t = v.as_str().unwrap_or("");
        if t != "Default" {
            bad.push(name(c));
            types.insert(t);
        }
    }
    let types = types.into_sorted();
    (!bad.is_empty()).then(|| {
        (
            "procMount".into(),
            format!(
                "{} must not set securityContext.procMount to {}",
                containers_phrase(&bad),
                join_quote(&types)
            ),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_procMount_baseline.go` (1.0; 1.35: allowed
/// for a pod in a user namespace).
pub(super) fn check_proc_mount_baseline(pod: &PodView<'_>, minor: u64) -> Outcome {
    if minor >= 35 && pod.in_user_namespace() {
        return None;
    }
    proc_mount(pod)
}

const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";

/// A seccomp profile type baseline and restricted allow (`validSeccomp`).
pub(super) fn valid_seccomp(profile: &Obj) -> bool {
    matches!(string(profile, "type"), "Localhost" | "RuntimeDefault")
}

/// Mirrors pod-security-admission `policy/check_seccompProfile_baseline.go` (1.0: the alpha
/// annotations; 1.19: the `seccompProfile` fields).
pub(super) fn check_seccomp_profile_baseline(pod: &PodView<'_>, minor: u64) -> Outcome {
    if minor < 19 {
        return seccomp_annotations(pod);
    }
    let mut setters = Vec::new();
    let mut values = Distinct::default();
    let pod_profile = pod
        .pod_security_context()
        .and_then(|sc| object(sc, "seccompProfile"));
    if let Some(p) = pod_profile.filter(|p| !valid_seccomp(p)) {
        setters.push("pod".to_string());
        values.insert(string(p, "type"));
    }
    let mut bad = Vec::new();
    for c in pod.containers() {
        let profile = security_context(c).and_then(|sc| object(sc, "seccompProfile"));
        if let Some(p) = profile.filter(|p| !valid_seccomp(p)) {
            bad.push(name(c));
            values.insert(string(p, "type"));
        }
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    let values = values.into_sorted();
    (!setters.is_empty()).then(|| {
        (
            "seccompProfile".into(),
            format!(
                "{} must not set securityContext.seccompProfile.type to {}",
                setters.join(" and "),
                join_quote(&values)
            ),
        )
    })
}

/// `seccompProfileBaseline_1_0`: the alpha annotations of the pod and each container.
fn seccomp_annotations(pod: &PodView<'_>) -> Outcome {
    let valid =
        |v: &str| v == "runtime/default" || v == "docker/default" || v.starts_with("localhost/");
    let mut forbidden = Distinct::default();
    if let Some(v) = pod.annotation(SECCOMP_POD_ANNOTATION).filter(|v| !valid(v)) {
        forbidden.insert(&annotation_pair(SECCOMP_POD_ANNOTATION, v));
    }
    for c in pod.containers() {
        let key = format!("{SECCOMP_CONTAINER_ANNOTATION_PREFIX}{}", name(c));
        if let Some(v) = pod.annotation(&key).filter(|v| !valid(v)) {
            forbidden.insert(&annotation_pair(&key, v));
        }
    }
    let forbidden = forbidden.into_sorted();
    (!forbidden.is_empty()).then(|| {
        (
            "seccompProfile".into(),
            format!(
                "forbidden {} {}",
                pluralize_annotation(forbidden.len()),
                forbidden.join(", ")
            ),
        )
    })
}

/// The safe sysctls and the policy minor each became safe in.
const SYSCTLS_ALLOWED: [(&str, u64); 12] = [
    ("kernel.shm_rmid_forced", 0),
    ("net.ipv4.ip_local_port_range", 0),
    ("net.ipv4.tcp_syncookies", 0),
    ("net.ipv4.ping_group_range", 0),
    ("net.ipv4.ip_unprivileged_port_start", 0),
    ("net.ipv4.ip_local_reserved_ports", 27),
    ("net.ipv4.tcp_keepalive_time", 29),
    ("net.ipv4.tcp_fin_timeout", 29),
    ("net.ipv4.tcp_keepalive_intvl", 29),
    ("net.ipv4.tcp_keepalive_probes", 29),
    ("net.ipv4.tcp_rmem", 32),
    ("net.ipv4.tcp_wmem", 32),
];

/// Mirrors pod-security-admission `policy/check_sysctls.go` (1.0, 1.27, 1.29, 1.32).
pub(super) fn check_sysctls(pod: &PodView<'_>, minor: u64) -> Outcome {
    let safe = |n: &str| {
        SYSCTLS_ALLOWED
            .iter()
            .any(|(s, since)| *s == n && *since <= minor)
    };
    let list = pod
        .pod_security_context()
        .and_then(|sc| super::view::field(sc, "sysctls"))
        .and_then(Value::as_array);
    let bad: Vec<&str> = list
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|s| string(s, "name"))
        .filter(|n| !safe(n))
        .collect();
    (!bad.is_empty()).then(|| ("forbidden sysctls".into(), bad.join(", ")))
}
