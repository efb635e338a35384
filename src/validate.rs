//! kubectl debug's `Complete` and `Validate`: the checks, in kubectl's order, with its texts.

use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::boundary::boundary_struct;
use crate::json::Value;
use crate::messages::{self, Message};
use crate::options::DebugOptions;
use crate::profile::Profile;
use crate::version::KubectlVersion;

boundary_struct! {
    /// The `--custom` file as the host read it: its text, or the OS error of reading it.
    ///
    /// Missing fields take their defaults, unknown fields are ignored.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default))]
    pub struct CustomProfileFile {
        deny_unknown: false;
        /// The path given to `--custom` (used in messages).
        pub path: String = String::new(), "path";
        /// The file's text, when it could be read.
        pub text: Option<String> = None, "text";
        /// The read error, e.g. `open /x.json: no such file or directory`.
        pub error: Option<String> = None, "error";
    }
}

/// A failure together with the lines kubectl printed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong.
    pub error: Error,
    /// Lines printed before the error (e.g. `Targeting container …`).
    pub messages: Vec<Message>,
}

impl Failure {
    /// `error`, reported after the lines `printed` (kubectl printed them before failing).
    pub fn after(error: Error, printed: &[Message]) -> Failure {
        Failure {
            error,
            messages: printed.to_vec(),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            error,
            messages: Vec::new(),
        }
    }
}

/// Options that passed `Complete` and `Validate`, with what they resolved to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Completed {
    /// The options as given.
    pub options: DebugOptions,
    /// The profile in effect.
    pub profile: Profile,
    /// The custom profile, decoded as kubectl decodes it (Go-marshalled container JSON).
    pub custom: Option<Value>,
    /// Lines kubectl prints while validating.
    pub messages: Vec<Message>,
}

/// Flags the options use that `version` does not register (structured options bypass the
/// argument parser, so the same `unknown flag` errors are raised here; the first by name, as
/// pflag visits flags sorted).
fn check_flags_exist(
    o: &DebugOptions,
    version: KubectlVersion,
    gate_env: Option<&str>,
) -> Result<(), Error> {
    let mut unknown: Vec<&str> = crate::args::debug_flags()
        .filter(|f| !f.registered(version, gate_env) && f.field.is_set(o))
        .map(|f| f.name)
        .collect();
    unknown.sort_unstable();
    match unknown.first() {
        Some(flag) => Err(Error::new(
            Code::FlagUnknown,
            format!("unknown flag: --{flag}"),
        )),
        None => Ok(()),
    }
}

/// Mirrors kubectl `DebugOptions.Complete` (profile and custom profile loading) then
/// `Validate`, in kubectl's order (behaviour spec §2.4, §2.5). `note` (kubedebug's default
/// image line) is printed first.
///
/// # Errors
/// The first failing check, with kubectl's text and any line printed before it.
pub(crate) fn complete_and_validate(
    options: &DebugOptions,
    version: KubectlVersion,
    gate_env: Option<&str>,
    custom_file: Option<&CustomProfileFile>,
    note: Option<Message>,
) -> Result<Completed, Failure> {
    let profile = check_before_custom(options, version, gate_env)?;
    let custom = load_custom(options, version, custom_file)?;
    let mut messages = Vec::new();
    messages.extend(note);
    match validate(options, version, custom.as_ref(), &mut messages) {
        Ok(()) => {}
        Err(error) => return Err(Failure { error, messages }),
    }
    let legacy_warns = if version.at_least(36) {
        options.profile.as_deref() == Some("legacy")
    } else {
        version.at_least(32) && profile == Profile::Legacy
    };
    if legacy_warns {
        messages.push(messages::legacy_deprecated(version));
    }
    Ok(Completed {
        options: options.clone(),
        profile,
        custom,
        messages,
    })
}

/// kubectl `Complete`'s checks before it reads `--custom`: every flag exists in `version`,
/// and the profile does. The profile in effect.
///
/// # Errors
/// `unknown flag: --…`, or the unknown profile.
pub(crate) fn check_before_custom(
    options: &DebugOptions,
    version: KubectlVersion,
    gate_env: Option<&str>,
) -> Result<Profile, Error> {
    check_flags_exist(options, version, gate_env)?;
    Profile::for_version(options.effective_profile(version), version)
}

/// The `--custom` path when the host has not read it yet (`custom_file` absent, or for
/// another path).
pub(crate) fn unread_custom_profile<'a>(
    options: &'a DebugOptions,
    custom_file: Option<&CustomProfileFile>,
) -> Option<&'a str> {
    let read = custom_file.is_some_and(|f| f.path == options.custom || f.path.is_empty());
    (!options.custom.is_empty() && !read).then_some(options.custom.as_str())
}

