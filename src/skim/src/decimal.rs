//! Decimal text to `f64`, correctly rounded (round half to even), as Go `strconv.ParseFloat`
//! and Rust's `str::parse::<f64>` give it. Written out with a small big-integer because core's
//! parser brings a 10 KB table of powers of five into the Wasm (so do `lexical-core` and
//! `fast-float2`: Eisel–Lemire needs the same table); speed does not matter here (a few floats
//! per `--custom` file), but time must stay linear in the text's length (issue 15): only the
//! first [`MAX_DIGITS`] significant digits enter the big integer, the rest only as a sticky digit.

/// Significant digits kept. Every boundary between two rounding results (a float, or the
/// midpoint of two adjacent floats) has at most 767 significant digits, so the value with
/// its digits beyond the 800th replaced by one nonzero digit (when any was nonzero) lies
/// strictly between the same two boundaries as the exact value, and rounds the same.
const MAX_DIGITS: i64 = 800;

/// A non-negative big integer, little-endian 32-bit limbs, no high zero limbs.
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        let mut b = Big(vec![n as u32, (n >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self = self * m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn bits(&self) -> u64 {
        match self.0.last() {
            Some(&top) => 32 * (self.0.len() as u64 - 1) + u64::from(32 - top.leading_zeros()),
            None => 0,
        }
    }

    fn bit(&self, i: u64) -> bool {
        let limb = usize::try_from(i / 32).ok().and_then(|l| self.0.get(l));
        limb.is_some_and(|&l| l >> (i % 32) & 1 == 1)
    }

    /// Whether any bit below `i` is set.
    fn any_below(&self, i: u64) -> bool {
        (0..i).any(|j| self.bit(j))
    }

    fn shl(&self, n: u64) -> Big {
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &l in &self.0 {
            out.push(if bits == 0 { l } else { l << bits | carry });
            carry = if bits == 0 { 0 } else { l >> (32 - bits) };
        }
        out.push(carry);
        let mut b = Big(out);
        b.trim();
        b
    }

    fn ge(&self, other: &Big) -> bool {
        if self.0.len() != other.0.len() {
            return self.0.len() > other.0.len();
        }
        self.0.iter().rev().cmp(other.0.iter().rev()) != std::cmp::Ordering::Less
    }

    /// `self -= other`, for `self >= other`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
        self.trim();
    }
}

/// Parse `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`; `None` for any other text.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let neg = b.first() == Some(&b'-');
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    // The value is `digits × 10^exp10`; `digits` has no leading zeros.
    let mut digits = Big(Vec::new());
    let mut ndigits = 0i64;
    let mut exp10 = 0i64;
    let (mut seen, mut frac, mut sticky) = (false, false, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                seen = true;
                if ndigits >= MAX_DIGITS {
                    // Beyond the kept digits: shifts the scale, and only its being nonzero counts.
                    sticky |= c > b'0';
                    exp10 += i64::from(!frac);
                } else {
                    if c > b'0' || ndigits > 0 {
                        digits.mul_add(10, u32::from(c - b'0'));
                        ndigits += 1;
                    }
                    exp10 -= i64::from(frac);
                }
            }
            b'.' if !frac => frac = true,
            _ => break,
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let eneg = b.get(i) == Some(&b'-');
        i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
        let start = i;
        let mut e = 0i64;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if eneg { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    if sticky {
        digits.mul_add(10, 1);
        ndigits += 1;
        exp10 -= 1;
    }
    let magnitude = if ndigits == 0 || ndigits + exp10 < -330 {
        0.0
    } else if ndigits + exp10 > 310 {
        f64::INFINITY
    } else if exp10 >= 0 {
        (0..exp10).for_each(|_| digits.mul_add(10, 0));
        round(&digits, false, 0)
    } else {
        let mut den = Big::from_u64(1);
        (0..-exp10).for_each(|_| den.mul_add(10, 0));
        // Scale so that the quotient has 55 or 56 bits, then divide bit by bit.
        let s = 55 + den.bits() as i64 - digits.bits() as i64;
        let (mut rem, den) = if s >= 0 {
            (digits.shl(s as u64), den)
        } else {
            (digits, den.shl(s.unsigned_abs()))
        };
        let mut q = 0u64;
        for k in (0..58).rev() {
            let d = den.shl(k);
            if rem.ge(&d) {
                rem.sub(&d);
                q |= 1 << k;
            }
        }
        round(&Big::from_u64(q), !rem.0.is_empty(), -s)
    };
    Some(if neg { -magnitude } else { magnitude })
}

/// The `f64` nearest to `(q + f) × 2^e2`, where `0 <= f < 1` and `f > 0` iff `inexact`
/// (ties to even).
fn round(q: &Big, inexact: bool, e2: i64) -> f64 {
    let len = q.bits() as i64;
    // Keep 53 bits, fewer for a subnormal (whose exponent is pinned at -1074).
    let shift = (len - 53).max(-1074 - e2);
    let (mut m, half, rest) = if shift <= 0 {
        let m = (0..len)
            .rev()
            .fold(0u64, |m, j| m << 1 | u64::from(q.bit(j as u64)));
        (m << shift.unsigned_abs().min(63), false, inexact)
    } else {
        let sh = shift as u64;
        let m = (sh..len.max(0) as u64)
            .rev()
            .fold(0u64, |m, j| m << 1 | u64::from(q.bit(j)));
        (m, q.bit(sh - 1), inexact || q.any_below(sh - 1))
    };
    if half && (rest || m & 1 == 1) {
        m += 1;
    }
    // For m in [2^52, 2^53] (or a subnormal's m < 2^53 at e = -1074) the IEEE bits are
    // `(e + 1074) << 52` plus m: the implicit bit carries into the exponent field.
    let e = e2 + shift;
    match u64::try_from(e + 1074)
        .ok()
        .and_then(|e| e.checked_mul(1 << 52))
        .and_then(|e| e.checked_add(m))
    {
        Some(bits) if bits < 0x7ff0_0000_0000_0000 => f64::from_bits(bits),
        _ => f64::INFINITY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{s}: got {got:?}, want {want:?}"
        );
    }

    #[test]
    fn edge_cases_match_core() {
        for s in [
            "0", "-0", "+0", "0.0", ".0", "0.", "1", "1.", ".5", "-.5", "+1.5e3", "1e", "1e+",
            "e5", ".", "-", "+", "", "1.2.3", "1_0", "0x10", ".inf", "1e-400",
            "-1e-400", "1e400", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9",
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "9007199254740993",
            "9007199254740995", "18446744073709551615", "123456789012345678901234567890e-10",
            "0.000000000000000000000000000000000000000000001e300", "1e-330", "1e-320",
            "0.1", "0.3", "1e23", "8.98846567431158e307", "5e-324", "3e-324", "2e-324",
            "1e0000000000000000000000000000000000000001", "1e-99999999999999999999",
        ] {
            check(s);
        }
        // Callers resolve YAML's infinities and NaN before; Rust's spellings are not decimals.
        for s in ["inf", "-inf", "nan", "infinity", "NaN"] {
            assert_eq!(parse_f64(s), None, "{s}");
        }
    }

    #[test]
    fn random_texts_match_core() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..20_000 {
            let f = f64::from_bits(next());
            if !f.is_finite() {
                continue;
            }
            let p = (next() % 30) as usize;
            check(&format!("{f:e}"));
            check(&format!("{f:.p$e}"));
            // Exactly half way between two floats, and just off it: (2m+1) / 2^k.
            let m = next() >> 11 | 1 << 52;
            let k = (next() % 24) as u32;
            let odd = u128::from(2 * m + 1) * 5u128.pow(k);
            check(&format!("{odd}e-{k}"));
            check(&format!("{}e-{k}", odd + 1));
            check(&format!("{}e-{k}", odd - 1));
            let big = (next() >> 1) | 1 << 62;
            check(&format!("{big}"));
            check(&format!("{big}e{}", next() % 300));
            let digits = next() % 10_000_000_000_000_000_000;
            let e = (next() % 700) as i64 - 350;
            check(&format!("{digits}e{e}"));
            check(&format!("0.{digits:019}{}e{e}", next() % 1000));
        }
    }

    #[test]
    fn long_texts_match_core() {
        // Halfway points (up to 767 digits) with a nonzero digit far beyond the kept ones decide
        // the rounding only through the sticky digit; without it they round to even instead.
        let mut x: u64 = 0x5851_f42d_4c95_7f2d;
        for k in [1u32, 60, 300, 1074] {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mut digits: Vec<u8> = Vec::new();
            let mut n = 2 * (x >> 11 | 1 << 52) + 1;
            while n > 0 {
                digits.push((n % 10) as u8);
                n /= 10;
            }
            (0..k).for_each(|_| dec_mul(&mut digits, 5));
            let t = dec_text(&digits);
            for tail in ["", "0", "1", "9"] {
                let zeros = "0".repeat(3000);
                check(&format!(
                    "{t}{zeros}{tail}e-{}",
                    k as usize + 3000 + tail.len()
                ));
                let (int, fr) = t.split_at(t.len() / 2);
                check(&format!("{int}.{fr}{zeros}{tail}e-{k}"));
            }
        }
        // A million digits: integer part, fraction, leading zeros, with exponents. The expected
        // bits are Python's correctly rounded `float(Decimal(text))`; core's parser is wrong
        // on the third (it says infinity).
        let long = "1234567890".repeat(100_000);
        let zeros = "0".repeat(1_000_000);
        for (s, bits) in [
            (long.clone(), 0x7ff0_0000_0000_0000_u64),
            (format!("0.{long}"), 0x3fbf_9add_3746_f65f),
            (format!("{long}e-999990"), 0x41d2_6580_b487_e6b7),
            (format!("{long}e-1000320"), 0xfa),
            (format!("0.{}{long}", &zeros[..100_000]), 0),
            (format!("{long}.{long}e-1000000"), 0x3fbf_9add_3746_f65f),
            (format!("-{zeros}1e-1000000"), 0x8000_0000_0000_0000),
            (format!("1{zeros}"), 0x7ff0_0000_0000_0000),
            (format!("1{zeros}e-1000000"), 0x3ff0_0000_0000_0000),
        ] {
            assert_eq!(parse_f64(&s).map(f64::to_bits), Some(bits), "{}", &s[..20]);
        }
    }

    /// `digits × m` for little-endian decimal digits.
    fn dec_mul(digits: &mut Vec<u8>, m: u64) {
        let mut carry = 0u64;
        for d in digits.iter_mut() {
            let v = u64::from(*d) * m + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }

    fn dec_text(digits: &[u8]) -> String {
        digits.iter().rev().map(|&d| char::from(b'0' + d)).collect()
    }

    #[test]
    fn exact_halfway_points_round_to_even() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..1500 {
            // (2m+1) × 2^-k: half way between two floats (subnormal ones for small m, large k).
            let m = if i % 3 == 0 {
                next() % (1 << 20)
            } else {
                next() >> 11 | 1 << 52
            };
            let k = next() % 1180;
            let mut digits: Vec<u8> = Vec::new();
            let mut n = 2 * m + 1;
            while n > 0 {
                digits.push((n % 10) as u8);
                n /= 10;
            }
            if i % 2 == 0 {
                (0..k).for_each(|_| dec_mul(&mut digits, 5));
                let t = dec_text(&digits);
                check(&format!("{t}e-{k}"));
                check(&format!("{t}1e-{}", k + 1));
                check(&format!("{t}e-{}", k + 1));
            } else {
                (0..k % 1000).for_each(|_| dec_mul(&mut digits, 2));
                let t = dec_text(&digits);
                check(&t);
                check(&format!("{t}.000000000000000000000001"));
            }
        }
    }
}
