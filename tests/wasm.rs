//! The Wasm boundary, run by wasm-bindgen-test in Node and (with WASM_BINDGEN_USE_BROWSER=1)
//! in headless Chromium: JSON in and out, errors as JS `Error`s with a code, no trap on junk.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use kubedebug::wasm::{
    default_kubectl_version, kubectl_versions, parse_args_json, plan_text, prepare_json, profiles,
};

const POD: &str = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx"}]}}"#;

fn error_code(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"code".into())
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_default()
}

fn error_message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn a_plan_crosses_the_boundary_as_json() {
    let session = r#"{"args":["web","--image=busybox","--profile=general"],"suffixes":["abcde"]}"#;
    let texts =
        plan_text(session.into(), POD.into(), true.into(), JsValue::UNDEFINED).unwrap_or_default();
    let parse = |i: usize| -> serde_json::Value {
        serde_json::from_str(texts.get(i).map_or("", String::as_str)).unwrap_or_default()
    };
    let mut plan = parse(0);
    plan["result"] = parse(1);
    plan["requests"][0]["body"] = parse(2);
    assert_eq!(texts.len(), 3);
    assert_eq!(plan["journey"], "ephemeral");
    assert_eq!(
        plan["requests"][0]["path"],
        "/api/v1/namespaces/default/pods/web/ephemeralcontainers"
    );
    assert_eq!(plan["result"]["metadata"]["labels"]["app"], "web");
    assert_eq!(
        plan["messages"][0]["text"],
        "Defaulting debug container name to debugger-abcde."
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_kubectl_text_and_a_code() {
    let err = prepare_json(r#"{"args":["web","--image=busybox","-t"]}"#.into())
        .err()
        .unwrap_or(JsValue::NULL);
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        error_message(&err),
        "-i/--stdin is required for containers with -t/--tty=true"
    );
    assert_eq!(error_code(&err), "validate/invalid");
    let err = parse_args_json(
        r#"["web","--bogus"]"#.into(),
        "1.33".into(),
        JsValue::UNDEFINED,
    )
    .err()
    .unwrap_or(JsValue::NULL);
    assert_eq!(error_message(&err), "unknown flag: --bogus");
    assert_eq!(error_code(&err), "flag/unknown");
}

#[wasm_bindgen_test]
fn junk_input_is_an_error_and_the_module_keeps_working() {
    let junk = [
        ("", ""),
        ("null", "null"),
        ("{\"args\":5}", POD),
        ("{}", "[1,2,3]"),
        (
            "{\"args\":[\"web\",\"--image=busybox\"]}",
            "{\"kind\":\"Pod\",\"spec\":{\"containers\":null}}",
        ),
        (
            "{\"args\":[\"web\",\"--image=busybox\"]}",
            "{\"kind\":\"Pod\",\"metadata\":{\"name\":7},\"spec\":7}",
        ),
        ("{\"kubectlVersion\":\"9.9\"}", POD),
    ];
    for (session, object) in junk {
        let _ = plan_text(
            session.into(),
            object.into(),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
        );
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(plan_text(
        "{}".into(),
        deep.as_str().into(),
        true.into(),
        JsValue::UNDEFINED
    )
    .is_err());
    assert!(plan_text(
        JsValue::from(5),
        JsValue::NULL,
        JsValue::NULL,
        JsValue::UNDEFINED
    )
    .is_err());
    assert!(profiles(JsValue::from(5)).is_err());
    assert_eq!(kubectl_versions().len(), 11);
    assert_eq!(default_kubectl_version(), "1.37");
    assert_eq!(profiles("1.29".into()).map(|p| p.len()).unwrap_or(0), 5);
    assert!(plan_text(
        r#"{"args":["web","--image=busybox"]}"#.into(),
        POD.into(),
        JsValue::NULL,
        JsValue::UNDEFINED
    )
    .is_ok());
}
