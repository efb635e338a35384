//! Workload targets: the selector and its query form, which pod is picked, the template
//! copy, the errors, and the journey through `prepare` and `plan`.
#![allow(clippy::panic, clippy::indexing_slicing)]

use super::pick::choose;
use super::selector::{of_workload, query_escape};
use super::template::pod_from_template;
use super::*;
use crate::json;
use crate::messages::Stream;
use crate::session::testing::{prepared, session};
use crate::{plan_prepared, prepare, Journey};

fn deployment(selector: Value) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default", "uid": "u1"},
        "spec": {
            "replicas": 3,
            "selector": selector,
            "template": {
                "metadata": {"labels": {"app": "web", "tier": "front", "pod-template-hash": "7d9c"},
                             "annotations": {"a": "b"}},
                "spec": {"containers": [{"name": "app", "image": "nginx"}]}
            }
        }
    })
}

fn web() -> Value {
    deployment(json!({"matchLabels": {"app": "web"}}))
}

/// A pod of `web`: phase, ready, ready since, restarts, created.
fn pod(name: &str, phase: &str, ready: bool, since: &str, restarts: i64, created: &str) -> Value {
    json!({
        "kind": "Pod", "apiVersion": "v1",
        "metadata": {"name": name, "namespace": "default", "creationTimestamp": created,
                     "labels": {"app": "web"}},
        "spec": {"nodeName": "n1", "containers": [{"name": "app", "image": "nginx"}]},
        "status": {
            "phase": phase,
            "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                            "lastTransitionTime": since}],
            "containerStatuses": [{"name": "app", "restartCount": restarts}]
        }
    })
}

fn selector_text(workload: &Value, kind: Kind) -> Result<String, Code> {
    of_workload(kind, workload, "x/y")
        .map(|s| s.to_string())
        .map_err(|e| e.code())
}

#[test]
fn the_selector_is_formatted_as_apimachinery_prints_it() {
    let d = deployment(json!({
        "matchLabels": {"tier": "front", "app": "web"},
        "matchExpressions": [
            {"key": "env", "operator": "In", "values": ["prod", "dev"]},
            {"key": "zone", "operator": "NotIn", "values": ["b", "a"]},
            {"key": "canary", "operator": "DoesNotExist"},
            {"key": "beta", "operator": "Exists"}
        ]
    }));
    assert_eq!(
        selector_text(&d, Kind::Deployment),
        Ok("app=web,beta,!canary,env in (dev,prod),tier=front,zone notin (a,b)".to_string())
    );
    let rc = json!({"kind": "ReplicationController", "apiVersion": "v1",
        "spec": {"selector": {"b": "2", "a": "1"}}});
    assert_eq!(
        selector_text(&rc, Kind::ReplicationController),
        Ok("a=1,b=2".to_string())
    );
    // An RC without a selector: the API server defaults it to the template's labels.
    let rc = json!({"spec": {"template": {"metadata": {"labels": {"app": "old"}}}}});
    assert_eq!(
        selector_text(&rc, Kind::ReplicationController),
        Ok("app=old".to_string())
    );
}

#[test]
fn an_empty_or_bad_selector_is_refused() {
    for selector in [json!({}), Value::Null, json!({"matchLabels": {}})] {
        assert_eq!(
            selector_text(&deployment(selector), Kind::Deployment),
            Err(Code::WorkloadNoSelector)
        );
    }
    let bad = deployment(json!({"matchExpressions": [{"key": "a", "operator": "Gt"}]}));
    let err = of_workload(Kind::Deployment, &bad, "deployment/web").err();
    assert_eq!(
        err.map(|e| e.to_string()),
        Some("deployment/web: \"Gt\" is not a valid label selector operator".to_string())
    );
}

#[test]
fn the_selector_is_query_escaped_as_go_does() {
    assert_eq!(query_escape("app=web"), "app%3Dweb");
    assert_eq!(
        query_escape("env in (dev,prod),!canary,app.kubernetes.io/name=x~y_z-1"),
        "env+in+%28dev%2Cprod%29%2C%21canary%2Capp.kubernetes.io%2Fname%3Dx~y_z-1"
    );
}

