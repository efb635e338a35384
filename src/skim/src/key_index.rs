//! The key index of a large [`Map`](crate::Map): finding a key takes constant time whatever
//! the input (a hostile object with 100,000 members must not make reading or diffing it
//! quadratic), while small maps, nearly all of a Kubernetes object's, just scan.

use crate::value::Value;

/// Maps with at most this many entries look keys up by a scan and keep no index.
const SCAN_LIMIT: usize = 16;

/// Open addressing over a map's entries: 0 is empty, else the entry's position + 1. Its
/// length is 0 (no index) or a power of two at least twice the number of entries.
#[derive(Clone, Default)]
pub(crate) struct KeyIndex {
    /// Boxed so that small maps (nearly all) stay one pointer larger than their entries: a
    /// bare `Vec` made every JSON value larger and plans ~8 % slower (`npm run bench`).
    #[allow(clippy::box_collection)]
    slots: Option<Box<Vec<u32>>>,
}

/// FNV-1a of a key.
fn hash(key: &str) -> usize {
    let h = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    h as usize
}

impl KeyIndex {
    /// The position of `key` among `keys`.
    pub(crate) fn find(&self, entries: &[(String, Value)], key: &str) -> Option<usize> {
        let Some(slots) = &self.slots else {
            return entries.iter().position(|(k, _)| k == key);
        };
        let mask = slots.len() - 1;
        let mut at = hash(key) & mask;
        loop {
            let i = usize::try_from(*slots.get(at)?).ok()?.checked_sub(1)?;
            if entries.get(i).is_some_and(|(k, _)| k == key) {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }

    /// After an entry was appended: index it (building or growing the index when needed).
    pub(crate) fn appended(&mut self, entries: &[(String, Value)]) {
        let n = entries.len();
        if n <= SCAN_LIMIT {
            return;
        }
        let len = self.slots.as_ref().map_or(0, |s| s.len());
        if len < 2 * n {
            self.rebuild(entries);
        } else if let Some((last, _)) = entries.last() {
            self.place(last, n - 1);
        }
    }

    /// After entries were removed or reordered: index them all again.
    pub(crate) fn rebuild(&mut self, entries: &[(String, Value)]) {
        let n = entries.len();
        self.slots = None;
        if n <= SCAN_LIMIT {
            return;
        }
        self.slots = Some(Box::new(vec![0; (4 * n).next_power_of_two()]));
        for (i, (key, _)) in entries.iter().enumerate() {
            self.place(key, i);
        }
    }

    /// Put position `i` (of `key`) into the first free slot of its probe sequence.
    fn place(&mut self, key: &str, i: usize) {
        let Some(slots) = &mut self.slots else {
            return;
        };
        let mask = slots.len() - 1;
        let mut at = hash(key) & mask;
        while let Some(slot) = slots.get_mut(at) {
            if *slot == 0 {
                *slot = u32::try_from(i + 1).unwrap_or(u32::MAX);
                return;
            }
            at = (at + 1) & mask;
        }
    }
}
