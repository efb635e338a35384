//! The entry points: a debug session's input, `prepare` (kubectl `Complete` + `Validate`
//! + target resolution) and `plan` (what kubectl sends for one target object).

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::defaults::apply_defaults;
use crate::error::{Code, Error};
use crate::generate::{self, Context};
use crate::go::quote::go_quote;
use crate::json::boundary::boundary_struct;
use crate::json::de;
use crate::json::Value;
use crate::messages::Message;
use crate::names::NameSource;
use crate::options::DebugOptions;
use crate::plan::Plan;
use crate::preflight::{self, PodSecurity};
use crate::profile::Profile;
use crate::reads::{self, Read, ReadResult};
use crate::sessions::SessionMark;
use crate::target::{resolve_target, target_kind, TargetKind, TargetRef};
use crate::validate::{
    check_before_custom, complete_and_validate, unread_custom_profile, CustomProfileFile, Failure,
};
use crate::version::KubectlVersion;

/// The environment variable that gates `--custom` in kubectl 1.30–1.31.
pub(crate) const CUSTOM_PROFILE_GATE: &str = "KUBECTL_DEBUG_CUSTOM_PROFILE";

boundary_struct! {
    /// Everything a debug session starts from. Give either `args` (a kubectl argument list,
    /// as after `kubectl debug`) or `options`.
    ///
    /// Missing fields take their defaults, unknown fields are rejected.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct Session {
        deny_unknown: true;
        /// A kubectl command line, split into words (`["mypod", "-it", "--image=busybox"]`).
        pub args: Option<Vec<String>> = None, "args";
        /// Structured options (used when `args` is absent).
        pub options: Option<DebugOptions> = None, "options";
        /// The command's namespace (kubeconfig context's, default `default`); `-n` in `args` wins.
        pub namespace: Option<String> = None, "namespace";
        /// Whether the namespace was given explicitly (matters for `-f` objects).
        pub namespace_explicit: bool = false, "namespaceExplicit";
        /// The kubectl version to follow (default 1.37, the newest).
        pub kubectl_version: Option<KubectlVersion> = None, "kubectlVersion";
        /// Environment variables kubectl would see (only `KUBECTL_DEBUG_CUSTOM_PROFILE` matters).
        pub env: BTreeMap<String, String> = BTreeMap::new(), "env";
        /// The `--custom` file as the host read it.
        pub custom_profile: Option<CustomProfileFile> = None, "customProfile";
        /// Seed for generated name suffixes.
        pub seed: u64 = 0, "seed";
        /// Explicit name suffixes, used before the seeded ones.
        pub suffixes: Vec<String> = Vec::new(), "suffixes";
        /// Configured default images (kubedebug's), by profile name, `*` for every profile:
        /// the one for the profile in effect, else `*`, is used where kubectl would fail for
        /// lack of `--image`.
        pub default_images: BTreeMap<String, String> = BTreeMap::new(), "defaultImages";
        /// Where the default images were configured (`KUBEDEBUG_IMAGE`, a config file's path),
        /// for the line saying one was used.
        pub default_image_source: String = String::new(), "defaultImageSource";
        /// The configured `rm` default (kubedebug's): `--rm` when attaching, unless `--retain`.
        pub default_rm: bool = false, "defaultRm";
        /// The configured `sessionLabel` default (kubedebug's): `--session-label` unless the
        /// flag was given (`--session-label=false` keeps it off).
        pub default_session_label: bool = false, "defaultSessionLabel";
        /// What `--session-label` writes that only the host knows (creator, creation time).
        pub mark: SessionMark = SessionMark::default(), "mark";
        /// The host's answers to `Needs::reads` (kubedebug's).
        pub reads: Vec<ReadResult> = Vec::new(), "reads";
    }
}

impl Session {
    /// Decode a session from the host's JSON text (what the Wasm binding receives).
    ///
    /// # Errors
    /// Malformed JSON or a field of the wrong type: [`Code::InvalidInput`], `invalid session: …`.
    pub fn from_json(text: &str) -> Result<Session, Error> {
        de::from_json(text, "session")
    }
}

boundary_struct! {
    /// What the host must read before planning: the `--custom` file (when the session did not
    /// bring it) and the `-f` sources.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct Needs {
        deny_unknown: true;
        /// The `--custom` path to read and give back as `Session::custom_profile` (then
        /// `prepare` again) before planning; `None` when nothing is missing.
        pub custom_profile: Option<String> = None, "customProfile";
        /// The `-f` sources whose objects are the targets, in order.
        pub files: Vec<String> = Vec::new(), "files";
        /// API objects to GET and give back as `Session::reads` (then `prepare` again, with
        /// every answer so far): the namespace for `--profile=auto` and `--preflight`; a
        /// workload target, then its pods (a second round).
        pub reads: Vec<Read> = Vec::new(), "reads";
    }
}

