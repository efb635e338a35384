#![allow(clippy::indexing_slicing)]

use crate::error::Code;
use crate::json::Value;
use crate::plan::Plan;
use crate::session::{plan, Session};
use crate::text_plan::plan_text;

/// A pod: `app` runs as 1000:3000 (pod 2000 overridden), mounts `data` (one with subPath)
/// and `cache`; `side` has no user of its own; volumes `data`, `cache`, `extra`.
const POD: &str = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"ns",
  "labels":{"app":"web"},"annotations":{"a":"1"}},
  "spec":{"securityContext":{"runAsUser":2000,"runAsNonRoot":true},
    "containers":[
      {"name":"app","image":"nginx","securityContext":{"runAsUser":1000,"runAsGroup":3000},
       "volumeMounts":[{"name":"data","mountPath":"/data"},
                       {"name":"data","mountPath":"/conf","subPath":"conf","readOnly":true},
                       {"name":"cache","mountPath":"/cache","mountPropagation":"Bidirectional"}]},
      {"name":"side","image":"envoy"}],
    "volumes":[{"name":"data","emptyDir":{}},{"name":"cache","emptyDir":{}},{"name":"extra","emptyDir":{}}]}}"#;

const NODE: &str = r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","labels":{"zone":"a","role":"db"}},
  "spec":{"taints":[{"key":"dedicated","value":"db","effect":"NoSchedule"},{"key":"gpu","effect":"NoExecute"}]}}"#;

fn value(text: &str) -> Value {
    kubedebug_skim::from_str(text).unwrap_or(Value::Null)
}

fn run(target: &str, args: &[&str]) -> Result<Plan, crate::validate::Failure> {
    let session = Session {
        args: Some(args.iter().map(|a| a.to_string()).collect()),
        namespace: Some("ns".into()),
        suffixes: vec!["aaaaa".into()],
        ..Session::default()
    };
    plan(&session, &value(target))
}

fn code(target: &str, args: &[&str]) -> Option<&'static str> {
    run(target, args).err().map(|f| f.error.code().as_str())
}

/// The debug container of a plan.
fn container(args: &[&str]) -> Value {
    run(POD, args)
        .ok()
        .and_then(|p| p.container)
        .unwrap_or(Value::Null)
}

fn messages(args: &[&str]) -> Vec<String> {
    run(POD, args)
        .map(|p| p.messages.into_iter().map(|m| m.text).collect())
        .unwrap_or_default()
}

#[test]
fn as_target_user_copies_the_targets_effective_user() {
    // --target app: its own user and group; runAsNonRoot from the pod.
    let c = container(&["web", "--image=busybox", "--target=app", "--as-target-user"]);
    let sc = &c["securityContext"];
    assert_eq!(sc["runAsUser"].as_i64(), Some(1000));
    assert_eq!(sc["runAsGroup"].as_i64(), Some(3000));
    assert_eq!(sc["runAsNonRoot"].as_bool(), Some(true));
    // --target side: the pod's user.
    let c = container(&[
        "web",
        "--image=busybox",
        "--target=side",
        "--as-target-user",
    ]);
    assert_eq!(c["securityContext"]["runAsUser"].as_i64(), Some(2000));
    assert!(c["securityContext"].get("runAsGroup").is_none());
    // Without --target: the first container (app); the default-container annotation wins.
    let c = container(&["web", "--image=busybox", "--as-target-user"]);
    assert_eq!(c["securityContext"]["runAsUser"].as_i64(), Some(1000));
    let annotated = POD.replace(
        r#""a":"1""#,
        r#""kubectl.kubernetes.io/default-container":"side""#,
    );
    let p = run(&annotated, &["web", "--image=busybox", "--as-target-user"]);
    let uid = p
        .ok()
        .and_then(|p| p.container)
        .map(|c| c["securityContext"]["runAsUser"].as_i64());
    assert_eq!(uid, Some(Some(2000)));
    // Without the flag nothing changes (kubectl's plan).
    let c = container(&["web", "--image=busybox", "--target=app"]);
    assert!(c["securityContext"].get("runAsUser").is_none());
    assert!(c["securityContext"]["capabilities"].is_object());
}

