//! Go `json.Marshal` of the decoded container: struct field order, promoted inline fields,
//! `omitempty` (structs, `Quantity` and `IntOrString` are never empty), map keys sorted.

use crate::json::{Map, Value};

use super::model::{fields, ty, Fd, Gv, INLINE, K, OMIT};

fn is_empty(kind: K, v: &Gv) -> bool {
    match (kind, v) {
        (K::Struct(..) | K::Quantity | K::IntOrString, _) => false,
        (_, Gv::Zero) => true,
        (_, Gv::Str(s)) => s.is_empty(),
        (_, Gv::Bool(b)) => !b,
        (_, Gv::Int(i)) => *i == 0,
        (_, Gv::Slice(v)) => v.is_empty(),
        (_, Gv::Map(m)) => m.is_empty(),
        _ => false,
    }
}

/// Go `json.Marshal` of `v` as type `t`.
pub(super) fn marshal(t: u16, v: &Gv) -> Value {
    let Some(k) = ty(t).map(|x| x.kind) else {
        return Value::Null;
    };
    match (k, v) {
        (K::Str, Gv::Str(s)) => Value::String(s.clone()),
        (K::Str, _) => Value::String(String::new()),
        (K::Bool, Gv::Bool(b)) => Value::Bool(*b),
        (K::Bool, _) => Value::Bool(false),
        (K::I32 | K::I64, Gv::Int(i)) => Value::from(*i),
        (K::I32 | K::I64, _) => Value::from(0),
        (K::Ptr(e), Gv::Ptr(inner)) => marshal(e, inner),
        (K::Slice(e), Gv::Slice(items)) => {
            Value::Array(items.iter().map(|x| marshal(e, x)).collect())
        }
        // Keys sorted; among a repeated key's entries (kept in order by the stable sort) the
        // last one inserted wins.
        (K::Map(e), Gv::Map(m)) => Value::Object(
            crate::smp::stable_sort_by_str(m.iter().collect(), |(k, _): &&(String, Gv)| k)
                .into_iter()
                .map(|(k, x)| (k.clone(), marshal(e, x)))
                .collect(),
        ),
        (K::Quantity, Gv::Qty(s)) => Value::String(s.clone()),
        (K::Quantity, _) => Value::String("0".into()),
        (K::IntOrString, Gv::IosStr(s)) => Value::String(s.clone()),
        (K::IntOrString, Gv::IosInt(i)) => Value::from(*i),
        (K::IntOrString, _) => Value::from(0),
        (K::Struct(s, l), _) => {
            let mut m = Map::new();
            marshal_struct(fields(s, l), v, &mut m);
            Value::Object(m)
        }
        _ => Value::Null,
    }
}

fn marshal_struct(fs: &[Fd], v: &Gv, m: &mut Map<String, Value>) {
    for (i, f) in fs.iter().enumerate() {
        let fv = match v {
            Gv::Struct(slots) => slots.get(i).unwrap_or(&Gv::Zero),
            _ => &Gv::Zero,
        };
        let Some(k) = ty(f.ty).map(|x| x.kind) else {
            continue;
        };
        if f.flags & INLINE != 0 {
            if let K::Struct(s, l) = k {
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
