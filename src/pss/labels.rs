//! The namespace's `pod-security.kubernetes.io/enforce` and `-version` labels, read as the
//! admission reads them.

use super::{Level, PolicyVersion};
use crate::go::quote::go_quote;
use crate::json::Value;

/// The enforce level label.
pub(crate) const ENFORCE_LEVEL_LABEL: &str = "pod-security.kubernetes.io/enforce";
/// The enforce version label.
pub(crate) const ENFORCE_VERSION_LABEL: &str = "pod-security.kubernetes.io/enforce-version";

/// The namespace's enforce policy, and what was wrong with its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnforcePolicy {
    /// The level enforced (`privileged` without a label: the admission's default).
    pub(crate) level: Level,
    /// The policy version (`latest` without a label).
    pub(crate) version: PolicyVersion,
    /// One `field.Invalid` text per bad label, e.g.
    /// `metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted`.
    pub(crate) errors: Vec<String>,
}

impl EnforcePolicy {
    /// `restricted:latest`, as the admission names the policy in its message
    /// (`LevelVersion.String`).
    pub(crate) fn name(&self) -> String {
        format!("{}:{}", self.level.as_str(), self.version)
    }
}

fn invalid(label: &str, value: &str, why: &str) -> String {
    format!(
        "metadata.labels[{label}]: Invalid value: {}: {why}",
        go_quote(value)
    )
}

/// The enforce policy of a namespace with `labels` (its `metadata.labels` object).
/// Mirrors pod-security-admission `api/helpers.go` `PolicyToEvaluate` with the admission's
/// default configuration (`privileged:latest`): an invalid level fails closed
/// (`restricted`), an invalid version means `latest`. A label whose value is not a string
/// reads as Go's `""`, which is invalid.
pub(crate) fn policy_to_evaluate(labels: Option<&Value>) -> EnforcePolicy {
    let mut policy = EnforcePolicy {
        level: Level::Privileged,
        version: PolicyVersion::Latest,
        errors: Vec::new(),
    };
    let Some(labels) = labels.and_then(Value::as_object) else {
        return policy;
    };
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    if let Some(level) = labels.get(ENFORCE_LEVEL_LABEL).map(text) {
        policy.level = Level::parse(&level).unwrap_or_else(|| {
            policy.errors.push(invalid(
                ENFORCE_LEVEL_LABEL,
                &level,
                "must be one of privileged, baseline, restricted",
            ));
            Level::Restricted
        });
    }
    if let Some(version) = labels.get(ENFORCE_VERSION_LABEL).map(text) {
        policy.version = PolicyVersion::parse(&version).unwrap_or_else(|| {
            policy.errors.push(invalid(
                ENFORCE_VERSION_LABEL,
                &version,
                "must be \"latest\" or \"v1.x\"",
            ));
            PolicyVersion::Latest
        });
    }
    policy
}
