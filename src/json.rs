//! Small helpers over `serde_json::Value` for editing Kubernetes objects in place
//! without a typed round trip (so fields unknown to this library survive).

use serde_json::{Map, Value};

pub(crate) mod de;

/// The object at `key` of `obj`, created (or replacing a non-object) when needed.
/// Always `Some`; the `Option` only spares a panic path.
pub fn ensure_object<'a>(
    obj: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Map<String, Value>> {
    let slot = obj.entry(key.to_string()).or_insert(Value::Null);
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut()
}

/// The array at `key` of `obj`, created (or replacing a non-array) when needed.
/// Always `Some`; the `Option` only spares a panic path.
pub fn ensure_array<'a>(obj: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Vec<Value>> {
    let slot = obj.entry(key.to_string()).or_insert(Value::Null);
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    slot.as_array_mut()
}

/// The string at `key`, or `""` when absent or not a string.
pub fn str_at<'a>(obj: &'a Map<String, Value>, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Set `key` to a string, or remove it when empty (Go `omitempty`).
pub fn set_str(obj: &mut Map<String, Value>, key: &str, value: &str) {
    if value.is_empty() {
        obj.shift_remove(key);
    } else {
        obj.insert(key.to_string(), Value::String(value.to_string()));
    }
}

/// Set `key` to `true`, or remove it when false (Go `omitempty` on a plain bool).
pub fn set_flag(obj: &mut Map<String, Value>, key: &str, value: bool) {
    if value {
        obj.insert(key.to_string(), Value::Bool(true));
    } else {
        obj.shift_remove(key);
    }
}

/// A JSON array of strings.
pub fn string_array(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// True when `v` is absent, `null`, an empty array or an empty object.
pub fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}
