use crate::session::{prepare, Session};

/// A session from JSON text.
#[track_caller]
fn session(text: &str) -> Session {
    let s = Session::from_json(text);
    assert!(s.is_ok(), "{text}: {s:?}");
    s.unwrap_or_default()
}

/// `prepare`'s image and messages, or its error text.
#[track_caller]
fn image_of(text: &str) -> Result<(String, Vec<String>), String> {
    match prepare(&session(text)) {
        Ok(p) => Ok((
            p.options.image,
            p.messages.into_iter().map(|m| m.text).collect(),
        )),
        Err(f) => Err(f.error.message().to_string()),
    }
}

const DEFAULTS: &str = r#""defaultImages":{"*":"env/img"},"defaultImageSource":"KUBEDEBUG_IMAGE""#;

#[test]
fn without_configuration_kubectls_errors_stay() {
    for (args, error) in [
        (r#"["web"]"#, "you must specify --image when not using --copy-to."),
        (r#"["web","--copy-to=c"]"#, "you must specify --image, --set-image or command arguments."),
        (r#"["web","--attach"]"#, "you must specify --container or create a new container using --image in order to attach."),
        (r#"["web","--copy-to=c","--set-image=*=x","--","sh"]"#, "you must specify an existing container or a new image when specifying args."),
    ] {
        assert_eq!(image_of(&format!(r#"{{"args":{args}}}"#)), Err(error.to_string()), "{args}");
    }
}

#[test]
fn the_default_image_applies_only_where_kubectl_fails_for_lack_of_it() {
    let with = |args: &str| image_of(&format!(r#"{{"args":{args},{DEFAULTS}}}"#));
    let used = |image: &str, source: &str| {
        Ok((
            image.to_string(),
            vec![format!("Using the default image {image} from {source}.")],
        ))
    };
    assert_eq!(with(r#"["web"]"#), used("env/img", "KUBEDEBUG_IMAGE"));
    assert_eq!(
        with(r#"["web","--copy-to=c"]"#),
        used("env/img", "KUBEDEBUG_IMAGE")
    );
    assert_eq!(
        with(r#"["web","--attach","-c","x"]"#),
        used("env/img", "KUBEDEBUG_IMAGE")
    );
    assert_eq!(with(r#"["web","-q"]"#), Ok(("env/img".into(), vec![])));
    // kubectl accepts these: nothing changes.
    assert_eq!(
        with(r#"["web","--image=busybox"]"#),
        Ok(("busybox".into(), vec![]))
    );
    assert_eq!(
        with(r#"["web","--copy-to=c","--set-image=*=x"]"#),
        Ok((String::new(), vec![]))
    );
    assert_eq!(
        with(r#"["web","--copy-to=c","-c","app","--","sh"]"#),
        Ok((String::new(), vec![]))
    );
    // kubectl fails for another reason first: that error stays.
    assert_eq!(
        with(r#"["web","--replace"]"#),
        Err("--replace may only be used with --copy-to.".into())
    );
    assert_eq!(
        with(r#"["web","--set-image=*=x"]"#),
        Err("--set-image may only be used with --copy-to.".into())
    );
}

#[test]
fn the_default_for_the_profile_in_effect_before_the_one_for_every_profile() {
    let files_only = r#""defaultImages":{"netadmin":"nicolaka/netshoot","*":"file/img"},"defaultImageSource":"/c.yaml""#;
    let with = |args: &str| image_of(&format!(r#"{{"args":{args},{files_only}}}"#)).map(|(i, _)| i);
    assert_eq!(
        with(r#"["web","--profile=netadmin"]"#),
        Ok("nicolaka/netshoot".into())
    );
    assert_eq!(
        with(r#"["web","--profile=general"]"#),
        Ok("file/img".into())
    );
    // The environment's default is given first, and wins.
    let env_first = image_of(&format!(
        r#"{{"args":["web","--profile=netadmin"],{DEFAULTS}}}"#
    ));
    assert_eq!(env_first.map(|(i, _)| i), Ok("env/img".into()));
    // An invalid default fails as an invalid --image would, after saying where it came from.
    let bad = prepare(&session(
        r#"{"args":["web"],"defaultImages":{"*":"Bad Image"},"defaultImageSource":"/c.yaml"}"#,
    ));
    assert!(bad.is_err(), "accepted an invalid default image");
    let Err(f) = bad else { return };
    assert_eq!(
        f.error.message(),
        "invalid image name \"Bad Image\": invalid reference format"
    );
    assert_eq!(f.messages.len(), 1);
}

#[test]
fn rm_from_configuration_when_attaching_unless_retain() {
    let rm = |args: &str| match prepare(&session(&format!(r#"{{"args":{args},"defaultRm":true}}"#)))
    {
        Ok(p) => Ok(p.options.rm),
        Err(f) => Err(f.error.message().to_string()),
    };
    assert_eq!(rm(r#"["web","--image=b","-i"]"#), Ok(true));
    assert_eq!(rm(r#"["web","--image=b","-i","--retain"]"#), Ok(false));
    assert_eq!(rm(r#"["web","--image=b"]"#), Ok(false));
    let explicit = |args: &str| image_of(&format!(r#"{{"args":{args}}}"#)).map(|_| ());
    assert_eq!(
        explicit(r#"["web","--image=b","--rm"]"#),
        Err("--rm should only be used for attached containers".into())
    );
    assert_eq!(
        explicit(r#"["web","--image=b","-i","--rm","--retain"]"#),
        Err("--rm and --retain cannot be used together".into())
    );
    assert_eq!(explicit(r#"["web","--image=b","--attach","--rm"]"#), Ok(()));
}

/// What `--rm` plans: the copy's or the node pod's path to delete (never the source), and
/// `stdinOnce` on an ephemeral container.
#[test]
fn rm_plans_the_cleanup_of_what_the_session_creates() {
    let pod = kubedebug_skim::json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "ns"},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]}});
    let node =
        kubedebug_skim::json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}});
    let plan = |args: &str, object: &crate::Value| {
        let s = session(&format!(
            r#"{{"args":{args},"namespace":"ns","suffixes":["aaaaa"]}}"#
        ));
        crate::session::plan(&s, object).map_err(|f| f.error.message().to_string())
    };
    let copy = plan(
        r#"["web","--image=b","-i","--copy-to=web-dbg","--replace","--rm"]"#,
        &pod,
    );
    assert_eq!(
        copy.as_ref().map(|p| p.cleanup.as_deref()),
        Ok(Some("/api/v1/namespaces/ns/pods/web-dbg"))
    );
    assert_eq!(
        copy.map(|p| p.requests.len()),
        Ok(2),
        "kubectl's POST, then its DELETE of the source"
    );
    let node_pod = plan(r#"["node/n1","--image=b","-it","--rm"]"#, &node);
    assert_eq!(
        node_pod.map(|p| p.cleanup),
        Ok(Some(
            "/api/v1/namespaces/ns/pods/node-debugger-n1-aaaaa".into()
        ))
    );
    let stdin_once = |args: &str| {
        plan(args, &pod).map(|p| {
            (
                p.cleanup,
                p.container.and_then(|c| c.get("stdinOnce").cloned()),
            )
        })
    };
    assert_eq!(
        stdin_once(r#"["web","--image=b","-it","--rm"]"#),
        Ok((None, Some(crate::Value::Bool(true))))
    );
    assert_eq!(stdin_once(r#"["web","--image=b","-it"]"#), Ok((None, None)));
    assert_eq!(
        stdin_once(r#"["web","--image=b","--attach","--rm"]"#),
        Ok((None, None))
    );
}

/// The configured `sessionLabel` is `--session-label`'s default; the flag, given either way,
/// wins; without configuration nothing is labelled (kubectl's output).
#[test]
fn session_label_from_configuration_unless_the_flag_says_otherwise() {
    let label = |args: &str, configured: bool| {
        let text = format!(r#"{{"args":{args},"defaultSessionLabel":{configured}}}"#);
        prepare(&session(&text))
            .map(|p| p.options.session_label)
            .map_err(|f| f.error.message().to_string())
    };
    let copy = r#"["web","--image=b","--copy-to=c""#;
    assert_eq!(label(&format!("{copy}]"), false), Ok(None));
    assert_eq!(label(&format!("{copy}]"), true), Ok(Some(true)));
    assert_eq!(
        label(&format!(r#"{copy},"--session-label"]"#), false),
        Ok(Some(true))
    );
    assert_eq!(
        label(&format!(r#"{copy},"--session-label=false"]"#), true),
        Ok(Some(false))
    );
    let pod = kubedebug_skim::json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]}});
    let labels = |args: &str| {
        let s = session(&format!(
            r#"{{"args":{args},"defaultSessionLabel":true,"suffixes":["aaaaa","sess1"]}}"#
        ));
        crate::session::plan(&s, &pod)
            .map(|p| {
                p.requests
                    .first()
                    .and_then(|r| r.body.get("metadata"))
                    .and_then(|m| m.get("labels"))
                    .cloned()
            })
            .map_err(|f| f.error.message().to_string())
    };
    assert_eq!(
        labels(&format!("{copy}]")),
        Ok(Some(
            kubedebug_skim::json!({"kubedebug.dev/session": "sess1",
            "kubedebug.dev/journey": "copy"})
        ))
    );
    assert_eq!(
        labels(&format!(r#"{copy},"--session-label=false"]"#)),
        Ok(None)
    );
}
