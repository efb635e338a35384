//! kubedebug's JSON value: what `serde_json::Value` (with `preserve_order`) was to this
//! library, without hashing and without converting numbers.
//!
//! - An object is a [`Map`]: its entries in order, looked up by a linear scan (Kubernetes
//!   objects have a few dozen keys at most; no hash table is linked into the Wasm).
//! - A number is its JSON text ([`Number`]), written back as read: big integers, `-0` and
//!   exponents survive a round trip (nothing lost). Equality follows `serde_json`'s: integers
//!   that fit 64 bits compare as integers, every other number as the nearest `f64`.
//!
//! The API mirrors the parts of `serde_json`'s that kubedebug uses, under the same names.

use std::fmt;

use crate::decimal::parse_f64;
use crate::key_index::KeyIndex;

/// A JSON value.
#[derive(Clone, Default, PartialEq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map<String, Value>),
}

/// A JSON number: its text, which is valid JSON number syntax.
#[derive(Clone)]
pub struct Number(Box<str>);

/// How `serde_json` would hold a number: the key of equality.
#[derive(PartialEq)]
enum Kind {
    Pos(u64),
    Neg(i64),
    Float(f64),
}

impl Number {
    /// The number whose JSON text is `text`; `None` unless `text` is a JSON number.
    pub fn from_json(text: &str) -> Option<Number> {
        crate::scan::is_number(text).then(|| Number(text.into()))
    }

    /// A finite `f64` as JSON, as `serde_json` writes it (shortest round-trip digits, `.0` on
    /// integers, `1e20` beyond 1e16); `None` for NaN and infinities, which JSON cannot hold.
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite()
            .then(|| Number(zmij::Buffer::new().format_finite(f).into()))
    }

    /// A number from text the reader has checked.
    pub(crate) fn new_unchecked(text: &str) -> Number {
        Number(text.into())
    }

    /// The number's JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn is_integer_text(&self) -> bool {
        !self.0.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// `serde_json`'s reading: integers that fit `u64` (or, negative, `i64`; `-0` is a float)
    /// stay integers, everything else is the nearest `f64`.
    fn kind(&self) -> Kind {
        if self.is_integer_text() {
            if let Ok(u) = self.0.parse::<u64>() {
                return Kind::Pos(u);
            }
            if let Ok(i) = self.0.parse::<i64>() {
                if i < 0 {
                    return Kind::Neg(i);
                }
            }
        }
        Kind::Float(parse_f64(&self.0).unwrap_or(f64::NAN))
    }

    /// The value as `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self.kind() {
            Kind::Pos(u) => i64::try_from(u).ok(),
            Kind::Neg(i) => Some(i),
            Kind::Float(_) => None,
        }
    }

    /// The value as `u64`, when it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self.kind() {
            Kind::Pos(u) => Some(u),
            _ => None,
        }
    }

    /// The value as the nearest `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.kind() {
            Kind::Pos(u) => u as f64,
            Kind::Neg(i) => i as f64,
            Kind::Float(f) => f,
        })
    }

    /// Whether `serde_json` would read it as an `i64`.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// Whether `serde_json` would read it as a `u64`.
    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// Whether `serde_json` would read it as a float.
    pub fn is_f64(&self) -> bool {
        matches!(self.kind(), Kind::Float(_))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.0 == other.0 || self.kind() == other.kind()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({})", self.0)
    }
}

macro_rules! number_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(n.to_string().into())
            }
        }
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n.into())
            }
        }
    )*};
}
number_from_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

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

/// What indexes a [`Value`]: a key (objects) or a position (arrays).
pub trait Index {
    /// The value at this index of `v`.
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value>;
    /// The value at this index of `v`, mutably.
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value>;
    /// The value at this index of `v`, created (as `null`) when missing; `v` becomes an
    /// object or array first when it is not one.
    fn index_or_insert<'v>(&self, v: &'v mut Value) -> &'v mut Value;
}

impl Index for str {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_object()?.get(self)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        v.as_object_mut()?.get_mut(self)
    }
    fn index_or_insert<'v>(&self, v: &'v mut Value) -> &'v mut Value {
        if !v.is_object() {
            *v = Value::Object(Map::new());
        }
        match v {
            Value::Object(m) => m.entry(self).or_insert(Value::Null),
            other => other,
        }
    }
}

