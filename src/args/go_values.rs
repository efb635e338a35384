//! Go value parsers behind kubectl's flags: `strconv.ParseBool`, `strconv.ParseInt`,
//! klog's `--vmodule` and `time.ParseDuration`, with Go's error texts.

use crate::error::go_quote;

/// Mirrors Go `strconv.ParseBool`.
pub(super) fn parse_bool(value: &str) -> Result<bool, String> {
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
pub(super) fn parse_int32(value: &str) -> Result<i32, String> {
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

/// Mirrors klog `moduleSpec.Set` (`--vmodule`): comma-separated `pattern=N`, N ≥ 0.
pub(super) fn check_vmodule(value: &str) -> Result<(), String> {
    const SYNTAX: &str = "syntax error: expect comma-separated list of filename=N";
    for pattern in value.split(',').filter(|p| !p.is_empty()) {
        let parts: Vec<&str> = pattern.split('=').collect();
        let [name, level] = parts.as_slice() else {
            return Err(SYNTAX.to_string());
        };
        if name.is_empty() || level.is_empty() {
            return Err(SYNTAX.to_string());
        }
        match parse_int32(level) {
            Err(_) => return Err(SYNTAX.to_string()),
            Ok(n) if n < 0 => return Err("negative value for vmodule level".to_string()),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Mirrors Go `flag.durationValue.Set`: `time.ParseDuration`, any failure reported as
/// `parse error`.
pub(super) fn check_go_duration(value: &str) -> Result<(), String> {
    go_duration_nanos(value)
        .map(|_| ())
        .ok_or_else(|| "parse error".to_string())
}

/// Mirrors Go `time.ParseDuration`'s acceptance: `[-+]?([0-9]*(\.[0-9]*)?unit)+` or `0`,
/// within ±2^63 ns. Returns the magnitude in nanoseconds.
pub(super) fn go_duration_nanos(value: &str) -> Option<u64> {
    const LIMIT: u64 = 1 << 63;
    let (negative, mut s) = match value.as_bytes().first() {
        Some(b'-') => (true, value.get(1..)?),
        Some(b'+') => (false, value.get(1..)?),
        _ => (false, value),
    };
    if s == "0" {
        return Some(0);
    }
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        let (int_part, after_int) = split_leading(s, |b| b.is_ascii_digit());
        let (frac_part, after_frac) = match after_int.strip_prefix('.') {
            Some(after_dot) => split_leading(after_dot, |b| b.is_ascii_digit()),
            None => ("", after_int),
        };
        let has_dot = after_int.starts_with('.');
        if int_part.is_empty() && (!has_dot || frac_part.is_empty()) {
            return None;
        }
        let (unit, after_unit) = split_leading(after_frac, |b| b != b'.' && !b.is_ascii_digit());
        let unit_nanos = go_duration_unit(unit)?;
        let whole = leading_int(int_part)?;
        let mut v = whole.checked_mul(unit_nanos).filter(|v| *v <= LIMIT)?;
        v = v.checked_add(fraction_nanos(frac_part, unit_nanos))?;
        if v > LIMIT {
            return None;
        }
        total = total.checked_add(v).filter(|t| *t <= LIMIT)?;
        s = after_unit;
    }
    if !negative && total > LIMIT - 1 {
        return None;
    }
    Some(total)
}

/// Splits `s` after its longest prefix of bytes satisfying `pred` (ASCII-only predicates
/// and stops at ASCII bytes, so the split is on a char boundary).
fn split_leading(s: &str, pred: impl Fn(u8) -> bool) -> (&str, &str) {
    let n = s.bytes().take_while(|b| pred(*b)).count();
    match (s.get(..n), s.get(n..)) {
        (Some(a), Some(b)) => (a, b),
        _ => ("", s),
    }
}

/// Go `time.leadingInt`: the integer value, `None` on overflow past 2^63.
fn leading_int(digits: &str) -> Option<u64> {
    let mut x: u64 = 0;
    for b in digits.bytes() {
        if x > (1u64 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(b - b'0');
        if x > 1 << 63 {
            return None;
        }
    }
    Some(x)
}

/// Go `time.leadingFraction` scaled by the unit (`float64(f) * (float64(unit) / scale)`).
fn fraction_nanos(digits: &str, unit_nanos: u64) -> u64 {
    let mut f: u64 = 0;
    let mut scale = 1.0_f64;
    let mut overflow = false;
    for b in digits.bytes() {
        if overflow {
            continue;
        }
        if f > ((1u64 << 63) - 1) / 10 {
            overflow = true;
            continue;
        }
        let y = f * 10 + u64::from(b - b'0');
        if y > 1 << 63 {
            overflow = true;
            continue;
        }
        f = y;
        scale *= 10.0;
    }
    if f == 0 {
        return 0;
    }
    // Go converts the float back to uint64 the same truncating way.
    (f as f64 * (unit_nanos as f64 / scale)) as u64
}

/// Go `time.unitMap`.
fn go_duration_unit(unit: &str) -> Option<u64> {
    match unit {
        "ns" => Some(1),
        "us" | "µs" | "μs" => Some(1_000),
        "ms" => Some(1_000_000),
        "s" => Some(1_000_000_000),
        "m" => Some(60_000_000_000),
        "h" => Some(3_600_000_000_000),
        _ => None,
    }
}
