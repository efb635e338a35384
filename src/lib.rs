//! kubedebug: what `kubectl debug` would send, as a sans-IO library.
//!
//! Given a target object (Pod or Node) and kubectl-style options, the crate produces
//! the API requests `kubectl debug` makes after it has read the target (KEP-1441,
//! KEP-4292), following the behaviour of a chosen kubectl minor version (1.27 … 1.37,
//! default: the newest). It performs no I/O: no network, no clock, no randomness (the host
//! injects a seed or explicit name suffixes).
//!
//! ```
//! use kubedebug::{plan, Session};
//! let pod = kubedebug::json!({
//!     "apiVersion": "v1", "kind": "Pod",
//!     "metadata": {"name": "web", "namespace": "default"},
//!     "spec": {"containers": [{"name": "app", "image": "nginx"}]}
//! });
//! let session = Session {
//!     args: Some(["web", "--image=busybox", "--profile=general"].map(String::from).to_vec()),
//!     suffixes: vec!["abcde".into()],
//!     ..Session::default()
//! };
//! let plan = plan(&session, &pod).unwrap();
//! assert_eq!(plan.requests[0].path, "/api/v1/namespaces/default/pods/web/ephemeralcontainers");
//! assert_eq!(plan.messages[0].text, "Defaulting debug container name to debugger-abcde.");
//! ```
//!
//! # Public surface
//!
//! Everything else is internal (`pub(crate)`); the README's Architecture section maps it.
//!
//! - Planning: [`prepare`] (Complete + Validate, and which GET the host must make),
//!   [`plan`] / [`plan_prepared`] (the requests for a target object), [`plan_text`] /
//!   [`plan_text_prepared`] (the same on JSON text), [`prepared_from_json`].
//! - Their inputs and outputs: [`Session`], [`DebugOptions`], [`Pair`], [`CustomProfileFile`],
//!   [`KubectlVersion`], [`Prepared`], [`Needs`], [`Plan`], [`TextPlan`], [`ApiRequest`],
//!   [`AttachTarget`], [`Journey`], [`Message`], [`Stream`], [`Failure`], [`Error`] and its
//!   stable [`Code`], [`MAX_REQUEST_BODY_BYTES`].
//! - JSON: [`Value`], [`Map`], [`Number`], [`json!`], [`ToJson`], and [`yaml_to_json`]
//!   (sigs.k8s.io/yaml's conversion of a `--custom` file).
//! - [`args`]: kubectl's argument list (pflag parsing, rendering, shell splitting, the flag
//!   table). [`profile`]: kubectl's debugging profiles, applied to a pod spec.
//! - `wasm` (wasm32 only): the JavaScript binding behind `pkg/index.js`.

#![warn(unreachable_pub)]

mod api_path;
pub mod args;
mod custom;
mod defaults;
mod error;
mod explain;
mod generate;
pub(crate) mod go;
mod image;
mod json;
mod messages;
mod names;
mod options;
mod overlay;
mod plan;
mod pod;
mod preflight;
pub mod profile;
pub(crate) mod pss;
mod reads;
mod session;
mod sessions;
mod smp;
mod target;
mod text_plan;
mod typed;
mod validate;
mod version;
mod workload;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use custom::yaml_to_json;
pub use error::{Code, Error, Result};
pub use explain::PatchOp;
pub use json::ToJson;
pub use kubedebug_skim::{json, Map, Number, Value};
pub use messages::{Message, Stream};
pub use options::{DebugOptions, Pair};
pub use plan::{ApiRequest, AttachTarget, Journey, Plan, MAX_REQUEST_BODY_BYTES};
pub use preflight::PodSecurity;
pub use profile::Profile;
pub use reads::{Read, ReadResult};
pub use session::{plan, plan_prepared, prepare, prepared_from_json, Needs, Prepared, Session};
pub use sessions::{list_sessions, SessionMark};
pub use text_plan::{plan_text, plan_text_prepared, TextPlan};
pub use validate::{CustomProfileFile, Failure};
pub use version::KubectlVersion;
