use super::*;

#[test]
fn int_text_is_to_string() {
    for i in [
        0,
        1,
        -1,
        i128::from(i64::MAX),
        i128::from(i64::MAX) + 1,
        i128::from(i64::MIN),
        i128::from(i64::MIN) - 1,
        i128::from(u64::MAX),
        i128::MAX,
        i128::MIN,
        -1_000_000_000_000_000_000_000,
    ] {
        assert_eq!(int_text(i), i.to_string());
    }
}

#[test]
fn quantities_canonicalize_like_apimachinery() {
    let cases = [
        ("1", "1"),
        ("0.5", "500m"),
        ("1Gi", "1Gi"),
        ("1.5Gi", "1536Mi"),
        ("1000m", "1"),
        ("+1", "+1"),
        ("0.1", "100m"),
        ("1e3", "1e3"),
        ("100m", "100m"),
        ("128Mi", "128Mi"),
        ("1024Mi", "1Gi"),
        ("0", "0"),
        ("-0", "0"),
        ("0.0000000001", "1n"),
        ("200m", "200m"),
        ("64Mi", "64Mi"),
        ("1.0", "1"),
    ];
    for (i, want) in cases {
        assert_eq!(canonical(i).as_deref(), Ok(want), "{i}");
    }
}

/// Values beyond 64 and 128 bits, as apimachinery's inf.Dec computes them (issue 15 item 7:
/// the first came out negative, and a debug build overflowed).
#[test]
fn huge_quantities_are_exact() {
    let cases = [
        (
            "170141183460469231731687303715884105727e-10",
            "17014118346046923173168730371588410573e-9",
        ),
        (
            "-170141183460469231731687303715884105727e-10",
            "-17014118346046923173168730371588410573e-9",
        ),
        (
            "340282366920938463463374607431768211457",
            "340282366920938463463374607431768211457",
        ),
        ("1000000000000000000000000000000000000000000000000000", "1"),
        ("100000000000000000000000000000000000000000000000000", "100"),
        ("1e51", "1e51"),
        ("1e4294967299", "1e4294967299"),
        ("1000e4294967299", "1e6"),
        ("1.5e-2147483648", "1e-9"),
        (
            "123456789012345678901234567890123456789012345.5e-2147483640",
            "1e-9",
        ),
        (
            "12345678901234567890123456789012345678901234567890e2147483647",
            "123456789012345678901234567890123456789012345678900e2147483646",
        ),
        (
            "99999999999999999999999999999999999999999Ei",
            "9223372036854775807",
        ),
        ("8Ei", "9223372036854775807"),
        ("4Ei", "4Ei"),
        ("7.99999999999999999999Ei", "9223372036854775807"),
        ("0.5Ki", "512"),
        ("1.000000000000000000000000000000000001", "1000000001n"),
        ("0.0000000000000000000000000000000000001Ki", "1n"),
    ];
    for (i, want) in cases {
        assert_eq!(canonical(i).as_deref(), Ok(want), "{i}");
    }
    let long = format!("1{}", "0".repeat(1_000_000));
    assert_eq!(canonical(&long), Ok("10".to_string()));
    assert_eq!(canonical(&format!("{long}e-999999")), Ok("10".to_string()));
}

#[test]
fn malformed_quantities_fail_with_apimachinery_errors() {
    assert_eq!(canonical("abc"), Err(FORMAT_WRONG));
    assert_eq!(canonical(""), Err(FORMAT_WRONG));
    assert_eq!(canonical("1.5.5"), Err(FORMAT_WRONG));
    assert_eq!(canonical("1e"), Err(SUFFIX));
    assert_eq!(canonical("1Qi"), Err(FORMAT_WRONG));
    assert_eq!(canonical("1ki"), Err(SUFFIX));
}

/// The typed check's `parse` fails exactly where `canonical` does, with the same text.
#[test]
fn parse_accepts_what_canonical_accepts() {
    let parts = [
        "", "0", "00", "-", "+", ".", "1", "12", "007", "1.", ".5", "1.50",
    ];
    let suffixes = [
        "", "m", "k", "Ki", "Ei", "e3", "E-2", "e", "ki", "Qi", "i", "e+", "1",
    ];
    for p in parts {
        for q in suffixes {
            for sign in ["", "-", "+"] {
                let s = format!("{sign}{p}{q}");
                assert_eq!(parse(&s).map(|_| ()), canonical(&s).map(|_| ()), "{s}");
            }
        }
    }
    for s in [
        "9223372036854775807",
        "99999999999999999999Ki",
        "1.5.5",
        "1 ",
        " 1",
    ] {
        assert_eq!(parse(s).map(|_| ()), canonical(s).map(|_| ()), "{s}");
    }
}
