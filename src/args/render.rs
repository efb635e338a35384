//! The reverse of parsing: the shortest `kubectl debug` argument list for some options.

use crate::options::{DebugOptions, Pair};

use super::flags::{debug_flags, Field};
use crate::go::csv::csv_field;

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

/// The flags of [`render_args`], in the flag table's order: `-n`, then `-i`/`-t` as one
/// cluster, then each flag that differs from its default (a `true` flag with a shorthand as
/// the shorthand, one `--flag=k=v` per pair, one `--filename` per file).
fn render_flags(o: &DebugOptions, namespace: Option<&str>) -> Vec<String> {
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
    for flag in debug_flags().filter(|f| !matches!(f.name, "stdin" | "tty")) {
        if !flag.field.is_set(o) {
            continue;
        }
        let name = flag.name;
        match flag.field {
            Field::None => {}
            Field::Bool(get, _) => match (get(o), flag.short) {
                (true, Some(short)) => out.push(format!("-{}", char::from(short))),
                (value, _) => out.push(bool_flag(name, value)),
            },
            Field::OptBool(get, _) => out.extend(get(o).map(|v| bool_flag(name, v))),
            Field::Str(get, _) => out.push(format!("--{name}={}", get(o))),
            Field::OptStr(get, _) => out.extend(get(o).map(|v| format!("--{name}={v}"))),
            Field::Pairs(get, _) => {
                let pairs = get(o);
                // One flag for all pairs when each is a plain word (nothing a shell or the
                // CSV reader would quote), else one flag per pair.
                let plain = pairs.iter().all(|p| {
                    let word = |s: &str| {
                        s.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"_@%+:./*-".contains(&b))
                    };
                    word(&p.name) && word(&p.value)
                });
                if plain {
                    out.push(format!("--{name}={}", render_pairs(pairs)));
                } else {
                    out.extend(
                        pairs
                            .iter()
                            .map(|p| format!("--{name}={}", render_pairs(std::slice::from_ref(p)))),
                    );
                }
            }
            Field::List(get, _) => out.extend(
                get(o)
                    .iter()
                    .map(|item| format!("--{name}={}", csv_field(item))),
            ),
        }
    }
    out
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
