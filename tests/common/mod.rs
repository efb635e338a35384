//! Shared helpers for the conformance runner (and `examples/dump_plans.rs`): the recorded
//! cases, the session a case stands for, a fake cluster that answers GET/POST like the
//! recorder's server, and JSON canonicalisation.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kubedebug::{
    CustomProfileFile, Failure, KubectlVersion, Plan, Prepared, Session, TextPlan, ToJson,
};
use serde_json::{Map, Value};

/// The kubectl versions with recorded cases: every supported version (the core's one
/// declaration, `KubectlVersion::all()`); the conformance run fails when one has no goldens.
pub fn versions() -> Vec<String> {
    KubectlVersion::all().map(|v| v.to_string()).collect()
}

/// The conformance folder.
pub fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

/// The recorder's fixtures folder (what `$FIXTURES` stands for in goldens).
pub fn fixtures_dir() -> PathBuf {
    conformance_dir().join("oracle/fixtures")
}

/// One recorded run of the real kubectl.
pub struct Golden {
    pub version: String,
    pub case: String,
    pub doc: Value,
}

impl Golden {
    /// The `kubectl debug` arguments (after `debug`).
    pub fn args(&self) -> Vec<String> {
        let argv = strings(self.doc.get("argv"));
        let at = argv
            .iter()
            .position(|a| a == "debug")
            .map_or(argv.len(), |i| i + 1);
        argv.get(at..).unwrap_or(&[]).to_vec()
    }

    /// `-n NS` given before `debug`, if any.
    pub fn namespace(&self) -> Option<String> {
        let argv = strings(self.doc.get("argv"));
        let at = argv.iter().position(|a| a == "-n")?;
        argv.get(at + 1).cloned()
    }

    pub fn env(&self) -> BTreeMap<String, String> {
        self.doc
            .get("env")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn str(&self, key: &str) -> &str {
        self.doc.get(key).and_then(Value::as_str).unwrap_or("")
    }

    pub fn exit_code(&self) -> Option<i64> {
        self.doc.get("exit_code").and_then(Value::as_i64)
    }

    pub fn fixtures(&self) -> Vec<String> {
        strings(self.doc.get("fixtures"))
    }

    /// The recorded writes, with `body_is_result` bodies filled in.
    pub fn writes(&self) -> Vec<Value> {
        let result = self.doc.get("result").cloned().unwrap_or(Value::Null);
        self.doc
            .get("writes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|mut w| {
                if w.get("body_is_result") == Some(&Value::Bool(true)) {
                    if let Some(o) = w.as_object_mut() {
                        o.insert("body".into(), result.clone());
                    }
                }
                w
            })
            .collect()
    }
}

pub fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Every golden of one version, sorted by case id.
pub fn goldens(version: &str) -> Vec<Golden> {
    let dir = conformance_dir().join("golden").join(version);
    let mut out: Vec<Golden> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        })
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let doc: Value = serde_json::from_str(&text).ok()?;
            let case = p.file_stem()?.to_string_lossy().to_string();
            Some(Golden {
                version: version.to_string(),
                case,
                doc,
            })
        })
        .collect();
    out.sort_by(|a, b| a.case.cmp(&b.case));
    out
}

/// Read a file named with `$FIXTURES`, as the host would.
pub fn read_fixture_path(path: &str) -> std::io::Result<String> {
    let real = path.replace("$FIXTURES", &fixtures_dir().to_string_lossy());
    std::fs::read_to_string(real)
}

/// The `--custom` file read from `$FIXTURES` as a host reads it: its text, or Go's error.
pub fn read_custom_profile(path: &str) -> CustomProfileFile {
    match read_fixture_path(path) {
        Ok(text) => CustomProfileFile {
            path: path.to_string(),
            text: Some(text),
            error: None,
        },
        Err(_) => CustomProfileFile {
            path: path.to_string(),
            text: None,
            error: Some(format!("open {path}: no such file or directory")),
        },
    }
}

/// The session a recorded case stands for: its `kubectl debug` arguments, `-n`, environment
/// and kubectl version, the `--custom` file read from `$FIXTURES` (or the error of reading
/// it), and fixed name suffixes (the recorder replaced generated ones by `XXXXX`).
pub fn session_for(g: &Golden) -> Session {
    let args = g.args();
    let custom_profile = args
        .iter()
        .find_map(|a| a.strip_prefix("--custom="))
        .map(read_custom_profile);
    let namespace = g.namespace();
    Session {
        args: Some(args),
        namespace_explicit: namespace.is_some(),
        namespace,
        kubectl_version: g.version.parse::<KubectlVersion>().ok(),
        env: g.env(),
        custom_profile,
        suffixes: vec!["XXXXX".to_string(); 8],
        ..Session::default()
    }
}

