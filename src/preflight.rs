//! `--profile=auto` and `--preflight` (kubedebug's; kubectl rejects both): the target
//! namespace's PodSecurity enforce labels choose the profile, and the planned pod is checked
//! against them ([`crate::pss`]) before anything is sent.
//!
//! `prepare` asks the host for the namespace ([`crate::reads`]) when either is used, then
//! settles here: the profile `auto` stands for, and the [`PodSecurity`] that planning checks
//! ([`check::check_plan`]).

mod check;

pub(crate) use check::check_plan;

use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::boundary::boundary_struct;
use crate::messages::Message;
use crate::options::DebugOptions;
use crate::profile::Profile;
use crate::pss::labels::{policy_to_evaluate, EnforcePolicy, ENFORCE_LEVEL_LABEL};
use crate::pss::Level;
use crate::reads::{self, ReadResult};
use crate::version::KubectlVersion;

/// The profile name that chooses by the namespace's labels (KEP-1441's `auto`).
pub(crate) const AUTO: &str = "auto";

/// How the pre-flight reports violations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// No check.
    Off,
    /// Print each violation as the admission's warning, and go on.
    Warn,
    /// Fail before anything is sent.
    Enforce,
}

impl Mode {
    /// The `--preflight` value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Mode::Off => "off",
            Mode::Warn => "warn",
            Mode::Enforce => "enforce",
        }
    }

    fn parse(s: &str) -> Option<Mode> {
        [Mode::Off, Mode::Warn, Mode::Enforce]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// `--preflight` without a value.
pub(crate) const PREFLIGHT_NO_VALUE: &str = "enforce";

boundary_struct! {
    /// The target namespace's PodSecurity enforce policy, as `prepare` read it for
    /// `--profile=auto` or `--preflight`, and what planning does with it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct PodSecurity {
        deny_unknown: true;
        /// The namespace whose labels were read.
        pub namespace: String = String::new(), "namespace";
        /// The enforce level: `privileged`, `baseline` or `restricted`.
        pub level: String = "privileged".to_string(), "level";
        /// The enforce policy version: `latest` or `v1.N`.
        pub version: String = "latest".to_string(), "version";
        /// Whether the profile was chosen by `--profile=auto`.
        pub auto: bool = false, "auto";
        /// The pre-flight mode: `off`, `warn` or `enforce`.
        pub preflight: String = "off".to_string(), "preflight";
    }
}

/// The pre-flight mode in effect: `--preflight`'s, else `warn` with `--profile=auto`, else off.
///
/// # Errors
/// A `--preflight` value other than `warn`, `enforce`, `off`.
pub(crate) fn mode(o: &DebugOptions) -> Result<Mode, Error> {
    if o.preflight.is_empty() {
        let auto = o.profile.as_deref() == Some(AUTO);
        return Ok(if auto { Mode::Warn } else { Mode::Off });
    }
    Mode::parse(&o.preflight).ok_or_else(|| {
        Error::invalid(format!(
            "invalid --preflight {}: must be warn, enforce or off",
            go_quote(&o.preflight)
        ))
    })
}

/// Whether planning needs the namespace's labels (`--profile=auto`, or a pre-flight).
///
/// # Errors
/// As [`mode`].
pub(crate) fn wants_namespace(o: &DebugOptions) -> Result<bool, Error> {
    Ok(o.profile.as_deref() == Some(AUTO) || mode(o)? != Mode::Off)
}

/// The profile `auto` stands for under `policy`.
pub(crate) fn auto_profile(level: Level) -> Profile {
    match level {
        Level::Restricted => Profile::Restricted,
        Level::Baseline => Profile::Baseline,
        Level::Privileged => Profile::General,
    }
}

/// Why `auto` chose `profile`, e.g. `--profile=auto: namespace "dev" enforces PodSecurity
/// "restricted:latest": using --profile=restricted`.
fn chosen(ns: &str, policy: &EnforcePolicy, labelled: bool, profile: Profile) -> Message {
    let why = if labelled {
        format!("enforces PodSecurity {}", go_quote(&policy.name()))
    } else {
        format!("has no {ENFORCE_LEVEL_LABEL} label (privileged)")
    };
    let invalid = if policy.errors.is_empty() {
        String::new()
    } else {
        format!(" ({})", policy.errors.join("; "))
    };
    Message::stderr(format!(
        "--profile=auto: namespace {} {why}{invalid}: using --profile={profile}",
        go_quote(ns)
    ))
}

/// Settles `--profile=auto` and the pre-flight once the namespace was read: replaces `auto`
/// in `options` by the profile it stands for, and answers the policy planning checks and the
/// line saying which profile was chosen and why (none with `-q`).
///
/// # Errors
/// The namespace could not be read ([`Code::NamespaceUnreadable`]); the chosen profile is
/// not in `version` ([`Code::UnknownProfile`]).
pub(crate) fn settle(
    options: &mut DebugOptions,
    ns: &str,
    result: &ReadResult,
    version: KubectlVersion,
) -> Result<(PodSecurity, Option<Message>), Error> {
    let auto = options.profile.as_deref() == Some(AUTO);
    let preflight = mode(options)?;
    let why = if auto {
        "--profile=auto"
    } else {
        "--preflight"
    };
    let namespace = reads::namespace_object(result, ns, why)?;
    let labels = namespace.get("metadata").and_then(|m| m.get("labels"));
    let labelled = labels.and_then(|l| l.get(ENFORCE_LEVEL_LABEL)).is_some();
    let policy = policy_to_evaluate(labels);
    let mut line = None;
    if auto {
        let profile = auto_profile(policy.level);
        Profile::for_version(profile.as_str(), version)?;
        options.profile = Some(profile.to_string());
        if !options.quiet {
            line = Some(chosen(ns, &policy, labelled, profile));
        }
    }
    let security = PodSecurity {
        namespace: ns.to_string(),
        level: policy.level.as_str().to_string(),
        version: policy.version.to_string(),
        auto,
        preflight: preflight.as_str().to_string(),
    };
    Ok((security, line))
}

/// `options` with `auto` read as `general` (for the checks kubectl makes before the
/// namespace is read: the flags exist, the `--custom` file).
pub(crate) fn without_auto(options: &DebugOptions) -> DebugOptions {
    let mut o = options.clone();
    if o.profile.as_deref() == Some(AUTO) {
        o.profile = Some(Profile::General.to_string());
    }
    o
}

/// The error for a `Prepared` that names `auto` but was never settled (built by hand).
pub(crate) fn unsettled() -> Error {
    Error::new(
        Code::NamespaceUnreadable,
        "--profile=auto needs the namespace's labels: give the answer to needs.reads back to prepare",
    )
}

#[cfg(test)]
mod tests;
