//! Properties of the strategic merge patch on generated documents.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use proptest::prelude::*;

use super::*;

fn arb_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "d", "e", "f"]).prop_map(str::to_string)
}

fn arb_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..3).prop_map(|i| json!(i)),
        arb_name().prop_map(Value::String),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    arb_scalar().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "name",
                        "env",
                        "containers",
                        "spec",
                        "$patch",
                        "$retainKeys",
                        "$setElementOrder/env",
                        "$deleteFromPrimitiveList/finalizers",
                        "finalizers",
                        "metadata",
                        "value",
                        "ports",
                        "containerPort",
                    ]),
                    inner
                ),
                0..4
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

fn arb_unique_list(item: impl Strategy<Value = Value>) -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec((arb_name(), item), 0..5).prop_map(|v| {
        let mut seen = std::collections::HashSet::new();
        v.into_iter()
            .filter(|(n, _)| seen.insert(n.clone()))
            .map(|(n, mut item)| {
                if let Some(m) = item.as_object_mut() {
                    m.insert("name".into(), Value::String(n));
                }
                item
            })
            .collect()
    })
}

fn arb_env() -> impl Strategy<Value = Value> {
    arb_unique_list(prop::option::of(arb_name()).prop_map(|v| match v {
        Some(v) => json!({"value": v}),
        None => json!({}),
    }))
    .prop_map(Value::Array)
}

fn arb_container() -> impl Strategy<Value = Value> {
    (
        prop::option::of(arb_name()),
        prop::option::of(arb_env()),
        prop::option::of(prop::collection::vec(arb_name(), 0..3)),
        prop::option::of(prop::collection::btree_set(1u16..5, 0..3)),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(image, env, args, ports, tty)| {
            let mut m = Map::new();
            if let Some(i) = image {
                m.insert("image".into(), json!(i));
            }
            if let Some(e) = env {
                m.insert("env".into(), e);
            }
            if let Some(a) = args {
                m.insert("args".into(), json!(a));
            }
            if let Some(p) = ports {
                m.insert(
                    "ports".into(),
                    Value::Array(p.into_iter().map(|p| json!({"containerPort": p})).collect()),
                );
            }
            if let Some(t) = tty {
                m.insert("securityContext".into(), json!({"privileged": t}));
            }
            Value::Object(m)
        })
}

fn arb_pod() -> impl Strategy<Value = Value> {
    (
        arb_unique_list(arb_container()),
        prop::option::of(arb_unique_list(arb_container())),
        prop::option::of(prop::collection::btree_set(arb_name(), 0..4)),
        prop::option::of(prop::collection::btree_map(arb_name(), arb_name(), 0..3)),
    )
        .prop_map(|(containers, eph, finalizers, labels)| {
            let mut spec = Map::new();
            spec.insert("containers".into(), Value::Array(containers));
            if let Some(e) = eph {
                spec.insert("ephemeralContainers".into(), Value::Array(e));
            }
            let mut meta = Map::new();
            if let Some(f) = finalizers {
                meta.insert("finalizers".into(), json!(f));
            }
            if let Some(l) = labels {
                meta.insert("labels".into(), json!(l));
            }
            json!({"metadata": meta, "spec": spec})
        })
}

proptest! {
    #[test]
    fn applying_the_two_way_patch_reproduces_modified(o in arb_pod(), m in arb_pod()) {
        let p = diff(&o, &m, Schema::Pod);
        prop_assert_eq!(apply(o, p, Schema::Pod), m);
    }

    #[test]
    fn arbitrary_json_never_panics(a in arb_json(), b in arb_json()) {
        for s in [Schema::Pod, Schema::Container] {
            let _ = strategic_merge_patch(&a, &b, s);
            let _ = create_two_way_merge_patch(&a, &b, s);
            if let Ok(p) = create_two_way_merge_patch(&a, &b, s) {
                let _ = strategic_merge_patch(&a, &p, s);
            }
        }
    }
}
