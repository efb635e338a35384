//! `--explain` (kubedebug's): the change from the source object to the plan's result as RFC
//! 6902 JSON Patch operations, each tagged with its cause. The journeys snapshot their object
//! between stages ([`Trace::step`]); each stage's operations are the diff of consecutive
//! snapshots ([`diff`]), and the stage names their cause from the path ([`Stage::cause`]).

mod cause;
mod diff;

pub(crate) use cause::Stage;
pub(crate) use diff::diff;

use crate::json::{ToJson, Value};

/// One JSON Patch operation (`add`, `remove`, `replace`), with why the plan makes it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct PatchOp {
    /// `add`, `remove` or `replace`.
    pub op: String,
    /// The JSON Pointer (`~0` for `~`, `~1` for `/`).
    pub path: String,
    /// The new value (`add`, `replace`).
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub value: Option<Value>,
    /// What made the change: `flag:--env`, `profile:restricted/securityContext`, …
    pub cause: String,
}

impl ToJson for PatchOp {
    fn to_json(&self) -> Value {
        let mut m = crate::json::Map::new();
        m.insert("op".into(), Value::from(self.op.as_str()));
        m.insert("path".into(), Value::from(self.path.as_str()));
        if let Some(v) = &self.value {
            m.insert("value".into(), v.clone());
        }
        m.insert("cause".into(), Value::from(self.cause.as_str()));
        Value::Object(m)
    }
}

/// The snapshots of one journey: the last object seen and the operations so far.
#[derive(Debug, Clone)]
pub(crate) struct Trace {
    last: Value,
    ops: Vec<PatchOp>,
}

impl Trace {
    /// Starts from the source object (`{}` for a node pod).
    pub(crate) fn new(source: Value) -> Trace {
        Trace {
            last: source,
            ops: Vec::new(),
        }
    }

    /// Records the change from the last snapshot to `now`, caused by `stage`.
    pub(crate) fn step(&mut self, stage: &Stage, now: &Value) {
        let mut ops = Vec::new();
        diff(&self.last, now, "", &mut ops);
        for op in ops {
            if stage.per_field() {
                explode(op, &mut self.ops);
            } else {
                self.ops.push(op);
            }
        }
        for op in self.ops.iter_mut().filter(|o| o.cause.is_empty()) {
            op.cause = stage.cause(&op.path);
        }
        self.last = now.clone();
    }

    /// The operations, from the source to the last snapshot.
    pub(crate) fn finish(self) -> Vec<PatchOp> {
        self.ops
    }
}

/// An `add` of an object becomes the `add` of `{}` and one `add` per member (recursively),
/// so each field gets its own cause.
fn explode(op: PatchOp, out: &mut Vec<PatchOp>) {
    match op.value {
        Some(Value::Object(m)) if op.op == "add" && !m.is_empty() => {
            let path = op.path;
            out.push(PatchOp {
                op: op.op,
                path: path.clone(),
                value: Some(Value::Object(crate::json::Map::new())),
                cause: String::new(),
            });
            for (k, v) in m {
                let child = PatchOp {
                    op: "add".into(),
                    path: diff::child(&path, &k),
                    value: Some(v),
                    cause: String::new(),
                };
                explode(child, out);
            }
        }
        _ => out.push(op),
    }
}

/// Snapshots `now` into `trace` when explaining (a no-op otherwise).
pub(crate) fn step(trace: &mut Option<Trace>, stage: &Stage, now: &Value) {
    if let Some(t) = trace {
        t.step(stage, now);
    }
}

#[cfg(test)]
mod tests;
