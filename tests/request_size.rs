//! Issue 15, item 6: a request body over the API server's 3 MiB limit is refused while
//! planning, saying why; nothing of the journey is sent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kubedebug::MAX_REQUEST_BODY_BYTES;
use kubedebug::{json, plan, plan_text, Code, Session, Value};

fn pod_with_env(len: usize) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"containers": [{"name": "app", "image": "nginx",
            "env": [{"name": "BIG", "value": "x".repeat(len)}]}]}
    })
}

fn session(args: &[&str]) -> Session {
    Session {
        args: Some(args.iter().map(|a| a.to_string()).collect()),
        suffixes: vec!["abcde".into()],
        ..Session::default()
    }
}

#[test]
fn a_copy_over_the_limit_is_refused_by_plan_and_plan_text() {
    let s = session(&[
        "web",
        "--image=busybox",
        "--copy-to=dbg",
        "--profile=general",
    ]);
    let big = pod_with_env(MAX_REQUEST_BODY_BYTES);
    for failure in [
        plan(&s, &big).err(),
        plan_text(&s, &kubedebug_skim::to_string(&big), false).err(),
    ] {
        let f = failure.expect("planned a body over the limit");
        assert_eq!(f.error.code(), Code::RequestTooLarge);
        let text = f.error.to_string();
        assert!(
            text.starts_with("the POST body for /api/v1/namespaces/default/pods would be "),
            "{text}"
        );
        assert!(
            text.ends_with("over the API server's limit of 3145728 bytes (Request entity too large: limit is 3145728); nothing was sent"),
            "{text}"
        );
        assert_eq!(f.messages.len(), 1, "the lines printed before are kept");
    }
    // Just under the limit plans.
    assert!(plan(&s, &pod_with_env(MAX_REQUEST_BODY_BYTES - 4096)).is_ok());
}

#[test]
fn an_ephemeral_patch_over_the_limit_is_refused() {
    let env = format!("--env=BIG={}", "y".repeat(MAX_REQUEST_BODY_BYTES));
    let s = session(&["web", "--image=busybox", "--profile=general", &env]);
    let err = plan(&s, &pod_with_env(1)).err().map(|f| f.error.code());
    assert_eq!(err, Some(Code::RequestTooLarge));
}
