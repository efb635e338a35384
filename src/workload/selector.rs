//! A workload's label selector: apimachinery's `LabelSelectorAsSelector` (and
//! `SelectorFromSet` for a ReplicationController), its `String()` form, and matching.

use std::fmt;

use super::{at, Kind};
use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::go::sort::stable_sort_by_str;
use crate::json::Value;

/// One requirement's operator (apimachinery `selection.Operator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Equals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// One requirement: a key, an operator, its values (sorted, as `Requirement.String` prints).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Requirement {
    pub(crate) key: String,
    pub(crate) op: Op,
    pub(crate) values: Vec<String>,
}

/// A selector: requirements sorted by key (apimachinery `internalSelector.Add`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Selector {
    pub(crate) requirements: Vec<Requirement>,
}

impl Requirement {
    fn matches(&self, labels: Option<&Value>) -> bool {
        let value = labels
            .and_then(|l| l.get(self.key.as_str()))
            .and_then(Value::as_str);
        match self.op {
            Op::Equals | Op::In => value.is_some_and(|v| self.values.iter().any(|w| w == v)),
            Op::NotIn => value.is_none_or(|v| !self.values.iter().any(|w| w == v)),
            Op::Exists => value.is_some(),
            Op::DoesNotExist => value.is_none(),
        }
    }

    /// Whether removing the key makes the requirement fail (Equals, In, Exists).
    pub(crate) fn needs_key(&self) -> bool {
        matches!(self.op, Op::Equals | Op::In | Op::Exists)
    }
}

impl Selector {
    /// Whether `labels` (a `metadata.labels` object) match every requirement.
    pub(crate) fn matches(&self, labels: Option<&Value>) -> bool {
        self.requirements.iter().all(|r| r.matches(labels))
    }
}

/// apimachinery `Requirement.String`: `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`.
impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = self.values.join(",");
        match self.op {
            Op::Equals => write!(f, "{}={}", self.key, list),
            Op::In => write!(f, "{} in ({list})", self.key),
            Op::NotIn => write!(f, "{} notin ({list})", self.key),
            Op::Exists => write!(f, "{}", self.key),
            Op::DoesNotExist => write!(f, "!{}", self.key),
        }
    }
}

/// apimachinery `internalSelector.String`: the requirements joined by commas.
impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.requirements.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

/// The selector of a workload object: `spec.selector` (a `LabelSelector`; a
/// ReplicationController's is a map, defaulting to its template's labels).
///
/// # Errors
/// [`Code::WorkloadNoSelector`]: no selector, or one that selects every pod (apimachinery's
/// `Everything`); an operator apimachinery refuses.
pub(crate) fn of_workload(kind: Kind, workload: &Value, shown: &str) -> Result<Selector, Error> {
    let spec = workload.get("spec");
    let selector = match kind {
        Kind::ReplicationController => {
            let map = spec
                .and_then(|s| s.get("selector"))
                .filter(|m| m.as_object().is_some_and(|m| !m.is_empty()))
                .or_else(|| at(workload, &["spec", "template", "metadata", "labels"]));
            from_set(map)
        }
        _ => from_label_selector(spec.and_then(|s| s.get("selector")), shown)?,
    };
    if selector.requirements.is_empty() {
        return Err(Error::new(
            Code::WorkloadNoSelector,
            format!("{shown} has an empty selector, which matches every pod of the namespace: no pod of its own to debug; {}", super::COPY_HINT),
        ));
    }
    Ok(selector)
}

/// apimachinery `SelectorFromSet`: one `k=v` per entry, sorted by key.
fn from_set(map: Option<&Value>) -> Selector {
    let requirements: Vec<Requirement> = map
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| Requirement {
            key: k.clone(),
            op: Op::Equals,
            values: vec![v.as_str().unwrap_or("").to_string()],
        })
        .collect();
    Selector {
        requirements: by_key(requirements),
    }
}

/// apimachinery `LabelSelectorAsSelector`: `matchLabels` as `k=v`, then `matchExpressions`,
/// all sorted by key (a stable sort: kubectl's is not, for one key used twice).
fn from_label_selector(selector: Option<&Value>, shown: &str) -> Result<Selector, Error> {
    let mut out = from_set(selector.and_then(|s| s.get("matchLabels")));
    let expressions = selector
        .and_then(|s| s.get("matchExpressions"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for e in expressions {
        let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
        let op = match text("operator") {
            "In" => Op::In,
            "NotIn" => Op::NotIn,
            "Exists" => Op::Exists,
            "DoesNotExist" => Op::DoesNotExist,
            other => {
                return Err(Error::new(
                    Code::WorkloadNoSelector,
                    format!(
                        "{shown}: {} is not a valid label selector operator",
                        go_quote(other)
                    ),
                ))
            }
        };
        let values: Vec<String> = e
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let mut values = stable_sort_by_str(values, String::as_str);
        values.dedup();
        out.requirements.push(Requirement {
            key: text("key").to_string(),
            op,
            values,
        });
    }
    out.requirements = by_key(std::mem::take(&mut out.requirements));
    Ok(out)
}

/// Requirements sorted by key, stably (through the crate's one sort routine: Wasm size).
fn by_key(requirements: Vec<Requirement>) -> Vec<Requirement> {
    stable_sort_by_str(requirements, |r| r.key.as_str())
}

/// Go's `url.QueryEscape` (how client-go encodes `labelSelector`): unreserved bytes kept,
/// space as `+`, everything else `%XX`.
pub(crate) fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