#[test]
fn as_target_user_in_a_copy_targets_c_or_the_default_container() {
    // A new debug container: the default container's user.
    let c = container(&["web", "--image=busybox", "--copy-to=x", "--as-target-user"]);
    assert_eq!(c["securityContext"]["runAsUser"].as_i64(), Some(1000));
    // -c side (an existing container, edited in place): its own effective user.
    let c = container(&[
        "web",
        "--image=busybox",
        "--copy-to=x",
        "-c",
        "side",
        "--as-target-user",
    ]);
    assert_eq!(c["securityContext"]["runAsUser"].as_i64(), Some(2000));
    // -c naming a new container: the default container.
    let c = container(&[
        "web",
        "--image=busybox",
        "--copy-to=x",
        "-c",
        "dbg",
        "--as-target-user",
    ]);
    assert_eq!(c["securityContext"]["runAsUser"].as_i64(), Some(1000));
}

#[test]
fn as_target_user_order_profile_then_user_then_custom() {
    // restricted sets runAsNonRoot and drops capabilities; the user is added to that.
    let c = container(&[
        "web",
        "--image=busybox",
        "--as-target-user",
        "--profile=restricted",
    ]);
    let sc = &c["securityContext"];
    assert_eq!(sc["runAsUser"].as_i64(), Some(1000));
    assert_eq!(sc["runAsNonRoot"].as_bool(), Some(true));
    assert_eq!(sc["capabilities"]["drop"][0].as_str(), Some("ALL"));
    // baseline clears the securityContext; the user is set after it.
    let c = container(&[
        "web",
        "--image=busybox",
        "--as-target-user",
        "--profile=baseline",
    ]);
    assert_eq!(c["securityContext"]["runAsUser"].as_i64(), Some(1000));
    // --custom comes last and wins.
    let session = Session {
        args: Some(
            [
                "web",
                "--image=busybox",
                "--as-target-user",
                "--custom=/c.json",
            ]
            .map(String::from)
            .to_vec(),
        ),
        custom_profile: Some(crate::validate::CustomProfileFile {
            path: "/c.json".into(),
            text: Some(r#"{"securityContext":{"runAsUser":4242}}"#.into()),
            error: None,
        }),
        ..Session::default()
    };
    let c = plan(&session, &value(POD)).ok().and_then(|p| p.container);
    let sc = c.as_ref().map(|c| &c["securityContext"]);
    assert_eq!(sc.and_then(|s| s["runAsUser"].as_i64()), Some(4242));
    assert_eq!(sc.and_then(|s| s["runAsGroup"].as_i64()), Some(3000));
}

#[test]
fn as_target_user_refusals() {
    let no_user = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
      "spec":{"containers":[{"name":"app","image":"nginx"}]}}"#;
    // No user to copy: profiles that need root are refused…
    for profile in ["--profile=sysadmin", "--profile=netadmin"] {
        let args = ["web", "--image=busybox", "--as-target-user", profile];
        assert_eq!(
            code(no_user, &args),
            Some("overlay/no-target-user"),
            "{profile}"
        );
    }
    // …the others run with a warning.
    for profile in ["legacy", "general", "baseline", "restricted"] {
        let p = format!("--profile={profile}");
        let plan = run(no_user, &["web", "--image=busybox", "--as-target-user", &p]);
        let warned = plan.map(|p| {
            p.messages
                .iter()
                .any(|m| m.text.contains("sets no runAsUser"))
        });
        assert_eq!(warned, Ok(true), "{profile}");
    }
    // A user to copy with a root profile: applied, with a warning.
    let m = messages(&[
        "web",
        "--image=busybox",
        "--as-target-user",
        "--profile=sysadmin",
    ]);
    assert!(m.iter().any(|t| t.contains("may not take effect")), "{m:?}");
    // restricted forbids a target running as root.
    let root = no_user.replace(
        r#""image":"nginx""#,
        r#""image":"nginx","securityContext":{"runAsUser":0}"#,
    );
    let args = [
        "web",
        "--image=busybox",
        "--as-target-user",
        "--profile=restricted",
    ];
    assert_eq!(code(&root, &args), Some("overlay/user-conflict"));
    // No such target container.
    let args = [
        "web",
        "--image=busybox",
        "--target=nope",
        "--as-target-user",
    ];
    assert_eq!(code(POD, &args), Some("overlay/no-target-container"));
    // A node has no target container.
    let args = ["node/n1", "--image=busybox", "--as-target-user"];
    assert_eq!(code(NODE, &args), Some("overlay/wrong-journey"));
    // A copy adding no debug container.
    let args = [
        "web",
        "--copy-to=x",
        "--set-image=*=busybox",
        "--as-target-user",
    ];
    assert_eq!(code(POD, &args), Some("overlay/wrong-journey"));
}

