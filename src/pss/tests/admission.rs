//! Odd shapes, namespace labels, the admission message, and the upstream fixtures' allowed
//! values.
#![allow(clippy::panic, clippy::indexing_slicing)]

use super::*;

#[test]
fn odd_shapes_never_panic_and_read_as_go_zero_values() {
    for p in [
        json!(null),
        json!({}),
        json!({"spec": null}),
        json!({"spec": {"containers": null}}),
        json!({"spec": {"containers": [1, "x", null, {"securityContext": null}], "volumes": [null, {}], "securityContext": {"sysctls": [null, 3]}}}),
    ] {
        let _ = check_pod(&p, Restricted, Latest);
    }
    // A volume with no source is "unknown"; a container with no name is named "".
    assert_verdict(
        "nameless",
        &json!({"spec": {"containers": [{"securityContext": {"privileged": true}}]}}),
        Baseline,
        Latest,
        &[(
            "privileged",
            "privileged",
            "container \"\" must not set securityContext.privileged=true",
        )],
    );
}

#[test]
fn namespace_labels_are_read_as_the_admission_reads_them() {
    let policy = |labels: Value| policy_to_evaluate(Some(&labels));
    let p = policy(json!({}));
    assert_eq!(
        (p.level, p.version, p.name()),
        (Privileged, Latest, "privileged:latest".to_string())
    );
    let p = policy_to_evaluate(None);
    assert_eq!(p.name(), "privileged:latest");
    let p = policy(json!({"pod-security.kubernetes.io/enforce": "restricted"}));
    assert_eq!(
        (p.name(), p.errors.len()),
        ("restricted:latest".to_string(), 0)
    );
    let p = policy(
        json!({"pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "v1.30"}),
    );
    assert_eq!(p.name(), "baseline:v1.30");
    assert_eq!(p.version.minor(), 30);
    let p = policy(
        json!({"pod-security.kubernetes.io/enforce-version": "v1.99", "pod-security.kubernetes.io/enforce": "baseline"}),
    );
    assert_eq!(
        (p.name(), p.version.minor()),
        ("baseline:v1.99".to_string(), super::super::MAX_MINOR)
    );
    let p = policy(
        json!({"pod-security.kubernetes.io/enforce": "Restricted", "pod-security.kubernetes.io/enforce-version": "1.30"}),
    );
    assert_eq!(p.name(), "restricted:latest");
    assert_eq!(p.errors, [
        "metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"Restricted\": must be one of privileged, baseline, restricted",
        "metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"1.30\": must be \"latest\" or \"v1.x\"",
    ]);
    for bad in [
        "v1.030",
        "v1.",
        "v2.1",
        "v1.1.0",
        "",
        "Latest",
        "v1.99999999999999999999",
    ] {
        assert_eq!(PolicyVersion::parse(bad), None, "{bad}");
    }
    for (good, v) in [
        ("v1.0", V1(0)),
        ("v1.9", V1(9)),
        ("v1.35", V1(35)),
        ("latest", Latest),
    ] {
        assert_eq!(PolicyVersion::parse(good), Some(v), "{good}");
    }
    let p = policy(json!({"pod-security.kubernetes.io/enforce": 1}));
    assert_eq!((p.level, p.errors.len()), (Restricted, 1));
}

#[test]
fn the_admission_message_joins_reasons_and_details() {
    let p = pod(json!({"hostNetwork": true, "containers": [{"name": "x"}]}));
    let v = check_pod(&p, Restricted, Latest);
    assert_eq!(
        forbidden_message("web", "restricted:latest", &v),
        "pods \"web\" is forbidden: violates PodSecurity \"restricted:latest\": host namespaces (hostNetwork=true), \
         allowPrivilegeEscalation != false (container \"x\" must set securityContext.allowPrivilegeEscalation=false), \
         unrestricted capabilities (container \"x\" must set securityContext.capabilities.drop=[\"ALL\"]), \
         runAsNonRoot != true (pod or container \"x\" must set securityContext.runAsNonRoot=true), \
         seccompProfile (pod or container \"x\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")"
    );
    assert!(forbidden_message("", "baseline:v1.30", &v)
        .starts_with("pods is forbidden: violates PodSecurity \"baseline:v1.30\": "));
}

#[test]
fn allowed_values_pass_as_in_the_upstream_fixtures() {
    let sc = |extra: Value| {
        let mut sc = json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}});
        if let (Some(s), Some(e)) = (sc.as_object_mut(), extra.as_object()) {
            for (k, v) in e.iter() {
                s.insert(k.clone(), v.clone());
            }
        }
        pod(container_sc(sc))
    };
    let restricted_ok = [
        sc(json!({"privileged": false, "procMount": "Default"})),
        sc(json!({"capabilities": {"drop": ["ALL", "FOO"], "add": ["NET_BIND_SERVICE"]}})),
        sc(json!({"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}})),
        sc(json!({"appArmorProfile": {"type": "RuntimeDefault"}})),
        sc(json!({"appArmorProfile": {"type": "Localhost", "localhostProfile": "p"}})),
        sc(json!({"seLinuxOptions": {"type": "container_init_t", "level": "s0:c1,c2"}})),
        sc(json!({"windowsOptions": {"hostProcess": false}})),
        sc(json!({"runAsNonRoot": true, "runAsUser": 1000})),
        pod(restricted_spec(
            json!({"hostNetwork": false, "hostPID": false, "hostIPC": false,
            "volumes": [{"name": "a", "emptyDir": {}}, {"name": "b", "secret": {"secretName": "s"}},
                {"name": "c", "projected": {"sources": []}}, {"name": "d", "csi": {"driver": "x"}},
                {"name": "e", "ephemeral": {}}, {"name": "f", "persistentVolumeClaim": {"claimName": "c"}},
                {"name": "g", "downwardAPI": {}}, {"name": "h", "configMap": {"name": "m"}}, {"name": "i", "hostPath": null, "emptyDir": {}}]}),
        )),
        pod(restricted_spec(
            json!({"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"},
            "sysctls": [{"name": "kernel.shm_rmid_forced"}, {"name": "net.ipv4.ip_local_port_range"}, {"name": "net.ipv4.tcp_syncookies"},
                {"name": "net.ipv4.ping_group_range"}, {"name": "net.ipv4.ip_unprivileged_port_start"}, {"name": "net.ipv4.tcp_rmem"}]}}),
        )),
        {
            let mut s = restricted_spec(json!({}));
            s["containers"][0]["ports"] = json!([{"containerPort": 80, "hostPort": 0}]);
            s["containers"][0]["livenessProbe"] = json!({"httpGet": {"port": 80, "host": ""}});
            s["containers"][0]["lifecycle"] = json!({"postStart": {"exec": {"command": ["true"]}}});
            pod(s)
        },
    ];
    for (i, p) in restricted_ok.iter().enumerate() {
        assert_verdict(&format!("restricted_ok[{i}]"), p, Restricted, Latest, &[]);
    }
    // Baseline allows the 13 default capabilities, any seccomp type but Unconfined (or
    // unset), and annotations naming allowed AppArmor profiles.
    let mut baseline_ok = pod(
        json!({"containers": [{"name": "c", "securityContext": {"capabilities": {"add": [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]}, "seccompProfile": {"type": "RuntimeDefault"}}}]}),
    );
    baseline_ok["metadata"]["annotations"] = json!({
        "container.apparmor.security.beta.kubernetes.io/c": "runtime/default",
        "container.apparmor.security.beta.kubernetes.io/d": "localhost/p",
        "container.apparmor.security.beta.kubernetes.io/e": "",
        "seccomp.security.alpha.kubernetes.io/pod": "docker/default"
    });
    for minor in [0, 18, 19, 35] {
        assert_verdict("baseline_ok", &baseline_ok, Baseline, V1(minor), &[]);
    }
}
