//! kubectl command lines → [`DebugOptions`], following cobra and pflag exactly.
//!
//! kubectl hands `kubectl debug`'s arguments to a pflag `FlagSet` holding the debug
//! command's local flags plus kubectl's global (persistent) flags. This module reproduces
//! that parse: the flag table per version, pflag's long/short/combined syntax, its value
//! types (`bool`, `string`, `stringSlice`, `stringArray`, `stringToString`, klog's level
//! and vmodule, Go durations) and its error texts, then kubectl's split of the positional
//! arguments at `--` (spec §1.2, §2.1, §2.3).
//!
//! The reverse direction, [`render_args`], writes the shortest equivalent argument list, and
//! [`split_command_line`] turns a pasted shell command line into words.

mod csv;
mod flags;
mod go_values;
mod parse;
mod render;
mod shell;
mod store;
#[cfg(test)]
mod tests;

use crate::json::boundary::boundary_struct;
use crate::options::{DebugOptions, Pair};

pub(crate) use flags::debug_flags;
pub use flags::{custom_flag_enabled, kubectl_flags, FlagInfo};
pub use parse::parse_args;
pub use render::render_args;
pub use shell::split_command_line;

/// A kubectl argument list from the host's JSON text (an array of strings), decoded by hand
/// (see `json::de`): no serde in the Wasm.
///
/// # Errors
/// Malformed JSON or not an array of strings: `input/invalid`, `invalid argument list: …`.
pub fn args_from_json(text: &str) -> Result<Vec<String>, crate::Error> {
    crate::json::de::value_from_json(text, "argument list")
}

boundary_struct! {
    /// The result of parsing a `kubectl debug` command line.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct ParsedArgs {
        deny_unknown: true;
        /// The debug command's options, positional targets and `--` command.
        pub options: DebugOptions = DebugOptions::default(), "options";
        /// `-n/--namespace` if given (kubectl global flag).
        pub namespace: Option<String> = None, "namespace";
        /// Other kubectl global flags given, in order, e.g. `{name:"kubeconfig", value:"/x"}`,
        /// `{name:"context", value:"c"}` (names without dashes).
        pub globals: Vec<Pair> = Vec::new(), "globals";
    }
}
