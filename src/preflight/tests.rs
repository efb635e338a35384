//! `--profile=auto` and `--preflight`: what `prepare` asks for, which profile `auto` chooses,
//! and what planning reports, through the crate's entry points.
#![allow(clippy::panic, clippy::indexing_slicing)]

use super::*;
use crate::error::Code;
use crate::json;
use crate::json::Value;
use crate::messages::Stream;
use crate::session::testing::{prepared, session};
use crate::{plan_prepared, plan_text_prepared, prepare, Journey, Session};

fn fixture(text: &str) -> Value {
    kubedebug_skim::from_str(text).unwrap_or(Value::Null)
}

fn minimal_pod() -> Value {
    fixture(include_str!(
        "../../tests/conformance/oracle/fixtures/pods/minimal.json"
    ))
}

fn node() -> Value {
    fixture(include_str!(
        "../../tests/conformance/oracle/fixtures/nodes/node-a.json"
    ))
}

/// A namespace `default` with these labels.
fn namespace(labels: Value) -> ReadResult {
    ReadResult {
        name: "namespace".to_string(),
        path: "/api/v1/namespaces/default".to_string(),
        object: Some(
            json!({"kind": "Namespace", "metadata": {"name": "default", "labels": labels}}),
        ),
        error: None,
    }
}

fn restricted() -> ReadResult {
    namespace(json!({"pod-security.kubernetes.io/enforce": "restricted"}))
}

fn code_of<T>(r: Result<T, crate::Failure>) -> Option<Code> {
    r.err().map(|f| f.error.code())
}

fn stderr(messages: &[crate::Message]) -> Vec<&str> {
    messages
        .iter()
        .filter(|m| m.stream == Stream::Stderr)
        .map(|m| m.text.as_str())
        .collect()
}

#[test]
fn without_the_new_flags_nothing_is_read_and_nothing_checked() {
    let p = prepared(&["minimal", "--image=busybox", "--profile=general"], vec![]);
    assert_eq!((p.needs.reads.len(), &p.pod_security), (0, &None));
    // An answer nobody asked for changes nothing.
    let q = prepared(
        &["minimal", "--image=busybox", "--profile=general"],
        vec![restricted()],
    );
    assert_eq!(q, p);
}

#[test]
fn auto_and_preflight_ask_for_the_namespace_first() {
    for args in [
        &["minimal", "--image=busybox", "--profile=auto"][..],
        &["minimal", "--image=busybox", "--preflight", "-n", "default"][..],
        &["minimal", "--image=busybox", "--preflight=warn"][..],
    ] {
        let p = prepared(args, vec![]);
        assert_eq!(
            (p.needs.reads.len(), p.pod_security.is_none()),
            (1, true),
            "{args:?}"
        );
        assert_eq!(p.needs.reads[0].path, "/api/v1/namespaces/default");
        // Planning before the answer is given back is refused, never a guess.
        assert_eq!(
            code_of(plan_prepared(&p, &minimal_pod())),
            Some(Code::NamespaceUnreadable)
        );
    }
    let other = prepared(
        &["minimal", "--image=x", "--profile=auto", "-n", "team-b"],
        vec![],
    );
    assert_eq!(other.needs.reads[0].path, "/api/v1/namespaces/team-b");
    // The answer for another namespace does not count.
    let p = prepared(
        &["minimal", "--image=x", "--profile=auto", "-n", "team-b"],
        vec![restricted()],
    );
    assert_eq!(p.needs.reads.len(), 1);
    // --preflight=off without auto reads nothing.
    let p = prepared(&["minimal", "--image=x", "--preflight=off"], vec![]);
    assert!(p.needs.reads.is_empty());
}

