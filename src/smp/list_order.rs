//! List order and identity: apimachinery's `index`, `normalizeSliceOrder`,
//! `normalizeElementOrder`, `mergeSortedSlice`, the `$setElementOrder` checks and the
//! partitions of merged lists, with Go's exact sort permutations.

use std::collections::BTreeMap;

use crate::json::Value;

use super::go_value::{
    err_bad_arg_type, err_bad_patch_type, err_no_merge_key, go_v, ident, Kind, GO_MAP,
};
use super::patch_meta::{DIRECTIVE, ORDER_PREFIX};
use super::R;

/// A set of identities: a `BTreeMap<String, usize>` like the crate's other identity maps, so
/// that the Wasm holds one instantiation of the map code (and no hash table).
pub(super) struct IdentSet(BTreeMap<String, usize>);

impl IdentSet {
    pub(super) fn new() -> IdentSet {
        IdentSet(BTreeMap::new())
    }

    pub(super) fn insert(&mut self, k: String) {
        self.0.insert(k, 0);
    }

    pub(super) fn contains(&self, k: &str) -> bool {
        self.0.contains_key(k)
    }
}

impl FromIterator<String> for IdentSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> IdentSet {
        let mut set = IdentSet(BTreeMap::new());
        iter.into_iter().for_each(|k| set.insert(k));
        set
    }
}

/// `validatePatchWithSetOrderList`: the (non-delete) patch items must appear in the
/// `$setElementOrder` list in the same relative order.
pub(super) fn validate_patch_with_set_order(
    patch: &[Value],
    order: &[Value],
    merge_key: &str,
) -> R<()> {
    if order.is_empty() || patch.is_empty() {
        return Ok(());
    }
    let non_delete: Vec<&Value> = if merge_key.is_empty() {
        patch.iter().collect()
    } else {
        let mut v = Vec::new();
        for item in patch {
            let Some(m) = item.as_object() else {
                return Err(err_bad_arg_type(GO_MAP, item));
            };
            if m.get(DIRECTIVE).and_then(Value::as_str) != Some("delete") {
                v.push(item);
            }
        }
        v
    };
    let (mut pi, mut si) = (0usize, 0usize);
    while let (Some(p), Some(s)) = (non_delete.get(pi), order.get(si)) {
        if p.as_object().is_some_and(|m| m.contains_key(DIRECTIVE)) {
            pi += 1;
            continue;
        }
        if merge_key_value_equal(p, s, merge_key)? {
            pi += 1;
        }
        si += 1;
    }
    if pi < non_delete.len() && si >= order.len() {
        return Err(format!(
            "The order in patch list:\n{}\n doesn't match {ORDER_PREFIX} list:\n{}\n",
            go_v(&Value::Array(patch.to_vec())),
            go_v(&Value::Array(order.to_vec()))
        ));
    }
    Ok(())
}

/// `mergeKeyValueEqual`.
pub(super) fn merge_key_value_equal(left: &Value, right: &Value, merge_key: &str) -> R<bool> {
    if merge_key.is_empty() {
        return Ok(ident(left) == ident(right));
    }
    let l = left
        .as_object()
        .ok_or_else(|| err_bad_arg_type(GO_MAP, left))?;
    let r = right
        .as_object()
        .ok_or_else(|| err_bad_arg_type(GO_MAP, right))?;
    let lv = l
        .get(merge_key)
        .ok_or_else(|| err_no_merge_key(l, merge_key))?;
    let rv = r
        .get(merge_key)
        .ok_or_else(|| err_no_merge_key(r, merge_key))?;
    Ok(ident(lv) == ident(rv))
}

/// `partitionPrimitivesByPresentInList`.
pub(super) fn partition_primitives(merged: Vec<Value>, by: &[Value]) -> (Vec<Value>, Vec<Value>) {
    let present: IdentSet = by.iter().map(ident).collect();
    merged
        .into_iter()
        .partition(|v| present.contains(&ident(v)))
}

