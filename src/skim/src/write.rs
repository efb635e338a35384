//! Writing a skimmed value as JSON, exactly as `serde_json::to_string` would, with each
//! placeholder written as its original text.

use std::fmt::Write as _;

use serde_json::Value;

use super::MARK;

/// `value` as compact JSON, placeholders replaced by `texts`.
pub fn to_json(value: &Value, texts: &[&str]) -> String {
    let mut out = String::new();
    write_value(&mut out, value, texts);
    out
}

fn write_value(out: &mut String, value: &Value, texts: &[&str]) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => match placeholder(s, texts) {
            Some(text) => out.push_str(text),
            None => write_str(out, s),
        },
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item, texts);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, key);
                out.push(':');
                write_value(out, item, texts);
            }
            out.push('}');
        }
    }
}

/// The original text a placeholder string stands for.
fn placeholder<'a>(s: &str, texts: &[&'a str]) -> Option<&'a str> {
    let index = s.strip_prefix(MARK)?;
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    texts.get(index.parse::<usize>().ok()?).copied()
}

/// A JSON string with `serde_json`'s escapes: `"`, `\`, and control characters only.
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(plain..i).unwrap_or_default());
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_serde_json_writes() {
        let v: Value = serde_json::from_str(
            r#"{"a":[1,-2,0.5,1e300,true,null,"q\"\\\/\b\f\n\r\t\u0001\u001f\u007f é €"],"":{}}"#,
        )
        .expect("json");
        assert_eq!(to_json(&v, &[]), serde_json::to_string(&v).expect("json"));
    }

    #[test]
    fn writes_placeholders_as_their_text() {
        let v = serde_json::json!({"a": "\u{1}0", "b": "\u{1}x", "c": "\u{1}1"});
        assert_eq!(
            to_json(&v, &["[1, 2]"]),
            r#"{"a":[1, 2],"b":"\u0001x","c":"\u00011"}"#
        );
    }
}
