//! `--explain` over every recorded case of every version: applying the plan's JSON Patch
//! operations (with the json-patch crate) to the source object — the target pod, or `{}` for a
//! node debug pod — gives the plan's result exactly, and every operation has a cause. Cases
//! reading `-f` are left out: the core plans kubectl's typed round trip of the file's object,
//! so their source is not the object as written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{goldens, session_for, target_objects, versions, FakeCluster};
use kubedebug::{plan_prepared, prepare, Journey, ToJson};
use serde_json::{json, Value};

#[test]
fn explain_patches_source_into_result_for_every_golden() {
    let mut checked = 0;
    for version in versions() {
        for g in goldens(&version) {
            let session = session_for(&g);
            let Ok(mut prepared) = prepare(&session) else {
                continue;
            };
            if !prepared.options.filename.is_empty() {
                continue;
            }
            prepared.options.explain = true;
            let cluster = FakeCluster::load(&g.fixtures());
            for object in target_objects(&prepared, &cluster).into_iter().flatten() {
                let Ok(p) = plan_prepared(&prepared, &kubedebug::Value::from(&object)) else {
                    continue;
                };
                let ops = Value::from(p.explain.to_json());
                assert!(
                    ops.as_array()
                        .unwrap()
                        .iter()
                        .all(|o| !o["cause"].as_str().unwrap().is_empty()),
                    "{version}/{}: an operation without a cause",
                    g.case
                );
                let patch: json_patch::Patch = serde_json::from_value(ops).unwrap();
                let mut doc = match p.journey {
                    Journey::Node => json!({}),
                    _ => object.clone(),
                };
                json_patch::patch(&mut doc, &patch)
                    .unwrap_or_else(|e| panic!("{version}/{}: {e}", g.case));
                assert_eq!(doc, Value::from(p.result.to_json()), "{version}/{}", g.case);
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} plans checked");
}
