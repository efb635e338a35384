//! The three journeys' generators, and what they share.

mod copy;
mod ephemeral;
mod node;

pub(crate) use copy::generate_pod_copy_with_debug_container;
pub(crate) use ephemeral::generate_debug_container;
pub(crate) use node::generate_node_debug_pod;

use crate::json::{Map, Value};

use crate::error::{Code, Error};
use crate::json::{set_flag, set_str, string_array};
use crate::messages::{self, Message};
use crate::options::DebugOptions;
use crate::pod::{container_in_mut, ContainerKind};
use crate::smp::{strategic_merge_patch, Schema};
use crate::version::KubectlVersion;

/// Everything a generator needs besides the target object.
pub(crate) struct Context<'a> {
    /// The validated options.
    pub options: &'a DebugOptions,
    /// The profile in effect.
    pub profile: crate::profile::Profile,
    /// The decoded custom profile, if any.
    pub custom: Option<&'a Value>,
    /// The kubectl version followed.
    pub version: KubectlVersion,
    /// The command's namespace (`-n` or the kubeconfig context's).
    pub namespace: &'a str,
    /// Where generated names come from.
    pub names: &'a mut crate::names::NameSource,
    /// The host's part of `--session-label`'s annotations.
    pub mark: &'a crate::sessions::SessionMark,
    /// With `--explain`: the journey's snapshots.
    pub trace: Option<crate::explain::Trace>,
}

impl Context<'_> {
    /// Starts explaining from `source` (with `--explain`).
    pub(crate) fn start(&mut self, source: &Value) {
        if self.options.explain {
            self.trace = Some(crate::explain::Trace::new(source.clone()));
        }
    }

    /// Snapshots `now` after `stage` (with `--explain`).
    pub(crate) fn step(&mut self, stage: crate::explain::Stage, now: &Value) {
        crate::explain::step(&mut self.trace, &stage, now);
    }

    /// The operations recorded so far (with `--explain`).
    pub(crate) fn explained(&mut self) -> Option<Vec<crate::explain::PatchOp>> {
        self.trace.take().map(crate::explain::Trace::finish)
    }

    /// The `--keep-*` flags.
    pub(crate) fn keep(&self) -> crate::profile::KeepFlags {
        let o = self.options;
        crate::profile::KeepFlags {
            labels: o.keep_labels,
            annotations: o.keep_annotations,
            liveness: o.keep_liveness,
            readiness: o.keep_readiness,
            startup: o.keep_startup,
            init_containers: o.keep_init_containers,
        }
    }
}

/// The target pod's name and namespace (the command's namespace when the object has none,
/// as kubectl's builder defaults it). Borrowed: `metadata` can be large (`managedFields`),
/// and the journeys copy only the few fields they keep.
fn pod_identity<'a>(pod: &'a Value, ctx: &Context<'a>) -> Result<(&'a str, &'a str), Error> {
    let meta = pod.get("metadata").and_then(Value::as_object);
    let field = |key| meta.map_or("", |m| crate::json::str_at(m, key));
    let name = field("name");
    if name.is_empty() {
        return Err(Error::new(
            Code::InvalidTarget,
            "the target pod has no metadata.name",
        ));
    }
    let namespace = match field("namespace") {
        "" => ctx.namespace,
        ns => ns,
    };
    Ok((name, namespace))
}

/// A new container as kubectl builds it (`generateDebugContainer`, `generateNodeDebugPod`):
/// name, image, command/args, env, pull policy, stdin/tty, `terminationMessagePolicy: File`.
fn new_debug_container(o: &DebugOptions, name: &str) -> Map<String, Value> {
    let mut c = Map::new();
    c.insert("name".into(), Value::String(name.to_string()));
    set_str(&mut c, "image", &o.image);
    if !o.args.is_empty() {
        let key = if o.arguments_only { "args" } else { "command" };
        c.insert(key.into(), string_array(&o.args));
    }
    set_env(&mut c, o);
    // Go always encodes the (empty) resources struct; kubectl's patch diffs it too.
    c.insert("resources".into(), Value::Object(Map::new()));
    c.insert(
        "terminationMessagePolicy".into(),
        Value::String("File".into()),
    );
    set_str(&mut c, "imagePullPolicy", &o.image_pull_policy);
    set_flag(&mut c, "stdin", o.stdin);
    set_flag(&mut c, "tty", o.tty);
    c
}

