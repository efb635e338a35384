//! apimachinery `resource.Quantity`: `ParseQuantity` (via `UnmarshalJSON`) and the canonical
//! `String()` that `MarshalJSON` sends.

/// apimachinery `ErrFormatWrong`.
pub(super) const FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC: &str = "unable to parse numeric part of quantity";
const SUFFIX: &str = "unable to parse quantity's suffix";

#[derive(Clone, Copy, PartialEq)]
enum Fmt {
    DecExp,
    Bin,
    DecSi,
}

struct Parts<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

fn digits_end(s: &[u8], from: usize) -> usize {
    let mut i = from;
    while s.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// apimachinery `parseQuantityString`.
fn split(s: &str) -> Result<Parts<'_>, &'static str> {
    let b = s.as_bytes();
    let sub = |a: usize, z: usize| s.get(a..z).unwrap_or("");
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos = 1;
        }
        Some(b'+') => pos = 1,
        _ => {}
    }
    while b.get(pos) == Some(&b'0') {
        pos += 1;
    }
    if pos >= b.len() {
        return Ok(Parts {
            positive,
            num: "0",
            denom: "",
            suffix: "",
        });
    }
    let end = digits_end(b, pos);
    let mut num = sub(pos, end);
    if num.is_empty() {
        num = "0";
    }
    pos = end;
    let mut denom = "";
    if b.get(pos) == Some(&b'.') {
        let e = digits_end(b, pos + 1);
        denom = sub(pos + 1, e);
        pos = e;
    }
    let suffix_start = pos;
    while b.get(pos).is_some_and(|c| b"eEinumkKMGTP".contains(c)) {
        pos += 1;
    }
    if matches!(b.get(pos), Some(b'-' | b'+')) {
        pos += 1;
    }
    if digits_end(b, pos) < b.len() {
        return Err(FORMAT_WRONG);
    }
    Ok(Parts {
        positive,
        num,
        denom,
        suffix: sub(suffix_start, b.len()),
    })
}

/// apimachinery `suffixer.interpret`: (base, exponent, format).
fn interpret(s: &str) -> Option<(u32, i32, Fmt)> {
    let dec = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
    if let Some(p) = dec.iter().position(|x| *x == s) {
        return Some((10, i32::try_from(p).ok()? * 3 - 9, Fmt::DecSi));
    }
    let bin = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    if let Some(p) = bin.iter().position(|x| *x == s) {
        return Some((2, i32::try_from(p).ok()? * 10 + 10, Fmt::Bin));
    }
    let rest = s.strip_prefix(['e', 'E'])?;
    if rest.is_empty() {
        return None;
    }
    let e: i32 = rest.parse().ok()?;
    Some((10, e, Fmt::DecExp))
}

/// `ParseQuantity(s)` then `String()`: the text kubectl re-marshals.
pub(super) fn canonical(s: &str) -> Result<String, &'static str> {
    if s.is_empty() {
        return Err(FORMAT_WRONG);
    }
    if s == "0" {
        return Ok("0".into());
    }
    let p = split(s)?;
    let (base, exp, mut fmt) = interpret(p.suffix).ok_or(SUFFIX)?;
    let shifted = format!("{}{}", p.num, p.denom);
    let dlen = i32::try_from(p.denom.len()).map_err(|_| NUMERIC)?;
    // Fast path (int64Amount), where apimachinery may keep the original text.
    let nlen = i32::try_from(p.num.len()).map_err(|_| NUMERIC)?;
    let precision = match fmt {
        Fmt::Bin if exp >= 0 && p.denom.is_empty() => {
            15 - nlen - (exp as f32 * 3.0 / 10.0) as i32 - 1
        }
        Fmt::Bin => -1,
        _ => 18 - (nlen + dlen),
    };
    let scale = if fmt == Fmt::Bin { 0 } else { exp } - dlen;
    if precision >= 0 && scale >= -9 {
        let v: i64 = shifted.parse().map_err(|_| NUMERIC)?;
        let mant: i64 = if fmt == Fmt::Bin {
            1i64.checked_shl(exp.unsigned_abs()).unwrap_or(0)
        } else {
            1
        };
        if v.checked_mul(mant).is_some() {
            let keep = match fmt {
                Fmt::Bin => exp % 10 == 0 && v & 7 != 0,
                _ => scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0'),
            };
            if keep {
                return Ok(s.to_string());
            }
        }
    }
    // Exact value as unscaled × 10^e10 (× 2^exp for binary suffixes).
    let mut unscaled: i128 = shifted.parse().map_err(|_| NUMERIC)?;
    let mut e10 = -dlen;
    if base == 10 {
        e10 += exp;
    } else {
        // DIVERGENCE(kubectl): apimachinery uses big.Int; we saturate beyond i128.
        unscaled =
            unscaled.saturating_mul(1i128.checked_shl(exp.unsigned_abs()).unwrap_or(i128::MAX));
    }
    // Round up (away from zero) to nano units.
    if unscaled != 0 && e10 < -9 {
        let div = pow10(-9 - e10);
        unscaled = if div == 0 {
            1
        } else {
            (unscaled + div - 1) / div
        };
        e10 = -9;
    }
    let (mut unscaled, mut e10) = strip10(unscaled, e10);
    if fmt == Fmt::Bin {
        let cap = i128::from(i64::MAX);
        if value_cmp(unscaled, e10, cap) > 0 {
            (unscaled, e10) = (cap, 0);
        }
    }
    if unscaled == 0 {
        return Ok("0".into());
    }
    let sign = if p.positive { "" } else { "-" };
    if fmt == Fmt::Bin {
        if value_cmp(unscaled, e10, 1024) < 0 || e10 < 0 {
            fmt = Fmt::DecSi;
        } else {
            let mut v = unscaled.saturating_mul(pow10(e10));
            let mut k = 0;
            while v % 1024 == 0 && k < 6 {
                v /= 1024;
                k += 1;
            }
            let suf = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                .get(k)
                .copied()
                .unwrap_or("");
            return Ok(format!("{sign}{}{suf}", int_text(v)));
        }
    }
    while e10 % 3 != 0 {
        unscaled = unscaled.saturating_mul(10);
        e10 -= 1;
    }
    let si = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
    let suffix = match fmt {
        Fmt::DecSi if (-9..=18).contains(&e10) => si
            .get(usize::try_from((e10 + 9) / 3).unwrap_or(0))
            .copied()
            .unwrap_or("")
            .to_string(),
        _ if e10 == 0 => String::new(),
        _ => format!("e{e10}"),
    };
    Ok(format!("{sign}{}{suffix}", int_text(unscaled)))
}

