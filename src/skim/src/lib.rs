//! kubedebug's JSON: its [`Value`] type, reader and writer, and the pod skim.
//!
//! The value ([`Value`], [`Map`], [`Number`]) mirrors `serde_json`'s API without hashing and
//! with numbers kept as their text. The pod skim builds only the parts of a pod's JSON that
//! the ephemeral and copy journeys read or change, and carries every other subtree as its
//! original text.
//!
//! Parsing a whole pod into a [`Value`] and writing it back is most of what a plan
//! costs (`status`, `managedFields`, volumes and most container fields are bulky and never
//! looked at). A skimmed pod holds each such subtree as a *placeholder* string
//! (`"\u{1}N"`, `N` indexing the kept texts); the journeys move, copy or drop placeholders
//! like any value, and [`to_json`] puts the original text back when the output is written. It is a crate of its own so that the release build
//! can compile it for speed while the rest of kubedebug is compiled for size.
//!
//! Soundness rests on three rules, each checked here: (1) only fields no pod journey reads
//! become placeholders (see `Rule::child`); (2) no other string in play contains U+0001,
//! so a placeholder cannot be forged (the caller checks the session and target text; custom
//! profiles, which could produce any string, are not skimmed); (3) the skipped text is JSON
//! that [`from_str`] reads to the same value (the same reader checks it). Whenever a rule
//! cannot be vouched for, [`skim_pod`] returns `None` and the caller parses the whole text:
//! the answer is the same, only slower.

mod decimal;
mod go_types;
mod index;
mod key_index;
#[macro_use]
mod macros;
mod map;
mod number;
mod scan;
#[cfg(not(target_arch = "wasm32"))]
mod serde_interop;
mod swar;
mod to_value;
mod value;
mod write;

pub use decimal::parse_f64;
pub use go_types::{GoTypes, Next, Shape};
pub use index::Index;
pub use map::{Entry, Map};
pub use number::Number;
pub use scan::{from_str, from_str_keep_duplicates, Error};
pub use to_value::ToValue;
pub use value::Value;
pub use write::{to_json, to_string, to_string_pretty};

use scan::{Cursor, R};

/// Deepest nesting skimmed (1: the document). Real pods nest about 15 levels; deeper text
/// goes to the full parse, where the journeys' own depth checks see all of it.
const MAX_DEPTH: usize = 64;

/// The character that starts a placeholder.
const MARK: char = '\u{1}';
/// A placeholder as JSON writes it, after its opening quote, up to its index.
const MARK_JSON: &str = "\\u0001";

/// A pod with its untouched subtrees held as text.
pub struct Skimmed<'a> {
    /// The pod, with placeholders.
    pub pod: Value,
    /// The original text of each placeholder, by index.
    pub texts: Vec<&'a str>,
}

/// Whether a JSON text may hold a forged placeholder (`\u0001` written as an escape; the raw
/// character cannot appear in JSON strings).
pub fn may_forge(json: &str) -> bool {
    escapes(json, MARK_JSON).next().is_some()
}

/// Where `pattern` (which starts with a backslash) occurs in `json`. Backslashes are rare in
/// pods, so looking for them first is faster than a substring search.
fn escapes<'a>(json: &'a str, pattern: &'a str) -> impl Iterator<Item = usize> + 'a {
    let bytes = json.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + swar::backslash(bytes.get(from..)?)?;
        from = at + 1;
        if bytes
            .get(at..)
            .is_some_and(|rest| rest.starts_with(pattern.as_bytes()))
        {
            return Some(at);
        }
    })
}

/// The placeholder of kept text `i`: [`MARK`] and `i` in decimal (written by hand: `format!`
/// costs more per placeholder than skimming its text).
fn placeholder(mut i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    while let Some(d) = start.checked_sub(1).and_then(|k| digits.get_mut(k)) {
        // `i % 10` is a digit.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (i % 10) as u8;
        *d = b'0' + digit;
        start -= 1;
        i /= 10;
        if i == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(1 + digits.len() - start);
    s.push(MARK);
    s.push_str(std::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default());
    s
}

/// Skim a Pod's JSON text; `None` when the text is anything else or cannot be vouched for.
pub fn skim_pod(text: &str) -> Option<Skimmed<'_>> {
    skimmed(text, &go_types::Untyped, None)
}

/// [`skim_pod`] of a pod that Go's typed decode accepts as type `pod` of `types` (every
/// member checked as it is read; the root's `kind` and `apiVersion` are the caller's to
/// check): `None` also when the decode fails.
pub fn skim_pod_typed<'a, G: GoTypes>(text: &'a str, types: &G, pod: u16) -> Option<Skimmed<'a>> {
    skimmed(text, types, Some(pod))
}

fn skimmed<'a, G: GoTypes>(text: &'a str, types: &G, pod: Option<u16>) -> Option<Skimmed<'a>> {
    let mut c = Cursor::with_max_depth(text, MAX_DEPTH);
    let mut texts = Vec::new();
    let mut skim = Skim {
        types,
        texts: &mut texts,
    };
    let pod = skim.object(&mut c, Rule::Pod, 1, pod).ok()?;
    if c.peek().is_some() || !is_pod(&pod) {
        return None;
    }
    Some(Skimmed {
        pod: Value::Object(pod),
        texts,
    })
}

/// Only Pods are skimmed: the node journey reads other fields (and is cheap already).
fn is_pod(pod: &Map<String, Value>) -> bool {
    let field = |k| pod.get(k).and_then(Value::as_str);
    field("kind") == Some("Pod") && matches!(field("apiVersion"), None | Some("v1" | ""))
}

