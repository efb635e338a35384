//! Debug sessions as objects (kubedebug's own, not kubectl's): the labels and annotations
//! `--session-label` puts on the pods a session creates ([`mark`]), and a pod list read back
//! into the sessions it holds ([`list`]).

mod list;
mod mark;

pub use list::list_sessions;
pub(crate) use mark::mark_pod;
pub use mark::SessionMark;

/// The prefix of every label and annotation key kubedebug adds.
pub(crate) const PREFIX: &str = "kubedebug.dev/";

/// The label that says which journey created a pod (`copy` or `node`).
pub(crate) const JOURNEY_LABEL: &str = "kubedebug.dev/journey";

#[cfg(test)]
mod tests;