#[test]
fn the_pod_is_picked_as_kubectl_exec_picks_it() {
    let t = |h: u32| format!("2024-01-01T0{h}:00:00Z");
    // Ready beats not ready; among ready, ready the longest; then fewer restarts; then oldest.
    let pods = [
        pod("a-not-ready", "Running", false, &t(0), 0, &t(0)),
        pod("b-ready-late", "Running", true, &t(5), 0, &t(0)),
        pod("c-ready-early", "Running", true, &t(2), 3, &t(1)),
        pod("d-pending", "Pending", false, "", 0, &t(0)),
    ];
    let chosen = choose(&pods, "deployment/web", "app=web", false);
    assert_eq!(
        chosen.as_ref().map(|c| c.name.as_str()),
        Ok("c-ready-early")
    );
    assert_eq!(
        chosen.map(|c| c.line("deployment/web")),
        Ok(
            "Found 4 pods of deployment/web (3 running), using pod/c-ready-early (running, ready)"
                .to_string()
        )
    );
    let same_time = [
        pod("b", "Running", true, &t(1), 2, &t(0)),
        pod("a", "Running", true, &t(1), 1, &t(3)),
        pod("c", "Running", true, &t(1), 1, &t(2)),
        pod("d", "Running", true, &t(1), 1, &t(2)),
    ];
    assert_eq!(
        choose(&same_time, "d/w", "a=b", false).map(|c| c.name),
        Ok("c".to_string())
    );
    let mut deleting = pod("z", "Running", true, &t(0), 0, &t(0));
    if let Some(m) = deleting.get_mut("metadata").and_then(Value::as_object_mut) {
        m.insert("deletionTimestamp".into(), json!("2024-01-02T00:00:00Z"));
    }
    let only_not_ready = [deleting.clone(), pod("y", "Running", false, "", 0, &t(1))];
    assert_eq!(
        choose(&only_not_ready, "d/w", "a=b", false).map(|c| c.line("d/w")),
        Ok("Found 2 pods of d/w (1 running), using pod/y (running, not ready)".to_string())
    );
}

#[test]
fn no_pod_or_none_running_says_why() {
    let err = |pods: &[Value], paused| {
        choose(pods, "deployment/web", "app=web", paused)
            .err()
            .map(|e| (e.code(), e.to_string()))
    };
    assert_eq!(
        err(&[], false),
        Some((Code::WorkloadNoPods, "no pods of deployment/web match its selector app=web; --copy-to NAME debugs a copy of its pod template".to_string()))
    );
    assert_eq!(
        err(&[], true).map(|e| e.1),
        Some("no pods of deployment/web (it is paused) match its selector app=web; --copy-to NAME debugs a copy of its pod template".to_string())
    );
    let pods = [
        pod("a", "Pending", false, "", 0, ""),
        pod("b", "Succeeded", false, "", 0, ""),
        pod("c", "Pending", false, "", 0, ""),
    ];
    assert_eq!(
        err(&pods, false),
        Some((Code::WorkloadNotRunning, "none of the 3 pods of deployment/web is running (Pending: 2, Succeeded: 1); --copy-to NAME debugs a copy of its pod template".to_string()))
    );
}

#[test]
fn the_template_becomes_a_pod_without_controller_labels_or_owners() {
    let pod = pod_from_template(Kind::Deployment, &web(), true);
    assert_eq!(
        pod,
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web", "namespace": "default",
                         "labels": {"app": "web", "tier": "front"}, "annotations": {"a": "b"}},
            "spec": {"containers": [{"name": "app", "image": "nginx"}]}
        })
    );
    let cron = json!({"apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"name": "nightly", "namespace": "ops"},
        "spec": {"jobTemplate": {"spec": {"template": {
            "metadata": {"labels": {"job-name": "x", "batch.kubernetes.io/controller-uid": "u", "app": "n"}},
            "spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox"}]}}}}}});
    assert_eq!(
        pod_from_template(Kind::CronJob, &cron, true),
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "nightly", "namespace": "ops", "labels": {"app": "n"}},
            "spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox"}]}
        })
    );
}

// --- Through `prepare` and `plan`. ---

fn answer(read: &Read, object: Value) -> ReadResult {
    ReadResult {
        name: read.name.clone(),
        path: read.path.clone(),
        object: Some(object),
        error: None,
    }
}

const EPH: &[&str] = &["deploy/web", "--image=busybox", "--profile=general"];

