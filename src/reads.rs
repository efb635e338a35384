//! The API objects the core asks the host to read before planning (`Needs::reads`), and what
//! the host brings back (`Session::reads`). The host only does the GET; what an answer means
//! (a missing namespace, a forbidden read) is decided here.
//!
//! One read is a name the core chooses and the path to GET: `namespace` (the target
//! namespace, for `--profile=auto` and `--preflight`), `workload` and `pods` (a workload
//! target and its pods by label selector, `crate::workload`).

use crate::api_path::{check_namespace, escape_segment};
use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::boundary::boundary_struct;
use crate::json::Value;

/// The name of the namespace read.
pub(crate) const NAMESPACE: &str = "namespace";

boundary_struct! {
    /// One object the host must GET before planning, then give back in `Session::reads`
    /// (then `prepare` again).
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct Read {
        deny_unknown: true;
        /// What it is for (`namespace`): the name to give the answer.
        pub name: String = String::new(), "name";
        /// The API path to GET, e.g. `/api/v1/namespaces/dev`.
        pub path: String = String::new(), "path";
    }
}

boundary_struct! {
    /// The host's answer to a [`Read`]: the object, or the API server's `Status` (or a
    /// `{"message": …}` the host made up when it could not ask: no cluster, no network).
    ///
    /// Missing fields take their defaults, unknown fields are ignored.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(test, serde(default))]
    pub struct ReadResult {
        deny_unknown: false;
        /// The read's `name`.
        pub name: String = String::new(), "name";
        /// The read's `path`.
        pub path: String = String::new(), "path";
        /// The object read (`null` when it failed).
        pub object: Option<Value> = None, "object";
        /// Why it failed: a `Status` (`code`, `reason`, `message`).
        pub error: Option<Value> = None, "error";
    }
}

/// The read of namespace `ns`.
///
/// # Errors
/// A namespace that cannot be a path segment (client-go's text).
pub(crate) fn namespace_read(ns: &str) -> Result<Read, Error> {
    check_namespace(ns)?;
    Ok(Read {
        name: NAMESPACE.to_string(),
        path: format!("/api/v1/namespaces/{}", escape_segment(ns)),
    })
}

/// The answer to `read` among `results` (matched by name and path: an answer for another
/// namespace does not count).
pub(crate) fn find<'a>(results: &'a [ReadResult], read: &Read) -> Option<&'a ReadResult> {
    results
        .iter()
        .find(|r| r.name == read.name && r.path == read.path)
}

/// The namespace object of an answer, or why there is none.
///
/// # Errors
/// [`Code::NamespaceUnreadable`]: the API server's message (`namespaces "x" not found`, a
/// forbidden read) or the host's, with what needed it (`why`, e.g. `--profile=auto`).
pub(crate) fn namespace_object<'a>(
    result: &'a ReadResult,
    ns: &str,
    why: &str,
) -> Result<&'a Value, Error> {
    if let Some(object) = result.object.as_ref().filter(|o| o.is_object()) {
        return Ok(object);
    }
    let status = result.error.as_ref();
    let text = |k: &str| status.and_then(|s| s.get(k)).and_then(Value::as_str);
    let message = text("message").unwrap_or("no answer");
    let hint = match status.and_then(|s| s.get("code")).and_then(Value::as_u64) {
        Some(404) => String::new(),
        _ => " (give the profile explicitly, or --preflight=off)".to_string(),
    };
    Err(Error::new(
        Code::NamespaceUnreadable,
        format!(
            "{why} needs the labels of namespace {}: {message}{hint}",
            go_quote(ns)
        ),
    ))
}

#[cfg(test)]
mod tests;
