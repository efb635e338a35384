//! Workload targets (kubedebug's, issue 14): `deploy/NAME`, `sts/`, `ds/`, `rs/`, `rc/`,
//! `job/`, `cronjob/` and their long forms.
//!
//! DIVERGENCE(kubectl): kubectl debug refuses them (`"apps/v1, Kind=Deployment" not supported
//! by debug`). Without `--copy-to` we debug one running pod of the workload's selector, picked
//! as `kubectl exec deploy/NAME` picks it ([`pick`]); with `--copy-to`, a pod built from the
//! workload's pod template ([`template`]). A `-f` workload keeps kubectl's refusal.
//!
//! `prepare` names the reads (the workload, then its pods) in `needs.reads`; the host only
//! GETs them and gives the answers back.

mod pick;
mod selector;
mod template;

use crate::api_path::escape_segment;
use crate::error::{Code, Error};
use crate::json::Value;
use crate::messages::Message;
use crate::options::DebugOptions;
use crate::reads::{self, Read, ReadResult};
use crate::target::TargetRef;

pub(crate) use template::planned_source;

/// The name of the read of a workload target's object.
pub(crate) const WORKLOAD: &str = "workload";
/// The name of the read of a workload's pods (a LIST by label selector).
pub(crate) const PODS: &str = "pods";

/// The hint of the errors that leave no pod to debug.
const COPY_HINT: &str = "--copy-to NAME debugs a copy of its pod template";

/// The workload kinds a target may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Deployment,
    StatefulSet,
    DaemonSet,
    ReplicaSet,
    ReplicationController,
    Job,
    CronJob,
}

/// `(kind, resource, singular, apiVersion)` of every workload kind.
const KINDS: &[(Kind, &str, &str, &str, &str)] = &[
    (
        Kind::Deployment,
        "Deployment",
        "deployments",
        "deployment",
        "apps/v1",
    ),
    (
        Kind::StatefulSet,
        "StatefulSet",
        "statefulsets",
        "statefulset",
        "apps/v1",
    ),
    (
        Kind::DaemonSet,
        "DaemonSet",
        "daemonsets",
        "daemonset",
        "apps/v1",
    ),
    (
        Kind::ReplicaSet,
        "ReplicaSet",
        "replicasets",
        "replicaset",
        "apps/v1",
    ),
    (
        Kind::ReplicationController,
        "ReplicationController",
        "replicationcontrollers",
        "replicationcontroller",
        "v1",
    ),
    (Kind::Job, "Job", "jobs", "job", "batch/v1"),
    (Kind::CronJob, "CronJob", "cronjobs", "cronjob", "batch/v1"),
];

impl Kind {
    /// The workload kind of a resolved target's resource (plural), if it is one.
    pub(crate) fn of_resource(resource: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.2 == resource).map(|k| k.0)
    }

    /// The workload kind of an object (`kind` and `apiVersion`), if it is one.
    pub(crate) fn of_object(object: &Value) -> Option<Kind> {
        let kind = object.get("kind").and_then(Value::as_str)?;
        let api_version = object.get("apiVersion").and_then(Value::as_str)?;
        KINDS
            .iter()
            .find(|k| k.1 == kind && k.4 == api_version)
            .map(|k| k.0)
    }

    fn row(self) -> &'static (Kind, &'static str, &'static str, &'static str, &'static str) {
        const DEPLOYMENT: &(Kind, &str, &str, &str, &str) = &(
            Kind::Deployment,
            "Deployment",
            "deployments",
            "deployment",
            "apps/v1",
        );
        // Every kind has its row.
        KINDS.iter().find(|k| k.0 == self).unwrap_or(DEPLOYMENT)
    }

    /// The resource (plural), e.g. `deployments`.
    pub(crate) fn resource(self) -> &'static str {
        self.row().2
    }

    /// How messages name the workload: `deployment/web`.
    pub(crate) fn display(self, name: &str) -> String {
        format!("{}/{name}", self.row().3)
    }

    /// Whether the workload's controller owns its pods itself, adopting orphans that match
    /// its selector (a Deployment's ReplicaSets do; a CronJob's Jobs do).
    pub(crate) fn owns_pods(self) -> bool {
        !matches!(self, Kind::Deployment | Kind::CronJob)
    }
}