fn mount_paths(c: &Value) -> Vec<String> {
    c["volumeMounts"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|m| m["mountPath"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn mount_target_volumes_respects_ephemeral_rules() {
    let args = [
        "web",
        "--image=busybox",
        "--target=app",
        "--mount-target-volumes",
    ];
    let c = container(&args);
    // subPath is refused in ephemeral containers: /conf is left out, with a warning.
    assert_eq!(mount_paths(&c), ["/data", "/cache"]);
    assert!(messages(&args)
        .iter()
        .any(|m| m.contains("may not set subPath")));
    // Bidirectional needs a privileged container.
    assert_eq!(
        c["volumeMounts"][1]["mountPropagation"].as_str(),
        Some("HostToContainer")
    );
    let c = container(&[
        "web",
        "--image=busybox",
        "--mount-target-volumes",
        "--profile=sysadmin",
    ]);
    assert_eq!(
        c["volumeMounts"][1]["mountPropagation"].as_str(),
        Some("Bidirectional")
    );
    // A copy's regular container may use subPath.
    let c = container(&[
        "web",
        "--image=busybox",
        "--copy-to=x",
        "--mount-target-volumes",
    ]);
    assert_eq!(mount_paths(&c), ["/data", "/conf", "/cache"]);
    assert_eq!(c["volumeMounts"][1]["subPath"].as_str(), Some("conf"));
    // The patch carries them.
    let p = run(POD, &args)
        .ok()
        .map(|p| kubedebug_skim::to_string(&p.requests[0].body));
    assert!(p.is_some_and(|b| b.contains(r#""mountPath":"/cache""#)));
}

#[test]
fn volume_mount_mounts_one_volume() {
    let c = container(&["web", "--image=busybox", "--volume-mount=extra:/x:ro"]);
    assert_eq!(mount_paths(&c), ["/x"]);
    assert_eq!(c["volumeMounts"][0]["readOnly"].as_bool(), Some(true));
    assert_eq!(c["volumeMounts"][0]["name"].as_str(), Some("extra"));
    // Explicit wins over a target mount at the same path.
    let c = container(&[
        "web",
        "--image=busybox",
        "--volume-mount=extra:/data",
        "--mount-target-volumes",
    ]);
    assert_eq!(mount_paths(&c), ["/data", "/cache"]);
    assert_eq!(c["volumeMounts"][0]["name"].as_str(), Some("extra"));
    // Errors.
    let e = run(POD, &["web", "--image=busybox", "--volume-mount=nope:/x"]).err();
    assert_eq!(
        e.as_ref().map(|f| f.error.code()),
        Some(Code::OverlayNoSuchVolume)
    );
    assert!(e.is_some_and(|f| f
        .error
        .to_string()
        .contains("its volumes: data, cache, extra")));
    for bad in ["extra", "extra:x", "Extra:/x", "extra:/x:zz", ":/x"] {
        let flag = format!("--volume-mount={bad}");
        assert_eq!(
            code(POD, &["web", "--image=busybox", &flag]),
            Some("overlay/invalid-value"),
            "{bad}"
        );
    }
    let args = [
        "web",
        "--image=busybox",
        "--volume-mount=extra:/x",
        "--volume-mount=data:/x",
    ];
    assert_eq!(code(POD, &args), Some("overlay/mount-path-conflict"));
    // A node pod: its volumes are the profile's (host-root at /host).
    let n = run(
        NODE,
        &[
            "node/n1",
            "--image=busybox",
            "--profile=general",
            "--volume-mount=host-root:/h:ro",
        ],
    );
    let c = n.ok().and_then(|p| p.container).unwrap_or(Value::Null);
    assert_eq!(mount_paths(&c), ["/host", "/h"]);
    let args = [
        "node/n1",
        "--image=busybox",
        "--profile=general",
        "--volume-mount=host-root:/host",
    ];
    assert_eq!(code(NODE, &args), Some("overlay/mount-path-conflict"));
}

#[test]
fn pod_overlays_on_a_copy() {
    let args = [
        "web",
        "--image=busybox",
        "--copy-to=x",
        "--image-pull-secret=reg",
        "--image-pull-secret=reg,other",
        "--label=team=sre",
        "--annotation=note=a,b c",
        "--node-selector=zone=a",
    ];
    let p = run(POD, &args)
        .ok()
        .map(|p| p.result)
        .unwrap_or(Value::Null);
    // The source's labels are dropped by kubectl's profile; ours are set after it.
    assert_eq!(
        p["metadata"]["labels"].as_object().map(|l| l.len()),
        Some(1)
    );
    assert_eq!(p["metadata"]["labels"]["team"].as_str(), Some("sre"));
    assert_eq!(p["metadata"]["annotations"]["note"].as_str(), Some("a,b c"));
    assert_eq!(p["spec"]["nodeSelector"]["zone"].as_str(), Some("a"));
    let secrets = kubedebug_skim::to_string(&p["spec"]["imagePullSecrets"]);
    assert_eq!(secrets, r#"[{"name":"reg"},{"name":"other"}]"#);
}

#[test]
fn pod_overlays_on_a_node_pod() {
    let args = [
        "node/n1",
        "--image=busybox",
        "--node-selector=zone=a",
        "--tolerations-from-node",
        "--label=x=y",
    ];
    let p = run(NODE, &args)
        .ok()
        .map(|p| p.result)
        .unwrap_or(Value::Null);
    assert_eq!(p["spec"]["nodeSelector"]["zone"].as_str(), Some("a"));
    assert_eq!(p["metadata"]["labels"]["x"].as_str(), Some("y"));
    assert_eq!(
        p["metadata"]["labels"]["app.kubernetes.io/managed-by"].as_str(),
        Some("kubectl-debug")
    );
    assert_eq!(
        kubedebug_skim::to_string(&p["spec"]["tolerations"]),
        r#"[{"key":"dedicated","operator":"Equal","value":"db","effect":"NoSchedule"},{"key":"gpu","operator":"Exists","effect":"NoExecute"}]"#
    );
    // Without the flag: kubectl's blanket toleration.
    let p = run(NODE, &["node/n1", "--image=busybox"])
        .ok()
        .map(|p| p.result)
        .unwrap_or(Value::Null);
    assert_eq!(
        kubedebug_skim::to_string(&p["spec"]["tolerations"]),
        r#"[{"operator":"Exists"}]"#
    );
    // A node without taints: no tolerations at all.
    let bare = r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}"#;
    let p = run(
        bare,
        &["node/n1", "--image=busybox", "--tolerations-from-node"],
    )
    .ok()
    .map(|p| p.result);
    assert!(p.is_some_and(|p| p["spec"].get("tolerations").is_none()));
    // The node must match the selector.
    for sel in ["--node-selector=zone=b", "--node-selector=disk=ssd"] {
        assert_eq!(
            code(NODE, &["node/n1", "--image=busybox", sel]),
            Some("overlay/node-selector-mismatch")
        );
    }
}

#[test]
fn pod_overlays_are_refused_for_ephemeral_containers_and_checked() {
    for flag in [
        "--image-pull-secret=reg",
        "--label=a=b",
        "--annotation=a=b",
        "--node-selector=a=b",
        "--tolerations-from-node",
    ] {
        let e = run(POD, &["web", "--image=busybox", flag]).err();
        assert_eq!(
            e.as_ref().map(|f| f.error.code()),
            Some(Code::OverlayWrongJourney),
            "{flag}"
        );
        let text = e.map(|f| f.error.to_string()).unwrap_or_default();
        assert!(text.contains("ephemeral"), "{text}");
    }
    let e = run(POD, &["web", "--image=busybox", "--image-pull-secret=reg"]).err();
    assert!(e.is_some_and(|f| f.error.to_string().contains("service account")));
    let args = [
        "web",
        "--image=busybox",
        "--copy-to=x",
        "--tolerations-from-node",
    ];
    assert_eq!(code(POD, &args), Some("overlay/wrong-journey"));
    for bad in [
        "--label=a b=c",
        "--label=a=b c",
        "--label=-a=b",
        "--label=/a=b",
        "--label=Ex.com/a=b",
        "--label=a/b/c=d",
        &format!("--label=a={}", "v".repeat(64)),
        &format!("--label={}=v", "k".repeat(64)),
        "--annotation=a b=c",
        "--node-selector=a=b!",
        "--image-pull-secret=Reg",
        "--image-pull-secret=a_b",
    ] {
        let args = ["web", "--image=busybox", "--copy-to=x", bad];
        assert_eq!(code(POD, &args), Some("overlay/invalid-value"), "{bad}");
    }
    // Annotation keys are checked lower-cased (upper case allowed), values are free text.
    let args = [
        "web",
        "--image=busybox",
        "--copy-to=x",
        "--annotation=Note=any thing!",
        "--label=example.com/a-b_c.d=V_1",
    ];
    assert!(run(POD, &args).is_ok());
    let big = format!("--annotation=k={}", "v".repeat(256 * 1024));
    assert_eq!(
        code(POD, &["web", "--image=busybox", "--copy-to=x", &big]),
        Some("overlay/invalid-value")
    );
}

#[test]
fn the_text_path_plans_overlays_as_the_object_path() {
    let cases: [&[&str]; 3] = [
        &[
            "web",
            "--image=busybox",
            "--target=app",
            "--as-target-user",
            "--mount-target-volumes",
        ],
        &[
            "web",
            "--image=busybox",
            "--copy-to=x",
            "--as-target-user",
            "--mount-target-volumes",
            "--label=a=b",
        ],
        &["web", "--image=busybox", "--volume-mount=extra:/x"],
    ];
    for args in cases {
        let session = Session {
            args: Some(args.iter().map(|a| a.to_string()).collect()),
            suffixes: vec!["aaaaa".into()],
            ..Session::default()
        };
        let object = plan(&session, &value(POD))
            .ok()
            .map(|p| kubedebug_skim::to_string(&p.requests[0].body));
        let text = plan_text(&session, POD, false)
            .ok()
            .map(|p| p.bodies[0].clone());
        assert!(object.is_some());
        assert_eq!(object, text, "{args:?}");
    }
}

#[test]
fn render_and_parse_round_trip_the_new_flags() {
    let args = [
        "web",
        "--image=busybox",
        "--copy-to=x",
        "--as-target-user",
        "--mount-target-volumes",
        "--volume-mount=extra:/x:ro",
        "--image-pull-secret=reg",
        "--label=a=b",
        "--annotation=n=a,b",
        "--node-selector=z=a",
    ]
    .map(String::from);
    let parsed = crate::args::parse_args(&args, crate::version::KubectlVersion::default(), None);
    assert!(parsed.is_ok(), "{parsed:?}");
    let Ok(parsed) = parsed else { return };
    let rendered = crate::args::render_args(&parsed.options, None);
    let again = crate::args::parse_args(&rendered, crate::version::KubectlVersion::default(), None);
    assert_eq!(again.map(|p| p.options), Ok(parsed.options));
}
