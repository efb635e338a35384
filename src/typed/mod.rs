//! kubectl's typed decode of the target object: kubectl turns the Pod or Node (from a `-f`
//! file or the API server's answer) into its compiled Go types with sigs.k8s.io/json's
//! case-sensitive `encoding/json`, and a value of the wrong JSON type is an error there
//! (`json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type
//! []v1.Container`). The core plans from JSON, so it checks the same shapes first.
//!
//! The Go types are the `--custom` decoder's schema (`crate::custom::schema`, every minor's
//! fields). The check walks the object once, descending only where the Go type does (a
//! struct, slice or map), so it is linear in the input and its recursion is bounded by the
//! schema's depth. Go's semantics are kept: unknown keys are ignored, `null` is accepted
//! everywhere, the first type mismatch is remembered and reported at the end, and an error
//! from a hand-written `UnmarshalJSON` (`Quantity`, `IntOrString`, `Time`) stops at once.

mod normalize;
mod text;

pub(crate) use normalize::normalize;

use crate::custom::model::{embedded_path, field_named, short, ty};
use crate::custom::schema::{NODE, POD};
use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::Value;
use crate::version::KubectlVersion;
use kubedebug_gotypes::{Fail, Hooks, Next, Shape};

/// The hand-written `UnmarshalJSON` checks of the core, for [`kubedebug_gotypes::leaf`].
const HOOKS: Hooks = Hooks {
    quantity: |s| crate::custom::check_quantity(s).map_err(str::to_string),
    time: crate::go::time::parse_rfc3339,
};

/// An error that stops the decode at once (Go returns it; a saved one waits).
pub(crate) type Abort = String;

/// Go `encoding/json`'s `decodeState` error bookkeeping, over the shared schema.
pub(crate) struct Dec {
    minor: u8,
    saved: Option<String>,
    /// The json names from the root to the field being decoded (Go's `FieldStack`), each
    /// with the struct type it was looked up in.
    stack: Vec<(u16, &'static str)>,
    /// The struct type that field belongs to (Go's `errorContext.Struct`).
    cur: Option<u16>,
}

impl Dec {
    fn new(minor: u8) -> Dec {
        Dec {
            minor,
            saved: None,
            stack: Vec::new(),
            cur: None,
        }
    }

    /// Go's `UnmarshalTypeError.Error()` in the current context.
    fn type_msg(&self, what: &str, type_name: &str) -> String {
        match self.cur {
            Some(c) => format!(
                "json: cannot unmarshal {what} into Go struct field {}.{} of type {type_name}",
                short(c),
                self.field_path()
            ),
            None => format!("json: cannot unmarshal {what} into Go value of type {type_name}"),
        }
    }

    /// Go's `FieldStack` joined by dots. kubectl 1.35+ (sigs.k8s.io/json's fork of Go 1.24+'s
    /// `encoding/json`) also names the embedded structs a promoted field comes through
    /// (`livenessProbe.ProbeHandler.httpGet`); older minors name the json fields only.
    fn field_path(&self) -> String {
        let mut parts: Vec<&str> = Vec::with_capacity(self.stack.len());
        for &(st, json) in &self.stack {
            if self.minor >= 35 {
                parts.extend(embedded_path(st, json, self.minor));
            }
            parts.push(json);
        }
        parts.join(".")
    }

    fn save(&mut self, what: &str, t: u16) {
        if self.saved.is_none() {
            let name = ty(t).map_or("", |x| x.name);
            self.saved = Some(self.type_msg(what, name));
        }
    }

    /// Go's decoding of one value of `shape` into type `t`: what to walk below it.
    pub(crate) fn leaf(&mut self, shape: Shape<'_>, t: u16) -> Result<Next, Abort> {
        match kubedebug_gotypes::leaf(shape, t, &HOOKS) {
            Ok(next) => Ok(next),
            Err(Fail::Save(what, t)) => {
                self.save(&what.to_string(), t);
                Ok(Next::Done)
            }
            Err(Fail::Abort(what, type_name)) => Err(self.type_msg(&what.to_string(), type_name)),
            Err(Fail::Text(text)) => Err(text),
        }
    }

    /// Enter field `key` of struct `st`: its type, or `None` for a key Go ignores. Undo with
    /// [`Dec::leave`].
    pub(crate) fn enter(&mut self, st: u16, key: &str) -> Option<(u16, Option<u16>)> {
        let f = field_named(st, key, self.minor)?;
        self.stack.push((st, f.json));
        Some((f.ty, self.cur.replace(st)))
    }

    pub(crate) fn leave(&mut self, cur: Option<u16>) {
        self.stack.pop();
        self.cur = cur;
    }