/// Settles the workload targets of a prepared session without `--copy-to`: each becomes the
/// pod it debugs once its reads are answered (a line says which), or its reads are added to
/// `needs`. With `--copy-to`, only the options are checked (planning builds the copy).
///
/// # Errors
/// `--replace` with a workload target; a workload that cannot be read, has no selector, is
/// scaled to zero or suspended, or has no running pod.
pub(crate) fn settle_targets(
    options: &DebugOptions,
    namespace: &str,
    answers: &[ReadResult],
    targets: &mut [TargetRef],
    needs: &mut Vec<Read>,
    messages: &mut Vec<Message>,
) -> Result<(), Error> {
    for target in targets.iter_mut() {
        let Some(kind) = Kind::of_resource(&target.resource) else {
            continue;
        };
        let shown = kind.display(&target.object_name);
        if !options.copy_to.is_empty() {
            if options.replace {
                return Err(Error::new(
                    Code::WorkloadInvalidOption,
                    format!("--replace cannot be used with {shown}: it would delete a pod named after the workload, which is not a pod; use --copy-to alone"),
                ));
            }
            continue;
        }
        if kind == Kind::CronJob {
            return Err(Error::new(
                Code::WorkloadNoSelector,
                format!("{shown} has no pods of its own (its Jobs have): debug one of its jobs (job/NAME), or --copy-to NAME to debug a copy of its job template"),
            ));
        }
        let read = Read {
            name: WORKLOAD.to_string(),
            path: target.get.path.clone(),
        };
        let Some(answer) = reads::find(answers, &read) else {
            push_once(needs, read);
            continue;
        };
        let workload = answered(answer, &shown)?;
        check_scaled(kind, workload, &shown)?;
        let selector = selector::of_workload(kind, workload, &shown)?;
        let read = Read {
            name: PODS.to_string(),
            path: format!(
                "/api/v1/namespaces/{}/pods?labelSelector={}",
                escape_segment(namespace),
                selector::query_escape(&selector.to_string())
            ),
        };
        let Some(answer) = reads::find(answers, &read) else {
            push_once(needs, read);
            continue;
        };
        let list = answered(answer, &shown)?;
        let items = list
            .get("items")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let chosen = pick::choose(items, &shown, &selector.to_string(), paused(workload))?;
        messages.push(Message::stderr(chosen.line(&shown)));
        *target = crate::target::resolve_target(&format!("pods/{}", chosen.name), namespace)?;
        target.name = chosen.name;
    }
    Ok(())
}

/// The value at `path` below `v` (a JSON pointer without its escapes: `Value::pointer` would
/// add its parser to the Wasm for these fixed paths).
pub(super) fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(*k))
}

/// Adds `read` to `needs` unless it is there (two targets naming one workload read it once).
fn push_once(needs: &mut Vec<Read>, read: Read) {
    if !needs.contains(&read) {
        needs.push(read);
    }
}

/// The object of an answer, or the API server's message (`deployments.apps "web" not found`).
fn answered<'a>(answer: &'a ReadResult, shown: &str) -> Result<&'a Value, Error> {
    if let Some(object) = answer.object.as_ref().filter(|o| o.is_object()) {
        return Ok(object);
    }
    let message = answer
        .error
        .as_ref()
        .and_then(|s| s.get("message"))
        .and_then(Value::as_str)
        .unwrap_or("no answer");
    Err(Error::new(
        Code::WorkloadUnreadable,
        format!("{shown}: {message}"),
    ))
}

/// Whether a Deployment is paused (`spec.paused`): said when it has no pods.
fn paused(workload: &Value) -> bool {
    at(workload, &["spec", "paused"]).and_then(Value::as_bool) == Some(true)
}

/// A workload that runs no pod by its spec: scaled to zero (`spec.replicas: 0`), a suspended
/// Job (`spec.suspend`). Its pods, if any are left, are going away.
fn check_scaled(kind: Kind, workload: &Value, shown: &str) -> Result<(), Error> {
    let why = if kind == Kind::Job {
        (at(workload, &["spec", "suspend"]).and_then(Value::as_bool) == Some(true))
            .then_some("is suspended (spec.suspend: true)")
    } else {
        (at(workload, &["spec", "replicas"]).and_then(Value::as_i64) == Some(0))
            .then_some("is scaled to zero (spec.replicas: 0)")
    };
    match why {
        Some(why) => Err(Error::new(
            Code::WorkloadNoPods,
            format!("{shown} {why}: no pod to debug; {COPY_HINT}"),
        )),
        None => Ok(()),
    }
}

/// The error of a plan asked for before the workload reads were answered.
pub(crate) fn unsettled() -> Error {
    Error::new(
        Code::WorkloadUnreadable,
        "a workload target needs its pods: give the answers to needs.reads back to prepare",
    )
}

/// Whether any of `reads` is a workload read (planning waits for them).
pub(crate) fn wants_reads(reads: &[Read]) -> bool {
    reads.iter().any(|r| r.name == WORKLOAD || r.name == PODS)
}

#[cfg(test)]
mod tests;
