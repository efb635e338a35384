//! kubedebug: what `kubectl debug` would send, as a sans-IO library.
//!
//! Given a target object (Pod or Node) and kubectl-style options, the crate
//! produces the API requests `kubectl debug` makes after it has read the target
//! (KEP-1441, KEP-4292), following the behaviour of a chosen kubectl minor
//! version (1.27 … 1.36). It performs no I/O: no network, no clock, no
//! randomness (the host injects a seed or explicit name suffixes).

pub mod error;
pub mod options;
pub mod version;

pub use error::{Code, Error, Result};
pub use options::{DebugOptions, Pair};
pub use version::KubectlVersion;
