//! `TestGenerateDebugContainer` (debug_test.go): `generateDebugContainer(pod)` → the
//! `EphemeralContainer` it adds. Compared with `Plan::container`.

use kubedebug::DebugOptions;
use kubedebug::{json, Value};

use crate::{go_options, run, session, strings, Table};

struct Case {
    name: &'static str,
    opts: DebugOptions,
    /// The pod's spec (kubectl's test uses `&corev1.Pod{}` when none is given).
    spec: Value,
    expected: Value,
}

/// Go's `opts` with the image and pull policy every case of this table uses.
fn opts(profile: &str) -> DebugOptions {
    DebugOptions {
        image: "busybox".into(),
        image_pull_policy: "IfNotPresent".into(),
        ..go_options(profile, "target")
    }
}

fn named(profile: &str, container: &str) -> DebugOptions {
    DebugOptions {
        container: container.into(),
        ..opts(profile)
    }
}

#[test]
fn test_generate_debug_container() {
    let cases = vec![
        Case {
            name: "minimum fields",
            opts: named("legacy", "debugger"),
            spec: json!({}),
            expected: json!({
                "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "namespace targeting",
            opts: DebugOptions {
                target: "myapp".into(),
                ..named("legacy", "debugger")
            },
            spec: json!({}),
            expected: json!({
                "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File", "targetContainerName": "myapp",
            }),
        },
        Case {
            name: "debug args as container command",
            opts: DebugOptions {
                args: strings(&["/bin/echo", "one", "two", "three"]),
                ..named("legacy", "debugger")
            },
            spec: json!({}),
            expected: json!({
                "name": "debugger", "command": ["/bin/echo", "one", "two", "three"], "image": "busybox",
                "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "debug args as container args",
            opts: DebugOptions {
                arguments_only: true,
                args: strings(&["echo", "one", "two", "three"]),
                ..named("legacy", "debugger")
            },
            spec: json!({}),
            expected: json!({
                "name": "debugger", "args": ["echo", "one", "two", "three"], "image": "busybox",
                "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "random name generation",
            opts: opts("legacy"),
            spec: json!({}),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "random name collision",
            opts: opts("legacy"),
            spec: json!({"containers": [{"name": "debugger-1"}]}),
            expected: json!({
                "name": "debugger-2", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "pod with init containers",
            opts: opts("legacy"),
            spec: json!({
                "initContainers": [{"name": "init-container-1"}, {"name": "init-container-2"}],
                "containers": [{"name": "debugger"}],
            }),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "pod with ephemeral containers",
            opts: opts("legacy"),
            spec: json!({
                "containers": [{"name": "debugger"}],
                "ephemeralContainers": [{"name": "ephemeral-container-1"}, {"name": "ephemeral-container-2"}],
            }),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "general profile",
            opts: opts("general"),
            spec: json!({}),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
                "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}},
            }),
        },
        Case {
            name: "baseline profile",
            opts: opts("baseline"),
            spec: json!({}),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
            }),
        },
        Case {
            name: "restricted profile",
            opts: opts("restricted"),
            spec: json!({}),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
                "securityContext": {
                    "runAsNonRoot": true,
                    "capabilities": {"drop": ["ALL"]},
                    "allowPrivilegeEscalation": false,
                    "seccompProfile": {"type": "RuntimeDefault"},
                },
            }),
        },
        Case {
            name: "netadmin profile",
            opts: opts("netadmin"),
            spec: json!({}),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
                "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}},
            }),
        },
        Case {
            name: "sysadmin profile",
            opts: opts("sysadmin"),
            spec: json!({}),
            expected: json!({
                "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePolicy": "File",
                "securityContext": {"privileged": true},
            }),
        },
    ];
    assert_eq!(cases.len(), 13);
    let mut table = Table::default();
    for case in cases {
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "target"}, "spec": case.spec});
        let got = run(&session(case.opts), &pod).map(|p| p.container.unwrap_or(Value::Null));
        table.check(case.name, &case.expected, got);
    }
    table.finish("TestGenerateDebugContainer");
}
