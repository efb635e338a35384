//! The Go struct model behind `json.Unmarshal` into `corev1.Container` and `json.Marshal` back:
//! a schema table ([`super::schema`]), a Go-value tree, the decoder (Go `encoding/json`
//! `decodeState` semantics: unknown keys dropped, first type error saved, `UnmarshalJSON` errors
//! abort) and the `omitempty` encoder.

use super::doc::{Doc, DocNode};
use super::quantity;
pub(crate) use kubedebug_gotypes::{field_named, fields, ty, GoField, GoKind, INLINE, OMIT};

/// A decoded Go value; `Zero` is the zero value of whatever type the slot has.
#[derive(Debug, Clone)]
pub(super) enum GoValue {
    Zero,
    Str(String),
    Bool(bool),
    Int(i64),
    Ptr(Box<GoValue>),
    Slice(Vec<GoValue>),
    /// A Go map's assignments in decoding order: a repeated key's last entry is its value
    /// (a `Vec` rather than a `BTreeMap`: one B-tree instantiation less in the Wasm).
    Map(Vec<(String, GoValue)>),
    Struct(Vec<GoValue>),
    Qty(String),
    IosInt(i64),
    IosStr(String),
}

/// The type a pointer chain ends at.
fn deref(mut t: u16) -> u16 {
    for _ in 0..8 {
        match ty(t).map(|x| x.kind) {
            Some(GoKind::Ptr(e)) => t = e,
            _ => break,
        }
    }
    t
}

/// Go 1.21+ `foldName` (ASCII upper-casing plus the two non-ASCII runes that upper-case to ASCII).
fn fold_eq(a: &str, b: &str) -> bool {
    let f = |c: char| match c {
        'ſ' => 'S',
        'ı' => 'I',
        c => c.to_ascii_uppercase(),
    };
    a.chars().map(f).eq(b.chars().map(f))
}

/// A field found by json name: the slot path through inline structs and the embedded type ids.
struct Found {
    path: Vec<(usize, u16)>,
}

fn find_field(st: u16, key: &str, minor: u8) -> Option<Found> {
    let mut flat: Vec<(Vec<(usize, u16)>, &'static str)> = Vec::new();
    collect(st, &mut Vec::new(), &mut flat, minor, 0);
    let hit = flat
        .iter()
        .find(|(_, n)| *n == key)
        .or_else(|| flat.iter().find(|(_, n)| fold_eq(n, key)))?;
    Some(Found {
        path: hit.0.clone(),
    })
}

fn collect(
    st: u16,
    prefix: &mut Vec<(usize, u16)>,
    out: &mut Vec<(Vec<(usize, u16)>, &'static str)>,
    minor: u8,
    depth: u8,
) {
    let Some(GoKind::Struct(s, l)) = ty(st).map(|t| t.kind) else {
        return;
    };
    for (i, f) in fields(s, l).iter().enumerate() {
        if !f.known_to(minor) {
            continue;
        }
        prefix.push((i, f.ty));
        if f.flags & INLINE != 0 && depth < 4 {
            collect(f.ty, prefix, out, minor, depth + 1);
        } else {
            out.push((prefix.clone(), f.json));
        }
        prefix.pop();
    }
}

/// The embedded structs (their type names, outermost first) through which the field of
/// struct `st` named exactly `key` is promoted: `["ProbeHandler"]` for a Probe's `httpGet`,
/// nothing for a field of `st` itself or an unknown key. Only for error texts.
pub(crate) fn embedded_path(st: u16, key: &str, minor: u8) -> Vec<&'static str> {
    let mut flat: Vec<(Vec<(usize, u16)>, &'static str)> = Vec::new();
    collect(st, &mut Vec::new(), &mut flat, minor, 0);
    flat.iter()
        .find(|(_, n)| *n == key)
        .map(|(path, _)| {
            path.iter()
                .take(path.len().saturating_sub(1))
                .map(|(_, t)| short(*t))
                .collect()
        })
        .unwrap_or_default()
}

/// `reflect.Type.Name()` of a named type (`v1.Probe` → `Probe`).
pub(crate) fn short(t: u16) -> &'static str {
    let n = ty(t).map_or("", |x| x.name);
    n.rsplit('.').next().unwrap_or(n)
}

/// Go `encoding/json` decodeState over a [`Doc`].
pub(super) struct Dec<'a> {
    doc: &'a Doc,
    minor: u8,
    saved: Option<String>,
    stack: Vec<&'static str>,
    cur: Option<u16>,
}