    /// Walk a value.
    fn value(&mut self, v: &Value, t: u16) -> Result<(), Abort> {
        let shape = match v {
            Value::Null => Shape::Null,
            Value::Bool(b) => Shape::Bool(*b),
            Value::Number(n) => Shape::Num(n.as_str()),
            Value::String(s) => Shape::Str {
                text: s,
                raw: false,
            },
            Value::Array(_) => Shape::Arr,
            Value::Object(_) => Shape::Obj,
        };
        match (self.leaf(shape, t)?, v) {
            (Next::Struct(st), Value::Object(m)) => {
                for (k, c) in m {
                    if let Some((ft, cur)) = self.enter(st, k) {
                        self.value(c, ft)?;
                        self.leave(cur);
                    }
                }
            }
            (Next::Elems(e), Value::Array(a)) => {
                for c in a {
                    self.value(c, e)?;
                }
            }
            (Next::Values(e), Value::Object(m)) => {
                for (_, c) in m {
                    self.value(c, e)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The error the decode ends with: an abort, else the first saved mismatch.
    fn finish(self, r: Result<(), Abort>) -> Result<(), String> {
        r?;
        self.saved.map_or(Ok(()), Err)
    }
}

/// The kept text a skimmed placeholder (`"\u{1}N"`) stands for.
fn placeholder<'t>(s: &str, texts: &[&'t str]) -> Option<&'t str> {
    let (1, digits) = (*s.as_bytes().first()?, s.get(1..)?) else {
        return None;
    };
    let i: usize = digits.parse().ok()?;
    texts.get(i).copied()
}

/// The Go type kubectl decodes a Pod or Node into; `None` for other kinds (reported by
/// [`crate::target::target_kind`]).
fn root_of(object: &Value) -> Option<u16> {
    let field = |k| object.get(k).and_then(Value::as_str);
    match (field("kind"), field("apiVersion")) {
        (Some("Pod"), None | Some("v1" | "")) => Some(POD),
        (Some("Node"), None | Some("v1" | "")) => Some(NODE),
        _ => None,
    }
}

/// Mirrors apimachinery's `SimpleMetaFactory.Interpret`, the serializer's first step: the
/// object's `apiVersion` and `kind` read with `encoding/json` (case-insensitive keys) into
/// strings.
fn interpret(object: &Value, texts: Option<&[&str]>) -> Result<(), String> {
    let Some(map) = object.as_object() else {
        return Ok(());
    };
    for (k, v) in map {
        let name = if k.eq_ignore_ascii_case("apiVersion") {
            "apiVersion"
        } else if k.eq_ignore_ascii_case("kind") {
            "kind"
        } else {
            continue;
        };
        let what = match v {
            Value::String(s) => match texts.and_then(|texts| placeholder(s, texts)) {
                Some(text) if !matches!(text::what(text), "string" | "null") => text::what(text),
                _ => continue,
            },
            Value::Null => continue,
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        return Err(format!(
            "couldn't get version/kind; json parse error: json: cannot unmarshal {what} into Go struct field .{name} of type string"
        ));
    }
    Ok(())
}

/// The API groups whose types kubectl's scheme (`k8s.io/kubectl/pkg/scheme`, client-go's
/// types) registers; `""` is the core group.
const SCHEME_GROUPS: [&str; 24] = [
    "",
    "admission.k8s.io",
    "admissionregistration.k8s.io",
    "apps",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "extensions",
    "flowcontrol.apiserver.k8s.io",
    "imagepolicy.k8s.io",
    "internal.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
    "storagemigration.k8s.io",
];

/// The scheme's refusal of a kind it does not know (`runtime.notRegisteredErr`), named after
/// the file that built kubectl's scheme: `pkg/runtime/scheme.go:100` until 1.29,
/// `pkg/scheme/scheme.go:28` from 1.30.
///
/// DIVERGENCE(kubectl): decided by API group only; an unknown kind or version inside a
/// built-in group (`apps/v1, Kind=Widget`) gets `not supported by debug` instead.
fn registered(object: &Value, minor: u8) -> Result<(), String> {
    let field = |k| object.get(k).and_then(Value::as_str).unwrap_or("");
    let (kind, api_version) = (field("kind"), field("apiVersion"));
    if kind.is_empty() || api_version.is_empty() {
        return Ok(());
    }
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    if SCHEME_GROUPS.contains(&group) {
        return Ok(());
    }
    let scheme = if minor >= 30 {
        "pkg/scheme/scheme.go:28"
    } else {
        "pkg/runtime/scheme.go:100"
    };
    Err(format!(
        "no kind {} is registered for version {} in scheme {}",
        go_quote(kind),
        go_quote(api_version),
        go_quote(scheme)
    ))
}

/// The Go error text of decoding `object`, if any.
fn decode_error(object: &Value, minor: u8) -> Result<(), String> {
    interpret(object, None)?;
    registered(object, minor)?;
    let Some(root) = root_of(object) else {
        return Ok(());
    };
    let mut dec = Dec::new(minor);
    let r = dec.value(object, root);
    dec.finish(r)
}

/// [`decode_error`] of a skimmed pod, whose members the skim checked as it read them (its
/// failure is no skim): what is left are the serializer's first steps on the root.
fn skimmed_error(s: &kubedebug_skim::Skimmed<'_>, minor: u8) -> Result<(), String> {
    interpret(&s.pod, Some(&s.texts))?;
    registered(&s.pod, minor)
}

/// Mirrors kubectl's typed decode of a target object: the builder's `unable to decode
/// "FILE": …` for a `-f` object, the bare decoder error for the API server's answer.
/// Validation failures come first, as in kubectl (its `Validate` runs before any decode).
///
/// # Errors
/// [`Code::InvalidTarget`] with Go's text.
pub(crate) fn check(minor: u8, filenames: &[String], object: &Value) -> Result<(), Error> {
    let Err(text) = decode_error(object, minor) else {
        return Ok(());
    };
    let message = match filenames {
        [] => text,
        [file] => format!("unable to decode {}: {text}", go_quote(file)),
        // DIVERGENCE(kubectl): the core is not told which of several files held the object.
        files => format!(
            "unable to decode one of {}: {text}",
            files
                .iter()
                .map(|f| go_quote(f))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(Error::new(Code::InvalidTarget, message))
}

/// [`kubedebug_skim::skim_pod`] of a pod that kubectl's typed decode accepts (its skimmed
/// subtrees checked as text, in the same walk); `None` otherwise, so that the caller plans
/// from the whole object and [`check`] reports the exact error.
pub(crate) fn skim_pod(text: &str, version: KubectlVersion) -> Option<kubedebug_skim::Skimmed<'_>> {
    let s = kubedebug_gotypes::skim_pod(text, version.minor(), &HOOKS)?;
    skimmed_error(&s, version.minor()).ok().map(|()| s)
}

#[cfg(test)]
mod tests;
