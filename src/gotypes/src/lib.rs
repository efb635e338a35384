//! kubectl's compiled Go types of core/v1 `Container`, `Pod` and `Node` as tables
//! ([`schema`], generated), and Go `encoding/json`'s decision for one JSON value against one
//! of those types ([`leaf`]), which the pod skim asks while it reads the members it keeps as
//! text ([`skim_pod`]).
//!
//! kubedebug's core builds the exact error texts on top (its `typed` and `custom` modules);
//! this crate is compiled for speed, since the check runs on every planned pod.

mod check;
#[rustfmt::skip]
pub mod schema;

pub use check::skim_pod;

use schema::{BY_NAME, FIELDS, TYPES};

/// Field flag: `json:",omitempty"`.
pub const OMIT: u8 = 1;
/// Field flag: embedded struct whose fields are promoted (`json:",inline"`).
pub const INLINE: u8 = 2;

/// Kind of a Go type (basic kinds, composites by type index).
#[derive(Debug, Clone, Copy)]
pub enum GoKind {
    /// `string` (and named string types).
    Str,
    /// `bool`.
    Bool,
    /// `int32`.
    I32,
    /// `int64`.
    I64,
    /// A pointer to this type.
    Ptr(u16),
    /// A slice of this type.
    Slice(u16),
    /// A map from string to this type.
    Map(u16),
    /// A struct: its fields' `(start, len)` in [`schema::FIELDS`].
    Struct(u16, u16),
    /// `resource.Quantity`.
    Quantity,
    /// `intstr.IntOrString`.
    IntOrString,
    /// `metav1.Time` (RFC 3339 text).
    Time,
    /// Any JSON (`metav1.FieldsV1`).
    Any,
}

/// A Go type: its `reflect.Type.String()` (empty for pointers, never printed), its kind, and
/// for a struct where its visible fields sit in [`schema::BY_NAME`].
pub struct GoType {
    /// `reflect.Type.String()`.
    pub name: &'static str,
    /// What it is.
    pub kind: GoKind,
    /// `(start, len)` of its visible fields in [`schema::BY_NAME`].
    pub names: (u16, u16),
}

/// A struct field: json name, type index, flags, and the kubectl minors that know it
/// (`since..until`; 0 and 255 are no bound).
pub struct GoField {
    /// Its json name.
    pub json: &'static str,
    /// Its type's index in [`schema::TYPES`].
    pub ty: u16,
    /// [`OMIT`] and [`INLINE`].
    pub flags: u8,
    /// The first kubectl minor that has it.
    pub since: u8,
    /// The first kubectl minor that no longer has it.
    pub until: u8,
}

impl GoField {
    /// Whether kubectl 1.`minor`'s compiled types have this field.
    pub fn known_to(&self, minor: u8) -> bool {
        self.since <= minor && minor < self.until
    }
}

/// Type `i` of the tables.
pub fn ty(i: u16) -> Option<&'static GoType> {
    TYPES.get(usize::from(i))
}

/// The fields `start..start + len` (a struct's, in Go declaration order).
pub fn fields(start: u16, len: u16) -> &'static [GoField] {
    let s = usize::from(start);
    FIELDS.get(s..s + usize::from(len)).unwrap_or(&[])
}

/// The visible field of struct type `st` named exactly `key` (sigs.k8s.io/json's
/// case-sensitive match, promoted fields of embedded structs included) in kubectl 1.`minor`.
pub fn field_named(st: u16, key: &str, minor: u8) -> Option<&'static GoField> {
    let (start, len) = ty(st)?.names;
    let s = usize::from(start);
    let names = BY_NAME.get(s..s + usize::from(len))?;
    let len_of = |i: &u16| FIELDS.get(usize::from(*i)).map_or(0, |f| f.json.len());
    // Sorted by length, then bytes: the search compares lengths only, then the few names of
    // the key's length are tested by their first byte before a full comparison.
    let first = names.partition_point(|i| len_of(i) < key.len());
    let head = key.as_bytes().first();
    names
        .get(first..)?
        .iter()
        .filter_map(|i| FIELDS.get(usize::from(*i)))
        .take_while(|f| f.json.len() == key.len())
        .filter(|f| f.json.as_bytes().first() == head && same(f.json, key))
        .find(|f| f.known_to(minor))
}

pub use kubedebug_skim::{Next, Shape};

mod fast;
pub use fast::{plain_quantity, plain_utc_time};

/// Go's name of the JSON value in `UnmarshalTypeError`.
fn what(shape: Shape<'_>) -> What<'_> {
    What::Kind(match shape {
        Shape::Null => "null",
        Shape::Bool(_) => "bool",
        Shape::Num(_) => "number",
        Shape::Str { .. } => "string",
        Shape::Arr => "array",
        Shape::Obj => "object",
    })
}

/// The value an `UnmarshalTypeError` names.
#[derive(Clone, Copy)]
pub enum What<'a> {
    /// A JSON kind (`string`, `object`…).
    Kind(&'static str),
    /// A number too large for its type: `number N`.
    Number(&'a str),
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            What::Kind(k) => f.write_str(k),
            What::Number(n) => write!(f, "number {n}"),
        }
    }
}

