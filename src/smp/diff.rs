//! Diff side: apimachinery `diffMaps` and friends with `DiffOptions{SetElementOrder: true}`
//! (what `CreateTwoWayMergePatch` uses: no ignored changes, additions or deletions).

use crate::json::{Map, Value};

use super::go_value::{
    err_bad_arg_type, err_no_merge_key, go_v, ident, kind, slice_element_kind, Kind, GO_MAP,
};
use super::list_order::{deduplicate_scalars, go_sort_by_strings, normalize_slice_order};
use super::patch_meta::{lookup, PatchMeta, PatchStruct};
use super::R;

type Obj = Map<String, Value>;

/// Whether an unchanged field can still produce a patch: Go sorts a merged primitive list
/// (`finalizers`) in place before comparing, so an unsorted one yields `$setElementOrder`.
fn may_order_unchanged(ty: PatchStruct, key: &str) -> bool {
    let (sub, meta) = lookup(ty, key);
    (meta.merge && meta.key.is_empty()) || matches!(sub, PatchStruct::ObjectMeta)
}

/// `diffMaps`.
pub(crate) fn diff_maps(
    original: &Obj,
    modified: &Obj,
    ty: PatchStruct,
    build_retain_keys: bool,
) -> R<Obj> {
    let mut patch = Map::new();
    let mut retain: Vec<String> = Vec::new();
    for (key, mv) in modified {
        if build_retain_keys && !mv.is_null() {
            retain.push(key.clone());
        }
        diff_field(&mut patch, key, original.get(key), mv, ty)?;
    }
    // updatePatchIfMissing
    for key in original.keys() {
        if !modified.contains_key(key) {
            patch.insert(key.clone(), Value::Null);
        }
    }
    if !retain.is_empty() && (!patch.is_empty() || has_additional_new_field(original, modified)) {
        let retain = crate::go::sort::stable_sort_by_str(retain, String::as_str);
        patch.insert(
            "$retainKeys".to_string(),
            Value::Array(retain.into_iter().map(Value::String).collect()),
        );
    }
    Ok(patch)
}

/// `diffMaps` of a document against itself as it was before with one field changed: the
/// field at `path` (object keys from the top), whose old value is `before` (`None` when
/// absent); the objects on the path were objects before too. The rest is compared with
/// itself, so the caller needs no copy of it. (No object on a path of more than one key may
/// need `$retainKeys`: none on a Pod's `spec` does.)
pub(crate) fn diff_maps_one_field(
    modified: &Obj,
    path: &[&str],
    before: Option<&Value>,
    ty: PatchStruct,
) -> R<Obj> {
    let mut patch = Map::new();
    let Some((field, rest)) = path.split_first() else {
        return Ok(patch);
    };
    for (key, mv) in modified {
        if key == field && !rest.is_empty() {
            // The parent of the changed field: diff it the same way, one level down.
            if let Value::Object(m) = mv {
                let sub = diff_maps_one_field(m, rest, before, lookup(ty, key).0)?;
                if !sub.is_empty() {
                    patch.insert(key.clone(), Value::Object(sub));
                }
            }
            continue;
        }
        let ov = if key == field { before } else { Some(mv) };
        diff_field(&mut patch, key, ov, mv, ty)?;
    }
    // updatePatchIfMissing
    if rest.is_empty() && before.is_some() && !modified.contains_key(field) {
        patch.insert((*field).to_string(), Value::Null);
    }
    Ok(patch)
}

