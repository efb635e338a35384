//! The pod skim with Go's typed decode of the members it keeps as text, as a yes or no: a
//! member Go's decode fails on makes the skim answer `None`, and the caller then decodes the
//! whole object the slow way, which words the exact error.

use crate::{field_named, fields, leaf, same, ty, GoField, GoKind, Hooks, Next, Shape, INLINE};
use kubedebug_skim::{GoTypes, Skimmed};

/// [`kubedebug_skim::skim_pod`] of a pod whose kept members kubectl 1.`minor`'s typed decode
/// (sigs.k8s.io/json's case-sensitive `encoding/json`) accepts; the members the skim builds
/// are the caller's to check.
pub fn skim_pod<'a>(text: &'a str, minor: u8, hooks: &Hooks) -> Option<Skimmed<'a>> {
    kubedebug_skim::skim_pod_typed(text, &Types { minor, hooks }, crate::schema::POD)
}

/// The types of one kubectl minor, with the core's checks.
struct Types<'h> {
    minor: u8,
    hooks: &'h Hooks,
}

impl GoTypes for Types<'_> {
    fn field(&self, st: u16, key: &str, hint: &mut usize) -> Option<u16> {
        in_order(st, key, self.minor, hint)
            .or_else(|| field_named(st, key, self.minor))
            .map(|f| f.ty)
    }

    fn leaf(&self, shape: Shape<'_>, t: u16) -> Option<Next> {
        leaf(shape, t, self.hooks).ok()
    }
}

/// The own field of struct `st` named `key` at or after field `from` in Go declaration
/// order (`from` then moves past it). The API server (and `kubectl get -o json`) write a
/// struct's members in that order, so the next key is usually a few fields on and found
/// without [`field_named`]'s search. An own field is never shadowed by a promoted one, so
/// the answer is [`field_named`]'s; `None` (a promoted field, an unknown key, another order)
/// leaves the search to the caller.
fn in_order(st: u16, key: &str, minor: u8, from: &mut usize) -> Option<&'static GoField> {
    let GoKind::Struct(start, len) = ty(st)?.kind else {
        return None;
    };
    let rest = fields(start, len).get(*from..)?;
    let i = rest
        .iter()
        .position(|f| same(f.json, key) && f.flags & INLINE == 0 && f.known_to(minor))?;
    *from += i + 1;
    rest.get(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::TYPES;

    /// [`in_order`] may answer before [`field_named`] only because they agree on every own
    /// field of every struct, in every minor.
    #[test]
    fn own_fields_in_order_are_what_the_search_finds() {
        let mut checked = 0;
        for (st, t) in (0u16..).zip(TYPES.iter()) {
            let GoKind::Struct(start, len) = t.kind else {
                continue;
            };
            for minor in 27..=40 {
                let mut from = 0;
                for f in fields(start, len) {
                    if f.flags & INLINE != 0 || !f.known_to(minor) {
                        continue;
                    }
                    let found = in_order(st, f.json, minor, &mut from).map(std::ptr::from_ref);
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
