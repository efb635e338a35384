//! Image reference validation, as `kubectl debug` checks `--image` and `--set-image`.
//!
//! kubectl only asks whether the whole string matches the distribution reference grammar
//! (`ReferenceRegexp.MatchString`), without normalising it. This module decides the same
//! language with a small hand-written matcher instead of a regex engine: every part of the
//! grammar is delimited by characters the other parts cannot contain, so the only choice
//! the regex backtracks over (whether the optional `domain/` prefix is taken) is tried both
//! ways explicitly.
//!
//! Grammar (spec §9.1):
//!
//! ```text
//! reference  := name [ ":" tag ] [ "@" digest ]
//! name       := [ domain "/" ] path-component ( "/" path-component )*
//! domain     := host ( "." host )* [ ":" port ]        (1.29+: or "[" ipv6 "]" [ ":" port ])
//! host       := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
//! path-comp  := [a-z0-9]+ ( separator [a-z0-9]+ )*
//! separator  := "." | "_" | "__" | "-"+                 (1.27–1.28 spells it [-]*; same language)
//! tag        := [\w][\w.-]{0,127}
//! digest     := algorithm ":" [0-9a-fA-F]{32,}
//! algorithm  := [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*
//! ```

use crate::version::KubectlVersion;

/// Longest tag the grammar accepts (`[\w][\w.-]{0,127}`).
const MAX_TAG_LEN: usize = 128;

/// Fewest hex digits a digest's encoded part may have.
const MIN_DIGEST_HEX: usize = 32;

/// Mirrors `reference.ReferenceRegexp.MatchString` (docker/distribution v2.8.1 for
/// 1.27–1.28, github.com/distribution/reference for 1.29+): whether kubectl accepts `image`.
pub(crate) fn is_valid_reference(image: &str, version: KubectlVersion) -> bool {
    let ipv6_hosts = version.at_least(29);
    let (rest, digest) = match image.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (image, None),
    };
    if let Some(digest) = digest {
        if !is_digest(digest) {
            return false;
        }
    }
    let (name, tag) = split_tag(rest);
    if let Some(tag) = tag {
        if !is_tag(tag) {
            return false;
        }
    }
    is_name(name, ipv6_hosts)
}

/// Splits `name[:tag]`: a `:` after the last `/` can only start the tag, because the
/// name's only colons are in its domain, which is always followed by a `/`.
fn split_tag(s: &str) -> (&str, Option<&str>) {
    let last_slash = s.rfind('/');
    match s.rfind(':') {
        Some(colon) if last_slash.is_none_or(|slash| colon > slash) => {
            (s.get(..colon).unwrap_or(""), s.get(colon + 1..))
        }
        _ => (s, None),
    }
}

/// Mirrors distribution's `NameRegexp`: an optional `domain/` prefix, then path components.
/// The regex may or may not take the domain, so both readings are tried.
fn is_name(name: &str, ipv6_hosts: bool) -> bool {
    if is_path(name) {
        return true;
    }
    match name.split_once('/') {
        Some((domain, path)) => is_domain(domain, ipv6_hosts) && is_path(path),
        None => false,
    }
}

/// Mirrors distribution's `pathComponent` repeated with `/` (the part after the domain).
fn is_path(path: &str) -> bool {
    path.split('/').all(is_path_component)
}

/// Mirrors distribution's `pathComponent`: lowercase alphanumeric runs joined by exactly one
/// separator (`.`, `_`, `__` or one or more `-`).
fn is_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let is_alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !bytes.first().is_some_and(is_alnum) || !bytes.last().is_some_and(is_alnum) {
        return false;
    }
    // Every maximal run of non-alphanumeric bytes must be one separator.
    component
        .split(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .all(is_separator)
}

/// Mirrors distribution's `separator`: `[._]|__|[-]+`.
fn is_separator(run: &str) -> bool {
    matches!(run, "." | "_" | "__") || run.bytes().all(|b| b == b'-')
}

/// Mirrors distribution's `DomainRegexp` (1.29+ adds the bracketed IPv6 host).
fn is_domain(domain: &str, ipv6_hosts: bool) -> bool {
    if let Some(bracketed) = domain.strip_prefix('[') {
        return ipv6_hosts && is_ipv6_domain(bracketed);
    }
    let (host, port) = match domain.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (domain, None),
    };
    port.is_none_or(is_port) && host.split('.').all(is_host_component)
}

/// The part of a bracketed domain after `[`: `[a-fA-F0-9:]+` `]` then an optional port.
fn is_ipv6_domain(s: &str) -> bool {
    let Some((address, after)) = s.split_once(']') else {
        return false;
    };
    let address_ok =
        !address.is_empty() && address.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
    let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
    address_ok && port_ok
}

/// `[0-9]+`.
fn is_port(port: &str) -> bool {
    !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())
}

/// Mirrors distribution's `domainNameComponent`: alphanumerics, with `-` allowed inside.
fn is_host_component(host: &str) -> bool {
    let bytes = host.as_bytes();
    let ends_ok = bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric);
    ends_ok
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// Mirrors distribution's `TagRegexp`: `[\w][\w.-]{0,127}` (ASCII `\w`).
fn is_tag(tag: &str) -> bool {
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let bytes = tag.as_bytes();
    bytes.len() <= MAX_TAG_LEN
        && bytes.first().is_some_and(is_word)
        && bytes.iter().all(|b| is_word(b) || *b == b'.' || *b == b'-')
}

/// Mirrors distribution's `DigestRegexp`: `algorithm:hex` with at least 32 hex digits.
fn is_digest(digest: &str) -> bool {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return false;
    };
    hex.len() >= MIN_DIGEST_HEX
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && algorithm
            .split(['-', '_', '+', '.'])
            .all(is_algorithm_component)
}

/// `[A-Za-z][A-Za-z0-9]*`.
fn is_algorithm_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests;
