//! The overlay flags' values, checked when the session is prepared (before anything is read):
//! label and annotation keys and values as the API server checks them (apimachinery
//! `IsQualifiedName`, `IsValidLabelValue`), secret and volume names, `--volume-mount`'s form.

use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::options::{DebugOptions, Pair};

/// The API server's limit on all of a pod's annotations (keys and values), in bytes.
pub(super) const ANNOTATIONS_LIMIT: usize = 256 * 1024;

const NAME_CHARS: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN: &str = "must be a lowercase RFC 1123 subdomain (e.g. 'example.com')";
const DNS1123_LABEL: &str = "must be a lowercase RFC 1123 label (e.g. 'my-name')";

/// One `--volume-mount NAME:/path[:ro]`.
#[cfg_attr(test, derive(Debug, Clone, PartialEq, Eq))]
pub(crate) struct MountSpec {
    /// The pod volume's name.
    pub(crate) volume: String,
    /// Where it is mounted.
    pub(crate) path: String,
    /// `:ro`.
    pub(crate) read_only: bool,
}

fn invalid(text: String) -> Error {
    Error::new(Code::OverlayInvalidValue, text)
}

/// Every overlay flag's value, in flag order; nothing is checked when none is given.
///
/// # Errors
/// [`Code::OverlayInvalidValue`] naming the flag, its value and what is wrong.
pub(crate) fn validate_options(o: &DebugOptions) -> Result<(), Error> {
    if !super::any(o) {
        return Ok(());
    }
    volume_mounts(&o.volume_mount)?;
    for name in &o.image_pull_secret {
        if !is_dns1123_subdomain(name) {
            return Err(invalid(format!(
                "--image-pull-secret {}: a secret name {DNS1123_SUBDOMAIN}",
                go_quote(name)
            )));
        }
    }
    check_pairs("--label", &o.label, true)?;
    check_pairs("--annotation", &o.annotation, false)?;
    check_pairs("--node-selector", &o.node_selector, true)?;
    let size: usize = o
        .annotation
        .iter()
        .map(|p| p.name.len() + p.value.len())
        .sum();
    if size > ANNOTATIONS_LIMIT {
        return Err(invalid(format!(
            "--annotation: the annotations take {size} bytes, over the API server's limit of {ANNOTATIONS_LIMIT}"
        )));
    }
    Ok(())
}

/// Each `--volume-mount` parsed, paths unique.
///
/// # Errors
/// A malformed entry or a path given twice ([`Code::OverlayMountPathConflict`]).
pub(crate) fn volume_mounts(items: &[String]) -> Result<Vec<MountSpec>, Error> {
    let mut out: Vec<MountSpec> = Vec::with_capacity(items.len());
    for item in items {
        let m = parse_volume_mount(item)?;
        if out.iter().any(|o| o.path == m.path) {
            return Err(Error::new(
                Code::OverlayMountPathConflict,
                format!("--volume-mount: {} is mounted twice", go_quote(&m.path)),
            ));
        }
        out.push(m);
    }
    Ok(out)
}

/// `NAME:/path`, `NAME:/path:ro` or `NAME:/path:rw`.
fn parse_volume_mount(item: &str) -> Result<MountSpec, Error> {
    let bad = |why: &str| {
        invalid(format!(
            "--volume-mount {}: {why} (expected NAME:/path or NAME:/path:ro)",
            go_quote(item)
        ))
    };
    let Some((volume, rest)) = item.split_once(':') else {
        return Err(bad("no path"));
    };
    let (path, read_only) = match rest.rsplit_once(':') {
        Some((path, "ro")) => (path, true),
        Some((path, "rw")) => (path, false),
        _ => (rest, false),
    };
    if !is_dns1123_label(volume) {
        return Err(bad(&format!("the volume name {DNS1123_LABEL}")));
    }
    if !path.starts_with('/') {
        return Err(bad("the path must be absolute"));
    }
    if path.contains(':') {
        return Err(bad("the path may not contain ':'"));
    }
    Ok(MountSpec {
        volume: volume.to_string(),
        path: path.to_string(),
        read_only,
    })
}

/// Keys (and, for labels, values) of one pair flag.
fn check_pairs(flag: &str, pairs: &[Pair], label_values: bool) -> Result<(), Error> {
    for p in pairs {
        let key = if flag == "--annotation" {
            // The API server checks annotation keys lower-cased (`ValidateAnnotations`).
            p.name.to_ascii_lowercase()
        } else {
            p.name.clone()
        };
        if let Some(why) = qualified_name_error(&key) {
            return Err(invalid(format!(
                "{flag} {}: invalid key {}: {why}",
                go_quote(&format!("{}={}", p.name, p.value)),
                go_quote(&p.name)
            )));
        }
        if label_values {
            if let Some(why) = label_value_error(&p.value) {
                return Err(invalid(format!(
                    "{flag} {}: invalid value {}: {why}",
                    go_quote(&format!("{}={}", p.name, p.value)),
                    go_quote(&p.value)
                )));
            }
        }
    }
    Ok(())
}

/// apimachinery `IsQualifiedName`: `[prefix/]name`, the prefix a DNS-1123 subdomain, the
/// name 1–63 characters of `[-A-Za-z0-9_.]` starting and ending alphanumeric.
pub(super) fn qualified_name_error(key: &str) -> Option<String> {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if name.contains('/') {
        return Some(format!(
            "a qualified name {NAME_CHARS}, with an optional DNS subdomain prefix and '/'"
        ));
    }
    if let Some(prefix) = prefix {
        if prefix.is_empty() {
            return Some("prefix part must be non-empty".into());
        }
        if !is_dns1123_subdomain(prefix) {
            return Some(format!("prefix part {DNS1123_SUBDOMAIN}"));
        }
    }
    if name.is_empty() {
        return Some("name part must be non-empty".into());
    }
    if name.len() > 63 {
        return Some("name part must be no more than 63 characters".into());
    }
    (!is_name_part(name)).then(|| format!("name part {NAME_CHARS}"))
}

/// apimachinery `IsValidLabelValue`: empty, or at most 63 characters of `[-A-Za-z0-9_.]`
/// starting and ending alphanumeric.
pub(super) fn label_value_error(value: &str) -> Option<String> {
    if value.len() > 63 {
        return Some("must be no more than 63 characters".into());
    }
    (!value.is_empty() && !is_name_part(value))
        .then(|| format!("a valid label must be an empty string or {NAME_CHARS}"))
}

fn is_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    let edge = |c: Option<&u8>| c.is_some_and(u8::is_ascii_alphanumeric);
    edge(b.first())
        && edge(b.last())
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    let edge = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    s.len() <= 63
        && edge(b.first())
        && edge(b.last())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns1123_label)
}
