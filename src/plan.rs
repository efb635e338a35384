//! The plan: what kubectl sends for one target, and what it prints.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::messages::Message;

/// Which debugging journey a plan follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// One API request, in the order kubectl makes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiRequest {
    /// `PATCH`, `POST` or `DELETE`.
    pub method: String,
    /// The API path.
    pub path: String,
    /// The body's content type.
    pub content_type: String,
    /// The body.
    pub body: Value,
}

/// The container kubectl attaches to after the requests succeed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
}

/// What kubectl does for one target object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The journey.
    pub journey: Journey,
    /// The writes, in order.
    pub requests: Vec<ApiRequest>,
    /// The object as it will exist: the target pod with the ephemeral container appended,
    /// or the pod that is created.
    pub result: Value,
    /// The debug container, or `None` for a set-image-only copy.
    pub container: Option<Value>,
    /// Where kubectl attaches, when it does.
    pub attach: Option<AttachTarget>,
    /// Lines kubectl prints for this target.
    pub messages: Vec<Message>,
}
