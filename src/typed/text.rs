//! The typed check over JSON text: the subtrees a skimmed pod keeps as text, checked without
//! building them. The text was read by the skim's own reader already, so it is valid JSON;
//! anything unexpected ends the walk with an (empty) abort, and the caller then checks the
//! whole object instead.

use super::{Abort, Dec, Next, Shape};
use kubedebug_skim::Tokens;

/// Walk one JSON value's text as Go type `t`.
pub(super) fn walk(dec: &mut Dec, text: &str, t: u16) -> Result<(), Abort> {
    let mut c = Cur(Tokens::new(text));
    c.value(dec, t)?;
    if c.0.peek().is_none() {
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

fn bad() -> Abort {
    Abort::new()
}

/// The skim crate's token cursor (compiled for speed), with the typed walk on top.
struct Cur<'a>(Tokens<'a>);

impl<'a> Cur<'a> {
    /// Walk one value as type `t`.
    fn value(&mut self, dec: &mut Dec, t: u16) -> Result<(), Abort> {
        let c = &mut self.0;
        let start = c.pos();
        let shape = match c.peek() {
            Some(b'{') => Shape::Obj,
            Some(b'[') => Shape::Arr,
            Some(b'"') => Shape::Str {
                text: c.string().ok_or_else(bad)?,
                raw: true,
            },
            Some(_) => match c.scalar() {
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
        c.set_pos(start);
        match next {
            Next::Done => c.skip().ok_or_else(bad),
            Next::Elems(e) => self.items(b'[', b']', |c| c.value(dec, e)),
            Next::Values(e) => self.items(b'{', b'}', |c| {
                c.key()?;
                c.value(dec, e)
            }),
            Next::Struct(st) => self.items(b'{', b'}', |c| {
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
                    None => c.0.skip().ok_or_else(bad),
                }
            }),
        }
    }

    /// A member's key and its colon.
    fn key(&mut self) -> Result<&'a str, Abort> {
        let c = &mut self.0;
        if c.peek() != Some(b'"') {
            return Err(bad());
        }
        let k = c.string().ok_or_else(bad)?;
        c.eat(b':').ok_or_else(bad)?;
        Ok(k)
    }

    /// The members or elements between `open` and `end`.
    fn items(
        &mut self,
        open: u8,
        end: u8,
        mut each: impl FnMut(&mut Self) -> Result<(), Abort>,
    ) -> Result<(), Abort> {
        self.0.eat(open).ok_or_else(bad)?;
        if self.0.eat(end).is_some() {
            return Ok(());
        }
        loop {
            each(self)?;
            match self.0.peek() {
                Some(b',') => self.0.set_pos(self.0.pos() + 1),
                Some(b) if b == end => {
                    self.0.set_pos(self.0.pos() + 1);
                    return Ok(());
                }
                _ => return Err(bad()),
            }
        }
    }
}
