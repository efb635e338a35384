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
mod tests {
    use crate::options::{DebugOptions, Pair};
    use crate::session::Session;
    use crate::validate::CustomProfileFile;
    use crate::version::KubectlVersion;
    use crate::Code;

    fn session(text: &str) -> Result<Session, String> {
        Session::from_json(text).map_err(|e| {
            assert_eq!(e.code(), Code::InvalidInput);
            e.message().to_string()
        })
    }

    #[test]
    fn missing_fields_default_and_null_is_none_for_options_only() {
        assert_eq!(session("{}"), Ok(Session::default()));
        assert_eq!(session("[]"), Ok(Session::default()));
        let s = session(
            r#"{"args":null,"options":null,"namespace":null,"kubectlVersion":null,"customProfile":null}"#,
        );
        assert_eq!(s, Ok(Session::default()));
        let s = session(r#"{"options":{"image":"busybox"}}"#);
        assert_eq!(
            s.map(|s| s.options),
            Ok(Some(DebugOptions {
                image: "busybox".into(),
                ..DebugOptions::default()
            }))
        );
        for (text, err) in [
            (
                r#"{"seed":null}"#,
                "invalid session: seed: invalid type: null, expected u64",
            ),
            (
                r#"{"namespaceExplicit":null}"#,
                "invalid session: namespaceExplicit: invalid type: null, expected a boolean",
            ),
            (
                r#"{"suffixes":null}"#,
                "invalid session: suffixes: invalid type: null, expected a sequence",
            ),
            (
                r#"{"env":null}"#,
                "invalid session: env: invalid type: null, expected a map",
            ),
            (
                r#"{"options":{"keepInitContainers":null}}"#,
                "invalid session: options.keepInitContainers: invalid type: null, expected a boolean",
            ),
        ] {
            assert_eq!(session(text), Err(err.to_string()), "{text}");
        }
    }

    #[test]
    fn errors_name_the_value_at_fault_in_serde_words() {
        for (text, err) in [
            ("", "invalid session: EOF while parsing a value at line 1 column 0"),
            ("null", "invalid session: invalid type: null, expected struct Session"),
            ("5", "invalid session: invalid type: integer `5`, expected struct Session"),
            (
                r#"{"args":5}"#,
                "invalid session: args: invalid type: integer `5`, expected a sequence",
            ),
            (
                r#"{"args":["web",1.5]}"#,
                "invalid session: args[1]: invalid type: floating point `1.5`, expected a string",
            ),
            (
                r#"{"seed":-1}"#,
                "invalid session: seed: invalid value: integer `-1`, expected u64",
            ),
            (
                r#"{"seed":"1"}"#,
                "invalid session: seed: invalid type: string \"1\", expected u64",
            ),
            (
                r#"{"env":{"A":true}}"#,
                "invalid session: env.A: invalid type: boolean `true`, expected a string",
            ),
            (
                r#"{"kubectlVersion":"9.9"}"#,
                "invalid session: kubectlVersion: unsupported kubectl version \"9.9\": expected 1.27 … 1.37",
            ),
            (
                r#"{"bogus":1}"#,
                "invalid session: unknown field `bogus`, expected one of `args`, `options`, `namespace`, `namespaceExplicit`, `kubectlVersion`, `env`, `customProfile`, `seed`, `suffixes`",
            ),
            (
                r#"{"seed":1,"seed":2}"#,
                "invalid session: duplicate field `seed`",
            ),
            (
                r#"{"options":{"env":[{"name":"A"}]}}"#,
                "invalid session: options.env[0]: missing field `value`",
            ),
            (
                r#"{"options":{"setImage":[["*"]]}}"#,
                "invalid session: options.setImage[0]: missing field `value`",
            ),
            (
                r#"{"options":{"env":[{"name":"A","value":"1","name":"B"}]}}"#,
                "invalid session: options.env[0]: duplicate field `name`",
            ),
            (
                r#"{"options":{"tty":1}}"#,
                "invalid session: options.tty: invalid type: integer `1`, expected a boolean",
            ),
            (
                r#"{"options":{"images":"x"}}"#,
                "invalid session: options: unknown field `images`, expected one of `targets`, `args`, `filename`, `argumentsOnly`, `attach`, `container`, `copyTo`, `custom`, `env`, `image`, `imagePullPolicy`, `keepAnnotations`, `keepInitContainers`, `keepLabels`, `keepLiveness`, `keepReadiness`, `keepStartup`, `profile`, `quiet`, `replace`, `sameNode`, `setImage`, `shareProcesses`, `stdin`, `target`, `tty`",
            ),
            (
                r#"{"customProfile":{"path":7}}"#,
                "invalid session: customProfile.path: invalid type: integer `7`, expected a string",
            ),
            (
                r#"[null,null,null,false,null,{},null,0,[],1]"#,
                "invalid session: invalid length 10, expected struct Session with 9 elements",
            ),
        ] {
            assert_eq!(session(text), Err(err.to_string()), "{text}");
        }
    }

    /// A float is named as the serde-based decoder named it: `serde_json`'s `Number` text of
    /// the `f64` read (not the text as written), integers beyond `u64` included.
    #[test]
    fn floats_are_named_as_serde_json_writes_them() {
        for (text, shown) in [
            ("1.5", "1.5"),
            ("1.50", "1.5"),
            ("1E2", "100.0"),
            ("1e20", "1e+20"),
            ("-0", "-0.0"),
            ("0.1e-6", "1e-7"),
            ("18446744073709551616", "1.8446744073709552e+19"),
            ("-9223372036854775809", "-9.223372036854776e+18"),
        ] {
            let f = text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64);
            assert_eq!(f.map(|n| n.to_string()).as_deref(), Some(shown), "{text}");
            assert_eq!(
                session(&format!(r#"{{"seed":{text}}}"#)),
                Err(format!(
                    "invalid session: seed: invalid type: floating point `{shown}`, expected u64"
                )),
            );
        }
        assert_eq!(
            session(r#"{"args":[-9223372036854775808]}"#),
            Err("invalid session: args[0]: invalid type: integer `-9223372036854775808`, expected a string".into()),
        );
        assert_eq!(
            session(r#"{"seed":-9223372036854775808}"#),
            Err("invalid session: seed: invalid value: integer `-9223372036854775808`, expected u64".into()),
        );
    }

    #[test]
    fn structs_may_be_arrays_and_unknown_fields_are_skipped_where_serde_skipped_them() {
        let s = session(
            r#"[["web"],null,"ns",true,"1.31",{"KUBECTL_DEBUG_CUSTOM_PROFILE":"true"},{"path":"/p","extra":1},7,["abcde"]]"#,
        );
        let want = Session {
            args: Some(vec!["web".into()]),
            namespace: Some("ns".into()),
            namespace_explicit: true,
            kubectl_version: KubectlVersion::new(31),
            env: [("KUBECTL_DEBUG_CUSTOM_PROFILE".into(), "true".into())].into(),
            custom_profile: Some(CustomProfileFile {
                path: "/p".into(),
                ..CustomProfileFile::default()
            }),
            seed: 7,
            suffixes: vec!["abcde".into()],
            ..Session::default()
        };
        assert_eq!(s, Ok(want));
        let o = DebugOptions::from_json(r#"{"env":[{"name":"A","value":"1","x":[{}]},["B","2"]]}"#);
        assert_eq!(
            o.map(|o| o.env),
            Ok(vec![
                Pair {
                    name: "A".into(),
                    value: "1".into()
                },
                Pair {
                    name: "B".into(),
                    value: "2".into()
                }
            ])
        );
        // A repeated key of the env map: the last wins, as with serde's BTreeMap.
        let s = session(r#"{"env":{"A":"1","A":"2"}}"#);
        assert_eq!(s.map(|s| s.env), Ok([("A".into(), "2".into())].into()));
    }

    #[test]
    fn everything_serialized_decodes_back() {
        let options = DebugOptions {
            targets: vec!["web".into()],
            args: vec!["sh".into()],
            filename: vec!["/f".into()],
            arguments_only: true,
            attach: Some(false),
            container: "c".into(),
            copy_to: "cp".into(),
            custom: "/p.json".into(),
            env: vec![Pair {
                name: "A".into(),
                value: "1".into(),
            }],
            image: "busybox".into(),
            image_pull_policy: "Always".into(),
            keep_annotations: true,
            keep_init_containers: false,
            keep_labels: true,
            keep_liveness: true,
            keep_readiness: true,
            keep_startup: true,
            profile: Some("general".into()),
            quiet: true,
            replace: true,
            same_node: true,
            set_image: vec![Pair {
                name: "*".into(),
                value: "x".into(),
            }],
            share_processes: Some(true),
            stdin: true,
            target: "t".into(),
            tty: true,
        };
        let s = Session {
            args: Some(vec!["web".into()]),
            options: Some(options.clone()),
            namespace: Some("ns".into()),
            namespace_explicit: true,
            kubectl_version: KubectlVersion::new(30),
            env: [("A".into(), "B".into())].into(),
            custom_profile: Some(CustomProfileFile {
                path: "/p.json".into(),
                text: Some("{}".into()),
                error: Some("e".into()),
            }),
            seed: u64::MAX,
            suffixes: vec!["abcde".into()],
        };
        let text = serde_json::to_string(&s).unwrap_or_default();
        assert_eq!(Session::from_json(&text), Ok(s.clone()));
        // Written by hand exactly as the derive writes it.
        super::assert_written_as_derive(&s);
        super::assert_written_as_derive(&options);
        super::assert_written_as_derive(&Session::default());
        super::assert_written_as_derive(&DebugOptions::default());
        let text = serde_json::to_string(&options).unwrap_or_default();
        assert_eq!(DebugOptions::from_json(&text), Ok(options));
    }

    /// The hand-written decoder accepts exactly what the derives accepted, with the same
    /// result, on mutations of valid sessions (types swapped, fields dropped, added, repeated,
    /// structs written as arrays).
    #[test]
    fn accepts_what_the_derives_accepted() {
        use crate::json::Value;
        use kubedebug_skim::json;
        let mut x: u64 = 0x853c_49e6_748f_ea9b;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let seeds = [
            json!({"args": ["web", "--image=busybox"], "seed": 3, "suffixes": ["abcde"]}),
            json!({"options": {"targets": ["web"], "image": "busybox", "env": [{"name": "A", "value": "1"}],
                "setImage": [{"name": "*", "value": "x"}], "attach": true, "shareProcesses": false,
                "profile": "general", "keepInitContainers": false},
                "namespace": "ns", "namespaceExplicit": true, "kubectlVersion": "1.31",
                "env": {"KUBECTL_DEBUG_CUSTOM_PROFILE": "true"},
                "customProfile": {"path": "/p", "text": "{}", "error": null}}),
        ];
        let junk = [
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(18446744073709551615u64),
            json!(""),
            json!("1.33"),
            json!("x"),
            json!([]),
            json!(["a"]),
            json!([1]),
            json!({}),
            json!({"name": "a", "value": "b"}),
            json!({"x": 1}),
            json!([["a", "b"]]),
            json!([{"name": "a"}]),
            json!(["a", "b", "c"]),
        ];
        fn mutate(v: &mut Value, next: &mut dyn FnMut(u64) -> u64, junk: &[Value]) {
            match v {
                Value::Object(m) if !m.is_empty() && next(3) > 0 => {
                    let keys: Vec<String> = m.keys().cloned().collect();
                    let k = keys
                        .get(next(keys.len() as u64) as usize)
                        .cloned()
                        .unwrap_or_default();
                    match next(6) {
                        0 => {
                            m.shift_remove(&k);
                        }
                        1 => {
                            m.insert("bogus".into(), Value::Null);
                        }
                        2 => {
                            let j = junk.get(next(junk.len() as u64) as usize).cloned();
                            m.insert(k, j.unwrap_or_default());
                        }
                        _ => {
                            if let Some(c) = m.get_mut(&k) {
                                mutate(c, next, junk);
                            }
                        }
                    }
                }
                Value::Object(m) if next(2) == 0 => {
                    // The array form: the fields in an order that may or may not be theirs.
                    *v = Value::Array(m.values().cloned().collect());
                }
                Value::Array(a) if !a.is_empty() => {
                    let i = next(a.len() as u64) as usize;
                    if let Some(c) = a.get_mut(i) {
                        mutate(c, next, junk);
                    }
                }
                _ => {
                    let j = junk.get(next(junk.len() as u64) as usize).cloned();
                    *v = j.unwrap_or_default();
                }
            }
        }
        let (mut accepted, mut rejected) = (0, 0);
        for i in 0..20_000 {
            let mut v = seeds.get(i % seeds.len()).cloned().unwrap_or_default();
            for _ in 0..=next(3) {
                mutate(&mut v, &mut next, &junk);
            }
            let mut text = v.to_string();
            if next(8) == 0 {
                // A repeated key, which `Value` cannot hold.
                text = text.replacen("{\"", "{\"seed\":1,\"", 1).replacen(
                    "\"name\"",
                    "\"name\":\"n\",\"name\"",
                    1,
                );
            }
            let old = serde_json::from_str::<Session>(&text);
            let new = Session::from_json(&text);
            match (old, &new) {
                (Ok(old), Ok(new)) => {
                    accepted += 1;
                    assert_eq!(&old, new, "{text}");
                }
                (Err(_), Err(_)) => rejected += 1,
                (old, new) => assert_eq!(
                    old.is_ok(),
                    new.is_ok(),
                    "{text}: derived {old:?}, hand-written {new:?}"
                ),
            }
        }
        assert!(
            accepted > 1000 && rejected > 1000,
            "{accepted} accepted, {rejected} rejected"
        );
    }
}