type Abort = String;

impl<'a> Dec<'a> {
    pub(super) fn new(doc: &'a Doc, minor: u8) -> Self {
        Dec {
            doc,
            minor,
            saved: None,
            stack: Vec::new(),
            cur: None,
        }
    }

    /// The first saved type error, if any.
    pub(super) fn saved(self) -> Option<String> {
        self.saved
    }

    /// Go's `UnmarshalTypeError.Error()` in the current error context.
    fn type_msg(&self, what: &str, t: u16) -> String {
        let tn = ty(t).map_or("", |x| x.name);
        match self.cur {
            Some(c) => format!(
                "json: cannot unmarshal {what} into Go struct field {}.{} of type {tn}",
                short(c),
                self.stack.join(".")
            ),
            None => format!("json: cannot unmarshal {what} into Go value of type {tn}"),
        }
    }

    fn save(&mut self, what: &str, t: u16) {
        if self.saved.is_none() {
            self.saved = Some(self.type_msg(what, t));
        }
    }

    /// Decodes node `n` into `out` of type `t`; `yt` is the sigs.k8s.io/yaml conversion target
    /// (used to coerce YAML numbers/bools into string fields).
    pub(super) fn value(
        &mut self,
        n: u32,
        t: u16,
        out: &mut GoValue,
        yt: Option<u16>,
    ) -> Result<(), Abort> {
        let Some(node) = self.doc.get(n) else {
            return Ok(());
        };
        let Some(tk) = ty(t).map(|x| x.kind) else {
            return Ok(());
        };
        if let GoKind::Ptr(e) = tk {
            if matches!(node, DocNode::Null) {
                *out = GoValue::Zero;
                return Ok(());
            }
            if !matches!(out, GoValue::Ptr(_)) {
                *out = GoValue::Ptr(Box::new(GoValue::Zero));
            }
            if let GoValue::Ptr(inner) = out {
                return self.value(n, e, inner, yt.map(deref));
            }
            return Ok(());
        }
        let yt = yt.map(deref).filter(|y| {
            !matches!(
                ty(*y).map(|x| x.kind),
                Some(GoKind::Quantity | GoKind::IntOrString)
            )
        });
        match (tk, node) {
            (GoKind::Quantity, _) => {
                let raw: String = match node {
                    DocNode::Null => "0".into(),
                    DocNode::Num(s, _) => s.clone(),
                    DocNode::Str(s, raw) => raw.as_deref().unwrap_or(s).trim().to_string(),
                    DocNode::Bool(b) => b.to_string(),
                    DocNode::Arr(_) | DocNode::Obj(_) => "[".into(),
                };
                *out = GoValue::Qty(quantity::canonical(&raw).map_err(str::to_string)?);
            }
            (GoKind::IntOrString, _) => {
                let int32 = int32_type();
                *out = match node {
                    DocNode::Null => match out {
                        GoValue::IosInt(i) => GoValue::IosInt(*i),
                        _ => GoValue::IosInt(0),
                    },
                    DocNode::Str(s, _) => GoValue::IosStr(s.clone()),
                    DocNode::Num(s, _) => match s.parse::<i32>() {
                        Ok(i) => GoValue::IosInt(i64::from(i)),
                        Err(_) => return Err(self.type_msg(&format!("number {s}"), int32)),
                    },
                    DocNode::Bool(_) => return Err(self.type_msg("bool", int32)),
                    DocNode::Arr(_) => return Err(self.type_msg("array", int32)),
                    DocNode::Obj(_) => return Err(self.type_msg("object", int32)),
                };
            }
            // Not reachable from `v1.Container`.
            (GoKind::Time | GoKind::Any, _) => {}
            (_, DocNode::Null) => {
                if matches!(tk, GoKind::Slice(_) | GoKind::Map(_)) {
                    *out = GoValue::Zero;
                }
            }
            (GoKind::Str, DocNode::Str(s, _)) => *out = GoValue::Str(s.clone()),
            (GoKind::Bool, DocNode::Bool(b)) => *out = GoValue::Bool(*b),
            (GoKind::I32 | GoKind::I64, DocNode::Num(s, _)) => {
                let ok = s
                    .parse::<i64>()
                    .ok()
                    .filter(|v| !matches!(tk, GoKind::I32) || i32::try_from(*v).is_ok());
                match ok {
                    Some(v) => *out = GoValue::Int(v),
                    None => self.save(&format!("number {s}"), t),
                }
            }
            (GoKind::Slice(e), DocNode::Arr(items)) => {
                let mut v = match std::mem::replace(out, GoValue::Zero) {
                    GoValue::Slice(v) => v,
                    _ => Vec::new(),
                };
                // DIVERGENCE(kubectl): Go reuses backing-array elements up to the slice's capacity;
                // we reuse them up to its length only (differs only for repeated keys).
                v.truncate(items.len());
                for (i, &c) in items.iter().enumerate() {
                    if i >= v.len() {
                        v.push(GoValue::Zero);
                    }
                    if let Some(slot) = v.get_mut(i) {
                        let r = self.value(c, e, slot, yt.and_then(slice_elem));
                        if r.is_err() {
                            *out = GoValue::Slice(v);
                            return r;
                        }
                    }
                }
                *out = GoValue::Slice(v);
            }
            (GoKind::Map(e), DocNode::Obj(kv)) => {
                if !matches!(out, GoValue::Map(_)) {
                    *out = GoValue::Map(Vec::new());
                }
                for (k, c) in kv {
                    let mut elem = GoValue::Zero;
                    let r = self.value(*c, e, &mut elem, yt.and_then(map_elem));
                    if let GoValue::Map(m) = out {
                        m.push((k.clone(), elem));
                    }
                    r?;
                }
            }
            (GoKind::Struct(_, l), DocNode::Obj(kv)) => {
                if !matches!(out, GoValue::Struct(_)) {
                    *out = GoValue::Struct(vec![GoValue::Zero; usize::from(l)]);
                }
                for (k, c) in kv {
                    let Some(found) = find_field(t, k, self.minor) else {
                        continue;
                    };
                    let depth = self.stack.len();
                    let saved_cur = self.cur;
                    for (_, ft) in found.path.iter().take(found.path.len().saturating_sub(1)) {
                        if self.minor >= 33 {
                            // Go 1.24+ (kubectl 1.33+) names embedded structs in the field path.
                            self.stack.push(short(*ft));
                        }
                    }
                    self.stack.push(fields_json(t, &found));
                    self.cur = Some(t);
                    let cyt = yt.and_then(|y| yaml_field_target(y, k, self.minor));
                    let r = match slot_for(out, t, &found) {
                        Some((slot, leaf)) => self.value(*c, leaf, slot, cyt),
                        None => Ok(()),
                    };
                    r?;
                    self.stack.truncate(depth);
                    self.cur = saved_cur;
                }
            }
            (_, DocNode::Str(..)) => self.save("string", t),
            (_, DocNode::Num(_, coerce)) => match (tk, coerce, yt.and_then(ty).map(|x| x.kind)) {
                (GoKind::Str, Some(c), Some(GoKind::Str)) => *out = GoValue::Str(c.to_string()),
                _ => self.save("number", t),
            },
            (_, DocNode::Bool(b)) => match (tk, self.doc.yaml, yt.and_then(ty).map(|x| x.kind)) {
                (GoKind::Str, true, Some(GoKind::Str)) => *out = GoValue::Str(b.to_string()),
                _ => self.save("bool", t),
            },
            (_, DocNode::Arr(_)) => self.save("array", t),
            (_, DocNode::Obj(_)) => self.save("object", t),
        }
        Ok(())
    }
}

