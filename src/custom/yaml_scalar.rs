//! go-yaml v2 `resolve` for plain scalars (YAML 1.1 bools, `~`/`null`, `0x`/`0o`/octal ints,
//! floats, `.inf`); the float texts sigs.k8s.io/yaml produces from them are in
//! [`crate::go::float`].

use crate::go::strconv::go_parse_int;

/// A resolved plain scalar (go-yaml v2 `resolve`).
#[derive(Debug, PartialEq)]
pub(super) enum PlainScalar {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str,
}

pub(super) fn resolve(s: &str) -> PlainScalar {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return PlainScalar::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return PlainScalar::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return PlainScalar::Bool(false)
        }
        ".nan" | ".NaN" | ".NAN" => return PlainScalar::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return PlainScalar::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return PlainScalar::Float(f64::NEG_INFINITY),
        _ => {}
    }
    match s.as_bytes().first() {
        Some(b'.') => kubedebug_skim::parse_f64(s).map_or(PlainScalar::Str, PlainScalar::Float),
        Some(b'+' | b'-' | b'0'..=b'9') => {
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if let Some(i) = go_parse_int(&plain) {
                return PlainScalar::Int(i);
            }
            if is_yaml_float(&plain) {
                if let Some(f) = kubedebug_skim::parse_f64(&plain) {
                    return PlainScalar::Float(f);
                }
            }
            PlainScalar::Str
        }
        _ => PlainScalar::Str,
    }
}

/// go-yaml v2 `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
pub(super) fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let st = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - st
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests;