/// `partitionMapsByPresentInList`.
pub(super) fn partition_maps(
    merged: Vec<Value>,
    by: &[Value],
    merge_key: &str,
) -> R<(Vec<Value>, Vec<Value>)> {
    let mut present: IdentSet = IdentSet::new();
    if !merged.is_empty() {
        for (i, b) in by.iter().enumerate() {
            let Some(m) = b.as_object() else {
                return Err(format!("value for key {i} is not a map"));
            };
            if let Some(v) = m.get(merge_key) {
                present.insert(ident(v));
            }
        }
    }
    let (mut patch, mut server) = (Vec::new(), Vec::new());
    for v in merged {
        let Some(m) = v.as_object() else {
            return Err(err_bad_arg_type(GO_MAP, &v));
        };
        let Some(kv) = m.get(merge_key) else {
            return Err(err_no_merge_key(m, merge_key));
        };
        if present.contains(&ident(kv)) {
            patch.push(v);
        } else {
            server.push(v);
        }
    }
    Ok((patch, server))
}

/// `deduplicateScalars`, including its order-scrambling "swap with last" step.
pub(crate) fn deduplicate_scalars(mut s: Vec<Value>) -> Vec<Value> {
    let ids: Vec<String> = s.iter().map(ident).collect();
    let mut ids = ids;
    let mut i = 0usize;
    while i + 1 < s.len() {
        let mut j = i + 1;
        while j < s.len() {
            if ids.get(i) == ids.get(j) {
                s.swap_remove(j);
                ids.swap_remove(j);
                // re-examine position j (now holding the former last element)
                continue;
            }
            j += 1;
        }
        i += 1;
    }
    s
}

/// `mergeSliceWithSpecialElements`: applies `$patch: delete|replace` list items.
pub(super) fn merge_slice_with_special_elements(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    merge_key: &str,
) -> R<(Vec<Value>, Vec<Value>)> {
    let mut without = Vec::with_capacity(patch.len());
    let mut replace = false;
    for v in patch {
        let Some(m) = v.as_object() else {
            return Err(err_bad_arg_type(GO_MAP, &v));
        };
        let Some(d) = m.get(DIRECTIVE) else {
            without.push(v);
            continue;
        };
        match d.as_str() {
            Some("delete") => {
                let Some(mv) = m.get(merge_key) else {
                    return Err(err_no_merge_key(m, merge_key));
                };
                // deleteMatchingEntries
                let want = ident(mv);
                let mut kept = Vec::with_capacity(original.len());
                for (i, o) in original.into_iter().enumerate() {
                    match o.as_object() {
                        None => return Err(format!("value for key {i} is not a map")),
                        Some(om) if om.get(merge_key).map(ident).as_ref() == Some(&want) => {}
                        Some(_) => kept.push(o),
                    }
                }
                original = kept;
            }
            Some("replace") => replace = true,
            Some("merge") => {
                return Err("merging lists cannot yet be specified in the patch".into())
            }
            _ => return Err(err_bad_patch_type(d, m)),
        }
    }
    if replace {
        return Ok((without, Vec::new()));
    }
    Ok((original, without))
}

/// `normalizeElementOrder` + `mergeSortedSlice`.
pub(super) fn normalize_element_order(
    patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    merge_key: &str,
    kind: Kind,
) -> R<Vec<Value>> {
    let patch = normalize_slice_order(patch, patch_order, merge_key, kind)?;
    let server_only = normalize_slice_order(server_only, server_order, merge_key, kind)?;
    Ok(merge_sorted_slice(
        server_only,
        patch,
        server_order,
        merge_key,
        kind,
    ))
}

/// `mergeSortedSlice`: interleaves server-only items (`left`) into patch items (`right`),
/// taking a left item only when both are found in `server_order` and the left one comes first.
pub(super) fn merge_sorted_slice(
    left: Vec<Value>,
    right: Vec<Value>,
    server_order: &[Value],
    merge_key: &str,
    kind: Kind,
) -> Vec<Value> {
    let idx = Index::new(server_order, kind, merge_key);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let take_left = match (left.peek(), right.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(l), Some(r)) => matches!(
                (idx.get(l, kind, merge_key), idx.get(r, kind, merge_key)),
                (Some(li), Some(ri)) if li < ri
            ),
        };
        let next = if take_left { left.next() } else { right.next() };
        if let Some(v) = next {
            out.push(v);
        }
    }
    out
}

