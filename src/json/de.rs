//! Hand-written decoding of the host's JSON inputs (the session, structured options).
//!
//! Typed (derived) deserialization links a serde_json state machine per struct and serde's
//! error texts, which bring core's float printing along; these decoders walk a [`Json`] value
//! read by [`kubedebug_skim::from_str_keep_duplicates`] instead (objects keep a repeated key,
//! so that a repeated field can be rejected). They accept what the serde derives accepted: a
//! struct as an object or as an array of its fields in order, `null` for an `Option` field
//! and nowhere else, unknown fields ignored or rejected as the struct says, a repeated field
//! rejected. Errors keep serde's wording, prefixed with the path of the value at fault
//! (`options.env[0]: missing field `value``) instead of a line and column; a syntax error is
//! the reader's (serde_json's text and position).
//!
//! Generic: it names no struct of the crate. Each boundary struct is declared once with
//! [`boundary_struct!`](crate::json::boundary), which implements [`Decode`] and
//! [`FromJson`] for it; other field types implement [`FromJson`] where they are declared
//! (`KubectlVersion` in `version.rs`).

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::Value as Json;
use kubedebug_skim::Number;

/// Why a value could not be decoded: serde's message, and the path of the value at fault.
#[derive(Debug)]
pub(crate) struct DeError {
    path: String,
    message: String,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl DeError {
    /// An error with serde's `message`, at the value being decoded.
    pub(crate) fn new(message: String) -> DeError {
        DeError {
            path: String::new(),
            message,
        }
    }

    /// The same error, one level further out: `segment` is a field or map key, or `[i]`.
    fn at(mut self, segment: &str) -> DeError {
        if !self.path.is_empty() && !self.path.starts_with('[') {
            self.path.insert(0, '.');
        }
        self.path.insert_str(0, segment);
        self
    }
}

/// A decoding result.
pub(crate) type Res<T> = Result<T, DeError>;

/// serde's wording for the value found (`Unexpected`). A float is written as `serde_json`
/// wrote its `Number` (shortest round-trip digits: `100.0`, `1e+20`, `-0.0`), as the serde-based
/// decoder did; a string is quoted as Go's `%q` quotes it (as Rust's `{:?}` did, but for
/// control and unusual characters).
fn unexpected(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Number(n) if n.is_f64() => {
            let f = n.as_f64().and_then(Number::from_f64);
            format!(
                "floating point `{}`",
                f.as_ref().map_or(n.as_str(), Number::as_str)
            )
        }
        Json::Number(n) => format!("integer `{n}`"),
        Json::String(s) => format!("string {}", go_quote(s)),
        Json::Array(_) => "sequence".into(),
        Json::Object(_) => "map".into(),
    }
}

/// serde's `invalid type` error for `v` where `expected` was wanted.
fn invalid(v: &Json, expected: &str) -> DeError {
    DeError::new(format!(
        "invalid type: {}, expected {expected}",
        unexpected(v)
    ))
}

/// A struct decoded from JSON: its name and fields, and where each field's value goes.
/// Implemented by [`boundary_struct!`](crate::json::boundary), never by hand.
pub(crate) trait Decode: Default {
    /// The struct's name, for messages.
    const NAME: &'static str;
    /// The JSON names of the fields, in declaration order (the order of the array form).
    const FIELDS: &'static [&'static str];
    /// Reject unknown fields (`#[serde(deny_unknown_fields)]`) instead of skipping them.
    const DENY_UNKNOWN: bool;
    /// The bit set of the fields that must be present (the others default).
    const REQUIRED: u64 = 0;
    /// Decode `v` into field `i` of [`Decode::FIELDS`].
    fn fill(&mut self, i: usize, v: &Json) -> Res<()>;
}

/// A field type decoded from a JSON value, as its serde derive decoded it.
pub(crate) trait FromJson: Sized {
    /// Decode `v`.
    fn from_json_value(v: &Json) -> Res<Self>;
}

/// Decode a `T` from JSON text; a failure is an [`Code::InvalidInput`] error
/// `invalid <what>: <reason>`.
pub(crate) fn from_json<T: Decode>(text: &str, what: &str) -> Result<T, Error> {
    parse_and_decode(text, what, decode)
}

/// Decode any [`FromJson`] value (a list of strings, …) from JSON text, as [`from_json`] does.
pub(crate) fn value_from_json<T: FromJson>(text: &str, what: &str) -> Result<T, Error> {
    parse_and_decode(text, what, T::from_json_value)
}

fn parse_and_decode<T>(text: &str, what: &str, decode: fn(&Json) -> Res<T>) -> Result<T, Error> {
    // Objects keep repeated keys, so that a repeated field can be rejected.
    let reason = match kubedebug_skim::from_str_keep_duplicates(text) {
        Ok(v) => match decode(&v) {
            Ok(t) => return Ok(t),
            Err(e) => e.to_string(),
        },
        Err(e) => e.to_string(),
    };
    Err(Error::new(
        Code::InvalidInput,
        format!("invalid {what}: {reason}"),
    ))
}

/// Assert that `x` is written as its serde derive (kept as the test oracle) wrote it: the
/// same value, and the same text (so the same field order and escapes).
#[cfg(test)]
#[track_caller]
pub(crate) fn assert_written_as_derive<T: crate::json::ToJson + serde::Serialize>(x: &T) {
    let ours = x.to_json();
    assert_eq!(ours, crate::json::serde_oracle(x));
    let text = serde_json::to_string(x).unwrap_or_default();
    assert_eq!(kubedebug_skim::to_string(&ours), text);
}