impl Index for String {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        self.as_str().index_into(v)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        self.as_str().index_into_mut(v)
    }
    fn index_or_insert<'v>(&self, v: &'v mut Value) -> &'v mut Value {
        self.as_str().index_or_insert(v)
    }
}

impl Index for usize {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_array()?.get(*self)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        v.as_array_mut()?.get_mut(*self)
    }
    /// Unlike `serde_json`, which panics, a short array is padded with `null`s.
    fn index_or_insert<'v>(&self, v: &'v mut Value) -> &'v mut Value {
        if !v.is_array() {
            *v = Value::Array(Vec::new());
        }
        match v {
            Value::Array(a) => {
                if a.len() <= *self {
                    a.resize(*self + 1, Value::Null);
                }
                // In bounds: the array was just made long enough.
                #[allow(clippy::indexing_slicing)]
                &mut a[*self]
            }
            other => other,
        }
    }
}

impl<T: Index + ?Sized> Index for &T {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        (**self).index_into(v)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        (**self).index_into_mut(v)
    }
    fn index_or_insert<'v>(&self, v: &'v mut Value) -> &'v mut Value {
        (**self).index_or_insert(v)
    }
}

static NULL: Value = Value::Null;

/// `value["key"]` / `value[0]`: `null` when absent, as in `serde_json`.
impl<I: Index> std::ops::Index<I> for Value {
    type Output = Value;
    fn index(&self, index: I) -> &Value {
        index.index_into(self).unwrap_or(&NULL)
    }
}

/// `value["key"] = …`: the member is created when missing (and a non-object value becomes an
/// empty object first), as in `serde_json`.
impl<I: Index> std::ops::IndexMut<I> for Value {
    fn index_mut(&mut self, index: I) -> &mut Value {
        index.index_or_insert(self)
    }
}

impl Value {
    /// The member or element at `index`.
    pub fn get<I: Index>(&self, index: I) -> Option<&Value> {
        index.index_into(self)
    }

    /// The member or element at `index`, mutably.
    pub fn get_mut<I: Index>(&mut self, index: I) -> Option<&mut Value> {
        index.index_into_mut(self)
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as `i64`, if it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The number as `u64`, if it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The number as `f64`, if it is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The object, if it is one.
    pub fn as_object(&self) -> Option<&Map<String, Value>> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The object, mutably, if it is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Map<String, Value>> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The array, if it is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The array, mutably, if it is one.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Whether it is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether it is a boolean.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    /// Whether it is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// Whether it is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// Whether it is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether it is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Take the value out, leaving `null`.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }

    /// The value at a JSON pointer (RFC 6901), `""` being the whole value.
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |v, token| {
            let token = token.replace("~1", "/").replace("~0", "~");
            match v {
                Value::Object(m) => m.get(&token),
                Value::Array(a) => a.get(token.parse::<usize>().ok()?),
                _ => None,
            }
        })
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::to_string(self))
    }
}

/// Compact JSON (`{:#}`: indented), as `serde_json`'s `Display` writes it.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.write_str(&crate::to_string_pretty(self))
        } else {
            f.write_str(&crate::to_string(self))
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::String(s.clone())
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}

impl From<Map<String, Value>> for Value {
    fn from(m: Map<String, Value>) -> Value {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<std::collections::BTreeMap<String, T>> for Value {
    fn from(m: std::collections::BTreeMap<String, T>) -> Value {
        Value::Object(m.into_iter().map(|(k, v)| (k, v.into())).collect())
    }
}

impl<T: Into<Value>> From<std::collections::BTreeSet<T>> for Value {
    fn from(items: std::collections::BTreeSet<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl From<()> for Value {
    fn from((): ()) -> Value {
        Value::Null
    }
}

impl From<f64> for Value {
    /// NaN and infinities become `null`, as in `serde_json`.
    fn from(f: f64) -> Value {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<String> for Value {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == Some(other.as_str())
    }
}

impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}

macro_rules! eq_int {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Value {
            fn eq(&self, other: &$t) -> bool {
                self.as_i64().is_some_and(|i| i128::from(i) == *other as i128)
                    || self.as_u64().is_some_and(|u| i128::from(u) == *other as i128)
            }
        }
    )*};
}
eq_int!(i32, i64, u32, u64, usize);
