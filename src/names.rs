//! Generated names: `debugger-xxxxx` and `node-debugger-<node>-xxxxx`.
//!
//! kubectl draws the 5-character suffix from `k8s.io/apimachinery/pkg/util/rand.String`.
//! The core has no randomness of its own: the host passes explicit suffixes (tests,
//! reproducible docs) and/or a seed for a small deterministic generator.

use std::collections::VecDeque;

/// kubectl's suffix alphabet (`utilrand` `alphanums`: no vowels, no 0, 1, 3).
pub const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// Length of kubectl's random suffix.
pub const SUFFIX_LEN: usize = 5;

/// Where name suffixes come from: explicit ones first, then a seeded generator.
#[derive(Debug, Clone)]
pub struct NameSource {
    explicit: VecDeque<String>,
    state: u64,
}

impl NameSource {
    /// A source that hands out `suffixes` in order, then pseudo-random suffixes from `seed`.
    pub fn new(seed: u64, suffixes: impl IntoIterator<Item = String>) -> NameSource {
        NameSource {
            explicit: suffixes.into_iter().collect(),
            state: seed,
        }
    }

    /// The next suffix. Mirrors kubectl's `nameSuffixFunc(5)` (`utilrand.String`).
    pub fn next_suffix(&mut self) -> String {
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
pub fn debug_container_name<'a>(
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
pub fn node_debug_pod_name(node: &str, names: &mut NameSource) -> String {
    format!("node-debugger-{node}-{}", names.next_suffix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_suffixes_come_first_then_the_alphabet() {
        let mut n = NameSource::new(7, ["1".to_string()]);
        assert_eq!(n.next_suffix(), "1");
        let s = n.next_suffix();
        assert_eq!(s.len(), SUFFIX_LEN);
        assert!(s.bytes().all(|b| ALPHABET.contains(&b)), "{s}");
    }

    #[test]
    fn the_same_seed_gives_the_same_names() {
        let a: Vec<_> = (0..5)
            .map(|_| NameSource::new(42, []).next_suffix())
            .collect();
        assert!(a.windows(2).all(|w| w.first() == w.last()));
    }

    #[test]
    fn random_name_collision_draws_again() {
        let mut n = NameSource::new(0, ["1".to_string(), "2".to_string()]);
        let taken = ["debugger-1", "app"];
        assert_eq!(
            debug_container_name(taken.iter().copied(), &mut n),
            "debugger-2"
        );
    }

    #[test]
    fn node_pod_name_keeps_the_whole_node_name() {
        let mut n = NameSource::new(0, ["abcde".to_string()]);
        assert_eq!(
            node_debug_pod_name("ip-10-0-1-23.ec2.internal", &mut n),
            "node-debugger-ip-10-0-1-23.ec2.internal-abcde"
        );
    }
}
