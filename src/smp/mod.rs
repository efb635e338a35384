//! Strategic merge patch over `crate::json::Value`, for the core/v1 subset `kubectl debug`
//! needs: a reimplementation of k8s.io/apimachinery `pkg/util/strategicpatch` (patch.go)
//! driven by a hand-written table of core/v1 patch tags instead of Go reflection.
//!
//! * [`strategic_merge_patch`] mirrors `StrategicMergePatch` (apply side: `mergeMap`,
//!   `mergeSlice`, `$patch`, `$retainKeys`, `$setElementOrder`, `$deleteFromPrimitiveList`).
//! * [`create_two_way_merge_patch`] mirrors `CreateTwoWayMergePatch` (diff side: `diffMaps`,
//!   `diffLists`, `diffListsOfMaps`, `diffListsOfScalars`, with `$setElementOrder`).
//!
//! # Merge order of keyed lists (apply side)
//!
//! apimachinery `mergeSlice` first merges the lists (patch items whose merge key exists in the
//! original are merged *in place*, the others are appended), then restores an order with
//! `normalizeElementOrder` + `mergeSortedSlice`:
//!
//! 1. partition the merged list into *patch items* (key present in the patch) and
//!    *server-only items*;
//! 2. stable-sort patch items by their position in the patch, server-only items by their
//!    position in the original;
//! 3. interleave: repeatedly compare the next server-only item `l` with the next patch item
//!    `r`; take `l` only when **both** are found in the original and `l` precedes `r` there,
//!    otherwise take `r`; when one side is exhausted take the rest of the other.
//!
//! Derivations (original + patch → result):
//! * `[A=1]` + `[Z]`: patch `[Z]`, server `[A]`; `Z` is not in the original → take `Z`, then
//!   `A` → `[Z, A=1]`.
//! * `[A=1]` + `[CUSTOM, A=override]`: patch items `[CUSTOM, A]`, no server items →
//!   `[CUSTOM, A=override]`.
//! * `[A, B, C]` + `[C, X]`: patch `[C, X]`, server `[A, B]`; `A`(0) < `C`(2) → `A`; `B`(1) <
//!   `C`(2) → `B`; then `C, X` → `[A, B, C, X]`.
//! * `[A, B, C]` + `[X, A]`: patch `[X, A]`, server `[B, C]`; `X` not in the original → `X`;
//!   `B`(1) < `A`(0)? no → `A`; then `B, C` → `[X, A, B, C]`.
//! * `[A, B, C]` + `[B]`: server `[A, C]`; `A`(0) < `B`(1) → `A`; `C`(2) < `B`(1)? no → `B`;
//!   then `C` → `[A, B, C]`.
//! * `[A, B, C]` + `[C, A]`: server `[B]`, patch `[C, A]`; `B`(1) < `C`(2) → `B`; then `C, A`
//!   → `[B, C, A]` (the patch's relative order wins over the original's).
//!
//! With `$setElementOrder/<list>` (`mergePatchIntoOriginal`) the same procedure runs a second
//! time with the directive's list as the patch order, so the directive wins; server-only items
//! are then interleaved by their original positions.
//!
//! # Output key order
//!
//! Go marshals `map[string]interface{}` with sorted keys, so the two-way patch is returned
//! with every object's keys sorted. The apply side keeps the original's key order and appends
//! new keys in patch order (kubectl decodes the result into a struct, so the order is not
//! observable there).

mod apply;
mod diff;
mod go_value;
mod list_order;
mod patch_meta;

use std::borrow::Cow;

use crate::json::{Map, Value};

use crate::error::{Code, Error};
use crate::go::sort::stable_sort_by_str;
use patch_meta::PatchStruct;

/// Which Go struct's patch metadata (`patchStrategy`/`patchMergeKey` tags of k8s.io/api
/// core/v1 and apimachinery meta/v1) drives the patch: the `dataStruct` argument of
/// apimachinery `StrategicMergePatch` / `CreateTwoWayMergePatch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Schema {
    /// `corev1.Pod`: `metadata` (ObjectMeta), `spec` (PodSpec, containers as [`Schema::Container`]),
    /// `status` (PodStatus).
    Pod,
    /// `corev1.Container` (also used for `EphemeralContainer`, which has the same patch tags).
    Container,
}

/// apimachinery `strategicpatch.StrategicMergePatch(original, patch, dataStruct)`: applies the
/// strategic merge patch `patch` to `original` (both JSON objects) and returns the result.
///
/// Errors (code [`Code::CustomMerge`]) carry apimachinery's message, e.g.
/// `map: map[value:1] does not contain declared merge key: name`.
pub(crate) fn strategic_merge_patch(
    original: &Value,
    patch: &Value,
    schema: Schema,
) -> Result<Value, Error> {
    let err = |m: String| Error::new(Code::CustomMerge, m);
    check_depth(original).map_err(err)?;
    check_depth(patch).map_err(err)?;
    // Go's handleUnmarshal decodes both documents into map[string]interface{}; `null` decodes
    // to an empty map, anything else that is not an object is "invalid JSON document".
    let original = as_doc(original).map_err(err)?;
    let patch = as_doc(patch).map_err(err)?;
    apply::merge_map(
        original.into_owned(),
        patch.into_owned(),
        PatchStruct::from(schema),
    )
    .map(Value::Object)
    .map_err(err)
}