boundary_struct! {
    /// The session after kubectl's `Complete` and `Validate`: everything planning needs (the
    /// settled options, profile, decoded custom container, namespace, version, name
    /// suffixes), what was printed, and what the host must read (`targets`, `needs`).
    /// [`plan_prepared`] plans from it without parsing or decoding anything again.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct Prepared {
        deny_unknown: true;
        /// The options in effect.
        pub options: DebugOptions = DebugOptions::default(), "options";
        /// The command's namespace.
        pub namespace: String = "default".to_string(), "namespace";
        /// Whether the namespace was explicit (an `-f` object's must then match it).
        pub namespace_explicit: bool = false, "namespaceExplicit";
        /// The kubectl version followed.
        pub kubectl_version: KubectlVersion = KubectlVersion::default(), "kubectlVersion";
        /// The profile in effect (its name).
        pub profile: String = String::new(), "profile";
        /// The `--custom` container as kubectl decoded it (Go-marshalled container JSON).
        pub custom: Option<Value> = None, "custom";
        /// Seed for generated name suffixes.
        pub seed: u64 = 0, "seed";
        /// Explicit name suffixes, used before the seeded ones.
        pub suffixes: Vec<String> = Vec::new(), "suffixes";
        /// What `--session-label` writes that only the host knows.
        pub mark: SessionMark = SessionMark::default(), "mark";
        /// Lines kubectl prints while validating (for the host; not read back).
        pub messages: Vec<Message> = Vec::new(), "messages", write_only;
        /// The objects to read, one per positional target (none with `-f`; for the host, not
        /// read back).
        pub targets: Vec<TargetRef> = Vec::new(), "targets", write_only;
        /// What the host must read before planning.
        pub needs: Needs = Needs::default(), "needs";
        /// The namespace's PodSecurity policy, with `--profile=auto` or `--preflight`.
        pub pod_security: Option<PodSecurity> = None, "podSecurity";
    }
}

impl Prepared {
    /// Decode a prepared session from the host's JSON text (what `prepare` wrote).
    ///
    /// # Errors
    /// Malformed JSON or a field of the wrong type: [`Code::InvalidInput`], `invalid prepared session: …`.
    pub fn from_json(text: &str) -> Result<Prepared, Error> {
        de::from_json(text, "prepared session")
    }
}

/// A prepared session from its JSON text, or a session's (prepared here): `text` is either
/// (a prepared session has `needs`, a session never has), and is parsed once. What the Wasm
/// binding plans from.
///
/// # Errors
/// Malformed JSON or a field of the wrong type ([`Code::InvalidInput`]); a session's
/// [`prepare`] failure.
pub fn prepared_from_json(text: &str) -> Result<Prepared, Failure> {
    let (what, why) = match kubedebug_skim::from_str_keep_duplicates(text) {
        Ok(v) if v.get("needs").is_some() => match de::decode::<Prepared>(&v) {
            Ok(p) => return Ok(p),
            Err(e) => ("prepared session", e.to_string()),
        },
        Ok(v) => match de::decode::<Session>(&v) {
            Ok(s) => return prepare(&s),
            Err(e) => ("session", e.to_string()),
        },
        Err(e) => ("session", e.to_string()),
    };
    Err(Error::new(Code::InvalidInput, format!("invalid {what}: {why}")).into())
}

/// A session's resolved inputs.
struct Resolved {
    options: DebugOptions,
    namespace: String,
    namespace_explicit: bool,
    version: KubectlVersion,
}

impl Session {
    /// The kubectl version followed.
    pub fn version(&self) -> KubectlVersion {
        self.kubectl_version.unwrap_or_default()
    }

    fn gate(&self) -> Option<&str> {
        self.env.get(CUSTOM_PROFILE_GATE).map(String::as_str)
    }

    /// Parse `args` (or take `options`) and settle the namespace.
    fn resolve(&self) -> Result<Resolved, Error> {
        let version = self.version();
        let mut namespace = self.namespace.clone().filter(|n| !n.is_empty());
        let mut namespace_explicit = self.namespace_explicit;
        let options = match (&self.args, &self.options) {
            (Some(args), _) => {
                let parsed = crate::args::parse_args(args, version, self.gate())?;
                if let Some(ns) = parsed.namespace {
                    namespace = Some(ns);
                    namespace_explicit = true;
                }
                parsed.options
            }
            (None, Some(options)) => options.clone(),
            (None, None) => DebugOptions::default(),
        };
        Ok(Resolved {
            options,
            namespace: namespace.unwrap_or_else(|| "default".to_string()),
            namespace_explicit,
            version,
        })
    }
}

