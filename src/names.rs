//! Generated names: `debugger-xxxxx` and `node-debugger-<node>-xxxxx`.
//!
//! kubectl draws the 5-character suffix from `k8s.io/apimachinery/pkg/util/rand.String`.
//! The core has no randomness of its own: the host passes explicit suffixes (tests,
//! reproducible docs) and/or a seed for a small deterministic generator.

use std::collections::VecDeque;

use crate::error::{Code, Error};
use crate::go::quote::go_quote;

/// kubectl's suffix alphabet (`utilrand` `alphanums`: no vowels, no 0, 1, 3).
pub(crate) const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// Length of kubectl's random suffix.
pub(crate) const SUFFIX_LEN: usize = 5;

/// Where name suffixes come from: explicit ones first, then a seeded generator.
#[derive(Debug, Clone)]
pub(crate) struct NameSource {
    explicit: VecDeque<String>,
    state: u64,
}

impl NameSource {
    /// A source that hands out `suffixes` in order, then pseudo-random suffixes from `seed`.
    pub(crate) fn new(seed: u64, suffixes: impl IntoIterator<Item = String>) -> NameSource {
        NameSource {
            explicit: suffixes.into_iter().collect(),
            state: seed,
        }
    }

    /// The next suffix. Mirrors kubectl's `nameSuffixFunc(5)` (`utilrand.String`).
    pub(crate) fn next_suffix(&mut self) -> String {
        if let Some(s) = self.explicit.pop_front() {
            return s;
        }
        (0..SUFFIX_LEN)
            .map(|_| {
                let n = self.next_u64() % ALPHABET.len() as u64;
                ALPHABET.get(n as usize).copied().unwrap_or(b'x') as char
            })
            .collect()
    }

    /// splitmix64: tiny, fast and well distributed; not for secrets.
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Mirrors kubectl `computeDebugContainerName`: `debugger-<suffix>`, drawn again until
/// no name in `taken` equals it. Gives up after 1000 draws (a source that only
/// repeats a taken suffix) and returns the last draw, as a name is still needed.
pub(crate) fn debug_container_name<'a>(
    taken: impl Iterator<Item = &'a str> + Clone,
    names: &mut NameSource,
) -> String {
    let mut name = format!("debugger-{}", names.next_suffix());
    for _ in 0..1000 {
        if !taken.clone().any(|t| t == name) {
            break;
        }
        name = format!("debugger-{}", names.next_suffix());
    }
    name
}

/// Mirrors kubectl `generateNodeDebugPod`'s name: `node-debugger-<node>-<suffix>` (no truncation).
pub(crate) fn node_debug_pod_name(node: &str, names: &mut NameSource) -> String {
    format!("node-debugger-{node}-{}", names.next_suffix())
}

/// The longest explicit suffix: `debugger-<suffix>` stays within a DNS label's 63 characters.
pub(crate) const MAX_SUFFIX_LEN: usize = 20;

/// Checks the host's explicit suffixes: 1 to [`MAX_SUFFIX_LEN`] ASCII letters or digits, so
/// a generated name can never carry a path, a query or a control character. Upper-case
/// letters pass so that tests can mark generated names (`XXXXX`, as the conformance
/// recorder does); kubectl's own suffixes are lower-case.
///
/// # Errors
/// [`Code::InvalidInput`], naming the first bad suffix.
pub(crate) fn check_suffixes(suffixes: &[String]) -> Result<(), Error> {
    let bad = suffixes.iter().enumerate().find(|(_, s)| {
        s.is_empty() || s.len() > MAX_SUFFIX_LEN || !s.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    match bad {
        None => Ok(()),
        Some((i, s)) => Err(Error::new(
            Code::InvalidInput,
            format!(
                "invalid session: suffixes[{i}]: {} is not a name suffix: use 1 to {MAX_SUFFIX_LEN} ASCII letters or digits",
                go_quote(s)
            ),
        )),
    }
}

/// The API server's `IsDNS1123Subdomain` message for a name that is not one.
const DNS1123_SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/// Mirrors apimachinery `validation.IsDNS1123Subdomain`: the reasons `name` is not one.
// DIVERGENCE(apimachinery): upper-case ASCII letters pass, because kubectl's own test tables
// (ported in tests/upstream) and the conformance recorder name nodes and suffixes with them
// (`node-XXX`, `XXXXX`); what matters here is that no generated name carries anything but
// letters, digits, '-' and '.'. The API server refuses upper case itself.
pub(crate) fn is_dns1123_subdomain(name: &str) -> Vec<String> {
    let mut why = Vec::new();
    if name.len() > 253 {
        why.push("must be no more than 253 characters".to_string());
    }
    let label_ok = |l: &str| {
        let b = l.as_bytes();
        let edge = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        edge(b.first())
            && edge(b.last())
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    if !name.split('.').all(label_ok) {
        why.push(DNS1123_SUBDOMAIN.to_string());
    }
    why
}

/// The node debug pod's name checked as the API server checks a pod's `metadata.name`: the
/// node's name must be a DNS-1123 subdomain (as every Node's is) and the whole name at most
/// 253 characters.
///
/// # Errors
/// [`Code::InvalidName`], in the form kubectl prints the API server's `Invalid` status.
// DIVERGENCE(kubectl): kubectl sends such a pod and the API server refuses it; the core
// refuses it before anything is sent (a `-f` Node can carry any name).
pub(crate) fn check_node_debug_pod_name(pod_name: &str, node: &str) -> Result<(), Error> {
    let mut why = is_dns1123_subdomain(node);
    if why.is_empty() && pod_name.len() > 253 {
        why.push("must be no more than 253 characters".to_string());
    }
    if why.is_empty() {
        return Ok(());
    }
    let quoted = go_quote(pod_name);
    Err(Error::new(
        Code::InvalidName,
        format!(
            "The Pod {quoted} is invalid: metadata.name: Invalid value: {quoted}: {}",
            why.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests;
