//! kubectl's typed round trip of a `-f` object: the builder decodes the Pod or Node into its
//! k8s.io/api types and `json.Marshal` writes them again (kubectl `debug.go`'s `visitPod` /
//! `visitNode` get a `*corev1.Pod` / `*corev1.Node`), so what it sends is Go's encoding.
//!
//! Over the shared schema (`crate::custom::schema`, each field with the minors that know it),
//! for every field kubectl 1.`minor`'s types know:
//! - an `omitempty` field holding its zero value is dropped (`false`, `0`, `""`, `null`, an
//!   empty slice or map); a struct never is (`{}` stays), nor is a non-nil pointer;
//! - a `Quantity` is written in its canonical form (`0.5` and `"0.5"` become `"500m"`);
//! - a `null` in a field that is neither a pointer, slice, map nor struct is its zero value
//!   (a `Quantity` `"0"`, an `IntOrString` `0`), and an integer is written as Go writes it;
//! - an absent field that is not `omitempty` and holds a string, bool or integer is written
//!   with its zero value (`containerPort: 0`, `mountPath: ""`), inside objects that exist.
//!
//! Keys the types do not know stay exactly as written, values included (nothing lost).
//! Server answers are Go's encoding already, so only `-f` objects are normalised.

use crate::custom::model::{fields, ty, GoField, GoKind, INLINE, OMIT};
use crate::json::{Map, Value};
use kubedebug_skim::Number;

/// Deepest nesting walked (the schema's own depth is far less; the skim refuses deeper input).
const MAX_DEPTH: u8 = 100;

/// kubectl 1.`minor`'s decode and re-encode of a Pod or Node (other kinds are left alone).
/// The object has passed the typed check ([`super::check`]), so every known field has the
/// JSON shape its Go type decodes.
pub(crate) fn normalize(object: &mut Value, minor: u8) {
    if let Some(root) = super::root_of(object) {
        value(object, root, minor, 0);
    }
}

/// One value of Go type `t`.
fn value(v: &mut Value, mut t: u16, minor: u8, depth: u8) {
    if depth > MAX_DEPTH {
        return;
    }
    let kind = loop {
        match ty(t).map(|x| x.kind) {
            // A nil pointer stays nil (`null`).
            Some(GoKind::Ptr(_)) if v.is_null() => return,
            Some(GoKind::Ptr(e)) => t = e,
            Some(k) => break k,
            None => return,
        }
    };
    match (kind, &mut *v) {
        (GoKind::Quantity, _) => quantity(v),
        // `IntOrString.UnmarshalJSON("null")` decodes into the int 0.
        (GoKind::IntOrString, Value::Null) => *v = Value::Number(Number::from(0)),
        (GoKind::IntOrString | GoKind::I32 | GoKind::I64, Value::Number(n)) => {
            if let Some(i) = n
                .as_str()
                .parse::<i64>()
                .ok()
                .filter(|i| i.to_string() != n.as_str())
            {
                *n = Number::from(i);
            }
        }
        (GoKind::Struct(start, len), Value::Object(m)) => fields_of(m, start, len, minor, depth),
        (GoKind::Slice(e), Value::Array(a)) => {
            a.iter_mut().for_each(|c| value(c, e, minor, depth + 1))
        }
        (GoKind::Map(e), Value::Object(m)) => {
            m.values_mut().for_each(|c| value(c, e, minor, depth + 1))
        }
        (GoKind::Str | GoKind::Bool | GoKind::I32 | GoKind::I64, Value::Null) => {
            *v = zero(kind).unwrap_or(Value::Null)
        }
        _ => {}
    }
}

/// `Quantity.UnmarshalJSON` then `MarshalJSON`: `ParseQuantity` of the trimmed text (a
/// number's own text; `null` is the zero quantity), written as `String()`.
fn quantity(v: &mut Value) {
    let text = match v {
        Value::Null => "0",
        Value::Number(n) => n.as_str(),
        Value::String(s) => s.trim(),
        _ => return,
    };
    if let Ok(canonical) = crate::custom::canonical_quantity(text) {
        *v = Value::String(canonical);
    }
}