/// `i.to_string()`, without core's 128-bit integer formatting (1.5 KB of Wasm).
pub(super) fn int_text(i: i128) -> String {
    if let Ok(i) = i64::try_from(i) {
        return i.to_string();
    }
    let mut n = i.unsigned_abs();
    let mut digits = Vec::new();
    while n > 0 {
        digits.push(char::from(b'0' + (n % 10) as u8));
        n /= 10;
    }
    if i < 0 {
        digits.push('-');
    }
    digits.iter().rev().collect()
}

fn pow10(e: i32) -> i128 {
    10i128.checked_pow(e.unsigned_abs()).unwrap_or(0)
}

fn strip10(mut u: i128, mut e: i32) -> (i128, i32) {
    while u != 0 && u % 10 == 0 {
        u /= 10;
        e += 1;
    }
    (u, e)
}

/// Compares unscaled × 10^e with `other`.
fn value_cmp(u: i128, e: i32, other: i128) -> i32 {
    let (l, r) = if e >= 0 {
        (u.saturating_mul(pow10(e).max(1)), other)
    } else {
        (u, other.saturating_mul(pow10(-e)))
    };
    match l.cmp(&r) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_text_is_to_string() {
        for i in [
            0,
            1,
            -1,
            i128::from(i64::MAX),
            i128::from(i64::MAX) + 1,
            i128::from(i64::MIN),
            i128::from(i64::MIN) - 1,
            i128::from(u64::MAX),
            i128::MAX,
            i128::MIN,
            -1_000_000_000_000_000_000_000,
        ] {
            assert_eq!(int_text(i), i.to_string());
        }
    }

    #[test]
    fn quantities_canonicalize_like_apimachinery() {
        let cases = [
            ("1", "1"),
            ("0.5", "500m"),
            ("1Gi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("1000m", "1"),
            ("+1", "+1"),
            ("0.1", "100m"),
            ("1e3", "1e3"),
            ("100m", "100m"),
            ("128Mi", "128Mi"),
            ("1024Mi", "1Gi"),
            ("0", "0"),
            ("-0", "0"),
            ("0.0000000001", "1n"),
            ("200m", "200m"),
            ("64Mi", "64Mi"),
            ("1.0", "1"),
        ];
        for (i, want) in cases {
            assert_eq!(canonical(i).as_deref(), Ok(want), "{i}");
        }
    }

    #[test]
    fn malformed_quantities_fail_with_apimachinery_errors() {
        assert_eq!(canonical("abc"), Err(FORMAT_WRONG));
        assert_eq!(canonical(""), Err(FORMAT_WRONG));
        assert_eq!(canonical("1.5.5"), Err(FORMAT_WRONG));
        assert_eq!(canonical("1e"), Err(SUFFIX));
        assert_eq!(canonical("1Qi"), Err(FORMAT_WRONG));
        assert_eq!(canonical("1ki"), Err(SUFFIX));
    }
}
