//! Conversions to and from `serde_json::Value`, and serde's traits through them (native
//! builds only, for tests and Rust callers that use serde; the Wasm links no serde).

use crate::map::Map;
use crate::number::Number;
use crate::value::Value;

/// A `serde_json` value as ours.
fn from_serde(v: serde_json::Value) -> Value {
    Value::from(v)
}

impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(Number::new_unchecked(&n.to_string())),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(from_serde).collect()),
            serde_json::Value::Object(o) => Value::Object(
                o.into_iter()
                    .map(|(k, v)| (k, from_serde(v)))
                    .collect::<Map<_, _>>(),
            ),
        }
    }
}

impl From<&serde_json::Value> for Value {
    fn from(v: &serde_json::Value) -> Value {
        from_serde(v.clone())
    }
}

impl From<Value> for serde_json::Value {
    /// Numbers are read by `serde_json` from their text (a big integer becomes a float).
    fn from(v: Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Number(n) => serde_json::from_str(n.as_str()).unwrap_or(serde_json::Value::Null),
            Value::String(s) => serde_json::Value::String(s),
            Value::Array(a) => {
                serde_json::Value::Array(a.into_iter().map(serde_json::Value::from).collect())
            }
            Value::Object(o) => serde_json::Value::Object(
                o.into_iter()
                    .map(|(k, v)| (k, serde_json::Value::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<&Value> for serde_json::Value {
    fn from(v: &Value) -> serde_json::Value {
        serde_json::Value::from(v.clone())
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&serde_json::Value::from(self), s)
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        <serde_json::Value as serde::Deserialize>::deserialize(d).map(Value::from)
    }
}
