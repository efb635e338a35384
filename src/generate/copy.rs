//! The pod-copy journey (`--copy-to`).

use std::borrow::Cow;

use crate::json::{Map, Value};

use super::{apply_custom_profile, new_debug_container, non_root_warning, set_env, Context};
use crate::api_path;
use crate::error::{Code, Error};
use crate::explain::Stage;
use crate::json::{ensure_array, set_flag, set_str, string_array};
use crate::messages;
use crate::names::debug_container_name;
use crate::plan::{ApiRequest, AttachTarget, Journey, Plan, JSON};
use crate::pod::{container_in_mut, containers, name_of, ContainerKind};
use crate::profile::{self, DebugStyle};
use crate::validate::Failure;

type Obj = Map<String, Value>;

/// Mirrors kubectl `generatePodCopyWithDebugContainer` and `debugByCopy`: the copy, its
/// POST, and for `--replace` the DELETE of the original after the create. An owned pod gives
/// its fields to the copy instead of having them copied. Without `with_result` the plan's
/// `result` is `null` and the copy is only the POST body, so it is not duplicated.
///
/// Every field of the source the journey does not deliberately change is kept, including
/// fields newer than any Kubernetes type this library knows.
///
/// # Errors
/// A pod without a name; `you must specify image when creating new container`; a custom
/// profile that cannot be merged.
pub(crate) fn generate_pod_copy_with_debug_container(
    pod: Cow<'_, Value>,
    ctx: &mut Context<'_>,
    with_result: bool,
) -> Result<Plan, Failure> {
    let o = ctx.options;
    if !pod.is_object() {
        return Err(Error::new(Code::InvalidTarget, "the target pod is not a JSON object").into());
    }
    crate::overlay::check_journey(o, Journey::Copy)?;
    let target = crate::overlay::TargetContainer::find(&pod, &o.container, true, o)?;
    let (source_name, namespace) = super::pod_identity(&pod, ctx)?;
    let (source_name, namespace) = (source_name.to_string(), namespace.to_string());
    ctx.start(&pod);
    let copy = new_pod(
        pod,
        o.copy_to.as_str(),
        &namespace,
        ctx.version.at_least(31),
    );
    let mut out = Vec::new();
    let mut copy = Value::Object(copy);
    ctx.step(Stage::CopyPod, &copy);
    let Some(spec) = copy.get_mut("spec").and_then(Value::as_object_mut) else {
        return Err(Error::new(Code::InvalidTarget, "the target pod has no spec").into());
    };
    prepare_spec(spec, ctx);
    ctx.step(Stage::CopySpec, &copy);
    let Some(spec) = copy.get_mut("spec").and_then(Value::as_object_mut) else {
        return Err(Error::new(Code::InvalidTarget, "the target pod has no spec").into());
    };
    let selected = select_container(spec, ctx, &mut out)?;
    ctx.step(Stage::Journey("debug-container"), &copy);
    let mut container_name = String::new();
    let mut container = None;
    if selected.is_none() {
        // A `--set-image` copy: no debug container, no profile.
        crate::overlay::need_container(o)?;
        crate::overlay::apply_pod_fields(&mut copy, o, None)
            .map_err(|e| Failure::after(e, &out))?;
        ctx.step(Stage::Overlay, &copy);
    }
    if let Some((kind, name)) = selected {
        profile::apply(
            ctx.profile,
            &mut copy,
            &name,
            DebugStyle::PodCopy,
            ctx.keep(),
            ctx.version,
        );
        ctx.step(Stage::Profile(ctx.profile.as_str().into()), &copy);
        let overlay = (o, ctx.profile);
        crate::overlay::apply_container(&mut copy, kind, &name, target.as_ref(), overlay, &mut out)
            .map_err(|e| Failure::after(e, &out))?;
        crate::overlay::apply_pod_fields(&mut copy, o, None)
            .map_err(|e| Failure::after(e, &out))?;
        ctx.step(Stage::Overlay, &copy);
        if let Some(custom) = ctx.custom {
            // kubectl merges the custom profile only into spec.containers.
            if kind == ContainerKind::Init {
                return Err(Error::new(
                    Code::CustomMerge,
                    format!(
                        "unable to find the {name} container in the pod {}",
                        o.copy_to
                    ),
                )
                .into());
            }
            apply_custom_profile(custom, &mut copy, kind, &name, &o.copy_to)?;
        }
        ctx.step(Stage::Custom, &copy);
        let selected = crate::pod::spec(&copy)
            .and_then(|s| containers(s, kind).find(|c| name_of(c) == name))
            .cloned();
        if kind == ContainerKind::Regular {
            out.extend(non_root_warning(
                ctx.version,
                crate::pod::spec(&copy),
                selected.as_ref(),
            ));
        }
        container = selected.map(Value::Object);
        container_name = name;
    }
    crate::sessions::mark_pod(
        &mut copy,
        "copy",
        &format!("pod/{source_name}"),
        &container_name,
        ctx,
    );
    ctx.step(Stage::Session, &copy);
    let (body, result) = if with_result {
        (copy.clone(), copy)
    } else {
        (copy, Value::Null)
    };
    // DIVERGENCE(kubectl): kubectl creates the copy and only then fails (in client-go) to
    // delete a source whose name cannot be a path segment; both paths are checked before
    // anything is sent, so nothing is half-done.
    let fail = |error| Failure::after(error, &out);
    let post_path = api_path::pods(&namespace).map_err(fail)?;
    // --rm deletes only the copy (with --replace, kubectl deleted the source already), and
    // only when it attaches to it.
    let cleanup = match o.rm && !container_name.is_empty() {
        true => Some(api_path::pod(&namespace, &o.copy_to, None).map_err(fail)?),
        false => None,
    };
    let delete_path = match o.replace {
        true => Some(api_path::pod(&namespace, &source_name, None).map_err(fail)?),
        false => None,
    };
    let mut requests = vec![ApiRequest {
        method: "POST".into(),
        path: post_path,
        content_type: JSON.into(),
        body,
    }];
    if let Some(path) = delete_path {
        requests.push(ApiRequest {
            method: "DELETE".into(),
            path,
            content_type: JSON.into(),
            body: kubedebug_skim::json!({"kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0}),
        });
    }
    let attach = (o.wants_attach() && !container_name.is_empty()).then(|| AttachTarget {
        namespace: namespace.clone(),
        pod: o.copy_to.clone(),
        container: container_name.clone(),
        ephemeral: false,
        stdin: o.stdin,
        tty: o.tty,
        recording_banner: ctx.version.records_banner(),
    });
    Ok(Plan {
        journey: Journey::Copy,
        requests,
        result,
        container,
        attach,
        messages: out,
        cleanup,
        explain: ctx.explained(),
    })
}

/// The copy's skeleton: new metadata (name, namespace, annotations; labels from 1.31),
/// the source's spec, no status. Unknown top-level fields of the source are kept. An owned
/// source's fields are moved into the copy, a borrowed one's are copied.
fn new_pod(mut source: Cow<'_, Value>, name: &str, namespace: &str, copy_labels: bool) -> Obj {
    let others: Vec<String> = source
        .as_object()
        .into_iter()
        .flat_map(|s| s.keys())
        .filter(|k| {
            !matches!(
                k.as_str(),
                "apiVersion" | "kind" | "metadata" | "spec" | "status"
            )
        })
        .cloned()
        .collect();
    let mut grab = |path: &[&str]| -> Option<Value> {
        match &mut source {
            Cow::Borrowed(v) => path.iter().try_fold(*v, |v, k| v.get(k)).cloned(),
            Cow::Owned(v) => path
                .iter()
                .try_fold(v, |v, k| v.get_mut(k))
                .map(std::mem::take),
        }
    };
    let mut m = Obj::new();
    m.insert("name".into(), Value::String(name.to_string()));
    m.insert("namespace".into(), Value::String(namespace.to_string()));
    let mut keys = vec!["annotations"];
    if copy_labels {
        keys.insert(0, "labels");
    }
    for key in keys {
        if let Some(v) = grab(&["metadata", key]).filter(|v| !crate::json::is_empty(Some(v))) {
            m.insert(key.into(), v);
        }
    }
    let mut pod = Obj::new();
    pod.insert("apiVersion".into(), Value::String("v1".into()));
    pod.insert("kind".into(), Value::String("Pod".into()));
    pod.insert("metadata".into(), Value::Object(m));
    pod.insert(
        "spec".into(),
        // kubectl's typed decode reads `spec: null` as the empty PodSpec, like an absent one.
        grab(&["spec"])
            .filter(|v| !v.is_null())
            .unwrap_or(Value::Object(Obj::new())),
    );
    for k in others {
        if let Some(v) = grab(&[k.as_str()]) {
            pod.insert(k, v);
        }
    }
    pod
}

/// Steps 2–5 of `generatePodCopyWithDebugContainer`: drop ephemeral containers, explicit
/// `--share-processes`, clear `nodeName` unless `--same-node`, apply `--set-image`.
fn prepare_spec(spec: &mut Obj, ctx: &Context<'_>) {
    let o = ctx.options;
    spec.shift_remove("ephemeralContainers");
    if let Some(share) = o.share_processes {
        spec.insert("shareProcessNamespace".into(), Value::Bool(share));
    }
    if !o.same_node {
        spec.shift_remove("nodeName");
    }
    if o.set_image.is_empty() {
        return;
    }
    // One lookup map for all containers: O((n + m) log n) for n pairs and m containers (a
    // scan of the pairs per container was O(n·m)). The first pair of a name wins, as the scan.
    let mut images: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for p in &o.set_image {
        images.entry(p.name.as_str()).or_insert(p.value.as_str());
    }
    let star = images.get("*").copied();
    crate::pod::for_each_container(spec, ContainerKind::Regular, |c| {
        let image = images.get(name_of(c)).copied().or(star);
        if let Some(image) = image {
            c.insert("image".into(), Value::String(image.to_string()));
        }
    });
}

/// Steps 6–7: find `--container` (regular, else init) or add a new one, then set its command,
/// env, image, pull policy, stdin and tty. `None` for a set-image-only copy.
fn select_container(
    spec: &mut Obj,
    ctx: &mut Context<'_>,
    out: &mut Vec<crate::messages::Message>,
) -> Result<Option<(ContainerKind, String)>, Error> {
    let o = ctx.options;
    // kubectl builds a name → container map visiting init then regular containers, so a
    // regular container wins over an init container of the same name.
    let existing = [ContainerKind::Regular, ContainerKind::Init]
        .into_iter()
        .find(|k| {
            !o.container.is_empty() && containers(spec, *k).any(|c| name_of(c) == o.container)
        });
    let (kind, name) = match existing {
        Some(kind) => (kind, o.container.clone()),
        None => {
            if o.image.is_empty() {
                if !o.set_image.is_empty() {
                    return Ok(None);
                }
                return Err(Error::invalid(
                    "you must specify image when creating new container",
                ));
            }
            let name = if o.container.is_empty() {
                let taken = [ContainerKind::Init, ContainerKind::Regular]
                    .into_iter()
                    .flat_map(|k| containers(spec, k).map(name_of));
                let name = debug_container_name(taken, ctx.names);
                if !o.quiet {
                    out.push(messages::defaulting_name(&name));
                }
                name
            } else {
                o.container.clone()
            };
            let mut c = Obj::new();
            c.insert("name".into(), Value::String(name.clone()));
            c.insert("resources".into(), Value::Object(Obj::new()));
            c.insert(
                "terminationMessagePolicy".into(),
                Value::String("File".into()),
            );
            if let Some(list) = ensure_array(spec, "containers") {
                list.push(Value::Object(c));
            }
            (ContainerKind::Regular, name)
        }
    };
    let is_new = existing.is_none();
    if let Some(c) = container_in_mut(spec, kind, &name) {
        if !o.args.is_empty() {
            if o.arguments_only {
                c.insert("args".into(), string_array(&o.args));
            } else {
                c.insert("command".into(), string_array(&o.args));
                c.shift_remove("args");
            }
        }
        set_env(c, o);
        if !o.image.is_empty() {
            c.insert("image".into(), Value::String(o.image.clone()));
        }
        if !o.image_pull_policy.is_empty() {
            set_str(c, "imagePullPolicy", &o.image_pull_policy);
        }
        set_flag(c, "stdin", o.stdin);
        set_flag(c, "tty", o.tty);
        if is_new {
            reorder_like(c, &new_debug_container(o, &name));
        }
    }
    Ok(Some((kind, name)))
}

/// Put `c`'s keys in the order of `template` (Go struct order), others after.
fn reorder_like(c: &mut Obj, template: &Obj) {
    let mut sorted = Obj::new();
    for k in template.keys() {
        if let Some(v) = c.shift_remove(k) {
            sorted.insert(k.clone(), v);
        }
    }
    sorted.append(c);
    *c = sorted;
}
