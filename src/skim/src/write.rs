//! Writing a value as JSON, as `serde_json` writes it (numbers as their text), with each
//! skim placeholder written as its original text.

use crate::value::Value;

use super::MARK;

/// `value` as compact JSON, placeholders replaced by `texts`.
pub fn to_json(value: &Value, texts: &[&str]) -> String {
    // Room for the kept texts up front: a pod body grew by doubling ~10 times (`npm run bench`).
    let kept: usize = texts.iter().map(|t| t.len()).sum();
    let mut out = String::with_capacity(kept + 512);
    write_value(&mut out, value, texts, None);
    out
}

/// `value` as compact JSON (`serde_json::to_string`).
pub fn to_string(value: &Value) -> String {
    to_json(value, &[])
}

/// `value` as JSON indented by two spaces (`serde_json::to_string_pretty`).
pub fn to_string_pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, &[], Some(0));
    out
}

/// A new line indented to `level`, when pretty.
fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(level) = indent {
        out.push('\n');
        (0..level).for_each(|_| out.push_str("  "));
    }
}

fn write_value(out: &mut String, value: &Value, texts: &[&str], indent: Option<usize>) {
    let inner = indent.map(|l| l + 1);
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n.as_str()),
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
                newline(out, inner);
                write_value(out, item, texts, inner);
            }
            if !items.is_empty() {
                newline(out, indent);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_str(out, key);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                write_value(out, item, texts, inner);
            }
            if !map.is_empty() {
                newline(out, indent);
            }
            out.push('}');
        }
    }
}

/// The original text a placeholder string stands for.
fn placeholder<'a>(s: &str, texts: &[&'a str]) -> Option<&'a str> {
    if texts.is_empty() {
        return None;
    }
    let index = s.strip_prefix(MARK)?;
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    texts.get(index.parse::<usize>().ok()?).copied()
}

/// A JSON string with `serde_json`'s escapes: `"`, `\`, and control characters only.
pub(crate) fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = s.as_bytes();
    // Most strings need no escape: find the first byte that may, eight bytes at a time.
    let Some(first) = crate::swar::special::<true>(bytes) else {
        out.push_str(s);
        out.push('"');
        return;
    };
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
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
            out.push_str("\\u00");
            for nibble in [b >> 4, b & 15] {
                out.push(HEX.get(usize::from(nibble)).map_or('0', |&h| char::from(h)));
            }
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}
