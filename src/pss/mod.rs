//! The Pod Security Standards checks of the PodSecurity admission, in Rust.
//!
//! Mirrors `k8s.io/pod-security-admission/policy` as Kubernetes 1.36 registers it (its
//! `check_*.go`, `registry.go` and `api/helpers.go`): given a pod as JSON, a level and a
//! policy version, which checks fail and how the admission words them.
//!
//! `--profile=auto` and `--preflight` use it (`crate::preflight`).

mod baseline_host;
mod baseline_options;
pub(crate) mod labels;
pub(crate) mod message;
mod restricted;
mod view;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::json::Value;

use view::PodView;

/// The newest `MinimumVersion` registered upstream (1.36): `latest` and any newer `v1.N`
/// evaluate as this minor (`registry.go` clamps to its `maxVersion`).
pub(crate) const MAX_MINOR: u64 = 35;

/// A Pod Security Standards level (`api.Level`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// `privileged`: nothing is checked.
    Privileged,
    /// `baseline`.
    Baseline,
    /// `restricted`: baseline (minus the checks restricted ones override) and more.
    Restricted,
}

impl Level {
    /// The label value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Privileged => "privileged",
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        }
    }

    /// Mirrors `api.ParseLevel` (exact, case-sensitive names).
    pub(crate) fn parse(s: &str) -> Option<Level> {
        match s {
            "privileged" => Some(Level::Privileged),
            "baseline" => Some(Level::Baseline),
            "restricted" => Some(Level::Restricted),
            _ => None,
        }
    }
}

/// A policy version (`api.Version`): `latest` or `v1.N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PolicyVersion {
    /// `latest`.
    Latest,
    /// `v1.N`, as written (evaluated as `min(N, MAX_MINOR)`).
    V1(u64),
}

impl PolicyVersion {
    /// Mirrors `api.ParseVersion`: `latest`, or `v1.N` matching `^v1\.([0-9]|[1-9][0-9]*)$`.
    pub(crate) fn parse(s: &str) -> Option<PolicyVersion> {
        if s == "latest" {
            return Some(PolicyVersion::Latest);
        }
        let digits = s.strip_prefix("v1.")?;
        let leading_zero = digits.len() > 1 && digits.starts_with('0');
        if digits.is_empty() || leading_zero || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Go's strconv.Atoi fails beyond int64: the label is then invalid.
        digits
            .parse::<i64>()
            .ok()
            .and_then(|n| u64::try_from(n).ok())
            .map(PolicyVersion::V1)
    }

    /// The minor the checks are evaluated at (`EvaluatePod`'s clamp).
    pub(crate) fn minor(self) -> u64 {
        match self {
            PolicyVersion::Latest => MAX_MINOR,
            PolicyVersion::V1(n) => n.min(MAX_MINOR),
        }
    }
}

impl fmt::Display for PolicyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyVersion::Latest => f.write_str("latest"),
            PolicyVersion::V1(n) => write!(f, "v1.{n}"),
        }
    }
}

/// One failed check, as the admission words it (`CheckResult`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    /// The upstream check ID (`hostNamespaces`, `runAsNonRoot`, …).
    pub(crate) check: &'static str,
    /// `ForbiddenReason`, e.g. `allowPrivilegeEscalation != false`.
    pub(crate) reason: String,
    /// `ForbiddenDetail`, e.g. `container "x" must set securityContext.allowPrivilegeEscalation=false`.
    pub(crate) detail: String,
}

/// A check's verdict: `None` when allowed, else its reason and detail.
type Outcome = Option<(String, String)>;

/// A check at one policy minor (the `VersionedCheck` that applies is chosen inside).
type CheckFn = fn(&PodView<'_>, u64) -> Outcome;

/// One registered check (`policy.Check`).
struct Check {
    id: &'static str,
    restricted: bool,
    /// The first `MinimumVersion`: the check does not exist before it.
    since: u64,
    /// The baseline check this restricted check replaces (`OverrideCheckIDs`), from `since`.
    overrides: Option<&'static str>,
    run: CheckFn,
}

const fn check(id: &'static str, restricted: bool, since: u64, run: CheckFn) -> Check {
    Check {
        id,
        restricted,
        since,
        overrides: None,
        run,
    }
}

const fn overriding(id: &'static str, since: u64, over: &'static str, run: CheckFn) -> Check {
    Check {
        id,
        restricted: true,
        since,
        overrides: Some(over),
        run,
    }
}

/// Every check, in the registry's order: baseline IDs sorted, then restricted IDs sorted
/// (`populate` sorts them "to maintain consistent error messages"; Go compares bytes).
const CHECKS: [Check; 19] = [
    check(
        "appArmorProfile",
        false,
        0,
        baseline_options::check_app_armor_profile,
    ),
    check(
        "capabilities_baseline",
        false,
        0,
        baseline_host::check_capabilities_baseline,
    ),
    check(
        "hostNamespaces",
        false,
        0,
        baseline_host::check_host_namespaces,
    ),
    check(
        "hostPathVolumes",
        false,
        0,
        baseline_host::check_host_path_volumes,
    ),
    check("hostPorts", false, 0, baseline_host::check_host_ports),
    check(
        "hostProbesAndHostLifecycle",
        false,
        34,
        baseline_host::check_host_probes_and_host_lifecycle,
    ),
    check("privileged", false, 0, baseline_host::check_privileged),
    check(
        "procMount",
        false,
        0,
        baseline_options::check_proc_mount_baseline,
    ),
    check(
        "seLinuxOptions",
        false,
        0,
        baseline_options::check_se_linux_options,
    ),
    check(
        "seccompProfile_baseline",
        false,
        0,
        baseline_options::check_seccomp_profile_baseline,
    ),
    check("sysctls", false, 0, baseline_options::check_sysctls),
    check(
        "windowsHostProcess",
        false,
        0,
        baseline_host::check_windows_host_process,
    ),
    check(
        "allowPrivilegeEscalation",
        true,
        8,
        restricted::check_allow_privilege_escalation,
    ),
    overriding(
        "capabilities_restricted",
        22,
        "capabilities_baseline",
        restricted::check_capabilities_restricted,
    ),
    overriding(
        "procMount_restricted",
        35,
        "procMount",
        restricted::check_proc_mount_restricted,
    ),
    overriding(
        "restrictedVolumes",
        0,
        "hostPathVolumes",
        restricted::check_restricted_volumes,
    ),
    check("runAsNonRoot", true, 0, restricted::check_run_as_non_root),
    check("runAsUser", true, 23, restricted::check_run_as_user),
    overriding(
        "seccompProfile_restricted",
        19,
        "seccompProfile_baseline",
        restricted::check_seccomp_profile_restricted,
    ),
];

/// The checks `pod` fails at `level` and `version`, in the admission's order.
/// Mirrors pod-security-admission `policy/registry.go` `checkRegistry.EvaluatePod`.
pub(crate) fn check_pod(pod: &Value, level: Level, version: PolicyVersion) -> Vec<Violation> {
    if level == Level::Privileged {
        return Vec::new();
    }
    let minor = version.minor();
    let view = PodView::new(pod);
    let applies = |c: &Check| c.since <= minor && (!c.restricted || level == Level::Restricted);
    let overridden = |id: &str| {
        level == Level::Restricted && CHECKS.iter().any(|c| c.overrides == Some(id) && applies(c))
    };
    CHECKS
        .iter()
        .filter(|c| applies(c) && !overridden(c.id))
        .filter_map(|c| {
            (c.run)(&view, minor).map(|(reason, detail)| Violation {
                check: c.id,
                reason,
                detail,
            })
        })
        .collect()
}
