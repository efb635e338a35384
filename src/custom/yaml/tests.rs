//! Tests of the YAML path ([`super::yaml_to_doc`]).
//!
//! The real kubectl pins this port: the `custom-yaml-*` cases of
//! `tests/conformance/oracle/cases.jsonl`, recorded on kubectl 1.27–1.37 into
//! `tests/conformance/golden/<version>/custom-yaml-*.json` and replayed by
//! `cargo test --test conformance`. Where a hand-written expectation below is covered by a
//! recorded golden, the golden is named beside it; the others (escapes, block-scalar
//! indentation indicators, tags, deep nesting, control characters) are go-yaml's documented
//! behaviour, not yet recorded.

use super::*;

/// The document as compact JSON (keys sorted), or the error.
fn j(text: &str) -> String {
    match yaml_to_doc(text) {
        Err(e) => format!("ERR {e}"),
        Ok(d) => {
            let mut out = String::new();
            // Post-order arena: render iteratively via an explicit stack.
            let mut todo: Vec<Result<u32, &str>> = vec![Ok(d.root)];
            while let Some(t) = todo.pop() {
                let n = match t {
                    Err(s) => {
                        out.push_str(s);
                        continue;
                    }
                    Ok(n) => n,
                };
                match d.get(n) {
                    Some(DocNode::Null) | None => out.push_str("null"),
                    Some(DocNode::Bool(b)) => out.push_str(&b.to_string()),
                    Some(DocNode::Num(s, _)) => out.push_str(s),
                    Some(DocNode::Str(s, _)) => {
                        out.push_str(&crate::json::Value::from(s.as_str()).to_string())
                    }
                    Some(DocNode::Arr(items)) => {
                        todo.push(Err("]"));
                        for (i, c) in items.iter().enumerate().rev() {
                            todo.push(Ok(*c));
                            if i > 0 {
                                todo.push(Err(","));
                            }
                        }
                        out.push('[');
                    }
                    Some(DocNode::Obj(kv)) => {
                        todo.push(Err("}"));
                        for (i, (k, c)) in kv.iter().enumerate().rev() {
                            todo.push(Ok(*c));
                            out.push_str("");
                            let key = format!("{}:", crate::json::Value::from(k.as_str()));
                            todo.push(Err(Box::leak(key.into_boxed_str())));
                            if i > 0 {
                                todo.push(Err(","));
                            }
                        }
                        out.push('{');
                    }
                }
            }
            out
        }
    }
}

fn check(cases: &[(&str, &str)]) {
    for (text, want) in cases {
        assert_eq!(j(text), *want, "{text:?}");
    }
}

