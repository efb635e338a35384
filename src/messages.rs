//! The lines kubectl prints besides its final error, as data.

use crate::json::boundary::boundary_struct;
use crate::json::de::{DeError, FromJson, Res};
use crate::json::{ToJson, Value};

/// Which stream a line goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    test,
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Stream {
    /// Standard output (kubectl's informational lines).
    #[default]
    Stdout,
    /// Standard error (warnings).
    Stderr,
}

boundary_struct! {
    /// One line kubectl prints (without its trailing newline).
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct Message {
        deny_unknown: true;
        /// The stream it goes to.
        pub stream: Stream = Stream::Stdout, "stream";
        /// The text, without the trailing newline.
        pub text: String = String::new(), "text";
    }
}

impl Message {
    /// A line on stdout.
    pub fn stdout(text: impl Into<String>) -> Message {
        Message {
            stream: Stream::Stdout,
            text: text.into(),
        }
    }

    /// A line on stderr.
    pub fn stderr(text: impl Into<String>) -> Message {
        Message {
            stream: Stream::Stderr,
            text: text.into(),
        }
    }
}

/// kubectl debug.go `Validate`: `Targeting container "<c>". If you don't see processes …`.
pub(crate) fn targeting(container: &str) -> Message {
    Message::stdout(format!(
        "Targeting container {}. If you don't see processes from this container it may be because the container runtime doesn't support this feature.",
        crate::go::quote::go_quote(container)
    ))
}

/// kubectl `computeDebugContainerName`: `Defaulting debug container name to <name>.`.
pub(crate) fn defaulting_name(name: &str) -> Message {
    Message::stdout(format!("Defaulting debug container name to {name}."))
}

/// kubectl `visitNode`: `Creating debugging pod <pod> with container <c> on node <node>.`.
pub(crate) fn creating_node_pod(pod: &str, container: &str, node: &str) -> Message {
    Message::stdout(format!(
        "Creating debugging pod {pod} with container {container} on node {node}."
    ))
}

/// kubectl `Validate` (1.32+): the `--profile=legacy` deprecation notice.
pub(crate) fn legacy_deprecated(version: crate::KubectlVersion) -> Message {
    Message::stderr(if version.at_least(36) {
        "--profile=legacy is deprecated and planned to be removed in v1.39. It is recommended to specify other profile, for example \"--profile=general\"."
    } else {
        "--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\"."
    })
}

/// kubectl `displayWarning` (1.33+): the non-root capabilities warning.
pub(crate) fn non_root_warning() -> Message {
    Message::stderr(
        "Warning: Non-root user is configured for the entire target Pod, and some capabilities granted by debug profile may not work. Please consider using \"--custom\" with a custom profile that specifies \"securityContext.runAsUser: 0\".",
    )
}

impl ToJson for Stream {
    fn to_json(&self) -> Value {
        Value::from(match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        })
    }
}

impl FromJson for Stream {
    fn from_json_value(v: &Value) -> Res<Stream> {
        match v.as_str() {
            Some("stdout") => Ok(Stream::Stdout),
            Some("stderr") => Ok(Stream::Stderr),
            _ => Err(DeError::new("a stream is `stdout` or `stderr`".to_string())),
        }
    }
}

#[cfg(test)]
mod tests;
