//! Robustness: `prepare` and `plan` return `Ok` or `Err` and never panic, whatever the target
//! object and options look like.
//!
//! Inputs are the recorder's real fixture pods and nodes (`tests/conformance/oracle/fixtures`),
//! mutated at random (field deletions; type swaps between string, number, null, bool, array
//! and object; huge strings; deep nesting; `containers: null` and other hot fields broken),
//! with random option sets: kubectl 1.27–1.37, every profile (and unknown ones), ephemeral /
//! copy / node journeys, custom profiles from the fixtures, random flags. The case count keeps
//! a debug-build run well under 20 s.
//!
//! Also here: the "nothing lost" rule — a pod copy keeps fields this library does not know.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kubedebug::{
    plan, prepare, CustomProfileFile, DebugOptions, KubectlVersion, Pair, Session, ToJson,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn fixtures_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/oracle/fixtures");
    if dir.is_dir() {
        return dir;
    }
    // Built from another manifest (a scratch crate including this file by path).
    Path::new(file!()).with_file_name("conformance/oracle/fixtures")
}

/// Every file of a fixtures subfolder, sorted: (file name, text).
fn read_dir(sub: &str) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(fixtures_dir().join(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The fixture pods and nodes.
fn objects() -> &'static [Value] {
    static OBJECTS: OnceLock<Vec<Value>> = OnceLock::new();
    OBJECTS.get_or_init(|| {
        let all: Vec<Value> = ["pods", "nodes"]
            .into_iter()
            .flat_map(read_dir)
            .filter(|(name, _)| name.ends_with(".json"))
            .map(|(_, text)| serde_json::from_str(&text).unwrap())
            .collect();
        assert!(all.len() >= 10, "fixtures missing");
        all
    })
}

/// The fixture custom profiles (valid, invalid and forbidden ones).
fn customs() -> &'static [(String, String)] {
    static CUSTOMS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CUSTOMS.get_or_init(|| read_dir("custom"))
}

/// Every JSON pointer in `v` (the root included).
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_string());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(child, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Split a pointer into its parent and last (unescaped) segment.
fn split_last(pointer: &str) -> Option<(&str, String)> {
    let at = pointer.rfind('/')?;
    let last = pointer[at + 1..].replace("~1", "/").replace("~0", "~");
    Some((&pointer[..at], last))
}

/// Remove the value at `pointer` from its parent object or array.
fn delete_at(root: &mut Value, pointer: &str) {
    let Some((parent, last)) = split_last(pointer) else {
        *root = Value::Null;
        return;
    };
    match root.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.shift_remove(&last);
        }
        Some(Value::Array(a)) => {
            if let Ok(i) = last.parse::<usize>() {
                if i < a.len() {
                    a.remove(i);
                }
            }
        }
        _ => {}
    }
}

/// Set the value at `pointer`, creating the key when the parent is an object.
fn set_at(root: &mut Value, pointer: &str, value: Value) {
    if let Some(slot) = root.pointer_mut(pointer) {
        *slot = value;
        return;
    }
    if let Some((parent, last)) = split_last(pointer) {
        if let Some(Value::Object(m)) = root.pointer_mut(parent) {
            m.insert(last, value);
        }
    }
}

/// A value of another JSON type, chosen by `kind`; `old` may be wrapped.
fn swapped(kind: u32, param: u32, old: Value) -> Value {
    match kind % 12 {
        0 => Value::String(format!("s{param}")),
        1 => json!(param),
        2 => json!(-(i64::from(param)) - 1),
        3 => json!(f64::from(param) / 7.0),
        4 => json!(1e300),
        5 => Value::Null,
        6 => Value::Bool(param & 1 == 0),
        7 => json!([]),
        8 => json!({}),
        9 => json!([old]),
        10 => json!({"x": old}),
        _ => Value::String(String::new()),
    }
}

