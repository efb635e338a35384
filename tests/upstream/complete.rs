//! `TestCompleteAndValidate` (debug_test.go): a command line (split on single spaces, as the
//! Go test does) through flag parsing, `Complete` and `Validate` in namespace `test` → the
//! resolved options, or some error.
//!
//! The expected options are written with kubectl's `DebugOptions` field names; [`view`] maps
//! our resolved options onto them: `Attach` is the attach decision (`--attach`, else `-i`),
//! `ShareProcesses` the flag's value (default true), `Profile` the profile in effect.

use kubedebug::{json, Map, Value};
use kubedebug::{prepare, Prepared, Session};

use crate::{Table, VERSION};

/// kubectl's `DebugOptions` fields the test compares, from our prepared session.
fn view(p: &Prepared) -> Value {
    let o = &p.options;
    let pairs_map = |pairs: &[kubedebug::Pair]| {
        Value::Object(
            pairs
                .iter()
                .map(|x| (x.name.clone(), Value::String(x.value.clone())))
                .collect::<Map<_, _>>(),
        )
    };
    json!({
        "Args": o.args,
        "ArgsOnly": o.arguments_only,
        "Attach": o.wants_attach(),
        "Container": o.container,
        "CopyTo": o.copy_to,
        "CustomProfileFile": o.custom,
        "Env": o.env.iter().map(|e| json!({"name": e.name, "value": e.value})).collect::<Vec<_>>(),
        "Image": o.image,
        "Interactive": o.stdin,
        "KeepAnnotations": o.keep_annotations,
        "KeepInitContainers": o.keep_init_containers,
        "KeepLabels": o.keep_labels,
        "KeepLiveness": o.keep_liveness,
        "KeepReadiness": o.keep_readiness,
        "KeepStartup": o.keep_startup,
        "Namespace": p.namespace,
        "Profile": o.effective_profile(p.kubectl_version),
        "PullPolicy": o.image_pull_policy,
        "Quiet": o.quiet,
        "Replace": o.replace,
        "SameNode": o.same_node,
        "SetImages": pairs_map(&o.set_image),
        "ShareProcesses": o.share_processes.unwrap_or(true),
        "TargetContainer": o.target,
        "TargetNames": o.targets,
        "TTY": o.tty,
    })
}

/// Go's zero values (`false`, and a nil `SetImages` map) are omitted on both sides before
/// comparing; `canonical` only drops `false` for a few known keys, so drop every `false` and
/// empty map of this flat view here.
fn without_false(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| *v != Value::Bool(false) && *v != json!({}))
                .collect(),
        ),
        v => v,
    }
}

