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

pub mod api_path;
pub mod args;
pub mod custom;
pub mod error;
pub mod generate;
pub(crate) mod go;
pub mod image;
pub mod json;
pub mod messages;
pub mod names;
pub mod options;
pub mod plan;
pub mod pod;
pub mod profile;
// Wired in by issue 14's `--preflight` and `--profile=auto`; until then only its tests call it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod pss;
pub mod session;
pub mod smp;
pub mod target;
pub mod text_plan;
mod typed;
pub mod validate;
pub mod version;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Code, Error, Result};
pub use json::ToJson;
pub use kubedebug_skim::{json, Map, Number, Value};
pub use messages::{Message, Stream};
pub use options::{DebugOptions, Pair};
pub use plan::{ApiRequest, AttachTarget, Journey, Plan};
pub use profile::Profile;
pub use session::{plan, plan_prepared, prepare, prepared_from_json, Needs, Prepared, Session};
pub use text_plan::{plan_text, plan_text_prepared, TextPlan};
pub use validate::{CustomProfileFile, Failure};
pub use version::KubectlVersion;
