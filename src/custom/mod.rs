//! `--custom` profile loading (kubectl `debug.go` `Complete`, KEP-4292): the file is decoded into a
//! Go `corev1.Container` with `encoding/json` (and, from 1.31, sigs.k8s.io/yaml on failure), then
//! re-marshalled with Go `omitempty` rules. Everything the Go round trip loses is lost here too.

mod doc;
pub(crate) mod model;
mod quantity;
pub(crate) use kubedebug_gotypes::schema;
mod encode;
mod yaml;
mod yaml_parse;
mod yaml_scalar;
mod yaml_scan;
mod yaml_scan_scalar;

/// Mirrors apimachinery `resource.ParseQuantity`'s acceptance: `Err` is its error text.
pub(crate) fn check_quantity(s: &str) -> Result<(), &'static str> {
    quantity::parse(s).map(|_| ())
}

/// Mirrors `resource.ParseQuantity(s)` then `String()`: the canonical text kubectl sends.
pub(crate) fn canonical_quantity(s: &str) -> Result<String, &'static str> {
    quantity::canonical(s)
}

use crate::json::Value;

use crate::error::{Code, Error};
use crate::version::KubectlVersion;

/// Decodes a document into `*corev1.Container`: `Ok(None)` for `null`, else the re-marshalled
/// container, or Go's decoder error text.
fn decode(d: &doc::Doc, minor: u8) -> Result<Option<Value>, String> {
    if matches!(d.get(d.root), Some(doc::DocNode::Null)) {
        return Ok(None);
    }
    let mut dec = model::Dec::new(d, minor);
    let mut out = model::GoValue::Zero;
    dec.value(
        d.root,
        schema::CONTAINER,
        &mut out,
        d.yaml.then_some(schema::CONTAINER),
    )?;
    match dec.saved() {
        Some(e) => Err(e),
        None => Ok(Some(encode::marshal(schema::CONTAINER, &out))),
    }
}

/// Mirrors kubectl `debug.go` `Complete`: read+parse of `--custom` (`json.Unmarshal`, then from
/// 1.31 `sigs.k8s.io/yaml.Unmarshal` whose error is the one reported).
/// `path` is only used in messages. Returns `Ok(None)` for a file whose content decodes to Go nil
/// (`null`). `Ok(Some(v))`: the container exactly as Go would re-marshal it (`json.Marshal` of
/// `corev1.Container`), as a JSON object in Go struct field order.
pub(crate) fn parse_custom_profile(
    path: &str,
    text: &str,
    version: KubectlVersion,
) -> Result<Option<Value>, Error> {
    let invalid = |m: String| {
        Error::new(
            Code::CustomInvalid,
            format!("{path} does not contain a valid container spec: {m}"),
        )
    };
    let minor = version.minor();
    let json_err = match doc::parse_json(text).and_then(|d| decode(&d, minor)) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    if !version.at_least(31) {
        return Err(invalid(json_err));
    }
    // DIVERGENCE(kubectl): Go decodes the YAML into the struct the failed JSON pass partly filled;
    // both passes see the same data, so only exotic inputs (JSON-only escapes) could differ.
    let d = yaml::yaml_to_doc(text)
        .and_then(
            |d| match model::unsupported_float(&d, Some(schema::CONTAINER), minor) {
                Some(e) => Err(e),
                None => Ok(d),
            },
        )
        .map_err(|e| invalid(format!("error converting YAML to JSON: {e}")))?;
    decode(&d, minor)
        .map_err(|e| invalid(format!("error unmarshaling JSON: while decoding JSON: {e}")))
}

/// sigs.k8s.io/yaml's `YAMLToJSON` of the first YAML document of `text` (go-yaml v2 semantics:
/// YAML 1.1 booleans, octal, merge keys; maps with sorted keys): `Null` for an empty document.
/// The error is the text after `error converting YAML to JSON: `. For hosts and tests that read
/// `-f` documents as kubectl does (split on `---` lines first, like its `YAMLReader`).
///
/// # Errors
/// go-yaml's text (`yaml: line 2: …`).
pub fn yaml_to_json(text: &str) -> Result<Value, String> {
    let d = yaml::yaml_to_doc(text)?;
    if let Some(e) = model::unsupported_float(&d, None, 0) {
        return Err(e);
    }
    // Children are pushed before their parents: convert in index order, each node once.
    let mut done: Vec<Value> = Vec::with_capacity(d.nodes.len());
    let at = |done: &Vec<Value>, i: &u32| {
        usize::try_from(*i)
            .ok()
            .and_then(|i| done.get(i).cloned())
            .unwrap_or(Value::Null)
    };
    for n in &d.nodes {
        let v = match n {
            doc::DocNode::Null => Value::Null,
            doc::DocNode::Bool(b) => Value::Bool(*b),
            doc::DocNode::Num(t, _) => {
                kubedebug_skim::Number::from_json(t).map_or(Value::Null, Value::Number)
            }
            doc::DocNode::Str(t, _) => Value::String(t.clone()),
            doc::DocNode::Arr(items) => Value::Array(items.iter().map(|i| at(&done, i)).collect()),
            doc::DocNode::Obj(kv) => {
                let mut m = crate::json::Map::new();
                for (k, i) in kv {
                    m.insert(k.clone(), at(&done, i));
                }
                Value::Object(m)
            }
        };
        done.push(v);
    }
    Ok(at(&done, &d.root))
}

/// Mirrors kubectl `debug.go` `Validate`'s custom-profile check: `name`, `command` (non-empty),
/// `image`, `lifecycle` (non-null) and `volumeDevices` (non-empty) may not be set.
pub(crate) fn check_forbidden_fields(container: &Value) -> Result<(), Error> {
    let non_empty = |k: &str| match container.get(k) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => k == "lifecycle",
    };
    if ["name", "command", "image", "lifecycle", "volumeDevices"]
        .iter()
        .any(|k| non_empty(k))
    {
        return Err(Error::new(
            Code::CustomForbidden,
            "name, command, image, lifecycle and volume devices are not modifiable via custom profile",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
