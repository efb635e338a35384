//! Target resolution: `POD`, `TYPE/NAME` → the GET kubectl makes; an object → its journey.
//!
//! kubectl resolves names with its resource builder and discovery. The core knows the
//! resource types of the core and apps groups that a user may name, and needs no discovery.

use crate::json::boundary::boundary_struct;
use crate::json::Value;

use crate::api_path::escape_segment;
use crate::error::{Code, Error};
use crate::go::quote::go_quote;

/// A resource type kubectl can resolve: plural, singular, short names, group/version, scope.
struct ResourceType {
    plural: &'static str,
    singular: &'static str,
    short: &'static [&'static str],
    group_version: &'static str,
    namespaced: bool,
}

const fn rt(
    plural: &'static str,
    singular: &'static str,
    short: &'static [&'static str],
    group_version: &'static str,
    namespaced: bool,
) -> ResourceType {
    ResourceType {
        plural,
        singular,
        short,
        group_version,
        namespaced,
    }
}

/// The resource types a `TYPE/NAME` argument may name (kubectl gets these from discovery).
const RESOURCE_TYPES: &[ResourceType] = &[
    rt("pods", "pod", &["po"], "v1", true),
    rt("nodes", "node", &["no"], "v1", false),
    rt("namespaces", "namespace", &["ns"], "v1", false),
    rt("services", "service", &["svc"], "v1", true),
    rt("configmaps", "configmap", &["cm"], "v1", true),
    rt("secrets", "secret", &[], "v1", true),
    rt("serviceaccounts", "serviceaccount", &["sa"], "v1", true),
    rt(
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        &["pvc"],
        "v1",
        true,
    ),
    rt(
        "replicationcontrollers",
        "replicationcontroller",
        &["rc"],
        "v1",
        true,
    ),
    rt("deployments", "deployment", &["deploy"], "apps/v1", true),
    rt("replicasets", "replicaset", &["rs"], "apps/v1", true),
    rt("statefulsets", "statefulset", &["sts"], "apps/v1", true),
    rt("daemonsets", "daemonset", &["ds"], "apps/v1", true),
    rt("jobs", "job", &[], "batch/v1", true),
    rt("cronjobs", "cronjob", &["cj"], "batch/v1", true),
];

boundary_struct! {
    /// The GET of one target.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct GetRequest {
        deny_unknown: true;
        /// Always `GET`.
        pub method: String = String::new(), "method";
        /// The API path.
        pub path: String = String::new(), "path";
    }
}

boundary_struct! {
    /// One positional target resolved to the object kubectl reads.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct TargetRef {
        deny_unknown: true;
        /// The argument as given (`mypod`, `node/n1`).
        pub name: String = String::new(), "name";
        /// The resource (plural), e.g. `pods`, `nodes`, `deployments`.
        pub resource: String = String::new(), "resource";
        /// The object's name.
        pub object_name: String = String::new(), "objectName";
        /// The request that reads it.
        pub get: GetRequest = GetRequest::default(), "get";
    }
}

/// Mirrors kubectl's resource builder for `debug`'s positional arguments: bare names are
/// pods; `TYPE/NAME` and `TYPE.VERSION.GROUP/NAME` accept plural, singular and short names.
///
/// # Errors
/// `the server doesn't have a resource type "<type>"` for unknown types; an empty name.
pub(crate) fn resolve_target(arg: &str, namespace: &str) -> Result<TargetRef, Error> {
    let (type_part, name) = match arg.split_once('/') {
        Some((t, n)) => (t, n),
        None => ("pods", arg),
    };
    let type_name = type_part
        .split('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let rt = RESOURCE_TYPES
        .iter()
        .find(|r| {
            r.plural == type_name
                || r.singular == type_name
                || r.short.contains(&type_name.as_str())
        })
        .ok_or_else(|| {
            Error::new(
                Code::UnknownResourceType,
                format!(
                    "the server doesn't have a resource type {}",
                    go_quote(type_part)
                ),
            )
        })?;
    if name.is_empty() || name.contains('/') {
        return Err(Error::new(
            Code::InvalidTarget,
            "arguments in resource/name form must have a single resource and name",
        ));
    }
    let prefix = match rt.group_version {
        "v1" => "/api/v1".to_string(),
        gv => format!("/apis/{gv}"),
    };
    // client-go's `Request.Namespace` (when scoped) then `Request.Name` checks, and Go's
    // path escaping: a name can neither leave its segment nor start a query string.
    let path = if rt.namespaced {
        crate::api_path::check_namespace(namespace)?;
        crate::api_path::check_resource_name(name)?;
        format!(
            "{prefix}/namespaces/{}/{}/{}",
            escape_segment(namespace),
            rt.plural,
            escape_segment(name)
        )
    } else {
        crate::api_path::check_resource_name(name)?;
        format!("{prefix}/{}/{}", rt.plural, escape_segment(name))
    };
    Ok(TargetRef {
        name: arg.to_string(),
        resource: rt.plural.to_string(),
        object_name: name.to_string(),
        get: GetRequest {
            method: "GET".to_string(),
            path,
        },
    })
}

/// What a target object is, by `kind` (kubectl dispatches on the Go type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetKind {
    /// A Pod: ephemeral container or pod copy.
    Pod,
    /// A Node: node debug pod.
    Node,
}

/// Mirrors kubectl `visitPod`/`visitNode` dispatch: Pod and Node are debuggable; anything
/// else is `"<group>/<version>, Kind=<Kind>" not supported by debug`.
///
/// # Errors
/// An object that is not a JSON object, or has no `kind`, or an unsupported kind.
pub(crate) fn target_kind(obj: &Value) -> Result<TargetKind, Error> {
    let Some(map) = obj.as_object() else {
        return Err(Error::new(
            Code::InvalidTarget,
            "the target object must be a JSON object",
        ));
    };
    let kind = map.get("kind").and_then(Value::as_str).unwrap_or("");
    let api_version = map.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    match (kind, api_version) {
        ("Pod", "v1" | "") => Ok(TargetKind::Pod),
        ("Node", "v1" | "") => Ok(TargetKind::Node),
        ("", _) => Err(Error::new(
            Code::InvalidTarget,
            "Object 'Kind' is missing in the target object",
        )),
        (kind, api_version) => {
            let gv = if api_version.contains('/') {
                api_version.to_string()
            } else {
                format!("/{api_version}")
            };
            Err(Error::new(
                Code::UnsupportedKind,
                format!(
                    "{} not supported by debug",
                    go_quote(&format!("{gv}, Kind={kind}"))
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests;
