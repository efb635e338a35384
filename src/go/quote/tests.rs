use super::*;

#[test]
fn go_quote_escapes_like_go() {
    assert_eq!(go_quote("busy box"), "\"busy box\"");
    assert_eq!(go_quote("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\x01\"");
}
