//! kubectl command lines → [`DebugOptions`], following cobra and pflag exactly.
//!
//! kubectl hands `kubectl debug`'s arguments to a pflag `FlagSet` holding the debug
//! command's local flags plus kubectl's global (persistent) flags. This module reproduces
//! that parse: the flag table per version, pflag's long/short/combined syntax, its value
//! types (`bool`, `string`, `stringSlice`, `stringArray`, `stringToString`, klog's level
//! and vmodule, Go durations) and its error texts, then kubectl's split of the positional
//! arguments at `--` (spec §1.2, §2.1, §2.3).
//!
//! The reverse direction, [`render_args`], writes the shortest equivalent argument list, and
//! [`split_command_line`] turns a pasted shell command line into words.

use serde::{Deserialize, Serialize};

use crate::error::{go_quote, Code, Error};
use crate::options::{upsert_pair, DebugOptions, Pair};
use crate::version::KubectlVersion;

/// The result of parsing a `kubectl debug` command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParsedArgs {
    /// The debug command's options, positional targets and `--` command.
    pub options: DebugOptions,
    /// `-n/--namespace` if given (kubectl global flag).
    pub namespace: Option<String>,
    /// Other kubectl global flags given, in order, e.g. `{name:"kubeconfig", value:"/x"}`,
    /// `{name:"context", value:"c"}` (names without dashes).
    pub globals: Vec<Pair>,
}

/// How a flag's value is parsed (the pflag `Value` type behind it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// pflag `bool`: no value needed (`true`), `--flag=value` parsed by `strconv.ParseBool`.
    Bool,
    /// pflag `string`.
    Str,
    /// pflag `stringSlice`: each value is one CSV record, appended.
    StrSlice,
    /// pflag `stringArray`: each value appended verbatim.
    StrArray,
    /// pflag `stringToString`: `k=v` pairs (spec §2.3).
    StrToStr,
    /// klog `Level` (`-v`): `strconv.ParseInt(value, 10, 32)`.
    Level,
    /// klog `moduleSpec` (`--vmodule`): `pattern=N,...`.
    VModule,
    /// Go `flag.Duration` bridged into pflag (`--log-flush-frequency`).
    Duration,
}

/// In which versions (and under which environment) a flag is registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Every version 1.27+.
    Always,
    /// 1.31+ (the `--keep-*` flags).
    Since31,
    /// `--custom`: see [`custom_flag_enabled`].
    Custom,
}

/// Where a parsed value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A `kubectl debug` flag (a [`DebugOptions`] field).
    Debug,
    /// `-n/--namespace`.
    Namespace,
    /// Another kubectl global flag (recorded in [`ParsedArgs::globals`]).
    Global,
    /// Cobra's `-h/--help`.
    Help,
}

/// One registered flag.
#[derive(Debug, Clone, Copy)]
struct FlagSpec {
    name: &'static str,
    short: Option<u8>,
    kind: Kind,
    scope: Scope,
    gate: Gate,
}

const fn flag(name: &'static str, short: Option<u8>, kind: Kind, scope: Scope) -> FlagSpec {
    FlagSpec {
        name,
        short,
        kind,
        scope,
        gate: Gate::Always,
    }
}

const fn debug_flag(name: &'static str, short: Option<u8>, kind: Kind, gate: Gate) -> FlagSpec {
    FlagSpec {
        name,
        short,
        kind,
        scope: Scope::Debug,
        gate,
    }
}

/// Every flag `kubectl debug` parses: its local flags (kubectl `addDebugFlags`), cobra's
/// help flag and kubectl's global flags (`kubectl options`). kubectl's global `--profile`
/// (pprof) is shadowed by the local `--profile`, so it is not listed.
const FLAGS: &[FlagSpec] = &[
    debug_flag("filename", Some(b'f'), Kind::StrSlice, Gate::Always),
    debug_flag("arguments-only", None, Kind::Bool, Gate::Always),
    debug_flag("attach", None, Kind::Bool, Gate::Always),
    debug_flag("container", Some(b'c'), Kind::Str, Gate::Always),
    debug_flag("copy-to", None, Kind::Str, Gate::Always),
    debug_flag("replace", None, Kind::Bool, Gate::Always),
    debug_flag("env", None, Kind::StrToStr, Gate::Always),
    debug_flag("image", None, Kind::Str, Gate::Always),
    debug_flag("keep-labels", None, Kind::Bool, Gate::Since31),
    debug_flag("keep-annotations", None, Kind::Bool, Gate::Since31),
    debug_flag("keep-liveness", None, Kind::Bool, Gate::Since31),
    debug_flag("keep-readiness", None, Kind::Bool, Gate::Since31),
    debug_flag("keep-startup", None, Kind::Bool, Gate::Since31),
    debug_flag("keep-init-containers", None, Kind::Bool, Gate::Since31),
    debug_flag("set-image", None, Kind::StrToStr, Gate::Always),
    debug_flag("image-pull-policy", None, Kind::Str, Gate::Always),
    debug_flag("stdin", Some(b'i'), Kind::Bool, Gate::Always),
    debug_flag("quiet", Some(b'q'), Kind::Bool, Gate::Always),
    debug_flag("same-node", None, Kind::Bool, Gate::Always),
    debug_flag("share-processes", None, Kind::Bool, Gate::Always),
    debug_flag("target", None, Kind::Str, Gate::Always),
    debug_flag("tty", Some(b't'), Kind::Bool, Gate::Always),
    debug_flag("profile", None, Kind::Str, Gate::Always),
    debug_flag("custom", None, Kind::Str, Gate::Custom),
    flag("help", Some(b'h'), Kind::Bool, Scope::Help),
    flag("namespace", Some(b'n'), Kind::Str, Scope::Namespace),
    flag("as", None, Kind::Str, Scope::Global),
    flag("as-group", None, Kind::StrArray, Scope::Global),
    flag("as-uid", None, Kind::Str, Scope::Global),
    flag("cache-dir", None, Kind::Str, Scope::Global),
    flag("certificate-authority", None, Kind::Str, Scope::Global),
    flag("client-certificate", None, Kind::Str, Scope::Global),
    flag("client-key", None, Kind::Str, Scope::Global),
    flag("cluster", None, Kind::Str, Scope::Global),
    flag("context", None, Kind::Str, Scope::Global),
    flag("disable-compression", None, Kind::Bool, Scope::Global),
    flag("insecure-skip-tls-verify", None, Kind::Bool, Scope::Global),
    flag("kubeconfig", None, Kind::Str, Scope::Global),
    flag("log-flush-frequency", None, Kind::Duration, Scope::Global),
    flag("match-server-version", None, Kind::Bool, Scope::Global),
    flag("password", None, Kind::Str, Scope::Global),
    flag("profile-output", None, Kind::Str, Scope::Global),
    flag("request-timeout", None, Kind::Str, Scope::Global),
    flag("server", Some(b's'), Kind::Str, Scope::Global),
    flag("tls-server-name", None, Kind::Str, Scope::Global),
    flag("token", None, Kind::Str, Scope::Global),
    flag("user", None, Kind::Str, Scope::Global),
    flag("username", None, Kind::Str, Scope::Global),
    flag("v", Some(b'v'), Kind::Level, Scope::Global),
    flag("vmodule", None, Kind::VModule, Scope::Global),
    flag("warnings-as-errors", None, Kind::Bool, Scope::Global),
];

