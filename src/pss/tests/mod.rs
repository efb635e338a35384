//! The checks against verdicts taken from the upstream test data: the pods of
//! pod-security-admission `test/fixtures_*.go` (each check's passing and failing pods, per
//! level and minimum version) with the reason/detail texts of `policy/check_*_test.go`,
//! rewritten as our own table.

#![allow(clippy::panic, clippy::indexing_slicing)]

mod admission;
mod profiles;
mod upstream_testdata;

use super::labels::policy_to_evaluate;
use super::message::forbidden_message;
use super::{check_pod, Level, PolicyVersion};
use crate::json;
use crate::json::Value;

use Level::{Baseline, Privileged, Restricted};
use PolicyVersion::{Latest, V1};

/// A pod named `p` with this spec (and optional metadata annotations).
fn pod(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec})
}

/// A spec that passes restricted at every version, with extra fields merged into it.
fn restricted_spec(extra: Value) -> Value {
    let mut spec = json!({
        "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
        "initContainers": [{"name": "init", "image": "i", "securityContext": {
            "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}],
        "containers": [{"name": "c", "image": "i", "securityContext": {
            "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]
    });
    if let (Some(s), Some(e)) = (spec.as_object_mut(), extra.as_object()) {
        for (k, v) in e.iter() {
            s.insert(k.clone(), v.clone());
        }
    }
    spec
}

/// The restricted spec with the first regular container's securityContext replaced.
fn container_sc(sc: Value) -> Value {
    let mut spec = restricted_spec(json!({}));
    spec["containers"][0]["securityContext"] = sc;
    spec
}

/// One expected violation: check ID, reason, detail.
type Expected = (&'static str, &'static str, &'static str);

#[track_caller]
fn assert_verdict(
    name: &str,
    pod: &Value,
    level: Level,
    version: PolicyVersion,
    want: &[(&str, &str, &str)],
) {
    let got: Vec<(String, String, String)> = check_pod(pod, level, version)
        .into_iter()
        .map(|v| (v.check.to_string(), v.reason, v.detail))
        .collect();
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(c, r, d)| (c.to_string(), r.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, want, "{name} at {}:{version}", level.as_str());
}

#[test]
fn the_restricted_base_pod_passes_every_level_and_version() {
    let p = pod(restricted_spec(json!({})));
    for minor in 0..=40 {
        for level in [Privileged, Baseline, Restricted] {
            assert_verdict("base", &p, level, V1(minor), &[]);
        }
    }
    assert_verdict("base", &p, Restricted, Latest, &[]);
}

#[test]
fn baseline_checks_fail_with_upstream_texts() {
    let cases: Vec<(&str, Value, PolicyVersion, Expected)> = vec![
        ("hostNamespaces: all three", restricted_spec(json!({"hostNetwork": true, "hostPID": true, "hostIPC": true})), Latest,
            ("hostNamespaces", "host namespaces", "hostNetwork=true, hostPID=true, hostIPC=true")),
        ("hostNamespaces: hostPID", restricted_spec(json!({"hostPID": true})), V1(0),
            ("hostNamespaces", "host namespaces", "hostPID=true")),
        ("privileged: container", container_sc(json!({"privileged": true, "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}})), Latest,
            ("privileged", "privileged", "container \"c\" must not set securityContext.privileged=true")),
        ("capabilities_baseline: NET_RAW, SYS_ADMIN", container_sc(json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN", "NET_RAW", "CHOWN"]}})), V1(21),
            ("capabilities_baseline", "non-default capabilities", "container \"c\" must not include \"NET_RAW\", \"SYS_ADMIN\" in securityContext.capabilities.add")),
        ("hostPathVolumes", restricted_spec(json!({"volumes": [{"name": "a", "hostPath": {"path": "/a"}}, {"name": "b", "hostPath": {"path": "/b"}}]})), V1(0),
            ("restrictedVolumes", "restricted volume types", "volumes \"a\", \"b\" use restricted volume type \"hostPath\"")),
        ("hostPorts: two ports", {
            let mut s = restricted_spec(json!({}));
            s["containers"][0]["ports"] = json!([{"containerPort": 80, "hostPort": 8080}, {"containerPort": 81, "hostPort": 80}, {"containerPort": 82}]);
            s
        }, Latest, ("hostPorts", "hostPort", "container \"c\" uses hostPorts 80, 8080")),
        ("appArmorProfile: field Unconfined", container_sc(json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "appArmorProfile": {"type": "Unconfined"}})), V1(0),
            ("appArmorProfile", "forbidden AppArmor profile", "container \"c\" must not set AppArmor profile type to \"Unconfined\"")),
        ("seLinuxOptions: type, user and role", restricted_spec(json!({"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}, "seLinuxOptions": {"type": "bar", "user": "u", "role": "r"}}})), Latest,
            ("seLinuxOptions", "seLinuxOptions", "pod set forbidden securityContext.seLinuxOptions: type \"bar\"; user may not be set; role may not be set")),
        ("seLinuxOptions: container_engine_t before 1.31", container_sc(json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "seLinuxOptions": {"type": "container_engine_t"}})), V1(30),
            ("seLinuxOptions", "seLinuxOptions", "container \"c\" set forbidden securityContext.seLinuxOptions: type \"container_engine_t\"")),
        ("procMount: Unmasked", container_sc(json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "procMount": "Unmasked"})), V1(34),
            ("procMount", "procMount", "container \"c\" must not set securityContext.procMount to \"Unmasked\"")),
        ("sysctls: unsafe and not-yet-safe", restricted_spec(json!({"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}, "sysctls": [{"name": "net.ipv4.tcp_rmem", "value": "1"}, {"name": "kernel.msgmax", "value": "1"}]}})), V1(31),
            ("sysctls", "forbidden sysctls", "net.ipv4.tcp_rmem, kernel.msgmax")),
        ("windowsHostProcess: pod and container", {
            let mut s = restricted_spec(json!({"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}, "windowsOptions": {"hostProcess": true}}}));
            s["containers"][0]["securityContext"]["windowsOptions"] = json!({"hostProcess": true});
            s
        }, Latest, ("windowsHostProcess", "hostProcess", "pod and container \"c\" must not set securityContext.windowsOptions.hostProcess=true")),
        ("hostProbesAndHostLifecycle", {
            let mut s = restricted_spec(json!({}));
            s["containers"][0]["livenessProbe"] = json!({"httpGet": {"port": 80, "host": "evil.example"}});
            s["initContainers"][0]["lifecycle"] = json!({"preStop": {"tcpSocket": {"port": 1, "host": "10.0.0.1"}}});
            s
        }, Latest, ("hostProbesAndHostLifecycle", "probe or lifecycle host", "containers \"c\", \"init\" use probe or lifecycle hosts \"10.0.0.1\", \"evil.example\"")),
    ];
    for (name, spec, version, (check, reason, detail)) in cases {
        let level = if check == "restrictedVolumes" {
            Restricted
        } else {
            Baseline
        };
        assert_verdict(
            name,
            &pod(spec.clone()),
            level,
            version,
            &[(check, reason, detail)],
        );
        assert_verdict(name, &pod(spec), Privileged, version, &[]);
    }
}

#[test]
fn baseline_versions_gate_as_upstream_registers_them() {
    let host = |h: &str| {
        let mut s = restricted_spec(json!({}));
        s["containers"][0]["readinessProbe"] = json!({"tcpSocket": {"port": 1, "host": h}});
        pod(s)
    };
    assert_verdict("probe host before 1.34", &host("h"), Baseline, V1(33), &[]);
    assert_eq!(check_pod(&host("h"), Baseline, V1(34)).len(), 1);
    let sysctl = |n: &str| {
        pod(restricted_spec(
            json!({"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}, "sysctls": [{"name": n}]}}),
        ))
    };
    for (name, safe_from) in [
        ("net.ipv4.ip_unprivileged_port_start", 0),
        ("net.ipv4.ip_local_reserved_ports", 27),
        ("net.ipv4.tcp_keepalive_time", 29),
        ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_wmem", 32),
    ] {
        if safe_from > 0 {
            assert_eq!(
                check_pod(&sysctl(name), Baseline, V1(safe_from - 1)).len(),
                1,
                "{name}"
            );
        }
        assert_verdict(name, &sysctl(name), Baseline, V1(safe_from), &[]);
    }
    let engine = pod(container_sc(
        json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "seLinuxOptions": {"type": "container_engine_t"}}),
    ));
    assert_verdict(
        "container_engine_t from 1.31",
        &engine,
        Restricted,
        V1(31),
        &[],
    );
    // Seccomp before 1.19: the alpha annotations, not the field.
    let mut annotated = pod(restricted_spec(
        json!({"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "Unconfined"}}}),
    ));
    annotated["metadata"]["annotations"] = json!({
        "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
        "container.seccomp.security.alpha.kubernetes.io/c": "docker/default"
    });
    assert_verdict(
        "seccomp annotations",
        &annotated,
        Baseline,
        V1(18),
        &[(
            "seccompProfile_baseline",
            "seccompProfile",
            "forbidden annotation seccomp.security.alpha.kubernetes.io/pod=\"unconfined\"",
        )],
    );
    assert_verdict(
        "seccomp field",
        &annotated,
        Baseline,
        V1(19),
        &[(
            "seccompProfile_baseline",
            "seccompProfile",
            "pod must not set securityContext.seccompProfile.type to \"Unconfined\"",
        )],
    );
    // AppArmor annotations count at every version.
    let mut apparmor = pod(restricted_spec(json!({})));
    apparmor["metadata"]["annotations"] = json!({
        "container.apparmor.security.beta.kubernetes.io/c": "unconfined",
        "container.apparmor.security.beta.kubernetes.io/init": "localhost/x"
    });
    assert_verdict("apparmor annotation", &apparmor, Baseline, V1(0), &[("appArmorProfile", "forbidden AppArmor profile",
        "annotation must not set AppArmor profile type to \"container.apparmor.security.beta.kubernetes.io/c=\"unconfined\"\"")]);
    // procMount: baseline relaxes it for a user-namespaced pod from 1.35, restricted does not.
    let mut unmasked = container_sc(
        json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "procMount": "Unmasked"}),
    );
    unmasked["hostUsers"] = json!(false);
    let unmasked = pod(unmasked);
    assert_eq!(check_pod(&unmasked, Baseline, V1(34)).len(), 1);
    assert_verdict("procMount userns", &unmasked, Baseline, Latest, &[]);
    assert_verdict(
        "procMount userns",
        &unmasked,
        Restricted,
        Latest,
        &[(
            "procMount_restricted",
            "procMount",
            "container \"c\" must not set securityContext.procMount to \"Unmasked\"",
        )],
    );
}

#[test]
fn restricted_checks_fail_with_upstream_texts() {
    let empty = pod(json!({"containers": [{"name": "a"}, {"name": "b"}]}));
    assert_verdict("a pod with no security settings", &empty, Restricted, Latest, &[
        ("allowPrivilegeEscalation", "allowPrivilegeEscalation != false", "containers \"a\", \"b\" must set securityContext.allowPrivilegeEscalation=false"),
        ("capabilities_restricted", "unrestricted capabilities", "containers \"a\", \"b\" must set securityContext.capabilities.drop=[\"ALL\"]"),
        ("runAsNonRoot", "runAsNonRoot != true", "pod or containers \"a\", \"b\" must set securityContext.runAsNonRoot=true"),
        ("seccompProfile_restricted", "seccompProfile", "pod or containers \"a\", \"b\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""),
    ]);
    assert_verdict("the same pod at baseline", &empty, Baseline, Latest, &[]);
    assert_verdict(
        "before capabilities_restricted (1.22) and seccomp (1.19)",
        &empty,
        Restricted,
        V1(18),
        &[
            (
                "allowPrivilegeEscalation",
                "allowPrivilegeEscalation != false",
                "containers \"a\", \"b\" must set securityContext.allowPrivilegeEscalation=false",
            ),
            (
                "runAsNonRoot",
                "runAsNonRoot != true",
                "pod or containers \"a\", \"b\" must set securityContext.runAsNonRoot=true",
            ),
        ],
    );
    assert_verdict(
        "before allowPrivilegeEscalation (1.8)",
        &empty,
        Restricted,
        V1(7),
        &[(
            "runAsNonRoot",
            "runAsNonRoot != true",
            "pod or containers \"a\", \"b\" must set securityContext.runAsNonRoot=true",
        )],
    );

    let caps = pod(container_sc(
        json!({"allowPrivilegeEscalation": false, "capabilities": {"add": ["NET_BIND_SERVICE", "SYS_TIME", "CHOWN"]}}),
    ));
    assert_verdict("capabilities_restricted: add", &caps, Restricted, Latest, &[("capabilities_restricted", "unrestricted capabilities",
        "container \"c\" must set securityContext.capabilities.drop=[\"ALL\"]; container \"c\" must not include \"CHOWN\", \"SYS_TIME\" in securityContext.capabilities.add")]);
    assert_verdict(
        "capabilities_baseline applies below 1.22",
        &caps,
        Restricted,
        V1(21),
        &[(
            "capabilities_baseline",
            "non-default capabilities",
            "container \"c\" must not include \"SYS_TIME\" in securityContext.capabilities.add",
        )],
    );

    let volumes = pod(restricted_spec(json!({"volumes": [
        {"name": "ok", "configMap": {"name": "x"}}, {"name": "img", "image": {"reference": "r"}},
        {"name": "nfs", "nfs": {"server": "s", "path": "/"}}, {"name": "odd", "somethingNew": {}}
    ]})));
    assert_verdict(
        "restrictedVolumes",
        &volumes,
        Restricted,
        Latest,
        &[(
            "restrictedVolumes",
            "restricted volume types",
            "volumes \"nfs\", \"odd\" use restricted volume types \"nfs\", \"unknown\"",
        )],
    );

    let root = pod(restricted_spec(
        json!({"securityContext": {"runAsNonRoot": false, "runAsUser": 0, "seccompProfile": {"type": "RuntimeDefault"}}}),
    ));
    assert_verdict(
        "runAsNonRoot=false and runAsUser=0",
        &root,
        Restricted,
        Latest,
        &[
            (
                "runAsNonRoot",
                "runAsNonRoot != true",
                "pod must not set securityContext.runAsNonRoot=false",
            ),
            ("runAsUser", "runAsUser=0", "pod must not set runAsUser=0"),
        ],
    );
    assert_verdict(
        "runAsUser before 1.23",
        &root,
        Restricted,
        V1(22),
        &[(
            "runAsNonRoot",
            "runAsNonRoot != true",
            "pod must not set securityContext.runAsNonRoot=false",
        )],
    );
    let mut userns = root.clone();
    userns["spec"]["hostUsers"] = json!(false);
    assert_verdict("user namespace from 1.35", &userns, Restricted, V1(35), &[]);
    assert_eq!(check_pod(&userns, Restricted, V1(34)).len(), 2);

    let seccomp = pod(container_sc(
        json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "Unconfined"}}),
    ));
    assert_verdict(
        "seccompProfile_restricted: explicit",
        &seccomp,
        Restricted,
        Latest,
        &[(
            "seccompProfile_restricted",
            "seccompProfile",
            "container \"c\" must not set securityContext.seccompProfile.type to \"Unconfined\"",
        )],
    );

    let mut windows = pod(
        json!({"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true}, "containers": [{"name": "w"}]}),
    );
    assert_verdict(
        "windows exempt from 1.25",
        &windows,
        Restricted,
        V1(25),
        &[],
    );
    assert_eq!(check_pod(&windows, Restricted, V1(24)).len(), 3);
    windows["spec"]["os"]["name"] = json!("linux");
    assert_eq!(check_pod(&windows, Restricted, Latest).len(), 3);
}