#[test]
fn auto_chooses_the_profile_of_the_enforce_level() {
    for (labels, profile, why) in [
        (
            json!({"pod-security.kubernetes.io/enforce": "restricted"}),
            "restricted",
            "enforces PodSecurity \"restricted:latest\"",
        ),
        (
            json!({"pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "v1.30"}),
            "baseline",
            "enforces PodSecurity \"baseline:v1.30\"",
        ),
        (
            json!({"pod-security.kubernetes.io/enforce": "privileged"}),
            "general",
            "enforces PodSecurity \"privileged:latest\"",
        ),
        (
            json!({}),
            "general",
            "has no pod-security.kubernetes.io/enforce label (privileged)",
        ),
        (
            json!({"pod-security.kubernetes.io/enforce": "strict"}),
            "restricted",
            "enforces PodSecurity \"restricted:latest\" (metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": must be one of privileged, baseline, restricted)",
        ),
    ] {
        let p = prepared(
            &["minimal", "--image=busybox", "--profile=auto"],
            vec![namespace(labels)],
        );
        assert_eq!(p.options.profile.as_deref(), Some(profile));
        assert_eq!(p.profile, profile);
        let security = p.pod_security.clone().unwrap_or_default();
        assert_eq!((security.auto, security.preflight.as_str()), (true, "warn"));
        assert_eq!(
            stderr(&p.messages),
            [format!(
                "--profile=auto: namespace \"default\" {why}: using --profile={profile}"
            )]
        );
    }
    // -q leaves the line out; the choice is the same.
    let p = prepared(
        &["minimal", "--image=busybox", "--profile=auto", "-q"],
        vec![restricted()],
    );
    assert_eq!((p.profile.as_str(), p.messages.len()), ("restricted", 0));
}

#[test]
fn auto_exists_in_every_kubectl_version() {
    for version in crate::KubectlVersion::all() {
        let s = Session {
            kubectl_version: Some(version),
            ..session(
                &["minimal", "--image=busybox", "--profile=auto"],
                vec![restricted()],
            )
        };
        let p = prepare(&s).map_err(|f| f.error.to_string());
        assert_eq!(
            p.map(|p| p.profile),
            Ok("restricted".to_string()),
            "{version}"
        );
    }
}

#[test]
fn preflight_modes() {
    let mode_of = |args: &[&str]| {
        let mut argv = vec!["minimal", "--image=x"];
        argv.extend(args);
        prepare(&session(&argv, vec![restricted()]))
            .map(|p| p.pod_security.map(|s| s.preflight))
            .map_err(|f| (f.error.code(), f.error.to_string()))
    };
    assert_eq!(mode_of(&["--profile=auto"]), Ok(Some("warn".into())));
    assert_eq!(mode_of(&["--preflight"]), Ok(Some("enforce".into())));
    // The bare flag never takes the next word (`warn` is a second target).
    assert_eq!(
        mode_of(&["--preflight", "warn"]),
        Ok(Some("enforce".into()))
    );
    assert_eq!(mode_of(&["--preflight=warn"]), Ok(Some("warn".into())));
    assert_eq!(
        mode_of(&["--profile=auto", "--preflight=off"]),
        Ok(Some("off".into()))
    );
    assert_eq!(mode_of(&["--preflight=off"]), Ok(None));
    assert_eq!(
        mode_of(&["--preflight=strict"]),
        Err((
            Code::Invalid,
            "invalid --preflight \"strict\": must be warn, enforce or off".into()
        ))
    );
}

#[test]
fn a_missing_namespace_fails_with_the_servers_text() {
    let gone = ReadResult {
        object: None,
        error: Some(
            json!({"kind": "Status", "code": 404, "message": "namespaces \"default\" not found"}),
        ),
        ..restricted()
    };
    let r = prepare(&session(
        &["minimal", "--image=x", "--profile=auto"],
        vec![gone],
    ));
    assert_eq!(
        r.err().map(|f| (f.error.code(), f.error.to_string())),
        Some((
            Code::NamespaceUnreadable,
            "--profile=auto needs the labels of namespace \"default\": namespaces \"default\" not found".into()
        ))
    );
}

#[test]
fn auto_refuses_a_node_unless_the_namespace_is_privileged() {
    let args = &["node/node-a", "--image=busybox", "--profile=auto"];
    let p = prepared(
        args,
        vec![namespace(
            json!({"pod-security.kubernetes.io/enforce": "baseline"}),
        )],
    );
    let e = plan_prepared(&p, &node()).err().map(|f| f.error);
    assert_eq!(e.as_ref().map(|e| e.code()), Some(Code::AutoNodeForbidden));
    assert!(e.map(|e| e.to_string()).unwrap_or_default().starts_with(
        "--profile=auto cannot debug a node in namespace \"default\": it enforces PodSecurity \"baseline:latest\""
    ));
    let p = prepared(args, vec![namespace(json!({}))]);
    let plan = plan_prepared(&p, &node()).map_err(|f| f.error.to_string());
    assert_eq!(
        plan.map(|p| (p.journey, stderr(&p.messages).len())),
        Ok((Journey::Node, 0))
    );
    // An explicit profile with --preflight=warn goes on, with the admission's warning.
    let p = prepared(
        &[
            "node/node-a",
            "--image=busybox",
            "--profile=sysadmin",
            "--preflight=warn",
        ],
        vec![restricted()],
    );
    let plan = plan_prepared(&p, &node()).map_err(|f| f.error.to_string());
    let warning = plan
        .map(|p| stderr(&p.messages).join("\n"))
        .unwrap_or_default();
    assert!(
        warning.starts_with("Warning: would violate PodSecurity \"restricted:latest\": host namespaces (hostNetwork=true, hostPID=true, hostIPC=true), privileged (container \"debugger\" must not set securityContext.privileged=true)"),
        "{warning}"
    );
}

#[test]
fn enforce_fails_before_anything_is_sent_and_warn_goes_on() {
    let args = |mode: &str| {
        vec![
            "minimal".to_string(),
            "--image=busybox".to_string(),
            "--profile=general".to_string(),
            format!("--preflight={mode}"),
        ]
    };
    let s = |mode: &str| Session {
        args: Some(args(mode)),
        ..session(&[], vec![restricted()])
    };
    let failure = crate::plan(&s("enforce"), &minimal_pod()).err();
    let error = failure
        .as_ref()
        .map(|f| (f.error.code(), f.error.to_string()));
    let want = "pods \"minimal\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (containers \"app\", \"debugger-abcde\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (containers \"app\", \"debugger-abcde\" must set securityContext.capabilities.drop=[\"ALL\"]; container \"debugger-abcde\" must not include \"SYS_PTRACE\" in securityContext.capabilities.add), runAsNonRoot != true (pod or containers \"app\", \"debugger-abcde\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or containers \"app\", \"debugger-abcde\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\") (--preflight=enforce: nothing was sent)";
    assert_eq!(error, Some((Code::PreflightViolation, want.to_string())));
    let warned = crate::plan(&s("warn"), &minimal_pod()).map_err(|f| f.error.to_string());
    let warned = warned.unwrap_or_default();
    assert_eq!(warned.requests.len(), 1);
    assert_eq!(stderr(&warned.messages).len(), 1);
    assert!(stderr(&warned.messages)[0].starts_with(
        "Warning: would violate PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"
    ));
    // Off: the plan of the same session without the flag.
    let off = crate::plan(&s("off"), &minimal_pod()).map_err(|f| f.error.to_string());
    let plain = crate::plan(
        &session(&["minimal", "--image=busybox", "--profile=general"], vec![]),
        &minimal_pod(),
    )
    .map_err(|f| f.error.to_string());
    assert_eq!(off, plain);
}

#[test]
fn the_copy_is_checked_and_text_planning_agrees() {
    let p = prepared(
        &[
            "minimal",
            "--image=busybox",
            "--profile=auto",
            "--copy-to=dbg",
        ],
        vec![namespace(
            json!({"pod-security.kubernetes.io/enforce": "baseline"}),
        )],
    );
    let plan = plan_prepared(&p, &minimal_pod()).map_err(|f| f.error.to_string());
    let plan = plan.unwrap_or_default();
    // baseline keeps a baseline pod baseline: no warning.
    assert_eq!(
        (plan.journey, stderr(&plan.messages).len()),
        (Journey::Copy, 0)
    );
    // A hostPath volume in the target is reported, on the text path too (never skimmed).
    let mut pod = minimal_pod();
    pod["spec"]["volumes"] = json!([{"name": "h", "hostPath": {"path": "/"}}]);
    let text = kubedebug_skim::to_string(&pod);
    let want =
        "Warning: would violate PodSecurity \"baseline:latest\": hostPath volumes (volume \"h\")";
    let whole = plan_prepared(&p, &pod).map(|p| stderr(&p.messages).join("\n"));
    assert_eq!(whole.map_err(|f| f.error.to_string()), Ok(want.to_string()));
    let texted = plan_text_prepared(&p, &text, false).map_err(|f| f.error.to_string());
    let texted = texted.map(|t| t.plan).unwrap_or_default();
    assert!(texted.contains(&want.replace('"', "\\\"")), "{texted}");
}

#[test]
fn the_pod_must_be_in_the_namespace_read() {
    let p = prepared(
        &[
            "minimal",
            "--image=busybox",
            "--preflight",
            "--profile=restricted",
        ],
        vec![restricted()],
    );
    let mut pod = minimal_pod();
    pod["metadata"]["namespace"] = json!("elsewhere");
    assert_eq!(
        code_of(plan_prepared(&p, &pod)),
        Some(Code::NamespaceUnreadable)
    );
}

#[test]
fn a_hand_made_policy_is_checked() {
    let mut p = prepared(
        &["minimal", "--image=busybox", "--preflight"],
        vec![restricted()],
    );
    if let Some(s) = p.pod_security.as_mut() {
        s.level = "strict".into();
    }
    assert_eq!(
        code_of(plan_prepared(&p, &minimal_pod())),
        Some(Code::InvalidInput)
    );
}
