//! profiles_test.go, part 1: `TestLegacyProfile`, `TestGeneralProfile`, `TestBaselineProfile`.
//!
//! Each Go row calls `applier.Apply(pod, "dbg", target)` with `KeepFlags{InitContainers: true}`;
//! `target` picks the style (the same pod → ephemeral, another pod → pod copy, `testNode` →
//! node). Our `profile::apply` takes the style explicitly.
//!
//! Not ported: the "bad inputs results in error" rows (`Apply(nil, "dbg", nil)` → some error).
//! `apply` takes `&mut Value` and a `DebugStyle`, so neither a nil pod nor a nil or unsupported
//! target can be expressed; Rust's types exclude the case kubectl checks at run time.

use kubedebug::profile::{DebugStyle, Profile};
use kubedebug::{json, Value};

use crate::{run_profile_table, ProfileCase};

/// The ephemeral input: pod `pod` with ephemeral container `dbg` (image `dbgimage`) and `sc`.
pub fn ephemeral_pod(sc: Option<Value>) -> Value {
    let mut dbg = json!({"name": "dbg", "image": "dbgimage"});
    if let Some(sc) = sc {
        dbg["securityContext"] = sc;
    }
    json!({"metadata": {"name": "pod"}, "spec": {"ephemeralContainers": [dbg]}})
}

/// The node input: pod `pod` with container `dbg` (image `dbgimage`) and `sc`.
pub fn node_pod(sc: Option<Value>) -> Value {
    let mut dbg = json!({"name": "dbg", "image": "dbgimage"});
    if let Some(sc) = sc {
        dbg["securityContext"] = sc;
    }
    json!({"metadata": {"name": "pod"}, "spec": {"containers": [dbg]}})
}

/// The pod-copy input: `podcopy` with labels `app=podcopy`, annotations `test=test`, init
/// container `init-container`, container `app` with three (empty) probes, and `dbg` with `sc`.
/// (kubectl's separate `target` pod only selects the copy style.)
pub fn copy_pod(sc: Option<Value>) -> Value {
    let mut dbg = json!({"name": "dbg", "image": "dbgimage"});
    if let Some(sc) = sc {
        dbg["securityContext"] = sc;
    }
    json!({
        "metadata": {"name": "podcopy", "labels": {"app": "podcopy"}, "annotations": {"test": "test"}},
        "spec": {
            "initContainers": [{"name": "init-container"}],
            "containers": [
                {"name": "app", "image": "appimage", "livenessProbe": {}, "readinessProbe": {}, "startupProbe": {}},
                dbg,
            ],
        },
    })
}

/// The "preserve existing capability" copy input: `podcopy` without labels or init containers,
/// `app` with probes, `dbg` with `add [SYS_PTRACE]`.
pub fn copy_pod_with_ptrace() -> Value {
    json!({
        "metadata": {"name": "podcopy"},
        "spec": {"containers": [
            {"name": "app", "image": "appimage", "livenessProbe": {}, "readinessProbe": {}, "startupProbe": {}},
            {"name": "dbg", "image": "dbgimage", "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}}},
        ]},
    })
}

pub fn caps(add: &[&str]) -> Option<Value> {
    Some(json!({"capabilities": {"add": add}}))
}

pub fn host_root_volume() -> Value {
    json!([{"name": "host-root", "hostPath": {"path": "/"}}])
}

pub fn host_mount() -> Value {
    json!([{"mountPath": "/host", "name": "host-root"}])
}

#[test]
fn test_legacy_profile() {
    run_profile_table(
        "TestLegacyProfile",
        Profile::Legacy,
        vec![
            // "bad inputs results in error": not expressible (see the module comment).
            ProfileCase {
                name: "debug by ephemeral container",
                style: DebugStyle::Ephemeral,
                pod: ephemeral_pod(None),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"ephemeralContainers": [{"name": "dbg", "image": "dbgimage"}]},
                }),
            },
            ProfileCase {
                name: "debug by pod copy",
                style: DebugStyle::PodCopy,
                pod: copy_pod(caps(&["NET_ADMIN"])),
                want: json!({
                    "metadata": {"name": "podcopy", "annotations": {"test": "test"}},
                    "spec": {
                        "initContainers": [{"name": "init-container"}],
                        "containers": [
                            {"name": "app", "image": "appimage", "livenessProbe": {}, "readinessProbe": {}, "startupProbe": {}},
                            {"name": "dbg", "image": "dbgimage", "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}}},
                        ],
                    },
                }),
            },
            ProfileCase {
                name: "debug by node",
                style: DebugStyle::Node,
                pod: node_pod(caps(&["NET_ADMIN"])),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {
                        "hostNetwork": true, "hostPID": true, "hostIPC": true,
                        "containers": [{
                            "name": "dbg", "image": "dbgimage",
                            "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}},
                            "volumeMounts": host_mount(),
                        }],
                        "volumes": host_root_volume(),
                    },
                }),
            },
        ],
    );
}

#[test]
fn test_general_profile() {
    run_profile_table(
        "TestGeneralProfile",
        Profile::General,
        vec![
            // "bad inputs results in error": not expressible (see the module comment).
            ProfileCase {
                name: "debug by ephemeral container",
                style: DebugStyle::Ephemeral,
                pod: ephemeral_pod(None),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"ephemeralContainers": [{
                        "name": "dbg", "image": "dbgimage",
                        "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}},
                    }]},
                }),
            },
            ProfileCase {
                name: "debug by pod copy",
                style: DebugStyle::PodCopy,
                pod: copy_pod(caps(&["NET_ADMIN"])),
                want: json!({
                    "metadata": {"name": "podcopy"},
                    "spec": {
                        "initContainers": [{"name": "init-container"}],
                        "containers": [
                            {"name": "app", "image": "appimage"},
                            {
                                "name": "dbg", "image": "dbgimage",
                                "securityContext": {"capabilities": {"add": ["NET_ADMIN", "SYS_PTRACE"]}},
                            },
                        ],
                        "shareProcessNamespace": true,
                    },
                }),
            },
            ProfileCase {
                name: "debug by node",
                style: DebugStyle::Node,
                pod: node_pod(None),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {
                        "hostNetwork": true, "hostPID": true, "hostIPC": true,
                        "containers": [{"name": "dbg", "image": "dbgimage", "volumeMounts": host_mount()}],
                        "volumes": host_root_volume(),
                    },
                }),
            },
        ],
    );
}

#[test]
fn test_baseline_profile() {
    run_profile_table(
        "TestBaselineProfile",
        Profile::Baseline,
        vec![
            // "bad inputs results in error": not expressible (see the module comment).
            ProfileCase {
                name: "debug by ephemeral container",
                style: DebugStyle::Ephemeral,
                pod: ephemeral_pod(caps(&["SYS_PTRACE"])),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"ephemeralContainers": [{"name": "dbg", "image": "dbgimage"}]},
                }),
            },
            ProfileCase {
                name: "debug by pod copy",
                style: DebugStyle::PodCopy,
                pod: copy_pod(None),
                want: json!({
                    "metadata": {"name": "podcopy"},
                    "spec": {
                        "shareProcessNamespace": true,
                        "initContainers": [{"name": "init-container"}],
                        "containers": [{"name": "app", "image": "appimage"}, {"name": "dbg", "image": "dbgimage"}],
                    },
                }),
            },
            ProfileCase {
                name: "debug by node",
                style: DebugStyle::Node,
                pod: node_pod(None),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"containers": [{"name": "dbg", "image": "dbgimage"}]},
                }),
            },
        ],
    );
}