fn int32_type() -> u16 {
    kubedebug_gotypes::schema::TYPES
        .iter()
        .position(|t| t.name == "int32")
        .and_then(|p| u16::try_from(p).ok())
        .unwrap_or(0)
}

fn slice_elem(t: u16) -> Option<u16> {
    match ty(t)?.kind {
        GoKind::Slice(e) => Some(e),
        _ => None,
    }
}

fn map_elem(t: u16) -> Option<u16> {
    match ty(t)?.kind {
        GoKind::Map(e) => Some(e),
        _ => None,
    }
}

/// The `json: unsupported value: +Inf` of sigs.k8s.io/yaml's `json.Marshal`: a YAML `.inf` or
/// `.nan` becomes a string where its conversion target `yt` is a string field
/// (`convertToJSONableObject`) and stays a float everywhere else, which `json.Marshal` refuses
/// (the first in marshal order: keys sorted). `yt: None` for no target (`-f` documents).
pub(super) fn unsupported_float(doc: &Doc, yt: Option<u16>, minor: u8) -> Option<String> {
    let mut todo = vec![(doc.root, yt)];
    while let Some((n, yt)) = todo.pop() {
        let yt = yt.map(deref);
        match doc.get(n)? {
            DocNode::Num(s, _)
                if matches!(s.as_str(), "+Inf" | "-Inf" | "NaN")
                    && !matches!(yt.and_then(ty).map(|x| x.kind), Some(GoKind::Str)) =>
            {
                return Some(format!("json: unsupported value: {s}"));
            }
            DocNode::Arr(items) => {
                todo.extend(items.iter().rev().map(|c| (*c, yt.and_then(slice_elem))))
            }
            DocNode::Obj(kv) => todo.extend(
                kv.iter()
                    .rev()
                    .map(|(k, c)| (*c, yt.and_then(|y| yaml_field_target(y, k, minor)))),
            ),
            _ => {}
        }
    }
    None
}