/// Why Go's decode does not take a value as it is.
pub enum Fail<'a> {
    /// Go saves `UnmarshalTypeError` for this value and type (the first one is the decode's
    /// error at the end) and goes on with the next value.
    Save(What<'a>, u16),
    /// A hand-written `UnmarshalJSON` returns a type error for this value and Go type name:
    /// the decode stops.
    Abort(What<'a>, &'static str),
    /// A hand-written `UnmarshalJSON` returns this error text: the decode stops.
    Text(String),
}

/// The checks of the hand-written `UnmarshalJSON`s, which the core owns.
pub struct Hooks {
    /// `resource.ParseQuantity`: `Err` is its error text.
    pub quantity: fn(&str) -> Result<(), String>,
    /// `time.Parse(time.RFC3339, s)` of an unescaped string: `Err` is its error text.
    pub time: fn(&str) -> Result<(), String>,
}

/// Go `encoding/json`'s decoding of one value of `shape` into type `t` (through pointers):
/// what to walk below it, or why not.
pub fn leaf<'a>(shape: Shape<'a>, mut t: u16, hooks: &Hooks) -> Result<Next, Fail<'a>> {
    let kind = loop {
        match ty(t).map(|x| x.kind) {
            Some(GoKind::Ptr(_)) if matches!(shape, Shape::Null) => return Ok(Next::Done),
            Some(GoKind::Ptr(e)) => t = e,
            Some(k) => break k,
            None => return Ok(Next::Done),
        }
    };
    match (kind, shape) {
        (GoKind::Any, _) | (_, Shape::Null) => {}
        // `Quantity.UnmarshalJSON`: `ParseQuantity` of the text between the quotes, trimmed.
        (GoKind::Quantity, Shape::Str { text, .. }) if fast::plain_quantity(text) => {}
        (GoKind::Quantity, s) => {
            let text = match s {
                Shape::Num(n) => n,
                Shape::Str { text, .. } => text.trim(),
                Shape::Bool(true) => "true",
                Shape::Bool(false) => "false",
                _ => "[",
            };
            (hooks.quantity)(text).map_err(Fail::Text)?;
        }
        // `IntOrString.UnmarshalJSON`: a string, or `json.Unmarshal` into an int32.
        (GoKind::IntOrString, Shape::Str { .. }) => {}
        (GoKind::IntOrString, Shape::Num(n)) if fits(n, 32) => {}
        (GoKind::IntOrString, Shape::Num(n)) => return Err(Fail::Abort(What::Number(n), "int32")),
        (GoKind::IntOrString, s) => return Err(Fail::Abort(what(s), "int32")),
        // `metav1.Time.UnmarshalJSON`: `json.Unmarshal` into a string, then RFC 3339.
        (GoKind::Time, Shape::Str { text, .. }) if fast::plain_utc_time(text) => {}
        (GoKind::Time, Shape::Str { text, raw }) => {
            let unescaped;
            let text = if raw && text.contains('\\') {
                unescaped = unescape(text).ok_or_else(|| Fail::Text(String::new()))?;
                unescaped.as_str()
            } else {
                text
            };
            (hooks.time)(text).map_err(Fail::Text)?;
        }
        (GoKind::Time, s) => return Err(Fail::Abort(what(s), "string")),
        (GoKind::Str, Shape::Str { .. }) | (GoKind::Bool, Shape::Bool(_)) => {}
        (GoKind::I32, Shape::Num(n)) if fits(n, 32) => {}
        (GoKind::I64, Shape::Num(n)) if fits(n, 64) => {}
        (GoKind::I32 | GoKind::I64, Shape::Num(n)) => return Err(Fail::Save(What::Number(n), t)),
        (GoKind::Struct(..), Shape::Obj) => return Ok(Next::Struct(t)),
        (GoKind::Slice(e), Shape::Arr) => return Ok(Next::Elems(e)),
        (GoKind::Map(e), Shape::Obj) => return Ok(Next::Values(e)),
        (_, s) => return Err(Fail::Save(what(s), t)),
    }
    Ok(Next::Done)
}

/// `a == b` for the short texts of json names, eight bytes at a time: in the Wasm, `==` on
/// strings calls `memcmp`, which compares a byte at a time (`npm run bench`: the field
/// lookups' comparisons were ~3 % of a plan).
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    for (p, q) in (&mut x).zip(&mut y) {
        let mut u = [0u8; 8];
        let mut v = [0u8; 8];
        u.copy_from_slice(p);
        v.copy_from_slice(q);
        if u64::from_le_bytes(u) != u64::from_le_bytes(v) {
            return false;
        }
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

/// Go `strconv.ParseInt(n, 10, 64)` and `reflect.Value.OverflowInt` for a `bits`-wide int.
fn fits(n: &str, bits: u32) -> bool {
    n.parse::<i64>()
        .is_ok_and(|v| bits >= 64 || (v >= -(1i64 << (bits - 1)) && v < (1i64 << (bits - 1))))
}

/// A JSON string's text between the quotes, unescaped.
pub fn unescape(raw: &str) -> Option<String> {
    match kubedebug_skim::from_str(&format!("\"{raw}\"")) {
        Ok(kubedebug_skim::Value::String(s)) => Some(s),
        _ => None,
    }
}
