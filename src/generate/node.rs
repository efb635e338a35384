//! The node journey.

use crate::json::{Map, Value};
use kubedebug_skim::json;

use super::{apply_custom_profile, new_debug_container, Context};
use crate::api_path;
use crate::error::{Code, Error};
use crate::explain::Stage;
use crate::json::str_at;
use crate::messages;
use crate::names::{check_node_debug_pod_name, node_debug_pod_name};
use crate::plan::{ApiRequest, AttachTarget, Journey, Plan, JSON};
use crate::pod::ContainerKind;
use crate::profile::{self, DebugStyle};
use crate::validate::Failure;

const REGULAR: ContainerKind = ContainerKind::Regular;

/// Mirrors kubectl `generateNodeDebugPod` and `visitNode`: a pod on the node, named
/// `node-debugger-<node>-<suffix>`, tolerating every taint, created in the command's namespace.
/// Without `with_result` the plan's `result` is `null` and the pod is only the POST body, so
/// it is not duplicated.
///
/// # Errors
/// A node without a name; a custom profile that cannot be merged.
pub(crate) fn generate_node_debug_pod(
    node: &Value,
    ctx: &mut Context<'_>,
    with_result: bool,
) -> Result<Plan, Failure> {
    let o = ctx.options;
    crate::overlay::check_journey(o, Journey::Node)?;
    let node_name = node
        .get("metadata")
        .and_then(Value::as_object)
        .map(|m| str_at(m, "name").to_string())
        .unwrap_or_default();
    if node_name.is_empty() {
        return Err(Error::new(Code::InvalidTarget, "the target node has no metadata.name").into());
    }
    let container_name = if o.container.is_empty() {
        "debugger".to_string()
    } else {
        o.container.clone()
    };
    let pod_name = node_debug_pod_name(&node_name, ctx.names);
    let mut out = Vec::new();
    if !o.quiet {
        out.push(messages::creating_node_pod(
            &pod_name,
            &container_name,
            &node_name,
        ));
    }
    let mut metadata = Map::new();
    metadata.insert("name".into(), Value::String(pod_name.clone()));
    if ctx.version.at_least(34) {
        metadata.insert(
            "labels".into(),
            json!({"app.kubernetes.io/managed-by": "kubectl-debug"}),
        );
    }
    let container = new_debug_container(o, &container_name);
    let mut pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": metadata,
        "spec": {
            "containers": [container],
            "restartPolicy": "Never",
            "nodeName": node_name,
            "tolerations": [{"operator": "Exists"}],
        },
    });
    ctx.start(&json!({}));
    ctx.step(Stage::Journey("node-pod"), &pod);
    profile::apply(
        ctx.profile,
        &mut pod,
        &container_name,
        DebugStyle::Node,
        ctx.keep(),
        ctx.version,
    );
    ctx.step(Stage::Profile(ctx.profile.as_str().into()), &pod);
    let overlay = (o, ctx.profile);
    crate::overlay::apply_container(&mut pod, REGULAR, &container_name, None, overlay, &mut out)
        .map_err(|e| Failure::after(e, &out))?;
    crate::overlay::apply_pod_fields(&mut pod, o, Some(node))
        .map_err(|e| Failure::after(e, &out))?;
    ctx.step(Stage::Overlay, &pod);
    if let Some(custom) = ctx.custom {
        apply_custom_profile(
            custom,
            &mut pod,
            ContainerKind::Regular,
            &container_name,
            &pod_name,
        )?;
    }
    ctx.step(Stage::Custom, &pod);
    crate::sessions::mark_pod(
        &mut pod,
        "node",
        &format!("node/{node_name}"),
        &container_name,
        ctx,
    );
    ctx.step(Stage::Session, &pod);
    let debug_container = crate::pod::spec(&pod)
        .and_then(|s| crate::pod::containers(s, ContainerKind::Regular).next())
        .cloned();
    let fail = |error| Failure::after(error, &out);
    let path = api_path::pods(ctx.namespace).map_err(fail)?;
    check_node_debug_pod_name(&pod_name, &node_name).map_err(fail)?;
    let cleanup = match o.rm {
        true => Some(api_path::pod(ctx.namespace, &pod_name, None).map_err(fail)?),
        false => None,
    };
    let attach = o.wants_attach().then(|| AttachTarget {
        namespace: ctx.namespace.to_string(),
        pod: pod_name.clone(),
        container: container_name.clone(),
        ephemeral: false,
        stdin: o.stdin,
        tty: o.tty,
        recording_banner: ctx.version.records_banner(),
    });
    let (body, result) = if with_result {
        (pod.clone(), pod)
    } else {
        (pod, Value::Null)
    };
    Ok(Plan {
        journey: Journey::Node,
        requests: vec![ApiRequest {
            method: "POST".into(),
            path,
            content_type: JSON.into(),
            body,
        }],
        result,
        container: debug_container.map(Value::Object),
        attach,
        messages: out,
        cleanup,
        explain: ctx.explained(),
    })
}
