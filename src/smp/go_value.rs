//! Go value semantics of a decoded JSON document (`map[string]interface{}` and friends, as
//! apimachinery's `util/json` decodes it): its dynamic kinds, `==` identities, `%v` text and
//! apimachinery's `mergepatch` error texts built on them.

use crate::go::sort::stable_sort_by_str;
use crate::json::{Map, Value};

use super::R;

/// The dynamic Go type a JSON value decodes to with apimachinery's `util/json` (integers
/// become `int64`, other numbers `float64`): what `reflect.TypeOf` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Nil,
    Bool,
    Int,
    Float,
    Str,
    Slice,
    Map,
}

pub(crate) fn kind(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Nil,
        Value::Bool(_) => Kind::Bool,
        Value::Number(n) if n.as_i64().is_some() => Kind::Int,
        Value::Number(_) => Kind::Float,
        Value::String(_) => Kind::Str,
        Value::Array(_) => Kind::Slice,
        Value::Object(_) => Kind::Map,
    }
}

/// Identity for Go's interface `==` on scalars (int64 1 ≠ float64 1 ≠ "1"), used as a hash key.
pub(crate) fn ident(v: &Value) -> String {
    match v {
        Value::Number(n) if n.as_i64().is_none() => {
            format!("f:{}", go_float(n.as_f64().unwrap_or(0.0)))
        }
        other => kubedebug_skim::to_string(other),
    }
}

/// Go's `fmt.Sprintf("%v", v)` for a decoded JSON value.
pub(crate) fn go_v(v: &Value) -> String {
    let mut s = String::new();
    write_go_v(&mut s, v);
    s
}

fn write_go_v(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_i64() {
            Some(i) => out.push_str(&i.to_string()),
            None => out.push_str(&go_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_go_v(out, e);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            let keys = stable_sort_by_str(m.keys().collect(), |k: &&String| k.as_str());
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                if let Some(e) = m.get(k) {
                    write_go_v(out, e);
                }
            }
            out.push(']');
        }
    }
}

/// Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)` with the %v exponent rule:
/// exponent form when exp < -4 || exp >= 21).
fn go_float(f: f64) -> String {
    crate::go::float::format_go_v(f)
}

/// `mergepatch.ErrNoMergeKey`.
pub(crate) fn err_no_merge_key(m: &Map<String, Value>, key: &str) -> String {
    format!(
        "map: {} does not contain declared merge key: {key}",
        go_v(&Value::Object(m.clone()))
    )
}

/// `mergepatch.ErrBadArgType` with Go type names.
pub(crate) fn err_bad_arg_type(expected: &str, actual: &Value) -> String {
    let actual = match kind(actual) {
        Kind::Nil => "<nil>",
        Kind::Bool => "bool",
        Kind::Int => "int64",
        Kind::Float => "float64",
        Kind::Str => "string",
        Kind::Slice => "[]interface {}",
        Kind::Map => "map[string]interface {}",
    };
    format!("expected a {expected}, but received a {actual}")
}

pub(crate) const GO_MAP: &str = "map[string]interface {}";

pub(crate) const GO_SLICE: &str = "[]interface {}";

/// `sliceElementType`: the common kind of all elements of the given slices.
pub(crate) fn slice_element_kind(slices: &[&[Value]]) -> R<Kind> {
    let mut prev: Option<Kind> = None;
    for s in slices {
        for v in s.iter() {
            let k = kind(v);
            match prev {
                None => {
                    if k == Kind::Slice {
                        return Err("lists of lists are not supported".to_string());
                    }
                    // DIVERGENCE(apimachinery): a leading null element makes Go panic
                    // (reflect.TypeOf(nil).Kind()); we report it as an error.
                    if k == Kind::Nil {
                        return Err("list element types are not identical: null element".into());
                    }
                    prev = Some(k);
                }
                Some(p) if p != k => {
                    return Err(format!(
                        "list element types are not identical: {}",
                        slices
                            .iter()
                            .map(|s| go_v(&Value::Array(s.to_vec())))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ));
                }
                Some(_) => {}
            }
        }
    }
    prev.ok_or_else(|| "no elements in any of the given slices".to_string())
}

pub(super) fn err_bad_patch_type(d: &Value, m: &Map<String, Value>) -> String {
    format!(
        "unknown patch type: {} in map: {}",
        go_v(d),
        go_v(&Value::Object(m.clone()))
    )
}
