use super::*;

fn v(minor: u8) -> KubectlVersion {
    KubectlVersion::new(minor).unwrap_or_default()
}

const HEX64: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn valid_everywhere() -> Vec<String> {
    let mut list: Vec<String> = [
        "busybox",
        "busybox:Latest",
        "A.b/c",
        "Example.COM/x",
        "a--b",
        "a__b",
        "a_b",
        "a.b",
        "a-----b",
        "sha256:abc",
        "localhost:5000/a/b:c",
        "localhost/a",
        "localhost:5000/a",
        "registry.example.com:5000/ns/busybox:1.0@sha256:0123456789abcdef0123456789ABCDEF",
        "gcr.io/distroless/static-debian12:debug-nonroot",
        "busybox:1.36",
        "myproj/debug-tools",
        "a/b/c/d/e",
        "0",
        "a:_",
        "a:A.-",
        "my-registry-1.example:1/x",
        "x@a+b.c_d-e:0123456789abcdef0123456789abcdef",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    list.push(format!("name@sha256:{HEX64}"));
    list.push(format!("name:{}", "t".repeat(128)));
    list
}

fn invalid_everywhere() -> Vec<String> {
    let mut list: Vec<String> = [
        "",
        "Busybox",
        "a/B",
        "a___b",
        "a-",
        "_a",
        "a..b",
        "a/b/",
        "/a",
        "a//b",
        "a:b:c",
        "image:label@deadbeef",
        "SUPERGOODIMAGE#1",
        "SUPERGOODIMAGE#1!!!!",
        "-busybox",
        "a:",
        "a:-x",
        "a@",
        "a@sha256:",
        "a@sha256",
        "a@1sha:0123456789abcdef0123456789abcdef",
        "a@sha256:0123456789abcdef0123456789abcdeg",
        "a@b@sha256:0123456789abcdef0123456789abcdef",
        "-a.com/b",
        "a-.com/b",
        "a.com:/b",
        "a.com:x/b",
        "a._b",
        "a_.b",
        "a-_b",
        "busybox\n",
        "büsybox",
        "a b",
        "[::1]/busybox:tag:x",
        "[]:5000/busybox",
        "[::1:5000/busybox",
        "[::1]x/busybox",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    list.push(format!("name:{}", "t".repeat(129)));
    list.push("a@sha256:0123456789abcdef0123456789abcde".to_string());
    list
}

#[test]
fn the_spec_examples_hold_on_both_grammars() {
    for minor in [27, 28, 29, 33, 36] {
        for image in valid_everywhere() {
            assert!(is_valid_reference(&image, v(minor)), "1.{minor} {image:?}");
        }
        for image in invalid_everywhere() {
            assert!(!is_valid_reference(&image, v(minor)), "1.{minor} {image:?}");
        }
    }
}

#[test]
fn a_bracketed_ipv6_registry_is_accepted_from_1_29_only() {
    for image in [
        "[::1]:5000/busybox",
        "[::1]/busybox",
        "[fe80::1:ABCD]:443/ns/img:tag",
    ] {
        assert!(!is_valid_reference(image, v(27)), "{image}");
        assert!(!is_valid_reference(image, v(28)), "{image}");
        assert!(is_valid_reference(image, v(29)), "{image}");
        assert!(is_valid_reference(image, v(36)), "{image}");
    }
}

#[test]
fn the_domain_prefix_is_optional_when_it_reads_as_a_path() {
    // `a/b` matches with and without treating `a` as a domain.
    assert!(is_valid_reference("a/b", v(33)));
    // `A` can only be a domain; `a_b` can only be a path component.
    assert!(is_valid_reference("A/a_b", v(33)));
    // `a_b.com` is a valid path component, so no domain is needed.
    assert!(is_valid_reference("a_b.com/x:1", v(27)));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(s in ".{0,80}") {
            for minor in [27, 29] {
                let _ = is_valid_reference(&s, v(minor));
            }
        }

        #[test]
        fn never_panics_on_reference_like_text(s in "[a-zA-Z0-9:/@._\\-\\[\\]]{0,60}") {
            let old = is_valid_reference(&s, v(28));
            let new = is_valid_reference(&s, v(29));
            // The grammars differ only by the bracketed host.
            if !s.contains('[') {
                prop_assert_eq!(old, new);
            }
        }
    }
}
