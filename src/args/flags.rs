//! The flag table: every flag `kubectl debug` registers (its local flags, cobra's help flag
//! and kubectl's global flags), with its pflag value type and the versions that have it.

use crate::json::ToJson;
use crate::options::{DebugOptions, Pair};
use crate::version::KubectlVersion;

/// How a flag's value is parsed (the pflag `Value` type behind it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
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
    /// pflag `string` with a `NoOptDefVal`: `--flag` alone means this value, and the next word
    /// is never taken (kubedebug's `--preflight`).
    OptValue(&'static str),
}

/// In which versions (and under which environment) a flag is registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Every version 1.27+.
    Always,
    /// 1.31+ (the `--keep-*` flags).
    Since31,
    /// `--custom`: see [`custom_flag_enabled`].
    Custom,
}

/// Where a parsed value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A `kubectl debug` flag (a [`DebugOptions`](crate::options::DebugOptions) field).
    Debug,
    /// `-n/--namespace`.
    Namespace,
    /// Another kubectl global flag (recorded in [`ParsedArgs::globals`](super::ParsedArgs::globals)).
    Global,
    /// Cobra's `-h/--help`.
    Help,
}

/// The [`DebugOptions`] field a `kubectl debug` flag sets: how to read it (rendering, version
/// checks) and where parsing writes it. One entry in [`FLAGS`] binds a flag to its field, so
/// that parsing, rendering and the version checks need no list of their own.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Field {
    /// No [`DebugOptions`] field (help, namespace, kubectl's global flags).
    None,
    /// A `bool` field.
    Bool(
        fn(&DebugOptions) -> bool,
        fn(&mut DebugOptions) -> &mut bool,
    ),
    /// An `Option<bool>` field (unset unless given).
    OptBool(
        fn(&DebugOptions) -> Option<bool>,
        fn(&mut DebugOptions) -> &mut Option<bool>,
    ),
    /// A `String` field (empty unless given).
    Str(
        fn(&DebugOptions) -> &str,
        fn(&mut DebugOptions) -> &mut String,
    ),
    /// An `Option<String>` field (unset unless given).
    OptStr(
        fn(&DebugOptions) -> Option<&str>,
        fn(&mut DebugOptions) -> &mut Option<String>,
    ),
    /// A list of `name=value` pairs (`stringToString`).
    Pairs(
        fn(&DebugOptions) -> &[Pair],
        fn(&mut DebugOptions) -> &mut Vec<Pair>,
    ),
    /// A list of strings (`stringSlice`).
    List(
        fn(&DebugOptions) -> &[String],
        fn(&mut DebugOptions) -> &mut Vec<String>,
    ),
}

/// `field!(Variant, field_name)`: the [`Field`] reading and writing `DebugOptions::field_name`.
macro_rules! field {
    (Bool, $f:ident) => {
        Field::Bool(|o| o.$f, |o| &mut o.$f)
    };
    (OptBool, $f:ident) => {
        Field::OptBool(|o| o.$f, |o| &mut o.$f)
    };
    (Str, $f:ident) => {
        Field::Str(|o| o.$f.as_str(), |o| &mut o.$f)
    };
    (OptStr, $f:ident) => {
        Field::OptStr(|o| o.$f.as_deref(), |o| &mut o.$f)
    };
    (Pairs, $f:ident) => {
        Field::Pairs(|o| o.$f.as_slice(), |o| &mut o.$f)
    };
    (List, $f:ident) => {
        Field::List(|o| o.$f.as_slice(), |o| &mut o.$f)
    };
}

/// One registered flag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FlagSpec {
    pub(crate) name: &'static str,
    pub(crate) short: Option<u8>,
    pub(crate) kind: Kind,
    pub(crate) scope: Scope,
    pub(crate) gate: Gate,
    /// The [`DebugOptions`] field it sets ([`Field::None`] outside [`Scope::Debug`]).
    pub(crate) field: Field,
}

const fn flag(name: &'static str, short: Option<u8>, kind: Kind, scope: Scope) -> FlagSpec {
    FlagSpec {
        name,
        short,
        kind,
        scope,
        gate: Gate::Always,
        field: Field::None,
    }
}

