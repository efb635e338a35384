//! Debugging profiles: `legacy general baseline restricted netadmin sysadmin`.
//!
//! Mirrors kubectl `pkg/cmd/debug/profiles.go` (`NewProfileApplier`, each profile's
//! `Apply`), version by version (behaviour spec §7.4).

mod mutate;

use std::fmt;
use std::str::FromStr;

use crate::json::{Map, Value};

pub(crate) use mutate::*;

use crate::error::{Code, Error};
use crate::version::KubectlVersion;

/// A built-in debugging profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// `legacy`: kubectl's pre-profile behaviour (deprecated from 1.32).
    Legacy,
    /// `general`: a reasonable set of defaults (`SYS_PTRACE`, host namespaces on nodes).
    General,
    /// `baseline`: compatible with the baseline Pod Security Standard.
    Baseline,
    /// `restricted`: compatible with the restricted Pod Security Standard.
    Restricted,
    /// `netadmin`: network administration (`NET_ADMIN`, `NET_RAW`).
    Netadmin,
    /// `sysadmin` (1.30+): privileged.
    Sysadmin,
}

impl Profile {
    /// Every profile, in kubectl's help order.
    pub const ALL: [Profile; 6] = [
        Profile::Legacy,
        Profile::General,
        Profile::Baseline,
        Profile::Restricted,
        Profile::Netadmin,
        Profile::Sysadmin,
    ];

    /// kubectl's name for the profile.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Legacy => "legacy",
            Profile::General => "general",
            Profile::Baseline => "baseline",
            Profile::Restricted => "restricted",
            Profile::Netadmin => "netadmin",
            Profile::Sysadmin => "sysadmin",
        }
    }

    /// Whether `version` has this profile (`sysadmin` arrived in 1.30).
    pub fn exists_in(self, version: KubectlVersion) -> bool {
        self != Profile::Sysadmin || version.at_least(30)
    }

    /// Mirrors kubectl `NewProfileApplier`: the profile named `name` in `version`.
    ///
    /// # Errors
    /// `unknown profile: <name>` (case-sensitive, as kubectl).
    pub fn for_version(name: &str, version: KubectlVersion) -> Result<Profile, Error> {
        name.parse::<Profile>()
            .ok()
            .filter(|p| p.exists_in(version))
            .ok_or_else(|| Error::new(Code::UnknownProfile, format!("unknown profile: {name}")))
    }

    /// The profiles `version` offers.
    pub fn available(version: KubectlVersion) -> impl Iterator<Item = Profile> {
        Profile::ALL
            .into_iter()
            .filter(move |p| p.exists_in(version))
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = Error;

    fn from_str(s: &str) -> Result<Profile, Error> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| Error::new(Code::UnknownProfile, format!("unknown profile: {s}")))
    }
}

/// How the debug container reaches the target: kubectl's `debugStyle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebugStyle {
    /// An ephemeral container added to the running pod.
    Ephemeral,
    /// A copy of the pod with a debug container.
    PodCopy,
    /// A new pod on a node.
    Node,
}

/// The `--keep-*` flags (1.31+): mirrors kubectl `KeepFlags`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeepFlags {
    /// `--keep-labels`.
    pub labels: bool,
    /// `--keep-annotations`.
    pub annotations: bool,
    /// `--keep-liveness`.
    pub liveness: bool,
    /// `--keep-readiness`.
    pub readiness: bool,
    /// `--keep-startup`.
    pub startup: bool,
    /// `--keep-init-containers`.
    pub init_containers: bool,
}

/// Mirrors the profiles' `Apply(pod, containerName, target)`: mutate `pod` (the ephemeral
/// target, the copy, or the node pod, per `style`) for the container `container`.
pub fn apply(
    profile: Profile,
    pod: &mut Value,
    container: &str,
    style: DebugStyle,
    keep: KeepFlags,
    version: KubectlVersion,
) {
    let Some(pod) = pod.as_object_mut() else {
        return;
    };
    if style == DebugStyle::PodCopy {
        copy_removals(profile, pod, keep, version);
    }
    let Some(spec) = crate::json::ensure_object(pod, "spec") else {
        return;
    };
    match (profile, style) {
        (Profile::Legacy, DebugStyle::Node) => {
            mount_root_partition(spec, container);
            use_host_namespaces(spec);
        }
        (Profile::Legacy, _) => {}
        (Profile::General, DebugStyle::Node) => {
            mount_root_partition(spec, container);
            clear_security_context(spec, container);
            use_host_namespaces(spec);
        }
        (Profile::General, _) => {
            add_capabilities(spec, container, &["SYS_PTRACE"]);
        }
        (Profile::Baseline, _) => clear_security_context(spec, container),
        (Profile::Restricted, _) => {
            clear_security_context(spec, container);
            disallow_root(spec, container);
            drop_capabilities(spec, container);
            if version.at_least(28) {
                disallow_privilege_escalation(spec, container);
                set_seccomp_profile(spec, container);
            }
        }
        (Profile::Netadmin, _) => {
            let caps: &[&str] = if version.at_least(29) {
                &["NET_ADMIN", "NET_RAW"]
            } else {
                &["NET_ADMIN"]
            };
            add_capabilities(spec, container, caps);
            if style == DebugStyle::Node {
                if !version.at_least(29) {
                    set_privileged(spec, container);
                }
                use_host_namespaces(spec);
            }
        }
        (Profile::Sysadmin, _) => {
            set_privileged(spec, container);
            if style == DebugStyle::Node {
                use_host_namespaces(spec);
                mount_root_partition(spec, container);
            }
        }
    }
    if style == DebugStyle::PodCopy && shares_process_namespace(profile, version) {
        share_process_namespace(spec);
    }
}

/// Whether the profile's copy sets `shareProcessNamespace` (netadmin from 1.29).
fn shares_process_namespace(profile: Profile, version: KubectlVersion) -> bool {
    match profile {
        Profile::Legacy => false,
        Profile::Netadmin => version.at_least(29),
        _ => true,
    }
}

/// What a profile strips from a pod copy, per version: 1.27–1.30 `removeLabelsAndProbes`
/// (general and baseline only), 1.31+ the `KeepFlags` removers (every non-legacy profile;
/// legacy always drops the labels).
fn copy_removals(
    profile: Profile,
    pod: &mut Map<String, Value>,
    keep: KeepFlags,
    version: KubectlVersion,
) {
    if profile == Profile::Legacy {
        remove_labels(pod);
        return;
    }
    if !version.at_least(31) {
        // Labels are never copied before 1.31; only general and baseline drop probes.
        if matches!(profile, Profile::General | Profile::Baseline) {
            remove_labels(pod);
            if let Some(spec) = pod.get_mut("spec").and_then(Value::as_object_mut) {
                remove_probe(spec, "livenessProbe");
                remove_probe(spec, "readinessProbe");
                if version.at_least(28) {
                    remove_probe(spec, "startupProbe");
                }
            }
        }
        return;
    }
    if !keep.labels {
        remove_labels(pod);
    }
    if !keep.annotations {
        remove_annotations(pod);
    }
    if let Some(spec) = pod.get_mut("spec").and_then(Value::as_object_mut) {
        for (kept, probe) in [
            (keep.liveness, "livenessProbe"),
            (keep.readiness, "readinessProbe"),
            (keep.startup, "startupProbe"),
        ] {
            if !kept {
                remove_probe(spec, probe);
            }
        }
        if !keep.init_containers {
            remove_init_containers(spec);
        }
    }
}
