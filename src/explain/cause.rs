//! Why a stage changed a path: each journey stage names its causes from the paths it touched.

use super::diff::tokens;

/// A stage of a journey, between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stage {
    /// The journey's own construction (`ephemeral-container`, `node-pod`, `debug-container`).
    Journey(&'static str),
    /// The copy's new metadata, without status (`--copy-to`, `--keep-labels`…).
    CopyPod,
    /// The copy's spec: ephemeral containers, `--share-processes`, `--same-node`, `--set-image`.
    CopySpec,
    /// A debug profile, by name.
    Profile(String),
    /// kubedebug's own flags (`crate::overlay`).
    Overlay,
    /// The `--custom` profile.
    Custom,
    /// `--session-label`.
    Session,
}

impl Stage {
    /// Whether an added object is explained field by field (profiles, overlays, custom).
    pub(crate) fn per_field(&self) -> bool {
        matches!(self, Stage::Profile(_) | Stage::Overlay | Stage::Custom)
    }

    /// The cause of the operation at `path`.
    pub(crate) fn cause(&self, path: &str) -> String {
        let t = tokens(path);
        let last = t
            .iter()
            .rev()
            .find(|s| s.parse::<usize>().is_err())
            .map_or("", String::as_str);
        let has = |k: &str| t.iter().any(|s| s == k);
        match self {
            Stage::Journey(name) => container_flag(&t)
                .map_or_else(|| format!("journey:{name}"), |f| format!("flag:{f}")),
            Stage::CopyPod => copy_pod(&t),
            Stage::CopySpec => match last {
                "shareProcessNamespace" => "flag:--share-processes".into(),
                "nodeName" => "copy:--same-node".into(),
                "image" => "flag:--set-image".into(),
                _ => "copy:ephemeral-containers".into(),
            },
            Stage::Profile(name) => match keep_flag(&t) {
                Some(k) => format!("copy:--keep-{k}=false"),
                None => format!(
                    "profile:{name}/{}",
                    container_field(&t).unwrap_or_else(|| last.to_string())
                ),
            },
            Stage::Overlay => overlay_flag(&t, &has).into(),
            Stage::Custom => {
                // The path inside the container (after `/spec/<list>/<index>`).
                let inner: Vec<&str> = t.iter().skip(3).map(String::as_str).collect();
                format!("custom:{}", inner.join("."))
            }
            Stage::Session => "flag:--session-label".into(),
        }
    }
}

/// The field inside a container's `securityContext` (or the container), dotted:
/// `seccompProfile.type`; `None` outside a container.
fn container_field(t: &[String]) -> Option<String> {
    let lists = ["containers", "initContainers", "ephemeralContainers"];
    if t.first()? != "spec" || !lists.contains(&t.get(1)?.as_str()) || t.len() < 4 {
        return None;
    }
    let inner = match t.get(3).map(String::as_str) {
        Some("securityContext") if t.len() > 4 => t.get(4..)?,
        _ => t.get(3..)?,
    };
    Some(inner.join("."))
}

/// A debug-container field set from a kubectl flag.
fn container_flag(t: &[String]) -> Option<&'static str> {
    if t.len() < 4 {
        return None;
    }
    Some(match t.get(3).map(String::as_str)? {
        "env" => "--env",
        "image" => "--image",
        "command" | "args" => "-- COMMAND",
        "stdin" => "--stdin",
        "tty" => "--tty",
        "imagePullPolicy" => "--image-pull-policy",
        _ => return None,
    })
}

fn copy_pod(t: &[String]) -> String {
    let at = |i: usize| t.get(i).map_or("", String::as_str);
    match (at(0), at(1)) {
        ("metadata", "labels") => "copy:--keep-labels=false".into(),
        ("metadata", "annotations") => "copy:--keep-annotations=false".into(),
        ("metadata", "name") => "flag:--copy-to".into(),
        ("status", _) => "copy:status".into(),
        (top, _) => format!("copy:{top}"),
    }
}

/// What a profile removes because a `--keep-*` flag was not given.
fn keep_flag(t: &[String]) -> Option<&'static str> {
    t.iter().rev().find_map(|s| {
        Some(match s.as_str() {
            "livenessProbe" => "liveness",
            "readinessProbe" => "readiness",
            "startupProbe" => "startup",
            "initContainers" => "init-containers",
            "labels" => "labels",
            "annotations" => "annotations",
            _ => return None,
        })
    })
}

fn overlay_flag(t: &[String], has: &dyn Fn(&str) -> bool) -> &'static str {
    if has("volumeMounts") {
        "flag:--mount-target-volumes"
    } else if has("securityContext") {
        "flag:--as-target-user"
    } else if has("imagePullSecrets") {
        "flag:--image-pull-secret"
    } else if has("nodeSelector") {
        "flag:--node-selector"
    } else if has("tolerations") {
        "flag:--tolerations-from-node"
    } else if t.first().is_some_and(|s| s == "metadata") && has("labels") {
        "flag:--label"
    } else if has("annotations") {
        "flag:--annotation"
    } else {
        "flag:kubedebug"
    }
}
