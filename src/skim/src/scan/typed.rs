//! Skipping a value while Go's typed decode checks it ([`GoTypes`]): the same JSON checks as
//! `skip_at`, plus each value's Go type, in one read of the text.

use super::{Cursor, R};
use crate::go_types::{GoTypes, Next, Shape};

impl<'a> Cursor<'a> {
    /// Skip one value nested at `depth`, decoded by Go into type `t`; an error (whose text
    /// nobody reads) where the JSON is bad or Go's decode fails.
    pub(crate) fn skip_typed<G: GoTypes>(&mut self, depth: usize, t: u16, types: &G) -> R<()> {
        match self.peek() {
            Some(b'{') => {
                let next = types.leaf(Shape::Obj, t).ok_or_else(|| self.rejected())?;
                self.deeper(depth)?;
                self.pos += 1;
                if self.empty(b'}')? {
                    return Ok(());
                }
                let mut hint = 0;
                loop {
                    let key = self.key()?;
                    let member = match next {
                        Next::Struct(st) => types.field(st, &key, &mut hint),
                        Next::Values(e) => Some(e),
                        Next::Done | Next::Elems(_) => None,
                    };
                    match member {
                        Some(ft) => self.skip_typed(depth + 1, ft, types)?,
                        None => self.skip_at(depth + 1)?,
                    }
                    if !self.next_member(b'}')? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                let next = types.leaf(Shape::Arr, t).ok_or_else(|| self.rejected())?;
                self.deeper(depth)?;
                self.pos += 1;
                if self.empty(b']')? {
                    return Ok(());
                }
                loop {
                    match next {
                        Next::Elems(e) => self.skip_typed(depth + 1, e, types)?,
                        _ => self.skip_at(depth + 1)?,
                    }
                    if !self.next_member(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b'"') => {
                let start = self.pos + 1;
                self.skip_string()?;
                let text = self.text.get(start..self.pos - 1).unwrap_or_default();
                self.typed(Shape::Str { text, raw: true }, t, types)
            }
            _ => {
                let start = self.pos;
                self.skip_scalar()?;
                let shape = match self.text.get(start..self.pos).unwrap_or_default() {
                    "null" => Shape::Null,
                    "true" => Shape::Bool(true),
                    "false" => Shape::Bool(false),
                    n => Shape::Num(n),
                };
                self.typed(shape, t, types)
            }
        }
    }

    /// Go's decision for a scalar or string.
    fn typed<G: GoTypes>(&self, shape: Shape<'_>, t: u16, types: &G) -> R<()> {
        match types.leaf(shape, t) {
            Some(_) => Ok(()),
            None => Err(self.rejected()),
        }
    }

    /// The error of a value Go's decode fails on (whose text nobody reads).
    #[cold]
    pub(crate) fn rejected(&self) -> super::Error {
        self.fail("rejected by Go's typed decode")
    }
}
