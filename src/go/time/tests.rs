use super::*;

#[test]
fn accepts_what_go_accepts() {
    for ok in [
        "2024-01-02T15:04:05Z",
        "2024-01-02T15:04:05.123456789Z",
        "2024-01-02T15:04:05,5+01:00",
        "2024-02-29T00:00:00-23:59",
        "2024-01-02T5:04:05Z",
    ] {
        assert_eq!(parse_rfc3339(ok), Ok(()), "{ok}");
    }
}

/// Each text as kubectl 1.33 printed it for a `-f` pod with that `creationTimestamp`.
#[test]
fn says_what_go_says() {
    let cases = [
        (
            "yesterday",
            r#"parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006""#,
        ),
        (
            "",
            r#"parsing time "" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "2006""#,
        ),
        (
            "2024-01-01",
            r#"parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T""#,
        ),
        (
            "2024-13-01T00:00:00Z",
            r#"parsing time "2024-13-01T00:00:00Z": month out of range"#,
        ),
        (
            "2023-02-29T00:00:00Z",
            r#"parsing time "2023-02-29T00:00:00Z": day out of range"#,
        ),
        (
            "2024-01-01T00:00:00",
            r#"parsing time "2024-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00""#,
        ),
        (
            "2024-01-01T00:00:00Zx",
            r#"parsing time "2024-01-01T00:00:00Zx": extra text: "x""#,
        ),
        (
            "2024-1-01T00:00:00Z",
            r#"parsing time "2024-1-01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-01T00:00:00Z" as "01""#,
        ),
        (
            "2024-01-01T24:00:00Z",
            r#"parsing time "2024-01-01T24:00:00Z": hour out of range"#,
        ),
        (
            "+123-01-02T15:04:05Z",
            r#"parsing time "+123-01-02T15:04:05Z" as "2006-01-02T15:04:05Z07:00": cannot parse "+123-01-02T15:04:05Z" as "2006""#,
        ),
        (
            "2024-01-02T15:04:05+25:00",
            r#"parsing time "2024-01-02T15:04:05+25:00": time zone offset hour out of range"#,
        ),
        (
            "2024-01-02T15:04:05+2x:61",
            r#"parsing time "2024-01-02T15:04:05+2x:61" as "2006-01-02T15:04:05Z07:00": cannot parse "+2x:61" as "Z07:00""#,
        ),
        (
            "2024-01-02T15:04:60Z",
            r#"parsing time "2024-01-02T15:04:60Z": second out of range"#,
        ),
        (
            "2024-01-02t15:04:05Z",
            r#"parsing time "2024-01-02t15:04:05Z" as "2006-01-02T15:04:05Z07:00": cannot parse "t15:04:05Z" as "T""#,
        ),
        (
            "2024-01-02T15:04:05.Z",
            r#"parsing time "2024-01-02T15:04:05.Z" as "2006-01-02T15:04:05Z07:00": cannot parse ".Z" as "Z07:00""#,
        ),
        (
            "2024-00-02T15:04:05Z",
            r#"parsing time "2024-00-02T15:04:05Z": month out of range"#,
        ),
        (
            "2024-01-02T15:4:05Z",
            r#"parsing time "2024-01-02T15:4:05Z" as "2006-01-02T15:04:05Z07:00": cannot parse "4:05Z" as "04""#,
        ),
        (
            "é",
            r#"parsing time "\xc3\xa9" as "2006-01-02T15:04:05Z07:00": cannot parse "\xc3\xa9" as "2006""#,
        ),
    ];
    for (input, want) in cases {
        assert_eq!(parse_rfc3339(input).err().as_deref(), Some(want), "{input}");
    }
}