/// The target objects kubectl reads after `prepare`, in its order: each `-f` file (read
/// from `$FIXTURES`, its documents as kubectl's builder reads them: see [`file_documents`]),
/// then each positional target from the cluster; an error is the text kubectl prints for an
/// object it cannot read (and nothing after it is read).
pub fn target_objects(prepared: &Prepared, cluster: &FakeCluster) -> Vec<Result<Value, String>> {
    let mut objects = Vec::new();
    for file in &prepared.options.filename {
        match read_fixture_path(file) {
            Ok(text) => {
                for doc in file_documents(file, &text) {
                    let stop = doc.is_err();
                    objects.push(doc);
                    if stop {
                        return objects;
                    }
                }
            }
            Err(_) => {
                objects.push(Err(format!("error: the path {file:?} does not exist")));
                return objects;
            }
        }
    }
    for target in &prepared.targets {
        objects.push(cluster.get(&target.get.path));
    }
    objects
}

/// The documents of a `-f` source as kubectl's `YAMLOrJSONDecoder` yields them: a JSON stream
/// when the text starts with `{`, else YAML split on `---` lines (each document through
/// sigs.k8s.io/yaml, the core's [`kubedebug::yaml_to_json`]); empty documents are
/// skipped, a `List` is *not* flattened (the core refuses it), and each document's
/// `apiVersion`/`kind` is checked with kubectl's texts. The object kinds themselves are the
/// core's to judge.
pub fn file_documents(file: &str, text: &str) -> Vec<Result<Value, String>> {
    let mut out = Vec::new();
    let decode_err = |m: String| Err(format!("error: unable to decode {file:?}: {m}"));
    if text.trim_start().starts_with('{') {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        let mut start = 0;
        while let Some(next) = stream.next() {
            let end = stream.byte_offset();
            match next {
                Ok(v) => {
                    let raw = text.get(start..end).unwrap_or("").trim();
                    if let Some(m) = type_meta_error(&v, raw) {
                        out.push(decode_err(m));
                        return out;
                    }
                    out.push(Ok(v));
                }
                Err(e) => {
                    out.push(Err(format!("error: error parsing {file}: {e}")));
                    return out;
                }
            }
            start = end;
        }
        return out;
    }
    let mut chunks = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.starts_with("---") && line.get(3..).unwrap_or("").trim().is_empty() {
            chunks.push(String::new());
        } else if let Some(last) = chunks.last_mut() {
            last.push_str(line);
        }
    }
    for chunk in chunks {
        match kubedebug::yaml_to_json(&chunk) {
            Ok(kubedebug::Value::Null) => {}
            Ok(v) => {
                let v = Value::from(&v);
                if let Some(m) = type_meta_error(&v, &sorted_json(&v)) {
                    out.push(decode_err(m));
                    return out;
                }
                out.push(Ok(v));
            }
            Err(e) => {
                out.push(Err(format!(
                    "error: error parsing {file}: error converting YAML to JSON: {e}"
                )));
                return out;
            }
        }
    }
    out
}

/// apimachinery's checks of a document's type meta, with the document as kubectl quotes it.
fn type_meta_error(v: &Value, quoted: &str) -> Option<String> {
    let Some(map) = v.as_object() else {
        let what = match v {
            Value::Array(_) => "array",
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
            _ => "object",
        };
        return Some(format!("couldn't get version/kind; json parse error: json: cannot unmarshal {what} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}"));
    };
    for k in ["apiVersion", "kind"] {
        let what = match map.get(k) {
            Some(Value::Array(_)) => "array",
            Some(Value::Number(_)) => "number",
            Some(Value::Bool(_)) => "bool",
            Some(Value::Object(_)) => "object",
            _ => continue,
        };
        return Some(format!("couldn't get version/kind; json parse error: json: cannot unmarshal {what} into Go struct field .{k} of type string"));
    }
    let field = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or("");
    if field("kind").is_empty() {
        return Some(format!("Object 'Kind' is missing in '{quoted}'"));
    }
    if field("apiVersion").is_empty() {
        return Some(format!("Object 'apiVersion' is missing in '{quoted}'"));
    }
    None
}

/// Go's `json.Marshal` of a decoded YAML map: keys sorted, compact.
fn sorted_json(v: &Value) -> String {
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Value::Object(keys.into_iter().map(|k| (k.clone(), sort(&m[k]))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(sort).collect()),
            v => v.clone(),
        }
    }
    serde_json::to_string(&sort(v)).unwrap_or_default()
}