/// Mirrors kubectl debug's `Complete`, `Validate` and the resource builder: checks the
/// options in kubectl's order and says which objects to read. When `--custom` names a file
/// the session did not bring, the checks kubectl makes before reading it run, and the answer
/// names it in `needs.customProfile`: read it, then prepare again with
/// `Session::custom_profile` (the structured `options` of this answer spare a second parse).
/// Likewise `--profile=auto` and `--preflight` (kubedebug's) name the target namespace in
/// `needs.reads`; with its answer in `Session::reads`, `auto` becomes the profile the
/// namespace's PodSecurity labels allow, and `podSecurity` says what planning checks.
///
/// # Errors
/// The first failure kubectl would report, with the lines it printed before it.
pub fn prepare(session: &Session) -> Result<Prepared, Failure> {
    let r = session.resolve()?;
    let mut prepared = Prepared {
        namespace_explicit: r.namespace_explicit,
        kubectl_version: r.version,
        seed: session.seed,
        suffixes: session.suffixes.clone(),
        mark: session.mark.clone(),
        ..Prepared::default()
    };
    let unread = unread_custom_profile(&r.options, session.custom_profile.as_ref());
    let pss_read = preflight::wants_namespace(&r.options)?
        .then(|| reads::namespace_read(&r.namespace))
        .transpose()?;
    let pss_answer = pss_read
        .as_ref()
        .and_then(|read| reads::find(&session.reads, read));
    if unread.is_some() || (pss_read.is_some() && pss_answer.is_none()) {
        let checked = preflight::without_auto(&r.options);
        let profile =
            check_before_custom(&checked, r.version, session.gate()).map_err(Failure::from)?;
        prepared.needs.custom_profile = unread.map(str::to_string);
        prepared.needs.reads = pss_read.into_iter().collect();
        prepared.profile = profile.to_string();
        prepared.options = r.options;
        prepared.namespace = r.namespace;
        return Ok(prepared);
    }
    let mut options = r.options;
    let mut auto_line = None;
    if let Some(answer) = pss_answer {
        let (security, line) = preflight::settle(&mut options, &r.namespace, answer, r.version)?;
        prepared.pod_security = Some(security);
        auto_line = line;
    }
    // After `auto` is settled: a per-profile default image follows the profile chosen.
    let config = (
        &session.default_images,
        session.default_image_source.as_str(),
        session.default_rm,
        session.default_session_label,
    );
    let note = apply_defaults(&mut options, r.version, config);
    let mut completed = complete_and_validate(
        &options,
        r.version,
        session.gate(),
        session.custom_profile.as_ref(),
        note,
    )?;
    completed.messages.splice(0..0, auto_line);
    let fail = |error: Error| Failure {
        error,
        messages: completed.messages.clone(),
    };
    if !options.filename.is_empty() && !options.targets.is_empty() {
        return Err(fail(Error::new(
            Code::NamesWithFilename,
            "resource/name arguments cannot be provided when a path is specified",
        )));
    }
    prepared.targets = options
        .targets
        .iter()
        .map(|t| resolve_target(t, &r.namespace))
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    // Workload targets (kubedebug's): each becomes the pod it debugs once its reads are in.
    let mut messages = completed.messages.clone();
    crate::workload::settle_targets(
        &completed.options,
        &r.namespace,
        &session.reads,
        &mut prepared.targets,
        &mut prepared.needs.reads,
        &mut messages,
    )
    .map_err(fail)?;
    completed.messages = messages;
    prepared.needs.files = completed.options.filename.clone();
    prepared.profile = completed.profile.to_string();
    prepared.custom = completed.custom;
    prepared.messages = completed.messages;
    prepared.options = completed.options;
    prepared.namespace = r.namespace;
    Ok(prepared)
}

/// Mirrors kubectl debug's `visitNode` / `visitPod` for one target object (as the API server
/// or a `-f` file gave it): the requests kubectl makes, the resulting object, where it
/// attaches, and what it prints. Validation lines are not repeated (see [`prepare`]).
/// [`prepare`] then [`plan_prepared`]; prepare once and use [`plan_prepared`] for many targets.
///
/// # Errors
/// A validation failure, an object that is not a Pod or Node, a malformed object, or a
/// custom profile that cannot be merged.
pub fn plan(session: &Session, object: &Value) -> Result<Plan, Failure> {
    plan_prepared(&prepare(session)?, object)
}