/// Where a skimmed object sits in the pod, which decides what becomes of its members.
#[derive(Clone, Copy)]
enum Rule {
    Pod,
    Metadata,
    Spec,
    Container,
}

/// What becomes of one member.
enum Child {
    /// An object skimmed by its own rule.
    Object(Rule),
    /// A list of objects skimmed by a rule.
    List(Rule),
    /// Parsed in full: the journeys read or test it.
    Parse,
    /// Kept as text: no pod journey reads it.
    Text,
}

impl Rule {
    /// The pod journeys read `kind`/`apiVersion`, the metadata (labels and annotations are
    /// tested for emptiness when copied; the patch diff walks it), the pod's `securityContext` and
    /// sharing/host fields, the ephemeral containers, and each other container's name and
    /// `securityContext` (profiles edit it; the non-root warning reads it). Everything else
    /// they only move, replace or drop.
    fn child(self, key: &str) -> Child {
        match (self, key) {
            (Rule::Pod, "metadata") => Child::Object(Rule::Metadata),
            (Rule::Pod, "spec") => Child::Object(Rule::Spec),
            (Rule::Pod, "kind" | "apiVersion") => Child::Parse,
            // The patch diff walks `metadata` even when unchanged (Go's ObjectMeta rule): it
            // checks the merge keys of `ownerReferences` and the order of `finalizers`.
            (
                Rule::Metadata,
                "name" | "namespace" | "labels" | "annotations" | "ownerReferences" | "finalizers",
            ) => Child::Parse,
            (Rule::Spec, "containers" | "initContainers") => Child::List(Rule::Container),
            // The ephemeral journey's patch compares these with the new container (whose
            // name may repeat one of theirs), so they are parsed whole.
            (Rule::Spec, "ephemeralContainers") => Child::Parse,
            (
                Rule::Spec,
                "securityContext"
                | "shareProcessNamespace"
                | "nodeName"
                | "hostNetwork"
                | "hostPID"
                | "hostIPC",
            ) => Child::Parse,
            (Rule::Container, "name" | "securityContext") => Child::Parse,
            _ => Child::Text,
        }
    }
}

/// A skim in progress: the Go types asked, the texts kept.
struct Skim<'t, 'a, G> {
    types: &'t G,
    texts: &'t mut Vec<&'a str>,
}

impl<'a, G: GoTypes> Skim<'_, 'a, G> {
    /// Go's decision for the object or array at the cursor, of type `t` (`Done` when
    /// untyped); an error where Go's decode fails on it.
    fn decide(&self, c: &Cursor<'a>, shape: Shape<'_>, t: Option<u16>) -> R<Next> {
        match t {
            None => Ok(Next::Done),
            Some(t) => self.types.leaf(shape, t).ok_or_else(|| c.rejected()),
        }
    }

    /// An object at `{`, members decided by `rule`, of Go type `t` (if known).
    fn object(
        &mut self,
        c: &mut Cursor<'a>,
        rule: Rule,
        depth: usize,
        t: Option<u16>,
    ) -> R<Map<String, Value>> {
        let next = self.decide(c, Shape::Obj, t)?;
        c.eat(b'{', "expected value")?;
        let mut map = Map::new();
        let mut hint = 0;
        if !c.empty(b'}')? {
            loop {
                let key = c.key()?;
                let before = hint;
                let ft = match next {
                    Next::Struct(st) => self.types.field(st, &key, &mut hint),
                    Next::Values(e) => Some(e),
                    Next::Done | Next::Elems(_) => None,
                };
                let value = self.member(c, rule.child(&key), depth + 1, ft)?;
                // A field found in declaration order (the hint moved past it) lies after every
                // key before it that was one, and every other key before it lies before the
                // hint: it is new, and needs no search (`GoTypes::field`).
                if hint > before {
                    map.push_new(key.into_owned(), value);
                } else {
                    map.insert(key.into_owned(), value);
                }
                if !c.next_member(b'}')? {
                    break;
                }
            }
        }
        Ok(map)
    }

    /// One member's value at `depth`, of Go type `t` (if known).
    fn member(
        &mut self,
        c: &mut Cursor<'a>,
        child: Child,
        depth: usize,
        t: Option<u16>,
    ) -> R<Value> {
        match (child, c.peek()) {
            (Child::Object(rule), Some(b'{')) => self.object(c, rule, depth, t).map(Value::Object),
            (Child::List(rule), Some(b'[')) => {
                let e = match self.decide(c, Shape::Arr, t)? {
                    Next::Elems(e) => Some(e),
                    _ => None,
                };
                c.eat(b'[', "expected value")?;
                let mut items = Vec::new();
                if !c.empty(b']')? {
                    loop {
                        items.push(self.member(c, Child::Object(rule), depth + 1, e)?);
                        if !c.next_member(b']')? {
                            break;
                        }
                    }
                }
                Ok(Value::Array(items))
            }
            (Child::Text, _) => {
                let start = c.pos;
                let text = match t {
                    Some(t) => {
                        c.skip_typed(depth, t, self.types)?;
                        c.text.get(start..c.pos).unwrap_or_default()
                    }
                    None => c.skip_value(depth)?,
                };
                self.texts.push(text);
                Ok(Value::String(placeholder(self.texts.len() - 1)))
            }
            // Parsed members, and skimmed ones of an unexpected type: checked, then read.
            _ => {
                if let Some(t) = t {
                    let start = c.pos;
                    c.skip_typed(depth, t, self.types)?;
                    c.pos = start;
                }
                c.parse_value(depth)
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::expect_used, clippy::indexing_slicing)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod json_tests;
