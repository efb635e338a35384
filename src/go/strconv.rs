//! Go `strconv` parsers with Go's error texts.

use super::quote::go_quote;

/// Mirrors Go `strconv.ParseBool`.
pub(crate) fn parse_bool(value: &str) -> Result<bool, String> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(format!(
            "strconv.ParseBool: parsing {}: invalid syntax",
            go_quote(value)
        )),
    }
}

/// Mirrors Go `strconv.ParseInt(value, 10, 32)` (klog's `Level.Set`).
pub(crate) fn parse_int32(value: &str) -> Result<i32, String> {
    let syntax = || {
        format!(
            "strconv.ParseInt: parsing {}: invalid syntax",
            go_quote(value)
        )
    };
    let range = || {
        format!(
            "strconv.ParseInt: parsing {}: value out of range",
            go_quote(value)
        )
    };
    let (negative, digits) = match value.as_bytes().first() {
        Some(b'-') => (true, value.get(1..).unwrap_or("")),
        Some(b'+') => (false, value.get(1..).unwrap_or("")),
        _ => (false, value),
    };
    if digits.is_empty() {
        return Err(syntax());
    }
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return Err(syntax());
        }
        n = n * 10 + u64::from(b - b'0');
        if n > u64::from(u32::MAX) {
            // ParseUint stops at the first overflow, before later syntax errors.
            return Err(range());
        }
    }
    let signed = if negative { -(n as i64) } else { n as i64 };
    i32::try_from(signed).map_err(|_| range())
}

/// Go `strconv.ParseInt(s, 0, 64)` falling back to `ParseUint(s, 0, 64)`.
pub(crate) fn go_parse_int(s: &str) -> Option<i128> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower.get(1..)?)
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let v = u64::from_str_radix(digits, radix).ok()?;
    let v = if neg { -i128::from(v) } else { i128::from(v) };
    (v >= i128::from(i64::MIN)
        && (v <= i128::from(u64::MAX))
        && (!neg || v >= i128::from(i64::MIN)))
    .then_some(v)
}
