//! A validating JSON skipper (finds where a value ends without building it) and reader.
//!
//! It accepts a subset of what `serde_json` accepts and gives up ([`GiveUp`]) on everything
//! else, including inputs `serde_json` would read differently from their text (exponents,
//! long or negative-zero numbers, surrogate escapes, escaped keys, deep nesting). A give-up
//! is never an error: the caller parses the whole text with `serde_json` instead.

use serde_json::{Map, Number, Value};

/// The skim cannot vouch for this text; parse it whole.
#[derive(Debug)]
pub(crate) struct GiveUp;

/// Result of a skim step.
pub(crate) type R<T> = Result<T, GiveUp>;

/// Deepest nesting skimmed (1: the document). Real pods nest about 15 levels; deeper text
/// goes to the full parser, whose depth errors are then the ones reported.
pub(crate) const MAX_DEPTH: usize = 64;

/// Integers with more digits may not fit `u64`/`i64` (`serde_json` would make them floats).
const MAX_INT_DIGITS: usize = 18;

/// A position in JSON text.
pub(crate) struct Cursor<'a> {
    /// The whole text.
    pub(crate) text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    pub(crate) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    /// The bytes from `pos` on.
    #[inline(always)]
    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// The length of the run of plain string bytes at `pos` (up to a quote, backslash or
    /// control character), or `None` when the text ends first.
    #[inline(always)]
    fn plain_run(&self) -> R<usize> {
        self.rest()
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .ok_or(GiveUp)
    }

    /// Skip JSON whitespace and return the next byte, if any.
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Consume `b` (after whitespace) or give up.
    #[inline(always)]
    pub(crate) fn eat(&mut self, b: u8) -> R<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// After `{` or `[`: consume the closing `end` if it comes first (an empty container).
    #[inline(always)]
    pub(crate) fn empty(&mut self, end: u8) -> bool {
        let closed = self.peek() == Some(end);
        if closed {
            self.pos += 1;
        }
        closed
    }

    /// After a member: `true` at `,` (another follows), `false` at `end`.
    #[inline(always)]
    pub(crate) fn next_member(&mut self, end: u8) -> R<bool> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == end => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(GiveUp),
        }
    }

    /// An object key without escapes, and the `:` after it.
    pub(crate) fn key(&mut self) -> R<&'a str> {
        self.eat(b'"')?;
        let start = self.pos;
        let len = self.plain_run()?;
        if self.bytes.get(start + len) != Some(&b'"') {
            return Err(GiveUp);
        }
        self.pos = start + len + 1;
        self.eat(b':')?;
        self.text.get(start..start + len).ok_or(GiveUp)
    }

    /// Skip one value nested at `depth`; returns its text.
    pub(crate) fn skip_value(&mut self, depth: usize) -> R<&'a str> {
        let start = match self.peek() {
            Some(_) => self.pos,
            None => return Err(GiveUp),
        };
        self.skip_at(depth)?;
        self.text.get(start..self.pos).ok_or(GiveUp)
    }

    fn skip_at(&mut self, depth: usize) -> R<()> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        match self.peek().ok_or(GiveUp)? {
            b'{' => {
                self.pos += 1;
                if self.empty(b'}') {
                    return Ok(());
                }
                loop {
                    if self.peek() != Some(b'"') {
                        return Err(GiveUp);
                    }
                    self.skip_string()?;
                    self.eat(b':')?;
                    self.skip_at(depth + 1)?;
                    if !self.next_member(b'}')? {
                        return Ok(());
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                if self.empty(b']') {
                    return Ok(());
                }
                loop {
                    self.skip_at(depth + 1)?;
                    if !self.next_member(b']')? {
                        return Ok(());
                    }
                }
            }
            b'"' => self.skip_string(),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.skip_number(),
        }
    }

    /// Parse one value nested at `depth` into what `serde_json` would make of its text.
    pub(crate) fn parse_value(&mut self, depth: usize) -> R<Value> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        match self.peek().ok_or(GiveUp)? {
            b'{' => {
                self.pos += 1;
                let mut map = Map::new();
                if self.empty(b'}') {
                    return Ok(Value::Object(map));
                }
                loop {
                    let key = self.key()?;
                    let value = self.parse_value(depth + 1)?;
                    map.insert(key.to_string(), value);
                    if !self.next_member(b'}')? {
                        return Ok(Value::Object(map));
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if self.empty(b']') {
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.parse_value(depth + 1)?);
                    if !self.next_member(b']')? {
                        return Ok(Value::Array(items));
                    }
                }
            }
            b'"' => self.parse_string().map(Value::String),
            b't' => self.literal(b"true").map(|()| Value::Bool(true)),
            b'f' => self.literal(b"false").map(|()| Value::Bool(false)),
            b'n' => self.literal(b"null").map(|()| Value::Null),
            _ => {
                let start = self.pos;
                self.skip_number()?;
                let text = self.text.get(start..self.pos).ok_or(GiveUp)?;
                let number = if text.contains('.') {
                    // serde_json's own float reading, for the very same value.
                    return serde_json::from_str(text).map_err(|_| GiveUp);
                } else if text.starts_with('-') {
                    text.parse::<i64>().map(Number::from).map_err(|_| GiveUp)?
                } else {
                    text.parse::<u64>().map(Number::from).map_err(|_| GiveUp)?
                };
                Ok(Value::Number(number))
            }
        }
    }

    /// A string at `"`, escapes decoded.
    fn parse_string(&mut self) -> R<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            self.pos += self.plain_run()?;
            out.push_str(self.text.get(start..self.pos).ok_or(GiveUp)?);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let at = self.pos;
                    self.skip_escape()?;
                    out.push(unescape(self.text.get(at..self.pos).ok_or(GiveUp)?)?);
                }
                _ => return Err(GiveUp),
            }
        }
    }

    fn literal(&mut self, word: &[u8]) -> R<()> {
        if self.rest().starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// A string at `"`: escapes are checked; surrogate escapes give up.
    fn skip_string(&mut self) -> R<()> {
        self.pos += 1;
        loop {
            self.pos += self.plain_run()?;
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => self.skip_escape()?,
                _ => return Err(GiveUp),
            }
        }
    }

    fn skip_escape(&mut self) -> R<()> {
        match self.bytes.get(self.pos + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.pos += 2;
                Ok(())
            }
            Some(b'u') => {
                let hex = self.text.get(self.pos + 2..self.pos + 6).ok_or(GiveUp)?;
                let code = u16::from_str_radix(hex, 16).map_err(|_| GiveUp)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) || (0xD800..0xE000).contains(&code) {
                    return Err(GiveUp);
                }
                self.pos += 6;
                Ok(())
            }
            _ => Err(GiveUp),
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`; exponents, negative zeros (`-0…`) and long
    /// integers give up.
    fn skip_number(&mut self) -> R<()> {
        let negative = self.bytes.get(self.pos) == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let start = self.pos;
        let int = self.digits();
        let leading_zero = self.bytes.get(start) == Some(&b'0');
        if int == 0 || int > MAX_INT_DIGITS || (leading_zero && (int > 1 || negative)) {
            return Err(GiveUp);
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(GiveUp);
            }
        }
        match self.bytes.get(self.pos) {
            Some(b'e' | b'E') => Err(GiveUp),
            _ => Ok(()),
        }
    }

    fn digits(&mut self) -> usize {
        let n = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.pos += n;
        n
    }
}

/// The character of one escape that [`Cursor::skip_escape`] accepted.
fn unescape(escape: &str) -> R<char> {
    Ok(match escape.as_bytes().get(1) {
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => {
            let code =
                u32::from_str_radix(escape.get(2..).ok_or(GiveUp)?, 16).map_err(|_| GiveUp)?;
            char::from_u32(code).ok_or(GiveUp)?
        }
        Some(&b) => char::from(b),
        None => return Err(GiveUp),
    })
}

#[cfg(test)]
#[allow(clippy::panic, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn skims(text: &str) -> bool {
        let mut c = Cursor::new(text);
        c.skip_value(1).is_ok() && c.peek().is_none()
    }

    #[test]
    fn accepts_what_serde_reads_the_same() {
        for ok in [
            r#"{"a":[1,-2,3.5,true,false,null,"x\n\u00e9\"",{}],"b":{"c":[]}}"#,
            " [ 0 , 0.25 , -7 ] ",
            r#""\/\\\b\f\r\t""#,
        ] {
            assert!(skims(ok), "{ok}");
            assert!(
                serde_json::from_str::<serde_json::Value>(ok).is_ok(),
                "{ok}"
            );
        }
    }

    #[test]
    fn gives_up_on_anything_else() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "01",
            "-0",
            "-0.5",
            "1e5",
            "1.",
            ".5",
            "1234567890123456789",
            "\"\\ud800\"",
            "\"\\x\"",
            "\"a\u{1}\"",
            "tru",
            "nul",
            "{1:2}",
            "[1 2]",
            "\"unterminated",
        ] {
            assert!(!skims(bad), "{bad:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(!skims(&deep));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(skims(&ok));
    }
}
