//! `TestGeneratePodCopyWithDebugContainer` (debug_test.go): `generatePodCopyWithDebugContainer
//! (havePod)` → `wantPod`. Compared with `Plan::result` (the pod that is created).

use kubedebug::DebugOptions;
use kubedebug::{json, Value};

use crate::{go_options, pairs, run, session, strings, Table};

struct Case {
    name: &'static str,
    opts: DebugOptions,
    /// `havePod.ObjectMeta` and `havePod.Spec`.
    have_meta: Value,
    have_spec: Value,
    want: Value,
}

/// Go's options for `--copy-to=debugger -c debugger --image=busybox --image-pull-policy=IfNotPresent`.
fn basic(profile: &str) -> DebugOptions {
    DebugOptions {
        copy_to: "debugger".into(),
        container: "debugger".into(),
        image: "busybox".into(),
        image_pull_policy: "IfNotPresent".into(),
        ..go_options(profile, "target")
    }
}

/// `basic` without `-c`.
fn unnamed(profile: &str) -> DebugOptions {
    DebugOptions {
        container: String::new(),
        ..basic(profile)
    }
}

/// The source had no namespace and kubectl's copy takes `pod.Namespace`; ours falls back to the
/// command's namespace (an API server's pod always has one), so drop it when it came from there.
pub fn drop_filled_namespace(got: &mut Value, have_meta: &Value) {
    if have_meta.get("namespace").is_none() {
        if let Some(m) = got.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("namespace");
        }
    }
}