/// One key of `diffMaps`' loop over the modified map (`original`: the key's old value).
fn diff_field(
    patch: &mut Obj,
    key: &String,
    original: Option<&Value>,
    mv: &Value,
    ty: PatchStruct,
) -> R<()> {
    let Some(ov) = original else {
        patch.insert(key.clone(), mv.clone());
        return Ok(());
    };
    if (std::ptr::eq(ov, mv) || ov == mv) && !may_order_unchanged(ty, key) {
        // Equal values produce no patch; skipping them keeps the diff of a large pod cheap.
        return Ok(());
    }
    if key == "$patch" {
        // handleDirectiveMarker
        match (ov.as_str(), mv.as_str()) {
            (Some(o), Some(m)) => {
                if o != m {
                    patch.insert(key.clone(), mv.clone());
                }
                return Ok(());
            }
            _ => return Err("invalid value for special key: $patch".to_string()),
        }
    }
    if kind(ov) != kind(mv) {
        patch.insert(key.clone(), mv.clone());
        return Ok(());
    }
    match (ov, mv) {
        (Value::Object(o), Value::Object(m)) => {
            // handleMapDiff (no core/v1 field has the "replace" strategy)
            let (sub, meta) = lookup(ty, key);
            let p = diff_maps(o, m, sub, meta.retain_keys)?;
            if !p.is_empty() {
                patch.insert(key.clone(), Value::Object(p));
            }
        }
        (Value::Array(o), Value::Array(m)) => {
            // handleSliceDiff
            let (sub, meta) = lookup(ty, key);
            if meta.merge {
                let (add, del, order) = diff_lists(o, m, sub, meta)?;
                if !add.is_empty() {
                    patch.insert(key.clone(), Value::Array(add));
                }
                if !del.is_empty() {
                    patch.insert(format!("$deleteFromPrimitiveList/{key}"), Value::Array(del));
                }
                if !order.is_empty() {
                    patch.insert(format!("$setElementOrder/{key}"), Value::Array(order));
                }
            } else if o != m {
                patch.insert(key.clone(), mv.clone());
            }
        }
        _ => {
            if !scalar_equal(ov, mv) {
                patch.insert(key.clone(), mv.clone());
            }
        }
    }
    Ok(())
}

/// `reflect.DeepEqual` of two scalars of the same Go kind.
fn scalar_equal(a: &Value, b: &Value) -> bool {
    ident(a) == ident(b)
}

/// `hasAdditionalNewField`.
fn has_additional_new_field(original: &Obj, modified: &Obj) -> bool {
    original
        .iter()
        .any(|(k, v)| !v.is_null() && !modified.contains_key(k))
}

/// `diffLists`: (patch list, primitive deletion list, `$setElementOrder` list).
fn diff_lists(
    original: &[Value],
    modified: &[Value],
    elem: PatchStruct,
    meta: PatchMeta,
) -> R<(Vec<Value>, Vec<Value>, Vec<Value>)> {
    if original.is_empty() {
        return Ok((modified.to_vec(), Vec::new(), Vec::new()));
    }
    match slice_element_kind(&[original, modified])? {
        Kind::Map => {
            let (patch, deletions) = diff_lists_of_maps(original, modified, elem, meta)?;
            let mut patch = normalize_slice_order(patch, modified, meta.key, Kind::Map)?;
            let order_same = is_order_same(original, modified, meta.key)?;
            patch.extend(deletions);
            let mut order = Vec::new();
            if !patch.is_empty() || !order_same {
                order.reserve(modified.len());
                for v in modified {
                    let mut m = Map::new();
                    if let Some(kv) = v.as_object().and_then(|o| o.get(meta.key)) {
                        m.insert(meta.key.to_string(), kv.clone());
                    }
                    order.push(Value::Object(m));
                }
            }
            Ok((patch, Vec::new(), order))
        }
        Kind::Slice => Err("lists of lists are not supported".to_string()),
        k => {
            let (add, del, sorted_original) = diff_lists_of_scalars(original, modified);
            let add = normalize_slice_order(add, modified, meta.key, k)?;
            // Go sorts `original` in place (sortScalars) before this DeepEqual, so an
            // unchanged but unsorted list still gets a $setElementOrder directive.
            let order = if !del.is_empty() || !lists_equal(&sorted_original, modified) {
                modified.to_vec()
            } else {
                Vec::new()
            };
            Ok((add, del, order))
        }
    }
}

fn lists_equal(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| ident(x) == ident(y))
}

