//! kubedebug's configured defaults (not kubectl's): the default image where kubectl would
//! fail for lack of `--image`, and `--rm` and `--session-label` as configured defaults. The host reads the
//! configuration (environment, config file) and hands it in the session; which default
//! applies, and when, is decided here.

use crate::messages::Message;
use crate::options::DebugOptions;
use crate::version::KubectlVersion;
use std::collections::BTreeMap;

/// Whether kubectl's `Validate` fails because `--image` is missing (its checks 1–2 and 4:
/// attaching without a container, a copy that adds nothing or runs args in no container, an
/// ephemeral container without an image). Never true when kubectl accepts the options.
fn lacks_image(o: &DebugOptions) -> bool {
    let copy = !o.copy_to.is_empty();
    o.image.is_empty()
        && ((o.attach == Some(true) && o.container.is_empty())
            || (copy && o.set_image.is_empty() && o.args.is_empty())
            || (copy && !o.args.is_empty() && o.container.is_empty())
            || (!copy && !o.replace && !o.same_node && o.set_image.is_empty()))
}

/// Apply the session's configured defaults to `o`: `rm` when attaching and not `--retain`;
/// `sessionLabel` when `--session-label` was not given;
/// the default image for the profile in effect (else the `*` one), only where kubectl would
/// fail for lack of `--image`. The line saying which image was used.
pub(crate) fn apply_defaults(
    o: &mut DebugOptions,
    version: KubectlVersion,
    (images, source, default_rm, default_label): (&BTreeMap<String, String>, &str, bool, bool),
) -> Option<Message> {
    if o.session_label.is_none() && default_label {
        o.session_label = Some(true);
    }
    if default_rm && !o.retain && o.wants_attach() {
        o.rm = true;
    }
    if !lacks_image(o) {
        return None;
    }
    let image = images
        .get(o.effective_profile(version))
        .or_else(|| images.get("*"))?;
    o.image = image.clone();
    (!o.quiet).then(|| Message::stdout(format!("Using the default image {image} from {source}.")))
}

#[cfg(test)]
mod tests;
