//! `--session-label`: what marks a pod copy or node debug pod as kubedebug's.

use crate::generate::Context;
use crate::json::boundary::boundary_struct;
use crate::json::{ensure_object, Value};

use super::{JOURNEY_LABEL, PREFIX};

boundary_struct! {
    /// What the host knows of a session and the core cannot (it has no clock and no user):
    /// written into the annotations of a `--session-label` pod when not empty.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct SessionMark {
        deny_unknown: true;
        /// Who started the session (e.g. the kubeconfig user).
        pub creator: String = String::new(), "creator";
        /// When the session started, RFC 3339 (`2026-12-05T19:00:00Z`).
        pub created_at: String = String::new(), "createdAt";
    }
}

/// With `--session-label`, label `pod` as a kubedebug session of `journey` (`copy`, `node`):
/// `kubedebug.dev/session=<id>` (a generated suffix, drawn after every other name) and
/// `kubedebug.dev/journey`; annotate what was debugged (`target`, `TYPE/NAME`), the debug
/// container, the profile, the host's creator and creation time, and this library's version.
/// Without the flag nothing changes (and no name is drawn), so kubectl's output stays as is.
pub(crate) fn mark_pod(
    pod: &mut Value,
    journey: &str,
    target: &str,
    container: &str,
    ctx: &mut Context<'_>,
) {
    if ctx.options.session_label != Some(true) {
        return;
    }
    let id = ctx.names.next_suffix();
    let profile = ctx.profile.as_str();
    let Some(meta) = pod.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    let mut put = |map: &str, key: &str, value: &str| {
        if let (Some(m), false) = (ensure_object(meta, map), value.is_empty()) {
            m.insert(format!("{PREFIX}{key}"), Value::String(value.to_string()));
        }
    };
    put("labels", "session", &id);
    put("labels", &JOURNEY_LABEL[PREFIX.len()..], journey);
    put("annotations", "target", target);
    put("annotations", "container", container);
    put("annotations", "profile", profile);
    put("annotations", "creator", &ctx.mark.creator);
    put("annotations", "created-at", &ctx.mark.created_at);
    put("annotations", "version", env!("CARGO_PKG_VERSION"));
}