/// The members of an object decoded into a struct whose fields are `fields(start, len)`.
fn fields_of(m: &mut Map<String, Value>, start: u16, len: u16, minor: u8, depth: u8) {
    let own = fields(start, len);
    m.retain(|key, c| {
        let Some(f) = visible(own, key, minor) else {
            return true; // unknown to the types: kept as written
        };
        if f.flags & OMIT != 0 && is_empty(f.ty, c) {
            return false;
        }
        value(c, f.ty, minor, depth + 1);
        true
    });
    fill(m, own, minor, 0);
}

/// The visible field named exactly `key` (sigs.k8s.io/json is case sensitive), promoted
/// fields of embedded structs included; Go hides a deeper field behind a shallower one.
fn visible(own: &'static [GoField], key: &str, minor: u8) -> Option<&'static GoField> {
    let direct = own
        .iter()
        .find(|f| f.flags & INLINE == 0 && f.json == key && f.known_to(minor));
    direct.or_else(|| {
        own.iter()
            .filter(|f| f.flags & INLINE != 0 && f.known_to(minor))
            .find_map(|f| match ty(f.ty).map(|x| x.kind) {
                Some(GoKind::Struct(s, l)) => visible(fields(s, l), key, minor),
                _ => None,
            })
    })
}

/// Go's `isEmptyValue` for a field of type `t` holding `v` (`null` decodes to the zero value
/// of anything but a struct).
fn is_empty(t: u16, v: &Value) -> bool {
    match (ty(t).map(|x| x.kind), v) {
        (
            Some(
                GoKind::Struct(..)
                | GoKind::Quantity
                | GoKind::IntOrString
                | GoKind::Time
                | GoKind::Any,
            )
            | None,
            _,
        ) => false,
        (_, Value::Null) => true,
        (Some(GoKind::Str), Value::String(s)) => s.is_empty(),
        (Some(GoKind::Bool), Value::Bool(b)) => !b,
        (Some(GoKind::I32 | GoKind::I64), Value::Number(n)) => n.as_str().parse::<i64>() == Ok(0),
        (Some(GoKind::Slice(_)), Value::Array(a)) => a.is_empty(),
        (Some(GoKind::Map(_)), Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// Go's zero value of a string, bool or integer kind.
fn zero(kind: GoKind) -> Option<Value> {
    match kind {
        GoKind::Str => Some(Value::String(String::new())),
        GoKind::Bool => Some(Value::Bool(false)),
        GoKind::I32 | GoKind::I64 => Some(Value::Number(Number::from(0))),
        _ => None,
    }
}

/// Write the absent non-`omitempty` string, bool and integer fields (embedded structs'
/// promoted fields included) with their zero values, as `json.Marshal` does.
///
/// DIVERGENCE(kubectl): absent non-`omitempty` structs, slices, maps and times are not
/// written (Go writes `{}`, `null`, `"creationTimestamp": null`); they mean "absent" to the
/// API server, as the README's Go serialisation artifacts say.
fn fill(m: &mut Map<String, Value>, own: &'static [GoField], minor: u8, depth: u8) {
    for f in own.iter().filter(|f| f.known_to(minor)) {
        if f.flags & INLINE != 0 {
            if let (Some(GoKind::Struct(s, l)), true) = (ty(f.ty).map(|x| x.kind), depth < 4) {
                fill(m, fields(s, l), minor, depth + 1);
            }
        } else if f.flags & OMIT == 0 && !m.contains_key(f.json) {
            if let Some(z) = ty(f.ty).and_then(|x| zero(x.kind)) {
                m.insert(f.json.to_string(), z);
            }
        }
    }
}

#[cfg(test)]
mod tests;
