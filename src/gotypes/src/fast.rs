//! The common forms of the two hand-written decodes the typed check meets in every pod — a
//! quantity like `100m` or `128Mi`, a time like `2026-12-06T02:15:58Z` — accepted without
//! the core's full parsers (`Hooks`), which are compiled for size: they were ~4 % of a plan
//! (`npm run bench`). Anything else goes to the hooks; the core's tests hold each form
//! accepted here to its parser's answer.

/// Whether `text` is digits (at most 18) and an optional suffix `resource.ParseQuantity`
/// accepts: a form it always parses.
pub fn plain_quantity(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 18 {
        return false;
    }
    matches!(
        text.get(digits..),
        Some(
            "" | "m" | "k" | "M" | "G" | "T" | "P" | "E" | "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei"
        )
    )
}

/// Whether `text` is `YYYY-MM-DDTHH:MM:SSZ` with a real date and time of day (the form the
/// API server writes): a form `time.Parse(time.RFC3339, …)` always accepts.
pub fn plain_utc_time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let punct = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ];
    if !punct.iter().all(|&(i, p)| b.get(i) == Some(&p)) {
        return false;
    }
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) = (
        num(0, 4),
        num(5, 2),
        num(8, 2),
        num(11, 2),
        num(14, 2),
        num(17, 2),
    ) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d) && h < 24 && mi < 60 && s < 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms_are_plain() {
        for q in ["0", "1", "100m", "128Mi", "2Gi", "500k", "1E", "007"] {
            assert!(plain_quantity(q), "{q}");
        }
        for q in [
            "",
            "m",
            "1.5",
            "1e3",
            "-1",
            "+1",
            "1Mi ",
            " 1",
            "1mi",
            "1KI",
            "1000000000000000000",
        ] {
            assert!(!plain_quantity(q), "{q}");
        }
        for t in [
            "2026-12-06T02:15:58Z",
            "2024-02-29T00:00:00Z",
            "0000-01-01T23:59:59Z",
        ] {
            assert!(plain_utc_time(t), "{t}");
        }
        for t in [
            "2023-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-12-06T24:00:00Z",
            "2026-12-06T02:60:00Z",
            "2026-12-06T02:15:60Z",
            "2026-12-06T02:15:58+00:00",
            "2026-12-06t02:15:58Z",
            "2026-12-06T02:15:58.5Z",
            "2026-12-00T02:15:58Z",
            "2026-1a-06T02:15:58Z",
        ] {
            assert!(!plain_utc_time(t), "{t}");
        }
    }
}
