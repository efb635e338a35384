//! A JSON Patch between two values: objects by key, arrays by index (common prefix
//! compared element by element, then additions or removals at the end), anything else
//! replaced. Causes are filled in by the caller.

use crate::json::Value;

use super::PatchOp;

/// Appends to `out` the operations turning `a` into `b`, under the JSON Pointer `path`.
pub(crate) fn diff(a: &Value, b: &Value, path: &str, out: &mut Vec<PatchOp>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().filter(|k| !y.contains_key(k)) {
                out.push(op("remove", child(path, k), None));
            }
            for (k, v) in y {
                match x.get(k) {
                    Some(old) => diff(old, v, &child(path, k), out),
                    None => out.push(op("add", child(path, k), Some(v.clone()))),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (old, new)) in x.iter().zip(y).enumerate() {
                diff(old, new, &format!("{path}/{i}"), out);
            }
            for (i, v) in y.iter().enumerate().skip(x.len()) {
                out.push(op("add", format!("{path}/{i}"), Some(v.clone())));
            }
            for i in (y.len()..x.len()).rev() {
                out.push(op("remove", format!("{path}/{i}"), None));
            }
        }
        _ => out.push(op("replace", path.to_string(), Some(b.clone()))),
    }
}

fn op(name: &str, path: String, value: Option<Value>) -> PatchOp {
    PatchOp {
        op: name.to_string(),
        path,
        value,
        cause: String::new(),
    }
}

/// `path` + `/` + the key escaped as a JSON Pointer token.
pub(crate) fn child(path: &str, key: &str) -> String {
    format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The unescaped tokens of a JSON Pointer.
pub(crate) fn tokens(path: &str) -> Vec<String> {
    path.split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}
