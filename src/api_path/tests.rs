use super::*;

#[test]
fn client_go_refuses_what_cannot_be_a_segment() {
    let cases = [
        ("..", "invalid resource name \"..\": [may not be '..']"),
        (".", "invalid resource name \".\": [may not be '.']"),
        (
            "../../prod",
            "invalid resource name \"../../prod\": [may not contain '/']",
        ),
        (
            "a%b",
            "invalid resource name \"a%b\": [may not contain '%']",
        ),
        (
            "a/%",
            "invalid resource name \"a/%\": [may not contain '/' may not contain '%']",
        ),
    ];
    for (name, text) in cases {
        let err = check_resource_name(name).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some(text), "{name}");
    }
    for ok in ["web", "a..b", "...", "x?y", "é", ".a"] {
        assert_eq!(check_resource_name(ok), Ok(()), "{ok}");
    }
    assert_eq!(
        check_namespace("default/pods/x/..").map_err(|e| e.to_string()),
        Err("invalid namespace \"default/pods/x/..\": [may not contain '/']".to_string())
    );
}

#[test]
fn segments_are_escaped_as_go_escapes_a_path() {
    assert_eq!(
        escape_segment("nginx?labelSelector=a"),
        "nginx%3FlabelSelector=a"
    );
    assert_eq!(escape_segment("kube system"), "kube%20system");
    assert_eq!(escape_segment("a#b\u{0}é"), "a%23b%00%C3%A9");
    assert_eq!(
        escape_segment("ok-name_1.2~$&+,:;=@"),
        "ok-name_1.2~$&+,:;=@"
    );
}

#[test]
fn paths_check_the_namespace_before_the_name() {
    assert_eq!(
        pod("ns", "web", Some("ephemeralcontainers")).as_deref(),
        Ok("/api/v1/namespaces/ns/pods/web/ephemeralcontainers")
    );
    let err = pod("..", "..", None).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("invalid namespace \"..\": [may not be '..']")
    );
    assert_eq!(
        pod("ns", "a?b", None).as_deref(),
        Ok("/api/v1/namespaces/ns/pods/a%3Fb")
    );
}
