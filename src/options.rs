//! `kubectl debug` options: one field per flag, with kubectl's defaults.
//!
//! Mirrors kubectl `pkg/cmd/debug/debug.go` `DebugOptions` and `NewDebugOptions`.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::json::de::{self, Decode, Slot};
use crate::json::{ToJson, Value};
use crate::version::KubectlVersion;

/// One `name=value` pair of `--env` or `--set-image`, in the order given.
///
/// Decoded by hand (its `Decode` impl; written as JSON from the same table): both fields are
/// required, unknown fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Pair {
    /// Left of the first `=` (the env name, or the container name / `*`).
    pub name: String,
    /// Right of the first `=`.
    pub value: String,
}

impl Decode for Pair {
    const NAME: &'static str = "Pair";
    const FIELDS: &'static [&'static str] = &["name", "value"];
    const DENY_UNKNOWN: bool = false;
    const REQUIRED: u64 = 0b11;

    fn slot(&mut self, i: usize) -> Slot<'_> {
        Slot::Str(if i == 0 {
            &mut self.name
        } else {
            &mut self.value
        })
    }
}

/// `{"name": …, "value": …}`.
impl ToJson for Pair {
    fn to_json(&self) -> Value {
        de::encode(self)
    }
}

/// Every `kubectl debug` flag, plus the positional targets and the `--` command.
///
/// Defaults are kubectl's (`NewDebugOptions`): `--share-processes=true`,
/// `--keep-init-containers=true`, everything else empty or false. A flag whose
/// kubectl behaviour depends on whether it was given explicitly is an `Option`.
///
/// Decoded by hand ([`DebugOptions::from_json`]; written as JSON from the same table): a new
/// field goes into its `Decode` impl too. Missing fields take the defaults, unknown fields are
/// rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct DebugOptions {
    /// Positional targets: `POD`, `TYPE/NAME` (everything before `--`).
    pub targets: Vec<String>,
    /// The command after `--` (kubectl's `Args`).
    pub args: Vec<String>,
    /// `-f/--filename`: files naming the objects to debug (read by the host).
    pub filename: Vec<String>,
    /// `--arguments-only`.
    pub arguments_only: bool,
    /// `--attach`; `None` when not given (then it defaults to `--stdin`).
    pub attach: Option<bool>,
    /// `-c/--container`.
    pub container: String,
    /// `--copy-to`.
    pub copy_to: String,
    /// `--custom`: path of the custom profile file (its text is a separate input).
    pub custom: String,
    /// `--env`, merged in order (a later key replaces an earlier one in place).
    pub env: Vec<Pair>,
    /// `--image`.
    pub image: String,
    /// `--image-pull-policy`.
    pub image_pull_policy: String,
    /// `--keep-annotations` (1.31+).
    pub keep_annotations: bool,
    /// `--keep-init-containers` (1.31+; default true).
    pub keep_init_containers: bool,
    /// `--keep-labels` (1.31+).
    pub keep_labels: bool,
    /// `--keep-liveness` (1.31+).
    pub keep_liveness: bool,
    /// `--keep-readiness` (1.31+).
    pub keep_readiness: bool,
    /// `--keep-startup` (1.31+).
    pub keep_startup: bool,
    /// `--profile`; `None` means the version's default (`legacy`, or `general` from 1.36).
    pub profile: Option<String>,
    /// `-q/--quiet`.
    pub quiet: bool,
    /// `--replace`.
    pub replace: bool,
    /// `--same-node`.
    pub same_node: bool,
    /// `--set-image`, merged in order (a later key replaces an earlier one in place).
    pub set_image: Vec<Pair>,
    /// `--share-processes`; `None` when not given (kubectl's default is true, but
    /// only an explicit value is applied to the copy).
    pub share_processes: Option<bool>,
    /// `-i/--stdin`.
    pub stdin: bool,
    /// `--target`.
    pub target: String,
    /// `-t/--tty`.
    pub tty: bool,
}

impl Default for DebugOptions {
    /// Mirrors kubectl `NewDebugOptions` plus the flag defaults of `addDebugFlags`.
    fn default() -> Self {
        DebugOptions {
            targets: Vec::new(),
            args: Vec::new(),
            filename: Vec::new(),
            arguments_only: false,
            attach: None,
            container: String::new(),
            copy_to: String::new(),
            custom: String::new(),
            env: Vec::new(),
            image: String::new(),
            image_pull_policy: String::new(),
            keep_annotations: false,
            keep_init_containers: true,
            keep_labels: false,
            keep_liveness: false,
            keep_readiness: false,
            keep_startup: false,
            profile: None,
            quiet: false,
            replace: false,
            same_node: false,
            set_image: Vec::new(),
            share_processes: None,
            stdin: false,
            target: String::new(),
            tty: false,
        }
    }
}

impl DebugOptions {
    /// Decode options from the host's JSON text (what the Wasm binding receives).
    ///
    /// # Errors
    /// Malformed JSON or a field of the wrong type: `input/invalid`, `invalid options: …`.
    pub fn from_json(text: &str) -> Result<DebugOptions, Error> {
        de::from_json(text, "options")
    }
}

