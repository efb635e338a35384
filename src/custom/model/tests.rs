use super::*;
use kubedebug_gotypes::schema::TYPES;

#[test]
fn json_keys_match_case_insensitively_with_exact_names_first() {
    assert!(fold_eq("IMAGEPULLPOLICY", "imagePullPolicy"));
    assert!(fold_eq("ſtdin", "stdin"));
    assert!(!fold_eq("stdin2", "stdin"));
    let f = find_field(0, "Stdin", 36).map(|f| f.path);
    assert_eq!(f.as_ref().map(Vec::len), Some(1));
}

#[test]
fn fields_added_after_a_version_are_unknown_to_it() {
    let lifecycle = TYPES
        .iter()
        .position(|t| t.name == "v1.Lifecycle")
        .and_then(|p| u16::try_from(p).ok());
    let l = lifecycle.unwrap_or(0);
    assert!(find_field(l, "stopSignal", 32).is_none());
    assert!(find_field(l, "stopSignal", 33).is_some());
}
