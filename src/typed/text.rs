//! The typed check's view of a skimmed subtree kept as JSON text (the subtrees themselves are
//! checked by [`kubedebug_gotypes::accepts`]).

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