impl Decode for DebugOptions {
    const NAME: &'static str = "DebugOptions";
    const FIELDS: &'static [&'static str] = &[
        "targets",
        "args",
        "filename",
        "argumentsOnly",
        "attach",
        "container",
        "copyTo",
        "custom",
        "env",
        "image",
        "imagePullPolicy",
        "keepAnnotations",
        "keepInitContainers",
        "keepLabels",
        "keepLiveness",
        "keepReadiness",
        "keepStartup",
        "profile",
        "quiet",
        "replace",
        "sameNode",
        "setImage",
        "shareProcesses",
        "stdin",
        "target",
        "tty",
    ];
    const DENY_UNKNOWN: bool = true;

    fn slot(&mut self, i: usize) -> Slot<'_> {
        match i {
            0 => Slot::Strings(&mut self.targets),
            1 => Slot::Strings(&mut self.args),
            2 => Slot::Strings(&mut self.filename),
            3 => Slot::Bool(&mut self.arguments_only),
            4 => Slot::OptBool(&mut self.attach),
            5 => Slot::Str(&mut self.container),
            6 => Slot::Str(&mut self.copy_to),
            7 => Slot::Str(&mut self.custom),
            8 => Slot::Pairs(&mut self.env),
            9 => Slot::Str(&mut self.image),
            10 => Slot::Str(&mut self.image_pull_policy),
            11 => Slot::Bool(&mut self.keep_annotations),
            12 => Slot::Bool(&mut self.keep_init_containers),
            13 => Slot::Bool(&mut self.keep_labels),
            14 => Slot::Bool(&mut self.keep_liveness),
            15 => Slot::Bool(&mut self.keep_readiness),
            16 => Slot::Bool(&mut self.keep_startup),
            17 => Slot::OptStr(&mut self.profile),
            18 => Slot::Bool(&mut self.quiet),
            19 => Slot::Bool(&mut self.replace),
            20 => Slot::Bool(&mut self.same_node),
            21 => Slot::Pairs(&mut self.set_image),
            22 => Slot::OptBool(&mut self.share_processes),
            23 => Slot::Bool(&mut self.stdin),
            24 => Slot::Str(&mut self.target),
            _ => Slot::Bool(&mut self.tty),
        }
    }
}

/// Every field, camelCase, in declaration order (as the serde derive wrote it).
impl ToJson for DebugOptions {
    fn to_json(&self) -> Value {
        de::encode(self)
    }
}

impl DebugOptions {
    /// Whether kubectl will attach after creating the container: an explicit
    /// `--attach`, else `-i` (kubectl `Complete`).
    pub fn wants_attach(&self) -> bool {
        self.attach.unwrap_or(self.stdin)
    }

    /// The profile in effect: the explicit `--profile`, else the version's default.
    pub fn effective_profile(&self, version: KubectlVersion) -> &str {
        match &self.profile {
            Some(p) => p,
            None => version.default_profile(),
        }
    }
}

/// Insert or replace `name` in an ordered pair list, as a Go map assignment would
/// (the position of an existing key is kept).
pub fn upsert_pair(list: &mut Vec<Pair>, name: String, value: String) {
    merge_pairs(list, [Pair { name, value }]);
}

/// [`merge_pairs`] of a list's own entries, in one pass: each key at its first position with
/// its last value. Flag parsing appends every occurrence's pairs and calls this once, so many
/// occurrences stay linear (merging per occurrence rebuilt the key map each time: 50,000
/// `--env` took 406 s).
pub fn dedupe_pairs(list: &mut Vec<Pair>) {
    let raw = std::mem::take(list);
    merge_pairs(list, raw);
}

/// Merge `pairs` into `list` in order, as Go map assignments would: an existing key keeps
/// its position and takes the new value; a new key is appended. O(n log n) in the total size.
pub fn merge_pairs(list: &mut Vec<Pair>, pairs: impl IntoIterator<Item = Pair>) {
    // Inserted one by one: collecting into a BTreeMap would instantiate a slice sort.
    let mut index = BTreeMap::new();
    for (i, p) in list.iter().enumerate() {
        index.insert(p.name.clone(), i);
    }
    for pair in pairs {
        match index.get(&pair.name).and_then(|&i| list.get_mut(i)) {
            Some(slot) => slot.value = pair.value,
            None => {
                index.insert(pair.name.clone(), list.len());
                list.push(pair);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many `--env`/`--set-image` occurrences (parsed with one merge at the end) give exactly
    /// the pairs of merging occurrence by occurrence: first position, last value.
    #[test]
    fn many_pair_flags_merge_like_map_assignments() {
        let n = 3_000;
        let mut argv = vec!["web".to_string(), "--image=busybox".into()];
        let mut want_env = Vec::new();
        let mut want_images = Vec::new();
        for i in 0..n {
            let (k, v) = (format!("K{}", (i * 7919) % (n / 3)), format!("v{i}"));
            argv.push(format!("--env={k}={v}"));
            upsert_pair(&mut want_env, k, v);
            let (c, img) = (format!("c{}", i % 101), format!("img:{i}"));
            argv.push(format!("--set-image={c}={img},*=star{i}"));
            upsert_pair(&mut want_images, c, img);
            upsert_pair(&mut want_images, "*".into(), format!("star{i}"));
        }
        let parsed = crate::args::parse_args(&argv, KubectlVersion::default(), None);
        let options = parsed.map(|p| p.options).unwrap_or_default();
        assert_eq!(options.env.len(), n / 3);
        assert_eq!(options.env, want_env);
        assert_eq!(options.set_image, want_images);
    }
}