/// [`plan`] from what [`prepare`] answered: nothing is parsed or decoded again.
///
/// # Errors
/// As [`plan`]; also a `Prepared` whose options do not pass `Validate` (one built by hand) or
/// whose `needs.customProfile` was not read.
pub fn plan_prepared(prepared: &Prepared, object: &Value) -> Result<Plan, Failure> {
    let plan = plan_target(prepared, Cow::Borrowed(object), true, true, prepared.seed)?;
    for request in &plan.requests {
        let len = kubedebug_skim::to_string(&request.body).len();
        crate::plan::check_body_size(request, len)
            .map_err(|e| Failure::after(e, &plan.messages))?;
    }
    Ok(plan)
}

/// [`plan_prepared`] of a borrowed or owned object. An owned object (the Wasm binding parsed
/// it and needs it no more) is turned into the result in place instead of being copied.
/// Without `with_result`, a created pod is only the POST body and `result` is `null` (the
/// binding sends it once). `check_types` runs kubectl's typed decode of the object (after
/// `Validate`, as in kubectl), unless the caller did it while reading the text. `seed` seeds the
/// generated names (the prepared seed, or one the host gave for this plan).
pub(crate) fn plan_target(
    prepared: &Prepared,
    object: Cow<'_, Value>,
    with_result: bool,
    check_types: bool,
    seed: u64,
) -> Result<Plan, Failure> {
    if crate::workload::wants_reads(&prepared.needs.reads) {
        return Err(crate::workload::unsettled().into());
    }
    if prepared.options.profile.as_deref() == Some(preflight::AUTO)
        || !prepared.needs.reads.is_empty()
    {
        return Err(preflight::unsettled().into());
    }
    let profile = revalidate(prepared)?;
    // `--copy-to` of a workload target (kubedebug's): its pod template is the pod copied.
    let (object, workload_lines, workload_ops) =
        crate::workload::planned_source(&prepared.options, &prepared.namespace, object);
    if check_types {
        crate::typed::check(
            prepared.kubectl_version.minor(),
            &prepared.options.filename,
            &object,
        )?;
    }
    crate::names::check_suffixes(&prepared.suffixes)?;
    check_namespace(prepared, &object)?;
    // A `-f` object goes through kubectl's typed round trip (never skimmed, see `plan_text`).
    let object = if prepared.options.filename.is_empty() {
        object
    } else {
        let mut owned = object.into_owned();
        crate::typed::normalize(&mut owned, prepared.kubectl_version.minor());
        Cow::Owned(owned)
    };
    let mut names = NameSource::new(seed, prepared.suffixes.iter().cloned());
    let mut ctx = Context {
        options: &prepared.options,
        profile,
        custom: prepared.custom.as_ref(),
        version: prepared.kubectl_version,
        namespace: &prepared.namespace,
        names: &mut names,
        mark: &prepared.mark,
        trace: None,
    };
    let mut plan = match target_kind(&object)? {
        TargetKind::Node => generate::generate_node_debug_pod(&object, &mut ctx, with_result),
        TargetKind::Pod if prepared.options.copy_to.is_empty() => {
            generate::generate_debug_container(object, &mut ctx)
        }
        TargetKind::Pod => {
            generate::generate_pod_copy_with_debug_container(object, &mut ctx, with_result)
        }
    }?;
    plan.messages.splice(0..0, workload_lines);
    if let Some(ops) = plan.explain.as_mut() {
        ops.splice(0..0, workload_ops);
    }
    if let Some(security) = &prepared.pod_security {
        preflight::check_plan(security, &mut plan)?;
    }
    Ok(plan)
}

/// The checks a `Prepared` must pass to be planned: its `--custom` file was read, and its
/// options pass kubectl's `Validate` (cheap string checks; a `Prepared` may come back from a
/// host that built or changed it). The profile in effect.
fn revalidate(prepared: &Prepared) -> Result<Profile, Failure> {
    Ok(crate::validate::revalidate(
        &prepared.options,
        prepared.kubectl_version,
        prepared.custom.as_ref(),
        prepared.needs.custom_profile.is_some(),
    )?)
}

/// kubectl's builder check for `-f` objects: an explicit `--namespace` must match theirs.
fn check_namespace(p: &Prepared, object: &Value) -> Result<(), Error> {
    let ns = object
        .get("metadata")
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if p.namespace_explicit && !ns.is_empty() && ns != p.namespace && !p.options.filename.is_empty()
    {
        return Err(Error::new(
            Code::NamespaceMismatch,
            format!(
                "the namespace from the provided object {} does not match the namespace {}. You must pass '--namespace={}' to perform this operation.",
                go_quote(ns),
                go_quote(&p.namespace),
                ns
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
