//! Go's typed decode of JSON text, as a yes or no: the subtrees a skimmed pod keeps as text
//! are checked without building them. The text was read by the skim's own reader already,
//! so it is valid JSON; anything unexpected answers no, and the caller then decodes the whole
//! object the slow way, which words the exact error.

use crate::{field_named, fields, leaf, ty, unescape, GoField, GoKind, Hooks, Next, Shape, INLINE};
use kubedebug_skim::Tokens;

/// Whether Go's `encoding/json` (sigs.k8s.io/json's case-sensitive fork) decodes `text`, one
/// JSON value, into type `t` of kubectl 1.`minor` without an error.
pub fn accepts(text: &str, t: u16, minor: u8, hooks: &Hooks) -> bool {
    let mut walk = Walk {
        c: Tokens::new(text),
        minor,
        hooks,
    };
    walk.value(t).is_some() && walk.c.peek().is_none()
}

/// A token cursor with the decode's context.
struct Walk<'a, 'h> {
    c: Tokens<'a>,
    minor: u8,
    hooks: &'h Hooks,
}

impl<'a> Walk<'a, '_> {
    /// Walk one value as type `t`: `None` where Go's decode fails.
    fn value(&mut self, t: u16) -> Option<()> {
        let start = self.c.pos();
        let shape = match self.c.peek()? {
            b'{' => Shape::Obj,
            b'[' => Shape::Arr,
            b'"' => Shape::Str {
                text: self.c.string()?,
                raw: true,
            },
            _ => match self.c.scalar() {
                "null" => Shape::Null,
                "true" => Shape::Bool(true),
                "false" => Shape::Bool(false),
                "" => return None,
                n => Shape::Num(n),
            },
        };
        let next = leaf(shape, t, self.hooks).ok()?;
        if !matches!(shape, Shape::Obj | Shape::Arr) {
            return Some(());
        }
        self.c.set_pos(start);
        match next {
            Next::Done => self.c.skip(),
            Next::Elems(e) => self.items(b'[', b']', |w| w.value(e)),
            Next::Values(e) => self.items(b'{', b'}', |w| {
                w.key()?;
                w.value(e)
            }),
            Next::Struct(st) => {
                let mut order = InOrder::of(st);
                self.items(b'{', b'}', |w| {
                    let key = w.key()?;
                    let unescaped;
                    let key = if key.contains('\\') {
                        unescaped = unescape(key)?;
                        unescaped.as_str()
                    } else {
                        key
                    };
                    match order
                        .next(key, w.minor)
                        .or_else(|| field_named(st, key, w.minor))
                    {
                        Some(f) => w.value(f.ty),
                        None => w.c.skip(),
                    }
                })
            }
        }
    }

    /// A member's key (its raw text) and its colon.
    fn key(&mut self) -> Option<&'a str> {
        if self.c.peek()? != b'"' {
            return None;
        }
        let k = self.c.string()?;
        self.c.eat(b':')?;
        Some(k)
    }

    /// The members or elements between `open` and `end`.
    fn items(
        &mut self,
        open: u8,
        end: u8,
        mut each: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.c.eat(open)?;
        if self.c.eat(end).is_some() {
            return Some(());
        }
        loop {
            each(self)?;
            match self.c.peek()? {
                b',' => self.c.set_pos(self.c.pos() + 1),
                b if b == end => {
                    self.c.set_pos(self.c.pos() + 1);
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// A struct's own fields in Go declaration order, from the last one found: the API server
/// (and `kubectl get -o json`) write a struct's members in that order, so the next key is
/// usually a few fields on, and found without [`field_named`]'s search.
struct InOrder {
    rest: &'static [GoField],
}

impl InOrder {
    fn of(st: u16) -> InOrder {
        let rest = match ty(st).map(|t| t.kind) {
            Some(GoKind::Struct(start, len)) => fields(start, len),
            _ => &[],
        };
        InOrder { rest }
    }

    /// The own field named `key` after the last one found, if any: the field
    /// [`field_named`] answers too (an own field is never shadowed by a promoted one), or
    /// `None` for the caller to search (a promoted field, an unknown key, another order).
    fn next(&mut self, key: &str, minor: u8) -> Option<&'static GoField> {
        let rest = self.rest;
        let i = rest
            .iter()
            .position(|f| f.json == key && f.flags & INLINE == 0 && f.known_to(minor))?;
        self.rest = rest.get(i + 1..).unwrap_or(&[]);
        rest.get(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::TYPES;

    /// [`InOrder`] may answer before [`field_named`] only because they agree on every own
    /// field of every struct, in every minor.
    #[test]
    fn own_fields_in_order_are_what_the_search_finds() {
        let mut checked = 0;
        for (st, t) in (0u16..).zip(TYPES.iter()) {
            let GoKind::Struct(start, len) = t.kind else {
                continue;
            };
            for minor in 27..=40 {
                let mut order = InOrder::of(st);
                for f in fields(start, len) {
                    if f.flags & INLINE != 0 || !f.known_to(minor) {
                        continue;
                    }
                    let found = order.next(f.json, minor).map(std::ptr::from_ref);
                    assert_eq!(found, Some(std::ptr::from_ref(f)), "{} {}", t.name, f.json);
                    let searched = field_named(st, f.json, minor).map(std::ptr::from_ref);
                    assert_eq!(searched, found, "{}.{} in 1.{minor}", t.name, f.json);
                    checked += 1;
                }
            }
        }
        assert!(checked > 5000, "{checked}");
    }
}