#[test]
fn test_generate_pod_copy_with_debug_container() {
    let one_debugger = json!({"containers": [{"name": "debugger"}], "nodeName": "node-1"});
    let business = json!({"containers": [{"name": "business"}]});
    let app_sidecar = json!({"containers": [{"name": "app", "image": "appimage"}, {"name": "sidecar", "image": "sidecarimage"}]});
    let new_debugger = json!({
        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
        "terminationMessagePolicy": "File",
    });
    let cases = vec![
        Case {
            name: "basic",
            opts: basic("legacy"),
            have_meta: json!({"name": "target"}),
            have_spec: one_debugger.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent"}]},
            }),
        },
        Case {
            name: "same node",
            opts: DebugOptions {
                same_node: true,
                ..basic("legacy")
            },
            have_meta: json!({"name": "target", "labels": {"app": "business"}}),
            have_spec: one_debugger.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "containers": [{"name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent"}],
                    "nodeName": "node-1",
                },
            }),
        },
        Case {
            name: "metadata stripping",
            opts: basic("legacy"),
            have_meta: json!({
                "name": "target", "labels": {"app": "business"}, "annotations": {"test": "test"},
                "resourceVersion": "1", "creationTimestamp": "2026-04-22T10:00:00Z",
            }),
            have_spec: json!({"containers": [{"name": "debugger"}]}),
            want: json!({
                "metadata": {"name": "debugger", "annotations": {"test": "test"}},
                "spec": {"containers": [{"name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent"}]},
            }),
        },
        Case {
            name: "add a debug container",
            opts: basic("legacy"),
            have_meta: json!({"name": "target"}),
            have_spec: business.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "business"}, new_debugger.clone()]},
            }),
        },
        Case {
            name: "customize envs",
            opts: DebugOptions {
                env: pairs(&[("TEST", "test")]),
                ..basic("legacy")
            },
            have_meta: json!({"name": "target"}),
            have_spec: business.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "business"}, {
                    "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                    "terminationMessagePolicy": "File", "env": [{"name": "TEST", "value": "test"}],
                }]},
            }),
        },
        Case {
            name: "debug args as container command",
            opts: DebugOptions {
                args: strings(&["/bin/echo", "one", "two", "three"]),
                ..basic("legacy")
            },
            have_meta: json!({"name": "target"}),
            have_spec: business.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "business"}, {
                    "name": "debugger", "image": "busybox", "command": ["/bin/echo", "one", "two", "three"],
                    "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File",
                }]},
            }),
        },
        Case {
            // Sic: kubectl's table uses this name twice; this row is the arguments-only one.
            name: "debug args as container command",
            opts: DebugOptions {
                args: strings(&["one", "two", "three"]),
                arguments_only: true,
                ..basic("legacy")
            },
            have_meta: json!({"name": "target"}),
            have_spec: business.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "business"}, {
                    "name": "debugger", "image": "busybox", "args": ["one", "two", "three"],
                    "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File",
                }]},
            }),
        },
        Case {
            name: "modify existing command to debug args",
            opts: DebugOptions {
                args: strings(&["sleep", "1d"]),
                image: String::new(),
                ..basic("legacy")
            },
            have_meta: json!({"name": "target"}),
            have_spec: json!({"containers": [{
                "name": "debugger", "command": ["echo"], "image": "app", "args": ["one", "two", "three"],
                "terminationMessagePolicy": "File",
            }]}),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{
                    "name": "debugger", "image": "app", "command": ["sleep", "1d"],
                    "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File",
                }]},
            }),
        },
        Case {
            name: "random name",
            opts: unnamed("legacy"),
            have_meta: json!({"name": "target"}),
            have_spec: business.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "business"}, {
                    "name": "debugger-1", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                    "terminationMessagePolicy": "File",
                }]},
            }),
        },
        Case {
            name: "random name collision",
            opts: unnamed("legacy"),
            have_meta: json!({"name": "target"}),
            have_spec: json!({"containers": [{"name": "debugger-1"}]}),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "debugger-1"}, {
                    "name": "debugger-2", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                    "terminationMessagePolicy": "File",
                }]},
            }),
        },
        Case {
            name: "pod with probes",
            opts: DebugOptions {
                keep_liveness: true,
                keep_readiness: true,
                keep_startup: true,
                ..basic("legacy")
            },
            have_meta: json!({"name": "target"}),
            have_spec: json!({"containers": [{
                "name": "business", "livenessProbe": {}, "readinessProbe": {}, "startupProbe": {},
            }]}),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [
                    {"name": "business", "livenessProbe": {}, "readinessProbe": {}, "startupProbe": {}},
                    new_debugger.clone(),
                ]},
            }),
        },
        Case {
            name: "pod with init containers",
            opts: DebugOptions {
                keep_init_containers: true,
                ..unnamed("legacy")
            },
            have_meta: json!({"name": "target"}),
            have_spec: json!({
                "initContainers": [{"name": "init-container-1"}, {"name": "init-container-2"}],
                "containers": [{"name": "debugger-1"}],
            }),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "initContainers": [{"name": "init-container-1"}, {"name": "init-container-2"}],
                    "containers": [{"name": "debugger-1"}, {
                        "name": "debugger-2", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File",
                    }],
                },
            }),
        },
        Case {
            name: "pod with ephemeral containers",
            opts: unnamed("legacy"),
            have_meta: json!({"name": "target"}),
            have_spec: json!({
                "containers": [{"name": "debugger-1"}],
                "ephemeralContainers": [{"name": "ephemeral-container-1"}, {"name": "ephemeral-container-2"}],
            }),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {"containers": [{"name": "debugger-1"}, {
                    "name": "debugger-2", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                    "terminationMessagePolicy": "File",
                }]},
            }),
        },
        Case {
            name: "shared process namespace",
            opts: DebugOptions {
                share_processes: Some(true),
                ..basic("legacy")
            },
            have_meta: json!({"name": "target"}),
            have_spec: json!({
                "containers": [{"name": "debugger", "imagePullPolicy": "Always", "terminationMessagePolicy": "File"}],
                "nodeName": "node-1",
            }),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File",
                    }],
                    "shareProcessNamespace": true,
                },
            }),
        },
        Case {
            name: "Change image for a named container",
            opts: DebugOptions {
                copy_to: "myapp-copy".into(),
                container: "app".into(),
                image: "busybox".into(),
                ..go_options("legacy", "myapp")
            },
            have_meta: json!({"name": "myapp"}),
            have_spec: app_sidecar.clone(),
            want: json!({
                "metadata": {"name": "myapp-copy"},
                "spec": {"containers": [{"name": "app", "image": "busybox"}, {"name": "sidecar", "image": "sidecarimage"}]},
            }),
        },
        Case {
            name: "Change image for a named container with set-image",
            opts: DebugOptions {
                copy_to: "myapp-copy".into(),
                container: "app".into(),
                set_image: pairs(&[("app", "busybox")]),
                ..go_options("legacy", "myapp")
            },
            have_meta: json!({"name": "myapp"}),
            have_spec: app_sidecar.clone(),
            want: json!({
                "metadata": {"name": "myapp-copy"},
                "spec": {"containers": [{"name": "app", "image": "busybox"}, {"name": "sidecar", "image": "sidecarimage"}]},
            }),
        },
        Case {
            name: "Change image for all containers with set-image",
            opts: DebugOptions {
                copy_to: "myapp-copy".into(),
                set_image: pairs(&[("*", "busybox")]),
                ..go_options("legacy", "myapp")
            },
            have_meta: json!({"name": "myapp"}),
            have_spec: app_sidecar.clone(),
            want: json!({
                "metadata": {"name": "myapp-copy"},
                "spec": {"containers": [{"name": "app", "image": "busybox"}, {"name": "sidecar", "image": "busybox"}]},
            }),
        },
        Case {
            name: "Change image for multiple containers with set-image",
            opts: DebugOptions {
                copy_to: "myapp-copy".into(),
                set_image: pairs(&[("*", "busybox"), ("app", "app-debugger")]),
                ..go_options("legacy", "myapp")
            },
            have_meta: json!({"name": "myapp"}),
            have_spec: app_sidecar.clone(),
            want: json!({
                "metadata": {"name": "myapp-copy"},
                "spec": {"containers": [{"name": "app", "image": "app-debugger"}, {"name": "sidecar", "image": "busybox"}]},
            }),
        },
        Case {
            name: "Add interactive debug container minimal args",
            opts: DebugOptions {
                attach: Some(true),
                copy_to: "my-debugger".into(),
                image: "busybox".into(),
                stdin: true,
                tty: true,
                ..go_options("legacy", "mypod")
            },
            have_meta: json!({"name": "mypod"}),
            have_spec: app_sidecar.clone(),
            want: json!({
                "metadata": {"name": "my-debugger"},
                "spec": {"containers": [
                    {"name": "app", "image": "appimage"},
                    {"name": "sidecar", "image": "sidecarimage"},
                    {"name": "debugger-1", "image": "busybox", "stdin": true, "terminationMessagePolicy": "File", "tty": true},
                ]},
            }),
        },
        Case {
            // `ShareProcesses: true` without `shareProcessedChanged`: not applied.
            name: "Pod copy: add container and also mutate images",
            opts: DebugOptions {
                attach: Some(true),
                copy_to: "my-debugger".into(),
                image: "debian".into(),
                stdin: true,
                set_image: pairs(&[("app", "app:debug"), ("sidecar", "sidecar:debug")]),
                share_processes: None,
                tty: true,
                ..go_options("legacy", "mypod")
            },
            have_meta: json!({"name": "mypod"}),
            have_spec: app_sidecar.clone(),
            want: json!({
                "metadata": {"name": "my-debugger"},
                "spec": {"containers": [
                    {"name": "app", "image": "app:debug"},
                    {"name": "sidecar", "image": "sidecar:debug"},
                    {"name": "debugger-1", "image": "debian", "terminationMessagePolicy": "File", "stdin": true, "tty": true},
                ]},
            }),
        },
        Case {
            name: "general profile",
            opts: basic("general"),
            have_meta: json!({"name": "target"}),
            have_spec: one_debugger.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}},
                    }],
                    "shareProcessNamespace": true,
                },
            }),
        },
        Case {
            name: "baseline profile",
            opts: basic("baseline"),
            have_meta: json!({"name": "target"}),
            have_spec: one_debugger.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "containers": [{"name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent"}],
                    "shareProcessNamespace": true,
                },
            }),
        },
        Case {
            name: "baseline profile not share process when user explicitly disables it",
            opts: DebugOptions {
                share_processes: Some(false),
                ..basic("baseline")
            },
            have_meta: json!({"name": "target"}),
            have_spec: one_debugger.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "containers": [{"name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent"}],
                    "shareProcessNamespace": false,
                },
            }),
        },
        Case {
            name: "restricted profile",
            opts: basic("restricted"),
            have_meta: json!({"name": "target"}),
            have_spec: one_debugger.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "securityContext": {
                            "runAsNonRoot": true,
                            "capabilities": {"drop": ["ALL"]},
                            "allowPrivilegeEscalation": false,
                            "seccompProfile": {"type": "RuntimeDefault"},
                        },
                    }],
                    "shareProcessNamespace": true,
                },
            }),
        },
        Case {
            name: "netadmin profile",
            opts: basic("netadmin"),
            have_meta: json!({"name": "target"}),
            have_spec: one_debugger.clone(),
            want: json!({
                "metadata": {"name": "debugger"},
                "spec": {
                    "containers": [{
                        "name": "debugger", "image": "busybox", "imagePullPolicy": "IfNotPresent",
                        "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}},
                    }],
                    "shareProcessNamespace": true,
                },
            }),
        },
    ];
    assert_eq!(cases.len(), 25);
    let mut table = Table::default();
    for case in cases {
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": case.have_meta, "spec": case.have_spec});
        let got = run(&session(case.opts), &pod).map(|p| {
            let mut got = p.result;
            drop_filled_namespace(&mut got, &pod["metadata"]);
            got
        });
        table.check(case.name, &case.want, got);
    }
    table.finish("TestGeneratePodCopyWithDebugContainer");
}