const fn debug_flag(
    name: &'static str,
    short: Option<u8>,
    kind: Kind,
    gate: Gate,
    field: Field,
) -> FlagSpec {
    FlagSpec {
        name,
        short,
        kind,
        scope: Scope::Debug,
        gate,
        field,
    }
}

/// A kubedebug flag kubectl lacks: a long name only, in every version.
const fn own_flag(name: &'static str, kind: Kind, field: Field) -> FlagSpec {
    debug_flag(name, None, kind, Gate::Always, field)
}

/// Every flag `kubectl debug` parses: its local flags (kubectl `addDebugFlags`), cobra's
/// help flag and kubectl's global flags (`kubectl options`). kubectl's global `--profile`
/// (pprof) is shadowed by the local `--profile`, so it is not listed. The debug flags are in
/// the order [`render_args`](super::render_args) writes them. A new flag is one line here
/// (plus its field in `DebugOptions`, its effect, its help line and its form field).
const FLAGS: &[FlagSpec] = &[
    debug_flag(
        "stdin",
        Some(b'i'),
        Kind::Bool,
        Gate::Always,
        field!(Bool, stdin),
    ),
    debug_flag(
        "tty",
        Some(b't'),
        Kind::Bool,
        Gate::Always,
        field!(Bool, tty),
    ),
    debug_flag(
        "attach",
        None,
        Kind::Bool,
        Gate::Always,
        field!(OptBool, attach),
    ),
    debug_flag("image", None, Kind::Str, Gate::Always, field!(Str, image)),
    debug_flag(
        "image-pull-policy",
        None,
        Kind::Str,
        Gate::Always,
        field!(Str, image_pull_policy),
    ),
    debug_flag(
        "container",
        Some(b'c'),
        Kind::Str,
        Gate::Always,
        field!(Str, container),
    ),
    debug_flag("target", None, Kind::Str, Gate::Always, field!(Str, target)),
    debug_flag(
        "copy-to",
        None,
        Kind::Str,
        Gate::Always,
        field!(Str, copy_to),
    ),
    debug_flag(
        "replace",
        None,
        Kind::Bool,
        Gate::Always,
        field!(Bool, replace),
    ),
    debug_flag(
        "same-node",
        None,
        Kind::Bool,
        Gate::Always,
        field!(Bool, same_node),
    ),
    debug_flag(
        "share-processes",
        None,
        Kind::Bool,
        Gate::Always,
        field!(OptBool, share_processes),
    ),
    // kubedebug's own (kubectl registers none of them): `crate::overlay`.
    own_flag("as-target-user", Kind::Bool, field!(Bool, as_target_user)),
    own_flag(
        "mount-target-volumes",
        Kind::Bool,
        field!(Bool, mount_target_volumes),
    ),
    own_flag("volume-mount", Kind::StrSlice, field!(List, volume_mount)),
    own_flag(
        "image-pull-secret",
        Kind::StrSlice,
        field!(List, image_pull_secret),
    ),
    own_flag("label", Kind::StrToStr, field!(Pairs, label)),
    own_flag("annotation", Kind::StrToStr, field!(Pairs, annotation)),
    own_flag(
        "node-selector",
        Kind::StrToStr,
        field!(Pairs, node_selector),
    ),
    own_flag(
        "tolerations-from-node",
        Kind::Bool,
        field!(Bool, tolerations_from_node),
    ),
    debug_flag(
        "set-image",
        None,
        Kind::StrToStr,
        Gate::Always,
        field!(Pairs, set_image),
    ),
    debug_flag(
        "env",
        None,
        Kind::StrToStr,
        Gate::Always,
        field!(Pairs, env),
    ),
    debug_flag(
        "profile",
        None,
        Kind::Str,
        Gate::Always,
        field!(OptStr, profile),
    ),
    debug_flag("custom", None, Kind::Str, Gate::Custom, field!(Str, custom)),
    debug_flag(
        "keep-labels",
        None,
        Kind::Bool,
        Gate::Since31,
        field!(Bool, keep_labels),
    ),
    debug_flag(
        "keep-annotations",
        None,
        Kind::Bool,
        Gate::Since31,
        field!(Bool, keep_annotations),
    ),
    debug_flag(
        "keep-liveness",
        None,
        Kind::Bool,
        Gate::Since31,
        field!(Bool, keep_liveness),
    ),
    debug_flag(
        "keep-readiness",
        None,
        Kind::Bool,
        Gate::Since31,
        field!(Bool, keep_readiness),
    ),
    debug_flag(
        "keep-startup",
        None,
        Kind::Bool,
        Gate::Since31,
        field!(Bool, keep_startup),
    ),
    debug_flag(
        "keep-init-containers",
        None,
        Kind::Bool,
        Gate::Since31,
        field!(Bool, keep_init_containers),
    ),
    debug_flag(
        "arguments-only",
        None,
        Kind::Bool,
        Gate::Always,
        field!(Bool, arguments_only),
    ),
    debug_flag(
        "quiet",
        Some(b'q'),
        Kind::Bool,
        Gate::Always,
        field!(Bool, quiet),
    ),
    debug_flag("rm", None, Kind::Bool, Gate::Always, field!(Bool, rm)),
    debug_flag(
        "explain",
        None,
        Kind::Bool,
        Gate::Always,
        field!(Bool, explain),
    ),
    debug_flag(
        "retain",
        None,
        Kind::Bool,
        Gate::Always,
        field!(Bool, retain),
    ),
    // kubedebug's own: kubectl registers no such flag.
    debug_flag(
        "session-label",
        None,
        Kind::Bool,
        Gate::Always,
        field!(OptBool, session_label),
    ),
    debug_flag(
        "preflight",
        None,
        Kind::OptValue(crate::preflight::PREFLIGHT_NO_VALUE),
        Gate::Always,
        field!(Str, preflight),
    ),
    debug_flag(
        "filename",
        Some(b'f'),
        Kind::StrSlice,
        Gate::Always,
        field!(List, filename),
    ),
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
    /// Whether it is a `kubectl debug` flag (sets a `DebugOptions` field), not a global one.
    pub debug: bool,
}

