//! Apply side: apimachinery `mergeMap` and friends with
//! `MergeOptions{MergeParallelList: true, IgnoreUnmatchedNulls: true}` (what
//! `StrategicMergePatch` uses).

use std::collections::BTreeMap as HashMap;

/// A set of identities: a `BTreeMap<String, usize>` like the crate's other identity maps, so
/// that the Wasm holds one instantiation of the map code (and no hash table).
struct HashSet(HashMap<String, usize>);

impl HashSet {
    fn with_capacity(_: usize) -> HashSet {
        HashSet(HashMap::new())
    }

    fn insert(&mut self, k: String) {
        self.0.insert(k, 0);
    }

    fn contains(&self, k: &str) -> bool {
        self.0.contains_key(k)
    }
}

impl FromIterator<String> for HashSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> HashSet {
        let mut set = HashSet(HashMap::new());
        iter.into_iter().for_each(|k| set.insert(k));
        set
    }
}

use crate::json::{Map, Value};

use super::{
    err_bad_arg_type, err_no_merge_key, go_v, ident, kind, lookup, normalize_slice_order,
    slice_element_kind, Index, Kind, Meta, Ty, GO_MAP, GO_SLICE, R,
};

const DIRECTIVE: &str = "$patch";
const RETAIN_KEYS: &str = "$retainKeys";
const DELETE_PREFIX: &str = "$deleteFromPrimitiveList";
const ORDER_PREFIX: &str = "$setElementOrder";

type Obj = Map<String, Value>;

/// `mergeMap`.
pub(crate) fn merge_map(mut original: Obj, mut patch: Obj, ty: Ty) -> R<Obj> {
    if let Some(d) = patch.get(DIRECTIVE) {
        // handleDirectiveInMergeMap
        return match d.as_str() {
            Some("replace") => {
                patch.shift_remove(DIRECTIVE);
                Ok(patch)
            }
            Some("delete") => Ok(Map::new()),
            _ => Err(err_bad_patch_type(d, &patch)),
        };
    }
    apply_retain_keys(&mut original, &mut patch)?;
    merge_patch_into_original(&mut original, &mut patch, ty)?;

    for (k, patch_v) in patch {
        let (k, is_delete_list) = if k.starts_with(DELETE_PREFIX) {
            (
                extract_key(&k, DELETE_PREFIX, "invalid patch format of primitive list")?,
                true,
            )
        } else {
            (k, false)
        };
        if patch_v.is_null() {
            original.shift_remove(&k);
            continue;
        }
        let Some(slot) = original.get_mut(&k) else {
            if !is_delete_list {
                let mut v = patch_v;
                discard_nulls(&mut v);
                if let Some(v) = remove_directives(v) {
                    original.insert(k, v);
                }
            }
            continue;
        };
        if kind(slot) != kind(&patch_v) {
            if !is_delete_list {
                let mut v = patch_v;
                discard_nulls(&mut v);
                match remove_directives(v) {
                    Some(v) => *slot = v,
                    None => {
                        original.shift_remove(&k);
                    }
                }
            }
            continue;
        }
        let orig_v = std::mem::take(slot);
        let merged = match (orig_v, patch_v) {
            (Value::Object(o), Value::Object(p)) => {
                let (sub, _meta) = lookup(ty, &k);
                // No core/v1 struct field has patchStrategy "replace", so mergeMapHandler
                // always merges.
                Some(Value::Object(merge_map(o, p, sub)?))
            }
            (Value::Array(o), Value::Array(p)) => {
                let (sub, meta) = lookup(ty, &k);
                Some(Value::Array(merge_slice_handler(
                    o,
                    p,
                    sub,
                    meta,
                    is_delete_list,
                )?))
            }
            (_, p) => remove_directives(p),
        };
        match merged {
            Some(v) => {
                if let Some(slot) = original.get_mut(&k) {
                    *slot = v;
                }
            }
            None => {
                original.shift_remove(&k);
            }
        }
    }
    Ok(original)
}

fn err_bad_patch_type(d: &Value, m: &Obj) -> String {
    format!(
        "unknown patch type: {} in map: {}",
        go_v(d),
        go_v(&Value::Object(m.clone()))
    )
}

