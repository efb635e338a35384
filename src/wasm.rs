//! The WebAssembly binding: the only file that knows about `wasm_bindgen` and `js_sys`.
//!
//! Every export takes and returns JSON text (the bench showed strings cross the boundary
//! 2–3 × faster than converted objects); `www/host/wasm.js` wraps them with
//! `JSON.stringify`/`JSON.parse` and gives hosts plain objects. A failure throws a JS
//! `Error` with kubectl's message, a stable `code`, `usage`, and the `messages` printed
//! before it. Nothing here panics on any input.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::{Error, Failure, KubectlVersion, Prepared, Profile, Session, ToJson};

/// Build the JS error thrown for a failure.
fn js_error(f: &Failure) -> JsValue {
    let err = js_sys::Error::new(f.error.message());
    err.set_name("DebugError");
    let obj: &JsValue = err.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &f.error.code().as_str().into());
    let _ = js_sys::Reflect::set(obj, &"usage".into(), &f.error.code().is_usage().into());
    let messages = kubedebug_skim::to_string(&f.messages.to_json());
    if let Ok(parsed) = js_sys::JSON::parse(&messages) {
        let _ = js_sys::Reflect::set(obj, &"messages".into(), &parsed);
    }
    err.into()
}

/// `v` as JSON text.
fn to_json<T: ToJson>(v: &T) -> Result<String, JsValue> {
    Ok(kubedebug_skim::to_string(&v.to_json()))
}

/// A string argument; anything else (numbers, objects, `undefined`) is an input error.
/// Taking `JsValue` instead of `&str` keeps wasm-bindgen's glue from treating a non-string
/// as one, which reads out of bounds.
fn string_arg(v: &JsValue, what: &str) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| {
        js_error(&Failure::from(Error::new(
            crate::Code::InvalidInput,
            format!("invalid {what}: expected a string"),
        )))
    })
}

/// JSON text given as a string or as UTF-8 bytes (`Uint8Array`). Bytes cross the boundary
/// with one native copy; wasm-bindgen copies strings into Wasm memory in a JS loop, which
/// costs more than planning a pod.
fn text_arg(v: &JsValue, what: &str) -> Result<String, JsValue> {
    let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() else {
        return string_arg(v, what);
    };
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        js_error(&Failure::from(Error::new(
            crate::Code::InvalidInput,
            format!("invalid {what}: {e}"),
        )))
    })
}

/// An optional string argument: `undefined` and `null` are absent.
fn optional_string_arg(v: &JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    string_arg(v, what).map(Some)
}

fn session(json: &JsValue) -> Result<Session, JsValue> {
    Session::from_json(&string_arg(json, "session")?).map_err(|e| js_error(&Failure::from(e)))
}

fn version(v: &JsValue) -> Result<KubectlVersion, JsValue> {
    match optional_string_arg(v, "kubectl version")? {
        None => Ok(KubectlVersion::default()),
        Some(v) if v.is_empty() => Ok(KubectlVersion::default()),
        Some(v) => v.parse().map_err(|e: Error| js_error(&Failure::from(e))),
    }
}

/// `prepare(sessionJson) → preparedJson`: kubectl `Complete` + `Validate` + target resolution.
#[wasm_bindgen(js_name = prepareJson)]
pub fn prepare_json(session_json: JsValue) -> Result<String, JsValue> {
    let s = session(&session_json)?;
    to_json(&crate::prepare(&s).map_err(|f| js_error(&f))?)
}

/// A prepared session (`prepareJson`'s answer) or, when the text is a session, its
/// preparation. A prepared session has `needs`; a session never has.
///
/// The last answer is kept with its text (and whether that text may forge a placeholder): a
/// host plans many targets from one prepared session, and the same text decodes to the same
/// value (texts over 64 KiB are not kept).
fn prepared(text: &str) -> Result<(Rc<Prepared>, bool), JsValue> {
    const KEEP_AT_MOST: usize = 64 * 1024;
    let hit = LAST_PREPARED.with_borrow(|last| {
        last.as_ref()
            .filter(|(t, ..)| t == text)
            .map(|(_, p, forge)| (Rc::clone(p), *forge))
    });
    if let Some(hit) = hit {
        return Ok(hit);
    }
    let p = Rc::new(crate::session::prepared_from_json(text).map_err(|f| js_error(&f))?);
    let forge = crate::text_plan::may_forge(text);
    if text.len() <= KEEP_AT_MOST {
        LAST_PREPARED.set(Some((text.to_string(), Rc::clone(&p), forge)));
    }
    Ok((p, forge))
}

thread_local! {
    /// The last prepared session [`prepared`] decoded, with its JSON text and whether that
    /// text may forge a placeholder.
    static LAST_PREPARED: RefCell<Option<(String, Rc<Prepared>, bool)>> = const { RefCell::new(None) };
}

/// An optional per-plan seed: `undefined`/`null` are absent; else a whole number the host
/// checked (`www/core/index.js`), checked again here.
fn seed_arg(v: &JsValue) -> Result<Option<u64>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    match v.as_f64() {
        // In range and whole, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(n) if (0.0..=MAX_SAFE).contains(&n) && n.fract() == 0.0 => Ok(Some(n as u64)),
        _ => Err(js_error(&Failure::from(Error::new(
            crate::Code::InvalidInput,
            "invalid seed: expected a whole number from 0 to 2^53 - 1".to_string(),
        )))),
    }
}