/// Merge-key lookup value of a list item as Go's `index` sees it (`nil` when absent or not a
/// map), as an identity string.
pub(crate) fn item_ident(item: &Value, kind: Kind, merge_key: &str) -> String {
    if kind == Kind::Map {
        match item.as_object().and_then(|m| m.get(merge_key)) {
            Some(v) => ident(v),
            None => ident(&Value::Null),
        }
    } else {
        ident(item)
    }
}

/// Go's `index(l, val, mergeKey, kind)` made O(1): first position of each identity.
pub(crate) struct Index(std::collections::BTreeMap<String, usize>);

impl Index {
    pub(crate) fn new(list: &[Value], kind: Kind, merge_key: &str) -> Index {
        let mut h = std::collections::BTreeMap::new();
        for (i, v) in list.iter().enumerate() {
            h.entry(item_ident(v, kind, merge_key)).or_insert(i);
        }
        Index(h)
    }

    pub(crate) fn get(&self, item: &Value, kind: Kind, merge_key: &str) -> Option<usize> {
        self.0.get(&item_ident(item, kind, merge_key)).copied()
    }
}

/// `normalizeSliceOrder`: moves `$patch: delete` items (maps only) to the end and
/// stable-sorts the rest by their first position in `order` (Go's odd `Less` returns true when
/// either item is missing from `order`; `go_stable` reproduces Go's result even then).
pub(crate) fn normalize_slice_order(
    to_sort: Vec<Value>,
    order: &[Value],
    merge_key: &str,
    kind: Kind,
) -> R<Vec<Value>> {
    let mut to_delete = Vec::new();
    let mut keep = Vec::with_capacity(to_sort.len());
    if kind == Kind::Map {
        for list in [to_sort.as_slice(), order] {
            for item in list {
                match item.as_object() {
                    None => return Err(err_bad_arg_type(GO_MAP, item)),
                    Some(m) if !m.contains_key(merge_key) => {
                        return Err(err_no_merge_key(m, merge_key))
                    }
                    Some(_) => {}
                }
            }
        }
        for item in to_sort {
            let is_delete = item
                .as_object()
                .and_then(|m| m.get("$patch"))
                .and_then(Value::as_str)
                == Some("delete");
            if is_delete {
                to_delete.push(item);
            } else {
                keep.push(item);
            }
        }
    } else {
        keep = to_sort;
    }
    let idx = Index::new(order, kind, merge_key);
    let pos: Vec<Option<usize>> = keep.iter().map(|v| idx.get(v, kind, merge_key)).collect();
    let less =
        |i: usize, j: usize| match (pos.get(i).copied().flatten(), pos.get(j).copied().flatten()) {
            (Some(a), Some(b)) => a < b,
            _ => true,
        };
    let perm = crate::go::sort::go_stable(keep.len(), &less);
    let mut out = permute(keep, &perm);
    out.extend(to_delete);
    Ok(out)
}

/// Reorders `items` by a permutation (new position → old position) without cloning.
fn permute<T>(items: Vec<T>, perm: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    perm.iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// `sortScalars` / `sortMapsBasedOnField`: Go's `sort.Sort` with
/// `Less(i, j) = %v(i) <= %v(j)` over precomputed sort strings.
pub(crate) fn go_sort_by_strings<T>(items: Vec<T>, keys: &[String]) -> Vec<T> {
    let less = |i: usize, j: usize| match (keys.get(i), keys.get(j)) {
        (Some(a), Some(b)) => a <= b,
        _ => false,
    };
    let perm = crate::go::sort::go_sort(items.len(), &less);
    permute(items, &perm)
}
