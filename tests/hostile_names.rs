//! Issue 15, item 1: names and namespaces never reach an API path unchecked. Each case is one
//! the issue reproduced against the CLI; the texts are client-go's (checked against kubectl
//! 1.33 with the oracle kit: `error: invalid resource name "../../prod": [may not contain '/']`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kubedebug::{json, plan, plan_text, prepare, Code, Failure, Plan, Session, Value};

fn session(args: &[&str]) -> Session {
    Session {
        args: Some(args.iter().map(|a| a.to_string()).collect()),
        suffixes: vec!["abcde".into()],
        ..Session::default()
    }
}

fn pod(name: &str, namespace: &str) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]}
    })
}

/// `plan` and `plan_text` must fail alike; returns the failure.
fn fails(s: &Session, object: &Value) -> Failure {
    let text = kubedebug_skim::to_string(object);
    let by_text = plan_text(s, &text, true).err();
    let by_value = plan(s, object);
    let Err(f) = by_value else {
        panic!("planned: {:?}", by_value.map(|p: Plan| p.requests))
    };
    assert_eq!(by_text.as_ref(), Some(&f), "plan_text differs");
    f
}

#[test]
fn a_file_pod_named_to_climb_out_is_refused_before_the_copy_is_created() {
    let s = session(&[
        "-f",
        "pod.json",
        "--image=busybox",
        "--profile=general",
        "--copy-to=cp",
        "--replace",
    ]);
    let f = fails(&s, &pod("../../prod", "default"));
    assert_eq!(f.error.code(), Code::InvalidName);
    assert_eq!(
        f.error.to_string(),
        "invalid resource name \"../../prod\": [may not contain '/']"
    );
    // kubectl printed this before failing; nothing was sent (kubectl had POSTed the copy).
    let lines: Vec<_> = f.messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        lines,
        ["Defaulting debug container name to debugger-abcde."]
    );
}

#[test]
fn a_file_pod_named_like_another_path_gets_no_patch() {
    let s = session(&["-f", "pod.json", "--image=busybox", "--profile=general"]);
    let f = fails(&s, &pod("../../kube-system/pods/victim", "default"));
    assert_eq!(
        f.error.to_string(),
        "invalid resource name \"../../kube-system/pods/victim\": [may not contain '/']"
    );
    let f = fails(&s, &pod("web", "../x"));
    assert_eq!(
        f.error.to_string(),
        "invalid namespace \"../x\": [may not contain '/']"
    );
    let f = fails(&s, &pod("..", "default"));
    assert_eq!(
        f.error.to_string(),
        "invalid resource name \"..\": [may not be '..']"
    );
}

#[test]
fn a_query_string_in_a_name_stays_in_its_segment() {
    let p = prepare(&session(&["nginx?labelSelector=a", "--image=busybox"])).unwrap();
    assert_eq!(
        p.targets[0].get.path,
        "/api/v1/namespaces/default/pods/nginx%3FlabelSelector=a"
    );
    let s = session(&["-f", "pod.json", "--image=busybox", "--profile=general"]);
    let planned = plan(&s, &pod("a?b#c d", "default")).unwrap();
    assert_eq!(
        planned.requests[0].path,
        "/api/v1/namespaces/default/pods/a%3Fb%23c%20d/ephemeralcontainers"
    );
}

#[test]
fn a_namespace_flag_cannot_traverse() {
    for (args, text) in [
        (
            vec!["web", "--image=busybox", "-n", "default/pods/x/.."],
            "invalid namespace \"default/pods/x/..\": [may not contain '/']",
        ),
        (
            vec!["pod/..", "--image=busybox"],
            "invalid resource name \"..\": [may not be '..']",
        ),
        (
            vec!["node/a%2fb", "--image=busybox"],
            "invalid resource name \"a%2fb\": [may not contain '%']",
        ),
    ] {
        let err = prepare(&session(&args)).err().map(|f| f.error.to_string());
        assert_eq!(err.as_deref(), Some(text), "{args:?}");
    }
    // A node debug pod is created in the command's namespace.
    let node = json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}});
    let f = fails(&session(&["node/n1", "--image=busybox", "-n", ".."]), &node);
    assert_eq!(
        f.error.to_string(),
        "invalid namespace \"..\": [may not be '..']"
    );
}

#[test]
fn generated_names_are_names_the_api_server_accepts() {
    let mut s = session(&["web", "--image=busybox", "--profile=general"]);
    s.suffixes = vec!["A/../\u{0}".into()];
    let f = fails(&s, &pod("web", "default"));
    assert_eq!(f.error.code(), Code::InvalidInput);
    assert_eq!(
        f.error.to_string(),
        "invalid session: suffixes[0]: \"A/../\\x00\" is not a name suffix: use 1 to 20 ASCII letters or digits"
    );
    let node = json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "../../x"}});
    let f = fails(
        &session(&["-f", "node.json", "--image=busybox", "--profile=general"]),
        &node,
    );
    assert_eq!(f.error.code(), Code::InvalidName);
    assert!(f.error.to_string().starts_with(
        "The Pod \"node-debugger-../../x-abcde\" is invalid: metadata.name: Invalid value:"
    ));
    assert_eq!(
        f.messages.first().map(|m| m.text.as_str()),
        Some("Creating debugging pod node-debugger-../../x-abcde with container debugger on node ../../x.")
    );
}
