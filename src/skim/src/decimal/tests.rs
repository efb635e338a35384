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
