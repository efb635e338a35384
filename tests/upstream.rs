//! kubectl's own unit-test tables, ported: `staging/src/k8s.io/kubectl/pkg/cmd/debug/debug_test.go`
//! and `profiles_test.go` at the `kubernetes-1.36.0` tag (behaviour spec §11), run against
//! kubectl 1.36 behaviour (`KubectlVersion::LATEST`).
//!
//! One `#[test]` per Go test function, one table row per Go case, with kubectl's case names.
//! Expectations are Go structs in kubectl; here they are `kubedebug::json!` values, compared
//! after [`canonical`] drops what is only a Go zero-value artifact. A failing case reports its
//! name and how it differs (an RFC 6902 patch, `json_patch::diff`); every case of a table runs
//! before the test fails. Every plan and profile result also passes the schema check
//! (`tests/common/schema.rs`: k8s-openapi's typed `Pod` / `EphemeralContainer`).
//!
//! Harness conventions, mirroring kubectl's test setup:
//! * kubectl stubs the random name suffix to return "1", "2", … (reset per case): we pass
//!   `suffixes: ["1", "2", …]`.
//! * kubectl's generator tests build `DebugOptions` directly, so every flag is Go's zero value
//!   unless set: [`go_options`] starts from `keep_init_containers: false` and
//!   `share_processes: None` (set only where the Go test sets `shareProcessedChanged`).
//! * kubectl calls the generators without `Complete`/`Validate` or a target lookup; we go
//!   through [`kubedebug::plan`], so each case names its target pod in `targets` and input
//!   pods carry `kind: Pod` and a `metadata.name` (as every pod an API server returns does).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "upstream/complete.rs"]
mod complete;
#[path = "upstream/copy.rs"]
mod copy;
#[path = "upstream/custom.rs"]
mod custom;
#[path = "upstream/ephemeral.rs"]
mod ephemeral;
#[path = "upstream/node.rs"]
mod node;
#[path = "upstream/profiles_a.rs"]
mod profiles_a;
#[path = "upstream/profiles_b.rs"]
mod profiles_b;
#[path = "common/schema.rs"]
mod schema;

use kubedebug::profile::{apply, DebugStyle, KeepFlags, Profile};
use kubedebug::{plan, CustomProfileFile, DebugOptions, KubectlVersion, Pair, Plan, Session};
use kubedebug::{Map, Value};

/// The kubectl version every ported table runs against.
pub const VERSION: KubectlVersion = KubectlVersion::LATEST;

/// Keys of Go fields that are plain (non-pointer) `bool`s with `omitempty`: `false` there is
/// the zero value and means "unset". Pointer bools (`runAsNonRoot`, `privileged`,
/// `allowPrivilegeEscalation`, `shareProcessNamespace`, …) keep an explicit `false`.
const PLAIN_BOOLS: &[&str] = &[
    "stdin",
    "stdinOnce",
    "tty",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "readOnly",
];

/// Drop Go zero-value artifacts so a Go struct's expectation and our JSON compare equal:
/// `null`s, empty strings and lists (Go `omitempty` / nil slices), `false` for plain bools,
/// `resources: {}` and `status: {}` (Go marshals empty structs), and the pod's
/// `apiVersion: v1` / `kind: Pod` (kubectl's generators return objects without TypeMeta).
pub fn canonical(v: &Value) -> Value {
    let mut v = canonical_inner(v);
    if let Some(m) = v.as_object_mut() {
        if m.get("apiVersion").and_then(Value::as_str) == Some("v1") {
            m.remove("apiVersion");
        }
        if m.get("kind").and_then(Value::as_str) == Some("Pod") {
            m.remove("kind");
        }
    }
    v
}

fn canonical_inner(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let v = canonical_inner(v);
                let drop = match &v {
                    Value::Null => true,
                    Value::String(s) => s.is_empty(),
                    Value::Array(a) => a.is_empty(),
                    Value::Bool(false) => PLAIN_BOOLS.contains(&k.as_str()),
                    Value::Object(o) => {
                        o.is_empty() && matches!(k.as_str(), "resources" | "status")
                    }
                    _ => false,
                };
                if !drop {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(canonical_inner).collect()),
        other => other.clone(),
    }
}

/// How `got` differs from `want`: the RFC 6902 patch that turns the expectation into the
/// outcome (`json_patch::diff`; object key order is ignored), or `None` when they agree.
pub fn differences(want: &Value, got: &Value) -> Option<String> {
    let patch = json_patch::diff(
        &serde_json::Value::from(want),
        &serde_json::Value::from(got),
    );
    (!patch.0.is_empty()).then(|| format!("expected → got: {patch}"))
}

/// Collects the failing cases of one table; panics at the end with all of them.
#[derive(Default)]
pub struct Table {
    failures: Vec<String>,
    cases: usize,
}

impl Table {
    /// Compare one case's outcome (after [`canonical`]) with its expectation.
    pub fn check(&mut self, case: &str, want: &Value, got: Result<Value, String>) {
        self.cases += 1;
        match got {
            Ok(got) => {
                let (want, got) = (canonical(want), canonical(&got));
                if let Some(d) = differences(&want, &got) {
                    self.failures
                        .push(format!("{case:?}: {d}\n    full result: {got}"));
                }
            }
            Err(e) => self
                .failures
                .push(format!("{case:?}: unexpected error: {e}")),
        }
    }

    /// Record a case's failure directly.
    pub fn fail(&mut self, case: &str, why: String) {
        self.failures.push(format!("{case:?}: {why}"));
    }

