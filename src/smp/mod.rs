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

use std::borrow::Cow;

use crate::json::{Map, Value};

use crate::error::{Code, Error};
use crate::go::sort::stable_sort_by_str;

/// Which Go struct's patch metadata (`patchStrategy`/`patchMergeKey` tags of k8s.io/api
/// core/v1 and apimachinery meta/v1) drives the patch: the `dataStruct` argument of
/// apimachinery `StrategicMergePatch` / `CreateTwoWayMergePatch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
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
pub fn strategic_merge_patch(
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
    apply::merge_map(original.into_owned(), patch.into_owned(), Ty::from(schema))
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
pub fn create_two_way_merge_patch(
    original: &Value,
    modified: &Value,
    schema: Schema,
) -> Result<Value, Error> {
    let err = |m: String| Error::new(Code::InvalidTarget, m);
    check_depth(original).map_err(err)?;
    check_depth(modified).map_err(err)?;
    let original = as_doc(original).map_err(err)?;
    let modified = as_doc(modified).map_err(err)?;
    let mut patch = diff::diff_maps(&original, &modified, Ty::from(schema), false).map_err(err)?;
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
    let mut patch =
        diff::diff_maps_one_field(&modified, path, before, Ty::from(schema)).map_err(err)?;
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

// ---------------------------------------------------------------------------------------
// Patch metadata (the struct-tag table)
// ---------------------------------------------------------------------------------------

/// The Go struct a JSON object is decoded into, as far as patch metadata is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Pod,
    ObjectMeta,
    PodSpec,
    PodStatus,
    Container,
    /// Any other struct or map: no field has a patch strategy.
    Opaque,
}

impl From<Schema> for Ty {
    fn from(s: Schema) -> Ty {
        match s {
            Schema::Pod => Ty::Pod,
            Schema::Container => Ty::Container,
        }
    }
}

/// `PatchMeta` of one field: `patchStrategy:"merge[,retainKeys]" patchMergeKey:"…"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub merge: bool,
    pub retain_keys: bool,
    /// Empty for merged primitive lists (`finalizers`).
    pub key: &'static str,
}

const fn merge(key: &'static str) -> Meta {
    Meta {
        merge: true,
        retain_keys: false,
        key,
    }
}

const fn merge_retain(key: &'static str) -> Meta {
    Meta {
        merge: true,
        retain_keys: true,
        key,
    }
}

/// `LookupPatchMetadataForStruct` / `LookupPatchMetadataForSlice`: the field's element type and
/// patch metadata. Tags from k8s.io/api core/v1 types.go and apimachinery meta/v1 types.go.
// DIVERGENCE(apimachinery): a field unknown to the Go struct is an error there ("unable to find
// api field in struct …"); kubectl only ever patches JSON it marshalled from structs, so such
// fields never occur, and here they are treated as plain (recursively merged / atomic) data.
pub(crate) fn lookup(ty: Ty, field: &str) -> (Ty, Meta) {
    let none = Meta::default();
    match ty {
        Ty::Pod => match field {
            "metadata" => (Ty::ObjectMeta, none),
            "spec" => (Ty::PodSpec, none),
            "status" => (Ty::PodStatus, none),
            _ => (Ty::Opaque, none),
        },
        Ty::ObjectMeta => match field {
            "ownerReferences" => (Ty::Opaque, merge("uid")),
            "finalizers" => (Ty::Opaque, merge("")),
            _ => (Ty::Opaque, none),
        },
        Ty::PodSpec => match field {
            "volumes" => (Ty::Opaque, merge_retain("name")),
            "initContainers" | "containers" | "ephemeralContainers" => {
                (Ty::Container, merge("name"))
            }
            "imagePullSecrets" | "schedulingGates" | "evictionResponders" => {
                (Ty::Opaque, merge("name"))
            }
            "hostAliases" => (Ty::Opaque, merge("ip")),
            "topologySpreadConstraints" => (Ty::Opaque, merge("topologyKey")),
            "resourceClaims" => (Ty::Opaque, merge_retain("name")),
            _ => (Ty::Opaque, none),
        },
        Ty::PodStatus => match field {
            "conditions" => (Ty::Opaque, merge("type")),
            "hostIPs" | "podIPs" => (Ty::Opaque, merge("ip")),
            "resourceClaimStatuses" => (Ty::Opaque, merge_retain("name")),
            "nodeAllocatableResourceClaimStatuses" => (Ty::Opaque, merge("resourceClaimName")),
            _ => (Ty::Opaque, none),
        },
        Ty::Container => match field {
            "ports" => (Ty::Opaque, merge("containerPort")),
            "env" => (Ty::Opaque, merge("name")),
            "volumeMounts" => (Ty::Opaque, merge("mountPath")),
            "volumeDevices" => (Ty::Opaque, merge("devicePath")),
            _ => (Ty::Opaque, none),
        },
        Ty::Opaque => (Ty::Opaque, none),
    }
}

