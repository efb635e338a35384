use super::*;
use crate::json::de::assert_written_as_derive;

#[test]
fn written_as_the_serde_derive_wrote_them() {
    let texts = ["", "plain", "a \"q\" \\ \n\t\u{1}\u{7f}", "é ✓ 𝄞 \u{200b}"];
    for text in texts {
        for m in [Message::stdout(text), Message::stderr(text)] {
            assert_written_as_derive(&m);
            assert_written_as_derive(&m.stream);
        }
    }
    let v = crate::KubectlVersion::LATEST;
    let all = vec![
        targeting("c\u{1}"),
        defaulting_name("debugger-x"),
        creating_node_pod("p", "c", "n"),
        legacy_deprecated(v),
        non_root_warning(),
    ];
    assert_written_as_derive(&all);
}
