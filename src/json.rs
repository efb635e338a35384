//! Small helpers over [`Value`] for editing Kubernetes objects in place without a typed round
//! trip (so fields unknown to this library survive), and [`ToJson`], how this crate's types
//! are written as JSON.

pub(crate) use kubedebug_skim::{Map, Value};

pub(crate) mod boundary;
pub(crate) mod de;

/// A type written as JSON by hand (no serde in the Wasm). Each impl writes what the serde
/// derive it replaced wrote (same field names, order and omissions); unit tests hold each
/// to the derive, kept as a test-only oracle.
pub trait ToJson {
    /// The value as JSON.
    fn to_json(&self) -> Value;
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for u64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson> ToJson for std::collections::BTreeMap<String, T> {
    fn to_json(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

/// An object from `(key, value)` pairs, in order (for [`ToJson`] impls).
pub(crate) fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// The serde derive's JSON of `value`, for tests holding a [`ToJson`] impl to it.
#[cfg(test)]
pub(crate) fn serde_oracle<T: serde::Serialize>(value: &T) -> Value {
    Value::from(serde_json::to_value(value).unwrap_or_default())
}

/// The object at `key` of `obj`, created (or replacing a non-object) when needed.
/// Always `Some`; the `Option` only spares a panic path.
pub(crate) fn ensure_object<'a>(
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
pub(crate) fn ensure_array<'a>(
    obj: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Vec<Value>> {
    let slot = obj.entry(key.to_string()).or_insert(Value::Null);
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    slot.as_array_mut()
}

/// The string at `key`, or `""` when absent or not a string.
pub(crate) fn str_at<'a>(obj: &'a Map<String, Value>, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Set `key` to a string, or remove it when empty (Go `omitempty`).
pub(crate) fn set_str(obj: &mut Map<String, Value>, key: &str, value: &str) {
    if value.is_empty() {
        obj.shift_remove(key);
    } else {
        obj.insert(key.to_string(), Value::String(value.to_string()));
    }
}

/// Set `key` to `true`, or remove it when false (Go `omitempty` on a plain bool).
pub(crate) fn set_flag(obj: &mut Map<String, Value>, key: &str, value: bool) {
    if value {
        obj.insert(key.to_string(), Value::Bool(true));
    } else {
        obj.shift_remove(key);
    }
}

/// A JSON array of strings.
pub(crate) fn string_array(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// True when `v` is absent, `null`, an empty array or an empty object.
pub(crate) fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}