#[test]
fn without_copy_to_prepare_reads_the_workload_then_its_pods_then_debugs_one() {
    let first = prepared(EPH, vec![]);
    assert_eq!(
        first.needs.reads,
        vec![Read {
            name: "workload".into(),
            path: "/apis/apps/v1/namespaces/default/deployments/web".into()
        }]
    );
    // Planning before the reads are answered fails.
    let early = plan_prepared(&first, &web()).err().map(|f| f.error.code());
    assert_eq!(early, Some(Code::WorkloadUnreadable));
    let workload = answer(&first.needs.reads[0], web());
    let second = prepared(EPH, vec![workload.clone()]);
    assert_eq!(
        second.needs.reads,
        vec![Read {
            name: "pods".into(),
            path: "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb".into()
        }]
    );
    let list = json!({"kind": "PodList", "items": [
        pod("web-1", "Running", true, "2024-01-01T01:00:00Z", 0, "2024-01-01T00:00:00Z"),
        pod("web-2", "Running", true, "2024-01-01T00:30:00Z", 0, "2024-01-01T00:00:00Z"),
    ]});
    let pods = answer(&second.needs.reads[0], list);
    let third = prepared(EPH, vec![workload, pods]);
    assert!(third.needs.reads.is_empty());
    assert_eq!(third.targets.len(), 1);
    assert_eq!(third.targets[0].resource, "pods");
    assert_eq!(third.targets[0].name, "web-2");
    assert_eq!(
        third.targets[0].get.path,
        "/api/v1/namespaces/default/pods/web-2"
    );
    let line = third.messages.last().map(|m| (m.stream, m.text.clone()));
    assert_eq!(
        line,
        Some((
            Stream::Stderr,
            "Found 2 pods of deployment/web (2 running), using pod/web-2 (running, ready)".into()
        ))
    );
    let target = pod(
        "web-2",
        "Running",
        true,
        "2024-01-01T00:30:00Z",
        0,
        "2024-01-01T00:00:00Z",
    );
    let plan = plan_prepared(&third, &target).unwrap_or_else(|f| panic!("{:?}", f.error));
    assert_eq!(plan.journey, Journey::Ephemeral);
    assert_eq!(
        plan.requests[0].path,
        "/api/v1/namespaces/default/pods/web-2/ephemeralcontainers"
    );
}

#[test]
fn workload_errors_through_prepare() {
    let read = Read {
        name: "workload".into(),
        path: "/apis/apps/v1/namespaces/default/deployments/web".into(),
    };
    let code_text = |args: &[&str], reads| {
        prepare(&session(args, reads))
            .err()
            .map(|f| (f.error.code(), f.error.to_string()))
    };
    let missing = ReadResult {
        name: read.name.clone(),
        path: read.path.clone(),
        object: None,
        error: Some(json!({"kind": "Status", "code": 404, "reason": "NotFound",
            "message": "deployments.apps \"web\" not found"})),
    };
    assert_eq!(
        code_text(EPH, vec![missing]),
        Some((
            Code::WorkloadUnreadable,
            "deployment/web: deployments.apps \"web\" not found".into()
        ))
    );
    let mut zero = web();
    if let Some(spec) = zero.get_mut("spec").and_then(Value::as_object_mut) {
        spec.insert("replicas".into(), json!(0));
    }
    assert_eq!(
        code_text(EPH, vec![answer(&read, zero)]),
        Some((Code::WorkloadNoPods, "deployment/web is scaled to zero (spec.replicas: 0): no pod to debug; --copy-to NAME debugs a copy of its pod template".into()))
    );
    let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
        "spec": {"suspend": true, "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u"}}}});
    let job_read = Read {
        name: "workload".into(),
        path: "/apis/batch/v1/namespaces/default/jobs/j".into(),
    };
    assert_eq!(
        code_text(&["job/j", "--image=busybox"], vec![answer(&job_read, job)]),
        Some((Code::WorkloadNoPods, "job/j is suspended (spec.suspend: true): no pod to debug; --copy-to NAME debugs a copy of its pod template".into()))
    );
    assert_eq!(
        code_text(&["cronjob/nightly", "--image=busybox"], vec![]).map(|e| e.0),
        Some(Code::WorkloadNoSelector)
    );
    assert_eq!(
        code_text(&["deploy/web", "--image=busybox", "--copy-to=c", "--replace"], vec![]),
        Some((Code::WorkloadInvalidOption, "--replace cannot be used with deployment/web: it would delete a pod named after the workload, which is not a pod; use --copy-to alone".into()))
    );
}