/// Fields the library reads, to be broken more often than random ones.
const HOT: &[&str] = &[
    "",
    "/kind",
    "/apiVersion",
    "/metadata",
    "/metadata/name",
    "/metadata/namespace",
    "/metadata/labels",
    "/metadata/annotations",
    "/spec",
    "/spec/containers",
    "/spec/containers/0",
    "/spec/containers/0/name",
    "/spec/containers/0/image",
    "/spec/containers/0/env",
    "/spec/containers/0/securityContext",
    "/spec/containers/0/securityContext/capabilities",
    "/spec/containers/0/securityContext/capabilities/add",
    "/spec/containers/0/volumeMounts",
    "/spec/containers/0/livenessProbe",
    "/spec/initContainers",
    "/spec/ephemeralContainers",
    "/spec/ephemeralContainers/0/name",
    "/spec/securityContext",
    "/spec/securityContext/runAsUser",
    "/spec/shareProcessNamespace",
    "/spec/nodeName",
    "/spec/volumes",
];

/// Apply one mutation `(kind, where, param)` to `obj`.
fn mutate(obj: &mut Value, (kind, place, param): (u8, u32, u32)) {
    let pointer = if kind & 1 == 0 {
        HOT[place as usize % HOT.len()].to_string()
    } else {
        let mut all = Vec::new();
        pointers(obj, "", &mut all);
        all.swap_remove(place as usize % all.len())
    };
    let old = obj.pointer(&pointer).cloned().unwrap_or(Value::Null);
    match (kind / 2) % 6 {
        0 => delete_at(obj, &pointer),
        1 | 2 => set_at(obj, &pointer, swapped(param, place, old)),
        3 => set_at(
            obj,
            &pointer,
            Value::String("x".repeat(100_000 + param as usize % 1000)),
        ),
        4 => {
            let mut v = old;
            for i in 0..(param % 300) {
                v = if i & 1 == 0 {
                    json!([v])
                } else {
                    json!({"n": v})
                };
            }
            set_at(obj, &pointer, v);
        }
        _ => {
            let list = [
                "/spec/containers",
                "/spec/initContainers",
                "/spec/ephemeralContainers",
            ];
            set_at(obj, list[param as usize % list.len()], Value::Null);
        }
    }
}

/// Picks from a list with the next random choice (0 → the first, simplest, item).
struct Choices<'a>(std::slice::Iter<'a, u32>);

