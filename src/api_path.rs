//! API paths: the checks client-go makes before a name or namespace goes into a request
//! path, and the escaping Go's `net/url` applies to the path it sends.
//!
//! Every path the core puts into a plan (the target's GET, the PATCH, POST and DELETE) is
//! built here, so a crafted name (`../../kube-system/pods/victim`, `web?labelSelector=a`)
//! can neither leave its segment nor add a query string.

use std::fmt::Write as _;

use crate::error::{Code, Error};
use crate::go::quote::go_quote;

/// Mirrors apimachinery `path.IsValidPathSegmentName`: the reasons a name cannot be one
/// segment of an API path (empty when it can).
pub(crate) fn is_valid_path_segment_name(name: &str) -> Vec<&'static str> {
    match name {
        "." => return vec!["may not be '.'"],
        ".." => return vec!["may not be '..'"],
        _ => {}
    }
    [("/", "may not contain '/'"), ("%", "may not contain '%'")]
        .into_iter()
        .filter(|(bad, _)| name.contains(bad))
        .map(|(_, why)| why)
        .collect()
}

/// Go's `%v` of a `[]string`: `[a b]`.
fn go_list(items: &[&str]) -> String {
    format!("[{}]", items.join(" "))
}

/// Mirrors client-go `Request.Name`'s check: `invalid resource name "<name>": [<why>]`.
///
/// # Errors
/// A name that cannot be a path segment ([`Code::InvalidName`]).
pub(crate) fn check_resource_name(name: &str) -> Result<(), Error> {
    let why = is_valid_path_segment_name(name);
    if why.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        Code::InvalidName,
        format!(
            "invalid resource name {}: {}",
            go_quote(name),
            go_list(&why)
        ),
    ))
}

/// Mirrors client-go `Request.Namespace`'s check: `invalid namespace "<ns>": [<why>]`.
///
/// # Errors
/// A namespace that cannot be a path segment ([`Code::InvalidName`]).
pub(crate) fn check_namespace(namespace: &str) -> Result<(), Error> {
    let why = is_valid_path_segment_name(namespace);
    if why.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        Code::InvalidName,
        format!(
            "invalid namespace {}: {}",
            go_quote(namespace),
            go_list(&why)
        ),
    ))
}

/// Mirrors Go `url.URL.EscapedPath` (`shouldEscape` in `encodePath` mode) for one checked
/// segment: ASCII letters, digits, `-_.~` and `$&+,/:;=@` stay; every other byte (`?`, `#`,
/// space, control characters, each UTF-8 byte of non-ASCII) becomes `%XX`, upper-case hex.
pub(crate) fn escape_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-_.~$&+,/:;=@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// `/api/v1/namespaces/<ns>/pods`, where pods are created.
///
/// # Errors
/// A namespace client-go refuses.
pub(crate) fn pods(namespace: &str) -> Result<String, Error> {
    check_namespace(namespace)?;
    Ok(format!(
        "/api/v1/namespaces/{}/pods",
        escape_segment(namespace)
    ))
}

/// `/api/v1/namespaces/<ns>/pods/<name>[/<subresource>]`, in client-go's order of checks:
/// the namespace, then the name.
///
/// # Errors
/// A namespace or name client-go refuses.
pub(crate) fn pod(namespace: &str, name: &str, subresource: Option<&str>) -> Result<String, Error> {
    let mut path = pods(namespace)?;
    check_resource_name(name)?;
    path.push('/');
    path.push_str(&escape_segment(name));
    if let Some(sub) = subresource {
        path.push('/');
        path.push_str(sub);
    }
    Ok(path)
}

#[cfg(test)]
mod tests;
