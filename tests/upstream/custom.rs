//! The custom-profile generator tests (debug_test.go, 1.30+):
//! `TestGenerateNodeDebugPodCustomProfile`, `TestGenerateCopyDebugPodCustomProfile` and
//! `TestGenerateEphemeralDebugPodCustomProfile`.
//!
//! kubectl's tests put the parsed container in `DebugOptions.CustomProfile`; we pass the same
//! container as the `--custom` file's JSON text. They do not stub the name suffix and copy the
//! generated name into the expectation; our stubbed "1" makes that name `…-1`.

use kubedebug::DebugOptions;
use kubedebug::{json, Value};

use crate::node::{node_opts, node_xxx};
use crate::{go_options, run, session_with_custom, Table};

struct Case {
    name: &'static str,
    opts: DebugOptions,
    custom: Value,
    expected: Value,
}

/// `CustomProfile: {ImagePullPolicy: Never, Stdin: true, TTY: false, SecurityContext:
/// {Capabilities: {Drop: [ALL]}, RunAsNonRoot: false}}`.
fn never_stdin_drop_all() -> Value {
    json!({
        "imagePullPolicy": "Never", "stdin": true, "tty": false,
        "securityContext": {"capabilities": {"drop": ["ALL"]}, "runAsNonRoot": false},
    })
}

#[test]
fn test_generate_node_debug_pod_custom_profile() {
    let meta = json!({
        "name": "node-debugger-node-XXX-1",
        "labels": {"app.kubernetes.io/managed-by": "kubectl-debug"},
    });
    let tolerate_all = json!([{"operator": "Exists"}]);
    let test_env = json!([{"name": "TEST_KEY", "value": "TEST_VALUE"}]);
    let cases = vec![
        Case {
            name: "baseline profile",
            opts: node_opts("baseline"),
            custom: never_stdin_drop_all(),
            expected: json!({
                "metadata": meta,
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "Never",
                        "terminationMessagePolicy": "File", "volumeMounts": null, "stdin": true, "tty": false,
                        "securityContext": {"runAsNonRoot": false, "capabilities": {"drop": ["ALL"]}},
                    }],
                    "hostIPC": false, "hostNetwork": false, "hostPID": false,
                    "nodeName": "node-XXX", "restartPolicy": "Never", "volumes": null,
                    "tolerations": tolerate_all,
                },
            }),
        },
        Case {
            name: "restricted profile",
            opts: node_opts("restricted"),
            custom: json!({"imagePullPolicy": "Never", "stdin": true, "tty": false}),
            expected: json!({
                "metadata": meta,
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "Never",
                        "terminationMessagePolicy": "File", "volumeMounts": null, "stdin": true, "tty": false,
                        "securityContext": {
                            "runAsNonRoot": true,
                            "capabilities": {"drop": ["ALL"]},
                            "allowPrivilegeEscalation": false,
                            "seccompProfile": {"type": "RuntimeDefault"},
                        },
                    }],
                    "hostIPC": false, "hostNetwork": false, "hostPID": false,
                    "nodeName": "node-XXX", "restartPolicy": "Never", "volumes": null,
                    "tolerations": tolerate_all,
                },
            }),
        },
        Case {
            name: "netadmin profile",
            opts: node_opts("netadmin"),
            custom: json!({"env": test_env}),
            expected: json!({
                "metadata": meta,
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File", "env": test_env, "volumeMounts": null,
                        "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}},
                    }],
                    "hostIPC": true, "hostNetwork": true, "hostPID": true,
                    "nodeName": "node-XXX", "restartPolicy": "Never", "volumes": null,
                    "tolerations": tolerate_all,
                },
            }),
        },
        Case {
            name: "sysadmin profile",
            opts: node_opts("sysadmin"),
            custom: json!({
                "env": test_env,
                "volumeMounts": [{"name": "host-root", "readOnly": true, "mountPath": "/host"}],
            }),
            expected: json!({
                "metadata": meta,
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File", "env": test_env,
                        "volumeMounts": [{"name": "host-root", "readOnly": true, "mountPath": "/host"}],
                        "securityContext": {"privileged": true},
                    }],
                    "hostIPC": true, "hostNetwork": true, "hostPID": true,
                    "nodeName": "node-XXX", "restartPolicy": "Never",
                    "volumes": [{"name": "host-root", "hostPath": {"path": "/"}}],
                    "tolerations": tolerate_all,
                },
            }),
        },
    ];
    assert_eq!(cases.len(), 4);
    let mut table = Table::default();
    for case in cases {
        let got = run(&session_with_custom(case.opts, &case.custom), &node_xxx()).map(|p| p.result);
        table.check(case.name, &case.expected, got);
    }
    table.finish("TestGenerateNodeDebugPodCustomProfile");
}

/// kubectl's `copyPod`: `{Spec: {ServiceAccountName: test, NodeName: test-node}}`, here with the
/// `kind` and `metadata.name` our `plan` needs.
fn copy_pod() -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "target"},
        "spec": {"serviceAccountName": "test", "nodeName": "test-node"},
    })
}

