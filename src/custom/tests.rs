use super::*;
use kubedebug_skim::json;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/conformance/oracle/fixtures/custom"
);
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/golden");

#[test]
fn yaml_to_json_is_sigs_yaml_of_the_first_document() {
    assert_eq!(
        yaml_to_json("b: [1, yes, 0755]\na: &x {k: ~}\nc: *x\n---\nd: 1\n"),
        Ok(json!({"a": {"k": null}, "b": [1, true, 493], "c": {"k": null}}))
    );
    assert_eq!(yaml_to_json("# nothing\n"), Ok(Value::Null));
    assert_eq!(
        yaml_to_json("a: *nope\n"),
        Err("yaml: unknown anchor 'nope' referenced".to_string())
    );
}

fn v(minor: u8) -> KubectlVersion {
    KubectlVersion::new(minor).unwrap_or(KubectlVersion::LATEST)
}

fn parse(text: &str, minor: u8) -> Result<Option<Value>, String> {
    parse_custom_profile("f", text, v(minor)).map_err(|e| e.message().to_string())
}

fn err_of(text: &str, minor: u8) -> String {
    parse(text, minor).err().unwrap_or_default()
}

/// Every `eph-custom-*` golden whose fixture exists: same error text, or every field of the
/// re-marshalled profile present with the same value in the merged ephemeral container.
#[test]
fn every_custom_fixture_matches_the_goldens_of_1_30_and_1_31() {
    let cases = [
        ("empty.json", "eph-custom-empty"),
        ("env-resources.json", "eph-custom-env-resources"),
        ("forbidden-command.json", "eph-custom-forbidden-command"),
        ("forbidden-image.yaml", "eph-custom-forbidden-image"),
        ("forbidden-lifecycle.json", "eph-custom-forbidden-lifecycle"),
        ("forbidden-name.json", "eph-custom-forbidden-name"),
        (
            "forbidden-volumedevices.yaml",
            "eph-custom-forbidden-volumedevices",
        ),
        ("invalid-syntax.json", "eph-custom-invalid-syntax"),
        ("invalid-type.yaml", "eph-custom-invalid-type"),
        ("ports-stdin.json", "eph-custom-ports-stdin"),
        ("probe.json", "eph-custom-probe"),
        ("unknown-field.yaml", "eph-custom-unknown-field"),
    ];
    let mut checked = 0;
    for minor in [30u8, 31] {
        for (file, case) in cases {
            let Ok(g) = std::fs::read_to_string(format!("{GOLDEN}/1.{minor}/{case}.json")) else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(format!("{FIXTURES}/{file}")) else {
                continue;
            };
            let g: Value = serde_json::from_str(&g).unwrap_or_default();
            let path = format!("$FIXTURES/custom/{file}");
            let got = parse_custom_profile(&path, &text, v(minor))
                .and_then(|c| c.map_or(Ok(None), |c| check_forbidden_fields(&c).map(|()| Some(c))));
            let stderr = g.get("stderr").and_then(Value::as_str).unwrap_or_default();
            match got {
                Err(e) => assert_eq!(
                    format!("error: {}\n", e.message()),
                    stderr,
                    "{minor} {case}"
                ),
                Ok(c) => {
                    assert!(!stderr.starts_with("error:"), "{minor} {case}: {stderr}");
                    let sent = g.pointer("/writes/0/body/spec/ephemeralContainers/0");
                    for (k, val) in c.iter().flat_map(|c| c.as_object()).flatten() {
                        if k == "name" || val == &json!({}) {
                            continue;
                        }
                        assert_eq!(sent.and_then(|x| x.get(k)), Some(val), "{minor} {case} {k}");
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} goldens found");
}

#[test]
fn go_struct_round_trip_quirks_are_reproduced() {
    let cases: [(&str, u8, Value); 8] = [
        ("{}", 30, json!({"name": "", "resources": {}})),
        (
            r#"{"stdin":false,"workingDir":"","env":[],"tty":true}"#,
            31,
            json!({"name": "", "resources": {}, "tty": true}),
        ),
        (
            r#"{"securityContext":{"privileged":false,"runAsUser":0}}"#,
            30,
            json!({"name": "", "resources": {}, "securityContext": {"privileged": false, "runAsUser": 0}}),
        ),
        (
            r#"{"$patch":"replace","bogus":1,"ports":[{"containerPort":80,"$patch":"delete"}]}"#,
            30,
            json!({"name": "", "ports": [{"containerPort": 80}], "resources": {}}),
        ),
        (
            "env:\n- name: A\n  value: 1\n---\nstdin: true\n",
            31,
            json!({"name": "", "env": [{"name": "A", "value": "1"}], "resources": {}}),
        ),
        (
            r#"{"resources":{"limits":{"cpu":1,"memory":"1Gi"},"requests":{"cpu":0.5}}}"#,
            30,
            json!({"name": "", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "500m"}}}),
        ),
        (
            "readinessProbe:\n  httpGet:\n    port: 8080\n  tcpSocket:\n    port: http\n",
            33,
            json!({"name": "", "resources": {}, "readinessProbe": {"httpGet": {"port": 8080}, "tcpSocket": {"port": "http"}}}),
        ),
        (
            "stdin: yes\nports:\n- containerPort: 0x1F\n- containerPort: 0755\n",
            31,
            json!({"name": "", "ports": [{"containerPort": 31}, {"containerPort": 493}], "resources": {}, "stdin": true}),
        ),
    ];
    for (text, minor, want) in cases {
        assert_eq!(parse(text, minor), Ok(Some(want)), "{text}");
    }
}

#[test]
fn a_null_or_empty_document_is_no_profile() {
    assert_eq!(parse("null", 30), Ok(None));
    assert_eq!(parse(" null\n", 33), Ok(None));
    assert_eq!(parse("", 31), Ok(None));
    assert_eq!(parse("# comment\n", 31), Ok(None));
    assert_eq!(
        err_of("", 30),
        "f does not contain a valid container spec: unexpected end of JSON input"
    );
}

#[test]
fn decoding_errors_carry_go_texts() {
    let p = "f does not contain a valid container spec: ";
    let y = "error unmarshaling JSON: while decoding JSON: ";
    let cases: [(&str, u8, String); 14] = [
        ("[]", 30, format!("{p}json: cannot unmarshal array into Go value of type v1.Container")),
        ("[]", 31, format!("{p}{y}json: cannot unmarshal array into Go value of type v1.Container")),
        (r#"{"a" 1}"#, 30, format!("{p}invalid character '1' after object key")),
        (r#"{"a" 1}"#, 31, format!("{p}error converting YAML to JSON: yaml: did not find expected ',' or '}}'")),
        ("env: x", 30, format!("{p}invalid character 'e' looking for beginning of value")),
        (r#"{"ports":[{"containerPort":1e10}]}"#, 30,
            format!("{p}json: cannot unmarshal number 1e10 into Go struct field ContainerPort.ports.containerPort of type int32")),
        (r#"{"ports":[{"containerPort":1e10}]}"#, 31,
            format!("{p}{y}json: cannot unmarshal number 10000000000 into Go struct field ContainerPort.ports.containerPort of type int32")),
        (r#"{"securityContext":{"runAsUser":"x"}}"#, 30,
            format!("{p}json: cannot unmarshal string into Go struct field SecurityContext.securityContext.runAsUser of type int64")),
        (r#"{"readinessProbe":{"exec":"x"}}"#, 32,
            format!("{p}{y}json: cannot unmarshal string into Go struct field Probe.readinessProbe.exec of type v1.ExecAction")),
        (r#"{"readinessProbe":{"exec":"x"}}"#, 33,
            format!("{p}{y}json: cannot unmarshal string into Go struct field Probe.readinessProbe.ProbeHandler.exec of type v1.ExecAction")),
        (r#"{"tty":"x","env":"y"}"#, 30, format!("{p}json: cannot unmarshal string into Go struct field Container.tty of type bool")),
        (r#"{"tty":"x","env":"y"}"#, 31, format!("{p}{y}json: cannot unmarshal string into Go struct field Container.env of type []v1.EnvVar")),
        ("env: [a, b\n", 31, format!("{p}error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'")),
        ("ports:\n- containerPort: .inf\n", 31, format!("{p}error converting YAML to JSON: json: unsupported value: +Inf")),
    ];
    for (text, minor, want) in cases {
        assert_eq!(err_of(text, minor), want, "{text} @1.{minor}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    assert_eq!(
        err_of(&deep, 30),
        "f does not contain a valid container spec: invalid character '[' exceeded max depth"
    );
    assert_eq!(
        err_of(&deep, 31),
        "f does not contain a valid container spec: error converting YAML to JSON: yaml: exceeded max depth of 10000"
    );
}

#[test]
fn forbidden_fields_are_rejected_and_empty_values_count_as_absent() {
    for c in [
        json!({"name": "x"}),
        json!({"command": ["sh"]}),
        json!({"image": "a"}),
        json!({"lifecycle": {}}),
        json!({"volumeDevices": [{}]}),
    ] {
        assert_eq!(
            check_forbidden_fields(&c).map_err(|e| e.code()),
            Err(Code::CustomForbidden),
            "{c}"
        );
    }
    for c in [
        json!({"name": "", "image": "", "command": [], "volumeDevices": [], "args": ["x"]}),
        json!({}),
    ] {
        assert_eq!(check_forbidden_fields(&c), Ok(()), "{c}");
    }
}

proptest::proptest! {
    #[test]
    fn arbitrary_input_never_panics(s in ".{0,200}", minor in 30u8..=36) {
        let _ = parse(&s, minor);
    }

    #[test]
    fn mutated_profiles_never_panic(cut in 0usize..120, ins in "[\\[\\]{}:,\"\\- \n\t0-9a-z]{0,6}", minor in 30u8..=36) {
        let base = "{\"env\":[{\"name\":\"A\",\"value\":\"1\"}],\"resources\":{\"limits\":{\"cpu\":\"1\"}},\"ports\":[{\"containerPort\":80}]}";
        let cut = cut.min(base.len());
        let (a, b) = base.split_at(cut);
        let _ = parse(&format!("{a}{ins}{b}"), minor);
        let _ = parse(&format!("{a}{ins}").replace(['{', '}', '"', ','], "\n  "), minor);
    }
}
