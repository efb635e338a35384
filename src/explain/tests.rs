#![allow(clippy::panic)]

use crate::json::Value;
use crate::{plan, Plan, Session};

/// Applies the plan's operations to `source` with the json-patch crate; checks the result.
fn check(plan: &Plan, source: &Value) -> Vec<(String, String)> {
    let ops = plan.explain.clone().unwrap_or_default();
    let patch: json_patch::Patch = serde_json::from_str(&kubedebug_skim::to_string(
        &crate::json::ToJson::to_json(&ops),
    ))
    .unwrap_or_else(|e| panic!("not a JSON Patch: {e}"));
    let mut doc: serde_json::Value =
        serde_json::from_str(&kubedebug_skim::to_string(source)).unwrap_or_default();
    json_patch::patch(&mut doc, &patch).unwrap_or_else(|e| panic!("patch: {e}"));
    let want: serde_json::Value =
        serde_json::from_str(&kubedebug_skim::to_string(&plan.result)).unwrap_or_default();
    assert_eq!(doc, want);
    ops.into_iter().map(|o| (o.cause, o.path)).collect()
}

fn run(args: &[&str], target: &Value) -> Plan {
    run_with(args, target, serde_json::Value::Null)
}

fn run_with(args: &[&str], target: &Value, custom: serde_json::Value) -> Plan {
    let session: Session = serde_json::from_value(serde_json::json!({
        "args": args, "seed": 1, "customProfile": custom
    }))
    .unwrap_or_else(|e| panic!("session: {e}"));
    plan(&session, target).unwrap_or_else(|e| panic!("plan: {e:?}"))
}

fn pod() -> Value {
    kubedebug_skim::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"},
                     "annotations": {"a/b~c": "x"}},
        "spec": {"nodeName": "n1", "containers": [
            {"name": "app", "image": "nginx", "livenessProbe": {"exec": {"command": ["true"]}},
             "env": [{"name": "A", "value": "1"}]}]},
        "status": {"phase": "Running"}
    })
}

fn has(causes: &[(String, String)], cause: &str, path: &str) -> bool {
    causes.iter().any(|(c, p)| c == cause && p == path)
}

#[test]
fn ephemeral_restricted() {
    let p = run(
        &[
            "web",
            "--image=busybox",
            "--profile=restricted",
            "--explain",
        ],
        &pod(),
    );
    let causes = check(&p, &pod());
    assert!(
        has(
            &causes,
            "journey:ephemeral-container",
            "/spec/ephemeralContainers"
        ),
        "{causes:?}"
    );
    let ac = "/spec/ephemeralContainers/0/securityContext/allowPrivilegeEscalation";
    assert!(
        has(&causes, "profile:restricted/allowPrivilegeEscalation", ac),
        "{causes:?}"
    );
    let seccomp = "/spec/ephemeralContainers/0/securityContext/seccompProfile/type";
    assert!(
        has(&causes, "profile:restricted/seccompProfile.type", seccomp),
        "{causes:?}"
    );
}

#[test]
fn copy_flags() {
    let p = run(
        &[
            "web",
            "--image=busybox",
            "--copy-to=dbg",
            "--set-image=app=alpine",
            "--env=X=1",
            "--container=app",
            "--profile=general",
            "--explain",
        ],
        &pod(),
    );
    let causes = check(&p, &pod());
    assert!(
        has(&causes, "flag:--copy-to", "/metadata/name"),
        "{causes:?}"
    );
    assert!(has(&causes, "copy:status", "/status"), "{causes:?}");
    assert!(
        has(&causes, "copy:--same-node", "/spec/nodeName"),
        "{causes:?}"
    );
    assert!(
        has(&causes, "flag:--env", "/spec/containers/0/env/0/name"),
        "{causes:?}"
    );
    assert!(
        has(
            &causes,
            "copy:--keep-liveness=false",
            "/spec/containers/0/livenessProbe"
        ),
        "{causes:?}"
    );
    assert!(
        causes
            .iter()
            .any(|(c, _)| c == "flag:--set-image" || c == "flag:--image"),
        "{causes:?}"
    );
}

