//! `--custom` profile loading (kubectl `debug.go` `Complete`, KEP-4292): the file is decoded into a
//! Go `corev1.Container` with `encoding/json` (and, from 1.31, sigs.k8s.io/yaml on failure), then
//! re-marshalled with Go `omitempty` rules. Everything the Go round trip loses is lost here too.

mod doc;
pub(crate) mod model;
mod quantity;
#[rustfmt::skip]
pub(crate) mod schema;
mod encode;
mod yaml;
mod yaml_parse;
mod yaml_scalar;
mod yaml_scan;
mod yaml_scan_scalar;

/// Mirrors apimachinery `resource.ParseQuantity`'s acceptance: `Err` is its error text.
pub(crate) fn check_quantity(s: &str) -> Result<(), &'static str> {
    quantity::parse(s).map(|_| ())
}

/// Mirrors `resource.ParseQuantity(s)` then `String()`: the canonical text kubectl sends.
pub(crate) fn canonical_quantity(s: &str) -> Result<String, &'static str> {
    quantity::canonical(s)
}

use crate::json::Value;

use crate::error::{Code, Error};
use crate::version::KubectlVersion;

/// Decodes a document into `*corev1.Container`: `Ok(None)` for `null`, else the re-marshalled
/// container, or Go's decoder error text.
fn decode(d: &doc::Doc, minor: u8) -> Result<Option<Value>, String> {
    if matches!(d.get(d.root), Some(doc::DocNode::Null)) {
        return Ok(None);
    }
    let mut dec = model::Dec::new(d, minor);
    let mut out = model::GoValue::Zero;
    dec.value(
        d.root,
        schema::CONTAINER,
        &mut out,
        d.yaml.then_some(schema::CONTAINER),
    )?;
    match dec.saved() {
        Some(e) => Err(e),
        None => Ok(Some(encode::marshal(schema::CONTAINER, &out))),
    }
}

/// Mirrors kubectl `debug.go` `Complete`: read+parse of `--custom` (`json.Unmarshal`, then from
/// 1.31 `sigs.k8s.io/yaml.Unmarshal` whose error is the one reported).
/// `path` is only used in messages. Returns `Ok(None)` for a file whose content decodes to Go nil
/// (`null`). `Ok(Some(v))`: the container exactly as Go would re-marshal it (`json.Marshal` of
/// `corev1.Container`), as a JSON object in Go struct field order.
pub fn parse_custom_profile(
    path: &str,
    text: &str,
    version: KubectlVersion,
) -> Result<Option<Value>, Error> {
    let invalid = |m: String| {
        Error::new(
            Code::CustomInvalid,
            format!("{path} does not contain a valid container spec: {m}"),
        )
    };
    let minor = version.minor();
    let json_err = match doc::parse_json(text).and_then(|d| decode(&d, minor)) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    if !version.at_least(31) {
        return Err(invalid(json_err));
    }
    // DIVERGENCE(kubectl): Go decodes the YAML into the struct the failed JSON pass partly filled;
    // both passes see the same data, so only exotic inputs (JSON-only escapes) could differ.
    let d = yaml::yaml_to_doc(text)
        .map_err(|e| invalid(format!("error converting YAML to JSON: {e}")))?;
    decode(&d, minor)
        .map_err(|e| invalid(format!("error unmarshaling JSON: while decoding JSON: {e}")))
}

/// sigs.k8s.io/yaml's `YAMLToJSON` of the first YAML document of `text` (go-yaml v2 semantics:
/// YAML 1.1 booleans, octal, merge keys; maps with sorted keys): `Null` for an empty document.
/// The error is the text after `error converting YAML to JSON: `. For hosts and tests that read
/// `-f` documents as kubectl does (split on `---` lines first, like its `YAMLReader`).
///
/// # Errors
/// go-yaml's text (`yaml: line 2: …`).
pub fn yaml_to_json(text: &str) -> Result<Value, String> {
    let d = yaml::yaml_to_doc(text)?;
    // Children are pushed before their parents: convert in index order, each node once.
    let mut done: Vec<Value> = Vec::with_capacity(d.nodes.len());
    let at = |done: &Vec<Value>, i: &u32| {
        usize::try_from(*i)
            .ok()
            .and_then(|i| done.get(i).cloned())
            .unwrap_or(Value::Null)
    };
    for n in &d.nodes {
        let v = match n {
            doc::DocNode::Null => Value::Null,
            doc::DocNode::Bool(b) => Value::Bool(*b),
            doc::DocNode::Num(t, _) => {
                kubedebug_skim::Number::from_json(t).map_or(Value::Null, Value::Number)
            }
            doc::DocNode::Str(t, _) => Value::String(t.clone()),
            doc::DocNode::Arr(items) => Value::Array(items.iter().map(|i| at(&done, i)).collect()),
            doc::DocNode::Obj(kv) => {
                let mut m = crate::json::Map::new();
                for (k, i) in kv {
                    m.insert(k.clone(), at(&done, i));
                }
                Value::Object(m)
            }
        };
        done.push(v);
    }
    Ok(at(&done, &d.root))
}

/// Mirrors kubectl `debug.go` `Validate`'s custom-profile check: `name`, `command` (non-empty),
/// `image`, `lifecycle` (non-null) and `volumeDevices` (non-empty) may not be set.
pub fn check_forbidden_fields(container: &Value) -> Result<(), Error> {
    let non_empty = |k: &str| match container.get(k) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => k == "lifecycle",
    };
    if ["name", "command", "image", "lifecycle", "volumeDevices"]
        .iter()
        .any(|k| non_empty(k))
    {
        return Err(Error::new(
            Code::CustomForbidden,
            "name, command, image, lifecycle and volume devices are not modifiable via custom profile",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
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
                let Ok(g) = std::fs::read_to_string(format!("{GOLDEN}/1.{minor}/{case}.json"))
                else {
                    continue;
                };
                let Ok(text) = std::fs::read_to_string(format!("{FIXTURES}/{file}")) else {
                    continue;
                };
                let g: Value = serde_json::from_str(&g).unwrap_or_default();
                let path = format!("$FIXTURES/custom/{file}");
                let got = parse_custom_profile(&path, &text, v(minor)).and_then(|c| {
                    c.map_or(Ok(None), |c| check_forbidden_fields(&c).map(|()| Some(c)))
                });
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
                            assert_eq!(
                                sent.and_then(|x| x.get(k)),
                                Some(val),
                                "{minor} {case} {k}"
                            );
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
}
