//! The WebAssembly binding: the only file that knows about `wasm_bindgen` and `js_sys`.
//!
//! Every export takes and returns JSON text (the bench showed strings cross the boundary
//! 2–3 × faster than converted objects); `www/host/wasm.js` wraps them with
//! `JSON.stringify`/`JSON.parse` and gives hosts plain objects. A failure throws a JS
//! `Error` with kubectl's message, a stable `code`, `usage`, and the `messages` printed
//! before it. Nothing here panics on any input.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Error, Failure, KubectlVersion, Profile, Session};

/// Build the JS error thrown for a failure.
fn js_error(f: &Failure) -> JsValue {
    let err = js_sys::Error::new(f.error.message());
    err.set_name("DebugError");
    let obj: &JsValue = err.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &f.error.code().as_str().into());
    let _ = js_sys::Reflect::set(obj, &"usage".into(), &f.error.code().is_usage().into());
    if let Ok(messages) = serde_json::to_string(&f.messages) {
        if let Ok(parsed) = js_sys::JSON::parse(&messages) {
            let _ = js_sys::Reflect::set(obj, &"messages".into(), &parsed);
        }
    }
    err.into()
}

fn input_error(what: &str, e: serde_json::Error) -> JsValue {
    js_error(&Failure::from(Error::new(
        crate::Code::InvalidInput,
        format!("invalid {what}: {e}"),
    )))
}

fn to_json<T: Serialize>(v: &T) -> Result<String, JsValue> {
    serde_json::to_string(v).map_err(|e| input_error("output", e))
}

fn session(json: &str) -> Result<Session, JsValue> {
    serde_json::from_str(json).map_err(|e| input_error("session", e))
}

fn version(v: &str) -> Result<KubectlVersion, JsValue> {
    if v.is_empty() {
        return Ok(KubectlVersion::default());
    }
    v.parse().map_err(|e: Error| js_error(&Failure::from(e)))
}

/// `prepare(sessionJson) → preparedJson`: kubectl `Complete` + `Validate` + target resolution.
#[wasm_bindgen(js_name = prepareJson)]
pub fn prepare_json(session_json: &str) -> Result<String, JsValue> {
    let s = session(session_json)?;
    to_json(&crate::prepare(&s).map_err(|f| js_error(&f))?)
}

/// `plan(sessionJson, objectJson) → planJson`: what kubectl sends for one target object.
#[wasm_bindgen(js_name = planJson)]
pub fn plan_json(session_json: &str, object_json: &str) -> Result<String, JsValue> {
    let s = session(session_json)?;
    let object = serde_json::from_str(object_json).map_err(|e| input_error("target object", e))?;
    to_json(&crate::plan(&s, &object).map_err(|f| js_error(&f))?)
}

/// `parseArgs(argsJson, kubectlVersion, gateEnv) → parsedJson`: a kubectl argument list
/// (JSON array of strings) to options, with pflag's rules.
#[wasm_bindgen(js_name = parseArgsJson)]
pub fn parse_args_json(
    args_json: &str,
    kubectl_version: &str,
    gate_env: Option<String>,
) -> Result<String, JsValue> {
    let args: Vec<String> =
        serde_json::from_str(args_json).map_err(|e| input_error("argument list", e))?;
    let parsed = crate::args::parse_args(&args, version(kubectl_version)?, gate_env.as_deref())
        .map_err(|e| js_error(&Failure::from(e)))?;
    to_json(&parsed)
}

/// `renderArgs(optionsJson, namespace) → argsJson`: options back to a kubectl argument list.
#[wasm_bindgen(js_name = renderArgsJson)]
pub fn render_args_json(options_json: &str, namespace: Option<String>) -> Result<String, JsValue> {
    let options = serde_json::from_str(options_json).map_err(|e| input_error("options", e))?;
    to_json(&crate::args::render_args(&options, namespace.as_deref()))
}

/// `splitCommandLine(line) → argsJson`: shell-like word splitting of a pasted command line.
#[wasm_bindgen(js_name = splitCommandLineJson)]
pub fn split_command_line_json(line: &str) -> Result<String, JsValue> {
    let words = crate::args::split_command_line(line).map_err(|e| js_error(&Failure::from(e)))?;
    to_json(&words)
}

/// `profiles(kubectlVersion) → string[]`: the profiles that version offers.
#[wasm_bindgen]
pub fn profiles(kubectl_version: &str) -> Result<Vec<String>, JsValue> {
    Ok(Profile::available(version(kubectl_version)?)
        .map(|p| p.to_string())
        .collect())
}

/// `kubectlVersions() → string[]`: the kubectl versions whose behaviour can be followed.
#[wasm_bindgen(js_name = kubectlVersions)]
pub fn kubectl_versions() -> Vec<String> {
    KubectlVersion::all().map(|v| v.to_string()).collect()
}

/// `libraryVersion() → string`: this library's version.
#[wasm_bindgen(js_name = libraryVersion)]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
