//! The typed check over JSON text: the subtrees a skimmed pod keeps as text, checked without
//! building them. The text was read by the skim's own reader already, so it is valid JSON;
//! anything unexpected ends the walk with an (empty) abort, and the caller then checks the
//! whole object instead.

use super::{Abort, Dec, Next, Shape};

/// Walk one JSON value's text as Go type `t`.
pub(super) fn walk(dec: &mut Dec, text: &str, t: u16) -> Result<(), Abort> {
    let mut c = Cur { s: text, i: 0 };
    c.value(dec, t)?;
    c.ws();
    if c.i == text.len() {
        Ok(())
    } else {
        Err(Abort::new())
    }
}

/// A JSON string's text between the quotes, unescaped.
pub(super) fn unescape(raw: &str) -> Option<String> {
    match kubedebug_skim::from_str(&format!("\"{raw}\"")) {
        Ok(kubedebug_skim::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The first JSON kind of a value's text (its first byte), for the `kind`/`apiVersion` check.
pub(super) fn what(text: &str) -> &'static str {
    match text.trim_start().as_bytes().first() {
        Some(b'"') => "string",
        Some(b'n') => "null",
        Some(b't' | b'f') => "bool",
        Some(b'[') => "array",
        Some(b'{') => "object",
        _ => "number",
    }
}

struct Cur<'a> {
    s: &'a str,
    i: usize,
}

fn bad() -> Abort {
    Abort::new()
}

impl<'a> Cur<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn ws(&mut self) {
        let rest = self.s.as_bytes().get(self.i..).unwrap_or_default();
        self.i += rest
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            .count();
    }

    fn eat(&mut self, b: u8) -> Result<(), Abort> {
        self.ws();
        if self.peek() == Some(b) {
            self.i += 1;
            Ok(())
        } else {
            Err(bad())
        }
    }

    /// At `"`: the text between the quotes (escapes kept), the cursor after the closing quote.
    fn string(&mut self) -> Result<&'a str, Abort> {
        let start = self.i + 1;
        let bytes = self.s.as_bytes();
        let mut j = start;
        loop {
            let run = bytes.get(j..).ok_or_else(bad)?;
            j += run
                .iter()
                .position(|&b| b == b'"' || b == b'\\')
                .ok_or_else(bad)?;
            match bytes.get(j) {
                Some(b'"') => break,
                _ => j += 2,
            }
        }
        self.i = j + 1;
        self.s.get(start..j).ok_or_else(bad)
    }

    /// A number's or literal's text.
    fn scalar(&mut self) -> &'a str {
        let start = self.i;
        let bytes = self.s.as_bytes();
        while bytes
            .get(self.i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
        {
            self.i += 1;
        }
        self.s.get(start..self.i).unwrap_or("")
    }

    /// Skip one value without looking inside (no recursion: nesting is counted).
    fn skip(&mut self) -> Result<(), Abort> {
        self.ws();
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.i += 1;
                }
                Some(b'}' | b']') => {
                    depth = depth.checked_sub(1).ok_or_else(bad)?;
                    self.i += 1;
                }
                Some(b',' | b':' | b' ' | b'\n' | b'\r' | b'\t') if depth > 0 => self.i += 1,
                Some(_) => {
                    if self.scalar().is_empty() {
                        return Err(bad());
                    }
                }
                None => return Err(bad()),
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// Walk one value as type `t`.
    fn value(&mut self, dec: &mut Dec, t: u16) -> Result<(), Abort> {
        self.ws();
        let start = self.i;
        let shape = match self.peek() {
            Some(b'{') => Shape::Obj,
            Some(b'[') => Shape::Arr,
            Some(b'"') => Shape::Str {
                text: self.string()?,
                raw: true,
            },
            Some(_) => match self.scalar() {
                "null" => Shape::Null,
                "true" => Shape::Bool(true),
                "false" => Shape::Bool(false),
                "" => return Err(bad()),
                n => Shape::Num(n),
            },
            None => return Err(bad()),
        };
        let next = dec.leaf(shape, t)?;
        if !matches!(shape, Shape::Obj | Shape::Arr) {
            return Ok(());
        }
        match next {
            Next::Done => {
                self.i = start;
                self.skip()
            }
            Next::Elems(e) => {
                self.i += 1;
                self.items(b']', |c| c.value(dec, e))
            }
            Next::Values(e) => {
                self.i += 1;
                self.items(b'}', |c| {
                    c.key()?;
                    c.value(dec, e)
                })
            }
            Next::Struct(st) => {
                self.i += 1;
                self.items(b'}', |c| {
                    let key = c.key()?;
                    let unescaped;
                    let key = if key.contains('\\') {
                        unescaped = unescape(key).ok_or_else(bad)?;
                        unescaped.as_str()
                    } else {
                        key
                    };
                    match dec.enter(st, key) {
                        Some((ft, cur)) => {
                            let r = c.value(dec, ft);
                            dec.leave(cur);
                            r
                        }
                        None => c.skip(),
                    }
                })
            }
        }
    }

    /// A member's key and its colon.
    fn key(&mut self) -> Result<&'a str, Abort> {
        self.ws();
        if self.peek() != Some(b'"') {
            return Err(bad());
        }
        let k = self.string()?;
        self.eat(b':')?;
        Ok(k)
    }

    /// The members or elements after an opening bracket, up to `end`.
    fn items(
        &mut self,
        end: u8,
        mut each: impl FnMut(&mut Self) -> Result<(), Abort>,
    ) -> Result<(), Abort> {
        self.ws();
        if self.peek() == Some(end) {
            self.i += 1;
            return Ok(());
        }
        loop {
            each(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b) if b == end => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(bad()),
            }
        }
    }
}
