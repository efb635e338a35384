use super::*;

#[test]
fn skips_and_reads_tokens() {
    let mut t = Tokens::new(r#" {"a\"b": [1, {"c": null}], "d": -1.5e3} "x\\" true"#);
    t.skip().expect("object");
    assert_eq!(t.peek(), Some(b'"'));
    assert_eq!(t.string(), Some(r#"x\\"#));
    assert_eq!(t.peek(), Some(b't'));
    assert_eq!(t.scalar(), "true");
    assert_eq!(t.peek(), None);
    assert_eq!(Tokens::new("]").skip(), None);
    assert_eq!(Tokens::new(r#""open"#).skip(), None);
}
