//! `TestGenerateNodeDebugPod` (debug_test.go): `generateNodeDebugPod(node)` for node
//! `node-XXX`, image busybox, pull policy IfNotPresent → the pod. Compared with `Plan::result`.

use kubedebug::DebugOptions;
use kubedebug::{json, Value};

use crate::{go_options, run, session, strings, Table};

/// kubectl's `node-XXX` node, as an API server returns it.
pub fn node_xxx() -> Value {
    json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-XXX"}})
}

/// Go's options for a node debug pod with `profile`.
pub fn node_opts(profile: &str) -> DebugOptions {
    DebugOptions {
        image: "busybox".into(),
        image_pull_policy: "IfNotPresent".into(),
        ..go_options(profile, "node/node-XXX")
    }
}

struct Case {
    name: &'static str,
    opts: DebugOptions,
    expected: Value,
}

#[test]
fn test_generate_node_debug_pod() {
    let meta = json!({
        "name": "node-debugger-node-XXX-1",
        "labels": {"app.kubernetes.io/managed-by": "kubectl-debug"},
    });
    let host_root = json!([{"name": "host-root", "hostPath": {"path": "/"}}]);
    let mount = json!([{"mountPath": "/host", "name": "host-root"}]);
    let tolerate_all = json!([{"operator": "Exists"}]);
    let privileged_pod = |container: Value| {
        json!({
            "metadata": meta,
            "spec": {
                "containers": [container],
                "hostIPC": true, "hostNetwork": true, "hostPID": true,
                "nodeName": "node-XXX", "restartPolicy": "Never",
                "volumes": host_root,
                "tolerations": tolerate_all,
            },
        })
    };
    let cases = vec![
        Case {
            name: "minimum options",
            opts: node_opts("legacy"),
            expected: privileged_pod(json!({
                "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File", "volumeMounts": mount,
            })),
        },
        Case {
            name: "debug args as container command",
            opts: DebugOptions {
                args: strings(&["/bin/echo", "one", "two", "three"]),
                container: "custom-debugger".into(),
                ..node_opts("legacy")
            },
            expected: privileged_pod(json!({
                "name": "custom-debugger", "command": ["/bin/echo", "one", "two", "three"],
                "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File", "volumeMounts": mount,
            })),
        },
        Case {
            name: "debug args as container args",
            opts: DebugOptions {
                arguments_only: true,
                container: "custom-debugger".into(),
                args: strings(&["echo", "one", "two", "three"]),
                ..node_opts("legacy")
            },
            expected: privileged_pod(json!({
                "name": "custom-debugger", "args": ["echo", "one", "two", "three"],
                "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File", "volumeMounts": mount,
            })),
        },
        Case {
            name: "general profile",
            opts: node_opts("general"),
            expected: privileged_pod(json!({
                "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File", "volumeMounts": mount,
            })),
        },
        Case {
            name: "baseline profile",
            opts: node_opts("baseline"),
            expected: json!({
                "metadata": meta,
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File", "volumeMounts": null,
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
            expected: json!({
                "metadata": meta,
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File", "volumeMounts": null,
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
            expected: json!({
                "metadata": meta,
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File", "volumeMounts": null,
                        "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}},
                    }],
                    "hostIPC": true, "hostNetwork": true, "hostPID": true,
                    "nodeName": "node-XXX", "restartPolicy": "Never", "volumes": null,
                    "tolerations": tolerate_all,
                },
            }),
        },
    ];
    assert_eq!(cases.len(), 7);
    let mut table = Table::default();
    for case in cases {
        let got = run(&session(case.opts), &node_xxx()).map(|p| p.result);
        table.check(case.name, &case.expected, got);
    }
    table.finish("TestGenerateNodeDebugPod");
}
