//! The crate's error: kubectl's message, verbatim, plus a stable machine-readable code.

use std::fmt;

use crate::go::quote::go_quote;

/// What kind of failure an [`Error`] is; [`Code::as_str`] is the stable id hosts match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// pflag rejected the command line (unknown flag, missing value, bad bool).
    FlagUnknown,
    /// A flag's value was rejected while parsing (`invalid argument … for "--env" flag`).
    FlagInvalidArgument,
    /// A flag needs a value and none was given.
    FlagNeedsArgument,
    /// kubectl `Validate` rejected the options (the message says which check).
    Invalid,
    /// `--profile` names no profile of this version.
    UnknownProfile,
    /// The custom profile file could not be read (the host's read error is in the message).
    CustomRead,
    /// The custom profile file is not a valid container spec.
    CustomInvalid,
    /// The custom profile sets a field it may not modify.
    CustomForbidden,
    /// The custom profile could not be merged into the debug container.
    CustomMerge,
    /// The target object is neither a Pod nor a Node.
    UnsupportedKind,
    /// The target object is malformed (wrong JSON types, missing name, not an object).
    InvalidTarget,
    /// A `TYPE/NAME` argument names a resource type kubectl does not know.
    UnknownResourceType,
    /// A `-f` object's namespace differs from an explicit `--namespace`.
    NamespaceMismatch,
    /// Both names and `-f` were given.
    NamesWithFilename,
    /// A kubedebug overlay flag's value is malformed (`--label`, `--volume-mount`, …).
    OverlayInvalidValue,
    /// A kubedebug overlay flag cannot apply to this journey (says why).
    OverlayWrongJourney,
    /// The container whose user or volumes are asked for is not in the pod.
    OverlayNoTargetContainer,
    /// `--as-target-user`: the target sets no user and the profile needs root.
    OverlayNoTargetUser,
    /// `--as-target-user`: the target's user contradicts the profile.
    OverlayUserConflict,
    /// `--volume-mount` names a volume the pod does not have.
    OverlayNoSuchVolume,
    /// Two mounts of the debug container at one path.
    OverlayMountPathConflict,
    /// `--node-selector` does not match the target node's labels.
    OverlayNodeSelectorMismatch,
    /// The kubectl version is outside the supported minors (1.27–1.37).
    UnsupportedVersion,
    /// The input to the library itself is malformed (wrong option types, bad JSON).
    InvalidInput,
    /// A name or namespace client-go refuses to put into a request path, or a generated
    /// name the API server would refuse.
    InvalidName,
    /// A request body over the API server's size limit.
    RequestTooLarge,
    /// `--profile=auto` or `--preflight` could not read the target namespace's labels.
    NamespaceUnreadable,
    /// `--profile=auto` on a node in a namespace that enforces baseline or restricted.
    AutoNodeForbidden,
    /// `--preflight=enforce` found PodSecurity violations: nothing is sent.
    PreflightViolation,
    /// A workload target could not be read (the API server's message), or its reads were
    /// not given back to `prepare`.
    WorkloadUnreadable,
    /// A workload target has no selector of its own to find its pods (an empty selector, a
    /// CronJob without `--copy-to`).
    WorkloadNoSelector,
    /// No pod matches a workload target's selector (scaled to zero, suspended, none yet).
    WorkloadNoPods,
    /// A workload target's pods exist but none is running.
    WorkloadNotRunning,
    /// An option that cannot apply to a workload target (`--replace`).
    WorkloadInvalidOption,
}

impl Code {
    /// The stable id, e.g. `flag/unknown`, `validate/invalid`, `custom/forbidden`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FlagUnknown => "flag/unknown",
            Code::FlagInvalidArgument => "flag/invalid-argument",
            Code::FlagNeedsArgument => "flag/needs-argument",
            Code::Invalid => "validate/invalid",
            Code::UnknownProfile => "profile/unknown",
            Code::CustomRead => "custom/read",
            Code::CustomInvalid => "custom/invalid",
            Code::CustomForbidden => "custom/forbidden",
            Code::CustomMerge => "custom/merge",
            Code::UnsupportedKind => "target/unsupported-kind",
            Code::InvalidTarget => "target/invalid",
            Code::UnknownResourceType => "target/unknown-resource-type",
            Code::NamespaceMismatch => "target/namespace-mismatch",
            Code::NamesWithFilename => "target/names-with-filename",
            Code::OverlayInvalidValue => "overlay/invalid-value",
            Code::OverlayWrongJourney => "overlay/wrong-journey",
            Code::OverlayNoTargetContainer => "overlay/no-target-container",
            Code::OverlayNoTargetUser => "overlay/no-target-user",
            Code::OverlayUserConflict => "overlay/user-conflict",
            Code::OverlayNoSuchVolume => "overlay/no-such-volume",
            Code::OverlayMountPathConflict => "overlay/mount-path-conflict",
            Code::OverlayNodeSelectorMismatch => "overlay/node-selector-mismatch",
            Code::UnsupportedVersion => "input/unsupported-version",
            Code::InvalidInput => "input/invalid",
            Code::InvalidName => "target/invalid-name",
            Code::RequestTooLarge => "plan/request-too-large",
            Code::NamespaceUnreadable => "namespace/unreadable",
            Code::AutoNodeForbidden => "profile/auto-node",
            Code::PreflightViolation => "preflight/violation",
            Code::WorkloadUnreadable => "workload/unreadable",
            Code::WorkloadNoSelector => "workload/no-selector",
            Code::WorkloadNoPods => "workload/no-pods",
            Code::WorkloadNotRunning => "workload/not-running",
            Code::WorkloadInvalidOption => "workload/invalid-option",
        }
    }

    /// Whether kubectl reports this failure as a usage error (it then adds
    /// `See 'kubectl debug --help' for usage.`).
    pub fn is_usage(self) -> bool {
        matches!(
            self,
            Code::FlagUnknown | Code::FlagInvalidArgument | Code::FlagNeedsArgument
        )
    }
}

/// A failure, with kubectl's exact text as its `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: Code,
    message: String,
}

impl Error {
    /// An error of `code` with kubectl's `message`.
    pub fn new(code: Code, message: impl Into<String>) -> Error {
        Error {
            code,
            message: message.into(),
        }
    }

    /// A kubectl `Validate` failure.
    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(Code::Invalid, message)
    }

    /// The kind of failure.
    pub fn code(&self) -> Code {
        self.code
    }

    /// kubectl's message (what it prints after `error: `).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The version string was not one of the supported minors.
    pub(crate) fn unsupported_version(v: &str) -> Error {
        Error::new(
            Code::UnsupportedVersion,
            format!(
                "unsupported kubectl version {}: expected {} … {}",
                go_quote(v),
                crate::KubectlVersion::OLDEST,
                crate::KubectlVersion::LATEST
            ),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