/// `extractKey`: `prefix/rest` → `rest`.
fn extract_key(s: &str, prefix: &str, err: &str) -> R<String> {
    match s.split_once('/') {
        Some((p, rest)) if p == prefix => Ok(rest.to_string()),
        _ => Err(err.to_string()),
    }
}

/// `applyRetainKeysDirective` (MergeParallelList = true).
fn apply_retain_keys(original: &mut Obj, patch: &mut Obj) -> R<()> {
    let Some(list) = patch.shift_remove(RETAIN_KEYS) else {
        return Ok(());
    };
    let bad = || "invalid patch format of retainKeys".to_string();
    let Value::Array(list) = list else {
        return Err(bad());
    };
    let keep: HashSet = list.iter().map(ident).collect();
    for (k, v) in patch.iter() {
        if v.is_null() || k.starts_with(DELETE_PREFIX) || k.starts_with(ORDER_PREFIX) {
            continue;
        }
        if !keep.contains(&ident(&Value::String(k.clone()))) {
            return Err(bad());
        }
    }
    original.retain(|k, _| keep.contains(&ident(&Value::String(k.clone()))));
    Ok(())
}

/// `mergePatchIntoOriginal` (MergeParallelList = true): processes every
/// `$setElementOrder/<list>` directive together with its list.
fn merge_patch_into_original(original: &mut Obj, patch: &mut Obj, ty: Ty) -> R<()> {
    let keys: Vec<String> = patch
        .keys()
        .filter(|k| k.starts_with(ORDER_PREFIX))
        .cloned()
        .collect();
    for key in keys {
        let Some(order_v) = patch.shift_remove(&key) else {
            continue;
        };
        let Value::Array(order) = order_v else {
            return Err(err_bad_arg_type(GO_SLICE, &order_v));
        };
        let list_key = extract_key(
            &key,
            ORDER_PREFIX,
            "invalid patch format of setElementOrder list",
        )?;
        let original_list = match original.get(&list_key) {
            None => None,
            Some(Value::Array(a)) => Some(a.clone()),
            Some(other) => return Err(err_bad_arg_type(GO_SLICE, other)),
        };
        let patch_list = match patch.get(&list_key) {
            None => None,
            Some(Value::Array(a)) => Some(a.clone()),
            Some(other) => return Err(err_bad_arg_type(GO_SLICE, other)),
        };
        let (sub, meta) = lookup(ty, &list_key);
        validate_patch_with_set_order(patch_list.as_deref().unwrap_or(&[]), &order, meta.key)?;

        let merged = match (&original_list, &patch_list) {
            (Some(o), None) => o.clone(),
            (None, Some(p)) => match remove_directives(Value::Array(p.clone())) {
                Some(Value::Array(a)) => a,
                _ => continue,
            },
            (Some(o), Some(p)) => merge_slice_handler(o.clone(), p.clone(), sub, meta, false)?,
            (None, None) => continue,
        };
        let orig_slice = original_list.as_deref().unwrap_or(&[]);
        let kind = slice_element_kind(&[orig_slice, patch_list.as_deref().unwrap_or(&[])])?;
        let (patch_items, server_only) = if meta.key.is_empty() {
            partition_primitives(merged, &order)
        } else {
            partition_maps(merged, &order, meta.key)?
        };
        let both =
            normalize_element_order(patch_items, server_only, &order, orig_slice, meta.key, kind)?;
        original.insert(list_key.clone(), Value::Array(both));
        patch.shift_remove(&list_key);
    }
    Ok(())
}