/// Mirrors kubectl's `--custom` registration gate (`cmdutil.DebugCustomProfile`): 1.30 only
/// when `KUBECTL_DEBUG_CUSTOM_PROFILE` is `true`, 1.31 unless it is `false` (both compared
/// case-insensitively, untrimmed), always from 1.32.
pub fn custom_flag_enabled(version: KubectlVersion, custom_profile_env: Option<&str>) -> bool {
    let env = custom_profile_env.unwrap_or("");
    match version.minor() {
        ..=29 => false,
        30 => env.eq_ignore_ascii_case("true"),
        31 => !env.eq_ignore_ascii_case("false"),
        _ => true,
    }
}

/// The flags registered for `version`, as kubectl builds its `FlagSet`.
struct FlagSet {
    flags: Vec<&'static FlagSpec>,
}

impl FlagSet {
    fn new(version: KubectlVersion, custom_profile_env: Option<&str>) -> FlagSet {
        let custom = custom_flag_enabled(version, custom_profile_env);
        let flags = FLAGS
            .iter()
            .filter(|f| match f.gate {
                Gate::Always => true,
                Gate::Since31 => version.at_least(31),
                Gate::Custom => custom,
            })
            .collect();
        FlagSet { flags }
    }

    /// Mirrors pflag `FlagSet.formal` lookup through kubectl's `WordSepNormalizeFunc`
    /// (`_` in a flag name reads as `-`).
    fn by_name(&self, name: &str) -> Option<&'static FlagSpec> {
        let normalized = name.replace('_', "-");
        self.flags.iter().copied().find(|f| f.name == normalized)
    }

    fn by_short(&self, short: u8) -> Option<&'static FlagSpec> {
        self.flags.iter().copied().find(|f| f.short == Some(short))
    }
}

/// Everything gathered while walking the arguments.
#[derive(Default)]
struct Accumulator {
    options: DebugOptions,
    namespace: Option<String>,
    globals: Vec<Pair>,
    positionals: Vec<String>,
    /// pflag `ArgsLenAtDash`: how many positionals preceded `--`.
    args_len_at_dash: Option<usize>,
    help: bool,
    env_changed: bool,
    set_image_changed: bool,
    filename_changed: bool,
    /// Whether the `debug` command word is still to be dropped (cobra's command lookup).
    expect_command_word: bool,
    /// Whether a leading `kubectl` was given (then `debug` must be the first positional).
    saw_kubectl: bool,
}

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

/// Whether `arg` is the kubectl program name (`kubectl` or a path ending in `/kubectl`).
fn is_kubectl_word(arg: &str) -> bool {
    arg == "kubectl" || arg.ends_with("/kubectl")
}

/// Mirrors kubectl `Complete`'s use of `ArgsLenAtDash` (spec §2.1).
fn finish(mut acc: Accumulator) -> ParsedArgs {
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
    let value = match inline {
        Some(value) => value.to_string(),
        None if spec.kind == Kind::Bool => "true".to_string(),
        None => match rest.next() {
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
                    go_quote_byte(c)
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
                    go_quote_byte(c)
                ),
            ));
        };
        set_flag(spec, &value, acc)?;
    }
    Ok(())
}

/// Go's `%q` of a single byte (pflag formats the shorthand letter this way): the byte read
/// as a code point, quoted like `strconv.QuoteRune`.
fn go_quote_byte(b: u8) -> String {
    let c = char::from(b);
    match c {
        '\'' => "'\\''".to_string(),
        '\\' => "'\\\\'".to_string(),
        '\u{7}' => "'\\a'".to_string(),
        '\u{8}' => "'\\b'".to_string(),
        '\u{c}' => "'\\f'".to_string(),
        '\n' => "'\\n'".to_string(),
        '\r' => "'\\r'".to_string(),
        '\t' => "'\\t'".to_string(),
        '\u{b}' => "'\\v'".to_string(),
        _ if b < 0x20 || b == 0x7f => format!("'\\x{b:02x}'"),
        _ if (0x80..0xa1).contains(&b) || b == 0xad => format!("'\\u{b:04x}'"),
        _ => format!("'{c}'"),
    }
}