/// `Validate` again for options that passed it (a prepared session coming back from the
/// host): the `--custom` file must have been read, and the checks hold. The profile in effect.
///
/// # Errors
/// kubectl's read error for an unread `--custom` file; the first failing check.
pub(crate) fn revalidate(
    options: &DebugOptions,
    version: KubectlVersion,
    custom: Option<&Value>,
    custom_unread: bool,
) -> Result<Profile, Error> {
    if custom_unread {
        load_custom(options, version, None)?;
    }
    let profile = Profile::for_version(options.effective_profile(version), version)?;
    validate(options, version, custom, &mut Vec::new())?;
    Ok(profile)
}

/// kubectl `Complete` step 11: read and decode `--custom`.
fn load_custom(
    o: &DebugOptions,
    version: KubectlVersion,
    file: Option<&CustomProfileFile>,
) -> Result<Option<Value>, Error> {
    if o.custom.is_empty() {
        return Ok(None);
    }
    let read_error = |e: &str| {
        Error::new(
            Code::CustomRead,
            format!("must pass a container spec json file for custom profile: {e}"),
        )
    };
    let file = file.filter(|f| f.path == o.custom || f.path.is_empty());
    match file {
        Some(CustomProfileFile {
            text: Some(text), ..
        }) => crate::custom::parse_custom_profile(&o.custom, text, version),
        Some(CustomProfileFile { error: Some(e), .. }) => Err(read_error(e)),
        _ => Err(read_error(&format!(
            "open {}: no such file or directory",
            o.custom
        ))),
    }
}

/// Mirrors kubectl `DebugOptions.Validate` (checks 1–10 of spec §2.5).
fn validate(
    o: &DebugOptions,
    version: KubectlVersion,
    custom: Option<&Value>,
    messages: &mut Vec<Message>,
) -> Result<(), Error> {
    if o.attach == Some(true) && o.image.is_empty() && o.container.is_empty() {
        return Err(Error::invalid(
            "you must specify --container or create a new container using --image in order to attach.",
        ));
    }
    if !o.copy_to.is_empty() {
        if o.image.is_empty() && o.set_image.is_empty() && o.args.is_empty() {
            return Err(Error::invalid(
                "you must specify --image, --set-image or command arguments.",
            ));
        }
        if !o.args.is_empty() && o.container.is_empty() && o.image.is_empty() {
            return Err(Error::invalid(
                "you must specify an existing container or a new image when specifying args.",
            ));
        }
    } else if o.replace {
        return Err(Error::invalid("--replace may only be used with --copy-to."));
    } else if o.same_node {
        return Err(Error::invalid(
            "--same-node may only be used with --copy-to.",
        ));
    } else if !o.set_image.is_empty() {
        return Err(Error::invalid(
            "--set-image may only be used with --copy-to.",
        ));
    } else if o.image.is_empty() {
        return Err(Error::invalid(
            "you must specify --image when not using --copy-to.",
        ));
    }
    if !o.image.is_empty() && !crate::image::is_valid_reference(&o.image, version) {
        return Err(Error::invalid(format!(
            "invalid image name {}: invalid reference format",
            go_quote(&o.image)
        )));
    }
    if o.targets.is_empty() && o.filename.is_empty() {
        return Err(Error::invalid("NAME or filename is required for debug"));
    }
    if !matches!(
        o.image_pull_policy.as_str(),
        "" | "Always" | "IfNotPresent" | "Never"
    ) {
        return Err(Error::invalid(format!(
            "invalid image pull policy: {}",
            o.image_pull_policy
        )));
    }
    // DIVERGENCE(kubectl): kubectl walks a Go map, so with several bad images the one
    // reported is random; we report the first in command-line order.
    if let Some(bad) = o
        .set_image
        .iter()
        .find(|p| !crate::image::is_valid_reference(&p.value, version))
    {
        return Err(Error::invalid(format!(
            "invalid image name {} for container {}: invalid reference format",
            go_quote(&bad.value),
            go_quote(&bad.name)
        )));
    }
    if !o.target.is_empty() {
        if !o.copy_to.is_empty() {
            return Err(Error::invalid(
                "--target is incompatible with --copy-to. Use --share-processes instead.",
            ));
        }
        if !o.quiet {
            messages.push(messages::targeting(&o.target));
        }
    }
    if o.tty && !o.stdin {
        return Err(Error::invalid(
            "-i/--stdin is required for containers with -t/--tty=true",
        ));
    }
    // kubedebug's own flags, after kubectl's checks of its flags.
    crate::overlay::validate_options(o)?;
    if let Some(custom) = custom {
        crate::custom::check_forbidden_fields(custom)?;
    }
    // kubedebug's flags, after every kubectl check (the text is kubectl run's).
    if o.rm && o.retain {
        return Err(Error::invalid("--rm and --retain cannot be used together"));
    }
    if o.rm && !o.wants_attach() {
        return Err(Error::invalid(
            "--rm should only be used for attached containers",
        ));
    }
    Ok(())
}