#[test]
fn test_complete_and_validate() {
    let base = |extra: Value| {
        let mut want = json!({
            "Args": [], "KeepInitContainers": true, "Namespace": "test",
            "ShareProcesses": true, "Profile": "general",
        });
        if let (Some(w), Value::Object(extra)) = (want.as_object_mut(), extra) {
            w.extend(extra);
        }
        Some(want)
    };
    let error = None;
    let cases: Vec<(&str, &str, Option<Value>)> = vec![
        ("No targets", "--image=image", error.clone()),
        ("Invalid environment variables", "--image=busybox --env=FOO mypod", error.clone()),
        ("Invalid image name", "--image=image:label@deadbeef mypod", error.clone()),
        ("Invalid pull policy", "--image=image --image-pull-policy=whenever-you-feel-like-it", error.clone()),
        ("TTY without stdin", "--image=image --tty", error.clone()),
        (
            "Set image pull policy",
            "--image=busybox --image-pull-policy=Always mypod",
            base(json!({"Image": "busybox", "PullPolicy": "Always", "TargetNames": ["mypod"]})),
        ),
        (
            "Multiple targets",
            "--image=busybox mypod1 mypod2",
            base(json!({"Image": "busybox", "TargetNames": ["mypod1", "mypod2"]})),
        ),
        (
            "Arguments with dash",
            "--image=busybox mypod1 mypod2 -- echo 1 2",
            base(json!({"Args": ["echo", "1", "2"], "Image": "busybox", "TargetNames": ["mypod1", "mypod2"]})),
        ),
        (
            "Interactive no attach",
            "-ti --image=busybox --attach=false mypod",
            base(json!({
                "Attach": false, "Image": "busybox", "Interactive": true, "TargetNames": ["mypod"], "TTY": true,
            })),
        ),
        (
            "Set environment variables",
            "--image=busybox --env=FOO=BAR mypod",
            base(json!({"Env": [{"name": "FOO", "value": "BAR"}], "Image": "busybox", "TargetNames": ["mypod"]})),
        ),
        (
            "Ephemeral container: interactive session minimal args",
            "mypod -it --image=busybox",
            base(json!({
                "Attach": true, "Image": "busybox", "Interactive": true, "TargetNames": ["mypod"], "TTY": true,
            })),
        ),
        (
            "Ephemeral container: non-interactive debugger with image and name",
            "--image=myproj/debug-tools --image-pull-policy=Always -c debugger mypod",
            base(json!({
                "Container": "debugger", "Image": "myproj/debug-tools", "PullPolicy": "Always",
                "TargetNames": ["mypod"],
            })),
        ),
        ("Ephemeral container: no image specified", "mypod", error.clone()),
        ("Ephemeral container: no image but args", "mypod -- echo 1 2", error.clone()),
        ("Ephemeral container: replace not allowed", "--replace --image=busybox mypod", error.clone()),
        ("Ephemeral container: same-node not allowed", "--same-node --image=busybox mypod", error.clone()),
        ("Ephemeral container: incompatible with --set-image", "--set-image=*=busybox mypod", error.clone()),
        (
            "Pod copy: interactive debug container minimal args",
            "mypod -it --image=busybox --copy-to=my-debugger",
            base(json!({
                "Attach": true, "CopyTo": "my-debugger", "Image": "busybox", "Interactive": true,
                "TargetNames": ["mypod"], "TTY": true,
            })),
        ),
        (
            "Pod copy: non-interactive with debug container, image name and command",
            "mypod --image=busybox --container=my-container --copy-to=my-debugger -- sleep 1d",
            base(json!({
                "Args": ["sleep", "1d"], "Container": "my-container", "CopyTo": "my-debugger",
                "Image": "busybox", "TargetNames": ["mypod"],
            })),
        ),
        (
            "Pod copy: explicit attach",
            "mypod --image=busybox --copy-to=my-debugger --attach -- sleep 1d",
            base(json!({
                "Args": ["sleep", "1d"], "Attach": true, "CopyTo": "my-debugger", "Image": "busybox",
                "TargetNames": ["mypod"],
            })),
        ),
        (
            "Pod copy: replace single image of existing container",
            "mypod --image=busybox --container=my-container --copy-to=my-debugger",
            base(json!({
                "Container": "my-container", "CopyTo": "my-debugger", "Image": "busybox", "TargetNames": ["mypod"],
            })),
        ),
        (
            "Pod copy: mutate existing container images",
            "mypod --set-image=*=busybox,app=app-debugger --copy-to=my-debugger",
            base(json!({
                "CopyTo": "my-debugger", "SetImages": {"*": "busybox", "app": "app-debugger"},
                "TargetNames": ["mypod"],
            })),
        ),
        (
            "Pod copy: add container and also mutate images",
            "mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug",
            base(json!({
                "Attach": true, "CopyTo": "my-debugger", "Image": "debian", "Interactive": true,
                "SetImages": {"app": "app:debug", "sidecar": "sidecar:debug"}, "TargetNames": ["mypod"], "TTY": true,
            })),
        ),
        (
            "Pod copy: change command",
            "mypod -it --copy-to=my-debugger --container=mycontainer -- sh",
            base(json!({
                "Attach": true, "Args": ["sh"], "Container": "mycontainer", "CopyTo": "my-debugger",
                "Interactive": true, "TargetNames": ["mypod"], "TTY": true,
            })),
        ),
        (
            "Pod copy: change keep options from defaults",
            "mypod -it --image=busybox --copy-to=my-debugger --keep-labels=true --keep-annotations=true --keep-liveness=true --keep-readiness=true --keep-startup=true --keep-init-containers=false",
            base(json!({
                "Attach": true, "CopyTo": "my-debugger", "Image": "busybox", "Interactive": true,
                "KeepLabels": true, "KeepAnnotations": true, "KeepLiveness": true, "KeepReadiness": true,
                "KeepStartup": true, "KeepInitContainers": false, "TargetNames": ["mypod"], "TTY": true,
            })),
        ),
        ("Pod copy: no image specified", "mypod -it --copy-to=my-debugger", error.clone()),
        ("Pod copy: args but no image specified", "mypod --copy-to=my-debugger -- echo milo", error.clone()),
        ("Pod copy: --target not allowed", "mypod --target --image=busybox --copy-to=my-debugger", error.clone()),
        ("Pod copy: invalid --set-image", "mypod --set-image=*=SUPERGOODIMAGE#1!!!! --copy-to=my-debugger", error.clone()),
        (
            "Pod copy: specifying attach without existing or newly created container",
            "mypod --set-image=*=busybox --copy-to=my-debugger --attach",
            error.clone(),
        ),
        (
            "Node: interactive session minimal args",
            "node/mynode -it --image=busybox",
            base(json!({
                "Attach": true, "Image": "busybox", "Interactive": true, "TargetNames": ["node/mynode"], "TTY": true,
            })),
        ),
        ("Node: no image specified", "node/mynode -it", error.clone()),
        ("Node: --replace not allowed", "--image=busybox --replace node/mynode", error.clone()),
        ("Node: --same-node not allowed", "--image=busybox --same-node node/mynode", error.clone()),
        ("Node: --set-image not allowed", "--image=busybox --set-image=*=busybox node/mynode", error.clone()),
        ("Node: --target not allowed", "node/mynode --target --image=busybox", error),
    ];
    assert_eq!(cases.len(), 36);
    let mut table = Table::default();
    for (name, args, want) in cases {
        let session = Session {
            args: Some(args.split(' ').map(String::from).collect()),
            namespace: Some("test".into()),
            kubectl_version: Some(VERSION),
            ..Session::default()
        };
        // `prepare` covers kubectl's whole pipeline: flag parsing (`args::parse_args`),
        // `Complete` and `Validate`. kubectl's error rows only assert that some error occurs.
        let got = prepare(&session);
        match (want, got) {
            (None, Err(_)) => table.count(),
            (None, Ok(p)) => {
                table.fail(name, format!("expected an error, got options {}", view(&p)))
            }
            (Some(want), got) => table.check(
                name,
                &without_false(want),
                got.map(|p| without_false(view(&p)))
                    .map_err(|f| f.error.to_string()),
            ),
        }
    }
    table.finish("TestCompleteAndValidate");
}
