//! The key index of a large [`Map`](crate::Map): finding a key takes O(log n) comparisons
//! whatever the input (a hostile object with 100,000 members must not make reading or diffing
//! it quadratic), while small maps, nearly all of a Kubernetes object's, just scan.
//!
//! An ordered map, not a hash table: the core is sans-IO, so it has no randomness to seed a
//! keyed hash, and any fixed or content-derived hash key can be computed by whoever writes
//! the pod (the unkeyed FNV-1a table this replaced took 18.7 s on 100,000 valid label keys
//! crafted to share a probe sequence). A `BTreeMap` is O(log n) per lookup on every input.
//!
//! Its keys are the key's 64-bit FNV-1a hash (big-endian) followed by the key's bytes, so the
//! comparisons of a lookup look at 8 bytes on ordinary keys, however long a common prefix the
//! keys share (keys sharing 50-byte prefixes made the 100x labels shape 160x slower instead
//! of ~115x, `npm run bench -- --scaling`). Keys crafted to collide in all 64 bits only fall
//! back to comparing their bytes, as a plain ordered map always does.

use std::collections::BTreeMap;

use crate::value::Value;

/// Maps with at most this many entries look keys up by a scan and keep no index. A pod's
/// `spec` has ~20–25 members: with 16, building and searching its index was ~5 % of a plan
/// (`npm run bench`: 1.6 → 1.52 × the JSON round trip); a scan of 32 short keys is cheaper.
const SCAN_LIMIT: usize = 32;

/// Key → position among the map's entries (the first of repeated keys), for maps beyond
/// [`SCAN_LIMIT`] entries.
#[derive(Clone, Default)]
pub(crate) struct KeyIndex {
    /// Boxed so that small maps (nearly all) stay one pointer larger than their entries: a
    /// bare index made every JSON value larger and plans ~8 % slower (`npm run bench`).
    #[allow(clippy::box_collection)]
    keys: Option<Box<BTreeMap<Box<[u8]>, usize>>>,
}

impl KeyIndex {
    /// The position of `key` among `entries`.
    #[inline(never)]
    pub(crate) fn find(&self, entries: &[(String, Value)], key: &str) -> Option<usize> {
        match &self.keys {
            None => entries.iter().position(|(k, _)| k == key),
            Some(keys) => keys.get(&*ordered(key)).copied(),
        }
    }

    /// After an entry was appended: index it (building the index when the map outgrows a scan).
    #[inline(never)]
    pub(crate) fn appended(&mut self, entries: &[(String, Value)]) {
        let n = entries.len();
        if n <= SCAN_LIMIT {
            return;
        }
        match &mut self.keys {
            Some(keys) => {
                if let Some((last, _)) = entries.last() {
                    keys.entry(ordered(last)).or_insert(n - 1);
                }
            }
            None => self.rebuild(entries),
        }
    }

    /// After entries were removed or reordered: index them all again.
    #[inline(never)]
    pub(crate) fn rebuild(&mut self, entries: &[(String, Value)]) {
        self.keys = None;
        if entries.len() <= SCAN_LIMIT {
            return;
        }
        let mut keys = BTreeMap::new();
        for (i, (key, _)) in entries.iter().enumerate() {
            keys.entry(ordered(key)).or_insert(i);
        }
        self.keys = Some(Box::new(keys));
    }
}

/// The index's form of a key: its 64-bit FNV-1a hash, big-endian, then its bytes.
fn ordered(key: &str) -> Box<[u8]> {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut out = Vec::with_capacity(8 + key.len());
    out.extend_from_slice(&hash.to_be_bytes());
    out.extend_from_slice(key.as_bytes());
    out.into_boxed_slice()
}
