//! Native timing of the plan entry point on a fixture pod (see www/tools/bench.mjs for Wasm).
use std::time::Instant;

fn main() {
    if std::env::args().any(|a| a == "--scaling") {
        scaling();
        return;
    }
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

/// Native counterpart of `npm run bench -- --scaling` (issue 15 item 5) for the core's own
/// hot spots: seconds per input at 1×, 10×, 100× and the 100×/1× ratio (linear ≈ 100×).
/// `cargo run --release --example native_bench -- --scaling`
fn scaling() {
    fn secs(f: impl FnOnce()) -> f64 {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64()
    }
    type Shape = (&'static str, usize, fn(usize) -> Box<dyn FnOnce()>);
    let shapes: [Shape; 5] = [
        ("JSON number (digits)", 10_000, |n| {
            let text = format!("1.{}e5", "7".repeat(n));
            Box::new(move || {
                std::hint::black_box(kubedebug_skim::from_str(&text).is_ok());
            })
        }),
        ("parse_f64 (digits)", 10_000, |n| {
            let text = format!("0.{}", "9".repeat(n));
            Box::new(move || {
                std::hint::black_box(kubedebug_skim::parse_f64(&text));
            })
        }),
        ("--env flags", 500, |n| {
            let mut argv = vec!["web".to_string(), "--image=busybox".into()];
            argv.extend((0..n).map(|i| format!("--env=K{i}=v")));
            Box::new(move || {
                let v = kubedebug::KubectlVersion::default();
                std::hint::black_box(kubedebug::args::parse_args(&argv, v, None).is_ok());
            })
        }),
        ("object keys sharing a prefix", 1_000, |n| {
            let body: Vec<String> = (0..n)
                .map(|i| format!("\"{}{i}\":1", "k".repeat(40)))
                .collect();
            let text = format!("{{{}}}", body.join(","));
            Box::new(move || {
                std::hint::black_box(kubedebug_skim::from_str(&text).is_ok());
            })
        }),
        ("JSON nesting 100 deep (subtrees)", 100, |n| {
            let one = format!("{}1{}", "[".repeat(100), "]".repeat(100));
            let text = format!("[{}]", vec![one; n].join(","));
            Box::new(move || {
                std::hint::black_box(kubedebug_skim::from_str(&text).is_ok());
            })
        }),
    ];
    for (name, base, make) in shapes {
        let t: Vec<f64> = [1, 10, 100].iter().map(|f| secs(make(base * f))).collect();
        let (a, c) = (
            t.first().copied().unwrap_or(0.0),
            t.last().copied().unwrap_or(0.0),
        );
        println!(
            "{name:<34} {:>9.2} ms {:>9.2} ms {:>9.2} ms  {:>6.0}×",
            a * 1e3,
            t.get(1).copied().unwrap_or(0.0) * 1e3,
            c * 1e3,
            c / a.max(1e-6)
        );
    }
}
