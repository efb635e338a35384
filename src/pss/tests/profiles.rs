//! The six debugging profiles' outputs on recorded pods, against the levels one expects
//! them to meet: `restricted` keeps a restricted pod restricted, `baseline` a baseline pod
//! baseline, `legacy` adds nothing, and `general`, `netadmin`, `sysadmin` need privileged.

#![allow(clippy::panic, clippy::indexing_slicing)]

use super::super::{check_pod, Level, PolicyVersion, Violation};
use crate::json::Value;
use crate::{plan, Session};

fn fixture(text: &str) -> Value {
    kubedebug_skim::from_str(text).unwrap_or(Value::Null)
}

/// The recorded distroless pod, made restricted-compliant by a pod-level seccomp profile.
fn restricted_pod() -> Value {
    let mut pod = fixture(include_str!(
        "../../../tests/conformance/oracle/fixtures/pods/distroless.json"
    ));
    pod["spec"]["securityContext"]["seccompProfile"] = crate::json!({"type": "RuntimeDefault"});
    pod
}

fn minimal_pod() -> Value {
    fixture(include_str!(
        "../../../tests/conformance/oracle/fixtures/pods/minimal.json"
    ))
}

/// The object the plan would leave: the pod with the ephemeral container, or the copy.
#[track_caller]
fn planned(pod: &Value, extra: &[&str], profile: &str) -> Value {
    let name = pod["metadata"]["name"].as_str().unwrap_or("").to_string();
    let mut args = vec![
        name,
        "--image=busybox".to_string(),
        format!("--profile={profile}"),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let session = Session {
        args: Some(args),
        suffixes: vec!["abcde".into()],
        ..Session::default()
    };
    let p = plan(&session, pod).unwrap_or_else(|e| panic!("{profile}: {e:?}"));
    if p.result.is_null() {
        p.requests
            .first()
            .map(|r| r.body.clone())
            .unwrap_or(Value::Null)
    } else {
        p.result
    }
}

fn checks(v: &[Violation]) -> Vec<&'static str> {
    v.iter().map(|v| v.check).collect()
}

const EPHEMERAL: &[&str] = &[];
const COPY: &[&str] = &["--copy-to=copy"];

#[test]
fn the_targets_meet_their_levels() {
    assert_eq!(
        check_pod(&restricted_pod(), Level::Restricted, PolicyVersion::Latest),
        []
    );
    assert_eq!(
        check_pod(&minimal_pod(), Level::Baseline, PolicyVersion::Latest),
        []
    );
    assert!(!check_pod(&minimal_pod(), Level::Restricted, PolicyVersion::Latest).is_empty());
}

#[test]
fn restricted_profile_keeps_a_restricted_pod_restricted() {
    for journey in [EPHEMERAL, COPY] {
        let out = planned(&restricted_pod(), journey, "restricted");
        assert_eq!(
            check_pod(&out, Level::Restricted, PolicyVersion::Latest),
            [],
            "{journey:?}"
        );
        for minor in [22, 25, 30, 35] {
            assert_eq!(
                check_pod(&out, Level::Restricted, PolicyVersion::V1(minor)),
                [],
                "{journey:?} v1.{minor}"
            );
        }
    }
}

#[test]
fn baseline_and_legacy_keep_a_baseline_pod_baseline() {
    for profile in ["baseline", "legacy", "restricted"] {
        for journey in [EPHEMERAL, COPY] {
            let out = planned(&minimal_pod(), journey, profile);
            assert_eq!(
                check_pod(&out, Level::Baseline, PolicyVersion::Latest),
                [],
                "{profile} {journey:?}"
            );
        }
    }
    // On a restricted pod, baseline leaves the debug container unrestricted (the pod-level
    // seccomp profile still covers it).
    let out = planned(&restricted_pod(), EPHEMERAL, "baseline");
    let v = check_pod(&out, Level::Restricted, PolicyVersion::Latest);
    assert_eq!(
        checks(&v),
        ["allowPrivilegeEscalation", "capabilities_restricted"]
    );
    assert_eq!(
        v[0].detail,
        "container \"debugger-abcde\" must set securityContext.allowPrivilegeEscalation=false"
    );
}

#[test]
fn general_netadmin_and_sysadmin_need_privileged() {
    let pod = restricted_pod();
    let expect = [
        ("general", "capabilities_baseline", "container \"debugger-abcde\" must not include \"SYS_PTRACE\" in securityContext.capabilities.add"),
        ("netadmin", "capabilities_baseline", "container \"debugger-abcde\" must not include \"NET_ADMIN\", \"NET_RAW\" in securityContext.capabilities.add"),
        ("sysadmin", "privileged", "container \"debugger-abcde\" must not set securityContext.privileged=true"),
    ];
    for (profile, check, detail) in expect {
        for journey in [EPHEMERAL, COPY] {
            let out = planned(&pod, journey, profile);
            let v = check_pod(&out, Level::Baseline, PolicyVersion::Latest);
            assert_eq!(checks(&v), [check], "{profile} {journey:?}");
            assert_eq!(v[0].detail, detail, "{profile} {journey:?}");
            assert_eq!(
                check_pod(&out, Level::Privileged, PolicyVersion::Latest),
                []
            );
        }
    }
}

/// The node debug pod of each profile on a recorded node, and the baseline checks it fails.
#[test]
fn node_debug_pods_meet_the_level_of_their_profile() {
    let node = fixture(include_str!(
        "../../../tests/conformance/oracle/fixtures/nodes/node-a.json"
    ));
    let expect: [(&str, &[&str]); 6] = [
        ("legacy", &["hostNamespaces", "hostPathVolumes"]),
        ("general", &["hostNamespaces", "hostPathVolumes"]),
        ("baseline", &[]),
        ("restricted", &[]),
        ("netadmin", &["capabilities_baseline", "hostNamespaces"]),
        (
            "sysadmin",
            &["hostNamespaces", "hostPathVolumes", "privileged"],
        ),
    ];
    for (profile, baseline) in expect {
        let session = Session {
            args: Some(vec![
                "node/node-a".into(),
                "--image=busybox".into(),
                format!("--profile={profile}"),
            ]),
            suffixes: vec!["abcde".into()],
            ..Session::default()
        };
        let p = plan(&session, &node).unwrap_or_else(|e| panic!("{profile}: {e:?}"));
        let pod = p
            .requests
            .first()
            .map(|r| r.body.clone())
            .unwrap_or(Value::Null);
        let v = check_pod(&pod, Level::Baseline, PolicyVersion::Latest);
        assert_eq!(checks(&v), baseline, "{profile}");
        let restricted = check_pod(&pod, Level::Restricted, PolicyVersion::Latest);
        assert_eq!(
            restricted.is_empty(),
            profile == "restricted",
            "{profile}: {restricted:?}"
        );
    }
}
