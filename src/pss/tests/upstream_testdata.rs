//! Verdicts of upstream pod-security-admission `test/testdata` pods.
#![allow(clippy::panic, clippy::indexing_slicing)]

use super::*;

/// Verdicts of upstream `test/testdata/<level>/v1.<N>/{pass,fail}/*.yaml` pods, rebuilt on our
/// restricted base pod (the generated fixtures start from the same kind of base pod and
/// change one thing).
#[test]
fn upstream_testdata_verdicts() {
    let with_init_sc = |sc: Value| {
        let mut s = restricted_spec(json!({}));
        s["initContainers"][0]["securityContext"] = sc;
        pod(s)
    };
    let all_default_caps = json!([
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
        "SYS_CHROOT"
    ]);
    let cases: Vec<(&str, Value, Level, u64, bool)> = vec![
        // restricted/v1.25/fail/capabilities_restricted3: baseline's default capabilities are not restricted's.
        (
            "capabilities_restricted3",
            pod(container_sc(json!({"allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"], "add": all_default_caps.clone()}}))),
            Restricted,
            25,
            false,
        ),
        (
            "capabilities_restricted3 at baseline",
            pod(container_sc(json!({"allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"], "add": all_default_caps}}))),
            Baseline,
            25,
            true,
        ),
        // restricted/v1.25/pass/base_windows: a Windows pod needs only runAsNonRoot.
        (
            "base_windows",
            pod(
                json!({"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true},
            "initContainers": [{"name": "i"}], "containers": [{"name": "c"}]}),
            ),
            Restricted,
            25,
            true,
        ),
        // restricted/v1.25/fail/seccompprofile_restricted4: one container explicitly Unconfined.
        (
            "seccompprofile_restricted4",
            with_init_sc(json!({"allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "Unconfined"}})),
            Restricted,
            25,
            false,
        ),
        // restricted/v1.25/pass/selinuxoptions0: empty seLinuxOptions are allowed.
        (
            "selinuxoptions0",
            with_init_sc(json!({"allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"]}, "seLinuxOptions": {}})),
            Restricted,
            25,
            true,
        ),
        // restricted/v1.35/fail/selinuxoptions1: an unknown type.
        (
            "selinuxoptions1",
            pod(container_sc(json!({"allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"]}, "seLinuxOptions": {"type": "somevalue"}}))),
            Restricted,
            35,
            false,
        ),
        // restricted/v1.35/fail/hostprobesandhostlifecycle0.
        (
            "hostprobesandhostlifecycle0",
            {
                let mut s = restricted_spec(json!({}));
                s["containers"][0]["livenessProbe"] =
                    json!({"httpGet": {"host": "bad.host", "port": 8080}});
                pod(s)
            },
            Restricted,
            35,
            false,
        ),
        // restricted/v1.35/fail/restrictedvolumes18: storageos.
        (
            "restrictedvolumes18",
            pod(restricted_spec(
                json!({"volumes": [{"name": "volume1", "storageos": {"volumeName": "test"}}]}),
            )),
            Restricted,
            35,
            false,
        ),
        // restricted/v1.35/pass/procmount1: Default with hostUsers false.
        (
            "procmount1",
            {
                let mut p = with_init_sc(
                    json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "procMount": "Default"}),
                );
                p["spec"]["hostUsers"] = json!(false);
                p
            },
            Restricted,
            35,
            true,
        ),
        // restricted/v1.35/fail/procmount_baseline1: Unmasked with hostUsers true.
        (
            "procmount_baseline1",
            {
                let mut p = with_init_sc(
                    json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "procMount": "Unmasked"}),
                );
                p["spec"]["hostUsers"] = json!(true);
                p
            },
            Restricted,
            35,
            false,
        ),
    ];
    for (name, p, level, minor, pass) in cases {
        let v = check_pod(&p, level, V1(minor));
        assert_eq!(v.is_empty(), pass, "{name}: {v:?}");
    }
}