/// `{"name": …, "shorthand": … | null, "takesValue": …, "debug": …}`.
impl ToJson for FlagInfo {
    fn to_json(&self) -> crate::json::Value {
        crate::json::object([
            ("name", self.name.to_string().to_json()),
            ("shorthand", self.shorthand.map(String::from).to_json()),
            ("takesValue", self.takes_value.to_json()),
            ("debug", self.debug.to_json()),
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
            takes_value: !matches!(f.kind, Kind::Bool | Kind::OptValue(_)),
            debug: f.scope == Scope::Debug,
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

/// The `kubectl debug` flags (those that set a [`DebugOptions`] field), in rendering order.
pub(crate) fn debug_flags() -> impl Iterator<Item = &'static FlagSpec> {
    FLAGS.iter().filter(|f| f.scope == Scope::Debug)
}

impl FlagSpec {
    /// Whether kubectl 1.`version` registers this flag (with `KUBECTL_DEBUG_CUSTOM_PROFILE`
    /// set to `custom_profile_env`).
    pub(crate) fn registered(
        &self,
        version: KubectlVersion,
        custom_profile_env: Option<&str>,
    ) -> bool {
        match self.gate {
            Gate::Always => true,
            Gate::Since31 => version.at_least(31),
            Gate::Custom => custom_flag_enabled(version, custom_profile_env),
        }
    }
}

impl Field {
    /// Whether `o` holds something other than the field's default.
    pub(crate) fn is_set(&self, o: &DebugOptions) -> bool {
        let d = DebugOptions::default();
        match self {
            Field::None => false,
            Field::Bool(get, _) => get(o) != get(&d),
            Field::OptBool(get, _) => get(o) != get(&d),
            Field::Str(get, _) => get(o) != get(&d),
            Field::OptStr(get, _) => get(o) != get(&d),
            Field::Pairs(get, _) => get(o) != get(&d),
            Field::List(get, _) => get(o) != get(&d),
        }
    }
}

impl FlagSet {
    pub(super) fn new(version: KubectlVersion, custom_profile_env: Option<&str>) -> FlagSet {
        let flags = FLAGS
            .iter()
            .filter(|f| f.registered(version, custom_profile_env))
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