/// Objects served by the fake cluster.
pub struct FakeCluster {
    objects: Vec<Value>,
}

impl FakeCluster {
    pub fn load(fixtures: &[String]) -> FakeCluster {
        let objects = fixtures
            .iter()
            .filter_map(|f| std::fs::read_to_string(fixtures_dir().join(f)).ok())
            .filter_map(|t| serde_json::from_str(&t).ok())
            .collect();
        FakeCluster { objects }
    }

    /// GET an API path: the object, or kubectl's `Error from server (NotFound)` text.
    pub fn get(&self, path: &str) -> Result<Value, String> {
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let (ns, resource, name) = match parts.as_slice() {
            [_, _, "namespaces", ns, res, name] | [_, _, _, "namespaces", ns, res, name] => {
                (Some(*ns), *res, *name)
            }
            [_, _, res, name] | [_, _, _, res, name] => (None, *res, *name),
            _ => return Err(format!("unexpected path {path}")),
        };
        let kind = match resource {
            "pods" => "Pod",
            "nodes" => "Node",
            "deployments" => "Deployment",
            "namespaces" => "Namespace",
            other => other,
        };
        self.objects
            .iter()
            .find(|o| {
                o.get("kind").and_then(Value::as_str) == Some(kind)
                    && meta(o, "name") == name
                    && ns.is_none_or(|ns| meta(o, "namespace") == ns)
            })
            .cloned()
            .ok_or_else(|| format!("Error from server (NotFound): {resource} \"{name}\" not found"))
    }

    /// POST a pod: 409 when the name exists in the namespace.
    pub fn create_pod(&mut self, namespace: &str, pod: &Value) -> Result<(), String> {
        let name = meta(pod, "name").to_string();
        let exists = self.objects.iter().any(|o| {
            o.get("kind").and_then(Value::as_str) == Some("Pod")
                && meta(o, "name") == name
                && meta(o, "namespace") == namespace
        });
        if exists {
            return Err(format!(
                "Error from server (AlreadyExists): pods \"{name}\" already exists"
            ));
        }
        let mut stored = pod.clone();
        if let Some(m) = stored.get_mut("metadata").and_then(Value::as_object_mut) {
            m.insert("namespace".into(), Value::String(namespace.to_string()));
        }
        self.objects.push(stored);
        Ok(())
    }
}

