//! Property tests: parsing never panics and rendering round-trips.

use super::*;
use crate::json::de::assert_written_as_derive;
use crate::json::ToJson;
use crate::session::Session;
use crate::validate::CustomProfileFile;
use proptest::prelude::*;

fn arb_word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9/=,\"\\-]{0,8}",
        Just("--".to_string()),
        Just("-".to_string()),
        Just("debug".to_string()),
        Just("kubectl".to_string()),
        "-[a-zA-Z=é]{0,4}",
        "--[a-z_\\-]{0,12}(=[a-z0-9=,\"\n]{0,6})?",
        prop::sample::select(vec![
            "--image",
            "--env",
            "--set-image",
            "-f",
            "-c",
            "-n",
            "-v",
            "--attach",
            "--env=A=\"1,B=2",
            "--custom",
            "--keep-labels",
            "--log-flush-frequency=1.5h",
        ])
        .prop_map(str::to_string),
        ".{0,6}",
    ]
}

fn arb_text() -> impl Strategy<Value = String> {
    // No `\r`: Go's CSV reader rewrites `\r\n` inside quotes (see csv_field).
    "[a-zA-Z0-9 =,\"\n/*._-]{0,10}"
}

fn arb_pairs() -> impl Strategy<Value = Vec<Pair>> {
    // A name cannot contain `=`: pflag splits each item at its first `=`.
    let name = "[a-zA-Z0-9 ,\"\n/*._-]{0,10}";
    prop::collection::vec((name, arb_text()), 0..4).prop_map(|list| {
        let mut out = Vec::new();
        for (name, value) in list {
            upsert_pair(&mut out, name, value);
        }
        out
    })
}

fn arb_target() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9./]{0,10}",
        Just("-".to_string()),
        Just("debug".to_string())
    ]
}

prop_compose! {
    fn arb_options()(
        targets in prop::collection::vec(arb_target(), 0..3),
        args in prop::collection::vec(".{0,6}", 0..3),
        filename in prop::collection::vec(arb_text(), 0..3),
        bools in prop::collection::vec(any::<bool>(), 14),
        attach in any::<Option<bool>>(),
        share_processes in any::<Option<bool>>(),
        session_label in any::<Option<bool>>(),
        strs in prop::collection::vec(".{0,8}", 7),
        profile in any::<Option<String>>(),
        env in arb_pairs(),
        set_image in arb_pairs(),
        own in (prop::collection::vec(any::<bool>(), 3), prop::collection::vec(".{0,8}", 0..2),
            prop::collection::vec(".{0,8}", 0..2), arb_pairs(), arb_pairs(), arb_pairs()),
    ) -> DebugOptions {
        let b = |i: usize| bools.get(i).copied().unwrap_or(false);
        let s = |i: usize| strs.get(i).cloned().unwrap_or_default();
        DebugOptions {
            as_target_user: own.0.first() == Some(&true), mount_target_volumes: own.0.get(1) == Some(&true),
            tolerations_from_node: own.0.get(2) == Some(&true), volume_mount: own.1,
            image_pull_secret: own.2, label: own.3, annotation: own.4, node_selector: own.5,
            targets, args, filename, env, set_image, attach, share_processes, profile,
            arguments_only: b(0), keep_annotations: b(1), keep_init_containers: b(2),
            keep_labels: b(3), keep_liveness: b(4), keep_readiness: b(5),
            keep_startup: b(6), quiet: b(7), replace: b(8), same_node: b(9),
            stdin: b(10), tty: b(11), rm: b(12), retain: b(13), session_label, explain: b(14),
            container: s(0), copy_to: s(1), custom: s(2), image: s(3),
            image_pull_policy: s(4), target: s(5), preflight: s(6),
        }
    }
}

prop_compose! {
    fn arb_session()(
        args in prop::option::of(prop::collection::vec(".{0,6}", 0..3)),
        options in prop::option::of(arb_options()),
        namespace in any::<Option<String>>(),
        namespace_explicit in any::<bool>(),
        minor in prop::option::of(27u8..=36),
        env in prop::collection::btree_map(".{0,6}", ".{0,6}", 0..3),
        custom in prop::option::of((".{0,6}", any::<Option<String>>(), any::<Option<String>>())),
        seed in any::<u64>(),
        suffixes in prop::collection::vec(".{0,6}", 0..3),
        default_images in prop::collection::btree_map(".{0,6}", ".{0,6}", 0..3),
        default_image_source in ".{0,6}",
        (default_rm, default_session_label) in any::<(bool, bool)>(),
        mark in (".{0,6}", ".{0,6}"),
        reads in prop::collection::vec((".{0,6}", ".{0,6}"), 0..2),
    ) -> Session {
        Session {
            args, options, namespace, namespace_explicit, env, seed, suffixes, default_rm,
            default_images, default_image_source, default_session_label,
            kubectl_version: minor.and_then(KubectlVersion::new),
            custom_profile: custom.map(|(path, text, error)| CustomProfileFile { path, text, error }),
            mark: crate::SessionMark { creator: mark.0, created_at: mark.1 },
            reads: reads.into_iter().map(|(name, path)| crate::ReadResult { name, path, ..Default::default() }).collect(),
        }
    }
}

proptest! {
    #[test]
    fn written_as_the_serde_derives_wrote_them(
        o in arb_options(),
        s in arb_session(),
        namespace in any::<Option<String>>(),
        globals in arb_pairs(),
    ) {
        assert_written_as_derive(&o);
        assert_written_as_derive(&s);
        if let Ok(parsed) = parse_args(&render_args(&o, namespace.as_deref()), v(36), None) {
            assert_written_as_derive(&parsed);
        }
        assert_written_as_derive(&ParsedArgs { options: o, namespace, globals });
        // And read back as written.
        let text = kubedebug_skim::to_string(&s.to_json());
        prop_assert_eq!(Session::from_json(&text), Ok(s));
    }

    #[test]
    fn parse_args_never_panics(argv in prop::collection::vec(arb_word(), 0..8), minor in 27u8..=36) {
        let _ = parse_args(&argv, v(minor), Some("true"));
    }

    #[test]
    fn render_then_parse_gives_the_options_back(o in arb_options(), ns in any::<Option<String>>()) {
        let argv = render_args(&o, ns.as_deref());
        let parsed = parse_args(&argv, v(36), None);
        prop_assert_eq!(parsed.clone().map(|p| p.options), Ok(o), "{:?}", argv);
        prop_assert_eq!(parsed.map(|p| p.namespace), Ok(ns));
    }

    #[test]
    fn split_command_line_never_panics(line in ".{0,40}") {
        let _ = split_command_line(&line);
    }
}