/// `isOrderSame`.
fn is_order_same(original: &[Value], modified: &[Value], merge_key: &str) -> R<bool> {
    if original.len() != modified.len() {
        return Ok(false);
    }
    for (o, m) in original.iter().zip(modified) {
        let (Some(om), Some(mm)) = (o.as_object(), m.as_object()) else {
            return Err(err_bad_arg_type(GO_MAP, if o.is_object() { m } else { o }));
        };
        let ov = om
            .get(merge_key)
            .ok_or_else(|| err_no_merge_key(om, merge_key))?;
        let mv = mm
            .get(merge_key)
            .ok_or_else(|| err_no_merge_key(mm, merge_key))?;
        if ident(ov) != ident(mv) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `diffListsOfScalars`: (additions, deduplicated deletions, the sorted original).
fn diff_lists_of_scalars(
    original: &[Value],
    modified: &[Value],
) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let sort = |l: &[Value]| -> (Vec<Value>, Vec<String>) {
        let keys: Vec<String> = l.iter().map(go_v).collect();
        let sorted = go_sort_by_strings(l.to_vec(), &keys);
        let keys = sorted.iter().map(go_v).collect();
        (sorted, keys)
    };
    let (os, ok) = sort(original);
    let (ms, mk) = sort(modified);
    let (mut oi, mut mi) = (0usize, 0usize);
    let mut add = Vec::new();
    let mut del = Vec::new();
    loop {
        match (ok.get(oi), mk.get(mi)) {
            (None, None) => break,
            (Some(o), Some(m)) if o == m => {
                oi += 1;
                mi += 1;
            }
            (None, Some(_)) => {
                add.extend(ms.get(mi).cloned());
                mi += 1;
            }
            (Some(o), Some(m)) if o > m => {
                add.extend(ms.get(mi).cloned());
                mi += 1;
            }
            _ => {
                del.extend(os.get(oi).cloned());
                oi += 1;
            }
        }
    }
    (add, deduplicate_scalars(del), os)
}

/// `diffListsOfMaps`: walks both lists sorted by merge key (Go `sort.Sort` with a `<=` Less,
/// which decides how duplicate keys pair up) and emits changed/new items and delete
/// directives.
fn diff_lists_of_maps(
    original: &[Value],
    modified: &[Value],
    elem: PatchStruct,
    meta: PatchMeta,
) -> R<(Vec<Value>, Vec<Value>)> {
    let key = meta.key;
    let os = sorted_by_key(original, key);
    let ms = sorted_by_key(modified, key);
    let mut patch = Vec::with_capacity(modified.len());
    let mut deletions = Vec::new();
    let (mut oi, mut mi) = (0usize, 0usize);
    loop {
        let o = os.get(oi);
        let m = ms.get(mi);
        if o.is_none() && m.is_none() {
            break;
        }
        let oe = o.map(|(v, _)| map_and_key(v, key)).transpose()?;
        let me = m.map(|(v, _)| map_and_key(v, key)).transpose()?;
        let os_ = o.map(|(_, s)| s.as_str());
        let ms_ = m.map(|(_, s)| s.as_str());
        match (oe, me) {
            (Some((om, _)), Some((mm, mkv))) if os_ == ms_ => {
                let mut p = diff_maps(om, mm, elem, meta.retain_keys)?;
                if !p.is_empty() {
                    p.insert(key.to_string(), mkv.clone());
                    patch.push(Value::Object(p));
                }
                oi += 1;
                mi += 1;
            }
            (None, Some((mm, _))) => {
                patch.push(Value::Object(mm.clone()));
                mi += 1;
            }
            (Some(_), Some((mm, _))) if os_ > ms_ => {
                patch.push(Value::Object(mm.clone()));
                mi += 1;
            }
            (Some((_, okv)), _) => {
                let mut d = Map::new();
                d.insert(key.to_string(), okv.clone());
                d.insert("$patch".to_string(), Value::String("delete".to_string()));
                deletions.push(Value::Object(d));
                oi += 1;
            }
            (None, None) => break,
        }
    }
    Ok((patch, deletions))
}

/// `getMapAndMergeKeyValueByIndex`.
fn map_and_key<'a>(v: &'a Value, key: &str) -> R<(&'a Obj, &'a Value)> {
    let m = v.as_object().ok_or_else(|| err_bad_arg_type(GO_MAP, v))?;
    let kv = m.get(key).ok_or_else(|| err_no_merge_key(m, key))?;
    Ok((m, kv))
}

/// `sortMergeListsByNameArray` (non-recursive): items with their `%v` merge-key strings, in
/// Go `sort.Sort` order.
fn sorted_by_key<'a>(l: &'a [Value], key: &str) -> Vec<(&'a Value, String)> {
    let keys: Vec<String> = l
        .iter()
        .map(|v| {
            go_v(
                v.as_object()
                    .and_then(|m| m.get(key))
                    .unwrap_or(&Value::Null),
            )
        })
        .collect();
    let items: Vec<(&'a Value, String)> = l.iter().zip(keys.iter().cloned()).collect();
    go_sort_by_strings(items, &keys)
}
