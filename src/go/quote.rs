//! Go's `%q` quoting (`strconv.Quote`, `strconv.QuoteRune`), as kubectl, pflag and
//! `encoding/json` quote names and characters in their messages.

/// Go's `%q` for a string: double-quoted with Go escapes (kubectl quotes names this way).
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `%q` for a rune given as a byte (`strconv.QuoteRune` of a Latin-1 code point):
/// single-quoted with Go escapes, as pflag and encoding/json quote a character.
pub(crate) fn go_quote_rune(b: u8) -> String {
    match b {
        b'\'' => "'\\''".into(),
        b'\\' => "'\\\\'".into(),
        0x07 => "'\\a'".into(),
        0x08 => "'\\b'".into(),
        0x0c => "'\\f'".into(),
        b'\n' => "'\\n'".into(),
        b'\r' => "'\\r'".into(),
        b'\t' => "'\\t'".into(),
        0x0b => "'\\v'".into(),
        0..=0x1f | 0x7f => format!("'\\x{b:02x}'"),
        0x80..=0xa0 | 0xad => format!("'\\u{b:04x}'"),
        _ => format!("'{}'", char::from(b)),
    }
}

#[cfg(test)]
mod tests;
