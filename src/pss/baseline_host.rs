//! Baseline checks on host access and privilege: `hostNamespaces`, `privileged`,
//! `capabilities_baseline`, `hostPathVolumes`, `hostPorts`, `hostProbesAndHostLifecycle`,
//! `windowsHostProcess`.

use super::view::Distinct;

use super::view::{
    containers_phrase, field, join_quote, name, object, pluralize, security_context, string,
    strings, PodView,
};
use super::Outcome;
use crate::json::{Map, Value};

/// Mirrors pod-security-admission `policy/check_hostNamespaces.go` (1.0).
pub(super) fn check_host_namespaces(pod: &PodView<'_>, _: u64) -> Outcome {
    let set: Vec<&str> = [
        ("hostNetwork", "hostNetwork=true"),
        ("hostPID", "hostPID=true"),
        ("hostIPC", "hostIPC=true"),
    ]
    .into_iter()
    .filter(|(key, _)| pod.spec_flag(key))
    .map(|(_, text)| text)
    .collect();
    (!set.is_empty()).then(|| ("host namespaces".into(), set.join(", ")))
}

/// Mirrors pod-security-admission `policy/check_privileged.go` (1.0).
pub(super) fn check_privileged(pod: &PodView<'_>, _: u64) -> Outcome {
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| {
            security_context(c)
                .and_then(|sc| field(sc, "privileged"))
                .and_then(Value::as_bool)
                == Some(true)
        })
        .map(name)
        .collect();
    (!bad.is_empty()).then(|| {
        (
            "privileged".into(),
            format!(
                "{} must not set securityContext.privileged=true",
                containers_phrase(&bad)
            ),
        )
    })
}

/// The capabilities baseline lets a container add (`capabilities_allowed_1_0`).
const CAPABILITIES_ALLOWED_1_0: [&str; 13] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// Mirrors pod-security-admission `policy/check_capabilities_baseline.go` (1.0).
pub(super) fn check_capabilities_baseline(pod: &PodView<'_>, _: u64) -> Outcome {
    let mut bad = Vec::new();
    let mut caps = Distinct::default();
    for c in pod.containers() {
        let added = security_context(c).and_then(|sc| object(sc, "capabilities"));
        let mut forbidden = false;
        for cap in added.into_iter().flat_map(|a| strings(a, "add")) {
            if !CAPABILITIES_ALLOWED_1_0.contains(&cap) {
                forbidden = true;
                caps.insert(cap);
            }
        }
        if forbidden {
            bad.push(name(c));
        }
    }
    let caps = caps.into_sorted();
    (!bad.is_empty()).then(|| {
        (
            "non-default capabilities".into(),
            format!(
                "{} must not include {} in securityContext.capabilities.add",
                containers_phrase(&bad),
                join_quote(&caps)
            ),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_hostPathVolumes.go` (1.0).
pub(super) fn check_host_path_volumes(pod: &PodView<'_>, _: u64) -> Outcome {
    let bad: Vec<&str> = pod
        .volumes()
        .filter(|v| field(v, "hostPath").is_some())
        .map(name)
        .collect();
    (!bad.is_empty()).then(|| {
        (
            "hostPath volumes".into(),
            format!(
                "{} {}",
                pluralize("volume", "volumes", bad.len()),
                join_quote(&bad)
            ),
        )
    })
}

/// Mirrors pod-security-admission `policy/check_hostPorts.go` (1.0).
pub(super) fn check_host_ports(pod: &PodView<'_>, _: u64) -> Outcome {
    let mut bad = Vec::new();
    let mut ports = Distinct::default();
    for c in pod.containers() {
        let mut uses = false;
        let list = field(c, "ports").and_then(Value::as_array);
        for port in list.into_iter().flatten().filter_map(Value::as_object) {
            let host_port = field(port, "hostPort").and_then(Value::as_i64).unwrap_or(0);
            if host_port != 0 {
                uses = true;
                ports.insert(&host_port.to_string());
            }
        }
        if uses {
            bad.push(name(c));
        }
    }
    let ports = ports.into_sorted();
    (!bad.is_empty()).then(|| {
        (
            "hostPort".into(),
            format!(
                "{} {} {} {}",
                containers_phrase(&bad),
                pluralize("uses", "use", bad.len()),
                pluralize("hostPort", "hostPorts", ports.len()),
                ports.join(", ")
            ),
        )
    })
}

/// The `host` of a handler's `httpGet` and `tcpSocket`, when set.
fn handler_hosts(handler: Option<&Map<String, Value>>, out: &mut Distinct) -> bool {
    let mut found = false;
    for kind in ["httpGet", "tcpSocket"] {
        let host = handler
            .and_then(|h| object(h, kind))
            .map_or("", |a| string(a, "host"));
        if !host.is_empty() {
            out.insert(host);
            found = true;
        }
    }
    found
}

/// Mirrors pod-security-admission `policy/check_hostProbesAndhostLifecycle.go` (1.34).
pub(super) fn check_host_probes_and_host_lifecycle(pod: &PodView<'_>, _: u64) -> Outcome {
    let mut bad = Distinct::default();
    let mut hosts = Distinct::default();
    for c in pod.containers() {
        let lifecycle = object(c, "lifecycle");
        let handlers = [
            object(c, "livenessProbe"),
            object(c, "readinessProbe"),
            object(c, "startupProbe"),
            lifecycle.and_then(|l| object(l, "postStart")),
            lifecycle.and_then(|l| object(l, "preStop")),
        ];
        for handler in handlers {
            if handler_hosts(handler, &mut hosts) {
                bad.insert(name(c));
            }
        }
    }
    let bad = bad.into_sorted();
    let hosts = hosts.into_sorted();
    (!bad.is_empty()).then(|| {
        (
            "probe or lifecycle host".into(),
            format!(
                "{} {} {} {}",
                containers_phrase(&bad),
                pluralize("uses", "use", bad.len()),
                pluralize(
                    "probe or lifecycle host",
                    "probe or lifecycle hosts",
                    hosts.len()
                ),
                join_quote(&hosts)
            ),
        )
    })
}

/// `securityContext.windowsOptions.hostProcess == true`.
fn host_process(sc: Option<&Map<String, Value>>) -> bool {
    sc.and_then(|sc| object(sc, "windowsOptions"))
        .and_then(|w| field(w, "hostProcess"))
        .and_then(Value::as_bool)
        == Some(true)
}

/// Mirrors pod-security-admission `policy/check_windowsHostProcess.go` (1.0).
pub(super) fn check_windows_host_process(pod: &PodView<'_>, _: u64) -> Outcome {
    let bad: Vec<&str> = pod
        .containers()
        .filter(|c| host_process(security_context(c)))
        .map(name)
        .collect();
    let mut setters = Vec::new();
    if host_process(pod.pod_security_context()) {
        setters.push("pod".to_string());
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    (!setters.is_empty()).then(|| {
        (
            "hostProcess".into(),
            format!(
                "{} must not set securityContext.windowsOptions.hostProcess=true",
                setters.join(" and ")
            ),
        )
    })
}
