//! The JSON reader: a validating skipper (finds where a value ends without building it) and
//! a parser into [`Value`], with `serde_json`'s error texts.
//!
//! It accepts exactly RFC 8259 JSON, as `serde_json` does: no trailing commas, no control
//! characters in strings, surrogate escapes only in valid pairs, at most 127 levels of
//! nesting, and no number so large it would be an infinite `f64`. Numbers are kept as their
//! text.

use crate::map::Map;
use crate::number::Number;
use crate::value::Value;

/// A JSON syntax error: what (`serde_json`'s wording) and the byte offset after the fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    what: &'static str,
    at: usize,
    line: usize,
    column: usize,
}

impl Error {
    /// What went wrong, without the position.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// 1-based line of the fault.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column of the fault (bytes into its line, counting the faulty byte; 0 at a line's
    /// start).
    pub fn column(&self) -> usize {
        self.column
    }
}

/// `serde_json`'s form: `expected value at line 1 column 2`.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

/// Result of a reading step.
pub(crate) type R<T> = Result<T, Error>;

mod typed;

/// Deepest nesting read (1: the document): `serde_json` fails at 128 levels.
pub(crate) const MAX_DEPTH: usize = 127;

/// A position in JSON text.
pub(crate) struct Cursor<'a> {
    /// The whole text.
    pub(crate) text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    pub(crate) pos: usize,
    /// Keep every member of an object, repeated keys included.
    keep_duplicates: bool,
    /// Deepest nesting accepted.
    max_depth: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            keep_duplicates: false,
            max_depth: MAX_DEPTH,
        }
    }

    /// A cursor that fails deeper than `max_depth` levels.
    pub(crate) fn with_max_depth(text: &'a str, max_depth: usize) -> Self {
        Cursor {
            max_depth,
            ..Cursor::new(text)
        }
    }

    /// An error whose fault is the byte at `pos` (or the end of the text).
    #[cold]
    pub(crate) fn fail(&self, what: &'static str) -> Error {
        let at = (self.pos + 1).min(self.bytes.len());
        let before = self.bytes.get(..at).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Error {
            what,
            at,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: at - line_start,
        }
    }

    /// The bytes from `pos` on.
    #[inline(always)]
    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// The length of the run of plain string bytes at `pos` (up to a quote, backslash or
    /// control character).
    #[inline(always)]
    fn plain_run(&self) -> R<usize> {
        crate::swar::special::<true>(self.rest())
            .ok_or_else(|| self.at_end("EOF while parsing a string"))
    }

    #[cold]
    fn at_end(&self, what: &'static str) -> Error {
        Cursor {
            pos: self.bytes.len(),
            ..*self
        }
        .fail(what)
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

    /// Consume `b` (after whitespace), or fail with `what`.
    #[inline(always)]
    pub(crate) fn eat(&mut self, b: u8, what: &'static str) -> R<()> {
        match self.peek() {
            Some(c) if c == b => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.fail(what)),
            None => Err(self.at_end(what)),
        }
    }

    /// After `{` or `[`: consume the closing `end` if it comes first (an empty container).
    #[inline(always)]
    pub(crate) fn empty(&mut self, end: u8) -> R<bool> {
        match self.peek() {
            Some(b) if b == end => {
                self.pos += 1;
                Ok(true)
            }
            Some(_) => Ok(false),
            None if end == b']' => Err(self.at_end("EOF while parsing a list")),
            None => Err(self.at_end("EOF while parsing an object")),
        }
    }

    /// After a member: `true` at `,` (another follows), `false` at `end`.
    #[inline(always)]
    pub(crate) fn next_member(&mut self, end: u8) -> R<bool> {
        let (eof, expected) = if end == b']' {
            ("EOF while parsing a list", "expected `,` or `]`")
        } else {
            ("EOF while parsing an object", "expected `,` or `}`")
        };
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                match self.peek() {
                    Some(b) if b == end => Err(self.fail("trailing comma")),
                    _ => Ok(true),
                }
            }
            Some(b) if b == end => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => Err(self.fail(expected)),
            None => Err(self.at_end(eof)),
        }
    }

    /// An object key and the `:` after it; borrowed when it has no escapes.
    pub(crate) fn key(&mut self) -> R<std::borrow::Cow<'a, str>> {
        match self.peek() {
            Some(b'"') => {}
            Some(_) => return Err(self.fail("key must be a string")),
            None => return Err(self.at_end("EOF while parsing an object")),
        }
        let key = self.string()?;
        self.eat(b':', "expected `:`")?;
        Ok(key)
    }

    /// Skip one value nested at `depth`; returns its text.
    pub(crate) fn skip_value(&mut self, depth: usize) -> R<&'a str> {
        if self.peek().is_none() {
            return Err(self.at_end("EOF while parsing a value"));
        }
        let start = self.pos;
        self.skip_at(depth)?;
        Ok(self.text.get(start..self.pos).unwrap_or_default())
    }

    fn deeper(&self, depth: usize) -> R<()> {
        if depth > self.max_depth {
            Err(self.fail("recursion limit exceeded"))
        } else {
            Ok(())
        }
    }

    fn skip_at(&mut self, depth: usize) -> R<()> {
        match self.peek() {
            Some(b'{') => {
                self.deeper(depth)?;
                self.pos += 1;
                if self.empty(b'}')? {
                    return Ok(());
                }
                loop {
                    self.key()?;
                    self.skip_at(depth + 1)?;
                    if !self.next_member(b'}')? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                self.deeper(depth)?;
                self.pos += 1;
                if self.empty(b']')? {
                    return Ok(());
                }
                loop {
                    self.skip_at(depth + 1)?;
                    if !self.next_member(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b'"') => self.skip_string(),
            _ => self.skip_scalar(),
        }
    }

    /// Parse one value nested at `depth`.
    pub(crate) fn parse_value(&mut self, depth: usize) -> R<Value> {
        match self.peek() {
            Some(b'{') => {
                self.deeper(depth)?;
                self.pos += 1;
                let mut object = Map::new();
                let mut all = Vec::new();
                if !self.empty(b'}')? {
                    loop {
                        let key = self.key()?.into_owned();
                        let value = self.parse_value(depth + 1)?;
                        if self.keep_duplicates {
                            all.push((key, value));
                        } else {
                            object.insert(key, value);
                        }
                        if !self.next_member(b'}')? {
                            break;
                        }
                    }
                }
                Ok(Value::Object(if self.keep_duplicates {
                    Map::from_entries_unchecked(all)
                } else {
                    object
                }))
            }
            Some(b'[') => {
                self.deeper(depth)?;
                self.pos += 1;
                let mut items = Vec::new();
                if !self.empty(b']')? {
                    loop {
                        items.push(self.parse_value(depth + 1)?);
                        if !self.next_member(b']')? {
                            break;
                        }
                    }
                }
                Ok(Value::Array(items))
            }
            Some(b'"') => self.string().map(|s| Value::String(s.into_owned())),
            _ => self.scalar(),
        }
    }

    /// `true`, `false`, `null` or a number.
    fn scalar(&mut self) -> R<Value> {
        self.peek();
        let start = self.pos;
        self.skip_scalar()?;
        Ok(match self.text.get(start..self.pos).unwrap_or_default() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            n => Value::Number(Number::new_unchecked(n)),
        })
    }

    /// Skip a literal or a number (building nothing).
    fn skip_scalar(&mut self) -> R<()> {
        let word = |c: &mut Self, w: &[u8]| {
            if c.rest().starts_with(w) {
                c.pos += w.len();
                return Ok(());
            }
            // serde_json reports the first byte that differs.
            let same = c.rest().iter().zip(w).take_while(|(a, b)| a == b).count();
            c.pos += same;
            Err(if c.pos >= c.bytes.len() {
                c.at_end("EOF while parsing a value")
            } else {
                c.fail("expected ident")
            })
        };
        match self.peek() {
            Some(b't') => word(self, b"true"),
            Some(b'f') => word(self, b"false"),
            Some(b'n') => word(self, b"null"),
            Some(b'-' | b'0'..=b'9') => self.skip_number(),
            Some(_) => Err(self.fail("expected value")),
            None => Err(self.at_end("EOF while parsing a value")),
        }
    }

    /// A string at `"`, escapes decoded; borrowed when it has none.
    fn string(&mut self) -> R<std::borrow::Cow<'a, str>> {
        self.pos += 1;
        let start = self.pos;
        self.pos += self.plain_run()?;
        if self.bytes.get(self.pos) == Some(&b'"') {
            self.pos += 1;
            return Ok(self
                .text
                .get(start..self.pos - 1)
                .unwrap_or_default()
                .into());
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or_default());
        loop {
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out.into());
                }
                Some(b'\\') => out.push(self.escape()?),
                _ => {
                    return Err(self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
            let from = self.pos;
            self.pos += self.plain_run()?;
            out.push_str(self.text.get(from..self.pos).unwrap_or_default());
        }
    }

    /// A string at `"`, checked but not built.
    fn skip_string(&mut self) -> R<()> {
        self.pos += 1;
        loop {
            self.pos += self.plain_run()?;
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.escape()?;
                }
                _ => {
                    return Err(self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    /// The escape at `\`, consumed; a surrogate pair counts as one.
    fn escape(&mut self) -> R<char> {
        self.pos += 1;
        let c = match self.bytes.get(self.pos) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(),
            Some(_) => return Err(self.fail("invalid escape")),
            None => return Err(self.at_end("EOF while parsing a string")),
        };
        self.pos += 1;
        Ok(c)
    }

    /// Four hex digits after `\u` at `pos` (pointing at the `u`), consumed.
    fn hex4(&mut self) -> R<u32> {
        if self.pos + 4 >= self.bytes.len() {
            return Err(self.at_end("EOF while parsing a string"));
        }
        let mut code = 0;
        for _ in 0..4 {
            self.pos += 1;
            let digit = match self.bytes.get(self.pos) {
                Some(&b) => char::from(b).to_digit(16),
                None => return Err(self.at_end("EOF while parsing a string")),
            };
            code = code * 16 + digit.ok_or_else(|| self.fail("invalid escape"))?;
        }
        self.pos += 1;
        Ok(code)
    }

    fn unicode_escape(&mut self) -> R<char> {
        let code = self.hex4()?;
        let code = match code {
            0xD800..=0xDBFF => {
                match self.rest() {
                    [b'\\', b'u', ..] => {}
                    [b'\\', ..] => {
                        self.pos += 1;
                        return Err(self.fail("unexpected end of hex escape"));
                    }
                    _ => return Err(self.fail("unexpected end of hex escape")),
                }
                self.pos += 1;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    self.pos -= 1;
                    return Err(self.fail("lone leading surrogate in hex escape"));
                }
                0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            other => other,
        };
        char::from_u32(code).ok_or_else(|| {
            let mut c = Cursor { ..*self };
            c.pos -= 1;
            c.fail("lone leading surrogate in hex escape")
        })
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, not so large as to be infinite.
    fn skip_number(&mut self) -> R<()> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int = self.digits();
        if int == 0 {
            return Err(self.number_error());
        }
        if int > 1 && self.bytes.get(self.pos - int) == Some(&b'0') {
            self.pos -= int - 1;
            return Err(self.fail("invalid number"));
        }
        let mut float = false;
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.number_error());
            }
            float = true;
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.number_error());
            }
            float = true;
        }
        if float || self.pos - start > 20 {
            let text = self.text.get(start..self.pos).unwrap_or_default();
            let has_exponent = text.bytes().any(|b| b == b'e' || b == b'E');
            if (has_exponent || text.len() > 300)
                && crate::decimal::parse_f64(text).is_some_and(f64::is_infinite)
            {
                return Err(self.fail("number out of range"));
            }
        }
        Ok(())
    }

    #[cold]
    fn number_error(&self) -> Error {
        if self.pos >= self.bytes.len() {
            self.at_end("EOF while parsing a value")
        } else {
            self.fail("invalid number")
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

/// Whether `text` is exactly one JSON number.
pub(crate) fn is_number(text: &str) -> bool {
    let mut c = Cursor::new(text);
    matches!(c.bytes.first(), Some(b'-' | b'0'..=b'9'))
        && c.skip_number().is_ok()
        && c.pos == text.len()
}

/// Parse a whole JSON text (whitespace around the value allowed).
pub fn from_str(text: &str) -> Result<Value, Error> {
    let mut c = Cursor::new(text);
    let value = c.parse_value(1)?;
    match c.peek() {
        None => Ok(value),
        Some(_) => Err(c.fail("trailing characters")),
    }
}

/// Parse a whole JSON text keeping every member of every object, repeated keys included
/// (the returned objects may break [`Map`]'s unique keys: for decoders that reject them).
pub fn from_str_keep_duplicates(text: &str) -> Result<Value, Error> {
    let mut c = Cursor::new(text);
    c.keep_duplicates = true;
    let value = c.parse_value(1)?;
    match c.peek() {
        None => Ok(value),
        Some(_) => Err(c.fail("trailing characters")),
    }
}
