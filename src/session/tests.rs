use super::*;
use crate::json::de::assert_written_as_derive;
use crate::json::ToJson;

#[test]
fn prepared_is_written_as_the_serde_derive_wrote_it() {
    let sessions = [
        r#"{"args":["web","--image=busybox"]}"#,
        r#"{"args":["web","node/n1","deploy/d","--image=busybox","-it","--target=c\u0001é","-n","ns"]}"#,
        r#"{"args":["-f","/x.yaml","--image=busybox","--profile=legacy","--env=A=1","--","sh"],"kubectlVersion":"1.33"}"#,
        r#"{"options":{"targets":["𝄞"],"image":"i","copyTo":"c","setImage":[{"name":"*","value":"x"}]},"namespace":"ü"}"#,
    ];
    let mut seen = 0;
    for text in sessions {
        let prepared = Session::from_json(text).map(|s| prepare(&s));
        assert!(matches!(prepared, Ok(Ok(_))), "{text}: {prepared:?}");
        if let Ok(Ok(p)) = prepared {
            assert_written_as_derive(&p);
            seen += 1;
        }
    }
    assert_eq!(seen, sessions.len());
    let p = Prepared {
        kubectl_version: KubectlVersion::OLDEST,
        ..Prepared::default()
    };
    assert_written_as_derive(&p);
}

/// The JSON text of a prepared session decodes to the same thing, and plans as the
/// session does: the host may keep it and plan many targets from it.
#[test]
fn a_prepared_session_round_trips_and_plans_as_its_session() {
    let pod = kubedebug_skim::from_str(
        r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"ns"},
           "spec":{"containers":[{"name":"app","image":"nginx"}]}}"#,
    );
    assert!(pod.is_ok(), "test pod: {pod:?}");
    let Ok(pod) = pod else { return };
    let sessions = [
        r#"{"args":["web","--image=busybox","-n","ns"],"suffixes":["aaaaa"]}"#,
        r#"{"args":["web","--image=busybox","--copy-to=c","--profile=restricted"],"namespace":"ns","seed":7}"#,
        r#"{"args":["web","--image=busybox","--custom=/c.json"],"kubectlVersion":"1.33",
            "customProfile":{"path":"/c.json","text":"{\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}"}}"#,
    ];
    for text in sessions {
        let session = Session::from_json(text);
        let prepared = session.as_ref().map(prepare);
        assert!(matches!(prepared, Ok(Ok(_))), "{text}: {prepared:?}");
        let Ok(Ok(prepared)) = prepared else { return };
        let json = kubedebug_skim::to_string(&prepared.to_json());
        // What prepare printed and resolved is for the host; planning does not read it.
        let planned = Prepared {
            messages: Vec::new(),
            targets: Vec::new(),
            ..prepared.clone()
        };
        assert_eq!(prepared_from_json(&json).as_ref(), Ok(&planned), "{json}");
        assert_eq!(Prepared::from_json(&json).as_ref(), Ok(&planned));
        let via_session = session.map(|s| plan(&s, &pod));
        assert_eq!(Ok(plan_prepared(&prepared, &pod)), via_session, "{text}");
    }
}

/// `--custom` without its file: `prepare` says what to read (after the checks kubectl
/// makes before reading it), planning without it fails with kubectl's read error, and
/// preparing again with the file completes.
#[test]
fn a_custom_profile_is_asked_for_then_read() {
    let session = Session {
        args: Some(
            ["web", "--image=busybox", "--custom=/c.json"]
                .map(String::from)
                .to_vec(),
        ),
        ..Session::default()
    };
    let first = prepare(&session);
    assert!(first.is_ok(), "{first:?}");
    let Ok(first) = first else { return };
    assert_eq!(first.needs.custom_profile.as_deref(), Some("/c.json"));
    assert!(first.messages.is_empty() && first.targets.is_empty());
    let pod = kubedebug_skim::json!({"kind": "Pod", "metadata": {"name": "web"}});
    let err = plan_prepared(&first, &pod)
        .err()
        .map(|f| f.error.to_string());
    assert_eq!(
        err.as_deref(),
        Some("must pass a container spec json file for custom profile: open /c.json: no such file or directory")
    );
    let bad_profile = Session {
        args: Some(
            ["web", "--custom=/c.json", "--profile=nope"]
                .map(String::from)
                .to_vec(),
        ),
        ..Session::default()
    };
    let err = prepare(&bad_profile).err().map(|f| f.error.to_string());
    assert_eq!(err.as_deref(), Some("unknown profile: nope"));
    let second = Session {
        args: None,
        options: Some(first.options.clone()),
        custom_profile: Some(CustomProfileFile {
            path: "/c.json".into(),
            text: Some("{}".into()),
            error: None,
        }),
        ..Session::default()
    };
    let second = prepare(&second);
    assert!(second.is_ok(), "{second:?}");
    let Ok(second) = second else { return };
    assert_eq!(second.needs.custom_profile, None);
    assert_eq!(second.targets.len(), 1);
}

/// A prepared session changed by hand is validated again before planning.
#[test]
fn a_prepared_session_is_validated_again() {
    let session = Session {
        args: Some(["web", "--image=busybox"].map(String::from).to_vec()),
        ..Session::default()
    };
    let prepared = prepare(&session);
    assert!(prepared.is_ok(), "{prepared:?}");
    let Ok(mut prepared) = prepared else { return };
    prepared.options.image = "Not An Image".into();
    let pod = kubedebug_skim::json!({"kind": "Pod", "metadata": {"name": "web"}});
    let err = plan_prepared(&prepared, &pod).err().map(|f| f.error.code());
    assert_eq!(err, Some(Code::Invalid));
}