#[test]
fn copy_keeps_pointer_escapes() {
    let p = run(
        &[
            "web",
            "--image=busybox",
            "--copy-to=dbg",
            "--keep-annotations",
            "--explain",
        ],
        &pod(),
    );
    check(&p, &pod());
    let p = run(
        &["web", "--image=busybox", "--copy-to=dbg", "--explain"],
        &pod(),
    );
    let causes = check(&p, &pod());
    assert!(
        has(
            &causes,
            "copy:--keep-annotations=false",
            "/metadata/annotations"
        ),
        "{causes:?}"
    );
}

#[test]
fn node_pod_from_empty() {
    let node =
        kubedebug_skim::json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}});
    let p = run(
        &[
            "node/n1",
            "--image=busybox",
            "--profile=sysadmin",
            "--explain",
        ],
        &node,
    );
    let causes = check(&p, &kubedebug_skim::json!({}));
    assert!(has(&causes, "journey:node-pod", "/spec"), "{causes:?}");
    assert!(
        causes
            .iter()
            .any(|(c, _)| c.starts_with("profile:sysadmin/")),
        "{causes:?}"
    );
}

#[test]
fn without_the_flag_there_is_nothing() {
    let p = run(&["web", "--image=busybox"], &pod());
    assert_eq!(p.explain, None);
}

#[test]
fn diff_arrays_and_escapes() {
    let a = kubedebug_skim::json!({"x": [1, 2, 3], "a/b": 1, "t~": {"k": 1}});
    let b = kubedebug_skim::json!({"x": [1, 5], "a/b": 2, "t~": {}, "n": [1]});
    let mut ops = Vec::new();
    super::diff(&a, &b, "", &mut ops);
    let paths: Vec<&str> = ops.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(paths, ["/x/1", "/x/2", "/a~1b", "/t~0/k", "/n"]);
}

#[test]
fn custom_and_overlays() {
    let custom = serde_json::json!({"path": "/c.json",
        "text": "{\"securityContext\":{\"runAsUser\":0},\"env\":[{\"name\":\"B\",\"value\":\"2\"}]}"});
    let args = [
        "web",
        "--image=busybox",
        "--copy-to=dbg",
        "--custom=/c.json",
        "--label=team=x",
        "--image-pull-secret=reg",
        "--explain",
    ];
    let p = run_with(&args, &pod(), custom.clone());
    let causes = check(&p, &pod());
    let c = "/spec/containers/1";
    assert!(
        has(
            &causes,
            "custom:securityContext.runAsUser",
            &format!("{c}/securityContext/runAsUser")
        ),
        "{causes:?}"
    );
    assert!(
        has(&causes, "custom:env", &format!("{c}/env")),
        "{causes:?}"
    );
    assert!(
        has(&causes, "flag:--label", "/metadata/labels"),
        "{causes:?}"
    );
    assert!(
        has(
            &causes,
            "flag:--image-pull-secret",
            "/spec/imagePullSecrets"
        ),
        "{causes:?}"
    );
    let p = run_with(
        &["web", "--image=busybox", "--custom=/c.json", "--explain"],
        &pod(),
        custom,
    );
    let causes = check(&p, &pod());
    let ec = "/spec/ephemeralContainers/0/securityContext/runAsUser";
    assert!(
        has(&causes, "custom:securityContext.runAsUser", ec),
        "{causes:?}"
    );
}

#[test]
fn session_label_on_a_node_pod() {
    let node =
        kubedebug_skim::json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}});
    let p = run(
        &[
            "node/n1",
            "--image=busybox",
            "--session-label",
            "--env=A=1",
            "--explain",
        ],
        &node,
    );
    let causes = check(&p, &kubedebug_skim::json!({}));
    assert!(
        causes.iter().any(|(c, _)| c == "flag:--session-label"),
        "{causes:?}"
    );
}
