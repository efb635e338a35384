//! The plan: what kubectl sends for one target, and what it prints.

use crate::error::{Code, Error};
use crate::json::{object, ToJson, Value};
use crate::messages::Message;

/// Which debugging journey a plan follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "lowercase"))]
pub enum Journey {
    /// An ephemeral container added to a running pod.
    Ephemeral,
    /// A copy of the pod (`--copy-to`).
    Copy,
    /// A pod on a node (`node/NAME`).
    Node,
}

/// Content type of the ephemeral-container PATCH.
pub const STRATEGIC_MERGE_PATCH: &str = "application/strategic-merge-patch+json";
/// Content type of POST and DELETE bodies.
// DIVERGENCE(kubectl): 1.32+ sends pods and DeleteOptions as protobuf; the content is the
// same object, and every API server accepts JSON, which a JS host can produce.
pub const JSON: &str = "application/json";

/// The API server's limit on a request body (`apiserver` `MaxRequestBodyBytes`: 3 MiB).
pub const MAX_REQUEST_BODY_BYTES: usize = 3 * 1024 * 1024;

/// Refuses a request body over [`MAX_REQUEST_BODY_BYTES`].
///
/// # Errors
/// [`Code::RequestTooLarge`], saying which request and why.
// DIVERGENCE(kubectl): kubectl sends it and the API server answers `413 Request entity too
// large: limit is 3145728`; the plan refuses it first, so nothing of the journey is sent (a
// copy would otherwise be refused after nothing, a --replace never half-done).
pub fn check_body_size(request: &ApiRequest, len: usize) -> Result<(), Error> {
    if len <= MAX_REQUEST_BODY_BYTES {
        return Ok(());
    }
    Err(Error::new(
        Code::RequestTooLarge,
        format!(
            "the {} body for {} would be {len} bytes, over the API server's limit of {MAX_REQUEST_BODY_BYTES} bytes (Request entity too large: limit is {MAX_REQUEST_BODY_BYTES}); nothing was sent",
            request.method, request.path
        ),
    ))
}

/// One API request, in the order kubectl makes it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ApiRequest {
    /// `PATCH`, `POST` or `DELETE`.
    pub method: String,
    /// The API path.
    pub path: String,
    /// The body's content type.
    pub content_type: String,
    /// The body.
    #[cfg_attr(test, serde(serialize_with = "crate::json::serde_value"))]
    pub body: Value,
}

/// The container kubectl attaches to after the requests succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct AttachTarget {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod.
    pub pod: String,
    /// The container.
    pub container: String,
    /// Whether it is an ephemeral container (changes kubectl's closing message).
    pub ephemeral: bool,
    /// `-i`.
    pub stdin: bool,
    /// `-t`.
    pub tty: bool,
    /// Whether kubectl prints the session-recording banner before attaching (1.34+).
    pub recording_banner: bool,
}

/// What kubectl does for one target object.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Plan {
    /// The journey.
    pub journey: Journey,
    /// The writes, in order.
    pub requests: Vec<ApiRequest>,
    /// The object as it will exist: the target pod with the ephemeral container appended,
    /// or the pod that is created.
    #[cfg_attr(test, serde(serialize_with = "crate::json::serde_value"))]
    pub result: Value,
    /// The debug container, or `None` for a set-image-only copy.
    #[cfg_attr(test, serde(serialize_with = "crate::json::serde_option"))]
    pub container: Option<Value>,
    /// Where kubectl attaches, when it does.
    pub attach: Option<AttachTarget>,
    /// Lines kubectl prints for this target.
    pub messages: Vec<Message>,
}

impl Journey {
    /// The journey's name: `ephemeral`, `copy` or `node`.
    pub fn as_str(self) -> &'static str {
        match self {
            Journey::Ephemeral => "ephemeral",
            Journey::Copy => "copy",
            Journey::Node => "node",
        }
    }
}

impl ToJson for Journey {
    fn to_json(&self) -> Value {
        Value::from(self.as_str())
    }
}

impl ToJson for ApiRequest {
    fn to_json(&self) -> Value {
        object([
            ("method", self.method.to_json()),
            ("path", self.path.to_json()),
            ("contentType", self.content_type.to_json()),
            ("body", self.body.clone()),
        ])
    }
}

impl ToJson for AttachTarget {
    fn to_json(&self) -> Value {
        object([
            ("namespace", self.namespace.to_json()),
            ("pod", self.pod.to_json()),
            ("container", self.container.to_json()),
            ("ephemeral", self.ephemeral.to_json()),
            ("stdin", self.stdin.to_json()),
            ("tty", self.tty.to_json()),
            ("recordingBanner", self.recording_banner.to_json()),
        ])
    }
}

impl ToJson for Plan {
    fn to_json(&self) -> Value {
        object([
            ("journey", self.journey.to_json()),
            ("requests", self.requests.to_json()),
            ("result", self.result.clone()),
            ("container", self.container.to_json()),
            ("attach", self.attach.to_json()),
            ("messages", self.messages.to_json()),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::serde_oracle;
    use crate::messages::Stream;
    use kubedebug_skim::json;

    #[test]
    fn plans_are_written_as_the_serde_derive_wrote_them() {
        let request = ApiRequest {
            method: "PATCH".into(),
            path: "/api/v1/namespaces/d/pods/p/ephemeralcontainers".into(),
            content_type: STRATEGIC_MERGE_PATCH.into(),
            body: json!({"spec": {"ephemeralContainers": [{"name": "d\u{1}", "n": 1.5e3}]}}),
        };
        for journey in [Journey::Ephemeral, Journey::Copy, Journey::Node] {
            for attach in [
                None,
                Some(AttachTarget {
                    namespace: "d".into(),
                    pod: "p".into(),
                    container: "c".into(),
                    ephemeral: true,
                    stdin: false,
                    tty: true,
                    recording_banner: true,
                }),
            ] {
                let plan = Plan {
                    journey,
                    requests: vec![request.clone(), request.clone()],
                    result: json!({"kind": "Pod", "x": [null, true, -1]}),
                    container: attach.as_ref().map(|_| json!({"name": "c"})),
                    attach,
                    messages: vec![Message {
                        stream: Stream::Stderr,
                        text: "é\n".into(),
                    }],
                };
                assert_eq!(plan.to_json(), serde_oracle(&plan));
            }
        }
    }
}