/// `validatePatchWithSetOrderList`: the (non-delete) patch items must appear in the
/// `$setElementOrder` list in the same relative order.
fn validate_patch_with_set_order(patch: &[Value], order: &[Value], merge_key: &str) -> R<()> {
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
fn merge_key_value_equal(left: &Value, right: &Value, merge_key: &str) -> R<bool> {
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
fn partition_primitives(merged: Vec<Value>, by: &[Value]) -> (Vec<Value>, Vec<Value>) {
    let present: HashSet = by.iter().map(ident).collect();
    merged
        .into_iter()
        .partition(|v| present.contains(&ident(v)))
}

/// `partitionMapsByPresentInList`.
fn partition_maps(
    merged: Vec<Value>,
    by: &[Value],
    merge_key: &str,
) -> R<(Vec<Value>, Vec<Value>)> {
    let mut present: HashSet = HashSet::with_capacity(by.len());
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

/// `mergeSliceHandler`.
fn merge_slice_handler(
    original: Vec<Value>,
    patch: Vec<Value>,
    elem: Ty,
    meta: Meta,
    is_delete_list: bool,
) -> R<Vec<Value>> {
    if meta.merge || is_delete_list {
        merge_slice(original, patch, elem, meta.key, is_delete_list)
    } else {
        // Atomic list: the patch value as is (Go does not strip directives or nulls here).
        Ok(patch)
    }
}

/// `mergeSlice`.
fn merge_slice(
    original: Vec<Value>,
    patch: Vec<Value>,
    elem: Ty,
    merge_key: &str,
    is_delete_list: bool,
) -> R<Vec<Value>> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let kind = slice_element_kind(&[&original, &patch])?;
    let (original, patch, merged) = if kind != Kind::Map {
        if is_delete_list {
            // deleteFromSlice
            let del: HashSet = patch.iter().map(ident).collect();
            return Ok(original
                .into_iter()
                .filter(|v| !del.contains(&ident(v)))
                .collect());
        }
        let mut both = original.clone();
        both.extend(patch.iter().cloned());
        (original, patch, deduplicate_scalars(both))
    } else {
        if merge_key.is_empty() {
            return Err("cannot merge lists without merge key for struct".to_string());
        }
        let (original, patch) = merge_slice_with_special_elements(original, patch, merge_key)?;
        let merged =
            merge_slice_without_special_elements(original.clone(), &patch, merge_key, elem)?;
        (original, patch, merged)
    };
    let (patch_items, server_only) = if merge_key.is_empty() {
        partition_primitives(merged, &patch)
    } else {
        partition_maps(merged, &patch, merge_key)?
    };
    normalize_element_order(patch_items, server_only, &patch, &original, merge_key, kind)
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
fn merge_slice_with_special_elements(
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

/// `mergeSliceWithoutSpecialElements`: merges each patch item into the first original item
/// with the same merge key, or appends it.
fn merge_slice_without_special_elements(
    mut original: Vec<Value>,
    patch: &[Value],
    merge_key: &str,
    elem: Ty,
) -> R<Vec<Value>> {
    // First position of each merge-key value (Go scans linearly: findMapInSliceBasedOnKeyValue).
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, o) in original.iter().enumerate() {
        let Some(om) = o.as_object() else {
            if !patch.is_empty() {
                return Err(format!("value for key {i} is not a map"));
            }
            continue;
        };
        if let Some(v) = om.get(merge_key) {
            first.entry(ident(v)).or_insert(i);
        }
    }
    for v in patch {
        let Some(m) = v.as_object() else {
            return Err(err_bad_arg_type(GO_MAP, v));
        };
        let Some(mv) = m.get(merge_key) else {
            return Err(err_no_merge_key(m, merge_key));
        };
        let id = ident(mv);
        match first.get(&id).copied() {
            Some(i) => {
                if let Some(slot) = original.get_mut(i) {
                    let o = match std::mem::take(slot) {
                        Value::Object(o) => o,
                        _ => Map::new(),
                    };
                    *slot = Value::Object(merge_map(o, m.clone(), elem)?);
                }
            }
            None => {
                first.insert(id, original.len());
                original.push(v.clone());
            }
        }
    }
    Ok(original)
}

/// `normalizeElementOrder` + `mergeSortedSlice`.
fn normalize_element_order(
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
fn merge_sorted_slice(
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

/// `removeDirectives`: drops maps carrying `$patch` (returns `None` for such a value) and
/// strips them recursively from maps and lists.
pub(crate) fn remove_directives(v: Value) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.contains_key(DIRECTIVE) {
                return None;
            }
            let mut out = Map::with_capacity(m.len());
            for (k, v) in m {
                if let Some(v) = remove_directives(v) {
                    out.insert(k, v);
                }
            }
            Some(Value::Object(out))
        }
        Value::Array(a) => Some(Value::Array(
            a.into_iter().filter_map(remove_directives).collect(),
        )),
        other => Some(other),
    }
}

/// `discardNullValuesFromPatch`: removes null-valued keys at every depth (null list elements
/// stay).
fn discard_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(discard_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(discard_nulls),
        _ => {}
    }
}
