use super::*;

#[test]
fn parses_supported_versions_only() {
    assert_eq!(
        "1.27".parse::<KubectlVersion>().ok(),
        KubectlVersion::new(27)
    );
    assert_eq!(
        "v1.33.1".parse::<KubectlVersion>().ok(),
        KubectlVersion::new(33)
    );
    for bad in [
        "1.26", "1.38", "2.30", "1", "", "1.x", "1.30.1.2", "v1.30.a",
    ] {
        assert!(bad.parse::<KubectlVersion>().is_err(), "{bad}");
    }
}

#[test]
fn the_newest_supported_minor_is_the_default() {
    assert_eq!(KubectlVersion::default().to_string(), "1.37");
    assert_eq!(KubectlVersion::all().count(), 11);
    assert_eq!(
        KubectlVersion::all().last(),
        Some(KubectlVersion::default())
    );
}

#[test]
fn default_profile_changes_in_1_36() {
    assert_eq!(
        KubectlVersion::new(35).map(|v| v.default_profile()),
        Some("legacy")
    );
    assert_eq!(KubectlVersion::LATEST.default_profile(), "general");
}

#[test]
fn written_as_the_serde_form() {
    for v in KubectlVersion::all() {
        crate::json::de::assert_written_as_derive(&v);
        assert_eq!(v.to_json(), Value::String(format!("1.{}", v.minor())));
    }
}