/// `planText(preparedJson, targetText, withResult, seed) → [planJson, resultJson, ...bodies]`:
/// what kubectl sends for one target object given as JSON text (a string or UTF-8 bytes), from
/// a prepared session (its JSON text, as a string or UTF-8 bytes; or a session, prepared
/// first). The plan comes without its `result` and request bodies; each body follows as the
/// text to send. `resultJson` is the ephemeral journey's result when `withResult` is truthy,
/// else `""` (a created pod's result is its POST body). `seed`, when given, replaces the
/// prepared seed for this plan.
#[wasm_bindgen(js_name = planText)]
pub fn plan_text(
    prepared_json: JsValue,
    target_text: JsValue,
    with_result: JsValue,
    seed: JsValue,
) -> Result<Vec<String>, JsValue> {
    let text = text_arg(&prepared_json, "session")?;
    let (p, forge) = prepared(&text)?;
    let seed = seed_arg(&seed)?.unwrap_or(p.seed);
    let target = text_arg(&target_text, "target object")?;
    let plan = crate::text_plan::plan_text_with(&p, &target, with_result.is_truthy(), forge, seed)
        .map_err(|f| js_error(&f))?;
    let head = [plan.plan, plan.result.unwrap_or_default()];
    Ok(head.into_iter().chain(plan.bodies).collect())
}

/// `parseArgs(argsJson, kubectlVersion, gateEnv) → parsedJson`: a kubectl argument list
/// (JSON array of strings) to options, with pflag's rules.
#[wasm_bindgen(js_name = parseArgsJson)]
pub fn parse_args_json(
    args_json: JsValue,
    kubectl_version: JsValue,
    gate_env: JsValue,
) -> Result<String, JsValue> {
    let args = crate::args::args_from_json(&string_arg(&args_json, "argument list")?)
        .map_err(|e| js_error(&Failure::from(e)))?;
    let gate = optional_string_arg(&gate_env, "KUBECTL_DEBUG_CUSTOM_PROFILE")?;
    let parsed = crate::args::parse_args(&args, version(&kubectl_version)?, gate.as_deref())
        .map_err(|e| js_error(&Failure::from(e)))?;
    to_json(&parsed)
}

/// `renderArgs(optionsJson, namespace) → argsJson`: options back to a kubectl argument list.
#[wasm_bindgen(js_name = renderArgsJson)]
pub fn render_args_json(options_json: JsValue, namespace: JsValue) -> Result<String, JsValue> {
    let options = crate::DebugOptions::from_json(&string_arg(&options_json, "options")?)
        .map_err(|e| js_error(&Failure::from(e)))?;
    let namespace = optional_string_arg(&namespace, "namespace")?;
    to_json(&crate::args::render_args(&options, namespace.as_deref()))
}

/// `splitCommandLine(line) → argsJson`: shell-like word splitting of a pasted command line.
#[wasm_bindgen(js_name = splitCommandLineJson)]
pub fn split_command_line_json(line: JsValue) -> Result<String, JsValue> {
    let words = crate::args::split_command_line(&string_arg(&line, "command line")?)
        .map_err(|e| js_error(&Failure::from(e)))?;
    to_json(&words)
}

/// `profiles(kubectlVersion) → string[]`: the profiles that version offers.
#[wasm_bindgen]
pub fn profiles(kubectl_version: JsValue) -> Result<Vec<String>, JsValue> {
    Ok(Profile::available(version(&kubectl_version)?)
        .map(|p| p.to_string())
        .collect())
}

/// `kubectlVersions() → string[]`: the kubectl versions whose behaviour can be followed.
#[wasm_bindgen(js_name = kubectlVersions)]
pub fn kubectl_versions() -> Vec<String> {
    KubectlVersion::all().map(|v| v.to_string()).collect()
}

/// `defaultKubectlVersion() → string`: the version followed when none is given (the newest).
#[wasm_bindgen(js_name = defaultKubectlVersion)]
pub fn default_kubectl_version() -> String {
    KubectlVersion::default().to_string()
}

/// `kubectlFlagsJson() → flagsJson`: kubectl debug's flag table (every version's flags: name,
/// shorthand, whether it takes a value), so that hosts need no copy of it.
#[wasm_bindgen(js_name = kubectlFlagsJson)]
pub fn kubectl_flags_json() -> Result<String, JsValue> {
    to_json(&crate::args::kubectl_flags())
}

/// `libraryVersion() → string`: this library's version.
#[wasm_bindgen(js_name = libraryVersion)]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// `listSessionsJson(podListText) → sessionsJson`: the debug sessions of a `PodList` (or one
/// Pod) given as JSON text (a string or UTF-8 bytes).
#[wasm_bindgen(js_name = listSessionsJson)]
pub fn list_sessions_json(pod_list: JsValue) -> Result<String, JsValue> {
    let text = text_arg(&pod_list, "pod list")?;
    let sessions = crate::list_sessions(&text).map_err(|e| js_error(&Failure::from(e)))?;
    Ok(kubedebug_skim::to_string(&crate::Value::Array(sessions)))
}
