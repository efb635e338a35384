use super::*;

#[test]
fn syntax_errors_use_go_scanner_texts() {
    let cases = [
        ("", "unexpected end of JSON input"),
        ("{\"env\": [", "unexpected end of JSON input"),
        (
            "env: x",
            "invalid character 'e' looking for beginning of value",
        ),
        ("{\"a\" 1}", "invalid character '1' after object key"),
        ("{\"a\":1} x", "invalid character 'x' after top-level value"),
        (
            "{\"a\":tru}",
            "invalid character '}' in literal true (expecting 'e')",
        ),
        (
            "{\"a\":\"\\x\"}",
            "invalid character 'x' in string escape code",
        ),
        ("{\"a\":-}", "invalid character '}' in numeric literal"),
        (
            "{\"a\":1.}",
            "invalid character '}' after decimal point in numeric literal",
        ),
        (
            "{\"a\":1e}",
            "invalid character '}' in exponent of numeric literal",
        ),
        (
            "{,}",
            "invalid character ',' looking for beginning of object key string",
        ),
        (
            "[1,]",
            "invalid character ']' looking for beginning of value",
        ),
        ("[1}", "invalid character '}' after array element"),
        (
            "{\"a\":1]",
            "invalid character ']' after object key:value pair",
        ),
        (
            "{\"a\":\"\u{1}\"}",
            "invalid character '\\x01' in string literal",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(parse_json(text).err().as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn strings_unescape_like_go_and_keep_their_raw_text() {
    let d = parse_json("[\"a\\u00e9\\ud83d\\ude00\\ud800\"]").unwrap_or_default();
    let s = d.nodes.iter().find_map(|n| match n {
        DocNode::Str(s, raw) => Some((s.clone(), raw.clone())),
        _ => None,
    });
    assert_eq!(
        s,
        Some((
            "aé😀\u{fffd}".to_string(),
            Some("a\\u00e9\\ud83d\\ude00\\ud800".into())
        ))
    );
}
