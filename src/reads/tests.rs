#![allow(clippy::indexing_slicing)]

use super::*;
use crate::json;

fn answer(object: Option<Value>, error: Option<Value>) -> ReadResult {
    ReadResult {
        name: NAMESPACE.to_string(),
        path: "/api/v1/namespaces/dev".to_string(),
        object,
        error,
    }
}

#[test]
fn the_namespace_read_is_a_checked_escaped_path() {
    let read = namespace_read("dev");
    assert_eq!(
        read,
        Ok(Read {
            name: "namespace".to_string(),
            path: "/api/v1/namespaces/dev".to_string()
        })
    );
    let bad = namespace_read("../x").map_err(|e| e.code());
    assert_eq!(bad, Err(Code::InvalidName));
}

#[test]
fn an_answer_counts_only_for_its_read() {
    let results = [answer(Some(json!({})), None)];
    let dev = namespace_read("dev").unwrap_or_default();
    let prod = namespace_read("prod").unwrap_or_default();
    assert!(find(&results, &dev).is_some());
    assert!(find(&results, &prod).is_none());
}

#[test]
fn a_failed_read_is_the_servers_message_with_what_needed_it() {
    let ok = answer(Some(json!({"metadata": {"name": "dev"}})), None);
    assert!(namespace_object(&ok, "dev", "--profile=auto").is_ok());
    let missing = answer(
        None,
        Some(json!({"kind": "Status", "code": 404, "message": "namespaces \"dev\" not found"})),
    );
    let e = namespace_object(&missing, "dev", "--profile=auto").err();
    assert_eq!(
        e.as_ref().map(|e| (e.code(), e.message())),
        Some((
            Code::NamespaceUnreadable,
            "--profile=auto needs the labels of namespace \"dev\": namespaces \"dev\" not found"
        ))
    );
    let forbidden = answer(None, Some(json!({"code": 403, "message": "nope"})));
    let e = namespace_object(&forbidden, "dev", "--preflight").err();
    assert_eq!(
        e.map(|e| e.message().to_string()),
        Some("--preflight needs the labels of namespace \"dev\": nope (give the profile explicitly, or --preflight=off)".to_string())
    );
    // Neither object nor error, or an object that is not one: no answer.
    for odd in [answer(None, None), answer(Some(json!("x")), None)] {
        assert!(namespace_object(&odd, "dev", "--preflight").is_err());
    }
}