/// Replace the container's env with `--env` (when any was given).
fn set_env(c: &mut Map<String, Value>, o: &DebugOptions) {
    if o.env.is_empty() {
        return;
    }
    let env = o
        .env
        .iter()
        .map(|p| {
            let mut e = Map::new();
            e.insert("name".into(), Value::String(p.name.clone()));
            set_str(&mut e, "value", &p.value);
            Value::Object(e)
        })
        .collect();
    c.insert("env".into(), Value::Array(env));
}

/// Mirrors kubectl `applyCustomProfile` / `applyCustomProfileEphemeral`: merge the custom
/// profile (with `name` forced to the container's) into the first container of `kind` named
/// `name`, by strategic merge patch with the Container schema.
fn apply_custom_profile(
    custom: &Value,
    pod: &mut Value,
    kind: ContainerKind,
    name: &str,
    pod_name: &str,
) -> Result<(), Error> {
    let mut patch = custom.clone();
    if let Some(p) = patch.as_object_mut() {
        p.insert("name".into(), Value::String(name.to_string()));
    }
    let target = crate::pod::spec_mut(pod).and_then(|s| container_in_mut(s, kind, name));
    let Some(container) = target else {
        let what = if kind == ContainerKind::Ephemeral {
            " ephemeral"
        } else {
            ""
        };
        return Err(Error::new(
            Code::CustomMerge,
            format!("unable to find the {name}{what} container in the pod {pod_name}"),
        ));
    };
    let merged =
        strategic_merge_patch(&Value::Object(container.clone()), &patch, Schema::Container)
            .map_err(|e| {
                Error::new(
                    Code::CustomMerge,
                    format!("error creating three way patch to add debug container: {e}"),
                )
            })?;
    if let Value::Object(merged) = merged {
        let old = std::mem::take(container);
        *container = unmarshal_into_existing(old, merged);
    }
    Ok(())
}

/// Mirrors Go's `json.Unmarshal` into the existing container struct, as kubectl's
/// `applyCustomProfile` does with the merged JSON: a field absent from the JSON keeps its
/// old value, and a list is decoded element by element into the old elements, so fields an
/// old element had and the new one at the same index lacks survive (e.g. an old `valueFrom`
/// leaks into a custom `env` entry that now sits at its index).
fn unmarshal_into_existing(old: Map<String, Value>, new: Map<String, Value>) -> Map<String, Value> {
    let mut out = old;
    for (k, v) in new {
        match out.get_mut(&k) {
            Some(slot) => *slot = overlay(std::mem::take(slot), v),
            None => {
                out.insert(k, v);
            }
        }
    }
    out
}

fn overlay(old: Value, new: Value) -> Value {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => Value::Object(unmarshal_into_existing(o, n)),
        (Value::Array(o), Value::Array(n)) => {
            let mut old = o.into_iter();
            Value::Array(
                n.into_iter()
                    .map(|nv| match old.next() {
                        Some(ov) => overlay(ov, nv),
                        None => nv,
                    })
                    .collect(),
            )
        }
        (_, new) => new,
    }
}

/// Mirrors kubectl `displayWarning` (1.33+): warn when the pod runs as a non-root user but
/// the debug container gets capabilities or privileges it may not be able to use.
fn non_root_warning(
    version: KubectlVersion,
    pod_spec: Option<&Map<String, Value>>,
    container: Option<&Map<String, Value>>,
) -> Option<Message> {
    if !version.at_least(33) {
        return None;
    }
    // DIVERGENCE(kubectl): 1.33+ dereferences a missing spec.securityContext and panics
    // (only reachable with -f); we treat it as "no pod-level user" and go on.
    let run_as_user = pod_spec?
        .get("securityContext")?
        .get("runAsUser")?
        .as_i64()?;
    if run_as_user == 0 {
        return None;
    }
    let sc = container?.get("securityContext")?.as_object()?;
    if sc.get("runAsUser").and_then(Value::as_i64) == Some(0) {
        return None;
    }
    let privileged = sc.get("privileged").and_then(Value::as_bool) == Some(true);
    let adds = sc
        .get("capabilities")
        .and_then(|c| c.get("add"))
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    (privileged || adds).then(messages::non_root_warning)
}
