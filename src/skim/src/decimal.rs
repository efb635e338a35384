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
mod tests;
