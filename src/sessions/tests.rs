//! Session marking and listing: which pods get which labels, and what a pod list holds.

use super::*;
use crate::json::Value;
use crate::{plan, Session};
use kubedebug_skim::json;

fn pod() -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "ns", "labels": {"app": "web"}},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]}})
}

fn node() -> Value {
    json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}})
}

/// The metadata of the pod a session creates.
fn created_metadata(args: &[&str], target: &Value, version: &str) -> Value {
    let session = Session {
        args: Some(args.iter().map(|a| a.to_string()).collect()),
        suffixes: vec!["aaaaa".into(), "sess1".into()],
        kubectl_version: version.parse().ok(),
        mark: SessionMark {
            creator: "alice".into(),
            created_at: "2026-12-05T19:00:00Z".into(),
        },
        ..Session::default()
    };
    let got = plan(&session, target);
    assert!(got.is_ok(), "{args:?}: {got:?}");
    let Ok(p) = got else { return Value::Null };
    p.requests
        .first()
        .and_then(|r| r.body.get("metadata"))
        .cloned()
        .unwrap_or_default()
}

#[test]
fn pod_copy_with_session_label_is_labelled_and_annotated() {
    let meta = created_metadata(
        &[
            "web",
            "--image=busybox",
            "--copy-to=web-debug",
            "--session-label",
            "-n",
            "ns",
        ],
        &pod(),
        "1.37",
    );
    assert_eq!(
        meta,
        json!({"name": "web-debug", "namespace": "ns",
        "labels": {"kubedebug.dev/session": "sess1", "kubedebug.dev/journey": "copy"},
        "annotations": {
            "kubedebug.dev/target": "pod/web",
            "kubedebug.dev/container": "debugger-aaaaa",
            "kubedebug.dev/profile": "general",
            "kubedebug.dev/creator": "alice",
            "kubedebug.dev/created-at": "2026-12-05T19:00:00Z",
            "kubedebug.dev/version": env!("CARGO_PKG_VERSION"),
        }})
    );
}

#[test]
fn node_pod_with_session_label_keeps_kubectls_managed_by_label() {
    let meta = created_metadata(
        &["node/n1", "--image=busybox", "--session-label"],
        &node(),
        "1.34",
    );
    assert_eq!(
        meta.get("labels"),
        Some(&json!({"app.kubernetes.io/managed-by": "kubectl-debug",
            "kubedebug.dev/session": "sess1", "kubedebug.dev/journey": "node"}))
    );
    let notes = meta.get("annotations");
    assert_eq!(
        notes.and_then(|a| a.get("kubedebug.dev/target")),
        Some(&json!("node/n1"))
    );
    assert_eq!(
        notes.and_then(|a| a.get("kubedebug.dev/container")),
        Some(&json!("debugger"))
    );
}

#[test]
fn without_session_label_nothing_is_added_and_no_name_is_drawn() {
    let meta = created_metadata(
        &["web", "--image=busybox", "--copy-to=web-debug"],
        &pod(),
        "1.37",
    );
    assert_eq!(meta, json!({"name": "web-debug", "namespace": "ns"}));
    let meta = created_metadata(&["node/n1", "--image=busybox"], &node(), "1.33");
    assert_eq!(meta, json!({"name": "node-debugger-n1-aaaaa"}));
}

#[test]
fn session_label_never_reaches_an_ephemeral_container() {
    let session = Session {
        args: Some(
            ["web", "--image=busybox", "--session-label", "-n", "ns"]
                .map(String::from)
                .to_vec(),
        ),
        suffixes: vec!["aaaaa".into()],
        ..Session::default()
    };
    let got = plan(&session, &pod());
    assert!(got.is_ok(), "{got:?}");
    let Ok(p) = got else { return };
    let body = p
        .requests
        .first()
        .map(|r| kubedebug_skim::to_string(&r.body))
        .unwrap_or_default();
    assert!(!body.contains("kubedebug.dev"), "{body}");
}

fn sessions(list: Value) -> Vec<Value> {
    let got = list_sessions(&kubedebug_skim::to_string(&list));
    assert!(got.is_ok(), "{got:?}");
    got.unwrap_or_default()
}