fn meta<'a>(o: &'a Value, key: &str) -> &'a str {
    o.get("metadata")
        .and_then(|m| m.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// Remove what Go's encoder adds and this library does not: `creationTimestamp: null`,
/// `resources: {}`, `status: {}`, and (`drop_nulls`) every `null` — protobuf-decoded
/// bodies of 1.32+ print nil slices as `null`. Also sort env lists named by `--env` keys
/// (kubectl builds them from a Go map, so the recorder sorted them).
pub fn canonicalize(v: &mut Value, drop_nulls: bool, env_keys: &[String]) {
    match v {
        Value::Object(m) => {
            m.retain(|k, x| {
                !((k == "creationTimestamp" && x.is_null())
                    || (k == "resources" && x.as_object().is_some_and(Map::is_empty))
                    || (k == "status" && x.as_object().is_some_and(Map::is_empty))
                    || (drop_nulls && x.is_null()))
            });
            for (k, x) in m.iter_mut() {
                if k == "env" && env_keys.len() > 1 {
                    sort_env(x, env_keys);
                }
                canonicalize(x, drop_nulls, env_keys);
            }
        }
        Value::Array(a) => a
            .iter_mut()
            .for_each(|x| canonicalize(x, drop_nulls, env_keys)),
        _ => {}
    }
}

fn sort_env(list: &mut Value, env_keys: &[String]) {
    let Some(items) = list.as_array_mut() else {
        return;
    };
    let mut names: Vec<String> = items
        .iter()
        .map(|e| {
            e.get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        })
        .collect();
    names.sort();
    let mut keys = env_keys.to_vec();
    keys.sort();
    keys.dedup();
    if names == keys {
        items.sort_by(|a, b| {
            let n = |e: &Value| {
                e.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            n(a).cmp(&n(b))
        });
    }
}

/// How `ours` differs from `theirs` (kubectl's), as the RFC 6902 patch that turns kubectl's
/// body into ours (`json_patch::diff`), or `None` when they agree. A key present only in
/// `ours` (an `add` into an object of kubectl's) is allowed when `source` has that same key
/// with that same value at the same place (kubectl's compiled types drop fields they do not
/// know).
pub fn differences(ours: &Value, theirs: &Value, source: Option<&Value>) -> Option<String> {
    let patch = json_patch::diff(theirs, ours);
    let ops: Vec<String> = patch
        .0
        .iter()
        .filter(|op| !kept_from_source(op, theirs, source))
        .map(|op| short(&serde_json::to_value(op).unwrap_or(Value::Null)))
        .collect();
    if ops.is_empty() {
        return None;
    }
    let n = ops.len();
    let shown: Vec<String> = ops.into_iter().take(3).collect();
    let more = if n > 3 {
        format!(" (+{} more)", n - 3)
    } else {
        String::new()
    };
    Some(format!("kubectl's → ours: [{}]{more}", shown.join(", ")))
}

/// An `add` of a key into one of kubectl's objects, with the value the source has there.
fn kept_from_source(
    op: &json_patch::PatchOperation,
    theirs: &Value,
    source: Option<&Value>,
) -> bool {
    let json_patch::PatchOperation::Add(add) = op else {
        return false;
    };
    let path = add.path.as_str();
    let parent = path.rfind('/').and_then(|i| path.get(..i)).unwrap_or("");
    theirs.pointer(parent).is_some_and(Value::is_object)
        && source.and_then(|s| s.pointer(path)) == Some(&add.value)
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

/// `plan`, held to `plan_text` of the object's JSON text (compact and indented): the text
/// path (which skims pods) must write exactly the text of the plan, or fail the same way.
pub fn plan_checked(session: &Session, object: &Value) -> Result<Plan, Failure> {
    let ours = kubedebug::Value::from(object);
    let full = kubedebug::plan(session, &ours);
    // The host's way: prepare once, keep the answer as JSON, plan from it.
    if let Ok(prepared) = kubedebug::prepare(session) {
        let json = kubedebug_skim::to_string(&kubedebug::ToJson::to_json(&prepared));
        let again = kubedebug::prepared_from_json(&json);
        // What prepare printed and resolved is for the host; planning does not read it back.
        let planned = kubedebug::Prepared {
            messages: Vec::new(),
            targets: Vec::new(),
            ..prepared.clone()
        };
        assert_eq!(
            again.as_ref(),
            Ok(&planned),
            "prepared session round trip: {json}"
        );
        assert_eq!(
            kubedebug::plan_prepared(&prepared, &ours),
            full,
            "plan from the prepared session"
        );
    }
    let texts = [
        kubedebug_skim::to_string(&ours),
        kubedebug_skim::to_string_pretty(&ours),
    ];
    for text in texts {
        // A value nested deeper than JSON text may be has no text form.
        if kubedebug_skim::from_str(&text).is_err() {
            continue;
        }
        match (&full, kubedebug::plan_text(session, &text, true)) {
            (Ok(p), Ok(t)) => {
                // Skimmed subtrees keep the input's own layout: compare compact forms.
                let (got, want) = (compact(&t), text_plan_of(p));
                assert!(
                    got == want,
                    "plan_text differs for {text}:\n{got:?}\n{want:?}"
                );
            }
            (Err(a), Err(b)) => assert_eq!(a, &b, "plan_text fails differently for {text}"),
            (a, b) => assert!(
                a.is_ok() == b.is_ok(),
                "plan and plan_text disagree for {text}: {a:?} vs {b:?}"
            ),
        }
    }
    full
}

/// What `plan_text` must write for a plan: the plan without result and bodies, each body,
/// and the ephemeral journey's result.
pub fn text_plan_of(p: &Plan) -> TextPlan {
    let mut p = p.clone();
    let result = std::mem::take(&mut p.result);
    let bodies = p
        .requests
        .iter_mut()
        .map(|r| kubedebug_skim::to_string(&std::mem::take(&mut r.body)))
        .collect();
    TextPlan {
        plan: kubedebug_skim::to_string(&p.to_json()),
        bodies,
        result: (p.journey == kubedebug::Journey::Ephemeral)
            .then(|| kubedebug_skim::to_string(&result)),
    }
}

/// Each text of a [`TextPlan`] read and written back compactly (numbers keep their text).
fn compact(t: &TextPlan) -> TextPlan {
    let c = |text: &str| {
        kubedebug_skim::from_str(text)
            .map_or_else(|e| e.to_string(), |v| kubedebug_skim::to_string(&v))
    };
    TextPlan {
        plan: c(&t.plan),
        bodies: t.bodies.iter().map(|b| c(b)).collect(),
        result: t.result.as_deref().map(c),
    }
}

/// A plan as a `serde_json` value.
pub fn plan_value(p: &Plan) -> Value {
    Value::from(p.to_json())
}