/// Decode a `T`: a missing field keeps its `Default` value, or is an error when required.
pub(crate) fn decode<T: Decode>(v: &Json) -> Res<T> {
    let mut t = T::default();
    let seen = decode_fields(v, T::NAME, T::FIELDS, T::DENY_UNKNOWN, &mut |i, v| {
        t.fill(i, v)
    })?;
    let missing = (0..T::FIELDS.len()).find(|i| T::REQUIRED & !seen & (1 << i) != 0);
    match missing.and_then(|i| T::FIELDS.get(i)) {
        Some(name) => Err(DeError::new(format!("missing field `{name}`"))),
        None => Ok(t),
    }
}

/// Decode a struct (at most 64 fields) given as an object or as an array of its fields in
/// order: `fill` gets each field present, as its index in `fields`, and its value; returns
/// the bit set of the fields seen. An unknown field is skipped, or rejected with `deny_unknown`; a repeated
/// field is rejected.
fn decode_fields(
    v: &Json,
    name: &str,
    fields: &[&str],
    deny_unknown: bool,
    fill: &mut dyn FnMut(usize, &Json) -> Res<()>,
) -> Res<u64> {
    let mut seen = 0u64;
    let mut field = |i: usize, v: &Json| {
        if seen & (1 << i) != 0 {
            let name = fields.get(i).copied().unwrap_or_default();
            return Err(DeError::new(format!("duplicate field `{name}`")));
        }
        seen |= 1 << i;
        fill(i, v).map_err(|e| e.at(fields.get(i).copied().unwrap_or_default()))
    };
    match v {
        Json::Object(entries) => {
            for (key, value) in entries {
                match fields.iter().position(|f| f == key) {
                    Some(i) => field(i, value)?,
                    None if deny_unknown => {
                        let expected = fields.join("`, `");
                        return Err(DeError::new(format!(
                            "unknown field `{key}`, expected one of `{expected}`"
                        )));
                    }
                    None => {}
                }
            }
        }
        Json::Array(items) if items.len() <= fields.len() => {
            for (i, value) in items.iter().enumerate() {
                field(i, value)?;
            }
        }
        Json::Array(items) => {
            return Err(DeError::new(format!(
                "invalid length {}, expected struct {name} with {} elements",
                items.len(),
                fields.len()
            )))
        }
        _ => return Err(invalid(v, &format!("struct {name}"))),
    }
    Ok(seen)
}

/// `Option<T>`: `null` is `None`.
fn option<T>(v: &Json, decode: impl Fn(&Json) -> Res<T>) -> Res<Option<T>> {
    match v {
        Json::Null => Ok(None),
        _ => decode(v).map(Some),
    }
}

fn string(v: &Json) -> Res<String> {
    match v {
        Json::String(s) => Ok(s.clone()),
        _ => Err(invalid(v, "a string")),
    }
}

fn boolean(v: &Json) -> Res<bool> {
    match v {
        Json::Bool(b) => Ok(*b),
        _ => Err(invalid(v, "a boolean")),
    }
}

fn uint(v: &Json) -> Res<u64> {
    match v {
        Json::Number(n) => n.as_u64().ok_or_else(|| {
            if n.is_i64() {
                DeError::new(format!("invalid value: integer `{n}`, expected u64"))
            } else {
                invalid(v, "u64")
            }
        }),
        _ => Err(invalid(v, "u64")),
    }
}

/// `Vec<T>`.
fn seq<T>(v: &Json, decode: impl Fn(&Json) -> Res<T>) -> Res<Vec<T>> {
    match v {
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| decode(item).map_err(|e| e.at(&format!("[{i}]"))))
            .collect(),
        _ => Err(invalid(v, "a sequence")),
    }
}

/// `BTreeMap<String, String>` (a repeated key: the last wins). Inserted one by one:
/// collecting would instantiate a slice sort.
fn string_map(v: &Json) -> Res<BTreeMap<String, String>> {
    let Json::Object(entries) = v else {
        return Err(invalid(v, "a map"));
    };
    let mut map = BTreeMap::new();
    for (k, item) in entries {
        map.insert(k.clone(), string(item).map_err(|e| e.at(k))?);
    }
    Ok(map)
}

impl FromJson for bool {
    fn from_json_value(v: &Json) -> Res<bool> {
        boolean(v)
    }
}

impl FromJson for u64 {
    fn from_json_value(v: &Json) -> Res<u64> {
        uint(v)
    }
}

impl FromJson for String {
    fn from_json_value(v: &Json) -> Res<String> {
        string(v)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json_value(v: &Json) -> Res<Option<T>> {
        option(v, T::from_json_value)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json_value(v: &Json) -> Res<Vec<T>> {
        seq(v, T::from_json_value)
    }
}

/// Any JSON, as given (a decoded `--custom` container).
impl FromJson for Json {
    fn from_json_value(v: &Json) -> Res<Json> {
        Ok(v.clone())
    }
}

impl FromJson for BTreeMap<String, String> {
    fn from_json_value(v: &Json) -> Res<BTreeMap<String, String>> {
        string_map(v)
    }
}

#[cfg(test)]
mod tests;
