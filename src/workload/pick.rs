//! Which pod of a workload to debug: kubectl's `AttachablePodForObject` (what `kubectl exec
//! deploy/NAME` uses) sorts the selector's pods by `sort.Reverse(podutils.ActivePods)` and
//! takes the first.
//!
//! DIVERGENCE(kubectl): kubectl takes the first pod whatever its phase (and waits for one when
//! there is none); we keep only running pods that are not being deleted (an ephemeral
//! container needs a running pod) and fail at once, saying why. Among them the order is
//! kubectl's: ready first, then ready the longest, then fewest restarts, then oldest; ties by
//! name (kubectl's sort is not stable). Timestamps compare as RFC 3339 text (the API server
//! writes them in UTC, second precision).

use std::cmp::Ordering;

use super::{at, COPY_HINT};
use crate::error::{Code, Error};
use crate::json::Value;

/// The pod chosen, and what the line about it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chosen {
    pub(crate) name: String,
    pub(crate) total: usize,
    pub(crate) running: usize,
    pub(crate) ready: bool,
}

impl Chosen {
    /// kubectl logs' `Found N pods, using pod/NAME` line, with what the choice rested on.
    pub(crate) fn line(&self, shown: &str) -> String {
        let pods = if self.total == 1 { "pod" } else { "pods" };
        let state = if self.ready {
            "running, ready"
        } else {
            "running, not ready"
        };
        format!(
            "Found {} {pods} of {shown} ({} running), using pod/{} ({state})",
            self.total, self.running, self.name
        )
    }
}

/// What the order looks at in one pod.
struct Candidate<'a> {
    name: &'a str,
    ready: bool,
    ready_since: &'a str,
    restarts: i64,
    created: &'a str,
}

fn text<'a>(pod: &'a Value, path: &[&str]) -> &'a str {
    at(pod, path).and_then(Value::as_str).unwrap_or("")
}

fn candidate(pod: &Value) -> Candidate<'_> {
    let ready_condition = at(pod, &["status", "conditions"])
        .and_then(Value::as_array)
        .and_then(|c| {
            c.iter()
                .find(|c| c.get("type").and_then(Value::as_str) == Some("Ready"))
        });
    let ready = ready_condition
        .and_then(|c| c.get("status"))
        .and_then(Value::as_str)
        == Some("True");
    let restarts = at(pod, &["status", "containerStatuses"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("restartCount").and_then(Value::as_i64))
        .max()
        .unwrap_or(0);
    Candidate {
        name: text(pod, &["metadata", "name"]),
        ready,
        ready_since: ready_condition
            .and_then(|c| c.get("lastTransitionTime"))
            .and_then(Value::as_str)
            .unwrap_or(""),
        restarts,
        created: text(pod, &["metadata", "creationTimestamp"]),
    }
}

/// Earlier first; an empty time last (`afterOrZero` reversed).
fn earlier_first(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.cmp(b),
    }
}

/// `sort.Reverse(podutils.ActivePods)` among running pods, ties by name.
fn order(a: &Candidate<'_>, b: &Candidate<'_>) -> Ordering {
    b.ready
        .cmp(&a.ready)
        .then_with(|| match a.ready && b.ready {
            true => earlier_first(a.ready_since, b.ready_since),
            false => Ordering::Equal,
        })
        .then_with(|| a.restarts.cmp(&b.restarts))
        .then_with(|| earlier_first(a.created, b.created))
        .then_with(|| a.name.cmp(b.name))
}

/// The pod to debug among `pods` (the LIST by the workload's selector).
///
/// # Errors
/// [`Code::WorkloadNoPods`]: none (saying when the Deployment is `paused`);
/// [`Code::WorkloadNotRunning`]: none running, with how many there are in each phase.
pub(crate) fn choose(
    pods: &[Value],
    shown: &str,
    selector: &str,
    paused: bool,
) -> Result<Chosen, Error> {
    if pods.is_empty() {
        let why = if paused { " (it is paused)" } else { "" };
        return Err(Error::new(
            Code::WorkloadNoPods,
            format!("no pods of {shown}{why} match its selector {selector}; {COPY_HINT}"),
        ));
    }
    let running: Vec<Candidate<'_>> = pods
        .iter()
        .filter(|p| {
            text(p, &["status", "phase"]) == "Running"
                && at(p, &["metadata", "deletionTimestamp"]).is_none_or(Value::is_null)
        })
        .map(candidate)
        .collect();
    let Some(best) = running.iter().min_by(|a, b| order(a, b)) else {
        // In the order the phases first appear (a map would cost a sort's code for one line).
        let mut phases: Vec<(&str, usize)> = Vec::new();
        for p in pods {
            let phase = match text(p, &["status", "phase"]) {
                _ if at(p, &["metadata", "deletionTimestamp"]).is_some_and(|t| !t.is_null()) => {
                    "Terminating"
                }
                "" => "Unknown",
                phase => phase,
            };
            match phases.iter_mut().find(|(p, _)| *p == phase) {
                Some((_, n)) => *n += 1,
                None => phases.push((phase, 1)),
            }
        }
        let counts: Vec<String> = phases.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        let n = match pods.len() {
            1 => "the 1 pod".to_string(),
            n => format!("the {n} pods"),
        };
        return Err(Error::new(
            Code::WorkloadNotRunning,
            format!(
                "none of {n} of {shown} is running ({}); {COPY_HINT}",
                counts.join(", ")
            ),
        ));
    };
    Ok(Chosen {
        name: best.name.to_string(),
        total: pods.len(),
        running: running.len(),
        ready: best.ready,
    })
}
