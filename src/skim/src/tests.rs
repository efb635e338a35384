use super::*;

#[test]
fn skims_and_splices_back() {
    let text = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","uid":"u","managedFields":[{"a":1}]},
        "spec":{"volumes":[{"name":"v"}],"containers":[{"name":"c","image":"i","env":[{"name":"E","value":"1.5"}]}, 7]},
        "status":{"phase":"Running"}}"#;
    let s = skim_pod(text).expect("skims");
    assert_eq!(s.texts.len(), 6);
    assert_eq!(s.pod["metadata"]["name"], "p");
    assert_eq!(s.pod["spec"]["containers"][0]["name"], "c");
    assert_eq!(s.pod["spec"]["containers"][1], 7);
    let back = to_json(&s.pod, &s.texts);
    assert_eq!(
        from_str(&back).expect("json"),
        from_str(text).expect("json")
    );
}

#[test]
fn every_recorded_pod_fixture_is_skimmed() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/conformance/oracle/fixtures/pods"
    );
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("fixture");
        let s = skim_pod(&text);
        assert!(s.is_some_and(|s| !s.texts.is_empty()), "{path:?}");
        seen += 1;
    }
    assert!(seen >= 5);
}

#[test]
fn gives_up_deeper_than_its_limit() {
    let nest = |n: usize| "[".repeat(n) + &"]".repeat(n);
    let pod = |n: usize| format!(r#"{{"kind":"Pod","status":{}}}"#, nest(n));
    assert!(skim_pod(&pod(MAX_DEPTH - 1)).is_some());
    assert!(skim_pod(&pod(MAX_DEPTH)).is_none());
}

#[test]
fn gives_up_on_other_kinds_and_odd_text() {
    for text in [
        r#"{"kind":"Node","apiVersion":"v1","metadata":{"name":"n"}}"#,
        r#"{"kind":"Pod","apiVersion":"apps/v1"}"#,
        r#"{"kind":"Pod"} x"#,
        r#"[{"kind":"Pod"}]"#,
    ] {
        assert!(skim_pod(text).is_none(), "{text}");
    }
}

#[test]
fn placeholders_are_the_mark_and_the_index() {
    for i in [0usize, 1, 9, 10, 99, 1234, usize::MAX] {
        assert_eq!(super::placeholder(i), format!("{}{i}", super::MARK));
    }
}
