//! Go `json.Marshal` of the decoded container: struct field order, promoted inline fields,
//! `omitempty` (structs, `Quantity` and `IntOrString` are never empty), map keys sorted.

use crate::json::{Map, Value};

use super::model::{fields, ty, GoField, GoKind, GoValue, INLINE, OMIT};

fn is_empty(kind: GoKind, v: &GoValue) -> bool {
    match (kind, v) {
        (GoKind::Struct(..) | GoKind::Quantity | GoKind::IntOrString, _) => false,
        (_, GoValue::Zero) => true,
        (_, GoValue::Str(s)) => s.is_empty(),
        (_, GoValue::Bool(b)) => !b,
        (_, GoValue::Int(i)) => *i == 0,
        (_, GoValue::Slice(v)) => v.is_empty(),
        (_, GoValue::Map(m)) => m.is_empty(),
        _ => false,
    }
}

/// Go `json.Marshal` of `v` as type `t`.
pub(super) fn marshal(t: u16, v: &GoValue) -> Value {
    let Some(k) = ty(t).map(|x| x.kind) else {
        return Value::Null;
    };
    match (k, v) {
        (GoKind::Str, GoValue::Str(s)) => Value::String(s.clone()),
        (GoKind::Str, _) => Value::String(String::new()),
        (GoKind::Bool, GoValue::Bool(b)) => Value::Bool(*b),
        (GoKind::Bool, _) => Value::Bool(false),
        (GoKind::I32 | GoKind::I64, GoValue::Int(i)) => Value::from(*i),
        (GoKind::I32 | GoKind::I64, _) => Value::from(0),
        (GoKind::Ptr(e), GoValue::Ptr(inner)) => marshal(e, inner),
        (GoKind::Slice(e), GoValue::Slice(items)) => {
            Value::Array(items.iter().map(|x| marshal(e, x)).collect())
        }
        // Keys sorted; among a repeated key's entries (kept in order by the stable sort) the
        // last one inserted wins.
        (GoKind::Map(e), GoValue::Map(m)) => Value::Object(
            crate::go::sort::stable_sort_by_str(
                m.iter().collect(),
                |(k, _): &&(String, GoValue)| k,
            )
            .into_iter()
            .map(|(k, x)| (k.clone(), marshal(e, x)))
            .collect(),
        ),
        (GoKind::Quantity, GoValue::Qty(s)) => Value::String(s.clone()),
        (GoKind::Quantity, _) => Value::String("0".into()),
        (GoKind::IntOrString, GoValue::IosStr(s)) => Value::String(s.clone()),
        (GoKind::IntOrString, GoValue::IosInt(i)) => Value::from(*i),
        (GoKind::IntOrString, _) => Value::from(0),
        (GoKind::Struct(s, l), _) => {
            let mut m = Map::new();
            marshal_struct(fields(s, l), v, &mut m);
            Value::Object(m)
        }
        _ => Value::Null,
    }
}

fn marshal_struct(fs: &[GoField], v: &GoValue, m: &mut Map<String, Value>) {
    for (i, f) in fs.iter().enumerate() {
        let fv = match v {
            GoValue::Struct(slots) => slots.get(i).unwrap_or(&GoValue::Zero),
            _ => &GoValue::Zero,
        };
        let Some(k) = ty(f.ty).map(|x| x.kind) else {
            continue;
        };
        if f.flags & INLINE != 0 {
            if let GoKind::Struct(s, l) = k {
                marshal_struct(fields(s, l), fv, m);
            }
            continue;
        }
        if f.flags & OMIT != 0 && is_empty(k, fv) {
            continue;
        }
        m.insert(f.json.to_string(), marshal(f.ty, fv));
    }
}