/// Recorded: `custom-yaml-multi-doc` (only the first document), `custom-yaml-multi-doc-empty-first`,
/// `custom-yaml-duplicate-key` (the last key wins), `custom-yaml-empty`, `custom-yaml-directive`.
#[test]
fn only_the_first_document_is_read_and_maps_are_key_sorted() {
    check(&[
        ("b: 1\na: 2\nb: 3\n---\n[bad\n", r#"{"a":2,"b":3}"#),
        ("---\na: 1\n...\n---\nb: 2\n", r#"{"a":1}"#),
        ("", "null"),
        ("# only a comment\n", "null"),
        ("---\n", "null"),
        ("--- |\n  text\n", r#""text\n""#),
        ("%YAML 1.1\n---\na: 1\n", r#"{"a":1}"#),
        ("\u{feff}a: 1\n", r#"{"a":1}"#),
    ]);
}

/// Recorded: `custom-yaml-flow`, `custom-yaml-block-scalars`.
#[test]
fn block_and_flow_collections() {
    check(&[
        ("a:\n- x\n- w\nb: z\n", r#"{"a":["x","w"],"b":"z"}"#),
        (
            "a:\n  - x\n  - k: v\n    l: w\n",
            r#"{"a":["x",{"k":"v","l":"w"}]}"#,
        ),
        ("- - a\n  - b\n- c\n", r#"[["a","b"],"c"]"#),
        ("a: {b: 1, c: [x, w]}\n", r#"{"a":{"b":1,"c":["x","w"]}}"#),
        ("[a: b, c, {d: e}]", r#"[{"a":"b"},"c",{"d":"e"}]"#),
        ("{a, b: }", r#"{"a":null,"b":null}"#),
        ("? a\n: b\n", r#"{"a":"b"}"#),
        ("a:\n- \n- c\n", r#"{"a":[null,"c"]}"#),
        ("a:\r\n  - x\r\n", r#"{"a":["x"]}"#),
        ("{a:1}", r#"{"a:1":null}"#),
    ]);
}

#[test]
fn scalar_styles_and_escapes() {
    check(&[
        ("a: 'it''s'\n", r#"{"a":"it's"}"#),
        (
            r#"a: "\x41\u00e9\U0001F600\n\t\\\"\_""#,
            "{\"a\":\"Aé😀\\n\\t\\\\\\\"\u{a0}\"}",
        ),
        ("a: \"x\n  y\n\n  z\"\n", r#"{"a":"x y\nz"}"#),
        ("a: \"x\\\n  y\"\n", r#"{"a":"xy"}"#),
        ("a: plain  text\n  more\n", r#"{"a":"plain  text more"}"#),
        ("a: x # c\nb: 'y'#z\n", r#"{"a":"x","b":"y"}"#),
        ("a: |\n  l1\n  l2\n", r#"{"a":"l1\nl2\n"}"#),
        ("a: |-\n  l1\n\n", r#"{"a":"l1"}"#),
        ("a: |+\n  l1\n\n", r#"{"a":"l1\n\n"}"#),
        ("a: >\n  f1\n  f2\n\n  p\n", r#"{"a":"f1 f2\np\n"}"#),
        ("a: >-\n  f1\n   in\n  f2\n", r#"{"a":"f1\n in\nf2"}"#),
        ("a: |2\n    x\n   y\n", r#"{"a":"  x\n y\n"}"#),
        ("a: >2-\n   x\n  y\n", r#"{"a":" x\ny"}"#),
    ]);
}

/// Recorded: `custom-yaml-bools` (`yes`/`on`/`off`/`no`/`True`), `custom-yaml-bools-y-n`,
/// `custom-yaml-octal` (`0755`, `0x1F`), `custom-yaml-octal-0o`, `custom-yaml-underscore-int`,
/// `custom-yaml-nulls`, `custom-yaml-quoted-scalars` (`!!str`).
#[test]
fn plain_scalars_resolve_and_tags_apply() {
    check(&[
        (
            "[yes, Off, ~, 0x1F, 0755, 1e3, 1.5, .inf5]",
            r#"[true,false,null,31,493,1000,1.5,".inf5"]"#,
        ),
        (
            "[!!str 5, !!int '7', !!float 1, !foo 2, ! 3, !<tag:yaml.org,2002:str> 4]",
            r#"["5",7,1,"2","3","4"]"#,
        ),
        (
            "a: !!int x\n",
            "ERR yaml: cannot decode !!str `x` as a !!int",
        ),
        ("a: !!seq [x]\n", r#"{"a":["x"]}"#),
        ("!x!y a: 1\n", "ERR yaml: found undefined tag handle"),
        (
            "{1: a, true: b, 1.5: c, .inf: d}",
            r#"{".inf":"d","1":"a","1.5":"c","true":"b"}"#,
        ),
        ("a: .nan\n", "ERR json: unsupported value: NaN"),
        ("a: 1e400\n", "ERR json: unsupported value: +Inf"),
    ]);
}

/// Recorded: `custom-yaml-anchors`, `custom-yaml-merge-keys` (a map and a list of maps),
/// `custom-yaml-unknown-anchor`.
#[test]
fn anchors_aliases_and_merge_keys() {
    check(&[
        ("a: &x [1]\nb: *x\n", r#"{"a":[1],"b":[1]}"#),
        (
            "a: &x 1\nb: *x\nc: &x 2\nd: *x\n",
            r#"{"a":1,"b":1,"c":2,"d":2}"#,
        ),
        (
            "m: &m {a: 1, b: 2}\no: {<<: *m, b: 3}\n",
            r#"{"m":{"a":1,"b":2},"o":{"a":1,"b":3}}"#,
        ),
        (
            "p: &p {a: 1}\nq: &q {a: 2, c: 3}\no: {<<: [*p, *q]}\n",
            r#"{"o":{"a":1,"c":3},"p":{"a":1},"q":{"a":2,"c":3}}"#,
        ),
        ("o: {\"<<\": {a: 1}}\n", r#"{"o":{"<<":{"a":1}}}"#),
        (
            "o: {<<: 1}\n",
            "ERR yaml: map merge requires map or sequence of maps as the value",
        ),
        ("a: *nope\n", "ERR yaml: unknown anchor 'nope' referenced"),
        ("a: &a [*a]\n", "ERR yaml: anchor 'a' value contains itself"),
    ]);
}

/// Recorded: `custom-yaml-tab-indent` (line 2: cannot start any token),
/// `custom-yaml-bad-indent` (line 2: did not find expected key), `custom-yaml-unterminated`
/// (line 2: unexpected end of stream); tabs as separators: `custom-yaml-tabs`.
#[test]
fn errors_use_go_yaml_texts_and_lines() {
    let cases = [
        (
            "env:\n\t- name: A\n",
            "yaml: line 2: found character that cannot start any token",
        ),
        (
            "a: b: c\n",
            "yaml: mapping values are not allowed in this context",
        ),
        (
            "env: {a: b\n",
            "yaml: line 1: did not find expected ',' or '}'",
        ),
        (
            "env: [a, b\n",
            "yaml: line 1: did not find expected ',' or ']'",
        ),
        ("a: [\"x\" y]\n", "yaml: did not find expected ',' or ']'"),
        (
            "key: \"unterminated\n",
            "yaml: line 2: found unexpected end of stream",
        ),
        (
            "env:\n  - name: A\n value: x\n",
            "yaml: line 2: did not find expected key",
        ),
        (
            "- a\nb: c\n",
            "yaml: line 1: did not find expected '-' indicator",
        ),
        (
            "a: 1\nb\nc: 2\n",
            "yaml: line 3: could not find expected ':'",
        ),
        ("- ]\n", "yaml: did not find expected node content"),
        ("a: 'x' y\n", "yaml: did not find expected key"),
        ("a: \"\\q\"\n", "yaml: found unknown escape character"),
        ("a: |0\n", "yaml: found an indentation indicator equal to 0"),
        ("a: \u{1}\n", "yaml: control characters are not allowed"),
        ("%FOO\n", "yaml: found unknown directive name"),
        (
            "%YAML 1.1\na: 1\n",
            "yaml: line 1: did not find expected <document start>",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(yaml_to_doc(text).err().as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn deep_nesting_is_capped_without_recursion() {
    for deep in [
        "[".repeat(20_000),
        "{a: ".repeat(20_000),
        "- ".repeat(20_000),
    ] {
        let e = yaml_to_doc(&deep).err().unwrap_or_default();
        assert!(
            e.contains("exceeded max depth of 10000") || e.starts_with("yaml:"),
            "{e}"
        );
    }
    assert_eq!(
        yaml_to_doc(&"[".repeat(10_001)).err().as_deref(),
        Some("yaml: exceeded max depth of 10000")
    );
    let ok = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(yaml_to_doc(&ok).is_ok());
}

proptest::proptest! {
    #[test]
    fn arbitrary_input_never_panics(s in "\\PC{0,300}") {
        let _ = yaml_to_doc(&s);
    }

    #[test]
    fn yaml_shaped_input_never_panics(s in "([-?:,\\[\\]{}&*!|>'\"#%@` \t\n\r\\\\a-c0-9.<]|---|\\.\\.\\.|\\|2-|>\\+){0,120}") {
        let _ = yaml_to_doc(&s);
    }
}
