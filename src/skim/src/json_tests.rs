//! The reader, writer and value checked against `serde_json` (the behaviour they replace).

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::unwrap_used
)]

use proptest::prelude::*;

use crate::{from_str, from_str_keep_duplicates, to_string, to_string_pretty, Map, Number, Value};

/// Same acceptance as `serde_json` and the same value; on rejection the same message when
/// `words`.
fn agrees_in(text: &str, words: bool) {
    let ours = from_str(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(v), Ok(t)) => {
            assert_eq!(serde_json::Value::from(v), *t, "{text:?}");
            // Written back: serde_json reads the same value again.
            let back: serde_json::Value = serde_json::from_str(&to_string(v)).expect("reads");
            assert_eq!(back, *t, "{text:?}");
            let pretty: serde_json::Value =
                serde_json::from_str(&to_string_pretty(v)).expect("reads");
            assert_eq!(pretty, *t, "{text:?}");
        }
        (Err(_), Err(_)) if !words => {}
        (Err(e), Err(t)) => {
            let t = t.to_string();
            assert!(
                t.starts_with(e.what()),
                "{text:?}: ours {e}, serde_json {t}"
            );
        }
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

fn agrees(text: &str) {
    agrees_in(text, true);
}

#[test]
fn reads_what_serde_json_reads() {
    for text in [
        r#"{"a":[1,-2,3.5,true,false,null,"x\n\u00e9\"",{}],"b":{"c":[]}}"#,
        " [ 0 , 0.25 , -7 ] ",
        r#""\/\\\b\f\r\t""#,
        r#""\ud83d\ude00 \u20ac""#,
        r#"{"a":1,"b":2,"a":3}"#,
        "1e5",
        "-0",
        "-0.0",
        "1E+2",
        "12345678901234567890123",
        "-9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "1.5e-400",
        "\"\\u0000\"",
    ] {
        agrees(text);
    }
}

#[test]
fn rejects_what_serde_json_rejects_with_its_words() {
    for text in [
        "",
        " ",
        "{",
        "[",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "[1 2]",
        "01",
        "-",
        "-a",
        "1.",
        ".5",
        "1e",
        "1e+",
        "+1",
        "\"\\ud800\"",
        "\"\\ud800\\u0041\"",
        "\"\\udc00\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"a\u{1}\"",
        "tru",
        "trux",
        "nul",
        "{1:2}",
        "\"unterminated",
        "[1] x",
        "1e400",
        "-1e400",
        "{\"a\":}",
        "[,1]",
        "nan",
    ] {
        agrees(text);
    }
    let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
    agrees(&deep(127));
    agrees(&deep(128));
}

#[test]
fn positions_are_serde_jsons() {
    for text in ["", "{\n  \"a\": tru\n}", "[1,\n2 3]", "{\"a\":1}\n x"] {
        let e = from_str(text).expect_err("rejects");
        let t = serde_json::from_str::<serde_json::Value>(text).expect_err("rejects");
        assert_eq!((e.line(), e.column()), (t.line(), t.column()), "{text:?}");
    }
}

#[test]
fn keeps_repeated_keys_only_when_asked() {
    let text = r#"{"a":1,"b":2,"a":3}"#;
    assert_eq!(
        to_string(&from_str(text).expect("json")),
        r#"{"a":3,"b":2}"#
    );
    let raw = from_str_keep_duplicates(text).expect("json");
    assert_eq!(raw.as_object().map(Map::len), Some(3));
}

#[test]
fn numbers_keep_their_text_and_compare_like_serde_json() {
    let v = from_str("[1e2, 100, 100.0, -0, 0, 123456789012345678901234567890]").expect("json");
    assert_eq!(
        to_string(&v),
        "[1e2,100,100.0,-0,0,123456789012345678901234567890]"
    );
    let n = |i: usize| v[i].clone();
    assert_eq!(n(0), n(2));
    assert_ne!(n(0), n(1));
    assert_ne!(n(3), n(4));
    assert_eq!(n(1).as_i64(), Some(100));
    assert_eq!(n(0).as_i64(), None);
    assert_eq!(n(0).as_f64(), Some(100.0));
    assert_eq!(
        Number::from_json("1.5").map(|n| n.to_string()),
        Some("1.5".into())
    );
    assert!(Number::from_json("1.").is_none());
    assert!(Number::from_json(" 1").is_none());
}

#[test]
fn maps_behave_like_serde_jsons_preserve_order_map() {
    let mut m = Map::new();
    for k in ["a", "b", "c", "d"] {
        m.insert(k.into(), json!(k));
    }
    assert_eq!(m.insert("b".into(), json!(2)), Some(json!("b")));
    assert_eq!(m.keys().cloned().collect::<Vec<_>>(), ["a", "b", "c", "d"]);
    m.swap_remove("a");
    assert_eq!(m.keys().cloned().collect::<Vec<_>>(), ["d", "b", "c"]);
    m.shift_remove("d");
    assert_eq!(m.keys().cloned().collect::<Vec<_>>(), ["b", "c"]);
    *m.entry("e").or_insert(json!([])) = json!(1);
    assert_eq!(
        to_string(&Value::Object(m.clone())),
        r#"{"b":2,"c":"c","e":1}"#
    );
    let reordered: Map<String, Value> = m.clone().into_iter().rev().collect();
    assert_eq!(reordered, m);
}

#[test]
fn json_macro_builds_what_serde_json_builds() {
    let x = 5;
    let ours = json!({"a": [1, -2, "s", null, true, {"b": x + 1}], "c": {}, "d": [], ("e"): x});
    let theirs =
        serde_json::json!({"a": [1, -2, "s", null, true, {"b": x + 1}], "c": {}, "d": [], "e": x});
    assert_eq!(serde_json::Value::from(&ours), theirs);
    assert_eq!(ours["a"][5]["b"], 6);
    assert_eq!(ours["missing"][3], Value::Null);
    assert_eq!(ours.pointer("/a/2"), Some(&json!("s")));
}

#[test]
fn writes_what_serde_json_writes() {
    let text =
        r#"{"a":[1,-2,0.5,true,null,"q\"\\\/\b\f\n\r\t\u0001\u001f\u007f é €"],"":{},"e":[]}"#;
    let v = from_str(text).expect("json");
    let t: serde_json::Value = serde_json::from_str(text).expect("json");
    assert_eq!(to_string(&v), serde_json::to_string(&t).expect("json"));
    assert_eq!(
        to_string_pretty(&v),
        serde_json::to_string_pretty(&t).expect("json")
    );
}

#[test]
fn writes_placeholders_as_their_text() {
    let v = json!({"a": "\u{1}0", "b": "\u{1}x", "c": "\u{1}1"});
    assert_eq!(
        crate::to_json(&v, &["[1, 2]"]),
        r#"{"a":[1, 2],"b":"\u0001x","c":"\u00011"}"#
    );
}

/// JSON-ish text: valid documents with random damage.
fn jsonish() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,5})?([eE][+-]?[0-9]{1,3})?",
        "\"([a-z\\\\\"/é\u{1}]|\\\\u[0-9a-fA-F]{4}|\\\\[nrtbf/\"\\\\x])*\"",
    ];
    let value = atom.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(("[a-c]{1,2}", inner), 0..5).prop_map(|v| {
                let members: Vec<String> = v
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\" : {v}"))
                    .collect();
                format!("{{ {} }}", members.join(",\n"))
            }),
        ]
    });
    (
        value,
        any::<u16>(),
        prop_oneof![
            Just(""),
            Just(","),
            Just("]"),
            Just("}"),
            Just(" "),
            Just("\""),
            Just("\\")
        ],
    )
        .prop_map(|(text, at, damage)| {
            let at = usize::from(at) % (text.len() + 1);
            match text.get(..at) {
                Some(before) if at % 3 == 0 => format!("{before}{damage}{}", &text[at..]),
                _ => text,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn agrees_with_serde_json_on_generated_text(text in jsonish()) {
        agrees_in(&text, false);
    }
}

#[test]
fn floats_are_written_as_serde_json_writes_them() {
    for f in [
        0.0,
        -0.0,
        1.0,
        1.5,
        1e15,
        1e16,
        1e17,
        1e20,
        1e300,
        1e-7,
        0.1 + 0.2,
        f64::MAX,
        f64::MIN_POSITIVE,
    ] {
        let ours = Number::from_f64(f).map(|n| n.to_string());
        assert_eq!(ours, Some(serde_json::to_string(&f).expect("json")), "{f}");
    }
    assert!(Number::from_f64(f64::NAN).is_none());
    assert!(Number::from_f64(f64::INFINITY).is_none());
}

#[test]
fn large_objects_keep_serde_jsons_order_and_last_value() {
    // Past the scan limit the builder uses its hash index: same answer as serde_json.
    let mut text = String::from("{");
    for i in 0..3000 {
        text.push_str(&format!("\"k{}\":{i},", i % 1000));
    }
    text.push_str("\"end\":true}");
    agrees(&text);
    let v = from_str(&text).expect("json");
    let m = v.as_object().expect("object");
    assert_eq!(m.len(), 1001);
    assert_eq!(m.get("k7"), Some(&Value::from(2007)));
    assert_eq!(m.keys().nth(999).map(String::as_str), Some("k999"));
}

#[test]
fn a_hundred_thousand_members_take_linear_time() {
    // Quadratic work would take minutes here; the test only has to finish.
    let text = format!(
        "{{{}\"x\":0}}",
        (0..100_000)
            .map(|i| format!("\"{i}\":{i},"))
            .collect::<String>()
    );
    let v = from_str(&text).expect("json");
    assert_eq!(v.as_object().map(Map::len), Some(100_001));
}

/// One edit of a map, for the model test below.
#[derive(Debug, Clone)]
enum Edit {
    Insert(u8, u8),
    ShiftRemove(u8),
    SwapRemove(u8),
    RetainOdd,
    Entry(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (0..60u8, any::<u8>()).prop_map(|(k, v)| Edit::Insert(k, v)),
        1 => (0..60u8).prop_map(Edit::ShiftRemove),
        1 => (0..60u8).prop_map(Edit::SwapRemove),
        1 => (0..60u8).prop_map(Edit::Entry),
        1 => Just(Edit::RetainOdd),
    ]
}

proptest! {
    /// Maps large enough to keep a key index behave exactly like serde_json's
    /// `preserve_order` map under every kind of edit.
    #[test]
    fn maps_with_and_without_their_index_agree_with_serde_json(edits in prop::collection::vec(edit(), 0..300)) {
        let mut ours = Map::new();
        let mut theirs = serde_json::Map::new();
        for e in edits {
            match e {
                Edit::Insert(k, v) => {
                    let a = ours.insert(format!("k{k}"), Value::from(v));
                    let b = theirs.insert(format!("k{k}"), serde_json::Value::from(v));
                    prop_assert_eq!(a.map(|a| serde_json::Value::from(&a)), b);
                }
                Edit::ShiftRemove(k) => {
                    let a = ours.shift_remove(&format!("k{k}"));
                    let b = theirs.shift_remove(&format!("k{k}"));
                    prop_assert_eq!(a.map(|a| serde_json::Value::from(&a)), b);
                }
                Edit::SwapRemove(k) => {
                    let a = ours.swap_remove(&format!("k{k}"));
                    let b = theirs.swap_remove(&format!("k{k}"));
                    prop_assert_eq!(a.map(|a| serde_json::Value::from(&a)), b);
                }
                Edit::Entry(k) => {
                    ours.entry(format!("k{k}")).or_insert(Value::Null);
                    theirs.entry(format!("k{k}")).or_insert(serde_json::Value::Null);
                }
                Edit::RetainOdd => {
                    ours.retain(|_, v| v.as_u64().is_none_or(|n| n % 2 == 1));
                    theirs.retain(|_, v| v.as_u64().is_none_or(|n| n % 2 == 1));
                }
            }
            let ours_keys: Vec<&String> = ours.keys().collect();
            let theirs_keys: Vec<&String> = theirs.keys().collect();
            prop_assert_eq!(ours_keys, theirs_keys);
            for k in 0..60u8 {
                let key = format!("k{k}");
                prop_assert_eq!(ours.get(&key).map(serde_json::Value::from), theirs.get(&key).cloned());
            }
        }
    }
}