/// Remove `metadata.name` and `metadata.namespace` (and `metadata` if nothing else is left):
/// kubectl's expectations have no metadata (its copy and ephemeral tests use an unnamed pod and
/// `CopyTo: ""`), while ours must name the pod and the copy.
fn without_metadata(mut v: Value) -> Value {
    if let Some(pod) = v.as_object_mut() {
        if let Some(meta) = pod.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.remove("name");
            meta.remove("namespace");
            if meta.is_empty() {
                pod.remove("metadata");
            }
        }
    }
    v
}

/// The restricted-plus-custom container of the copy and ephemeral tables.
fn restricted_custom_container() -> Value {
    json!({
        "name": "debugger-1", "image": "busybox", "imagePullPolicy": "Never",
        "terminationMessagePolicy": "File", "volumeMounts": null, "stdin": true, "tty": false,
        "securityContext": {
            "allowPrivilegeEscalation": false,
            "runAsNonRoot": false,
            "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault", "localhostProfile": null},
        },
    })
}

fn baseline_custom_container() -> Value {
    json!({
        "name": "debugger-1", "image": "busybox", "imagePullPolicy": "Never",
        "terminationMessagePolicy": "File", "volumeMounts": null, "stdin": true, "tty": false,
        "securityContext": {"runAsNonRoot": false, "capabilities": {"drop": ["ALL"]}},
    })
}

#[test]
fn test_generate_copy_debug_pod_custom_profile() {
    let copy_opts = |profile: &str| DebugOptions {
        // kubectl's test leaves `CopyTo` empty and calls the copy generator directly; we need a
        // `--copy-to` to choose the copy journey (the name is dropped before comparing).
        copy_to: "target-copy".into(),
        same_node: true,
        image: "busybox".into(),
        image_pull_policy: "IfNotPresent".into(),
        ..go_options(profile, "target")
    };
    let expected = |container: Value| {
        json!({
            "spec": {
                "serviceAccountName": "test", "nodeName": "test-node",
                "containers": [container],
                "hostIPC": false, "hostNetwork": false, "hostPID": false, "volumes": null,
                "shareProcessNamespace": true,
            },
        })
    };
    let cases = vec![
        Case {
            name: "baseline profile",
            opts: copy_opts("baseline"),
            custom: never_stdin_drop_all(),
            expected: expected(baseline_custom_container()),
        },
        Case {
            name: "restricted profile",
            opts: copy_opts("restricted"),
            custom: never_stdin_drop_all(),
            expected: expected(restricted_custom_container()),
        },
        Case {
            // Sic: kubectl's "sysadmin profile" row uses the restricted profile.
            name: "sysadmin profile",
            opts: copy_opts("restricted"),
            custom: never_stdin_drop_all(),
            expected: expected(restricted_custom_container()),
        },
    ];
    assert_eq!(cases.len(), 3);
    let mut table = Table::default();
    for case in cases {
        let got = run(&session_with_custom(case.opts, &case.custom), &copy_pod())
            .map(|p| without_metadata(p.result));
        table.check(case.name, &case.expected, got);
    }
    table.finish("TestGenerateCopyDebugPodCustomProfile");
}

#[test]
fn test_generate_ephemeral_debug_pod_custom_profile() {
    let ephemeral_opts = |profile: &str| DebugOptions {
        // kubectl's rows also set `SameNode: true`, which `generateDebugContainer` ignores but
        // `Validate` rejects without `--copy-to`; it is left out here.
        image: "busybox".into(),
        image_pull_policy: "IfNotPresent".into(),
        ..go_options(profile, "target")
    };
    let expected = |container: Value| {
        json!({
            "spec": {
                "serviceAccountName": "test", "nodeName": "test-node",
                "ephemeralContainers": [container],
                "hostIPC": false, "hostNetwork": false, "hostPID": false, "volumes": null,
            },
        })
    };
    let cases = vec![
        Case {
            name: "baseline profile",
            opts: ephemeral_opts("baseline"),
            custom: never_stdin_drop_all(),
            expected: expected(baseline_custom_container()),
        },
        Case {
            name: "restricted profile",
            opts: ephemeral_opts("restricted"),
            custom: never_stdin_drop_all(),
            expected: expected(restricted_custom_container()),
        },
        Case {
            // Sic: kubectl's "sysadmin profile" row uses the restricted profile.
            name: "sysadmin profile",
            opts: ephemeral_opts("restricted"),
            custom: never_stdin_drop_all(),
            expected: expected(restricted_custom_container()),
        },
    ];
    assert_eq!(cases.len(), 3);
    let mut table = Table::default();
    for case in cases {
        let got = run(&session_with_custom(case.opts, &case.custom), &copy_pod())
            .map(|p| without_metadata(p.result));
        table.check(case.name, &case.expected, got);
    }
    table.finish("TestGenerateEphemeralDebugPodCustomProfile");
}
