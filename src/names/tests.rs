use super::*;

#[test]
fn explicit_suffixes_come_first_then_the_alphabet() {
    let mut n = NameSource::new(7, ["1".to_string()]);
    assert_eq!(n.next_suffix(), "1");
    let s = n.next_suffix();
    assert_eq!(s.len(), SUFFIX_LEN);
    assert!(s.bytes().all(|b| ALPHABET.contains(&b)), "{s}");
}

#[test]
fn the_same_seed_gives_the_same_names() {
    let a: Vec<_> = (0..5)
        .map(|_| NameSource::new(42, []).next_suffix())
        .collect();
    assert!(a.windows(2).all(|w| w.first() == w.last()));
}

#[test]
fn random_name_collision_draws_again() {
    let mut n = NameSource::new(0, ["1".to_string(), "2".to_string()]);
    let taken = ["debugger-1", "app"];
    assert_eq!(
        debug_container_name(taken.iter().copied(), &mut n),
        "debugger-2"
    );
}

#[test]
fn suffixes_are_letters_and_digits() {
    assert_eq!(
        check_suffixes(&["abcde".into(), "XXXXX".into(), "1".into()]),
        Ok(())
    );
    for bad in ["", "A/../\u{0}", "a-b", "x?y", "é", &"a".repeat(21)] {
        let err = check_suffixes(&["ok".into(), bad.to_string()]).err();
        assert_eq!(
            err.as_ref().map(|e| e.code()),
            Some(Code::InvalidInput),
            "{bad:?}"
        );
        assert!(
            err.is_some_and(|e| e.to_string().starts_with("invalid session: suffixes[1]: ")),
            "{bad:?}"
        );
    }
}

#[test]
fn node_pod_names_are_dns_subdomains() {
    assert_eq!(
        check_node_debug_pod_name(
            "node-debugger-ip-10-0-1-23.ec2.internal-abcde",
            "ip-10-0-1-23.ec2.internal"
        ),
        Ok(())
    );
    for node in ["../../x", "Node_A", "a..b", "-a", "a-", "", "a b", "é"] {
        let err = check_node_debug_pod_name(&format!("node-debugger-{node}-abcde"), node).err();
        assert_eq!(
            err.as_ref().map(|e| e.code()),
            Some(Code::InvalidName),
            "{node}"
        );
    }
    let long = "a".repeat(240);
    let err = check_node_debug_pod_name(&format!("node-debugger-{long}-abcde"), &long)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref()
            .map(|e| e.ends_with(": must be no more than 253 characters")),
        Some(true)
    );
    let err = check_node_debug_pod_name("node-debugger-a_b-c", "a_b")
        .err()
        .map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.starts_with(
        "The Pod \"node-debugger-a_b-c\" is invalid: metadata.name: Invalid value: \"node-debugger-a_b-c\": a lowercase RFC 1123 subdomain"
    )));
}

#[test]
fn node_pod_name_keeps_the_whole_node_name() {
    let mut n = NameSource::new(0, ["abcde".to_string()]);
    assert_eq!(
        node_debug_pod_name("ip-10-0-1-23.ec2.internal", &mut n),
        "node-debugger-ip-10-0-1-23.ec2.internal-abcde"
    );
}
