//! kubedebug's own flags, which kubectl lacks: what they add to the debug container and to the
//! pod a copy or node session creates (issue 14 items 4–6). Nothing here runs unless one of
//! these flags is given, so every command line kubectl accepts plans exactly as kubectl.
//!
//! **Order of application**, in every journey: kubectl builds the debug container, the
//! profile is applied, then `--as-target-user` ([`user`]), then `--volume-mount` and
//! `--mount-target-volumes` ([`mounts`]), then the pod fields (`--image-pull-secret`,
//! `--label`, `--annotation`, `--node-selector`, `--tolerations-from-node`, [`pod_fields`]),
//! then kubectl's `--custom` merge (which touches only the container). So a profile's defaults
//! are specialised by our flags, and a `--custom` file (the user's own words about the
//! container) still wins over both; pod labels given with `--label` survive the profile's
//! removal of the source's labels.
//!
//! **Which journeys** ([`check_journey`]): the container flags need a target container (the
//! ephemeral and copy journeys, see [`target`]); the pod flags need a pod that kubedebug
//! creates (copy and node): an ephemeral container is added through the `ephemeralcontainers`
//! subresource, which changes nothing but `spec.ephemeralContainers`.

mod mounts;
mod pod_fields;
mod syntax;
mod target;
mod user;

pub(crate) use mounts::apply_mounts;
pub(crate) use pod_fields::apply_pod_fields;
pub(crate) use syntax::validate_options;
pub(crate) use target::TargetContainer;
pub(crate) use user::apply_user;

use crate::error::{Code, Error};
use crate::json::Value;
use crate::messages::Message;
use crate::options::DebugOptions;
use crate::plan::Journey;
use crate::pod::ContainerKind;
use crate::profile::Profile;

/// Whether any overlay flag is given. Such a session is planned from the whole target (the
/// text skim keeps volumes and mounts as text), and only such a session runs this module.
pub(crate) fn any(o: &DebugOptions) -> bool {
    container_flags(o) || !o.volume_mount.is_empty() || pod_flag(o).is_some()
}

/// Whether a flag needing a target container is given.
fn container_flags(o: &DebugOptions) -> bool {
    o.as_target_user || o.mount_target_volumes
}

/// The first pod-level flag given (for messages).
fn pod_flag(o: &DebugOptions) -> Option<&'static str> {
    [
        (!o.image_pull_secret.is_empty(), "--image-pull-secret"),
        (!o.label.is_empty(), "--label"),
        (!o.annotation.is_empty(), "--annotation"),
        (!o.node_selector.is_empty(), "--node-selector"),
        (o.tolerations_from_node, "--tolerations-from-node"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
}

/// The container overlays (`--as-target-user`, the mounts) on the debug container `name` of
/// `kind` in `pod`, in their order (see the module documentation).
///
/// # Errors
/// As [`apply_user`] and [`apply_mounts`].
pub(crate) fn apply_container(
    pod: &mut Value,
    kind: ContainerKind,
    name: &str,
    target: Option<&TargetContainer>,
    ctx: (&DebugOptions, Profile),
    out: &mut Vec<Message>,
) -> Result<(), Error> {
    let (o, profile) = ctx;
    if !any(o) {
        return Ok(());
    }
    let Some(spec) = crate::pod::spec_mut(pod) else {
        return Ok(());
    };
    if let (true, Some(t)) = (o.as_target_user, target) {
        if let Some(c) = crate::pod::container_in_mut(spec, kind, name) {
            apply_user(c, t, profile, out)?;
        }
    }
    apply_mounts(spec, kind, name, target, o, out)
}

/// A copy that adds no debug container (`--set-image` alone) has nothing for the container
/// flags to change.
///
/// # Errors
/// [`Code::OverlayWrongJourney`].
pub(crate) fn need_container(o: &DebugOptions) -> Result<(), Error> {
    if container_flags(o) || !o.volume_mount.is_empty() {
        return Err(Error::new(
            Code::OverlayWrongJourney,
            "--as-target-user, --mount-target-volumes and --volume-mount change the debug \
             container, and this copy adds none: give --image or -c.",
        ));
    }
    Ok(())
}

/// The overlay flags this journey cannot honour, refused before anything is planned.
///
/// # Errors
/// [`Code::OverlayWrongJourney`], saying why.
pub(crate) fn check_journey(o: &DebugOptions, journey: Journey) -> Result<(), Error> {
    let wrong = |text: String| Err(Error::new(Code::OverlayWrongJourney, text));
    match journey {
        Journey::Ephemeral => match pod_flag(o) {
            Some("--image-pull-secret") => wrong(
                "--image-pull-secret cannot be used with an ephemeral container: it pulls its \
                 image with the pod's imagePullSecrets and those of the pod's service account, \
                 and the ephemeralcontainers subresource cannot change them. Add the secret to \
                 the service account, or debug a copy (--copy-to)."
                    .into(),
            ),
            Some(flag) => wrong(format!(
                "{flag} cannot be used with an ephemeral container: it is added through the \
                 pod's ephemeralcontainers subresource, which changes nothing but \
                 spec.ephemeralContainers (labels, annotations and scheduling would need a \
                 patch of the running pod). Debug a copy (--copy-to) instead."
            )),
            None => Ok(()),
        },
        Journey::Copy if o.tolerations_from_node => wrong(
            "--tolerations-from-node is for node debugging (node/NAME): a pod copy keeps the \
             source pod's tolerations."
                .into(),
        ),
        Journey::Node if container_flags(o) => {
            let flag = if o.as_target_user {
                "--as-target-user"
            } else {
                "--mount-target-volumes"
            };
            wrong(format!(
                "{flag} needs a target container, and a node has none: debug a pod, or use \
                 --volume-mount for a volume of the node debug pod."
            ))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