#[test]
fn ephemeral_containers_are_sessions_with_their_status() {
    let list = json!({"kind": "PodList", "items": [{
        "metadata": {"name": "web", "namespace": "ns", "creationTimestamp": "2026-01-01T00:00:00Z"},
        "spec": {"containers": [{"name": "app", "image": "nginx"}],
            "ephemeralContainers": [
                {"name": "debugger-abcde", "image": "busybox", "targetContainerName": "app",
                    "stdin": true, "tty": true},
                {"name": "debugger-fghij", "image": "alpine"},
                {"name": "mine", "image": "nicolaka/netshoot"}]},
        "status": {"phase": "Running", "ephemeralContainerStatuses": [
            {"name": "debugger-fghij", "state": {"terminated": {"exitCode": 137, "reason": "Error",
                "startedAt": "2026-01-01T01:00:00Z"}}},
            {"name": "debugger-abcde", "state": {"running": {"startedAt": "2026-01-01T00:30:00Z"}}}]}
    }]});
    let got = sessions(list);
    assert_eq!(got.len(), 3);
    let pick = |i: usize, k: &str| {
        got.get(i)
            .and_then(|s| s.get(k))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        got.first(),
        Some(
            &json!({"kind": "ephemeral", "managedBy": "", "namespace": "ns", "pod": "web",
            "container": "debugger-abcde", "image": "busybox", "stdin": true, "tty": true,
            "target": "app", "state": "running",
            "reason": "", "exitCode": null, "phase": "Running", "deleting": false, "finished": false,
            "createdAt": "2026-01-01T00:30:00Z", "session": "", "profile": "", "creator": ""})
        )
    );
    assert_eq!(
        [
            pick(1, "state"),
            pick(1, "reason"),
            pick(1, "exitCode"),
            pick(1, "finished"),
            pick(1, "stdin"),
            pick(1, "tty")
        ],
        [
            json!("terminated"),
            json!("Error"),
            json!(137),
            json!(true),
            json!(false),
            json!(false)
        ]
    );
    // Not started yet: no status, no start time, not finished.
    assert_eq!(
        [
            pick(2, "container"),
            pick(2, "state"),
            pick(2, "createdAt"),
            pick(2, "finished")
        ],
        [json!("mine"), json!(""), json!(""), json!(false)]
    );
}

#[test]
fn marked_pods_are_sessions_and_unmarked_ones_are_not() {
    let list = json!({"items": [
        {"metadata": {"name": "web-debug", "namespace": "ns", "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": {"kubedebug.dev/journey": "copy", "kubedebug.dev/session": "s1"},
            "annotations": {"kubedebug.dev/target": "pod/web", "kubedebug.dev/container": "dbg",
                "kubedebug.dev/profile": "general", "kubedebug.dev/creator": "alice"}},
         "spec": {"containers": [{"name": "app", "image": "nginx"}, {"name": "dbg", "image": "busybox"}]},
         "status": {"phase": "Running", "containerStatuses": [
            {"name": "dbg", "state": {"waiting": {"reason": "ImagePullBackOff"}}}]}},
        {"metadata": {"name": "node-debugger-n1-abcde", "namespace": "ns",
            "labels": {"app.kubernetes.io/managed-by": "kubectl-debug"}},
         "spec": {"nodeName": "n1", "containers": [{"name": "debugger", "image": "busybox"}]},
         "status": {"phase": "Succeeded"}},
        {"metadata": {"name": "copy-by-kubectl", "namespace": "ns", "labels": {"app": "web"}},
         "spec": {"containers": [{"name": "debugger-xyz", "image": "busybox"}]}},
        {"metadata": {"name": "odd", "namespace": "ns", "labels": {"kubedebug.dev/journey": "other"}}},
    ]});
    let got = sessions(list);
    let fields = |s: &Value, keys: &[&str]| {
        keys.iter()
            .map(|k| s.get(k).cloned().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let keys = [
        "kind",
        "managedBy",
        "pod",
        "container",
        "image",
        "target",
        "state",
        "reason",
        "finished",
        "session",
        "profile",
        "creator",
    ];
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        got.iter().map(|s| fields(s, &keys)).collect::<Vec<_>>(),
        vec![
            [
                "copy",
                "kubedebug",
                "web-debug",
                "dbg",
                "busybox",
                "pod/web",
                "waiting",
                "ImagePullBackOff"
            ]
            .map(|v| json!(v))
            .into_iter()
            .chain([json!(false), json!("s1"), json!("general"), json!("alice")])
            .collect::<Vec<_>>(),
            [
                "node",
                "kubectl",
                "node-debugger-n1-abcde",
                "debugger",
                "busybox",
                "node/n1",
                "",
                ""
            ]
            .map(|v| json!(v))
            .into_iter()
            .chain([json!(true), json!(""), json!(""), json!("")])
            .collect(),
        ]
    );
}

#[test]
fn a_pod_being_deleted_is_finished() {
    let got = sessions(
        json!({"metadata": {"name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z",
        "labels": {"kubedebug.dev/journey": "node"}},
        "spec": {"containers": [{"name": "debugger"}]}, "status": {"phase": "Running",
        "containerStatuses": [{"name": "debugger", "state": {"running": {}}}]}}),
    );
    assert_eq!(
        got.first()
            .map(|s| (s.get("deleting").cloned(), s.get("finished").cloned())),
        Some((Some(json!(true)), Some(json!(true))))
    );
}

#[test]
fn anything_is_a_list_or_an_error_never_a_panic() {
    for text in [
        "[]",
        "1",
        "null",
        r#"{"items": 3}"#,
        r#"{"items": [1, null, {"spec": 2}]}"#,
        r#"{"metadata": {"labels": {"kubedebug.dev/journey": "copy"}}}"#,
        r#"{"spec": {"ephemeralContainers": [1, {"name": 2}]}, "status": {"ephemeralContainerStatuses": [{"name": 2, "state": 1}]}}"#,
    ] {
        assert!(list_sessions(text).is_ok(), "{text}");
    }
    let err = list_sessions("{");
    assert!(
        matches!(&err, Err(e) if e.code() == crate::Code::InvalidInput && e.message().starts_with("invalid pod list: ")),
        "{err:?}"
    );
}
