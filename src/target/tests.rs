use super::*;
use kubedebug_skim::json;

#[test]
fn names_resolve_like_kubectl() {
    let cases = [
        ("mypod", "/api/v1/namespaces/ns/pods/mypod"),
        ("pod/mypod", "/api/v1/namespaces/ns/pods/mypod"),
        ("po/mypod", "/api/v1/namespaces/ns/pods/mypod"),
        ("pods.v1./mypod", "/api/v1/namespaces/ns/pods/mypod"),
        ("node/n1", "/api/v1/nodes/n1"),
        ("no/n1", "/api/v1/nodes/n1"),
        (
            "deployment/nginx",
            "/apis/apps/v1/namespaces/ns/deployments/nginx",
        ),
    ];
    for (arg, path) in cases {
        assert_eq!(
            resolve_target(arg, "ns").map(|t| t.get.path),
            Ok(path.to_string()),
            "{arg}"
        );
    }
}

#[test]
fn unknown_types_get_the_builder_error() {
    let err = resolve_target("widget/x", "ns")
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("the server doesn't have a resource type \"widget\"")
    );
}

#[test]
fn kinds_other_than_pod_and_node_are_not_supported() {
    let cases = [
        (
            json!({"kind": "Deployment", "apiVersion": "apps/v1"}),
            "\"apps/v1, Kind=Deployment\" not supported by debug",
        ),
        (
            json!({"kind": "ConfigMap", "apiVersion": "v1"}),
            "\"/v1, Kind=ConfigMap\" not supported by debug",
        ),
    ];
    for (obj, msg) in cases {
        assert_eq!(
            target_kind(&obj).err().map(|e| e.to_string()).as_deref(),
            Some(msg)
        );
    }
    assert_eq!(
        target_kind(&json!({"kind": "Pod", "apiVersion": "v1"})),
        Ok(TargetKind::Pod)
    );
}

#[test]
fn written_as_the_serde_derive_wrote_them() {
    use crate::json::de::assert_written_as_derive;
    for arg in ["mypod", "no/n1", "deploy.v1.apps/web", "pods/é\u{1}\"x\""] {
        for ns in ["ns", "", "ü\n"] {
            let t = resolve_target(arg, ns);
            assert!(t.is_ok(), "{arg}");
            if let Ok(t) = t {
                assert_written_as_derive(&t);
                assert_written_as_derive(&t.get);
            }
        }
    }
    let t = TargetRef {
        name: String::new(),
        resource: "\u{0}".into(),
        object_name: "𝄞".into(),
        get: GetRequest {
            method: String::new(),
            path: "/\\".into(),
        },
    };
    assert_written_as_derive(&t);
}
