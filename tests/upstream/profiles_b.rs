//! profiles_test.go, part 2: `TestRestrictedProfile`, `TestNetAdminProfile`,
//! `TestSysAdminProfile` (see profiles_a.rs for the conventions).
//!
//! Not ported: "bad inputs results in error" (restricted) and "nil target" (netadmin,
//! sysadmin: exact errors `netadmin profile: objects of type <nil> are not supported` and
//! `sysadmin profile: objects of type <nil> are not supported`). Our `apply` receives the
//! style as a `DebugStyle` and the pod as `&mut Value`, so a nil or unsupported target cannot
//! be passed: Rust's types exclude the case, and `apply` has no error to return.

use kubedebug::json;
use kubedebug::profile::{DebugStyle, Profile};

use crate::profiles_a::{
    caps, copy_pod, copy_pod_with_ptrace, ephemeral_pod, host_mount, host_root_volume, node_pod,
};
use crate::{run_profile_table, ProfileCase};

#[test]
fn test_restricted_profile() {
    let restricted_sc = json!({
        "runAsNonRoot": true,
        "capabilities": {"drop": ["ALL"]},
        "allowPrivilegeEscalation": false,
        "seccompProfile": {"type": "RuntimeDefault"},
    });
    run_profile_table(
        "TestRestrictedProfile",
        Profile::Restricted,
        vec![
            // "bad inputs results in error": not expressible (see the module comment).
            ProfileCase {
                name: "debug by ephemeral container",
                style: DebugStyle::Ephemeral,
                pod: ephemeral_pod(caps(&["SYS_PTRACE"])),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"ephemeralContainers": [{"name": "dbg", "image": "dbgimage", "securityContext": restricted_sc}]},
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
                        "containers": [
                            {"name": "app", "image": "appimage"},
                            {"name": "dbg", "image": "dbgimage", "securityContext": restricted_sc},
                        ],
                    },
                }),
            },
            ProfileCase {
                name: "debug by node",
                style: DebugStyle::Node,
                pod: node_pod(Some(json!({
                    "capabilities": {"add": ["ALL"]},
                    "allowPrivilegeEscalation": false,
                    "seccompProfile": {"type": "RuntimeDefault"},
                }))),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"containers": [{"name": "dbg", "image": "dbgimage", "securityContext": restricted_sc}]},
                }),
            },
        ],
    );
}

#[test]
fn test_net_admin_profile() {
    run_profile_table(
        "TestNetAdminProfile",
        Profile::Netadmin,
        vec![
            // "nil target": not expressible (see the module comment).
            ProfileCase {
                name: "debug by ephemeral container",
                style: DebugStyle::Ephemeral,
                pod: ephemeral_pod(None),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"ephemeralContainers": [{
                        "name": "dbg", "image": "dbgimage",
                        "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}},
                    }]},
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
                        "containers": [
                            {"name": "app", "image": "appimage"},
                            {
                                "name": "dbg", "image": "dbgimage",
                                "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}},
                            },
                        ],
                    },
                }),
            },
            ProfileCase {
                name: "debug by pod copy preserve existing capability",
                style: DebugStyle::PodCopy,
                pod: copy_pod_with_ptrace(),
                want: json!({
                    "metadata": {"name": "podcopy"},
                    "spec": {
                        "shareProcessNamespace": true,
                        "containers": [
                            {"name": "app", "image": "appimage"},
                            {
                                "name": "dbg", "image": "dbgimage",
                                "securityContext": {"capabilities": {"add": ["SYS_PTRACE", "NET_ADMIN", "NET_RAW"]}},
                            },
                        ],
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
                        "containers": [{
                            "name": "dbg", "image": "dbgimage",
                            "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}},
                        }],
                    },
                }),
            },
            ProfileCase {
                name: "debug by node preserve existing capability",
                style: DebugStyle::Node,
                pod: node_pod(caps(&["SYS_PTRACE"])),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {
                        "hostNetwork": true, "hostPID": true, "hostIPC": true,
                        "containers": [{
                            "name": "dbg", "image": "dbgimage",
                            "securityContext": {"capabilities": {"add": ["SYS_PTRACE", "NET_ADMIN", "NET_RAW"]}},
                        }],
                    },
                }),
            },
        ],
    );
}

#[test]
fn test_sys_admin_profile() {
    run_profile_table(
        "TestSysAdminProfile",
        Profile::Sysadmin,
        vec![
            // "nil target": not expressible (see the module comment).
            ProfileCase {
                name: "debug by ephemeral container",
                style: DebugStyle::Ephemeral,
                pod: ephemeral_pod(None),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {"ephemeralContainers": [{
                        "name": "dbg", "image": "dbgimage", "securityContext": {"privileged": true},
                    }]},
                }),
            },
            ProfileCase {
                name: "debug by pod copy",
                style: DebugStyle::PodCopy,
                pod: copy_pod(None),
                want: json!({
                    "metadata": {"name": "podcopy"},
                    "spec": {
                        "initContainers": [{"name": "init-container"}],
                        "containers": [
                            {"name": "app", "image": "appimage"},
                            {"name": "dbg", "image": "dbgimage", "securityContext": {"privileged": true}},
                        ],
                        "shareProcessNamespace": true,
                    },
                }),
            },
            ProfileCase {
                name: "debug by pod copy preserve existing capability",
                style: DebugStyle::PodCopy,
                pod: copy_pod_with_ptrace(),
                want: json!({
                    "metadata": {"name": "podcopy"},
                    "spec": {
                        "containers": [
                            {"name": "app", "image": "appimage"},
                            {
                                "name": "dbg", "image": "dbgimage",
                                "securityContext": {"privileged": true, "capabilities": {"add": ["SYS_PTRACE"]}},
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
                        "volumes": host_root_volume(),
                        "containers": [{
                            "name": "dbg", "image": "dbgimage",
                            "securityContext": {"privileged": true},
                            "volumeMounts": host_mount(),
                        }],
                    },
                }),
            },
            ProfileCase {
                name: "debug by node preserve existing capability",
                style: DebugStyle::Node,
                pod: node_pod(caps(&["SYS_PTRACE"])),
                want: json!({
                    "metadata": {"name": "pod"},
                    "spec": {
                        "hostNetwork": true, "hostPID": true, "hostIPC": true,
                        "volumes": host_root_volume(),
                        "containers": [{
                            "name": "dbg", "image": "dbgimage",
                            "securityContext": {"privileged": true, "capabilities": {"add": ["SYS_PTRACE"]}},
                            "volumeMounts": host_mount(),
                        }],
                    },
                }),
            },
        ],
    );
}