    /// Count a case that has no JSON to compare.
    pub fn count(&mut self) {
        self.cases += 1;
    }

    /// Fail the test if any case failed.
    pub fn finish(self, test: &str) {
        assert!(
            self.failures.is_empty(),
            "{test}: {} of {} cases failed:\n  {}",
            self.failures.len(),
            self.cases,
            self.failures.join("\n  ")
        );
    }
}

/// Go's zero-valued `DebugOptions` with the given profile, debugging the pod `target`.
pub fn go_options(profile: &str, target: &str) -> DebugOptions {
    DebugOptions {
        targets: vec![target.to_string()],
        keep_init_containers: false,
        share_processes: None,
        profile: Some(profile.to_string()),
        ..DebugOptions::default()
    }
}

/// `--env NAME=VALUE` / `--set-image NAME=IMAGE` pairs.
pub fn pairs(items: &[(&str, &str)]) -> Vec<Pair> {
    items
        .iter()
        .map(|(name, value)| Pair {
            name: name.to_string(),
            value: value.to_string(),
        })
        .collect()
}

/// Strings from `&str`s.
pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A session following kubectl 1.36 with kubectl's stubbed name suffixes "1", "2", ….
pub fn session(options: DebugOptions) -> Session {
    Session {
        options: Some(options),
        kubectl_version: Some(VERSION),
        suffixes: (1..=9).map(|i| i.to_string()).collect(),
        ..Session::default()
    }
}

/// The same session with a custom profile (`--custom`), given as the container JSON kubectl's
/// test puts in `DebugOptions.CustomProfile`.
pub fn session_with_custom(mut options: DebugOptions, custom: &Value) -> Session {
    options.custom = "custom.json".to_string();
    Session {
        custom_profile: Some(CustomProfileFile {
            path: "custom.json".to_string(),
            text: Some(custom.to_string()),
            error: None,
        }),
        ..session(options)
    }
}

/// Run one target through `plan`, turning a failure into its message. Every body the plan
/// sends, and the pod it results in, must also pass the schema check (`tests/common/schema.rs`:
/// k8s-openapi's typed `Pod` / `EphemeralContainer`); a body that does not is a failure too.
pub fn run(session: &Session, target: &Value) -> Result<Plan, String> {
    let p = plan(session, target).map_err(|f| f.error.to_string())?;
    let mut problems = Vec::new();
    for r in &p.requests {
        let body = serde_json::Value::from(&r.body);
        let problem = match r.method.as_str() {
            "POST" => schema::check_pod(&body, &[]),
            "PATCH" => schema::check_ephemeral_patch(&body),
            _ => None,
        };
        problems.extend(problem.map(|e| format!("{} {}: {e}", r.method, r.path)));
    }
    problems.extend(
        schema::check_pod(&serde_json::Value::from(&p.result), &[]).map(|e| format!("result: {e}")),
    );
    if problems.is_empty() {
        Ok(p)
    } else {
        Err(format!("schema check: {}", problems.join("; ")))
    }
}

/// The `KeepFlags` kubectl's profile tests use: `KeepFlags{InitContainers: true}`.
pub const PROFILE_TEST_KEEP: KeepFlags = KeepFlags {
    labels: false,
    annotations: false,
    liveness: false,
    readiness: false,
    startup: false,
    init_containers: true,
};

/// One row of a profiles_test.go table: `Apply(pod, "dbg", target)` where `target` selects
/// the style (the pod itself → ephemeral, another pod → copy, `testNode` → node).
pub struct ProfileCase {
    /// kubectl's case name.
    pub name: &'static str,
    /// The style kubectl's `target` argument selects.
    pub style: DebugStyle,
    /// The pod given to `Apply`.
    pub pod: Value,
    /// The pod kubectl expects after `Apply`.
    pub want: Value,
}

/// Run a profiles_test.go table for `profile`, with kubectl's `KeepFlags{InitContainers: true}`.
pub fn run_profile_table(test: &str, profile: Profile, cases: Vec<ProfileCase>) {
    let mut table = Table::default();
    for case in cases {
        let mut pod = case.pod;
        apply(
            profile,
            &mut pod,
            "dbg",
            case.style,
            PROFILE_TEST_KEEP,
            VERSION,
        );
        if let Some(e) = schema::check_pod(&serde_json::Value::from(&pod), &[]) {
            table.fail(case.name, format!("schema check: {e}"));
        }
        table.check(case.name, &case.want, Ok(pod));
    }
    table.finish(test);
}

#[test]
fn canonical_drops_only_go_artifacts() {
    let v = kubedebug::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p", "creationTimestamp": null},
        "spec": {
            "hostPID": false, "shareProcessNamespace": false,
            "containers": [{"name": "c", "resources": {}, "stdin": false, "args": [],
                            "livenessProbe": {}, "securityContext": {"runAsNonRoot": false}}],
        },
        "status": {},
    });
    let want = kubedebug::json!({
        "metadata": {"name": "p"},
        "spec": {
            "shareProcessNamespace": false,
            "containers": [{"name": "c", "livenessProbe": {}, "securityContext": {"runAsNonRoot": false}}],
        },
    });
    assert_eq!(canonical(&v), want);
    assert_eq!(
        differences(&want, &kubedebug::json!({"metadata": {"name": "q"}})).as_deref(),
        Some(
            r#"expected → got: [{"op":"replace","path":"/metadata/name","value":"q"},{"op":"remove","path":"/spec"}]"#
        )
    );
}