/// apimachinery `strategicpatch.CreateTwoWayMergePatch(original, modified, dataStruct)` (with
/// `DiffOptions{SetElementOrder: true}`, as kubectl debug calls it): the patch that turns
/// `original` into `modified`, with every object's keys sorted as Go marshals it. An unchanged
/// document yields `{}`.
///
/// Errors use [`Code::InvalidTarget`] (the caller adds kubectl's
/// `error creating patch to add debug container: ` prefix).
pub(crate) fn create_two_way_merge_patch(
    original: &Value,
    modified: &Value,
    schema: Schema,
) -> Result<Value, Error> {
    let err = |m: String| Error::new(Code::InvalidTarget, m);
    check_depth(original).map_err(err)?;
    check_depth(modified).map_err(err)?;
    let original = as_doc(original).map_err(err)?;
    let modified = as_doc(modified).map_err(err)?;
    let mut patch =
        diff::diff_maps(&original, &modified, PatchStruct::from(schema), false).map_err(err)?;
    sort_keys(&mut patch);
    Ok(Value::Object(patch))
}

/// [`create_two_way_merge_patch`] of `modified` against the document it was before, when
/// only the field at `path` changed (`before`: its old value, `None` when absent; the objects
/// on the path were objects before too). The caller can then turn the original into
/// `modified` in place instead of diffing against a full copy; the patch is the same.
pub(crate) fn create_two_way_merge_patch_one_field(
    modified: &Value,
    path: &[&str],
    before: Option<&Value>,
    schema: Schema,
) -> Result<Value, Error> {
    let err = |m: String| Error::new(Code::InvalidTarget, m);
    if let Some(b) = before {
        // The rest of the original is part of `modified`, checked below.
        check_depth_at(b, path.len() + 1).map_err(err)?;
    }
    check_depth(modified).map_err(err)?;
    let modified = as_doc(modified).map_err(err)?;
    let mut patch = diff::diff_maps_one_field(&modified, path, before, PatchStruct::from(schema))
        .map_err(err)?;
    sort_keys(&mut patch);
    Ok(Value::Object(patch))
}

/// Internal result: apimachinery's error text.
type R<T> = Result<T, String>;

/// Deepest nesting accepted (objects + arrays). Pods nest about 15 levels; the cap keeps all
/// recursive walks far from the stack limit (in Wasm too).
// DIVERGENCE(apimachinery): Go has no depth limit of its own (only the JSON decoder's 10000).
pub(crate) const MAX_DEPTH: usize = 100;

fn check_depth(v: &Value) -> R<()> {
    check_depth_at(v, 1)
}

/// [`check_depth`] of a value found at nesting level `depth` (1: the document).
fn check_depth_at(v: &Value, depth: usize) -> R<()> {
    let mut stack: Vec<(&Value, usize)> = vec![(v, depth)];
    while let Some((v, d)) = stack.pop() {
        let (Value::Array(_) | Value::Object(_)) = v else {
            continue;
        };
        if d > MAX_DEPTH {
            return Err(format!(
                "JSON document nested deeper than {MAX_DEPTH} levels"
            ));
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().map(|c| (c, d + 1))),
            Value::Object(m) => stack.extend(m.values().map(|c| (c, d + 1))),
            _ => {}
        }
    }
    Ok(())
}

/// Go's `handleUnmarshal` of one document, borrowed (the diff only reads both sides).
fn as_doc(v: &Value) -> R<Cow<'_, Map<String, Value>>> {
    match v {
        Value::Object(m) => Ok(Cow::Borrowed(m)),
        Value::Null => Ok(Cow::Owned(Map::new())),
        _ => Err("invalid JSON document".to_string()),
    }
}

/// Recursively sorts object keys (Go's `json.Marshal` of a generic map). Inputs are
/// depth-checked, so the recursion is bounded.
fn sort_keys(m: &mut Map<String, Value>) {
    // Through the crate's one sort routine: `Map::sort_keys` would instantiate core's sorts
    // (Wasm size). Keys are unique, so any sort gives this order.
    let entries: Vec<(String, Value)> = std::mem::take(m).into_iter().collect();
    *m = stable_sort_by_str(entries, |e| e.0.as_str())
        .into_iter()
        .map(|(k, mut v)| {
            sort_value(&mut v);
            (k, v)
        })
        .collect();
}

fn sort_value(v: &mut Value) {
    match v {
        Value::Object(m) => sort_keys(m),
        Value::Array(a) => a.iter_mut().for_each(sort_value),
        _ => {}
    }
}

impl From<Schema> for PatchStruct {
    fn from(s: Schema) -> PatchStruct {
        match s {
            Schema::Pod => PatchStruct::Pod,
            Schema::Container => PatchStruct::Container,
        }
    }
}

#[cfg(test)]
mod tests;
