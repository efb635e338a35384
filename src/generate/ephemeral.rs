//! The ephemeral-container journey.

use std::borrow::Cow;

use crate::json::{Map, Value};

use super::{apply_custom_profile, new_debug_container, non_root_warning, Context};
use crate::api_path;
use crate::error::{Code, Error};
use crate::explain::Stage;
use crate::json::{ensure_array, ensure_object};
use crate::messages;
use crate::names::debug_container_name;
use crate::plan::{ApiRequest, AttachTarget, Journey, Plan, STRATEGIC_MERGE_PATCH};
use crate::pod::{all_container_names, containers, name_of, ContainerKind};
use crate::profile::{self, DebugStyle};
use crate::smp::{create_two_way_merge_patch, create_two_way_merge_patch_one_field, Schema};
use crate::validate::Failure;

/// Mirrors kubectl `generateDebugContainer` and `debugByEphemeralContainer`: the pod with a
/// new ephemeral container, and the strategic-merge PATCH of `pods/NAME/ephemeralcontainers`.
/// An owned pod becomes the result in place: only its `spec` (the one field this journey
/// changes) is copied first, for the patch.
///
/// # Errors
/// A pod without a name; a custom profile that cannot be merged; a patch that cannot be built.
pub(crate) fn generate_debug_container(
    pod: Cow<'_, Value>,
    ctx: &mut Context<'_>,
) -> Result<Plan, Failure> {
    let o = ctx.options;
    crate::overlay::check_journey(o, Journey::Ephemeral)?;
    let target = crate::overlay::TargetContainer::find(&pod, &o.target, false, o)?;
    let (pod_name, namespace) = super::pod_identity(&pod, ctx)?;
    let (pod_name, namespace) = (pod_name.to_string(), namespace.to_string());
    ctx.start(&pod);
    let mut out = Vec::new();
    let empty = Map::new();
    let spec = crate::pod::spec(&pod).unwrap_or(&empty);
    let name = if o.container.is_empty() {
        let name = debug_container_name(all_container_names(spec), ctx.names);
        if !o.quiet {
            out.push(messages::defaulting_name(&name));
        }
        name
    } else {
        o.container.clone()
    };
    let mut container = new_debug_container(o, &name);
    // kubedebug's --rm: the API cannot delete an ephemeral container; with stdinOnce its
    // process ends when the attached client detaches.
    if o.rm && o.stdin {
        container.insert("stdinOnce".into(), Value::Bool(true));
    }
    if !o.target.is_empty() {
        container.insert(
            "targetContainerName".into(),
            Value::String(o.target.clone()),
        );
    }

    let (before, mut modified) = match pod {
        Cow::Borrowed(p) => (Before::Pod(p), p.clone()),
        // Only `spec.ephemeralContainers` changes in an object `spec`, unless an init or
        // regular container has the debug container's name (profiles edit the first
        // container of that name): keep that list's old value alone.
        Cow::Owned(p) => match crate::pod::spec(&p).filter(|s| !shadowed(s, &name)) {
            Some(spec) => (
                Before::EphemeralContainers(spec.get("ephemeralContainers").cloned()),
                p,
            ),
            None => (Before::Spec(p.get("spec").cloned()), p),
        },
    };
    let appended = modified
        .as_object_mut()
        .and_then(|p| ensure_object(p, "spec"))
        .and_then(|s| ensure_array(s, "ephemeralContainers"))
        .map(|list| list.push(Value::Object(container)));
    if appended.is_none() {
        return Err(Error::new(Code::InvalidTarget, "the target pod is not a JSON object").into());
    }
    ctx.step(Stage::Journey("ephemeral-container"), &modified);
    profile::apply(
        ctx.profile,
        &mut modified,
        &name,
        DebugStyle::Ephemeral,
        ctx.keep(),
        ctx.version,
    );
    ctx.step(Stage::Profile(ctx.profile.as_str().into()), &modified);
    let overlay = (o, ctx.profile);
    crate::overlay::apply_container(
        &mut modified,
        EPHEMERAL,
        &name,
        target.as_ref(),
        overlay,
        &mut out,
    )
    .map_err(|e| Failure::after(e, &out))?;
    ctx.step(Stage::Overlay, &modified);
    if let Some(custom) = ctx.custom {
        apply_custom_profile(
            custom,
            &mut modified,
            ContainerKind::Ephemeral,
            &name,
            &pod_name,
        )?;
    }
    ctx.step(Stage::Custom, &modified);
    let debug_container = crate::pod::spec(&modified)
        .and_then(|s| {
            containers(s, ContainerKind::Ephemeral)
                .filter(|c| name_of(c) == name)
                .last()
        })
        .cloned();
    let spec_before = match &before {
        Before::EphemeralContainers(_) => crate::pod::spec(&modified),
        _ => before.spec(),
    };
    out.extend(non_root_warning(
        ctx.version,
        spec_before,
        debug_container.as_ref(),
    ));

    let patch = match &before {
        Before::Pod(pod) => create_two_way_merge_patch(pod, &modified, Schema::Pod),
        Before::Spec(spec) => {
            create_two_way_merge_patch_one_field(&modified, &["spec"], spec.as_ref(), Schema::Pod)
        }
        Before::EphemeralContainers(list) => create_two_way_merge_patch_one_field(
            &modified,
            &["spec", "ephemeralContainers"],
            list.as_ref(),
            Schema::Pod,
        ),
    }
    .map_err(|e| {
        Error::new(
            Code::InvalidTarget,
            format!("error creating patch to add debug container: {e}"),
        )
    })?;
    // kubectl's `Patch` fails in client-go after the lines above were printed.
    let path = api_path::pod(&namespace, &pod_name, Some("ephemeralcontainers"))
        .map_err(|error| Failure::after(error, &out))?;
    let attach = o.wants_attach().then(|| AttachTarget {
        namespace: namespace.clone(),
        pod: pod_name.clone(),
        container: name.clone(),
        ephemeral: true,
        stdin: o.stdin,
        tty: o.tty,
        recording_banner: ctx.version.records_banner(),
    });
    Ok(Plan {
        journey: Journey::Ephemeral,
        requests: vec![ApiRequest {
            method: "PATCH".into(),
            path,
            content_type: STRATEGIC_MERGE_PATCH.into(),
            body: patch,
        }],
        result: modified,
        container: debug_container.map(Value::Object),
        attach,
        messages: out,
        cleanup: None,
        explain: ctx.explained(),
    })
}

const EPHEMERAL: ContainerKind = ContainerKind::Ephemeral;

/// Whether an init or regular container is named `name` (and so is the one profiles edit).
fn shadowed(spec: &Map<String, Value>, name: &str) -> bool {
    [ContainerKind::Init, ContainerKind::Regular]
        .into_iter()
        .any(|k| containers(spec, k).any(|c| name_of(c) == name))
}

/// The target pod as it was, for the patch: the whole pod, or (when the pod itself became
/// the result) only its old `spec` (absent or not an object), or only its old
/// `spec.ephemeralContainers` (the rest of an object `spec` is unchanged).
enum Before<'a> {
    Pod(&'a Value),
    Spec(Option<Value>),
    EphemeralContainers(Option<Value>),
}

impl Before<'_> {
    /// The pod's `spec` as it was, when kept whole.
    fn spec(&self) -> Option<&Map<String, Value>> {
        match self {
            Before::Pod(pod) => crate::pod::spec(pod),
            Before::Spec(spec) => spec.as_ref().and_then(Value::as_object),
            Before::EphemeralContainers(_) => None,
        }
    }
}
