//! The entry points: a debug session's input, `prepare` (kubectl `Complete` + `Validate`
//! + target resolution) and `plan` (what kubectl sends for one target object).

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::error::{go_quote, Code, Error};
use crate::generate::{self, Context};
use crate::json::boundary::boundary_struct;
use crate::json::de;
use crate::json::{object, ToJson, Value};
use crate::messages::Message;
use crate::names::NameSource;
use crate::options::DebugOptions;
use crate::plan::Plan;
use crate::target::{resolve_target, target_kind, TargetKind, TargetRef};
use crate::validate::{complete_and_validate, Completed, CustomProfileFile, Failure};
use crate::version::KubectlVersion;

/// The environment variable that gates `--custom` in kubectl 1.30–1.31.
pub const CUSTOM_PROFILE_GATE: &str = "KUBECTL_DEBUG_CUSTOM_PROFILE";

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

/// The session after `Complete` and `Validate`: what to read, and what was printed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Prepared {
    /// The options in effect.
    pub options: DebugOptions,
    /// The command's namespace.
    pub namespace: String,
    /// The kubectl version followed.
    pub kubectl_version: KubectlVersion,
    /// Lines kubectl prints while validating.
    pub messages: Vec<Message>,
    /// The objects to read, one per positional target (none with `-f`).
    pub targets: Vec<TargetRef>,
}

/// Every field, camelCase, in declaration order (as the serde derive wrote it).
impl ToJson for Prepared {
    fn to_json(&self) -> Value {
        object([
            ("options", self.options.to_json()),
            ("namespace", self.namespace.to_json()),
            ("kubectlVersion", self.kubectl_version.to_json()),
            ("messages", self.messages.to_json()),
            ("targets", self.targets.to_json()),
        ])
    }
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

    fn complete(&self) -> Result<(Resolved, Completed), Failure> {
        let r = self.resolve()?;
        let completed = complete_and_validate(
            &r.options,
            r.version,
            self.gate(),
            self.custom_profile.as_ref(),
        )?;
        Ok((r, completed))
    }
}

/// Mirrors kubectl debug's `Complete`, `Validate` and the resource builder: checks the
/// options in kubectl's order and says which objects to read.
///
/// # Errors
/// The first failure kubectl would report, with the lines it printed before it.
pub fn prepare(session: &Session) -> Result<Prepared, Failure> {
    let (r, completed) = session.complete()?;
    let fail = |error: Error| Failure {
        error,
        messages: completed.messages.clone(),
    };
    if !r.options.filename.is_empty() && !r.options.targets.is_empty() {
        return Err(fail(Error::new(
            Code::NamesWithFilename,
            "resource/name arguments cannot be provided when a path is specified",
        )));
    }
    let targets = r
        .options
        .targets
        .iter()
        .map(|t| resolve_target(t, &r.namespace))
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    Ok(Prepared {
        options: completed.options,
        namespace: r.namespace,
        kubectl_version: r.version,
        messages: completed.messages,
        targets,
    })
}

/// Mirrors kubectl debug's `visitNode` / `visitPod` for one target object (as the API server
/// or a `-f` file gave it): the requests kubectl makes, the resulting object, where it
/// attaches, and what it prints. Validation lines are not repeated (see [`prepare`]).
///
/// # Errors
/// A validation failure, an object that is not a Pod or Node, a malformed object, or a
/// custom profile that cannot be merged.
pub fn plan(session: &Session, object: &Value) -> Result<Plan, Failure> {
    crate::typed::check(session, object)?;
    let plan = plan_target(session, Cow::Borrowed(object), true)?;
    for request in &plan.requests {
        let len = kubedebug_skim::to_string(&request.body).len();
        crate::plan::check_body_size(request, len)
            .map_err(|e| Failure::after(e, &plan.messages))?;
    }
    Ok(plan)
}

/// [`plan`] of a borrowed or owned object. An owned object (the Wasm binding parsed it and
/// needs it no more) is turned into the result in place instead of being copied. Without
/// `with_result`, a created pod is only the POST body and `result` is `null` (the binding
/// sends it once).
pub(crate) fn plan_target(
    session: &Session,
    object: Cow<'_, Value>,
    with_result: bool,
) -> Result<Plan, Failure> {
    let (r, completed) = session.complete()?;
    crate::names::check_suffixes(&session.suffixes)?;
    check_namespace(&r, &object)?;
    let mut names = NameSource::new(session.seed, session.suffixes.iter().cloned());
    let mut ctx = Context {
        options: &completed.options,
        profile: completed.profile,
        custom: completed.custom.as_ref(),
        version: r.version,
        namespace: &r.namespace,
        names: &mut names,
    };
    match target_kind(&object)? {
        TargetKind::Node => generate::node_debug_pod(&object, &mut ctx, with_result),
        TargetKind::Pod if completed.options.copy_to.is_empty() => {
            generate::debug_container(object, &mut ctx)
        }
        TargetKind::Pod => generate::pod_copy(object, &mut ctx, with_result),
    }
}

/// kubectl's builder check for `-f` objects: an explicit `--namespace` must match theirs.
fn check_namespace(r: &Resolved, object: &Value) -> Result<(), Error> {
    let ns = object
        .get("metadata")
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if r.namespace_explicit && !ns.is_empty() && ns != r.namespace && !r.options.filename.is_empty()
    {
        return Err(Error::new(
            Code::NamespaceMismatch,
            format!(
                "the namespace from the provided object {} does not match the namespace {}. You must pass '--namespace={}' to perform this operation.",
                go_quote(ns),
                go_quote(&r.namespace),
                ns
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::de::assert_written_as_derive;

    #[test]
    fn prepared_is_written_as_the_serde_derive_wrote_it() {
        let sessions = [
            r#"{"args":["web","--image=busybox"]}"#,
            r#"{"args":["web","node/n1","deploy/d","--image=busybox","-it","--target=c\u0001é","-n","ns"]}"#,
            r#"{"args":["-f","/x.yaml","--image=busybox","--profile=legacy","--env=A=1","--","sh"],"kubectlVersion":"1.33"}"#,
            r#"{"options":{"targets":["𝄞"],"image":"i","copyTo":"c","setImage":[{"name":"*","value":"x"}]},"namespace":"ü"}"#,
        ];
        let mut seen = 0;
        for text in sessions {
            let prepared = Session::from_json(text).map(|s| prepare(&s));
            assert!(matches!(prepared, Ok(Ok(_))), "{text}: {prepared:?}");
            if let Ok(Ok(p)) = prepared {
                assert_written_as_derive(&p);
                seen += 1;
            }
        }
        assert_eq!(seen, sessions.len());
        let p = Prepared {
            options: DebugOptions::default(),
            namespace: String::new(),
            kubectl_version: KubectlVersion::OLDEST,
            messages: Vec::new(),
            targets: Vec::new(),
        };
        assert_written_as_derive(&p);
    }
}
