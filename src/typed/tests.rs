#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::*;
use crate::session::Session;
use kubedebug_skim::json;

const PODS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/conformance/oracle/fixtures/pods"
);

fn err(object: &Value, minor: u8) -> Option<String> {
    decode_error(object, minor).err()
}

fn pod(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec})
}

/// The Go texts the recorded goldens do not pin (each checked against kubectl 1.27 by hand
/// with the oracle kit, or following from the same decoder rules).
#[test]
fn says_what_gos_decoder_says() {
    let cases = [
        (
            pod(json!({"containers": [{"name": "a", "ports": [{"containerPort": 2147483648i64}]}]})),
            "json: cannot unmarshal number 2147483648 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
        ),
        (
            pod(json!({"terminationGracePeriodSeconds": 1e3})),
            "json: cannot unmarshal number 1000.0 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64",
        ),
        (
            pod(json!({"containers": [{"name": "a", "readinessProbe": {"tcpSocket": {"port": 1.5}}}]})),
            "json: cannot unmarshal number 1.5 into Go struct field TCPSocketAction.spec.containers.readinessProbe.tcpSocket.port of type int32",
        ),
        (
            pod(json!({"containers": [{"name": "a", "readinessProbe": {"tcpSocket": {"port": {}}}}]})),
            "json: cannot unmarshal object into Go struct field TCPSocketAction.spec.containers.readinessProbe.tcpSocket.port of type int32",
        ),
        (
            json!({"kind": "Pod", "status": {"startTime": "2024-01-01T00:00:00"}}),
            "parsing time \"2024-01-01T00:00:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"",
        ),
        (
            json!({"kind": "Pod", "metadata": {"managedFields": [{"fieldsV1": 5, "time": true}]}}),
            "json: cannot unmarshal bool into Go struct field ManagedFieldsEntry.metadata.managedFields.time of type string",
        ),
        (
            json!({"kind": "Node", "spec": {"taints": [{"key": "k", "effect": 1}]}}),
            "json: cannot unmarshal number into Go struct field Taint.spec.taints.effect of type v1.TaintEffect",
        ),
        (
            json!({"KIND": [], "kind": "Pod"}),
            "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go struct field .kind of type string",
        ),
        (
            pod(json!({"volumes": [{"name": "v", "configMap": {"name": 5}}]})),
            "json: cannot unmarshal number into Go struct field ConfigMapVolumeSource.spec.volumes.configMap.name of type string",
        ),
    ];
    for (object, want) in cases {
        assert_eq!(err(&object, 33).as_deref(), Some(want), "{object}");
    }
}

#[test]
fn accepts_what_gos_decoder_accepts() {
    let cases = [
        pod(json!(null)),
        pod(json!({"containers": null, "securityContext": null, "nodeSelector": {"a": null}})),
        pod(json!({"Containers": "x", "containers": [{"name": "a", "Image": 5, "unknown": {}}]})),
        pod(
            json!({"containers": [{"name": "a", "ports": [{"containerPort": -0}], "resources": {"limits": {"cpu": 1.5, "memory": " 1Gi "}}}]}),
        ),
        json!({"kind": "Pod", "metadata": {"managedFields": [{"fieldsV1": [1, {"x": true}]}], "creationTimestamp": null}}),
        json!({"kind": "Deployment", "spec": "not checked here"}),
    ];
    for object in cases {
        assert_eq!(err(&object, 33), None, "{object}");
    }
}

/// kubectl's compiled types ignore keys they do not know: a field only some minors have is
/// checked only for them.
#[test]
fn fields_are_known_to_the_minors_that_have_them() {
    let restart = pod(json!({"containers": [{"name": "a", "restartPolicy": 5}]}));
    assert_eq!(err(&restart, 27), None);
    assert!(err(&restart, 28).is_some());
    let source = pod(json!({"resourceClaims": [{"name": "a", "source": 5}]}));
    assert!(err(&source, 30).is_some());
    assert_eq!(err(&source, 31), None);
}

/// The first mismatch is reported; an `UnmarshalJSON` error stops the decode at once and wins
/// over a mismatch saved before it.
#[test]
fn saved_mismatches_wait_and_unmarshaler_errors_stop() {
    let two = pod(json!({"hostNetwork": "no", "containers": [{"name": 5}]}));
    assert!(err(&two, 33).is_some_and(|e| e.contains("PodSpec.spec.hostNetwork")));
    let abort = pod(
        json!({"hostNetwork": "no", "containers": [{"name": "a", "resources": {"limits": {"cpu": "x"}}}]}),
    );
    assert!(err(&abort, 33).is_some_and(|e| e.starts_with("quantities must match")));
}

