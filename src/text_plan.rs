//! Planning from JSON text to JSON text: what a host on the wire uses (the API server's
//! response in, the request bodies out), without building the parts of the pod that the
//! journey does not touch (see the `kubedebug_skim` crate).

use std::borrow::Cow;

use crate::error::{Code, Error};
use crate::json::ToJson;
use crate::plan::{check_body_size, Journey};
use crate::session::{plan_target, prepare, Prepared, Session};
use crate::validate::Failure;
pub(crate) use kubedebug_skim::may_forge;
use kubedebug_skim::to_json;

/// A plan written as JSON: the [`crate::Plan`] without its bulky parts (`result` and each
/// `body` are `null`), each request's body as the text to send, and the result when it is
/// not a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPlan {
    /// The plan's JSON, with `result` and each `body` `null`.
    pub plan: String,
    /// Each request's body, in request order.
    pub bodies: Vec<String>,
    /// The target pod with the ephemeral container, when asked for. For a created pod (copy,
    /// node) the result is the first body, and this is `None`.
    pub result: Option<String>,
}

/// [`crate::plan()`] of a target given as JSON text, written as JSON text. The answer is the
/// same as parsing the text and calling [`crate::plan()`] (the tests hold it to that), but a
/// Pod's untouched subtrees are carried as text, never built. `with_result` asks for the
/// ephemeral journey's result (the whole pod again, so only when wanted).
///
/// # Errors
/// Text that is not JSON (`invalid target object: …`), and everything [`crate::plan()`] reports.
pub fn plan_text(session: &Session, target: &str, with_result: bool) -> Result<TextPlan, Failure> {
    plan_text_prepared(&prepare(session)?, target, with_result)
}

/// [`plan_text`] from what [`crate::prepare`] answered: nothing is parsed or decoded again.
///
/// # Errors
/// As [`plan_text`] and [`crate::plan_prepared`].
pub fn plan_text_prepared(
    prepared: &Prepared,
    target: &str,
    with_result: bool,
) -> Result<TextPlan, Failure> {
    let forge = may_forge(&kubedebug_skim::to_string(&prepared.to_json()));
    plan_text_with(prepared, target, with_result, forge, prepared.seed)
}

/// [`plan_text_prepared`], told whether the prepared session may hold a forged placeholder
/// (the Wasm binding checks its JSON text instead of writing it again), with the seed of this
/// plan's generated names (the host may give one per plan).
pub(crate) fn plan_text_with(
    prepared: &Prepared,
    target: &str,
    with_result: bool,
    prepared_may_forge: bool,
    seed: u64,
) -> Result<TextPlan, Failure> {
    // Rule 2 of the `kubedebug_skim` crate: no custom profile, and no `\u0001` in the
    // session or the target.
    // A `-f` object is normalised as a whole (kubectl's typed round trip), so never skimmed.
    // The pre-flight reads volumes, ports and probes, which a skimmed pod keeps as text.
    let skimmed = (prepared.custom.is_none()
        && prepared
            .pod_security
            .as_ref()
            .is_none_or(|s| s.preflight == crate::preflight::Mode::Off.as_str())
        && prepared.options.filename.is_empty()
        && !crate::overlay::any(&prepared.options)
        && !prepared.options.explain
        && !prepared_may_forge
        && !may_forge(target))
    .then(|| crate::typed::skim_pod(target, prepared.kubectl_version))
    .flatten();
    let (mut plan, texts) = match skimmed {
        // A failure may quote skimmed fields (a diff error prints the map): plan again from
        // the whole object for kubectl's exact text. Failures are rare; plans are not.
        Some(s) => match plan_target(prepared, Cow::Owned(s.pod), false, false, seed) {
            Ok(plan) => (plan, s.texts),
            Err(_) => (plan_whole(prepared, target, seed)?, Vec::new()),
        },
        None => (plan_whole(prepared, target, seed)?, Vec::new()),
    };
    let result = std::mem::take(&mut plan.result);
    let result = match plan.journey {
        Journey::Ephemeral if with_result => Some(to_json(&result, &texts)),
        _ => None,
    };
    let bodies: Vec<String> = plan
        .requests
        .iter_mut()
        .map(|r| to_json(&std::mem::take(&mut r.body), &texts))
        .collect();
    for (request, body) in plan.requests.iter().zip(&bodies) {
        check_body_size(request, body.len()).map_err(|e| Failure::after(e, &plan.messages))?;
    }
    Ok(TextPlan {
        plan: to_json(&plan.to_json(), &texts),
        bodies,
        result,
    })
}

/// The plan of the target parsed whole.
fn plan_whole(prepared: &Prepared, target: &str, seed: u64) -> Result<crate::Plan, Failure> {
    let object = kubedebug_skim::from_str(target).map_err(|e| {
        Failure::from(Error::new(
            Code::InvalidInput,
            format!("invalid target object: {e}"),
        ))
    })?;
    plan_target(prepared, Cow::Owned(object), false, true, seed)
}