#[test]
fn with_copy_to_the_template_is_copied() {
    let args = [
        "deploy/web",
        "--image=busybox",
        "--copy-to=web-debug",
        "--keep-labels=true",
        "--same-node",
        "--set-image=app=nginx:debug",
        "--profile=general",
    ];
    let p = prepared(&args, vec![]);
    assert!(p.needs.reads.is_empty());
    let plan = plan_prepared(&p, &web()).unwrap_or_else(|f| panic!("{:?}", f.error));
    assert_eq!(plan.journey, Journey::Copy);
    let body = plan.requests[0].body.clone();
    assert_eq!(body.pointer("/metadata/name"), Some(&json!("web-debug")));
    assert_eq!(
        body.pointer("/metadata/labels"),
        Some(&json!({"app": "web", "tier": "front"}))
    );
    assert_eq!(body.pointer("/metadata/ownerReferences"), None);
    assert_eq!(
        body.pointer("/spec/containers/0/image"),
        Some(&json!("nginx:debug"))
    );
    assert!(plan
        .messages
        .iter()
        .any(|m| m.text.starts_with("Warning: --same-node")));
    // A ReplicaSet's template matches its own selector: the labels it selects on are dropped.
    let rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "web-7d9c", "namespace": "default"},
        "spec": {"selector": {"matchLabels": {"app": "web", "pod-template-hash": "7d9c"}},
            "template": {"metadata": {"labels": {"app": "web", "tier": "front", "pod-template-hash": "7d9c"}},
                "spec": {"containers": [{"name": "app", "image": "nginx"}]}}}});
    let plan = copy_keeping_labels("rs/web-7d9c", &rs, &[]);
    // The hash is a controller label (gone anyway), so the copy no longer matches: kept.
    assert_eq!(
        plan.requests[0].body.pointer("/metadata/labels"),
        Some(&json!({"app": "web", "tier": "front"}))
    );
    let ds = json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "default"},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
            "template": {"metadata": {"labels": {"app": "agent", "tier": "x"}},
                "spec": {"containers": [{"name": "a", "image": "agent"}]}}}});
    let plan = copy_keeping_labels("ds/agent", &ds, &[]);
    assert_eq!(
        plan.requests[0].body.pointer("/metadata/labels"),
        Some(&json!({"tier": "x"}))
    );
    assert_eq!(
        plan.messages.first().map(|m| m.text.as_str()),
        Some("Warning: not keeping label(s) app of daemonset/agent's template: the copy would match its selector, and the controller would adopt it (and could delete it)")
    );
}

/// The plan of `--copy-to=c --keep-labels=true` (and `more`) of workload `target`, whose
/// object is `object`.
#[track_caller]
fn copy_keeping_labels(target: &str, object: &Value, more: &[&str]) -> crate::Plan {
    let mut args = vec![
        target,
        "--image=busybox",
        "--copy-to=c",
        "--keep-labels=true",
        "--profile=general",
    ];
    args.extend_from_slice(more);
    plan_prepared(&prepared(&args, vec![]), object).unwrap_or_else(|f| panic!("{:?}", f.error))
}

#[test]
fn kubectl_refusal_stays_for_a_file_or_a_workload_object_of_a_pod_target() {
    let p = prepared(&["mypod", "--image=busybox", "--copy-to=c"], vec![]);
    let err = plan_prepared(&p, &web()).err().map(|f| f.error.to_string());
    assert_eq!(
        err,
        Some("\"apps/v1, Kind=Deployment\" not supported by debug".to_string())
    );
}

#[test]
fn explain_tags_what_the_template_lost() {
    let ds = json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "default"},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
            "template": {"metadata": {"labels": {"app": "agent", "controller-revision-hash": "5d", "tier": "x"}},
                "spec": {"containers": [{"name": "a", "image": "agent"}]}}}});
    let plan = copy_keeping_labels("ds/agent", &ds, &["--explain"]);
    let ops: Vec<(String, String, String)> = plan
        .explain
        .unwrap_or_default()
        .into_iter()
        .take(2)
        .map(|o| (o.cause, o.op, o.path))
        .collect();
    let op = |c: &str, o: &str, p: &str| (c.to_string(), o.to_string(), p.to_string());
    assert_eq!(
        ops,
        vec![
            op(
                "workload:controller-labels",
                "remove",
                "/metadata/labels/controller-revision-hash"
            ),
            op("workload:selector-labels", "remove", "/metadata/labels/app"),
        ]
    );
}

#[test]
fn with_preflight_the_namespace_comes_first_and_one_workload_is_read_once() {
    let args = [
        "deploy/web",
        "deployment/web",
        "--image=busybox",
        "--profile=general",
        "--preflight=warn",
    ];
    let first = prepared(&args, vec![]);
    let names: Vec<&str> = first.needs.reads.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["namespace"]);
    let ns = ReadResult {
        name: "namespace".into(),
        path: "/api/v1/namespaces/default".into(),
        object: Some(json!({"kind": "Namespace", "metadata": {"name": "default"}})),
        error: None,
    };
    let second = prepared(&args, vec![ns]);
    assert_eq!(
        second.needs.reads,
        vec![Read {
            name: "workload".into(),
            path: "/apis/apps/v1/namespaces/default/deployments/web".into()
        }]
    );
}