/// Every position of every recorded pod, replaced by each JSON kind: the walk over a skimmed
/// pod (its kept subtrees as text) ends exactly as the walk over the whole value, and the text
/// walk of the whole pod too.
#[test]
fn the_text_walk_agrees_with_the_value_walk() {
    let kinds = [
        json!("x"),
        json!("2024-01-01"),
        json!(5),
        json!(1.5),
        json!(true),
        json!([]),
        json!({}),
        json!(null),
        json!([{"name": 1}]),
        json!({"a": "b"}),
    ];
    let mut seen = 0;
    for entry in std::fs::read_dir(PODS).expect("fixtures") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("fixture");
        let original: Value = kubedebug_skim::from_str(&text).expect("json");
        let mut at = Vec::new();
        pointers(&original, Vec::new(), &mut at);
        for p in &at {
            for k in &kinds {
                let mut v = original.clone();
                set_at(&mut v, p, k.clone());
                let want = err(&v, 33);
                // Indented text (whitespace everywhere) for one position in four.
                let pretty = (seen % 4 == 0).then(|| kubedebug_skim::to_string_pretty(&v));
                for text in std::iter::once(kubedebug_skim::to_string(&v)).chain(pretty) {
                    // Not a pod any more (its `kind` replaced): planned whole.
                    if kubedebug_skim::skim_pod(&text).is_none() {
                        continue;
                    }
                    // The kept members are checked while skimmed (a failure: no skim); the
                    // built ones by the walk, worded as the whole decode words them.
                    let skimmed = kubedebug_gotypes::skim_pod(&text, 33, &HOOKS);
                    let got = match &skimmed {
                        Some(s) => skimmed_error(s, 33).err(),
                        None => Some(String::new()),
                    };
                    assert_eq!(got.is_none(), want.is_none(), "{p:?} = {k}");
                    if got.as_ref().is_some_and(|g| !g.is_empty()) {
                        assert_eq!(got, want, "{p:?} = {k}");
                    }
                    assert_eq!(
                        skim_pod(&text, KubectlVersion::LATEST).is_some(),
                        want.is_none()
                    );
                }
                seen += 1;
            }
        }
    }
    assert!(seen > 5000, "{seen}");
}

/// Where a value sits: member keys and element indices from the root.
enum Seg {
    Key(String),
    At(usize),
}

fn pointers(v: &Value, at: Vec<&Seg>, out: &mut Vec<Vec<Seg>>) {
    let own = |p: &[&Seg]| -> Vec<Seg> {
        p.iter()
            .map(|s| match s {
                Seg::Key(k) => Seg::Key(k.clone()),
                Seg::At(i) => Seg::At(*i),
            })
            .collect()
    };
    let children: Vec<(Seg, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, c)| (Seg::Key(k.clone()), c)).collect(),
        Value::Array(a) => a.iter().enumerate().map(|(i, c)| (Seg::At(i), c)).collect(),
        _ => Vec::new(),
    };
    for (seg, c) in &children {
        let mut p = at.clone();
        p.push(seg);
        out.push(own(&p));
        pointers(c, p, out);
    }
}

fn set_at(v: &mut Value, path: &[Seg], new: Value) {
    let mut cur = v;
    for seg in path {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k.as_str()).expect("key"),
            (Seg::At(i), Value::Array(a)) => &mut a[*i],
            _ => panic!("no such place"),
        };
    }
    *cur = new;
}

impl std::fmt::Debug for Seg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Seg::Key(k) => write!(f, "/{k}"),
            Seg::At(i) => write!(f, "/{i}"),
        }
    }
}

/// A decode error names the `-f` file (kubectl's builder), not an API server answer; the
/// session's own failure comes first.
#[test]
fn errors_name_the_file_and_come_after_validation() {
    let bad = pod(json!({"containers": "x"}));
    let session = |args: &[&str]| Session {
        args: Some(args.iter().map(|s| s.to_string()).collect()),
        ..Session::default()
    };
    let msg = |s: &Session| {
        crate::session::plan(s, &bad)
            .err()
            .map(|f| f.error.to_string())
    };
    let go = "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container";
    assert_eq!(
        msg(&session(&["p", "--image=busybox"])).as_deref(),
        Some(go)
    );
    assert_eq!(
        msg(&session(&["-f", "/x/p.json", "--image=busybox"])),
        Some(format!("unable to decode \"/x/p.json\": {go}"))
    );
    let f = crate::session::plan(&session(&["-f", "/x/p.json", "--image=busybox"]), &bad).err();
    assert_eq!(f.map(|f| f.error.code()), Some(Code::InvalidTarget));
    assert_eq!(
        msg(&session(&["p", "--image=busybox", "--profile=nope"])).as_deref(),
        Some("unknown profile: nope")
    );
    let prepared = crate::session::prepare(&session(&["p", "--image=busybox"]));
    assert_eq!(
        prepared.map(|p| check(
            p.kubectl_version.minor(),
            &p.options.filename,
            &pod(json!({}))
        )),
        Ok(Ok(()))
    );
}

