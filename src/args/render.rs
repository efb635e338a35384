//! The reverse of parsing: the shortest `kubectl debug` argument list for some options.

use crate::options::{DebugOptions, Pair};

use super::csv::csv_field;

/// The shortest equivalent `kubectl debug` argument list for `options` (what follows
/// `kubectl debug`): targets, then flags in a stable order, then `--` and the command.
/// [`parse_args`](super::parse_args) of the result gives back `options` and `namespace`.
pub fn render_args(options: &DebugOptions, namespace: Option<&str>) -> Vec<String> {
    let flags = render_flags(options, namespace);
    let mut out = Vec::with_capacity(options.targets.len() + flags.len() + options.args.len() + 1);
    let first_is_command_word = options.targets.first().is_some_and(|t| t == "debug");
    if first_is_command_word {
        // A leading `debug` would read as the command word; start with a flag instead.
        if flags.is_empty() {
            out.push("--stdin=false".to_string());
        }
        out.extend(flags);
        out.extend(options.targets.iter().cloned());
    } else {
        out.extend(options.targets.iter().cloned());
        out.extend(flags);
    }
    if !options.args.is_empty() {
        out.push("--".to_string());
        out.extend(options.args.iter().cloned());
    }
    out
}

/// The flags of [`render_args`], in reading order.
fn render_flags(o: &DebugOptions, namespace: Option<&str>) -> Vec<String> {
    let defaults = DebugOptions::default();
    let mut out = Vec::new();
    if let Some(ns) = namespace {
        out.push("-n".to_string());
        out.push(ns.to_string());
    }
    match (o.stdin, o.tty) {
        (true, true) => out.push("-it".to_string()),
        (true, false) => out.push("-i".to_string()),
        (false, true) => out.push("-t".to_string()),
        (false, false) => {}
    }
    push_opt_bool(&mut out, "attach", o.attach);
    let strings = [
        ("image", &o.image),
        ("image-pull-policy", &o.image_pull_policy),
        ("container", &o.container),
        ("target", &o.target),
        ("copy-to", &o.copy_to),
    ];
    push_strings(&mut out, &strings);
    push_bool(&mut out, "replace", o.replace, defaults.replace);
    push_bool(&mut out, "same-node", o.same_node, defaults.same_node);
    push_opt_bool(&mut out, "share-processes", o.share_processes);
    if !o.set_image.is_empty() {
        out.push(format!("--set-image={}", render_pairs(&o.set_image)));
    }
    for pair in &o.env {
        out.push(format!(
            "--env={}",
            render_pairs(std::slice::from_ref(pair))
        ));
    }
    if let Some(profile) = &o.profile {
        out.push(format!("--profile={profile}"));
    }
    push_strings(&mut out, &[("custom", &o.custom)]);
    let keeps = [
        ("keep-labels", o.keep_labels, defaults.keep_labels),
        (
            "keep-annotations",
            o.keep_annotations,
            defaults.keep_annotations,
        ),
        ("keep-liveness", o.keep_liveness, defaults.keep_liveness),
        ("keep-readiness", o.keep_readiness, defaults.keep_readiness),
        ("keep-startup", o.keep_startup, defaults.keep_startup),
        (
            "keep-init-containers",
            o.keep_init_containers,
            defaults.keep_init_containers,
        ),
        ("arguments-only", o.arguments_only, defaults.arguments_only),
    ];
    for (name, value, default) in keeps {
        push_bool(&mut out, name, value, default);
    }
    if o.quiet {
        out.push("-q".to_string());
    }
    for file in &o.filename {
        out.push(format!("--filename={}", csv_field(file)));
    }
    out
}

fn push_strings(out: &mut Vec<String>, flags: &[(&str, &String)]) {
    for (name, value) in flags {
        if !value.is_empty() {
            out.push(format!("--{name}={value}"));
        }
    }
}

fn push_bool(out: &mut Vec<String>, name: &str, value: bool, default: bool) {
    if value != default {
        out.push(bool_flag(name, value));
    }
}

fn push_opt_bool(out: &mut Vec<String>, name: &str, value: Option<bool>) {
    if let Some(value) = value {
        out.push(bool_flag(name, value));
    }
}

fn bool_flag(name: &str, value: bool) -> String {
    if value {
        format!("--{name}")
    } else {
        format!("--{name}=false")
    }
}

/// One `stringToString` flag value carrying `pairs` (spec §2.3), so that pflag reads back
/// exactly these pairs: a lone pair with one `=` is written as is unless `"` trimming
/// would eat its ends; otherwise a CSV record (a lone one-`=` pair is written twice to
/// reach the two `=` that select CSV parsing; the duplicate merges away).
fn render_pairs(pairs: &[Pair]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|p| format!("{}={}", p.name, p.value))
        .collect();
    if let [only] = items.as_slice() {
        let equals = only.matches('=').count();
        if equals == 1 && !only.starts_with('"') && !only.ends_with('"') {
            return only.clone();
        }
        if equals == 1 {
            let field = csv_field(only);
            return format!("{field},{field}");
        }
    }
    items
        .iter()
        .map(|i| csv_field(i))
        .collect::<Vec<_>>()
        .join(",")
}
