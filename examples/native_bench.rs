//! Native timing of the plan entry point on a fixture pod (see www/tools/bench.mjs for Wasm).
use std::time::Instant;

fn main() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/conformance/oracle/fixtures/"
    );
    let pod_text = std::fs::read_to_string(format!("{dir}pods/web-app.json")).unwrap_or_default();
    let pod = kubedebug_skim::from_str(&pod_text).unwrap_or_default();
    for (name, extra) in [("ephemeral", None), ("copy", Some("web-debug"))] {
        let mut options = kubedebug::DebugOptions {
            targets: vec!["web".into()],
            image: "busybox".into(),
            profile: Some("general".into()),
            ..Default::default()
        };
        if let Some(c) = extra {
            options.copy_to = c.into();
        }
        let session = kubedebug::Session {
            options: Some(options),
            seed: 1,
            ..Default::default()
        };
        let n = 2000;
        let t = Instant::now();
        for _ in 0..n {
            let p = kubedebug::plan(&session, &pod);
            std::hint::black_box(&p);
        }
        println!(
            "{name}: {:.1} µs/plan",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(kubedebug::prepare(&session).is_ok());
        }
        println!(
            "  prepare: {:.1} µs",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(pod.clone());
        }
        println!(
            "  pod clone: {:.1} µs",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
        let t = Instant::now();
        for _ in 0..n {
            let v: serde_json::Value = serde_json::from_str(&pod_text).unwrap_or_default();
            std::hint::black_box(serde_json::to_string(&v).unwrap_or_default());
        }
        println!(
            "  serde_json round trip: {:.1} µs",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    }
}

#[allow(dead_code)]
fn phases() {}
