//! How the admission words a rejection.

use super::Violation;
use crate::go::quote::go_quote;

/// The violations joined as `reason (detail), reason (detail)`.
/// Mirrors pod-security-admission `policy/checks.go` `AggregateCheckResult.ForbiddenReason`.
pub(crate) fn forbidden_reason(violations: &[Violation]) -> String {
    let parts: Vec<String> = violations
        .iter()
        .map(|v| {
            if v.detail.is_empty() {
                v.reason.clone()
            } else {
                format!("{} ({})", v.reason, v.detail)
            }
        })
        .collect();
    parts.join(", ")
}

/// The API server's message for a pod the admission refuses, e.g.
/// `pods "web" is forbidden: violates PodSecurity "restricted:latest": …`; `policy` is the
/// namespace's `level:version` ([`super::labels::EnforcePolicy::name`]), `pod_name` empty for a
/// pod not yet named. Mirrors the admission's `violates PodSecurity %q: %s` wrapped by
/// apimachinery `errors.NewForbidden`.
pub(crate) fn forbidden_message(pod_name: &str, policy: &str, violations: &[Violation]) -> String {
    let subject = if pod_name.is_empty() {
        "pods".to_string()
    } else {
        format!("pods {}", go_quote(pod_name))
    };
    format!(
        "{subject} is forbidden: violates PodSecurity {}: {}",
        go_quote(policy),
        forbidden_reason(violations)
    )
}
