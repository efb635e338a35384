use super::*;
use crate::json::serde_oracle;
use crate::messages::Stream;
use kubedebug_skim::json;

#[test]
fn plans_are_written_as_the_serde_derive_wrote_them() {
    let request = ApiRequest {
        method: "PATCH".into(),
        path: "/api/v1/namespaces/d/pods/p/ephemeralcontainers".into(),
        content_type: STRATEGIC_MERGE_PATCH.into(),
        body: json!({"spec": {"ephemeralContainers": [{"name": "d\u{1}", "n": 1.5e3}]}}),
    };
    for journey in [Journey::Ephemeral, Journey::Copy, Journey::Node] {
        for attach in [
            None,
            Some(AttachTarget {
                namespace: "d".into(),
                pod: "p".into(),
                container: "c".into(),
                ephemeral: true,
                stdin: false,
                tty: true,
                recording_banner: true,
            }),
        ] {
            let plan = Plan {
                journey,
                requests: vec![request.clone(), request.clone()],
                result: json!({"kind": "Pod", "x": [null, true, -1]}),
                container: attach.as_ref().map(|_| json!({"name": "c"})),
                attach,
                messages: vec![Message {
                    stream: Stream::Stderr,
                    text: "é\n".into(),
                }],
                cleanup: Some("/api/v1/namespaces/d/pods/p".into()),
                explain: Some(vec![crate::explain::PatchOp {
                    op: "remove".into(),
                    path: "/a~1b".into(),
                    value: None,
                    cause: "flag:--x".into(),
                }]),
            };
            assert_eq!(plan.to_json(), serde_oracle(&plan));
        }
    }
}
