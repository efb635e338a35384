//! Storing a parsed flag value: pflag `FlagSet.set` and each value type's `Set`, into
//! [`DebugOptions`](crate::options::DebugOptions), the namespace or the recorded globals.

use crate::error::{go_quote, Code, Error};
use crate::options::Pair;

use super::csv::{parse_string_to_string, read_as_csv};
use super::flags::{FlagSpec, Kind, Scope};
use super::go_values::{check_go_duration, check_vmodule, parse_bool, parse_int32};
use super::parse::Accumulator;

/// Mirrors pflag `FlagSet.set`: store the value, wrapping a rejection as
/// `invalid argument "<value>" for "<-s, --name>" flag: <err>`.
pub(super) fn set_flag(spec: &FlagSpec, value: &str, acc: &mut Accumulator) -> Result<(), Error> {
    apply(spec, value, acc).map_err(|err| {
        let flag_name = match spec.short {
            Some(short) => format!("-{}, --{}", char::from(short), spec.name),
            None => format!("--{}", spec.name),
        };
        Error::new(
            Code::FlagInvalidArgument,
            format!(
                "invalid argument {} for {} flag: {err}",
                go_quote(value),
                go_quote(&flag_name)
            ),
        )
    })
}

/// Parses `value` by the flag's type and stores it; the error is the `Value.Set` error text.
fn apply(spec: &FlagSpec, value: &str, acc: &mut Accumulator) -> Result<(), String> {
    match spec.scope {
        Scope::Debug => apply_debug(spec, value, acc),
        Scope::Namespace => {
            acc.namespace = Some(value.to_string());
            Ok(())
        }
        Scope::Help => {
            acc.help = parse_bool(value)?;
            Ok(())
        }
        Scope::Global => apply_global(spec, value, acc),
    }
}

/// Validates a global flag's value by its type and records it.
fn apply_global(spec: &FlagSpec, value: &str, acc: &mut Accumulator) -> Result<(), String> {
    let recorded = match spec.kind {
        Kind::Bool => parse_bool(value)?.to_string(),
        Kind::Level => {
            parse_int32(value)?;
            value.to_string()
        }
        Kind::VModule => {
            check_vmodule(value)?;
            value.to_string()
        }
        Kind::Duration => {
            check_go_duration(value)?;
            value.to_string()
        }
        Kind::Str | Kind::StrArray | Kind::StrSlice | Kind::StrToStr => value.to_string(),
    };
    acc.globals.push(Pair {
        name: spec.name.to_string(),
        value: recorded,
    });
    Ok(())
}

/// Stores a `kubectl debug` flag into [`DebugOptions`](crate::options::DebugOptions).
fn apply_debug(spec: &FlagSpec, value: &str, acc: &mut Accumulator) -> Result<(), String> {
    let o = &mut acc.options;
    match spec.kind {
        Kind::Bool => {
            let b = parse_bool(value)?;
            match spec.name {
                "arguments-only" => o.arguments_only = b,
                "attach" => o.attach = Some(b),
                "replace" => o.replace = b,
                "keep-labels" => o.keep_labels = b,
                "keep-annotations" => o.keep_annotations = b,
                "keep-liveness" => o.keep_liveness = b,
                "keep-readiness" => o.keep_readiness = b,
                "keep-startup" => o.keep_startup = b,
                "keep-init-containers" => o.keep_init_containers = b,
                "stdin" => o.stdin = b,
                "quiet" => o.quiet = b,
                "same-node" => o.same_node = b,
                "share-processes" => o.share_processes = Some(b),
                "tty" => o.tty = b,
                _ => {}
            }
        }
        Kind::StrToStr => {
            let pairs = parse_string_to_string(value)?;
            let (list, changed) = match spec.name {
                "env" => (&mut o.env, &mut acc.env_changed),
                _ => (&mut o.set_image, &mut acc.set_image_changed),
            };
            merge_pairs(list, changed, pairs);
        }
        Kind::StrSlice => {
            let files = read_as_csv(value)?;
            if !acc.filename_changed {
                o.filename.clear();
                acc.filename_changed = true;
            }
            o.filename.extend(files);
        }
        Kind::Str | Kind::StrArray | Kind::Level | Kind::VModule | Kind::Duration => {
            let v = value.to_string();
            match spec.name {
                "container" => o.container = v,
                "copy-to" => o.copy_to = v,
                "image" => o.image = v,
                "image-pull-policy" => o.image_pull_policy = v,
                "target" => o.target = v,
                "profile" => o.profile = Some(v),
                "custom" => o.custom = v,
                _ => {}
            }
        }
    }
    Ok(())
}

/// Mirrors pflag `stringToStringValue.Set`'s storing: the first occurrence replaces the
/// default, later ones merge (a repeated key keeps its first position, like a Go map
/// assignment; kubectl's own order is random, spec §2.3). The pairs are appended here and
/// merged once when parsing ends ([`crate::options::dedupe_pairs`]), in linear time.
fn merge_pairs(list: &mut Vec<Pair>, changed: &mut bool, pairs: Vec<Pair>) {
    if !*changed {
        list.clear();
        *changed = true;
    }
    list.extend(pairs);
}
