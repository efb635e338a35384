//! What the pod skim asks of Go's typed decode while it skips the members it keeps as text
//! (kubedebug-gotypes answers): the skipped text is read once, for both the JSON syntax and
//! the Go types, instead of twice.

/// What a JSON value is, as Go's decoder sees it.
#[derive(Clone, Copy)]
pub enum Shape<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number literal.
    Num(&'a str),
    /// A string: its text, unescaped unless `raw` (then it is the JSON text between the
    /// quotes, escapes included).
    Str {
        /// The text.
        text: &'a str,
        /// Whether escapes are still in it.
        raw: bool,
    },
    /// An array.
    Arr,
    /// An object.
    Obj,
}

/// How the decode goes on below a value that passed.
pub enum Next {
    /// Nothing below to check.
    Done,
    /// An object decoded into this struct type.
    Struct(u16),
    /// An array whose elements are of this type.
    Elems(u16),
    /// An object (a Go map) whose values are of this type.
    Values(u16),
}

/// Go's typed decode into types numbered by `u16`, for [`crate::skim_pod_typed`].
pub trait GoTypes {
    /// The type of the field of struct type `st` that key `key` decodes into, or `None` for
    /// a key Go ignores. `hint` starts at 0 for each object and is the implementation's to
    /// keep (where in the struct the last key was found), with one rule the skim relies on:
    /// it only grows, and only when `key` names a field after every field it grew past
    /// before, so a key that makes it grow is not a repeat of an earlier key (the skim then
    /// appends it without a search).
    fn field(&self, st: u16, key: &str, hint: &mut usize) -> Option<u16>;
    /// Go's decoding of one value of `shape` into type `t`: what to walk below it, or `None`
    /// where the decode fails (either way: an error saved or returned).
    fn leaf(&self, shape: Shape<'_>, t: u16) -> Option<Next>;
}

/// No types: every member kept as text is only read as JSON.
pub(crate) struct Untyped;

impl GoTypes for Untyped {
    fn field(&self, _: u16, _: &str, _: &mut usize) -> Option<u16> {
        None
    }

    fn leaf(&self, _: Shape<'_>, _: u16) -> Option<Next> {
        Some(Next::Done)
    }
}
