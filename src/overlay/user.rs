//! `--as-target-user`: the debug container runs as the target container's user.
//!
//! It sets the debug container's `securityContext.runAsUser`/`runAsGroup` to the target's
//! effective values (the container's own, else the pod's), and `runAsNonRoot: true` when the
//! target has it (a `false` is never copied: it would only weaken a profile that set `true`).
//! Applied after the profile and before `--custom` (see the module above). Windows users
//! (`windowsOptions.runAsUserName`) and pod-only settings (`fsGroup`, supplemental groups,
//! which every container of the pod shares anyway) are not copied.
//!
//! **Profiles that need root.** `sysadmin` (privileged) and `netadmin` (`NET_ADMIN`,
//! `NET_RAW`) exist to give root powers: capabilities are not in a non-root process's
//! effective set, so with another user they do nothing. When the target sets no `runAsUser`
//! (its user is its image's, which kubedebug cannot see), such a profile is refused
//! ([`Code::OverlayNoTargetUser`]) rather than silently running as root. With a non-root
//! user they are applied and a warning says that their powers will not take effect.
//! `legacy` and `baseline` set nothing about users; `general` adds `SYS_PTRACE` (and nothing on
//! root) — running as the target's user is exactly what lets a debugger without it trace the
//! target's processes (same uid) — so neither forces root; `restricted` sets
//! `runAsNonRoot: true` and so refuses a target that runs as root
//! ([`Code::OverlayUserConflict`]).

use super::TargetContainer;
use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::{ensure_object, Map, Value};
use crate::messages::Message;
use crate::profile::Profile;

/// Whether the profile's point is root powers (see the module documentation).
pub(crate) fn needs_root(profile: Profile) -> bool {
    matches!(profile, Profile::Sysadmin | Profile::Netadmin)
}

/// Set the debug container `c`'s user to the target's.
///
/// # Errors
/// [`Code::OverlayNoTargetUser`], [`Code::OverlayUserConflict`].
pub(crate) fn apply_user(
    c: &mut Map<String, Value>,
    target: &TargetContainer,
    profile: Profile,
    out: &mut Vec<Message>,
) -> Result<(), Error> {
    let name = go_quote(&target.name);
    let uid = target.run_as_user.as_ref().and_then(Value::as_i64);
    if target.run_as_user.is_none() && needs_root(profile) {
        return Err(Error::new(
            Code::OverlayNoTargetUser,
            format!(
                "--as-target-user: container {name} sets no runAsUser (nor does its pod), so it runs as its image's user, which kubedebug cannot know; the {profile} profile needs root (privileges or capabilities). Use another profile (general, baseline, restricted), or drop --as-target-user."
            ),
        ));
    }
    let Some(sc) = ensure_object(c, "securityContext") else {
        return Ok(());
    };
    if uid == Some(0) && sc.get("runAsNonRoot").and_then(Value::as_bool) == Some(true) {
        return Err(Error::new(
            Code::OverlayUserConflict,
            format!(
                "--as-target-user: container {name} runs as root (runAsUser 0), which the {profile} profile forbids (runAsNonRoot: true)."
            ),
        ));
    }
    if let Some(u) = &target.run_as_user {
        sc.insert("runAsUser".into(), u.clone());
    }
    if let Some(g) = &target.run_as_group {
        sc.insert("runAsGroup".into(), g.clone());
    }
    if target.run_as_non_root == Some(true) {
        sc.insert("runAsNonRoot".into(), Value::Bool(true));
    }
    if sc.is_empty() {
        c.shift_remove("securityContext");
    }
    if target.run_as_user.is_none() && target.run_as_group.is_none() {
        out.push(Message::stderr(format!(
            "Warning: --as-target-user: container {name} sets no runAsUser or runAsGroup (nor does its pod); the debug container runs as its own image's user."
        )));
    } else if needs_root(profile) && uid != Some(0) {
        out.push(Message::stderr(format!(
            "Warning: --as-target-user: the debug container runs as the user of container {name}, not root; the {profile} profile's privileges and capabilities may not take effect."
        )));
    }
    Ok(())
}