/// Not a test: how much the typed check adds to `planText`'s skim, in a release build
/// (`cargo test --release --lib typed::tests::cost -- --ignored --nocapture`).
#[test]
#[ignore]
fn cost() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/tools/bench-pod.json"
    ))
    .expect("bench pod");
    let session = Session {
        args: Some(vec!["web".into(), "--image=busybox".into()]),
        ..Session::default()
    };
    let time = |f: &dyn Fn()| {
        let mut best = f64::MAX;
        for _ in 0..7 {
            let t = std::time::Instant::now();
            for _ in 0..2000 {
                f();
            }
            best = best.min(t.elapsed().as_secs_f64() / 2000.0 * 1e6);
        }
        best
    };
    let skim = time(&|| {
        std::hint::black_box(kubedebug_skim::skim_pod(std::hint::black_box(&text)));
    });
    let checked = time(&|| {
        std::hint::black_box(skim_pod(
            std::hint::black_box(&text),
            KubectlVersion::LATEST,
        ));
    });
    let full: Value = kubedebug_skim::from_str(&text).expect("json");
    let s = kubedebug_skim::skim_pod(&text).expect("pod");
    let value_walk = time(&|| {
        std::hint::black_box(decode_error(std::hint::black_box(&full), 36).ok());
    });
    let skim_walk = time(&|| {
        std::hint::black_box(skimmed_error(std::hint::black_box(&s), 36).ok());
    });
    println!("walks: value {value_walk:.2} µs, skimmed {skim_walk:.2} µs");
    let plan = time(&|| {
        std::hint::black_box(crate::plan_text(&session, std::hint::black_box(&text), false).ok());
    });
    println!(
        "skim {skim:.2} µs, skim + typed check {checked:.2} µs (+{:.2} µs), whole planText {plan:.2} µs (check = {:.1} %)",
        checked - skim,
        (checked - skim) / plan * 100.0
    );
}

/// The gotypes crate accepts common quantities and times without [`HOOKS`]: every form it
/// accepts so must be one the core's parsers accept.
#[test]
fn fast_forms_are_what_the_hooks_accept() {
    let mut fast = 0;
    let suffixes = [
        "", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
    ];
    for digits in [
        "0",
        "1",
        "007",
        "100",
        "999999999999999999",
        "1000000000000000000",
    ] {
        for suffix in suffixes.iter().chain(&["n", "u", "K", "mi", "e3", ".5"]) {
            let q = format!("{digits}{suffix}");
            if kubedebug_gotypes::plain_quantity(&q) {
                assert_eq!((HOOKS.quantity)(&q), Ok(()), "{q}");
                fast += 1;
            }
        }
    }
    for year in ["0000", "1900", "2000", "2023", "2024", "2100", "9999"] {
        for month in 0..=13 {
            for day in 0..=32 {
                for time in ["00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60"] {
                    let t = format!("{year}-{month:02}-{day:02}T{time}Z");
                    if kubedebug_gotypes::plain_utc_time(&t) {
                        assert_eq!((HOOKS.time)(&t), Ok(()), "{t}");
                        fast += 1;
                    }
                }
            }
        }
    }
    assert!(fast > 5000, "{fast}");
}

/// The skim appends a struct field met in Go declaration order without looking for an
/// earlier copy of its key: texts whose keys repeat (in order, out of order, then in order
/// again) plan as the object parsed whole does (the last value, at the first one's place).
#[test]
fn repeated_keys_plan_as_the_whole_object() {
    let texts = [
        r#"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","name":"q"},"spec":{"containers":[{"name":"a","image":"x","name":"b"}]}}"#,
        r#"{"kind":"Pod","apiVersion":"v1","metadata":{"namespace":"default","name":"p","namespace":"default"},"spec":{"containers":[{"image":"x","name":"a","image":"y"}]}}"#,
        r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"hostPID":true,"containers":[{"name":"a","image":"x"}],"hostPID":false,"containers":[{"name":"c","image":"z"}]}}"#,
        r#"{"kind":"Pod","apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x","securityContext":{"privileged":true},"name":"a","securityContext":{"runAsUser":1}}]}}"#,
    ];
    for copy in [false, true] {
        let mut args = vec!["p".to_string(), "--image=busybox".to_string()];
        if copy {
            args.push("--copy-to=d".to_string());
        }
        let session = Session {
            args: Some(args),
            ..Session::default()
        };
        for text in texts {
            let object: Value = kubedebug_skim::from_str(text).expect("json");
            let whole = crate::plan(&session, &object).map(|p| {
                p.requests
                    .iter()
                    .map(|r| kubedebug_skim::to_string(&r.body))
                    .collect::<Vec<_>>()
            });
            let skimmed = crate::plan_text(&session, text, false).map(|p| p.bodies);
            assert_eq!(skimmed, whole, "{text}");
        }
    }
}
