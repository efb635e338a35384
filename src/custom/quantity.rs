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
    // Go parses 64 bits and keeps the low 32 (`int32(parsed)`).
    let e = rest.parse::<i64>().ok()? as i32;
    Some((10, e, Fmt::DecExp))
}

/// apimachinery `ParseQuantity`'s acceptance, without building anything: every error
/// [`canonical`] can give comes from here (the typed check calls it for each quantity).
pub(super) fn parse(s: &str) -> Result<Parsed<'_>, &'static str> {
    if s.is_empty() {
        return Err(FORMAT_WRONG);
    }
    let p = split(s)?;
    let (base, exp, fmt) = interpret(p.suffix).ok_or(SUFFIX)?;
    let dlen = i32::try_from(p.denom.len()).map_err(|_| NUMERIC)?;
    let nlen = i32::try_from(p.num.len()).map_err(|_| NUMERIC)?;
    Ok(Parsed {
        p,
        base,
        exp,
        fmt,
        nlen,
        dlen,
    })
}

/// A quantity [`parse`] accepted: its parts, suffix and digit counts.
pub(super) struct Parsed<'a> {
    p: Parts<'a>,
    base: u32,
    exp: i32,
    fmt: Fmt,
    nlen: i32,
    dlen: i32,
}

/// `ParseQuantity(s)` then `String()`: the text kubectl re-marshals.
pub(super) fn canonical(s: &str) -> Result<String, &'static str> {
    if s == "0" {
        return Ok("0".into());
    }
    let Parsed {
        p,
        base,
        exp,
        mut fmt,
        nlen,
        dlen,
    } = parse(s)?;
    let shifted = format!("{}{}", p.num, p.denom);
    // Fast path (int64Amount), where apimachinery may keep the original text. Its parse
    // cannot fail: `precision >= 0` bounds the digits to 18.
    let precision = match fmt {
        Fmt::Bin if exp >= 0 && p.denom.is_empty() => {
            15 - nlen - (exp as f32 * 3.0 / 10.0) as i32 - 1
        }
        Fmt::Bin => -1,
        _ => 18 - (nlen + dlen),
    };
    let scale = i64::from(if fmt == Fmt::Bin { 0 } else { exp }) - i64::from(dlen);
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
    // The exact value as decimal digits × 10^e10, as apimachinery's inf.Dec holds it (any
    // length; every step below is linear in the digits, and the exponent is an i64 that no
    // input can overflow).
    // DIVERGENCE(kubectl): inf.Dec's scale is an int32; when `e…` and the fraction's length
    // take it past ±2^31 it wraps, and Go then works on 10^(2^31)-sized integers and does not
    // finish. We give the exact value instead.
    let mut digits: Vec<u8> = shifted.bytes().skip_while(|&c| c == b'0').collect();
    let mut e10 = -i64::from(dlen);
    if base == 10 {
        e10 += i64::from(exp);
    } else {
        mul_pow2(&mut digits, exp.unsigned_abs());
    }
    // Round up (away from zero) to nano units.
    if !digits.is_empty() && e10 < -9 {
        let drop = usize::try_from(-9 - e10).unwrap_or(usize::MAX);
        if drop >= digits.len() {
            digits = vec![b'1'];
        } else {
            let dropped = digits.split_off(digits.len() - drop);
            if dropped.iter().any(|&c| c != b'0') {
                increment(&mut digits);
            }
        }
        e10 = -9;
    }
    while digits.last() == Some(&b'0') {
        digits.pop();
        e10 += 1;
    }
    if digits.is_empty() {
        return Ok("0".into());
    }
    if fmt == Fmt::Bin && exceeds_i64(&digits, e10) {
        (digits, e10) = (i64::MAX.to_string().into_bytes(), 0);
    }
    let sign = if p.positive { "" } else { "-" };
    if fmt == Fmt::Bin {
        // At most i64::MAX here, so the value is a small integer.
        let small = (e10 >= 0).then(|| small_value(&digits, e10)).flatten();
        match small {
            Some(mut v) if v >= 1024 => {
                let mut k = 0;
                while v % 1024 == 0 && k < 6 {
                    v /= 1024;
                    k += 1;
                }
                let suf = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                    .get(k)
                    .copied()
                    .unwrap_or("");
                return Ok(format!("{sign}{v}{suf}"));
            }
            _ => fmt = Fmt::DecSi,
        }
    }
    // apimachinery `AsCanonicalBytes`: the exponent a multiple of three (Go's `%`, as Rust's).
    while e10 % 3 != 0 {
        digits.push(b'0');
        e10 -= 1;
    }
    let si = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
    let suffix = match fmt {
        Fmt::DecSi if (-9..=18).contains(&e10) => si
            .get(usize::try_from((e10 + 9) / 3).unwrap_or(0))
            .copied()
            .unwrap_or("")
            .to_string(),
        // apimachinery's DecimalSI table has no suffix beyond `E` (10^18), and
        // `CanonicalizeBytes` ignores the failed lookup: the digits go out without one.
        Fmt::DecSi => String::new(),
        _ if e10 == 0 => String::new(),
        _ => format!("e{e10}"),
    };
    let number = String::from_utf8(digits).map_err(|_| NUMERIC)?;
    Ok(format!("{sign}{number}{suffix}"))
}

/// `digits × 2^k` (ASCII decimal digits, most significant first), in steps of 2^28.
fn mul_pow2(digits: &mut Vec<u8>, mut k: u32) {
    while k > 0 && !digits.is_empty() {
        let step = k.min(28);
        k -= step;
        let mut carry = 0u64;
        for d in digits.iter_mut().rev() {
            let v = u64::from(*d - b'0') * (1 << step) + carry;
            *d = b'0' + (v % 10) as u8;
            carry = v / 10;
        }
        let mut head = Vec::new();
        while carry > 0 {
            head.push(b'0' + (carry % 10) as u8);
            carry /= 10;
        }
        head.reverse();
        digits.splice(0..0, head);
    }
}

/// `digits + 1`.
fn increment(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

/// `digits × 10^e10` when it fits an i64 (`e10 >= 0`).
fn small_value(digits: &[u8], e10: i64) -> Option<i64> {
    let zeros = usize::try_from(e10).ok()?;
    let mut v: i64 = 0;
    for &d in digits.iter().chain(std::iter::repeat_n(&b'0', zeros)) {
        v = v.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
    }
    Some(v)
}

/// Whether `digits × 10^e10` (no leading zeros, `e10 >= -9`) is above i64::MAX.
fn exceeds_i64(digits: &[u8], e10: i64) -> bool {
    let int_len = i64::try_from(digits.len())
        .unwrap_or(i64::MAX)
        .saturating_add(e10);
    if int_len > 19 {
        return true;
    }
    if int_len < 19 {
        return false;
    }
    // 19 integer digits: compare them; a fraction below an equal integer part adds to it.
    let int: Vec<u8> = digits
        .iter()
        .copied()
        .chain(std::iter::repeat(b'0'))
        .take(19)
        .collect();
    let max = i64::MAX.to_string().into_bytes();
    match int.cmp(&max) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => digits
            .get(19..)
            .is_some_and(|f| f.iter().any(|&c| c != b'0')),
    }
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

#[cfg(test)]
mod tests;
