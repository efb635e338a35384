//! A pod list read back into the debug sessions it holds (what `kubedebug list` prints and
//! `kubedebug cleanup` chooses from).

use crate::error::{Code, Error};
use crate::json::{object, str_at, Map, Value};

use super::{JOURNEY_LABEL, PREFIX};

/// The label kubectl 1.34+ puts on its node debug pods.
const MANAGED_BY: &str = "app.kubernetes.io/managed-by";

type Obj = Map<String, Value>;

/// Every debug session in `text` (a `PodList` or one Pod, as JSON), in list order, each a
/// flat object (`www/core/index.d.ts` `DebugSession`):
///
/// - each ephemeral container of each pod (`kind: "ephemeral"`, `managedBy: ""`). The API
///   adds ephemeral containers only through the `ephemeralcontainers` subresource, that is to
///   debug, and they cannot carry labels: they are found in `spec.ephemeralContainers`
///   (kubectl names them `debugger-xxxxx` unless `-c` is given), their state in
///   `status.ephemeralContainerStatuses`, their target in `targetContainerName`;
/// - each pod labelled `kubedebug.dev/journey=copy|node` by `--session-label`
///   (`managedBy: "kubedebug"`), and each node debug pod kubectl 1.34+ labelled
///   `app.kubernetes.io/managed-by=kubectl-debug` (`kind: "node"`, `managedBy: "kubectl"`).
///   Unmarked pods (kubectl's pod copies, older kubectl's node pods) are not sessions.
///
/// A session is `finished` when its container terminated, or its pod is `Succeeded`, `Failed`
/// or being deleted.
///
/// # Errors
/// Text that is not JSON: [`Code::InvalidInput`], `invalid pod list: …`.
pub fn list_sessions(text: &str) -> Result<Vec<Value>, Error> {
    let list = kubedebug_skim::from_str(text)
        .map_err(|e| Error::new(Code::InvalidInput, format!("invalid pod list: {e}")))?;
    let mut out = Vec::new();
    match list.get("items").and_then(Value::as_array) {
        Some(items) => items.iter().for_each(|p| pod_sessions(p, &mut out)),
        None => pod_sessions(&list, &mut out),
    }
    Ok(out)
}

/// The object at `key` of `v`, or `empty`.
fn obj<'a>(v: Option<&'a Value>, key: &str, empty: &'a Obj) -> &'a Obj {
    v.and_then(|v| v.get(key))
        .and_then(Value::as_object)
        .unwrap_or(empty)
}

/// The objects of the array at `key` of `o`.
fn items<'a>(o: &'a Obj, key: &str) -> impl Iterator<Item = &'a Obj> {
    o.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

/// The sessions of one pod: itself when marked, then its ephemeral containers.
fn pod_sessions(pod: &Value, out: &mut Vec<Value>) {
    let empty = Obj::new();
    let obj = |v, key| obj(v, key, &empty);
    let meta = obj(Some(pod), "metadata");
    let (spec, status) = (obj(Some(pod), "spec"), obj(Some(pod), "status"));
    let labels = obj(pod.get("metadata"), "labels");
    let notes = obj(pod.get("metadata"), "annotations");
    let note = |key: &str| str_at(notes, &format!("{PREFIX}{key}")).to_string();
    let phase = str_at(status, "phase");
    let deleting = meta.contains_key("deletionTimestamp");
    let pod_done = deleting || matches!(phase, "Succeeded" | "Failed");
    let base = Base {
        namespace: str_at(meta, "namespace"),
        pod: str_at(meta, "name"),
        phase,
        deleting,
        pod_done,
    };
    let marked = match (str_at(labels, JOURNEY_LABEL), str_at(labels, MANAGED_BY)) {
        (j @ ("copy" | "node"), _) => Some((j, "kubedebug", note("target"))),
        (_, "kubectl-debug") => Some((
            "node",
            "kubectl",
            format!("node/{}", str_at(spec, "nodeName")),
        )),
        _ => None,
    };
    if let Some((kind, by, target)) = marked {
        let name = match note("container") {
            n if n.is_empty() => items(spec, "containers")
                .next()
                .map_or("", |c| str_at(c, "name"))
                .to_string(),
            n => n,
        };
        let container = items(spec, "containers").find(|c| str_at(c, "name") == name);
        let found = items(status, "containerStatuses").find(|s| str_at(s, "name") == name);
        let created = str_at(meta, "creationTimestamp");
        let id = str_at(labels, &format!("{PREFIX}session")).to_string();
        let mark = [id, note("profile"), note("creator")];
        out.push(base.session(kind, by, &name, container, &target, found, created, mark));
    }
    for ec in items(spec, "ephemeralContainers") {
        let name = str_at(ec, "name");
        let found = items(status, "ephemeralContainerStatuses").find(|s| str_at(s, "name") == name);
        let state = found.and_then(|s| s.get("state"));
        let started = ["running", "terminated"]
            .iter()
            .find_map(|k| {
                state
                    .and_then(|s| s.get(k))
                    .and_then(|s| s.get("startedAt"))
            })
            .and_then(Value::as_str)
            .unwrap_or("");
        let target = str_at(ec, "targetContainerName");
        out.push(base.session(
            "ephemeral",
            "",
            name,
            Some(ec),
            target,
            found,
            started,
            Default::default(),
        ));
    }
}

/// The boolean at `key` of the container spec (`stdin`, `tty`), false when absent.
fn flag(container: Option<&Obj>, key: &str) -> bool {
    container
        .and_then(|c| c.get(key))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// What every session of one pod shares.
struct Base<'a> {
    namespace: &'a str,
    pod: &'a str,
    phase: &'a str,
    deleting: bool,
    pod_done: bool,
}

impl Base<'_> {
    /// One session: the debug container `name` (its spec and status, when found).
    #[allow(clippy::too_many_arguments)]
    fn session(
        &self,
        kind: &str,
        by: &str,
        name: &str,
        container: Option<&Obj>,
        target: &str,
        found: Option<&Obj>,
        created: &str,
        [session, profile, creator]: [String; 3],
    ) -> Value {
        let state = found
            .and_then(|s| s.get("state"))
            .and_then(Value::as_object);
        let (which, detail) = state
            .and_then(|s| {
                s.iter()
                    .find(|(k, _)| matches!(k.as_str(), "waiting" | "running" | "terminated"))
            })
            .map_or(("", None), |(k, v)| (k.as_str(), v.as_object()));
        let exit_code = detail
            .and_then(|d| d.get("exitCode"))
            .cloned()
            .unwrap_or(Value::Null);
        let s = |v: &str| Value::String(v.to_string());
        object([
            ("kind", s(kind)),
            ("managedBy", s(by)),
            ("namespace", s(self.namespace)),
            ("pod", s(self.pod)),
            ("container", s(name)),
            ("image", s(container.map_or("", |c| str_at(c, "image")))),
            ("stdin", Value::Bool(flag(container, "stdin"))),
            ("tty", Value::Bool(flag(container, "tty"))),
            ("target", s(target)),
            ("state", s(which)),
            ("reason", s(detail.map_or("", |d| str_at(d, "reason")))),
            ("exitCode", exit_code),
            ("phase", s(self.phase)),
            ("deleting", Value::Bool(self.deleting)),
            (
                "finished",
                Value::Bool(self.pod_done || which == "terminated"),
            ),
            ("createdAt", s(created)),
            ("session", Value::String(session)),
            ("profile", Value::String(profile)),
            ("creator", Value::String(creator)),
        ])
    }
}
