//! Go `time.Parse(time.RFC3339, s)` as `metav1.Time.UnmarshalJSON` calls it: whether `s` is
//! accepted, and Go's `*time.ParseError` text when it is not.
//!
//! Go tries a strict fast path first and, when it fails, the general layout parser, whose
//! error is the one reported; the general parser accepts everything the fast path does, so
//! only it is mirrored here (`time/format.go` `parse` for the layout
//! `2006-01-02T15:04:05Z07:00`).

/// The layout, as Go prints it in errors.
const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";

/// One element of the layout: a literal prefix, then a value.
#[derive(Clone, Copy)]
enum Std {
    LongYear,
    ZeroMonth,
    ZeroDay,
    Hour,
    ZeroMinute,
    ZeroSecond,
    ColonTz,
}

/// The layout as Go's `nextStdChunk` splits it: (literal prefix, element, element text).
const CHUNKS: [(&str, Std, &str); 7] = [
    ("", Std::LongYear, "2006"),
    ("-", Std::ZeroMonth, "01"),
    ("-", Std::ZeroDay, "02"),
    ("T", Std::Hour, "15"),
    (":", Std::ZeroMinute, "04"),
    (":", Std::ZeroSecond, "05"),
    ("", Std::ColonTz, "Z07:00"),
];

/// Mirrors Go `time.Parse(time.RFC3339, value)`: `Err` holds Go's `ParseError` text.
pub(crate) fn parse_rfc3339(value: &str) -> Result<(), String> {
    let err_elem = |value_elem: &str, layout_elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            quote(value),
            quote(LAYOUT),
            quote(value_elem),
            quote(layout_elem)
        )
    };
    let err_msg = |msg: &str| format!("parsing time {}{msg}", quote(value));
    let mut rest = value;
    let (mut year, mut month, mut day) = (0i64, 0i64, 0i64);
    for (prefix, std, elem) in CHUNKS {
        rest = match rest.strip_prefix(prefix) {
            Some(r) => r,
            // Go's `skip` compares byte by byte; the prefixes here are one byte long.
            None => return Err(err_elem(rest, prefix)),
        };
        let hold = rest;
        let mut range = "";
        let ok = match std {
            Std::LongYear => match rest.get(..4) {
                Some(p) if rest.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
                    rest = rest.get(4..).unwrap_or("");
                    atoi(p).map(|y| year = y)
                }
                _ => None,
            },
            Std::ZeroMonth => getnum(&mut rest, true).map(|m| {
                month = m;
                if !(1..=12).contains(&m) {
                    range = "month";
                }
            }),
            Std::ZeroDay => getnum(&mut rest, true).map(|d| day = d),
            Std::Hour => getnum(&mut rest, false).map(|h| {
                if h >= 24 {
                    range = "hour";
                }
            }),
            Std::ZeroMinute => getnum(&mut rest, true).map(|m| {
                if m >= 60 {
                    range = "minute";
                }
            }),
            Std::ZeroSecond => getnum(&mut rest, true).map(|s| {
                if s >= 60 {
                    range = "second";
                } else {
                    fraction(&mut rest);
                }
            }),
            Std::ColonTz => timezone(&mut rest, &mut range),
        }
        .is_some();
        if !range.is_empty() {
            return Err(err_msg(&format!(": {range} out of range")));
        }
        if !ok {
            return Err(err_elem(hold, elem));
        }
    }
    if !rest.is_empty() {
        return Err(err_msg(&format!(": extra text: {}", quote(rest))));
    }
    if day < 1 || day > days_in(month, year) {
        return Err(err_msg(": day out of range"));
    }
    Ok(())
}

/// Go `atoi` (a sign, then digits only).
fn atoi(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if neg { -n } else { n })
}

/// Go `getnum`: one or two digits (exactly two when `fixed`).
fn getnum(rest: &mut &str, fixed: bool) -> Option<i64> {
    let b = rest.as_bytes();
    let d0 = b.first().filter(|c| c.is_ascii_digit())?;
    match b.get(1).filter(|c| c.is_ascii_digit()) {
        Some(d1) => {
            *rest = rest.get(2..)?;
            Some(i64::from(d0 - b'0') * 10 + i64::from(d1 - b'0'))
        }
        None if fixed => None,
        None => {
            *rest = rest.get(1..)?;
            Some(i64::from(d0 - b'0'))
        }
    }
}

/// A fractional second the layout does not name (`.123` or `,123`): Go consumes it.
fn fraction(rest: &mut &str) {
    let b = rest.as_bytes();
    if let Some([b'.' | b',', digits @ ..]) = Some(b) {
        let n = digits.iter().take_while(|c| c.is_ascii_digit()).count();
        if n > 0 {
            *rest = rest.get(1 + n..).unwrap_or("");
        }
    }
}

/// `Z07:00`: `Z`, or a sign, two digits, `:`, two digits.
fn timezone(rest: &mut &str, range: &mut &'static str) -> Option<()> {
    if let Some(r) = rest.strip_prefix('Z') {
        *rest = r;
        return Some(());
    }
    let b = rest.as_bytes();
    if b.len() < 6 || b.get(3) != Some(&b':') {
        return None;
    }
    let hour = b.get(1..3).and_then(two);
    let min = hour.and_then(|_| b.get(4..6).and_then(two));
    if hour.is_some_and(|h| h > 24) {
        *range = "time zone offset hour";
    }
    if min.is_some_and(|m| m > 60) {
        *range = "time zone offset minute";
    }
    min?;
    if !matches!(b.first(), Some(b'+' | b'-')) {
        return None;
    }
    *rest = rest.get(6..)?;
    Some(())
}

fn two(b: &[u8]) -> Option<i64> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
            Some(i64::from(a - b'0') * 10 + i64::from(c - b'0'))
        }
        _ => None,
    }
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Go `time` package's `quote`: bytes outside printable ASCII as `\xNN`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
            out.push(c);
        } else if (' '..'\u{80}').contains(&c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
    }
    out.push('"');
    out
}

/// Mirrors Go `time.ParseDuration`'s acceptance: `[-+]?([0-9]*(\.[0-9]*)?unit)+` or `0`,
/// within ±2^63 ns. Returns the magnitude in nanoseconds.
pub(crate) fn go_duration_nanos(value: &str) -> Option<u64> {
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

#[cfg(test)]
mod tests;
