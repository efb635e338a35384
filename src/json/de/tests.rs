use crate::options::{DebugOptions, Pair};
use crate::session::Session;
use crate::validate::CustomProfileFile;
use crate::version::KubectlVersion;
use crate::Code;

fn session(text: &str) -> Result<Session, String> {
    Session::from_json(text).map_err(|e| {
        assert_eq!(e.code(), Code::InvalidInput);
        e.message().to_string()
    })
}

#[test]
fn missing_fields_default_and_null_is_none_for_options_only() {
    assert_eq!(session("{}"), Ok(Session::default()));
    assert_eq!(session("[]"), Ok(Session::default()));
    let s = session(
        r#"{"args":null,"options":null,"namespace":null,"kubectlVersion":null,"customProfile":null}"#,
    );
    assert_eq!(s, Ok(Session::default()));
    let s = session(r#"{"options":{"image":"busybox"}}"#);
    assert_eq!(
        s.map(|s| s.options),
        Ok(Some(DebugOptions {
            image: "busybox".into(),
            ..DebugOptions::default()
        }))
    );
    for (text, err) in [
        (
            r#"{"seed":null}"#,
            "invalid session: seed: invalid type: null, expected u64",
        ),
        (
            r#"{"namespaceExplicit":null}"#,
            "invalid session: namespaceExplicit: invalid type: null, expected a boolean",
        ),
        (
            r#"{"suffixes":null}"#,
            "invalid session: suffixes: invalid type: null, expected a sequence",
        ),
        (
            r#"{"env":null}"#,
            "invalid session: env: invalid type: null, expected a map",
        ),
        (
            r#"{"options":{"keepInitContainers":null}}"#,
            "invalid session: options.keepInitContainers: invalid type: null, expected a boolean",
        ),
    ] {
        assert_eq!(session(text), Err(err.to_string()), "{text}");
    }
}

#[test]
fn errors_name_the_value_at_fault_in_serde_words() {
    for (text, err) in [
        ("", "invalid session: EOF while parsing a value at line 1 column 0"),
        ("null", "invalid session: invalid type: null, expected struct Session"),
        ("5", "invalid session: invalid type: integer `5`, expected struct Session"),
        (
            r#"{"args":5}"#,
            "invalid session: args: invalid type: integer `5`, expected a sequence",
        ),
        (
            r#"{"args":["web",1.5]}"#,
            "invalid session: args[1]: invalid type: floating point `1.5`, expected a string",
        ),
        (
            r#"{"seed":-1}"#,
            "invalid session: seed: invalid value: integer `-1`, expected u64",
        ),
        (
            r#"{"seed":"1"}"#,
            "invalid session: seed: invalid type: string \"1\", expected u64",
        ),
        (
            r#"{"env":{"A":true}}"#,
            "invalid session: env.A: invalid type: boolean `true`, expected a string",
        ),
        (
            r#"{"kubectlVersion":"9.9"}"#,
            "invalid session: kubectlVersion: unsupported kubectl version \"9.9\": expected 1.27 … 1.37",
        ),
        (
            r#"{"bogus":1}"#,
            "invalid session: unknown field `bogus`, expected one of `args`, `options`, `namespace`, `namespaceExplicit`, `kubectlVersion`, `env`, `customProfile`, `seed`, `suffixes`, `defaultImages`, `defaultImageSource`, `defaultRm`, `defaultSessionLabel`, `mark`, `reads`",
        ),
        (
            r#"{"seed":1,"seed":2}"#,
            "invalid session: duplicate field `seed`",
        ),
        (
            r#"{"options":{"env":[{"name":"A"}]}}"#,
            "invalid session: options.env[0]: missing field `value`",
        ),
        (
            r#"{"options":{"setImage":[["*"]]}}"#,
            "invalid session: options.setImage[0]: missing field `value`",
        ),
        (
            r#"{"options":{"env":[{"name":"A","value":"1","name":"B"}]}}"#,
            "invalid session: options.env[0]: duplicate field `name`",
        ),
        (
            r#"{"options":{"tty":1}}"#,
            "invalid session: options.tty: invalid type: integer `1`, expected a boolean",
        ),
        (
            r#"{"options":{"images":"x"}}"#,
            "invalid session: options: unknown field `images`, expected one of `targets`, `args`, `filename`, `argumentsOnly`, `attach`, `container`, `copyTo`, `custom`, `env`, `image`, `imagePullPolicy`, `keepAnnotations`, `keepInitContainers`, `keepLabels`, `keepLiveness`, `keepReadiness`, `keepStartup`, `profile`, `quiet`, `rm`, `retain`, `preflight`, `replace`, `sameNode`, `sessionLabel`, `setImage`, `shareProcesses`, `stdin`, `target`, `tty`, `asTargetUser`, `mountTargetVolumes`, `volumeMount`, `imagePullSecret`, `label`, `annotation`, `nodeSelector`, `tolerationsFromNode`, `explain`",
        ),
        (
            r#"{"customProfile":{"path":7}}"#,
            "invalid session: customProfile.path: invalid type: integer `7`, expected a string",
        ),
        (
            r#"[null,null,null,false,null,{},null,0,[],{},"",false,false,{},[],1]"#,
            "invalid session: invalid length 16, expected struct Session with 15 elements",
        ),
    ] {
        assert_eq!(session(text), Err(err.to_string()), "{text}");
    }
}

/// A float is named as the serde-based decoder named it: `serde_json`'s `Number` text of
/// the `f64` read (not the text as written), integers beyond `u64` included.
#[test]
fn floats_are_named_as_serde_json_writes_them() {
    for (text, shown) in [
        ("1.5", "1.5"),
        ("1.50", "1.5"),
        ("1E2", "100.0"),
        ("1e20", "1e+20"),
        ("-0", "-0.0"),
        ("0.1e-6", "1e-7"),
        ("18446744073709551616", "1.8446744073709552e+19"),
        ("-9223372036854775809", "-9.223372036854776e+18"),
    ] {
        let f = text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64);
        assert_eq!(f.map(|n| n.to_string()).as_deref(), Some(shown), "{text}");
        assert_eq!(
            session(&format!(r#"{{"seed":{text}}}"#)),
            Err(format!(
                "invalid session: seed: invalid type: floating point `{shown}`, expected u64"
            )),
        );
    }
    assert_eq!(
        session(r#"{"args":[-9223372036854775808]}"#),
        Err("invalid session: args[0]: invalid type: integer `-9223372036854775808`, expected a string".into()),
    );
    assert_eq!(
        session(r#"{"seed":-9223372036854775808}"#),
        Err(
            "invalid session: seed: invalid value: integer `-9223372036854775808`, expected u64"
                .into()
        ),
    );
}

#[test]
fn structs_may_be_arrays_and_unknown_fields_are_skipped_where_serde_skipped_them() {
    let s = session(
        r#"[["web"],null,"ns",true,"1.31",{"KUBECTL_DEBUG_CUSTOM_PROFILE":"true"},{"path":"/p","extra":1},7,["abcde"]]"#,
    );
    let want = Session {
        args: Some(vec!["web".into()]),
        namespace: Some("ns".into()),
        namespace_explicit: true,
        kubectl_version: KubectlVersion::new(31),
        env: [("KUBECTL_DEBUG_CUSTOM_PROFILE".into(), "true".into())].into(),
        custom_profile: Some(CustomProfileFile {
            path: "/p".into(),
            ..CustomProfileFile::default()
        }),
        seed: 7,
        suffixes: vec!["abcde".into()],
        ..Session::default()
    };
    assert_eq!(s, Ok(want));
    let o = DebugOptions::from_json(r#"{"env":[{"name":"A","value":"1","x":[{}]},["B","2"]]}"#);
    assert_eq!(
        o.map(|o| o.env),
        Ok(vec![
            Pair {
                name: "A".into(),
                value: "1".into()
            },
            Pair {
                name: "B".into(),
                value: "2".into()
            }
        ])
    );
    // A repeated key of the env map: the last wins, as with serde's BTreeMap.
    let s = session(r#"{"env":{"A":"1","A":"2"}}"#);
    assert_eq!(s.map(|s| s.env), Ok([("A".into(), "2".into())].into()));
}

#[test]
fn everything_serialized_decodes_back() {
    let options = DebugOptions {
        as_target_user: true,
        mount_target_volumes: true,
        volume_mount: vec!["v:/v:ro".into()],
        image_pull_secret: vec!["s".into()],
        label: vec![Pair {
            name: "l".into(),
            value: "1".into(),
        }],
        annotation: vec![Pair {
            name: "a".into(),
            value: "2".into(),
        }],
        node_selector: vec![Pair {
            name: "n".into(),
            value: "3".into(),
        }],
        tolerations_from_node: true,
        explain: true,
        targets: vec!["web".into()],
        args: vec!["sh".into()],
        filename: vec!["/f".into()],
        arguments_only: true,
        attach: Some(false),
        container: "c".into(),
        copy_to: "cp".into(),
        custom: "/p.json".into(),
        env: vec![Pair {
            name: "A".into(),
            value: "1".into(),
        }],
        image: "busybox".into(),
        image_pull_policy: "Always".into(),
        keep_annotations: true,
        keep_init_containers: false,
        keep_labels: true,
        keep_liveness: true,
        keep_readiness: true,
        keep_startup: true,
        profile: Some("general".into()),
        quiet: true,
        replace: true,
        same_node: true,
        session_label: Some(true),
        set_image: vec![Pair {
            name: "*".into(),
            value: "x".into(),
        }],
        share_processes: Some(true),
        stdin: true,
        target: "t".into(),
        tty: true,
        rm: true,
        retain: true,
        preflight: "warn".into(),
    };
    let s = Session {
        args: Some(vec!["web".into()]),
        options: Some(options.clone()),
        namespace: Some("ns".into()),
        namespace_explicit: true,
        kubectl_version: KubectlVersion::new(30),
        env: [("A".into(), "B".into())].into(),
        custom_profile: Some(CustomProfileFile {
            path: "/p.json".into(),
            text: Some("{}".into()),
            error: Some("e".into()),
        }),
        seed: u64::MAX,
        suffixes: vec!["abcde".into()],
        default_images: [("netadmin".into(), "i".into())].into(),
        default_image_source: "/c.yaml".into(),
        default_rm: true,
        default_session_label: true,
        mark: crate::SessionMark {
            creator: "alice".into(),
            created_at: "2026-12-05T19:00:00Z".into(),
        },
        reads: vec![crate::ReadResult {
            name: "namespace".into(),
            path: "/api/v1/namespaces/ns".into(),
            object: Some(crate::json!({"metadata": {}})),
            error: None,
        }],
    };
    let text = serde_json::to_string(&s).unwrap_or_default();
    assert_eq!(Session::from_json(&text), Ok(s.clone()));
    // Written by hand exactly as the derive writes it.
    super::assert_written_as_derive(&s);
    super::assert_written_as_derive(&options);
    super::assert_written_as_derive(&Session::default());
    super::assert_written_as_derive(&DebugOptions::default());
    let text = serde_json::to_string(&options).unwrap_or_default();
    assert_eq!(DebugOptions::from_json(&text), Ok(options));
}

/// The hand-written decoder accepts exactly what the derives accepted, with the same
/// result, on mutations of valid sessions (types swapped, fields dropped, added, repeated,
/// structs written as arrays).
#[test]
fn accepts_what_the_derives_accepted() {
    use crate::json::Value;
    use kubedebug_skim::json;
    let mut x: u64 = 0x853c_49e6_748f_ea9b;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let seeds = [
        json!({"args": ["web", "--image=busybox"], "seed": 3, "suffixes": ["abcde"]}),
        json!({"options": {"targets": ["web"], "image": "busybox", "env": [{"name": "A", "value": "1"}],
            "setImage": [{"name": "*", "value": "x"}], "attach": true, "shareProcesses": false,
            "profile": "general", "keepInitContainers": false},
            "namespace": "ns", "namespaceExplicit": true, "kubectlVersion": "1.31",
            "env": {"KUBECTL_DEBUG_CUSTOM_PROFILE": "true"},
            "customProfile": {"path": "/p", "text": "{}", "error": null}}),
    ];
    let junk = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(18446744073709551615u64),
        json!(""),
        json!("1.33"),
        json!("x"),
        json!([]),
        json!(["a"]),
        json!([1]),
        json!({}),
        json!({"name": "a", "value": "b"}),
        json!({"x": 1}),
        json!([["a", "b"]]),
        json!([{"name": "a"}]),
        json!(["a", "b", "c"]),
    ];
    fn mutate(v: &mut Value, next: &mut dyn FnMut(u64) -> u64, junk: &[Value]) {
        match v {
            Value::Object(m) if !m.is_empty() && next(3) > 0 => {
                let keys: Vec<String> = m.keys().cloned().collect();
                let k = keys
                    .get(next(keys.len() as u64) as usize)
                    .cloned()
                    .unwrap_or_default();
                match next(6) {
                    0 => {
                        m.shift_remove(&k);
                    }
                    1 => {
                        m.insert("bogus".into(), Value::Null);
                    }
                    2 => {
                        let j = junk.get(next(junk.len() as u64) as usize).cloned();
                        m.insert(k, j.unwrap_or_default());
                    }
                    _ => {
                        if let Some(c) = m.get_mut(&k) {
                            mutate(c, next, junk);
                        }
                    }
                }
            }
            Value::Object(m) if next(2) == 0 => {
                // The array form: the fields in an order that may or may not be theirs.
                *v = Value::Array(m.values().cloned().collect());
            }
            Value::Array(a) if !a.is_empty() => {
                let i = next(a.len() as u64) as usize;
                if let Some(c) = a.get_mut(i) {
                    mutate(c, next, junk);
                }
            }
            _ => {
                let j = junk.get(next(junk.len() as u64) as usize).cloned();
                *v = j.unwrap_or_default();
            }
        }
    }
    let (mut accepted, mut rejected) = (0, 0);
    for i in 0..20_000 {
        let mut v = seeds.get(i % seeds.len()).cloned().unwrap_or_default();
        for _ in 0..=next(3) {
            mutate(&mut v, &mut next, &junk);
        }
        let mut text = v.to_string();
        if next(8) == 0 {
            // A repeated key, which `Value` cannot hold.
            text = text.replacen("{\"", "{\"seed\":1,\"", 1).replacen(
                "\"name\"",
                "\"name\":\"n\",\"name\"",
                1,
            );
        }
        let old = serde_json::from_str::<Session>(&text);
        let new = Session::from_json(&text);
        match (old, &new) {
            (Ok(old), Ok(new)) => {
                accepted += 1;
                assert_eq!(&old, new, "{text}");
            }
            (Err(_), Err(_)) => rejected += 1,
            (old, new) => assert_eq!(
                old.is_ok(),
                new.is_ok(),
                "{text}: derived {old:?}, hand-written {new:?}"
            ),
        }
    }
    assert!(
        accepted > 1000 && rejected > 1000,
        "{accepted} accepted, {rejected} rejected"
    );
}
