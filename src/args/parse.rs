//! The pflag walk over the arguments: long (`--name[=value]`), short and combined
//! shorthand (`-it`, `-cname`) flags, positionals, `--`, and cobra's command word.

use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::version::KubectlVersion;

use super::flags::{Field, FlagSet, Kind};
use super::store::{set_flag, Accumulator};
use super::ParsedArgs;

/// Mirrors `kubectl debug` flag parsing (cobra `Command.ParseFlags` with pflag) plus the
/// split of positionals at `--` in kubectl `DebugOptions.Complete`.
///
/// `argv` is what follows `kubectl debug`; a leading `kubectl` and/or `debug` is skipped as
/// cobra would. `custom_profile_env` is the value of `KUBECTL_DEBUG_CUSTOM_PROFILE`.
pub fn parse_args(
    argv: &[String],
    version: KubectlVersion,
    custom_profile_env: Option<&str>,
) -> Result<ParsedArgs, Error> {
    let set = FlagSet::new(version, custom_profile_env);
    let mut acc = Accumulator::default();
    let mut rest = argv.iter();
    let mut peek = rest.clone();
    if peek.next().is_some_and(|a| is_kubectl_word(a)) {
        rest.next();
        acc.saw_kubectl = true;
    }
    // Without `kubectl`, only a literal first `debug` is the command word.
    acc.expect_command_word = acc.saw_kubectl || rest.clone().next().is_some_and(|a| a == "debug");
    parse_flags(&set, &mut rest, &mut acc)?;
    if acc.help {
        // DIVERGENCE(kubectl): kubectl prints the help text and exits 0; there is
        // nothing to send, so the caller gets pflag's `ErrHelp` text instead.
        return Err(Error::new(Code::InvalidInput, "pflag: help requested"));
    }
    if acc.saw_kubectl && acc.expect_command_word {
        // DIVERGENCE(kubectl): kubectl prints its top-level help when given no command.
        return Err(Error::new(
            Code::InvalidInput,
            "no command given: expected \"kubectl debug …\"",
        ));
    }
    Ok(finish(acc))
}

impl Accumulator {
    /// Whether this is the first value of list flag `name` (and remember that it was set).
    pub(super) fn first_set(&mut self, name: &'static str) -> bool {
        let first = !self.changed.contains(&name);
        if first {
            self.changed.push(name);
        }
        first
    }
}

/// Whether `arg` is the kubectl program name (`kubectl`, `kubectl.exe`, or a path ending in
/// either), as a pasted command line starts.
fn is_kubectl_word(arg: &str) -> bool {
    let base = arg.rsplit(['/', '\\']).next().unwrap_or(arg);
    base == "kubectl" || base == "kubectl.exe"
}

/// Mirrors kubectl `Complete`'s use of `ArgsLenAtDash` (spec §2.1).
fn finish(mut acc: Accumulator) -> ParsedArgs {
    for flag in super::flags::debug_flags() {
        if let Field::Pairs(_, field) = flag.field {
            crate::options::dedupe_pairs(field(&mut acc.options));
        }
    }
    let positionals = std::mem::take(&mut acc.positionals);
    match acc.args_len_at_dash {
        Some(dash) if positionals.len() > dash => {
            let mut targets = positionals;
            let args = targets.split_off(dash);
            acc.options.targets = targets;
            acc.options.args = args;
        }
        _ => acc.options.targets = positionals,
    }
    ParsedArgs {
        options: acc.options,
        namespace: acc.namespace,
        globals: acc.globals,
    }
}

