use super::normalize;
use crate::json::Value;

fn norm(text: &str, minor: u8) -> String {
    let mut v: Value = kubedebug_skim::from_str(text).unwrap_or(Value::Null);
    normalize(&mut v, minor);
    kubedebug_skim::to_string(&v)
}

fn pod(spec: &str) -> String {
    format!(r#"{{"kind":"Pod","apiVersion":"v1","metadata":{{"name":"p"}},"spec":{spec}}}"#)
}

/// The `spec` of a normalised pod.
fn spec(spec_text: &str, minor: u8) -> String {
    let out = norm(&pod(spec_text), minor);
    let v: Value = kubedebug_skim::from_str(&out).unwrap_or(Value::Null);
    v.get("spec")
        .map_or_else(String::new, kubedebug_skim::to_string)
}

#[test]
fn omitempty_zero_values_are_dropped() {
    assert_eq!(
        spec(
            r#"{"hostNetwork":false,"nodeName":"","nodeSelector":{},"imagePullSecrets":[],"containers":[{"name":"a","stdin":false,"command":[],"volumeMounts":[{"name":"v","mountPath":"/v","readOnly":false,"subPath":""}]}],"volumes":[{"name":"az","azureFile":{"secretName":"s","shareName":"x","readOnly":false}}]}"#,
            37
        ),
        r#"{"containers":[{"name":"a","volumeMounts":[{"name":"v","mountPath":"/v"}]}],"volumes":[{"name":"az","azureFile":{"secretName":"s","shareName":"x"}}]}"#
    );
}

#[test]
fn structs_and_non_nil_pointers_stay() {
    // `resources` is a struct, `securityContext` a non-nil pointer, `privileged` a *bool,
    // `priority` an *int32: Go's omitempty omits none of them.
    assert_eq!(
        spec(
            r#"{"securityContext":{},"priority":0,"containers":[{"name":"a","resources":{},"securityContext":{"privileged":false}}]}"#,
            37
        ),
        r#"{"securityContext":{},"priority":0,"containers":[{"name":"a","resources":{},"securityContext":{"privileged":false}}]}"#
    );
}

#[test]
fn nulls_become_what_go_writes() {
    // A nil pointer, slice or map under omitempty is omitted; a string without omitempty
    // is written as "", an IntOrString as 0.
    assert_eq!(
        spec(
            r#"{"securityContext":null,"containers":[{"name":null,"command":null,"readinessProbe":{"tcpSocket":{"port":null}}}]}"#,
            37
        ),
        r#"{"containers":[{"name":"","readinessProbe":{"tcpSocket":{"port":0}}}]}"#
    );
}

#[test]
fn absent_scalars_without_omitempty_are_written() {
    assert_eq!(
        spec(
            r#"{"containers":[{"name":"a","ports":[{"name":"p"}],"volumeMounts":[{"name":"v"}]}]}"#,
            37
        ),
        r#"{"containers":[{"name":"a","ports":[{"name":"p","containerPort":0}],"volumeMounts":[{"name":"v","mountPath":""}]}]}"#
    );
}

#[test]
fn quantities_are_canonical() {
    let out = spec(
        r#"{"overhead":{"cpu":0.25},"containers":[{"name":"a","resources":{"limits":{"cpu":0.5,"memory":"1.5Gi","x/a":"0.5","x/b":1e3,"x/c":"1000m","x/d":"100M","x/e":"0.1","x/f":"0.0001","x/g":" 5 ","x/h":null,"x/i":"1024Mi"}}}],"volumes":[{"name":"s","emptyDir":{"sizeLimit":"0.5Gi"}}]}"#,
        37,
    );
    assert_eq!(
        out,
        r#"{"overhead":{"cpu":"250m"},"containers":[{"name":"a","resources":{"limits":{"cpu":"500m","memory":"1536Mi","x/a":"500m","x/b":"1e3","x/c":"1","x/d":"100M","x/e":"100m","x/f":"100u","x/g":"5","x/h":"0","x/i":"1Gi"}}}],"volumes":[{"name":"s","emptyDir":{"sizeLimit":"512Mi"}}]}"#
    );
}

#[test]
fn unknown_fields_stay_as_written() {
    assert_eq!(
        spec(
            r#"{"containers":[{"name":"a","readonly":false,"x":{"enabled":false,"cpu":0.5,"n":-0},"ReadOnly":""}]}"#,
            37
        ),
        r#"{"containers":[{"name":"a","readonly":false,"x":{"enabled":false,"cpu":0.5,"n":-0},"ReadOnly":""}]}"#
    );
}

#[test]
fn fields_follow_the_minor() {
    // Pod-level `resources` is known from 1.32, `restartPolicyRules` from 1.34.
    let text = r#"{"resources":{"limits":{"cpu":0.5}},"containers":[{"name":"a","restartPolicyRules":[]}]}"#;
    assert_eq!(spec(text, 31), text);
    assert_eq!(
        spec(text, 33),
        r#"{"resources":{"limits":{"cpu":"500m"}},"containers":[{"name":"a","restartPolicyRules":[]}]}"#
    );
    assert_eq!(
        spec(text, 37),
        r#"{"resources":{"limits":{"cpu":"500m"}},"containers":[{"name":"a"}]}"#
    );
}

#[test]
fn promoted_fields_of_embedded_structs_are_known() {
    // `Probe` embeds `ProbeHandler`, `Volume` embeds `VolumeSource`.
    assert_eq!(
        spec(
            r#"{"containers":[{"name":"a","livenessProbe":{"exec":{"command":[]},"periodSeconds":0}}],"volumes":[{"name":"v","hostPath":{"path":"/x","type":""}}]}"#,
            37
        ),
        r#"{"containers":[{"name":"a","livenessProbe":{"exec":{}}}],"volumes":[{"name":"v","hostPath":{"path":"/x","type":""}}]}"#
    );
}

#[test]
fn integers_are_written_as_go_writes_them() {
    assert_eq!(
        spec(
            r#"{"containers":[{"name":"a","ports":[{"containerPort":-0,"hostPort":80}]}]}"#,
            37
        ),
        r#"{"containers":[{"name":"a","ports":[{"containerPort":0,"hostPort":80}]}]}"#
    );
}

#[test]
fn nodes_are_normalised_and_other_kinds_left_alone() {
    assert_eq!(
        norm(
            r#"{"kind":"Node","apiVersion":"v1","metadata":{"name":"n","labels":{}},"spec":{"unschedulable":false},"status":{"capacity":{"cpu":0.5}}}"#,
            37
        ),
        r#"{"kind":"Node","apiVersion":"v1","metadata":{"name":"n"},"spec":{},"status":{"capacity":{"cpu":"500m"}}}"#
    );
    let other = r#"{"kind":"ConfigMap","apiVersion":"v1","data":{},"x":false}"#;
    assert_eq!(norm(other, 37), other);
}
