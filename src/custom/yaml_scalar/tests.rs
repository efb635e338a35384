use super::*;

#[test]
fn plain_scalars_resolve_like_go_yaml_v2() {
    let cases = [
        ("yes", PlainScalar::Bool(true)),
        ("Off", PlainScalar::Bool(false)),
        ("~", PlainScalar::Null),
        ("", PlainScalar::Null),
        ("0x1F", PlainScalar::Int(31)),
        ("0755", PlainScalar::Int(493)),
        ("0o17", PlainScalar::Int(15)),
        ("08", PlainScalar::Float(8.0)),
        ("1_000", PlainScalar::Int(1000)),
        ("1e3", PlainScalar::Float(1000.0)),
        (".5", PlainScalar::Float(0.5)),
        ("-.inf", PlainScalar::Float(f64::NEG_INFINITY)),
        ("1.2.3", PlainScalar::Str),
        ("2001-12-14", PlainScalar::Str),
        ("hello", PlainScalar::Str),
    ];
    for (s, want) in cases {
        assert_eq!(resolve(s), want, "{s}");
    }
}
