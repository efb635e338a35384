//! `kubectl debug` options: one field per flag, with kubectl's defaults.
//!
//! Mirrors kubectl `pkg/cmd/debug/debug.go` `DebugOptions` and `NewDebugOptions`.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::json::boundary::boundary_struct;
use crate::json::de;
use crate::version::KubectlVersion;

boundary_struct! {
    /// One `name=value` pair of `--env` or `--set-image`, in the order given.
    ///
    /// Both fields are required; unknown fields are ignored.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Pair {
        deny_unknown: false;
        /// Left of the first `=` (the env name, or the container name / `*`).
        pub name: String = String::new(), "name", required;
        /// Right of the first `=`.
        pub value: String = String::new(), "value", required;
    }
}

boundary_struct! {
    /// Every `kubectl debug` flag, plus the positional targets and the `--` command.
    ///
    /// Defaults are kubectl's (`NewDebugOptions` plus the flag defaults of `addDebugFlags`):
    /// `--share-processes=true`, `--keep-init-containers=true`, everything else empty or
    /// false. A flag whose kubectl behaviour depends on whether it was given explicitly is an
    /// `Option`. Missing fields take the defaults, unknown fields are rejected.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct DebugOptions {
        deny_unknown: true;
        /// Positional targets: `POD`, `TYPE/NAME` (everything before `--`).
        pub targets: Vec<String> = Vec::new(), "targets";
        /// The command after `--` (kubectl's `Args`).
        pub args: Vec<String> = Vec::new(), "args";
        /// `-f/--filename`: files naming the objects to debug (read by the host).
        pub filename: Vec<String> = Vec::new(), "filename";
        /// `--arguments-only`.
        pub arguments_only: bool = false, "argumentsOnly";
        /// `--attach`; `None` when not given (then it defaults to `--stdin`).
        pub attach: Option<bool> = None, "attach";
        /// `-c/--container`.
        pub container: String = String::new(), "container";
        /// `--copy-to`.
        pub copy_to: String = String::new(), "copyTo";
        /// `--custom`: path of the custom profile file (its text is a separate input).
        pub custom: String = String::new(), "custom";
        /// `--env`, merged in order (a later key replaces an earlier one in place).
        pub env: Vec<Pair> = Vec::new(), "env";
        /// `--image`.
        pub image: String = String::new(), "image";
        /// `--image-pull-policy`.
        pub image_pull_policy: String = String::new(), "imagePullPolicy";
        /// `--keep-annotations` (1.31+).
        pub keep_annotations: bool = false, "keepAnnotations";
        /// `--keep-init-containers` (1.31+; default true).
        pub keep_init_containers: bool = true, "keepInitContainers";
        /// `--keep-labels` (1.31+).
        pub keep_labels: bool = false, "keepLabels";
        /// `--keep-liveness` (1.31+).
        pub keep_liveness: bool = false, "keepLiveness";
        /// `--keep-readiness` (1.31+).
        pub keep_readiness: bool = false, "keepReadiness";
        /// `--keep-startup` (1.31+).
        pub keep_startup: bool = false, "keepStartup";
        /// `--profile`; `None` means the version's default (`legacy`, or `general` from 1.36).
        pub profile: Option<String> = None, "profile";
        /// `-q/--quiet`.
        pub quiet: bool = false, "quiet";
        /// `--rm` (kubedebug's): when the attached session ends, delete the pod copy or node
        /// debug pod it created; an ephemeral container gets `stdinOnce` instead.
        pub rm: bool = false, "rm";
        /// `--retain` (kubedebug's): keep what the session created, whatever the configured
        /// `rm` default says.
        pub retain: bool = false, "retain";
        /// `--preflight[=warn|enforce|off]` (kubedebug's): check the planned pod against the
        /// namespace's PodSecurity enforce labels; empty when not given (`warn` with
        /// `--profile=auto`, else off).
        pub preflight: String = String::new(), "preflight";
        /// `--replace`.
        pub replace: bool = false, "replace";
        /// `--same-node`.
        pub same_node: bool = false, "sameNode";
        /// `--session-label` (kubedebug's, not kubectl's): label and annotate the pod a copy or
        /// node session creates as a kubedebug session (see `sessions::mark_pod`); `None` when
        /// not given (then the configured default, `Session::default_session_label`, applies).
        pub session_label: Option<bool> = None, "sessionLabel";
        /// `--set-image`, merged in order (a later key replaces an earlier one in place).
        pub set_image: Vec<Pair> = Vec::new(), "setImage";
        /// `--share-processes`; `None` when not given (kubectl's default is true, but
        /// only an explicit value is applied to the copy).
        pub share_processes: Option<bool> = None, "shareProcesses";
        /// `-i/--stdin`.
        pub stdin: bool = false, "stdin";
        /// `--target`.
        pub target: String = String::new(), "target";
        /// `-t/--tty`.
        pub tty: bool = false, "tty";
        // kubedebug's own flags (kubectl has none of them): see `crate::overlay`.
        /// `--as-target-user`: the debug container runs as the target container's user.
        pub as_target_user: bool = false, "asTargetUser";
        /// `--mount-target-volumes`: the debug container gets the target's `volumeMounts`.
        pub mount_target_volumes: bool = false, "mountTargetVolumes";
        /// `--volume-mount NAME:/path[:ro]`, each one mount of a pod volume.
        pub volume_mount: Vec<String> = Vec::new(), "volumeMount";
        /// `--image-pull-secret NAME` (copy and node pods).
        pub image_pull_secret: Vec<String> = Vec::new(), "imagePullSecret";
        /// `--label k=v` (copy and node pods).
        pub label: Vec<Pair> = Vec::new(), "label";
        /// `--annotation k=v` (copy and node pods).
        pub annotation: Vec<Pair> = Vec::new(), "annotation";
        /// `--node-selector k=v` (copy and node pods).
        pub node_selector: Vec<Pair> = Vec::new(), "nodeSelector";
        /// `--tolerations-from-node` (node pods): tolerate the node's taints, not everything.
        pub tolerations_from_node: bool = false, "tolerationsFromNode";
        /// `--explain`: the plan lists its changes as JSON Patch operations with their causes.
        pub explain: bool = false, "explain";
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
#[cfg(test)]
pub(crate) fn upsert_pair(list: &mut Vec<Pair>, name: String, value: String) {
    merge_pairs(list, [Pair { name, value }]);
}

/// [`merge_pairs`] of a list's own entries, in one pass: each key at its first position with
/// its last value. Flag parsing appends every occurrence's pairs and calls this once, so many
/// occurrences stay linear (merging per occurrence rebuilt the key map each time: 50,000
/// `--env` took 406 s).
pub(crate) fn dedupe_pairs(list: &mut Vec<Pair>) {
    let raw = std::mem::take(list);
    merge_pairs(list, raw);
}

/// Merge `pairs` into `list` in order, as Go map assignments would: an existing key keeps
/// its position and takes the new value; a new key is appended. O(n log n) in the total size.
pub(crate) fn merge_pairs(list: &mut Vec<Pair>, pairs: impl IntoIterator<Item = Pair>) {
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
mod tests;
