//! pflag value forms, `stringToString` and Go durations.

use super::*;
use crate::go::time::go_duration_nanos;

#[test]
fn pflag_value_forms_are_all_accepted() {
    let cases: Vec<(&str, &[&str], DebugOptions)> = vec![
        (
            "long with space",
            &["--image", "busybox"],
            opts(|o| o.image = "busybox".into()),
        ),
        (
            "short with space",
            &["-c", "dbg"],
            opts(|o| o.container = "dbg".into()),
        ),
        (
            "short glued",
            &["-cdbg"],
            opts(|o| o.container = "dbg".into()),
        ),
        (
            "short with =",
            &["-c=dbg"],
            opts(|o| o.container = "dbg".into()),
        ),
        (
            "short with lone = takes it as the value",
            &["-c="],
            opts(|o| o.container = "=".into()),
        ),
        (
            "group then value",
            &["-itc", "dbg"],
            opts(|o| {
                o.stdin = true;
                o.tty = true;
                o.container = "dbg".into();
            }),
        ),
        (
            "group with glued value",
            &["-icdbg"],
            opts(|o| {
                o.stdin = true;
                o.container = "dbg".into();
            }),
        ),
        (
            "bool group with value",
            &["-it=false"],
            opts(|o| o.stdin = true),
        ),
        (
            "bool values",
            &[
                "--stdin=T",
                "--tty=1",
                "-q=True",
                "--attach=F",
                "--share-processes=0",
            ],
            opts(|o| {
                o.stdin = true;
                o.tty = true;
                o.quiet = true;
                o.attach = Some(false);
                o.share_processes = Some(false);
            }),
        ),
        (
            "bool does not take the next word",
            &["--keep-init-containers", "false"],
            opts(|o| {
                o.targets = strings(&["false"]);
            }),
        ),
        (
            "value may look like a flag",
            &["--container", "-x"],
            opts(|o| o.container = "-x".into()),
        ),
        (
            "a lone dash is positional",
            &["-", "pod"],
            opts(|o| o.targets = strings(&["-", "pod"])),
        ),
        (
            "empty word is positional",
            &["", "pod"],
            opts(|o| o.targets = strings(&["", "pod"])),
        ),
        (
            "underscores read as dashes",
            &["--copy_to=x", "--image_pull_policy", "Never"],
            opts(|o| {
                o.copy_to = "x".into();
                o.image_pull_policy = "Never".into();
            }),
        ),
        (
            "later string wins",
            &["--image=a", "--image=b"],
            opts(|o| o.image = "b".into()),
        ),
        (
            "empty profile is kept",
            &["--profile="],
            opts(|o| o.profile = Some(String::new())),
        ),
        (
            "help=false is no help",
            &["--help=false", "-h=0", "pod"],
            opts(|o| o.targets = strings(&["pod"])),
        ),
        (
            "dash dash with nothing after",
            &["a", "b", "--"],
            opts(|o| o.targets = strings(&["a", "b"])),
        ),
        (
            "dash dash first",
            &["--", "sh", "-c", "x"],
            opts(|o| o.args = strings(&["sh", "-c", "x"])),
        ),
        (
            "flags after dash dash are command",
            &["p", "--", "--image=x"],
            opts(|o| {
                o.targets = strings(&["p"]);
                o.args = strings(&["--image=x"]);
            }),
        ),
        (
            "second dash dash is command",
            &["p", "--", "a", "--"],
            opts(|o| {
                o.targets = strings(&["p"]);
                o.args = strings(&["a", "--"]);
            }),
        ),
        (
            "filename slice",
            &["-f", "a.yaml,b.yaml", "--filename=c.json", "--filename="],
            opts(|o| {
                o.filename = strings(&["a.yaml", "b.yaml", "c.json"]);
            }),
        ),
        (
            "short = with one char reads the = as the value",
            &["-f="],
            opts(|o| {
                o.filename = strings(&["="]);
            }),
        ),
        (
            "filename quoted comma",
            &[r#"-f="a,b",c"#],
            opts(|o| o.filename = strings(&["a,b", "c"])),
        ),
        (
            "filename empty quoted",
            &[r#"-f="""#],
            opts(|o| o.filename = strings(&[""])),
        ),
    ];
    for (name, argv, want) in cases {
        assert_eq!(parse_ok(33, argv).options, want, "{name}");
    }
}

#[test]
fn string_to_string_follows_pflag() {
    let cases: Vec<(&str, &[&str], Vec<Pair>)> = vec![
        (
            "one = keeps commas",
            &["--env=A=1,2"],
            pairs(&[("A", "1,2")]),
        ),
        (
            "one = trims quotes",
            &[r#"--env="A=1""#],
            pairs(&[("A", "1")]),
        ),
        (
            "one = trims only the ends",
            &[r#"--env="A=1",B"#],
            pairs(&[("A", r#"1",B"#)]),
        ),
        (
            "one = trims many quotes",
            &[r#"--env=""A=1"""#],
            pairs(&[("A", "1")]),
        ),
        ("empty key", &["--env==x"], pairs(&[("", "x")])),
        ("empty value", &["--env=A="], pairs(&[("A", "")])),
        (
            "two = is csv",
            &["--env=A=1,B=2"],
            pairs(&[("A", "1"), ("B", "2")]),
        ),
        (
            "value with = in csv",
            &["--env=A=1=2"],
            pairs(&[("A", "1=2")]),
        ),
        (
            "csv quoting",
            &[r#"--env=A=1,"B=x,y""#],
            pairs(&[("A", "1"), ("B", "x,y")]),
        ),
        (
            "csv doubled quote",
            &[r#"--env=A=1,"B""=2""#],
            pairs(&[("A", "1"), ("B\"", "2")]),
        ),
        (
            "csv repeated key keeps the last",
            &["--env=A=1,A=2"],
            pairs(&[("A", "2")]),
        ),
        (
            "csv stops at a newline",
            &["--env=A=1\nB=2=3"],
            pairs(&[("A", "1")]),
        ),
        (
            "csv skips leading empty lines",
            &["--env=\n\r\nA=1,B=2"],
            pairs(&[("A", "1"), ("B", "2")]),
        ),
        (
            "csv quoted newline",
            &["--env=A=1,\"B=x\ny\""],
            pairs(&[("A", "1"), ("B", "x\ny")]),
        ),
        (
            "later occurrences merge",
            &["--env=A=1", "--env=B=2,A=3"],
            pairs(&[("A", "3"), ("B", "2")]),
        ),
    ];
    for (name, argv, want) in cases {
        assert_eq!(parse_ok(33, argv).options.env, want, "{name}");
    }
    let set = parse_ok(
        33,
        &[
            "--set-image=*=busybox,app=app-debugger",
            "--set-image=app=x",
        ],
    );
    assert_eq!(
        set.options.set_image,
        pairs(&[("*", "busybox"), ("app", "x")])
    );
    assert_eq!(
        parse_err(33, None, &["--env=A=1,B=2,"]).1,
        r#"invalid argument "A=1,B=2," for "--env" flag:  must be formatted as key=value"#
    );
}

#[test]
fn go_durations_are_validated_like_time_parse_duration() {
    for ok in [
        "0",
        "-0",
        "+0",
        "1s",
        "1.5h",
        ".5m",
        "1.m",
        "1h2m3s4ms5us6µs7μs8ns",
        "-1s",
        "2562047h",
    ] {
        assert!(go_duration_nanos(ok).is_some(), "{ok}");
    }
    for bad in [
        "",
        "-",
        "1",
        "s",
        ".s",
        "1x",
        "1.5",
        "9999999999h",
        "2562048h",
        "1s1",
        "--1s",
    ] {
        assert!(go_duration_nanos(bad).is_none(), "{bad}");
    }
}
