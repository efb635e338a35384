//! Go's float texts (`strconv.FormatFloat`, `fmt`'s `%v`, `encoding/json`'s float64
//! encoding), built on `zmij`'s shortest round-trip digits.

/// How serde_json writes a float: `zmij`'s shortest round-trip digits, `null` when not
/// finite.
fn json_text(f: f64) -> String {
    if f.is_finite() {
        zmij::Buffer::new().format_finite(f).to_string()
    } else {
        "null".into()
    }
}

/// [`json_text`] of an `f32` (its own shortest digits).
fn json_text32(f: f32) -> String {
    if f.is_finite() {
        zmij::Buffer::new().format_finite(f).to_string()
    } else {
        "null".into()
    }
}

/// Shortest round-trip digits of a finite float, from [`json_text`]'s output: `(negative, digits, dp)` with value `0.digits × 10^dp` (Go `decimalSlice`).
fn shortest(json: &str) -> (bool, Vec<u8>, i32) {
    let (neg, s) = match json.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, json),
    };
    let (m, e) = s.split_once(['e', 'E']).unwrap_or((s, "0"));
    let int_len = m.find('.').unwrap_or(m.len());
    let mut d: Vec<u8> = m.bytes().filter(u8::is_ascii_digit).collect();
    let lead = d.iter().take_while(|&&c| c == b'0').count();
    d.drain(..lead);
    while d.last() == Some(&b'0') {
        d.pop();
    }
    let dp = i32::try_from(int_len).unwrap_or(0) + e.parse::<i32>().unwrap_or(0)
        - i32::try_from(lead).unwrap_or(0);
    let dp = if d.is_empty() { 0 } else { dp };
    (neg, d, dp)
}

/// Go `fmtE` (shortest precision) or `fmtF`, from [`shortest`] digits.
fn go_fmt((neg, d, dp): (bool, Vec<u8>, i32), exp_form: bool) -> String {
    let mut out = String::from(if neg { "-" } else { "" });
    let digit = |i: i32| {
        usize::try_from(i)
            .ok()
            .and_then(|i| d.get(i))
            .map_or('0', |&c| char::from(c))
    };
    if exp_form {
        out.push(digit(0));
        if d.len() > 1 {
            out.push('.');
            out.extend(d.iter().skip(1).map(|&c| char::from(c)));
        }
        let exp = if d.is_empty() { 0 } else { dp - 1 };
        out.push_str(if exp < 0 { "e-" } else { "e+" });
        if exp.unsigned_abs() < 10 {
            out.push('0');
        }
        out.push_str(&exp.unsigned_abs().to_string());
    } else {
        if dp > 0 {
            (0..dp).for_each(|i| out.push(digit(i)));
        } else {
            out.push('0');
        }
        let frac = i32::try_from(d.len()).unwrap_or(0) - dp;
        if frac > 0 {
            out.push('.');
            (0..frac).for_each(|i| out.push(digit(dp + i)));
        }
    }
    out
}

/// Go `strconv.FormatFloat(f, 'g', -1, 32)`.
pub(crate) fn format_g32(f: f64) -> String {
    let x = f as f32;
    if !x.is_finite() {
        return format_g64(f64::from(x)).into();
    }
    let digs = shortest(&json_text32(x));
    let exp = digs.2 - 1;
    go_fmt(digs, !(-4..6).contains(&exp))
}

/// Go `encoding/json` float64 encoding.
pub(crate) fn format_json_f64(f: f64) -> String {
    let a = f.abs();
    let digs = shortest(&json_text(f));
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        let s = go_fmt(digs, true);
        // Go cleans `e-07` to `e-7`.
        match s.split_once("e-0") {
            Some((m, e)) => format!("{m}e-{e}"),
            None => s,
        }
    } else {
        go_fmt(digs, false)
    }
}

/// Go `fmt`'s `%v` of a float64: `strconv.FormatFloat(f, 'g', -1, 64)` with `%v`'s exponent
/// rule (exponent form when the exponent is < -4 or >= 21). Built on `zmij`'s shortest
/// digits so that core's float formatting (about 20 KB of Wasm) is not linked in.
pub(crate) fn format_go_v(f: f64) -> String {
    let a = f.abs();
    let digs = shortest(&json_text(f));
    go_fmt(digs, a != 0.0 && !(1e-4..1e21).contains(&a))
}

pub(crate) fn format_g64(f: f64) -> &'static str {
    if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "+Inf"
    } else {
        "-Inf"
    }
}

#[cfg(test)]
mod tests;