/// sigs.k8s.io/yaml `convertToJSONableObject`: the target for a struct key is the type of the
/// *outermost* matching field (`t.Field(f.index[0])`), i.e. the embedded struct for promoted fields.
fn yaml_field_target(st: u16, key: &str, minor: u8) -> Option<u16> {
    match ty(st)?.kind {
        GoKind::Struct(..) => find_field(st, key, minor).and_then(|f| f.path.first().map(|p| p.1)),
        GoKind::Map(e) => Some(e),
        _ => None,
    }
}

fn fields_json(st: u16, f: &Found) -> &'static str {
    let mut t = st;
    let mut name = "";
    for (i, _) in &f.path {
        let Some(GoKind::Struct(s, l)) = ty(t).map(|x| x.kind) else {
            break;
        };
        let Some(fd) = fields(s, l).get(*i) else {
            break;
        };
        name = fd.json;
        t = fd.ty;
    }
    name
}

/// The slot of a (possibly promoted) field, creating embedded structs on the way.
fn slot_for<'v>(out: &'v mut GoValue, st: u16, f: &Found) -> Option<(&'v mut GoValue, u16)> {
    let mut cur = out;
    let mut t = st;
    for (i, ft) in &f.path {
        let Some(GoKind::Struct(_, l)) = ty(t).map(|x| x.kind) else {
            return None;
        };
        if !matches!(cur, GoValue::Struct(_)) {
            *cur = GoValue::Struct(vec![GoValue::Zero; usize::from(l)]);
        }
        let GoValue::Struct(slots) = cur else {
            return None;
        };
        cur = slots.get_mut(*i)?;
        t = *ft;
    }
    Some((cur, t))
}

#[cfg(test)]
mod tests;
