//! `split_command_line`.

use super::*;

#[test]
fn split_command_line_splits_like_a_shell() {
    let cases: Vec<(&str, &str, &[&str])> = vec![
        (
            "plain words",
            "kubectl debug mypod -it --image=busybox",
            &["kubectl", "debug", "mypod", "-it", "--image=busybox"],
        ),
        (
            "single quotes",
            "-- sh -c 'echo hi; ls'",
            &["--", "sh", "-c", "echo hi; ls"],
        ),
        (
            "double quotes with escapes",
            r#"--env="A=\"x\" \$y \n""#,
            &[r#"--env=A="x" $y \n"#],
        ),
        ("backslash outside quotes", r"a\ b c\\d", &["a b", r"c\d"]),
        ("empty quotes are a word", "a '' \"\"", &["a", "", ""]),
        (
            "adjacent quoted parts join",
            "--env='A=1'\"B\"c",
            &["--env=A=1Bc"],
        ),
        (
            "line continuation",
            "kubectl debug \\\n  mypod",
            &["kubectl", "debug", "mypod"],
        ),
        ("comment", "a b # c d\ne", &["a", "b", "e"]),
        ("hash inside a word", "a#b", &["a#b"]),
        ("tabs and newlines", "\ta\n\nb\r\n", &["a", "b"]),
        ("nothing", "   ", &[]),
    ];
    for (name, line, want) in cases {
        assert_eq!(split_command_line(line), Ok(strings(want)), "{name}");
    }
    for bad in ["'abc", "\"abc", "abc\\", "\"a\\\""] {
        assert_eq!(
            split_command_line(bad).map_err(|e| e.code()),
            Err(Code::InvalidInput),
            "{bad}"
        );
    }
}
