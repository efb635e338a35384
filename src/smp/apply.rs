//! Apply side: apimachinery `mergeMap` and friends with
//! `MergeOptions{MergeParallelList: true, IgnoreUnmatchedNulls: true}` (what
//! `StrategicMergePatch` uses).

use std::collections::BTreeMap;

use crate::json::{Map, Value};

use super::go_value::{
    err_bad_arg_type, err_bad_patch_type, err_no_merge_key, ident, kind, slice_element_kind, Kind,
    GO_MAP, GO_SLICE,
};
use super::list_order::{
    deduplicate_scalars, merge_slice_with_special_elements, normalize_element_order,
    partition_maps, partition_primitives, validate_patch_with_set_order, IdentSet,
};
use super::patch_meta::{
    lookup, PatchMeta, PatchStruct, DELETE_PREFIX, DIRECTIVE, ORDER_PREFIX, RETAIN_KEYS,
};
use super::R;

type Obj = Map<String, Value>;

/// `mergeMap`.
pub(crate) fn merge_map(mut original: Obj, mut patch: Obj, ty: PatchStruct) -> R<Obj> {
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
    let keep: IdentSet = list.iter().map(ident).collect();
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
fn merge_patch_into_original(original: &mut Obj, patch: &mut Obj, ty: PatchStruct) -> R<()> {
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

/// `mergeSliceHandler`.
fn merge_slice_handler(
    original: Vec<Value>,
    patch: Vec<Value>,
    elem: PatchStruct,
    meta: PatchMeta,
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
    elem: PatchStruct,
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
            let del: IdentSet = patch.iter().map(ident).collect();
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

/// `mergeSliceWithoutSpecialElements`: merges each patch item into the first original item
/// with the same merge key, or appends it.
fn merge_slice_without_special_elements(
    mut original: Vec<Value>,
    patch: &[Value],
    merge_key: &str,
    elem: PatchStruct,
) -> R<Vec<Value>> {
    // First position of each merge-key value (Go scans linearly: findMapInSliceBasedOnKeyValue).
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
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
