//! Tests of kubectl command-line parsing and rendering (the `args` module).

use super::*;
use crate::error::{Code, Error};
use crate::options::upsert_pair;
use crate::version::KubectlVersion;

mod complete;
mod errors;
mod flags;
mod properties;
mod render;
mod shell;
mod values;

fn v(minor: u8) -> KubectlVersion {
    KubectlVersion::new(minor).unwrap_or_default()
}

fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<Pair> {
    list.iter()
        .map(|(n, v)| Pair {
            name: n.to_string(),
            value: v.to_string(),
        })
        .collect()
}

fn parse(line: &str) -> Result<ParsedArgs, Error> {
    parse_args(&words(line), v(33), None)
}

fn parse_ok(minor: u8, argv: &[&str]) -> ParsedArgs {
    match parse_args(&strings(argv), v(minor), None) {
        Ok(parsed) => parsed,
        Err(err) => {
            assert_eq!(Some(err.message()), None, "1.{minor} {argv:?}");
            ParsedArgs {
                options: DebugOptions::default(),
                namespace: None,
                globals: Vec::new(),
            }
        }
    }
}

#[allow(clippy::panic)] // Test code: a parse that should fail is a test failure.
fn parse_err(minor: u8, env: Option<&str>, argv: &[&str]) -> (Code, String) {
    match parse_args(&strings(argv), v(minor), env) {
        Ok(parsed) => panic!("unexpectedly parsed: {parsed:?}"),
        Err(err) => (err.code(), err.message().to_string()),
    }
}

/// Builds expected options from the defaults.
fn opts(edit: impl FnOnce(&mut DebugOptions)) -> DebugOptions {
    let mut o = DebugOptions::default();
    edit(&mut o);
    o
}
