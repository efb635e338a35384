//! Robustness at the text boundary (issue 15, item 11): what a host hands the core as text —
//! the target's JSON, the session's JSON, a `--custom` file (JSON or YAML), a kubectl
//! argument list — damaged at random, with long numbers and quantities, repeated flags and
//! path-like names. Every call returns `Ok` or `Err`; none panics.
//!
//! The case count is bounded for CI. The long mode runs the same properties at any size,
//! outside CI: `KUBEDEBUG_FUZZ_CASES=1000000 cargo test --release --test fuzz_text`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use kubedebug::{args, plan_text, prepare, CustomProfileFile, KubectlVersion, Session};
use proptest::prelude::*;

/// Cases per property: 300 in CI (a few seconds in a debug build), or `KUBEDEBUG_FUZZ_CASES`.
fn cases() -> u32 {
    std::env::var("KUBEDEBUG_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

fn fixture(path: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/oracle/fixtures");
    std::fs::read_to_string(dir.join(path)).unwrap()
}

/// Texts to damage: real pods, a node, custom profiles in JSON and YAML.
fn seeds() -> Vec<String> {
    [
        "pods/nginx.json",
        "pods/web-app.json",
        "nodes/node-a.json",
        "custom/env-resources.json",
        "custom/forbidden-image.yaml",
    ]
    .iter()
    .map(|p| fixture(p))
    .collect()
}

/// Pieces spliced into texts: long numbers and quantities, escapes, path-like names, deep
/// nesting openers, YAML syntax.
const SPLICES: &[&str] = &[
    "1e309",
    "-0",
    "9007199254740993",
    "170141183460469231731687303715884105727e-10",
    "0.000000000000000000000000000000000001",
    "\"cpu\": \"1e400\"",
    "\"memory\": \"99999999999999999999999Ei\"",
    "\"../../prod\"",
    "\"a?b#c\"",
    "\"\\u0000\"",
    "\\ud800",
    "[[[[[[[[[[[[[[[[",
    "{\"a\":{\"a\":{\"a\":",
    "&a [*a, *a]",
    "? - x",
    "\t",
    "\"",
    ",",
    "}",
    "null",
];

/// `text` damaged by `edits`: cut, duplicate or splice at byte positions (kept on char
/// boundaries), and a long number of `len` digits somewhere.
fn damage(text: &str, edits: &[(u8, u32, u32)]) -> String {
    let mut s = text.to_string();
    for &(kind, at, param) in edits {
        let mut at = (at as usize) % (s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match kind % 4 {
            0 => {
                let mut end = (at + param as usize % 40).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, "");
            }
            1 => s.insert_str(at, SPLICES[param as usize % SPLICES.len()]),
            2 => s.insert_str(at, &"7".repeat(1 + param as usize % 5000)),
            _ => {
                let piece: String = s[at..].chars().take(param as usize % 64).collect();
                s.insert_str(at, &piece);
            }
        }
    }
    s
}

fn session(args: &[&str], custom: Option<String>) -> Session {
    Session {
        args: Some(args.iter().map(|a| a.to_string()).collect()),
        custom_profile: custom.map(|text| CustomProfileFile {
            path: "custom.yaml".into(),
            text: Some(text),
            error: None,
        }),
        suffixes: vec!["abcde".into()],
        ..Session::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Damaged target text through `plan_text`, for each journey.
    #[test]
    fn damaged_target_text_never_panics(
        which in any::<usize>(),
        edits in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 0..8),
        journey in 0u8..3,
    ) {
        let seeds = seeds();
        let text = damage(&seeds[which % seeds.len()], &edits);
        let args: &[&str] = match journey {
            0 => &["-f", "x.json", "--image=busybox", "--profile=general"],
            1 => &["-f", "x.json", "--image=busybox", "--copy-to=c", "--set-image=*=b", "--replace"],
            _ => &["-f", "x.json", "--image=busybox", "--profile=sysadmin"],
        };
        let _ = plan_text(&session(args, None), &text, true);
    }

    /// Damaged `--custom` files (JSON and YAML, long numbers and quantities).
    #[test]
    fn damaged_custom_profiles_never_panic(
        which in any::<usize>(),
        edits in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 0..8),
    ) {
        let seeds = seeds();
        let custom = damage(&seeds[which % seeds.len()], &edits);
        let s = session(&["web", "--image=busybox", "--custom=custom.yaml"], Some(custom));
        if prepare(&s).is_ok() {
            let _ = plan_text(&s, &fixture("pods/nginx.json"), false);
        }
    }

    /// Damaged session JSON (what the Wasm binding decodes first).
    #[test]
    fn damaged_session_json_never_panics(
        edits in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 0..8),
    ) {
        let text = r#"{"args":["web","--image=busybox","-n","ns"],"namespace":"default","seed":7,"suffixes":["abcde"],"env":{"A":"1"},"kubectlVersion":"1.33"}"#;
        if let Ok(s) = Session::from_json(&damage(text, &edits)) {
            let _ = prepare(&s);
        }
    }

    /// Argument lists with flags repeated many times and path-like values.
    #[test]
    fn repeated_flags_never_panic(
        flag in prop::sample::select(vec!["--env=A=1", "--set-image=*=x", "--set-image=a=b", "-it", "--target=../x", "-n", "--image=busybox", "--copy-to=../x"]),
        times in 0usize..3000,
        minor in 27u8..=36,
    ) {
        let mut words = vec!["web".to_string(), "--image=busybox".to_string()];
        words.extend(std::iter::repeat_n(flag.to_string(), times));
        let version = KubectlVersion::new(minor).unwrap_or_default();
        let _ = args::parse_args(&words, version, None);
        let s = Session { args: Some(words), kubectl_version: Some(version), ..Session::default() };
        let _ = prepare(&s);
    }
}
