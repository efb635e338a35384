//! The flag table: version gates, `--custom`, globals, `-n` and the command word.

use super::*;

#[test]
fn version_gated_flags_are_unknown_where_kubectl_lacks_them() {
    let keeps = [
        "--keep-labels",
        "--keep-annotations",
        "--keep-liveness",
        "--keep-readiness",
        "--keep-startup",
        "--keep-init-containers=false",
    ];
    for minor in 27..=30 {
        for flag in keeps {
            let name = flag.split('=').next().unwrap_or(flag);
            assert_eq!(
                parse_err(
                    minor,
                    Some("true"),
                    &["-n", "default", "debug", "pod", "--copy-to=x", flag]
                ),
                (Code::FlagUnknown, format!("unknown flag: {name}")),
                "1.{minor} {flag}"
            );
        }
    }
    for minor in 31..=36 {
        let parsed = parse_ok(
            minor,
            &["pod", "--keep-labels", "--keep-init-containers=false"],
        );
        assert!(parsed.options.keep_labels && !parsed.options.keep_init_containers);
    }
    // The golden `kubectl.1.30 debug --keep-labels x`: unknown before 1.31, a target after.
    assert_eq!(
        parse_err(30, None, &["--keep-labels", "x", "--image=busybox"]).1,
        "unknown flag: --keep-labels"
    );
    assert_eq!(
        parse_ok(33, &["--keep-labels", "x"]).options.targets,
        strings(&["x"])
    );
}

#[test]
fn custom_is_registered_by_version_and_environment() {
    let cases: &[(u8, Option<&str>, bool)] = &[
        (27, Some("true"), false),
        (29, Some("true"), false),
        (30, None, false),
        (30, Some(""), false),
        (30, Some("true"), true),
        (30, Some("TRUE"), true),
        (30, Some(" true"), false),
        (30, Some("1"), false),
        (31, None, true),
        (31, Some(""), true),
        (31, Some("1"), true),
        (31, Some(" true"), true),
        (31, Some("false"), false),
        (31, Some("FALSE"), false),
        (31, Some("False"), false),
        (32, Some("false"), true),
        (36, None, true),
    ];
    for &(minor, env, enabled) in cases {
        let argv = strings(&["pod", "--custom=/p.json"]);
        let got = parse_args(&argv, v(minor), env).map(|p| p.options.custom);
        let want = if enabled {
            Ok("/p.json".to_string())
        } else {
            Err(Error::new(Code::FlagUnknown, "unknown flag: --custom"))
        };
        assert_eq!(got, want, "1.{minor} env={env:?}");
    }
}

#[test]
fn globals_namespace_and_the_command_word_are_handled_like_kubectl() {
    let parsed = parse_ok(
        33,
        &[
            "kubectl",
            "-n",
            "default",
            "--kubeconfig",
            "/k",
            "debug",
            "mypod",
            "--context=c",
            "-s",
            "https://h",
            "--insecure-skip-tls-verify",
            "-v5",
            "--as-group=a,b",
            "--as-group",
            "c",
            "--namespace=ops",
            "--image=busybox",
        ],
    );
    assert_eq!(parsed.namespace.as_deref(), Some("ops"));
    assert_eq!(parsed.options.targets, strings(&["mypod"]));
    assert_eq!(parsed.options.image, "busybox");
    assert_eq!(
        parsed.globals,
        pairs(&[
            ("kubeconfig", "/k"),
            ("context", "c"),
            ("server", "https://h"),
            ("insecure-skip-tls-verify", "true"),
            ("v", "5"),
            ("as-group", "a,b"),
            ("as-group", "c"),
        ])
    );
    let cases: Vec<(&str, &[&str], &[&str])> = vec![
        ("leading debug", &["debug", "mypod"], &["mypod"]),
        ("kubectl debug", &["kubectl", "debug", "mypod"], &["mypod"]),
        ("a path", &["/usr/bin/kubectl", "debug", "p"], &["p"]),
        ("windows", &["C:\\k\\kubectl.exe", "debug", "p"], &["p"]),
        (
            "not kubectl",
            &["kubectlx", "debug", "p"],
            &["kubectlx", "debug", "p"],
        ),
        (
            "kubectl debug debug",
            &["kubectl", "debug", "debug"],
            &["debug"],
        ),
        (
            "debug as namespace value",
            &["kubectl", "-n", "debug", "debug", "p"],
            &["p"],
        ),
        (
            "debug later is a target",
            &["mypod", "debug"],
            &["mypod", "debug"],
        ),
        ("flags before debug", &["-n", "x", "debug"], &["debug"]),
    ];
    for (name, argv, targets) in cases {
        assert_eq!(
            parse_ok(33, argv).options.targets,
            strings(targets),
            "{name}"
        );
    }
    assert_eq!(
        parse_err(33, None, &["kubectl", "get", "pods"]),
        (
            Code::InvalidInput,
            r#"unknown command "get" for "kubectl""#.to_string()
        )
    );
    assert_eq!(
        parse_err(33, None, &["kubectl", "-n", "x"]).0,
        Code::InvalidInput
    );
    assert_eq!(
        parse_err(33, None, &["pod", "--help"]).0,
        Code::InvalidInput
    );
    // A parse error wins over help, as in cobra.
    assert_eq!(parse_err(33, None, &["-h", "--foo"]).0, Code::FlagUnknown);
}
