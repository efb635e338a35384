//! The plan: what kubectl sends for one target, and what it prints.

use crate::error::{Code, Error};
use crate::json::boundary::boundary_struct;
use crate::json::de::{DeError, FromJson, Res};
use crate::json::{ToJson, Value};
use crate::messages::Message;

/// Which debugging journey a plan follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    test,
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Journey {
    /// An ephemeral container added to a running pod.
    Ephemeral,
    /// A copy of the pod (`--copy-to`).
    Copy,
    /// A pod on a node (`node/NAME`).
    Node,
}

/// Content type of the ephemeral-container PATCH.
pub(crate) const STRATEGIC_MERGE_PATCH: &str = "application/strategic-merge-patch+json";
/// Content type of POST and DELETE bodies.
// DIVERGENCE(kubectl): 1.32+ sends pods and DeleteOptions as protobuf; the content is the
// same object, and every API server accepts JSON, which a JS host can produce.
pub(crate) const JSON: &str = "application/json";

/// The API server's limit on a request body (`apiserver` `MaxRequestBodyBytes`: 3 MiB).
pub const MAX_REQUEST_BODY_BYTES: usize = 3 * 1024 * 1024;

/// Refuses a request body over [`MAX_REQUEST_BODY_BYTES`].
///
/// # Errors
/// [`Code::RequestTooLarge`], saying which request and why.
// DIVERGENCE(kubectl): kubectl sends it and the API server answers `413 Request entity too
// large: limit is 3145728`; the plan refuses it first, so nothing of the journey is sent (a
// copy would otherwise be refused after nothing, a --replace never half-done).
pub(crate) fn check_body_size(request: &ApiRequest, len: usize) -> Result<(), Error> {
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

boundary_struct! {
    /// One API request, in the order kubectl makes it.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct ApiRequest {
        deny_unknown: true;
        /// `PATCH`, `POST` or `DELETE`.
        pub method: String = String::new(), "method";
        /// The API path.
        pub path: String = String::new(), "path";
        /// The body's content type.
        pub content_type: String = String::new(), "contentType";
        /// The body.
        pub body: Value = Value::Null, "body";
    }
}

boundary_struct! {
    /// The container kubectl attaches to after the requests succeed.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct AttachTarget {
        deny_unknown: true;
        /// The pod's namespace.
        pub namespace: String = String::new(), "namespace";
        /// The pod.
        pub pod: String = String::new(), "pod";
        /// The container.
        pub container: String = String::new(), "container";
        /// Whether it is an ephemeral container (changes kubectl's closing message).
        pub ephemeral: bool = false, "ephemeral";
        /// `-i`.
        pub stdin: bool = false, "stdin";
        /// `-t`.
        pub tty: bool = false, "tty";
        /// Whether kubectl prints the session-recording banner before attaching (1.34+).
        pub recording_banner: bool = false, "recordingBanner";
    }
}

boundary_struct! {
    /// What kubectl does for one target object.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(test, serde(default, deny_unknown_fields))]
    pub struct Plan {
        deny_unknown: true;
        /// The journey.
        pub journey: Journey = Journey::Ephemeral, "journey";
        /// The writes, in order.
        pub requests: Vec<ApiRequest> = Vec::new(), "requests";
        /// The object as it will exist: the target pod with the ephemeral container appended,
        /// or the pod that is created.
        pub result: Value = Value::Null, "result";
        /// The debug container, or `None` for a set-image-only copy.
        pub container: Option<Value> = None, "container";
        /// Where kubectl attaches, when it does.
        pub attach: Option<AttachTarget> = None, "attach";
        /// Lines kubectl prints for this target.
        pub messages: Vec<Message> = Vec::new(), "messages";
        /// With `--rm`: the path of the pod the session created (the copy or the node debug
        /// pod, never the source), to DELETE when the attached session ends.
        pub cleanup: Option<String> = None, "cleanup";
        /// With `--explain`: the change from the source (the target pod; `{}` for a node pod)
        /// to `result`, as JSON Patch operations tagged with their causes.
        pub explain: Option<Vec<crate::explain::PatchOp>> = None, "explain", write_only;
    }
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

impl FromJson for Journey {
    fn from_json_value(v: &Value) -> Res<Journey> {
        match v.as_str() {
            Some("ephemeral") => Ok(Journey::Ephemeral),
            Some("copy") => Ok(Journey::Copy),
            Some("node") => Ok(Journey::Node),
            _ => Err(DeError::new(
                "a journey is `ephemeral`, `copy` or `node`".to_string(),
            )),
        }
    }
}

#[cfg(test)]
mod tests;