/// Mirrors pflag `FlagSet.set`: store the value, wrapping a rejection as
/// `invalid argument "<value>" for "<-s, --name>" flag: <err>`.
fn set_flag(spec: &FlagSpec, value: &str, acc: &mut Accumulator) -> Result<(), Error> {
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

/// Stores a `kubectl debug` flag into [`DebugOptions`].
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
/// assignment; kubectl's own order is random, spec §2.3).
fn merge_pairs(list: &mut Vec<Pair>, changed: &mut bool, pairs: Vec<Pair>) {
    if !*changed {
        list.clear();
        *changed = true;
    }
    for pair in pairs {
        upsert_pair(list, pair.name, pair.value);
    }
}

/// Mirrors pflag `stringToStringValue.Set`'s parsing (spec §2.3): no `=` is an error, one
/// `=` is a single pair with surrounding `"` trimmed, more are one CSV record.
fn parse_string_to_string(value: &str) -> Result<Vec<Pair>, String> {
    let items = match value.matches('=').count() {
        0 => return Err(format!("{value} must be formatted as key=value")),
        1 => vec![value.trim_matches('"').to_string()],
        _ => csv_read_record(value)?,
    };
    let mut pairs: Vec<Pair> = Vec::with_capacity(items.len());
    for item in items {
        let Some((name, v)) = item.split_once('=') else {
            return Err(format!("{item} must be formatted as key=value"));
        };
        // One occurrence is a Go map: a repeated key keeps the last value.
        upsert_pair(&mut pairs, name.to_string(), v.to_string());
    }
    Ok(pairs)
}

/// Mirrors pflag `readAsCSV` (used by `stringSlice`): empty is no items, else one CSV record.
fn read_as_csv(value: &str) -> Result<Vec<String>, String> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    csv_read_record(value)
}

/// Mirrors Go `strconv.ParseBool`.
fn parse_bool(value: &str) -> Result<bool, String> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(format!(
            "strconv.ParseBool: parsing {}: invalid syntax",
            go_quote(value)
        )),
    }
}

/// Mirrors Go `strconv.ParseInt(value, 10, 32)` (klog's `Level.Set`).
fn parse_int32(value: &str) -> Result<i32, String> {
    let syntax = || {
        format!(
            "strconv.ParseInt: parsing {}: invalid syntax",
            go_quote(value)
        )
    };
    let range = || {
        format!(
            "strconv.ParseInt: parsing {}: value out of range",
            go_quote(value)
        )
    };
    let (negative, digits) = match value.as_bytes().first() {
        Some(b'-') => (true, value.get(1..).unwrap_or("")),
        Some(b'+') => (false, value.get(1..).unwrap_or("")),
        _ => (false, value),
    };
    if digits.is_empty() {
        return Err(syntax());
    }
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return Err(syntax());
        }
        n = n * 10 + u64::from(b - b'0');
        if n > u64::from(u32::MAX) {
            // ParseUint stops at the first overflow, before later syntax errors.
            return Err(range());
        }
    }
    let signed = if negative { -(n as i64) } else { n as i64 };
    i32::try_from(signed).map_err(|_| range())
}

