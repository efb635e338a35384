//! The flag table: every flag `kubectl debug` registers (its local flags, cobra's help flag
//! and kubectl's global flags), with its pflag value type and the versions that have it.

use crate::json::ToJson;
use crate::version::KubectlVersion;

/// How a flag's value is parsed (the pflag `Value` type behind it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) enum Scope {
    /// A `kubectl debug` flag (a [`DebugOptions`](crate::options::DebugOptions) field).
    Debug,
    /// `-n/--namespace`.
    Namespace,
    /// Another kubectl global flag (recorded in [`ParsedArgs::globals`](super::ParsedArgs::globals)).
    Global,
    /// Cobra's `-h/--help`.
    Help,
}

/// One registered flag.
#[derive(Debug, Clone, Copy)]
pub(super) struct FlagSpec {
    pub(super) name: &'static str,
    pub(super) short: Option<u8>,
    pub(super) kind: Kind,
    pub(super) scope: Scope,
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

/// One flag of [`kubectl_flags`], as the hosts see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagInfo {
    /// The long name, without dashes.
    pub name: &'static str,
    /// The one-letter shorthand, if any.
    pub shorthand: Option<char>,
    /// Whether the flag takes a value (pflag consumes the next word when none is inline).
    pub takes_value: bool,
}

/// `{"name": …, "shorthand": … | null, "takesValue": …}`.
impl ToJson for FlagInfo {
    fn to_json(&self) -> crate::json::Value {
        crate::json::object([
            ("name", self.name.to_string().to_json()),
            ("shorthand", self.shorthand.map(String::from).to_json()),
            ("takesValue", self.takes_value.to_json()),
        ])
    }
}

/// Every flag kubectl debug registers in any version (its flag table, for hosts that take
/// their own flags out of an argument list before the core parses the rest: they must know
/// which kubectl flags consume the next word).
pub fn kubectl_flags() -> Vec<FlagInfo> {
    FLAGS
        .iter()
        .map(|f| FlagInfo {
            name: f.name,
            shorthand: f.short.map(char::from),
            takes_value: f.kind != Kind::Bool,
        })
        .collect()
}

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
pub(super) struct FlagSet {
    flags: Vec<&'static FlagSpec>,
}

impl FlagSet {
    pub(super) fn new(version: KubectlVersion, custom_profile_env: Option<&str>) -> FlagSet {
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
    pub(super) fn by_name(&self, name: &str) -> Option<&'static FlagSpec> {
        let normalized = name.replace('_', "-");
        self.flags.iter().copied().find(|f| f.name == normalized)
    }

    pub(super) fn by_short(&self, short: u8) -> Option<&'static FlagSpec> {
        self.flags.iter().copied().find(|f| f.short == Some(short))
    }
}
