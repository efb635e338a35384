//! A JSON object: its entries in order, looked up by a linear scan (a key index for large
//! objects).

use std::fmt;

use crate::key_index::KeyIndex;
use crate::value::Value;

/// A JSON object: entries in order, keys unique (inserting a present key replaces its value
/// in place, as `serde_json`'s `preserve_order` map does).
#[derive(Clone)]
pub struct Map<K, V> {
    entries: Vec<(K, V)>,
    /// Finds keys of large maps in O(log n) on any input (see `key_index.rs`).
    index: KeyIndex,
}

impl Default for Map<String, Value> {
    fn default() -> Self {
        Map::new()
    }
}

impl Map<String, Value> {
    /// An empty object.
    pub fn new() -> Self {
        Map {
            entries: Vec::new(),
            index: KeyIndex::default(),
        }
    }

    /// An empty object with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        Map {
            entries: Vec::with_capacity(n),
            index: KeyIndex::default(),
        }
    }

    /// Entries exactly as given, repeated keys included (for decoders that reject them).
    /// Its lookups find the first of repeated keys; no index is kept.
    pub(crate) fn from_entries_unchecked(entries: Vec<(String, Value)>) -> Self {
        Map {
            entries,
            index: KeyIndex::default(),
        }
    }

    #[inline(never)]
    fn index_of(&self, key: &str) -> Option<usize> {
        self.index.find(&self.entries, key)
    }

    /// Append an entry whose key is not present.
    #[inline(never)]
    fn push(&mut self, key: String, value: Value) {
        self.entries.push((key, value));
        self.index.appended(&self.entries);
    }

    /// The value at `key`.
    #[inline(never)]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.get(self.index_of(key)?).map(|(_, v)| v)
    }

    /// The value at `key`, mutably.
    #[inline(never)]
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let at = self.index_of(key)?;
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.index_of(key).is_some()
    }

    /// Append `key`, which the caller knows is not present (a Go struct field met in
    /// declaration order after every key before it: see `Skim::object`).
    pub(crate) fn push_new(&mut self, key: String, value: Value) {
        debug_assert!(self.index_of(&key).is_none());
        self.push(key, value);
    }

    /// Set `key` (in place when present, else at the end); the old value, if any.
    #[inline(never)]
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.push(key, value);
                None
            }
        }
    }

    /// Remove `key`, keeping the order of the others.
    pub fn shift_remove(&mut self, key: &str) -> Option<Value> {
        let at = self.index_of(key)?;
        let (_, value) = self.entries.remove(at);
        self.index.rebuild(&self.entries);
        Some(value)
    }

    /// Remove `key`, moving the last entry into its place (`serde_json`'s `remove`).
    pub fn swap_remove(&mut self, key: &str) -> Option<Value> {
        let at = self.index_of(key)?;
        let (_, value) = self.entries.swap_remove(at);
        self.index.rebuild(&self.entries);
        Some(value)
    }

    /// `serde_json`'s `remove` under `preserve_order`: [`Map::swap_remove`].
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.swap_remove(key)
    }

    /// The slot at `key`, for [`Entry::or_insert`].
    pub fn entry(&mut self, key: impl Into<String>) -> Entry<'_> {
        Entry {
            map: self,
            key: key.into(),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    /// Entries in order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        IterMut(self.entries.iter_mut())
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Values in order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Values in order, mutable.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Value> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Keep only the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut Value) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
        self.index.rebuild(&self.entries);
    }

    /// Move every entry of `other` into this object (as [`Map::insert`] would).
    pub fn append(&mut self, other: &mut Map<String, Value>) {
        for (k, v) in other.entries.drain(..) {
            self.insert(k, v);
        }
        other.index.rebuild(&other.entries);
    }

    /// Remove every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.rebuild(&self.entries);
    }
}

/// A slot of a [`Map`], filled on demand.
pub struct Entry<'a> {
    map: &'a mut Map<String, Value>,
    key: String,
}

impl<'a> Entry<'a> {
    /// The value at the key, `default` inserted first when absent.
    pub fn or_insert(self, default: Value) -> &'a mut Value {
        self.or_insert_with(|| default)
    }

    /// The value at the key, `make()` inserted first when absent.
    pub fn or_insert_with(self, make: impl FnOnce() -> Value) -> &'a mut Value {
        let at = match self.map.index_of(&self.key) {
            Some(at) => at,
            None => {
                self.map.push(self.key, make());
                self.map.entries.len() - 1
            }
        };
        // `at` is in bounds: found or just pushed.
        #[allow(clippy::indexing_slicing)]
        &mut self.map.entries[at].1
    }
}

/// Borrowed entries of a [`Map`].
pub struct Iter<'a>(std::slice::Iter<'a, (String, Value)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// Entries of a [`Map`] with mutable values.
pub struct IterMut<'a>(std::slice::IterMut<'a, (String, Value)>);

impl<'a> Iterator for IterMut<'a> {
    type Item = (&'a String, &'a mut Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (&*k, v))
    }
}

impl<'a> IntoIterator for &'a Map<String, Value> {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Map<String, Value> {
    type Item = (&'a String, &'a mut Value);
    type IntoIter = IterMut<'a>;
    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

impl IntoIterator for Map<String, Value> {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// A repeated key keeps its first place and takes the last value.
impl FromIterator<(String, Value)> for Map<String, Value> {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut map = Map::new();
        map.extend(iter);
        map
    }
}

impl Extend<(String, Value)> for Map<String, Value> {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

/// Order-insensitive, like `serde_json`'s map equality.
impl PartialEq for Map<String, Value> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries
                .iter()
                .all(|(k, v)| other.get(k).is_some_and(|o| o == v))
    }
}

impl fmt::Debug for Map<String, Value> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