/// Mirrors pflag `FlagSet.parseArgs` (interspersed flags and positionals, `--` ends flags).
fn parse_flags(
    set: &FlagSet,
    rest: &mut std::slice::Iter<'_, String>,
    acc: &mut Accumulator,
) -> Result<(), Error> {
    while let Some(arg) = rest.next() {
        if arg == "--" {
            acc.args_len_at_dash = Some(acc.positionals.len());
            acc.positionals.extend(rest.by_ref().cloned());
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            parse_long(set, arg, long, rest, acc)?;
        } else if let Some(shorts) = arg.strip_prefix('-').filter(|s| !s.is_empty()) {
            parse_shorts(set, shorts, rest, acc)?;
        } else {
            push_positional(arg, acc)?;
        }
    }
    Ok(())
}

/// A non-flag argument: the `debug` command word (once), or a positional.
fn push_positional(arg: &str, acc: &mut Accumulator) -> Result<(), Error> {
    if acc.expect_command_word {
        acc.expect_command_word = false;
        if arg == "debug" {
            return Ok(());
        }
        if acc.saw_kubectl {
            return Err(Error::new(
                Code::InvalidInput,
                format!("unknown command {} for \"kubectl\"", go_quote(arg)),
            ));
        }
    }
    acc.positionals.push(arg.to_string());
    Ok(())
}

/// Mirrors pflag `FlagSet.parseLongArg`: `--name`, `--name=value`, `--name value`.
fn parse_long(
    set: &FlagSet,
    arg: &str,
    body: &str,
    rest: &mut std::slice::Iter<'_, String>,
    acc: &mut Accumulator,
) -> Result<(), Error> {
    if body.is_empty() || body.starts_with('-') || body.starts_with('=') {
        return Err(Error::new(
            Code::FlagUnknown,
            format!("bad flag syntax: {arg}"),
        ));
    }
    let (name, inline) = match body.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (body, None),
    };
    let Some(spec) = set.by_name(name) else {
        return Err(Error::new(
            Code::FlagUnknown,
            format!("unknown flag: --{name}"),
        ));
    };
    let no_value = match spec.kind {
        Kind::Bool => Some("true"),
        Kind::OptValue(v) => Some(v),
        _ => None,
    };
    let value = match (inline, no_value) {
        (Some(value), _) | (None, Some(value)) => value.to_string(),
        (None, None) => match rest.next() {
            Some(value) => value.clone(),
            None => {
                return Err(Error::new(
                    Code::FlagNeedsArgument,
                    format!("flag needs an argument: {arg}"),
                ))
            }
        },
    };
    set_flag(spec, &value, acc)
}

/// Mirrors pflag `FlagSet.parseShortArg` / `parseSingleShortArg`: a group of shorthand
/// letters (`-it`), where a value-taking letter takes the rest of the group (`-cname`,
/// `-c=name`) or, when last, the next argument.
fn parse_shorts(
    set: &FlagSet,
    shorts: &str,
    rest: &mut std::slice::Iter<'_, String>,
    acc: &mut Accumulator,
) -> Result<(), Error> {
    let mut remaining = shorts;
    while let Some(&c) = remaining.as_bytes().first() {
        let Some(spec) = set.by_short(c) else {
            return Err(Error::new(
                Code::FlagUnknown,
                format!(
                    "unknown shorthand flag: {} in -{remaining}",
                    crate::go::quote::go_quote_rune(c)
                ),
            ));
        };
        // Shorthands are ASCII, so byte 1 is a char boundary.
        let after = remaining.get(1..).unwrap_or("");
        let value = if let Some(value) = after.strip_prefix('=').filter(|v| !v.is_empty()) {
            remaining = "";
            value.to_string()
        } else if spec.kind == Kind::Bool {
            remaining = after;
            "true".to_string()
        } else if !after.is_empty() {
            remaining = "";
            after.to_string()
        } else if let Some(next) = rest.next() {
            remaining = "";
            next.clone()
        } else {
            return Err(Error::new(
                Code::FlagNeedsArgument,
                format!(
                    "flag needs an argument: {} in -{remaining}",
                    crate::go::quote::go_quote_rune(c)
                ),
            ));
        };
        set_flag(spec, &value, acc)?;
    }
    Ok(())
}