// ---------------------------------------------------------------------------------------
// Go value semantics
// ---------------------------------------------------------------------------------------

/// The dynamic Go type a JSON value decodes to with apimachinery's `util/json` (integers
/// become `int64`, other numbers `float64`): what `reflect.TypeOf` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Nil,
    Bool,
    Int,
    Float,
    Str,
    Slice,
    Map,
}

pub(crate) fn kind(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Nil,
        Value::Bool(_) => Kind::Bool,
        Value::Number(n) if n.as_i64().is_some() => Kind::Int,
        Value::Number(_) => Kind::Float,
        Value::String(_) => Kind::Str,
        Value::Array(_) => Kind::Slice,
        Value::Object(_) => Kind::Map,
    }
}

/// Identity for Go's interface `==` on scalars (int64 1 ≠ float64 1 ≠ "1"), used as a hash key.
pub(crate) fn ident(v: &Value) -> String {
    match v {
        Value::Number(n) if n.as_i64().is_none() => {
            format!("f:{}", go_float(n.as_f64().unwrap_or(0.0)))
        }
        other => kubedebug_skim::to_string(other),
    }
}

/// Go's `fmt.Sprintf("%v", v)` for a decoded JSON value.
pub(crate) fn go_v(v: &Value) -> String {
    let mut s = String::new();
    write_go_v(&mut s, v);
    s
}

fn write_go_v(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_i64() {
            Some(i) => out.push_str(&i.to_string()),
            None => out.push_str(&go_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_go_v(out, e);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            let keys = stable_sort_by_str(m.keys().collect(), |k: &&String| k.as_str());
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                if let Some(e) = m.get(k) {
                    write_go_v(out, e);
                }
            }
            out.push(']');
        }
    }
}

/// Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)` with the %v exponent rule:
/// exponent form when exp < -4 || exp >= 21).
fn go_float(f: f64) -> String {
    crate::go::float::format_go_v(f)
}

/// `mergepatch.ErrNoMergeKey`.
pub(crate) fn err_no_merge_key(m: &Map<String, Value>, key: &str) -> String {
    format!(
        "map: {} does not contain declared merge key: {key}",
        go_v(&Value::Object(m.clone()))
    )
}

/// `mergepatch.ErrBadArgType` with Go type names.
pub(crate) fn err_bad_arg_type(expected: &str, actual: &Value) -> String {
    let actual = match kind(actual) {
        Kind::Nil => "<nil>",
        Kind::Bool => "bool",
        Kind::Int => "int64",
        Kind::Float => "float64",
        Kind::Str => "string",
        Kind::Slice => "[]interface {}",
        Kind::Map => "map[string]interface {}",
    };
    format!("expected a {expected}, but received a {actual}")
}

pub(crate) const GO_MAP: &str = "map[string]interface {}";
pub(crate) const GO_SLICE: &str = "[]interface {}";

/// `sliceElementType`: the common kind of all elements of the given slices.
pub(crate) fn slice_element_kind(slices: &[&[Value]]) -> R<Kind> {
    let mut prev: Option<Kind> = None;
    for s in slices {
        for v in s.iter() {
            let k = kind(v);
            match prev {
                None => {
                    if k == Kind::Slice {
                        return Err("lists of lists are not supported".to_string());
                    }
                    // DIVERGENCE(apimachinery): a leading null element makes Go panic
                    // (reflect.TypeOf(nil).Kind()); we report it as an error.
                    if k == Kind::Nil {
                        return Err("list element types are not identical: null element".into());
                    }
                    prev = Some(k);
                }
                Some(p) if p != k => {
                    return Err(format!(
                        "list element types are not identical: {}",
                        slices
                            .iter()
                            .map(|s| go_v(&Value::Array(s.to_vec())))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ));
                }
                Some(_) => {}
            }
        }
    }
    prev.ok_or_else(|| "no elements in any of the given slices".to_string())
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

#[cfg(test)]
mod tests;
