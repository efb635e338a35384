//! The pre-flight at planning time: the pod the plan makes (the copy, the node debug pod, or
//! the target with its new ephemeral container) against the namespace's enforce policy.

use super::{Mode, PodSecurity};
use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::Value;
use crate::messages::Message;
use crate::plan::{Journey, Plan};
use crate::pss::message::forbidden_reason;
use crate::pss::{check_pod, Level, PolicyVersion};
use crate::validate::Failure;

/// The policy a `PodSecurity` names.
///
/// # Errors
/// A level, version or mode that is not one (a `Prepared` built by hand): `input/invalid`.
fn parse(ps: &PodSecurity) -> Result<(Level, PolicyVersion, Mode), Error> {
    let bad = |what: &str, v: &str| {
        Error::new(
            Code::InvalidInput,
            format!(
                "invalid prepared session: podSecurity.{what} {}",
                go_quote(v)
            ),
        )
    };
    let level = Level::parse(&ps.level).ok_or_else(|| bad("level", &ps.level))?;
    let version = PolicyVersion::parse(&ps.version).ok_or_else(|| bad("version", &ps.version))?;
    let mode = super::Mode::parse(&ps.preflight).ok_or_else(|| bad("preflight", &ps.preflight))?;
    Ok((level, version, mode))
}

/// The pod the plan sends: the target with the ephemeral container (the plan's result), or the
/// created pod (the POST body).
fn planned_pod(plan: &Plan) -> Option<&Value> {
    match plan.journey {
        Journey::Ephemeral => Some(&plan.result),
        Journey::Copy | Journey::Node => plan
            .requests
            .iter()
            .rev()
            .find(|r| r.method == "POST")
            .map(|r| &r.body),
    }
}

fn meta<'a>(pod: &'a Value, key: &str) -> &'a str {
    pod.get("metadata")
        .and_then(|m| m.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// Checks `plan` against `ps`: `auto` on a node under baseline or restricted is refused (a
/// node debug pod needs the host namespaces and a hostPath volume); then each violation is a
/// warning (`warn`, appended to the plan's lines) or the failure (`enforce`), worded as the
/// PodSecurity admission words them.
///
/// # Errors
/// [`Code::AutoNodeForbidden`], [`Code::NamespaceUnreadable`] (the pod is in another
/// namespace than the one read), [`Code::PreflightViolation`]; each after the plan's lines.
pub(crate) fn check_plan(ps: &PodSecurity, plan: &mut Plan) -> Result<(), Failure> {
    let fail = |e: Error, plan: &Plan| Failure::after(e, &plan.messages);
    let (level, version, mode) = parse(ps).map_err(|e| fail(e, plan))?;
    let policy = format!("{}:{version}", level.as_str());
    if ps.auto && plan.journey == Journey::Node && level != Level::Privileged {
        let e = Error::new(
            Code::AutoNodeForbidden,
            format!(
                "--profile=auto cannot debug a node in namespace {}: it enforces PodSecurity {}, and a node debug pod needs the host's namespaces and root filesystem (hostPID, hostNetwork, hostIPC, a hostPath volume), which {} forbids; use a namespace labelled {}=privileged (-n), or give --profile explicitly",
                go_quote(&ps.namespace),
                go_quote(&policy),
                level.as_str(),
                crate::pss::labels::ENFORCE_LEVEL_LABEL,
            ),
        );
        return Err(fail(e, plan));
    }
    if mode == Mode::Off {
        return Ok(());
    }
    let Some(pod) = planned_pod(plan) else {
        return Ok(());
    };
    let (name, ns) = (meta(pod, "name").to_string(), meta(pod, "namespace"));
    if !ns.is_empty() && ns != ps.namespace {
        let e = Error::new(
            Code::NamespaceUnreadable,
            format!(
                "--preflight read the labels of namespace {} but the pod is in namespace {}: pass -n {ns}",
                go_quote(&ps.namespace),
                go_quote(ns)
            ),
        );
        return Err(fail(e, plan));
    }
    let violations = check_pod(pod, level, version);
    if violations.is_empty() {
        return Ok(());
    }
    if mode == Mode::Warn {
        // The admission's warning (`would violate PodSecurity %q: %s`), as kubectl prints a
        // server warning.
        plan.messages.push(Message::stderr(format!(
            "Warning: would violate PodSecurity {}: {}",
            go_quote(&policy),
            forbidden_reason(&violations)
        )));
        return Ok(());
    }
    let e = Error::new(
        Code::PreflightViolation,
        format!(
            "{} (--preflight=enforce: nothing was sent)",
            crate::pss::message::forbidden_message(&name, &policy, &violations)
        ),
    );
    Err(fail(e, plan))
}
