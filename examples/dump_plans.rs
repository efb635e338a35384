//! Dump the native core's answers for every recorded conformance case, for the Wasm to be
//! compared with (`tests/js/wasm-native.test.mjs`):
//!
//! ```sh
//! cargo run --example dump_plans -- target/native-plans.json
//! ```
//!
//! Writes one JSON object mapping `"<version>/<case>"` to `{ session, objects, prepared |
//! prepareError, plans }`: the session built from the golden as `tests/conformance.rs`
//! builds it, the target objects read from the fixtures, `prepare`'s result or error, and
//! one `plan` result (or `{ error }`) per object.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::{goldens, session_for, target_objects, versions, FakeCluster};
use kubedebug::{plan, prepare, Failure, ToJson};
use serde_json::{json, Map, Value};

/// A failure as the Wasm throws it: `code`, `message`, `messages`.
fn failure(f: &Failure) -> Value {
    json!({
        "code": f.error.code().as_str(),
        "message": f.error.message(),
        "messages": Value::from(f.messages.to_json()),
    })
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .expect("usage: dump_plans OUTPUT.json");
    let mut all = Map::new();
    let (mut cases, mut plans) = (0, 0);
    for version in versions() {
        for g in goldens(&version) {
            let session = session_for(&g);
            let mut entry = Map::new();
            entry.insert("session".into(), Value::from(session.to_json()));
            let mut objects = Vec::new();
            let mut results = Vec::new();
            match prepare(&session) {
                Ok(prepared) => {
                    entry.insert("prepared".into(), Value::from(prepared.to_json()));
                    let cluster = FakeCluster::load(&g.fixtures());
                    for object in target_objects(&prepared, &cluster).into_iter().flatten() {
                        results.push(match plan(&session, &kubedebug::Value::from(&object)) {
                            Ok(p) => Value::from(p.to_json()),
                            Err(f) => json!({ "error": failure(&f) }),
                        });
                        objects.push(object);
                    }
                }
                Err(f) => {
                    entry.insert("prepareError".into(), failure(&f));
                }
            }
            plans += results.len();
            entry.insert("objects".into(), Value::Array(objects));
            entry.insert("plans".into(), Value::Array(results));
            all.insert(format!("{version}/{}", g.case), Value::Object(entry));
            cases += 1;
        }
    }
    if let Some(dir) = std::path::Path::new(&out).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).unwrap();
        }
    }
    std::fs::write(&out, serde_json::to_string(&Value::Object(all)).unwrap()).unwrap();
    println!("{cases} cases, {plans} plans written to {out}");
}
