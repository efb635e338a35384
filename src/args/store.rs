//! Storing a parsed flag value: pflag `FlagSet.set` and each value type's `Set`, into
//! [`DebugOptions`](crate::options::DebugOptions), the namespace or the recorded globals.

use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::options::{DebugOptions, Pair};

use super::csv::{parse_string_to_string, read_as_csv};
use super::flags::{Field, FlagSpec, Kind, Scope};
use super::go_values::{check_go_duration, check_vmodule};
use crate::go::strconv::{parse_bool, parse_int32};

/// Everything gathered while walking the arguments.
#[derive(Default)]
pub(super) struct Accumulator {
    pub(super) options: DebugOptions,
    pub(super) namespace: Option<String>,
    pub(super) globals: Vec<Pair>,
    pub(super) positionals: Vec<String>,
    /// pflag `ArgsLenAtDash`: how many positionals preceded `--`.
    pub(super) args_len_at_dash: Option<usize>,
    pub(super) help: bool,
    /// The list flags given so far (their first value replaces the default).
    pub(super) changed: Vec<&'static str>,
    /// Whether the `debug` command word is still to be dropped (cobra's command lookup).
    pub(super) expect_command_word: bool,
    /// Whether a leading `kubectl` was given (then `debug` must be the first positional).
    pub(super) saw_kubectl: bool,
}

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
        Kind::Str | Kind::StrArray | Kind::StrSlice | Kind::StrToStr | Kind::OptValue(_) => {
            value.to_string()
        }
    };
    acc.globals.push(Pair {
        name: spec.name.to_string(),
        value: recorded,
    });
    Ok(())
}

/// Stores a `kubectl debug` flag into its [`DebugOptions`](crate::options::DebugOptions)
/// field, parsed by the flag's type.
fn apply_debug(spec: &FlagSpec, value: &str, acc: &mut Accumulator) -> Result<(), String> {
    match spec.field {
        Field::None => {}
        Field::Bool(_, field) => *field(&mut acc.options) = parse_bool(value)?,
        Field::OptBool(_, field) => *field(&mut acc.options) = Some(parse_bool(value)?),
        Field::Str(_, field) => *field(&mut acc.options) = value.to_string(),
        Field::OptStr(_, field) => *field(&mut acc.options) = Some(value.to_string()),
        Field::Pairs(_, field) => {
            let pairs = parse_string_to_string(value)?;
            let first = acc.first_set(spec.name);
            merge_pairs(field(&mut acc.options), first, pairs);
        }
        Field::List(_, field) => {
            let items = read_as_csv(value)?;
            let first = acc.first_set(spec.name);
            let list = field(&mut acc.options);
            // pflag `stringSlice.Set`: the first value replaces the default, later ones append.
            if first {
                list.clear();
            }
            list.extend(items);
        }
    }
    Ok(())
}

/// Mirrors pflag `stringToStringValue.Set`'s storing: the first occurrence replaces the
/// default, later ones merge (a repeated key keeps its first position, like a Go map
/// assignment; kubectl's own order is random, spec §2.3). The pairs are appended here and
/// merged once when parsing ends ([`crate::options::dedupe_pairs`]), in linear time.
fn merge_pairs(list: &mut Vec<Pair>, first: bool, pairs: Vec<Pair>) {
    if first {
        list.clear();
    }
    list.extend(pairs);
}
