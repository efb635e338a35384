use crate::args::ParsedArgs;
use crate::json::de::Decode;
use crate::messages::Message;
use crate::options::{DebugOptions, Pair};
use crate::plan::{ApiRequest, AttachTarget, Plan};
use crate::session::{Needs, Prepared, Session};
use crate::target::{GetRequest, TargetRef};
use crate::validate::CustomProfileFile;

/// The field names of `export interface <name> { … }` in a TypeScript declaration file.
fn ts_fields(dts: &str, name: &str) -> Vec<String> {
    let start = format!("export interface {name} {{");
    let Some(at) = dts.find(&start) else {
        return Vec::new();
    };
    let body = dts.get(at + start.len()..).unwrap_or_default();
    let body = body.get(..body.find('}').unwrap_or(0)).unwrap_or_default();
    let mut fields = Vec::new();
    let mut rest = body;
    // Drop `/** … */` comments, then take each `name?:` / `name:` at a member's start.
    let mut text = String::new();
    while let Some(open) = rest.find("/*") {
        text.push_str(rest.get(..open).unwrap_or_default());
        let close = rest.get(open..).and_then(|r| r.find("*/")).unwrap_or(0);
        rest = rest.get(open + close + 2..).unwrap_or_default();
    }
    text.push_str(rest);
    for member in text.split([';', '\n']) {
        let member = member.trim();
        if let Some(colon) = member.find(':') {
            let name = member
                .get(..colon)
                .unwrap_or_default()
                .trim_end_matches('?');
            if !name.is_empty() {
                fields.push(name.to_string());
            }
        }
    }
    fields
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