impl Choices<'_> {
    fn next(&mut self) -> u32 {
        self.0.next().copied().unwrap_or(0)
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.next() as usize % items.len()].clone()
    }
    /// True one time in eight (most options stay valid, so most cases reach the generators).
    fn rare(&mut self) -> bool {
        self.next() % 8 == 1
    }
    fn flag(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

fn pair(name: &str, value: &str) -> Pair {
    Pair {
        name: name.into(),
        value: value.into(),
    }
}

/// The container names of an object (init, regular, ephemeral), for `-c`.
fn container_names(obj: &Value) -> Vec<String> {
    ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .filter_map(|k| obj.get("spec")?.get(*k)?.as_array())
        .flatten()
        .filter_map(|c| c.get("name")?.as_str().map(String::from))
        .collect()
}

/// A random session for `obj` (before mutation) from `choices`.
fn random_session(obj: &Value, choices: &[u32]) -> Session {
    let mut c = Choices(choices.iter());
    let version = KubectlVersion::new(27 + (c.next() % 10) as u8).unwrap();
    let mut names = vec![String::new(), "debugger".into(), "x".into()];
    names.extend(container_names(obj));
    let profile = c.pick(&[
        None,
        Some("legacy"),
        Some("general"),
        Some("baseline"),
        Some("restricted"),
        Some("netadmin"),
        Some("sysadmin"),
        Some("general"),
        Some("netadmin"),
        Some("bogus"),
    ]);
    let is_node = obj.get("kind").and_then(Value::as_str) == Some("Node");
    let mut o = DebugOptions {
        targets: vec![if is_node {
            "node/n".into()
        } else {
            "target".into()
        }],
        profile: profile.map(String::from),
        copy_to: c.pick(&["", "copy", "", "target"]).into(),
        container: c.pick(&names),
        image: c
            .pick(&[
                "busybox",
                "busybox:1.36",
                "registry:5000/a/b:1",
                "busybox",
                "",
                "Bad Image!",
            ])
            .into(),
        image_pull_policy: c
            .pick(&["", "IfNotPresent", "Always", "Never", "", "bogus"])
            .into(),
        stdin: c.flag(),
        attach: c.pick(&[None, None, Some(true), Some(false)]),
        quiet: c.flag(),
        same_node: c.rare(),
        replace: c.rare(),
        share_processes: c.pick(&[None, Some(true), Some(false)]),
        target: c.pick(&["", "", "", "app", "missing"]).into(),
        arguments_only: c.flag(),
        keep_labels: c.rare(),
        keep_annotations: c.rare(),
        keep_liveness: c.rare(),
        keep_readiness: c.rare(),
        keep_startup: c.rare(),
        keep_init_containers: !c.rare(),
        ..DebugOptions::default()
    };
    o.args = (0..c.next() % 4).map(|i| format!("arg{i}")).collect();
    o.env = (0..c.next() % 3)
        .map(|i| pair(&format!("E{}", i % 2), "v"))
        .collect();
    o.tty = o.stdin && c.flag() || c.rare();
    o.set_image = c.pick(&[
        vec![],
        vec![],
        vec![],
        vec![pair("*", "busybox")],
        vec![pair("app", "app:debug"), pair("*", "x")],
        vec![pair("nginx", "Bad Image!")],
    ]);
    if c.rare() {
        o.targets.clear();
        o.filename = vec!["pod.json".into()];
    }
    if c.rare() {
        o.targets.clear();
    }
    let mut session = Session {
        kubectl_version: Some(version),
        namespace: c.pick(&[None, Some("default".to_string()), Some("other".to_string())]),
        namespace_explicit: c.flag(),
        seed: u64::from(c.next()),
        suffixes: c.pick(&[vec![], vec!["1".to_string()], vec![String::new()]]),
        ..Session::default()
    };
    if let Some(gate) = c.pick(&[None, Some("true"), Some("false")]) {
        session
            .env
            .insert("KUBECTL_DEBUG_CUSTOM_PROFILE".into(), gate.into());
    }
    let custom = c.next() as usize % (customs().len() * 3);
    if let Some((name, text)) = customs().get(custom) {
        o.custom = name.clone();
        session.custom_profile = Some(CustomProfileFile {
            path: name.clone(),
            text: Some(text.clone()),
            error: None,
        });
    }
    if c.next() % 4 != 0 {
        tame(&mut session, &mut o, version);
    }
    session.options = Some(o);
    session
}

/// Resolve the conflicts the random choices made, for three cases in four, so that most cases
/// get past `Validate` and reach the generators with their mutated objects.
fn tame(session: &mut Session, o: &mut DebugOptions, version: KubectlVersion) {
    let known = |p: &str| kubedebug::Profile::available(version).any(|x| x.as_str() == p);
    if o.profile.as_deref().is_some_and(|p| !known(p)) {
        o.profile = Some("general".into());
    }
    if o.image == "Bad Image!" {
        o.image = "busybox".into();
    }
    if o.image_pull_policy == "bogus" {
        o.image_pull_policy.clear();
    }
    if !version.at_least(31) {
        let defaults = DebugOptions::default();
        o.keep_labels = false;
        o.keep_annotations = false;
        o.keep_liveness = false;
        o.keep_readiness = false;
        o.keep_startup = false;
        o.keep_init_containers = defaults.keep_init_containers;
    }
    let bad_custom = o.custom.starts_with("forbidden") || o.custom.starts_with("invalid");
    if bad_custom || !version.at_least(30) || (!version.at_least(31) && o.custom.ends_with(".yaml"))
    {
        o.custom.clear();
        session.custom_profile = None;
    }
    session
        .env
        .insert("KUBECTL_DEBUG_CUSTOM_PROFILE".into(), "true".into());
    o.set_image.retain(|p| p.value != "Bad Image!");
    if o.copy_to.is_empty() {
        o.set_image.clear();
        o.same_node = false;
        o.replace = false;
        if o.image.is_empty() {
            o.image = "busybox".into();
        }
    } else {
        o.target.clear();
        if o.image.is_empty() && o.set_image.is_empty() && o.container.is_empty() {
            o.image = "busybox".into();
        }
    }
    if o.targets.is_empty() {
        o.filename = vec!["pod.json".into()];
    }
    if o.tty {
        o.stdin = true;
    }
    if o.attach == Some(true) && o.image.is_empty() && o.container.is_empty() {
        o.attach = None;
    }
}

/// Run one fuzz case: it must not panic; an `Ok` plan must be serialisable and make requests;
/// planning from the object's JSON text must give the same answer.
fn check(obj: &Value, session: &Session) {
    if let Ok(prepared) = prepare(session) {
        for t in &prepared.targets {
            assert_safe_path(&t.get.path);
        }
    }
    if let Ok(p) = common::plan_checked(session, obj) {
        assert!(!p.requests.is_empty(), "a plan without requests");
        assert!(kubedebug_skim::to_string(&p.to_json()).starts_with('{'));
        for r in &p.requests {
            assert_safe_path(&r.path);
        }
    }
}

/// A path the core hands to a host addresses exactly one API object: `/api/…` or `/apis/…`,
/// no query or fragment, no empty, `.` or `..` segment, and only characters Go's path
/// escaping leaves (so no segment can be re-split or normalised on the way).
fn assert_safe_path(path: &str) {
    let rest = path
        .strip_prefix("/api/")
        .or_else(|| path.strip_prefix("/apis/"));
    assert!(rest.is_some(), "not an API path: {path:?}");
    for seg in rest.unwrap_or_default().split('/') {
        assert!(
            !seg.is_empty() && seg != "." && seg != "..",
            "bad segment in {path:?}"
        );
        assert!(
            seg.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~$&+,:;=@%".contains(&b)),
            "unescaped byte in {path:?}"
        );
    }
}

/// Names and namespaces shaped to escape their path segment.
const PATH_LIKE: &[&str] = &[
    "..",
    ".",
    "../../prod",
    "../../kube-system/pods/victim",
    "nginx?labelSelector=a",
    "a%2fb",
    "x#y",
    "default/pods/x/..",
    "a b",
    "\u{0}",
    "é/..",
];

/// Measured: 1,500 cases of each property take about 9 s in a debug build here (2,000: 12 s).
const CASES: u32 = 1_500;

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_never_panic(
        which in any::<u32>(),
        mutations in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 0..6),
        choices in prop::collection::vec(any::<u32>(), 40),
    ) {
        let fixture = &objects()[which as usize % objects().len()];
        let session = random_session(fixture, &choices);
        let mut obj = fixture.clone();
        for m in mutations {
            mutate(&mut obj, m);
        }
        check(&obj, &session);
    }

    #[test]
    fn random_command_lines_never_panic(
        words in prop::collection::vec(prop::sample::select(WORDS.to_vec()), 0..10),
        minor in 27u8..=36,
    ) {
        let session = Session {
            args: Some(words.iter().map(|w| w.to_string()).collect()),
            kubectl_version: KubectlVersion::new(minor),
            ..Session::default()
        };
        if prepare(&session).is_ok() {
            check(&objects()[0], &session);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// Issue 15: crafted names, namespaces and suffixes never reach a request path.
    #[test]
    fn path_like_names_never_reach_a_path(
        which in any::<u32>(),
        name in prop::sample::select(PATH_LIKE.to_vec()),
        namespace in prop::sample::select(PATH_LIKE.to_vec()),
        choices in prop::collection::vec(any::<u32>(), 40),
        where_ in 0u8..6,
    ) {
        let fixture = &objects()[which as usize % objects().len()];
        let mut session = random_session(fixture, &choices);
        let mut obj = fixture.clone();
        match where_ {
            0 => set_at(&mut obj, "/metadata/name", json!(name)),
            1 => set_at(&mut obj, "/metadata/namespace", json!(namespace)),
            2 => session.namespace = Some(namespace.to_string()),
            3 => session.suffixes = vec![name.to_string()],
            4 => {
                if let Some(o) = session.options.as_mut() {
                    o.targets = vec![name.to_string(), format!("node/{name}")];
                }
            }
            _ => {
                session.args = Some(vec![
                    name.to_string(), "--image=busybox".into(), "-n".into(), namespace.to_string(),
                ]);
            }
        }
        check(&obj, &session);
    }
}

/// Command-line words for `random_command_lines_never_panic`.
const WORDS: &[&str] = &[
    "mypod",
    "node/n1",
    "deploy/x",
    "po/p",
    "--",
    "-",
    "-it",
    "-i",
    "-t",
    "-ti",
    "-q",
    "-c",
    "dbg",
    "--image=busybox",
    "--image",
    "busybox",
    "--image=",
    "--copy-to=c",
    "--copy-to",
    "--env=A=1",
    "--env",
    "A",
    "--env=A",
    "--set-image=*=busybox",
    "--set-image=a=b,c=d",
    "--set-image=",
    "--profile=general",
    "--profile=legacy",
    "--profile=sysadmin",
    "--profile",
    "--custom=x.json",
    "--attach",
    "--attach=false",
    "--attach=maybe",
    "--share-processes=false",
    "--same-node",
    "--replace",
    "--target=app",
    "--target",
    "--keep-labels",
    "--keep-init-containers=false",
    "--arguments-only",
    "-n",
    "ns",
    "--namespace=ns",
    "-f",
    "pod.json",
    "--filename=x",
    "--image-pull-policy=Always",
    "--image-pull-policy",
    "--quiet",
    "--unknown",
    "-x",
    "-c=",
    "--container=",
    "=",
    "--=",
    "--image=UPPER",
    "sh",
    "-c",
    "echo hi",
    "..",
    "../../prod",
    "node/..",
    "a%b",
    "x?y=1",
    "--namespace=default/pods/x/..",
];

/// The "nothing lost" rule: a pod copy keeps fields newer than any Kubernetes type this
/// library knows, in the pod spec and in containers, in every version.
#[test]
fn pod_copy_keeps_unknown_fields_in_every_version() {
    let pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "someFutureField": {"nested": [1, "two", null]},
            "containers": [{"name": "app", "image": "nginx", "someFutureField": "keep me"}],
        },
    });
    for version in KubectlVersion::all() {
        for profile in kubedebug::Profile::available(version) {
            for container in ["", "app"] {
                let session = Session {
                    options: Some(DebugOptions {
                        targets: vec!["web".into()],
                        copy_to: "web-copy".into(),
                        image: "busybox".into(),
                        container: container.into(),
                        profile: Some(profile.to_string()),
                        ..DebugOptions::default()
                    }),
                    kubectl_version: Some(version),
                    ..Session::default()
                };
                let what = format!("{version} --profile={profile} -c {container:?}");
                let pod = kubedebug::Value::from(&pod);
                let p = plan(&session, &pod).unwrap_or_else(|e| panic!("{what}: {e:?}"));
                let body = &p.requests[0].body;
                for copy in [&p.result, body] {
                    assert_eq!(
                        copy["spec"]["someFutureField"], pod["spec"]["someFutureField"],
                        "{what}"
                    );
                    assert_eq!(
                        copy["spec"]["containers"][0]["someFutureField"], "keep me",
                        "{what}"
                    );
                }
            }
        }
    }
}