/// Mirrors klog `moduleSpec.Set` (`--vmodule`): comma-separated `pattern=N`, N ≥ 0.
fn check_vmodule(value: &str) -> Result<(), String> {
    const SYNTAX: &str = "syntax error: expect comma-separated list of filename=N";
    for pattern in value.split(',').filter(|p| !p.is_empty()) {
        let parts: Vec<&str> = pattern.split('=').collect();
        let [name, level] = parts.as_slice() else {
            return Err(SYNTAX.to_string());
        };
        if name.is_empty() || level.is_empty() {
            return Err(SYNTAX.to_string());
        }
        match parse_int32(level) {
            Err(_) => return Err(SYNTAX.to_string()),
            Ok(n) if n < 0 => return Err("negative value for vmodule level".to_string()),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Mirrors Go `flag.durationValue.Set`: `time.ParseDuration`, any failure reported as
/// `parse error`.
fn check_go_duration(value: &str) -> Result<(), String> {
    go_duration_nanos(value)
        .map(|_| ())
        .ok_or_else(|| "parse error".to_string())
}

/// Mirrors Go `time.ParseDuration`'s acceptance: `[-+]?([0-9]*(\.[0-9]*)?unit)+` or `0`,
/// within ±2^63 ns. Returns the magnitude in nanoseconds.
fn go_duration_nanos(value: &str) -> Option<u64> {
    const LIMIT: u64 = 1 << 63;
    let (negative, mut s) = match value.as_bytes().first() {
        Some(b'-') => (true, value.get(1..)?),
        Some(b'+') => (false, value.get(1..)?),
        _ => (false, value),
    };
    if s == "0" {
        return Some(0);
    }
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        let (int_part, after_int) = split_leading(s, |b| b.is_ascii_digit());
        let (frac_part, after_frac) = match after_int.strip_prefix('.') {
            Some(after_dot) => split_leading(after_dot, |b| b.is_ascii_digit()),
            None => ("", after_int),
        };
        let has_dot = after_int.starts_with('.');
        if int_part.is_empty() && (!has_dot || frac_part.is_empty()) {
            return None;
        }
        let (unit, after_unit) = split_leading(after_frac, |b| b != b'.' && !b.is_ascii_digit());
        let unit_nanos = go_duration_unit(unit)?;
        let whole = leading_int(int_part)?;
        let mut v = whole.checked_mul(unit_nanos).filter(|v| *v <= LIMIT)?;
        v = v.checked_add(fraction_nanos(frac_part, unit_nanos))?;
        if v > LIMIT {
            return None;
        }
        total = total.checked_add(v).filter(|t| *t <= LIMIT)?;
        s = after_unit;
    }
    if !negative && total > LIMIT - 1 {
        return None;
    }
    Some(total)
}

/// Splits `s` after its longest prefix of bytes satisfying `pred` (ASCII-only predicates
/// and stops at ASCII bytes, so the split is on a char boundary).
fn split_leading(s: &str, pred: impl Fn(u8) -> bool) -> (&str, &str) {
    let n = s.bytes().take_while(|b| pred(*b)).count();
    match (s.get(..n), s.get(n..)) {
        (Some(a), Some(b)) => (a, b),
        _ => ("", s),
    }
}

/// Go `time.leadingInt`: the integer value, `None` on overflow past 2^63.
fn leading_int(digits: &str) -> Option<u64> {
    let mut x: u64 = 0;
    for b in digits.bytes() {
        if x > (1u64 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(b - b'0');
        if x > 1 << 63 {
            return None;
        }
    }
    Some(x)
}

/// Go `time.leadingFraction` scaled by the unit (`float64(f) * (float64(unit) / scale)`).
fn fraction_nanos(digits: &str, unit_nanos: u64) -> u64 {
    let mut f: u64 = 0;
    let mut scale = 1.0_f64;
    let mut overflow = false;
    for b in digits.bytes() {
        if overflow {
            continue;
        }
        if f > ((1u64 << 63) - 1) / 10 {
            overflow = true;
            continue;
        }
        let y = f * 10 + u64::from(b - b'0');
        if y > 1 << 63 {
            overflow = true;
            continue;
        }
        f = y;
        scale *= 10.0;
    }
    if f == 0 {
        return 0;
    }
    // Go converts the float back to uint64 the same truncating way.
    (f as f64 * (unit_nanos as f64 / scale)) as u64
}

/// Go `time.unitMap`.
fn go_duration_unit(unit: &str) -> Option<u64> {
    match unit {
        "ns" => Some(1),
        "us" | "µs" | "μs" => Some(1_000),
        "ms" => Some(1_000_000),
        "s" => Some(1_000_000_000),
        "m" => Some(60_000_000_000),
        "h" => Some(3_600_000_000_000),
        _ => None,
    }
}

/// The line reader of Go `encoding/csv.Reader.readLine`: lines keep their `\n`, `\r\n` reads
/// as `\n`, a final unterminated line loses a trailing `\r`; every read counts a line.
struct CsvLines<'a> {
    rest: &'a str,
    num_line: usize,
}

impl<'a> CsvLines<'a> {
    fn read_line(&mut self) -> Option<String> {
        self.num_line += 1;
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match self.rest.find('\n') {
            Some(i) => (self.rest.get(..=i), self.rest.get(i + 1..)),
            None => (Some(self.rest), Some("")),
        };
        self.rest = rest.unwrap_or("");
        let mut line = line.unwrap_or("").to_string();
        if line.ends_with("\r\n") {
            line.truncate(line.len() - 2);
            line.push('\n');
        } else if !line.ends_with('\n') && line.ends_with('\r') {
            line.pop();
        }
        Some(line)
    }
}

/// Go `encoding/csv.ParseError` text.
fn csv_error(start_line: usize, line: usize, column: usize, err: &str) -> String {
    if start_line == line {
        format!("parse error on line {line}, column {column}: {err}")
    } else {
        format!("record on line {start_line}; parse error on line {line}, column {column}: {err}")
    }
}

const CSV_BARE_QUOTE: &str = "bare \" in non-quoted-field";
const CSV_QUOTE: &str = "extraneous or missing \" in quoted-field";

/// Mirrors Go `encoding/csv.Reader.Read` with default settings (comma `,`, strict quotes):
/// the first record of `input`, skipping empty lines; `EOF` when there is none.
fn csv_read_record(input: &str) -> Result<Vec<String>, String> {
    let mut lines = CsvLines {
        rest: input,
        num_line: 0,
    };
    let first = loop {
        match lines.read_line() {
            None => return Err("EOF".to_string()),
            Some(line) if line.is_empty() || line == "\n" => continue,
            Some(line) => break line,
        }
    };
    let start_line = lines.num_line;
    let mut fields = Vec::new();
    let mut line: &str = &first;
    let mut owned_next: String;
    let mut col = 1usize;
    loop {
        if !line.starts_with('"') {
            // Non-quoted field: up to the next comma or the end of the line.
            let comma = line.find(',');
            let field = match comma {
                Some(i) => line.get(..i).unwrap_or(""),
                None => line.strip_suffix('\n').unwrap_or(line),
            };
            if let Some(j) = field.find('"') {
                return Err(csv_error(
                    start_line,
                    lines.num_line,
                    col + j,
                    CSV_BARE_QUOTE,
                ));
            }
            fields.push(field.to_string());
            match comma {
                Some(i) => {
                    line = line.get(i + 1..).unwrap_or("");
                    col += i + 1;
                    continue;
                }
                None => return Ok(fields),
            }
        }
        // Quoted field, possibly spanning lines.
        let mut field = String::new();
        let mut pos_line = lines.num_line;
        line = line.get(1..).unwrap_or("");
        col += 1;
        loop {
            if let Some(i) = line.find('"') {
                field.push_str(line.get(..i).unwrap_or(""));
                line = line.get(i + 1..).unwrap_or("");
                col += i + 1;
                if let Some(after) = line.strip_prefix('"') {
                    field.push('"');
                    line = after;
                    col += 1;
                } else if let Some(after) = line.strip_prefix(',') {
                    fields.push(std::mem::take(&mut field));
                    line = after;
                    col += 1;
                    break;
                } else if line.is_empty() || line == "\n" {
                    fields.push(field);
                    return Ok(fields);
                } else {
                    return Err(csv_error(start_line, lines.num_line, col - 1, CSV_QUOTE));
                }
            } else if !line.is_empty() {
                field.push_str(line);
                col += line.len();
                owned_next = lines.read_line().unwrap_or_default();
                line = &owned_next;
                if !line.is_empty() {
                    pos_line += 1;
                    col = 1;
                }
            } else {
                return Err(csv_error(start_line, pos_line, col, CSV_QUOTE));
            }
        }
    }
}

/// The shortest equivalent `kubectl debug` argument list for `options` (what follows
/// `kubectl debug`): targets, then flags in a stable order, then `--` and the command.
/// [`parse_args`] of the result gives back `options` and `namespace`.
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

/// One CSV field as Go `encoding/csv` reads it back: quoted when it holds a comma, a quote,
/// a line break, or is empty.
// DIVERGENCE(kubectl): Go's CSV reader turns `\r\n` into `\n` even inside quotes, so a
// value containing `\r\n` cannot be written for a CSV-parsed flag and reads back changed.
fn csv_field(field: &str) -> String {
    let needs_quotes = field.is_empty() || field.contains([',', '"', '\n', '\r']);
    if needs_quotes {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Splits a pasted command line into words like a POSIX shell (without expansions):
/// whitespace separates words; `'…'` is literal; `"…"` allows `\` before `$`, `` ` ``,
/// `"`, `\` and newline; `\` outside quotes escapes the next character; `\` + newline
/// joins lines; an unquoted `#` at the start of a word starts a comment.
// DIVERGENCE(kubectl): no variable, command, glob or tilde expansion, and operators such as
// `|` or `;` are ordinary characters.
pub fn split_command_line(line: &str) -> Result<Vec<String>, Error> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '#' if !in_word => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            '\'' => {
                in_word = true;
                read_single_quoted(&mut chars, &mut word)?;
            }
            '"' => {
                in_word = true;
                read_double_quoted(&mut chars, &mut word)?;
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(escaped) => {
                    in_word = true;
                    word.push(escaped);
                }
                None => return Err(shell_error("a trailing backslash escapes nothing")),
            },
            other => {
                in_word = true;
                word.push(other);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

fn shell_error(what: &str) -> Error {
    Error::new(
        Code::InvalidInput,
        format!("cannot split the command line: {what}"),
    )
}

/// The rest of a `'…'` string (after the opening quote).
fn read_single_quoted(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    word: &mut String,
) -> Result<(), Error> {
    for c in chars.by_ref() {
        if c == '\'' {
            return Ok(());
        }
        word.push(c);
    }
    Err(shell_error("unterminated single quote"))
}

/// The rest of a `"…"` string (after the opening quote).
fn read_double_quoted(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    word: &mut String,
) -> Result<(), Error> {
    while let Some(c) = chars.next() {
        match c {
            '"' => return Ok(()),
            '\\' => match chars.peek().copied() {
                Some('\n') => {
                    chars.next();
                }
                Some(e @ ('$' | '`' | '"' | '\\')) => {
                    chars.next();
                    word.push(e);
                }
                _ => word.push('\\'),
            },
            other => word.push(other),
        }
    }
    Err(shell_error("unterminated double quote"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u8) -> KubectlVersion {
        KubectlVersion::new(minor).unwrap_or_default()
    }

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<Pair> {
        list.iter()
            .map(|(n, v)| Pair {
                name: n.to_string(),
                value: v.to_string(),
            })
            .collect()
    }

    fn parse(line: &str) -> Result<ParsedArgs, Error> {
        parse_args(&words(line), v(33), None)
    }

    fn parse_ok(minor: u8, argv: &[&str]) -> ParsedArgs {
        match parse_args(&strings(argv), v(minor), None) {
            Ok(parsed) => parsed,
            Err(err) => {
                assert_eq!(Some(err.message()), None, "1.{minor} {argv:?}");
                ParsedArgs {
                    options: DebugOptions::default(),
                    namespace: None,
                    globals: Vec::new(),
                }
            }
        }
    }

    fn parse_err(minor: u8, env: Option<&str>, argv: &[&str]) -> (Code, String) {
        match parse_args(&strings(argv), v(minor), env) {
            Ok(parsed) => (Code::Api, format!("unexpectedly parsed: {parsed:?}")),
            Err(err) => (err.code(), err.message().to_string()),
        }
    }

    /// Builds expected options from the defaults.
    fn opts(edit: impl FnOnce(&mut DebugOptions)) -> DebugOptions {
        let mut o = DebugOptions::default();
        edit(&mut o);
        o
    }

    #[test]
    fn the_spec_11_5_complete_and_validate_command_lines_parse_as_kubectl_parses_them() {
        let cases: Vec<(&str, &str, DebugOptions)> = vec![
            ("no targets", "--image=image", opts(|o| o.image = "image".into())),
            (
                "invalid image name is left for Validate",
                "--image=image:label@deadbeef mypod",
                opts(|o| {
                    o.image = "image:label@deadbeef".into();
                    o.targets = strings(&["mypod"]);
                }),
            ),
            (
                "invalid pull policy is left for Validate",
                "--image=image --image-pull-policy=whenever-you-feel-like-it",
                opts(|o| {
                    o.image = "image".into();
                    o.image_pull_policy = "whenever-you-feel-like-it".into();
                }),
            ),
            (
                "tty without stdin",
                "--image=image --tty",
                opts(|o| {
                    o.image = "image".into();
                    o.tty = true;
                }),
            ),
            (
                "set image pull policy",
                "--image=busybox --image-pull-policy=Always mypod",
                opts(|o| {
                    o.image = "busybox".into();
                    o.image_pull_policy = "Always".into();
                    o.targets = strings(&["mypod"]);
                }),
            ),
            (
                "multiple targets",
                "--image=busybox mypod1 mypod2",
                opts(|o| {
                    o.image = "busybox".into();
                    o.targets = strings(&["mypod1", "mypod2"]);
                }),
            ),
            (
                "arguments with dash",
                "--image=busybox mypod1 mypod2 -- echo 1 2",
                opts(|o| {
                    o.image = "busybox".into();
                    o.targets = strings(&["mypod1", "mypod2"]);
                    o.args = strings(&["echo", "1", "2"]);
                }),
            ),
            (
                "interactive no attach",
                "-ti --image=busybox --attach=false mypod",
                opts(|o| {
                    o.stdin = true;
                    o.tty = true;
                    o.attach = Some(false);
                    o.image = "busybox".into();
                    o.targets = strings(&["mypod"]);
                }),
            ),
            (
                "set environment variables",
                "--image=busybox --env=FOO=BAR mypod",
                opts(|o| {
                    o.image = "busybox".into();
                    o.env = pairs(&[("FOO", "BAR")]);
                    o.targets = strings(&["mypod"]);
                }),
            ),
            (
                "ephemeral container: interactive session minimal args",
                "mypod -it --image=busybox",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.stdin = true;
                    o.tty = true;
                    o.image = "busybox".into();
                }),
            ),
            (
                "ephemeral container: non-interactive debugger with image and name",
                "--image=myproj/debug-tools --image-pull-policy=Always -c debugger mypod",
                opts(|o| {
                    o.image = "myproj/debug-tools".into();
                    o.image_pull_policy = "Always".into();
                    o.container = "debugger".into();
                    o.targets = strings(&["mypod"]);
                }),
            ),
            ("ephemeral container: no image specified", "mypod", opts(|o| o.targets = strings(&["mypod"]))),
            (
                "ephemeral container: no image but args",
                "mypod -- echo 1 2",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.args = strings(&["echo", "1", "2"]);
                }),
            ),
            (
                "ephemeral container: replace not allowed",
                "--replace --image=busybox mypod",
                opts(|o| {
                    o.replace = true;
                    o.image = "busybox".into();
                    o.targets = strings(&["mypod"]);
                }),
            ),
            (
                "ephemeral container: same-node not allowed",
                "--same-node --image=busybox mypod",
                opts(|o| {
                    o.same_node = true;
                    o.image = "busybox".into();
                    o.targets = strings(&["mypod"]);
                }),
            ),
            (
                "ephemeral container: incompatible with --set-image",
                "--set-image=*=busybox mypod",
                opts(|o| {
                    o.set_image = pairs(&[("*", "busybox")]);
                    o.targets = strings(&["mypod"]);
                }),
            ),
            (
                "pod copy: interactive debug container minimal args",
                "mypod -it --image=busybox --copy-to=my-debugger",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.stdin = true;
                    o.tty = true;
                    o.image = "busybox".into();
                    o.copy_to = "my-debugger".into();
                }),
            ),
            (
                "pod copy: non-interactive with debug container, image name and command",
                "mypod --image=busybox --container=my-container --copy-to=my-debugger -- sleep 1d",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.image = "busybox".into();
                    o.container = "my-container".into();
                    o.copy_to = "my-debugger".into();
                    o.args = strings(&["sleep", "1d"]);
                }),
            ),
            (
                "pod copy: explicit attach",
                "mypod --image=busybox --copy-to=my-debugger --attach -- sleep 1d",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.image = "busybox".into();
                    o.copy_to = "my-debugger".into();
                    o.attach = Some(true);
                    o.args = strings(&["sleep", "1d"]);
                }),
            ),
            (
                "pod copy: replace single image of existing container",
                "mypod --image=busybox --container=my-container --copy-to=my-debugger",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.image = "busybox".into();
                    o.container = "my-container".into();
                    o.copy_to = "my-debugger".into();
                }),
            ),
            (
                "pod copy: mutate existing container images",
                "mypod --set-image=*=busybox,app=app-debugger --copy-to=my-debugger",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.set_image = pairs(&[("*", "busybox"), ("app", "app-debugger")]);
                    o.copy_to = "my-debugger".into();
                }),
            ),
            (
                "pod copy: add container and also mutate images",
                "mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.stdin = true;
                    o.tty = true;
                    o.copy_to = "my-debugger".into();
                    o.image = "debian".into();
                    o.set_image = pairs(&[("app", "app:debug"), ("sidecar", "sidecar:debug")]);
                }),
            ),
            (
                "pod copy: change command",
                "mypod -it --copy-to=my-debugger --container=mycontainer -- sh",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.stdin = true;
                    o.tty = true;
                    o.copy_to = "my-debugger".into();
                    o.container = "mycontainer".into();
                    o.args = strings(&["sh"]);
                }),
            ),
            (
                "pod copy: change keep options from defaults",
                "mypod -it --image=busybox --copy-to=my-debugger --keep-labels=true --keep-annotations=true --keep-liveness=true --keep-readiness=true --keep-startup=true --keep-init-containers=false",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.stdin = true;
                    o.tty = true;
                    o.image = "busybox".into();
                    o.copy_to = "my-debugger".into();
                    o.keep_labels = true;
                    o.keep_annotations = true;
                    o.keep_liveness = true;
                    o.keep_readiness = true;
                    o.keep_startup = true;
                    o.keep_init_containers = false;
                }),
            ),
            (
                "pod copy: --target swallows the next flag as its value",
                "mypod --target --image=busybox --copy-to=my-debugger",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.target = "--image=busybox".into();
                    o.copy_to = "my-debugger".into();
                }),
            ),
            (
                "pod copy: invalid --set-image is left for Validate",
                "mypod --set-image=*=SUPERGOODIMAGE#1!!!! --copy-to=my-debugger",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.set_image = pairs(&[("*", "SUPERGOODIMAGE#1!!!!")]);
                    o.copy_to = "my-debugger".into();
                }),
            ),
            (
                "pod copy: attach without a container",
                "mypod --set-image=*=busybox --copy-to=my-debugger --attach",
                opts(|o| {
                    o.targets = strings(&["mypod"]);
                    o.set_image = pairs(&[("*", "busybox")]);
                    o.copy_to = "my-debugger".into();
                    o.attach = Some(true);
                }),
            ),
            (
                "node: interactive session minimal args",
                "node/mynode -it --image=busybox",
                opts(|o| {
                    o.targets = strings(&["node/mynode"]);
                    o.stdin = true;
                    o.tty = true;
                    o.image = "busybox".into();
                }),
            ),
            (
                "node: --target swallows the image",
                "node/mynode --target --image=busybox",
                opts(|o| {
                    o.targets = strings(&["node/mynode"]);
                    o.target = "--image=busybox".into();
                }),
            ),
        ];
        for (name, line, want) in cases {
            match parse(line) {
                Ok(got) => assert_eq!(got.options, want, "{name}"),
                Err(err) => assert_eq!(err.message(), "", "{name}"),
            }
        }
    }

    #[test]
    fn flag_errors_carry_pflags_exact_texts() {
        use Code::*;
        type Case<'a> = (&'a str, u8, Option<&'a str>, &'a [&'a str], Code, &'a str);
        let cases: Vec<Case> = vec![
            (
                "env without =",
                33,
                None,
                &["--image=busybox", "--env=FOO", "mypod"],
                FlagInvalidArgument,
                r#"invalid argument "FOO" for "--env" flag: FOO must be formatted as key=value"#,
            ),
            (
                "golden env-no-equals",
                27,
                None,
                &[
                    "-n",
                    "default",
                    "debug",
                    "p",
                    "--image=busybox",
                    "--env=NOEQUALS",
                ],
                FlagInvalidArgument,
                r#"invalid argument "NOEQUALS" for "--env" flag: NOEQUALS must be formatted as key=value"#,
            ),
            (
                "set-image without =",
                33,
                None,
                &["--set-image=busybox"],
                FlagInvalidArgument,
                r#"invalid argument "busybox" for "--set-image" flag: busybox must be formatted as key=value"#,
            ),
            (
                "csv item without =",
                33,
                None,
                &["--env=A=1,B,C=2"],
                FlagInvalidArgument,
                r#"invalid argument "A=1,B,C=2" for "--env" flag: B must be formatted as key=value"#,
            ),
            (
                "bad bool long",
                33,
                None,
                &["--stdin=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "-i, --stdin" flag: strconv.ParseBool: parsing "x": invalid syntax"#,
            ),
            (
                "bad bool short",
                33,
                None,
                &["-i=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "-i, --stdin" flag: strconv.ParseBool: parsing "x": invalid syntax"#,
            ),
            (
                "bad bool quiet",
                33,
                None,
                &["-q=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "-q, --quiet" flag: strconv.ParseBool: parsing "x": invalid syntax"#,
            ),
            (
                "bad bool no shorthand",
                33,
                None,
                &["--share-processes=yes"],
                FlagInvalidArgument,
                r#"invalid argument "yes" for "--share-processes" flag: strconv.ParseBool: parsing "yes": invalid syntax"#,
            ),
            (
                "underscore name is normalized",
                33,
                None,
                &["--keep_labels=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "--keep-labels" flag: strconv.ParseBool: parsing "x": invalid syntax"#,
            ),
            (
                "bad help bool",
                33,
                None,
                &["-h=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "-h, --help" flag: strconv.ParseBool: parsing "x": invalid syntax"#,
            ),
            (
                "unknown long",
                33,
                None,
                &["--foo"],
                FlagUnknown,
                "unknown flag: --foo",
            ),
            (
                "unknown long keeps underscores",
                33,
                None,
                &["--foo_bar"],
                FlagUnknown,
                "unknown flag: --foo_bar",
            ),
            (
                "unknown shorthand in a group",
                33,
                None,
                &["-ix"],
                FlagUnknown,
                "unknown shorthand flag: 'x' in -x",
            ),
            (
                "unknown non-ascii shorthand",
                27,
                None,
                &["-ié"],
                FlagUnknown,
                "unknown shorthand flag: 'Ã' in -é",
            ),
            (
                "lone = after a bool shorthand",
                33,
                None,
                &["-i="],
                FlagUnknown,
                "unknown shorthand flag: '=' in -=",
            ),
            (
                "triple dash",
                33,
                None,
                &["---foo"],
                FlagUnknown,
                "bad flag syntax: ---foo",
            ),
            (
                "dash dash equals",
                33,
                None,
                &["--=x"],
                FlagUnknown,
                "bad flag syntax: --=x",
            ),
            (
                "missing long value",
                33,
                None,
                &["--image"],
                FlagNeedsArgument,
                "flag needs an argument: --image",
            ),
            (
                "missing long value keeps spelling",
                33,
                None,
                &["--image_pull_policy"],
                FlagNeedsArgument,
                "flag needs an argument: --image_pull_policy",
            ),
            (
                "missing short value",
                33,
                None,
                &["-c"],
                FlagNeedsArgument,
                "flag needs an argument: 'c' in -c",
            ),
            (
                "missing short value in a group",
                33,
                None,
                &["-itc"],
                FlagNeedsArgument,
                "flag needs an argument: 'c' in -c",
            ),
            (
                "missing -f value",
                33,
                None,
                &["-f"],
                FlagNeedsArgument,
                "flag needs an argument: 'f' in -f",
            ),
            (
                "missing -n value",
                33,
                None,
                &["-n", "a", "-n"],
                FlagNeedsArgument,
                "flag needs an argument: 'n' in -n",
            ),
            (
                "missing -v value",
                33,
                None,
                &["-v"],
                FlagNeedsArgument,
                "flag needs an argument: 'v' in -v",
            ),
            (
                "missing global value",
                33,
                None,
                &["--as-group"],
                FlagNeedsArgument,
                "flag needs an argument: --as-group",
            ),
            (
                "bad -v",
                33,
                None,
                &["-v=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax"#,
            ),
            (
                "-v out of range",
                33,
                None,
                &["-v=99999999999"],
                FlagInvalidArgument,
                r#"invalid argument "99999999999" for "-v, --v" flag: strconv.ParseInt: parsing "99999999999": value out of range"#,
            ),
            (
                "-v hex",
                27,
                None,
                &["--v", "0x5"],
                FlagInvalidArgument,
                r#"invalid argument "0x5" for "-v, --v" flag: strconv.ParseInt: parsing "0x5": invalid syntax"#,
            ),
            (
                "-v empty",
                33,
                None,
                &["--v="],
                FlagInvalidArgument,
                r#"invalid argument "" for "-v, --v" flag: strconv.ParseInt: parsing "": invalid syntax"#,
            ),
            (
                "bad global bool",
                33,
                None,
                &["--insecure-skip-tls-verify=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "--insecure-skip-tls-verify" flag: strconv.ParseBool: parsing "x": invalid syntax"#,
            ),
            (
                "bad duration",
                33,
                None,
                &["--log-flush-frequency=x"],
                FlagInvalidArgument,
                r#"invalid argument "x" for "--log-flush-frequency" flag: parse error"#,
            ),
            (
                "duration overflow",
                33,
                None,
                &["--log-flush-frequency=9999999999h"],
                FlagInvalidArgument,
                r#"invalid argument "9999999999h" for "--log-flush-frequency" flag: parse error"#,
            ),
            (
                "bad vmodule",
                33,
                None,
                &["--vmodule=x=y"],
                FlagInvalidArgument,
                r#"invalid argument "x=y" for "--vmodule" flag: syntax error: expect comma-separated list of filename=N"#,
            ),
            (
                "negative vmodule",
                33,
                None,
                &["--vmodule=x=-1"],
                FlagInvalidArgument,
                r#"invalid argument "x=-1" for "--vmodule" flag: negative value for vmodule level"#,
            ),
            (
                "csv bare quote",
                27,
                None,
                &[r#"--env=a="b,c=d"#],
                FlagInvalidArgument,
                r#"invalid argument "a=\"b,c=d" for "--env" flag: parse error on line 1, column 3: bare " in non-quoted-field"#,
            ),
            (
                "csv unterminated quote",
                33,
                None,
                &[r#"--env=a=b,"c=d"#],
                FlagInvalidArgument,
                r#"invalid argument "a=b,\"c=d" for "--env" flag: parse error on line 1, column 9: extraneous or missing " in quoted-field"#,
            ),
            (
                "csv text after closing quote",
                33,
                None,
                &[r#"--env=a=b,"c=d"x"#],
                FlagInvalidArgument,
                r#"invalid argument "a=b,\"c=d\"x" for "--env" flag: parse error on line 1, column 9: extraneous or missing " in quoted-field"#,
            ),
            (
                "csv bare quote after a quoted field",
                33,
                None,
                &[r#"--env=A=1,"B=x,y",C="q"#],
                FlagInvalidArgument,
                r#"invalid argument "A=1,\"B=x,y\",C=\"q" for "--env" flag: parse error on line 1, column 15: bare " in non-quoted-field"#,
            ),
            (
                "csv quote spanning lines",
                33,
                None,
                &["--env=a=b,\"c=\nd"],
                FlagInvalidArgument,
                r#"invalid argument "a=b,\"c=\nd" for "--env" flag: record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field"#,
            ),
            (
                "csv after empty lines",
                27,
                None,
                &["--env=\n\nA=1=2,\"x"],
                FlagInvalidArgument,
                r#"invalid argument "\n\nA=1=2,\"x" for "--env" flag: parse error on line 3, column 9: extraneous or missing " in quoted-field"#,
            ),
            (
                "filename csv quote",
                33,
                None,
                &[r#"--filename="a"#],
                FlagInvalidArgument,
                r#"invalid argument "\"a" for "-f, --filename" flag: parse error on line 1, column 3: extraneous or missing " in quoted-field"#,
            ),
            (
                "filename only a newline",
                33,
                None,
                &["--filename=\n"],
                FlagInvalidArgument,
                r#"invalid argument "\n" for "-f, --filename" flag: EOF"#,
            ),
        ];
        for (name, minor, env, argv, code, message) in cases {
            assert_eq!(
                parse_err(minor, env, argv),
                (code, message.to_string()),
                "{name}"
            );
        }
    }

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

    #[test]
    fn render_args_is_short_and_readable() {
        let o = opts(|o| {
            o.targets = strings(&["mypod"]);
            o.stdin = true;
            o.tty = true;
            o.image = "busybox".into();
            o.env = pairs(&[("A", "1"), ("B", "x,y")]);
            o.set_image = pairs(&[("app", "a:1"), ("*", "b")]);
            o.copy_to = "copy".into();
            o.args = strings(&["sh", "-c", "echo hi"]);
        });
        assert_eq!(
            render_args(&o, Some("ops")),
            strings(&[
                "mypod",
                "-n",
                "ops",
                "-it",
                "--image=busybox",
                "--copy-to=copy",
                "--set-image=app=a:1,*=b",
                "--env=A=1",
                "--env=B=x,y",
                "--",
                "sh",
                "-c",
                "echo hi",
            ])
        );
        let awkward = opts(|o| {
            o.targets = strings(&["debug"]);
            o.env = pairs(&[("\"Q", "1"), ("C", "a=b,c")]);
            o.filename = strings(&["", "a,b"]);
        });
        let rendered = render_args(&awkward, None);
        let back = parse_args(&rendered, v(33), None).map(|p| p.options);
        assert_eq!(back, Ok(awkward), "{rendered:?}");
        let only_debug = opts(|o| o.targets = strings(&["debug"]));
        let back = parse_args(&render_args(&only_debug, None), v(33), None).map(|p| p.options);
        assert_eq!(back, Ok(only_debug));
    }

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

    mod properties {
        use super::*;
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
                bools in prop::collection::vec(any::<bool>(), 13),
                attach in any::<Option<bool>>(),
                share_processes in any::<Option<bool>>(),
                strs in prop::collection::vec(".{0,8}", 6),
                profile in any::<Option<String>>(),
                env in arb_pairs(),
                set_image in arb_pairs(),
            ) -> DebugOptions {
                let b = |i: usize| bools.get(i).copied().unwrap_or(false);
                let s = |i: usize| strs.get(i).cloned().unwrap_or_default();
                DebugOptions {
                    targets, args, filename, env, set_image, attach, share_processes, profile,
                    arguments_only: b(0), keep_annotations: b(1), keep_init_containers: b(2),
                    keep_labels: b(3), keep_liveness: b(4), keep_readiness: b(5),
                    keep_startup: b(6), quiet: b(7), replace: b(8), same_node: b(9),
                    stdin: b(10), tty: b(11),
                    container: s(0), copy_to: s(1), custom: s(2), image: s(3),
                    image_pull_policy: s(4), target: s(5),
                }
            }
        }

        proptest! {
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
    }
}
