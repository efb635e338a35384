use crate::args::ParsedArgs;
use crate::json::de::Decode;
use crate::messages::Message;
use crate::options::{DebugOptions, Pair};
use crate::plan::{ApiRequest, AttachTarget, Plan};
use crate::session::{Needs, Prepared, Session};
use crate::target::{GetRequest, TargetRef};
use crate::validate::CustomProfileFile;

/// `text` without its `/* … */` and `// …` comments (a comment may hold any brace).
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let block = rest.find("/*");
        let line = rest.find("//");
        let (at, end) = match (block, line) {
            (Some(b), Some(l)) if l < b => (l, "\n"),
            (Some(b), _) => (b, "*/"),
            (None, Some(l)) => (l, "\n"),
            (None, None) => break,
        };
        out.push_str(rest.get(..at).unwrap_or_default());
        let after = rest.get(at + 2..).unwrap_or_default();
        rest = after
            .find(end)
            .and_then(|e| after.get(e + end.len()..))
            .unwrap_or_default();
        if end == "\n" {
            out.push('\n');
        }
    }
    out.push_str(rest);
    out
}

/// The field names of `export interface <name> { … }` in a TypeScript declaration file: the
/// members at the interface's own level (a member's type may hold braces of its own).
fn ts_fields(dts: &str, name: &str) -> Vec<String> {
    let dts = without_comments(dts);
    let start = format!("export interface {name} {{");
    let Some(at) = dts.find(&start) else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    let mut member = String::new();
    let mut depth = 0usize;
    let mut last = ' ';
    let flush = |member: &mut String, fields: &mut Vec<String>| {
        let name = member.split(':').next().unwrap_or_default();
        let name = name.trim().trim_end_matches('?');
        if member.contains(':') && !name.is_empty() {
            fields.push(name.to_string());
        }
        member.clear();
    };
    for ch in dts.get(at + start.len()..).unwrap_or_default().chars() {
        match ch {
            '{' | '[' | '(' | '<' => depth += 1,
            '}' if depth == 0 => break,
            // `=>` closes nothing.
            '>' if last == '=' => {}
            '}' | ']' | ')' | '>' => depth = depth.saturating_sub(1),
            ';' | '\n' if depth == 0 => flush(&mut member, &mut fields),
            _ => {}
        }
        last = ch;
        if !matches!(ch, ';' | '\n') || depth > 0 {
            member.push(ch);
        }
    }
    flush(&mut member, &mut fields);
    fields
}

#[test]
fn reads_members_past_braces_in_comments_and_types() {
    let dts = "export interface A {\n  /** `{}` and } in a comment */\n  a?: { x: string };\n  // }\n  b: Array<{ y: number }>;\n  c: (v: string) => void;\n}\nexport interface B { z: string }";
    assert_eq!(ts_fields(dts, "A"), ["a", "b", "c"]);
    assert_eq!(ts_fields(dts, "B"), ["z"]);
}

/// `www/core/index.d.ts` declares the same fields, in the same order, as the Rust
/// declarations: a flag added to one and not the other fails here.
#[test]
fn typescript_declarations_match_the_boundary_structs() {
    let dts = include_str!("../../../www/core/index.d.ts");
    for (name, fields) in [
        ("Pair", Pair::FIELDS),
        ("DebugOptions", DebugOptions::FIELDS),
        ("CustomProfileFile", CustomProfileFile::FIELDS),
        ("Session", Session::FIELDS),
        ("Prepared", Prepared::FIELDS),
        ("Needs", Needs::FIELDS),
        ("SessionMark", crate::SessionMark::FIELDS),
        ("TargetRef", TargetRef::FIELDS),
        ("GetRequest", GetRequest::FIELDS),
        ("Message", Message::FIELDS),
        ("ParsedArgs", ParsedArgs::FIELDS),
        ("Plan", Plan::FIELDS),
        ("ApiRequest", ApiRequest::FIELDS),
        ("AttachTarget", AttachTarget::FIELDS),
        ("Read", crate::reads::Read::FIELDS),
        ("ReadResult", crate::reads::ReadResult::FIELDS),
        ("PodSecurity", crate::preflight::PodSecurity::FIELDS),
    ] {
        assert_eq!(
            ts_fields(dts, name),
            fields,
            "interface {name} of index.d.ts"
        );
    }
}
