//! A JSON number kept as its text, with `serde_json`'s equality.

use std::fmt;

use crate::decimal::parse_f64;
use crate::value::Value;

/// A JSON number: its text, which is valid JSON number syntax.
#[derive(Clone)]
pub struct Number(Box<str>);

/// How `serde_json` would hold a number: the key of equality.
#[derive(PartialEq)]
enum Kind {
    Pos(u64),
    Neg(i64),
    Float(f64),
}

impl Number {
    /// The number whose JSON text is `text`; `None` unless `text` is a JSON number.
    pub fn from_json(text: &str) -> Option<Number> {
        crate::scan::is_number(text).then(|| Number(text.into()))
    }

    /// A finite `f64` as JSON, as `serde_json` writes it (shortest round-trip digits, `.0` on
    /// integers, `1e20` beyond 1e16); `None` for NaN and infinities, which JSON cannot hold.
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite()
            .then(|| Number(zmij::Buffer::new().format_finite(f).into()))
    }

    /// A number from text the reader has checked.
    pub(crate) fn new_unchecked(text: &str) -> Number {
        Number(text.into())
    }

    /// The number's JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn is_integer_text(&self) -> bool {
        !self.0.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// `serde_json`'s reading: integers that fit `u64` (or, negative, `i64`; `-0` is a float)
    /// stay integers, everything else is the nearest `f64`.
    fn kind(&self) -> Kind {
        if self.is_integer_text() {
            if let Ok(u) = self.0.parse::<u64>() {
                return Kind::Pos(u);
            }
            if let Ok(i) = self.0.parse::<i64>() {
                if i < 0 {
                    return Kind::Neg(i);
                }
            }
        }
        Kind::Float(parse_f64(&self.0).unwrap_or(f64::NAN))
    }

    /// The value as `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self.kind() {
            Kind::Pos(u) => i64::try_from(u).ok(),
            Kind::Neg(i) => Some(i),
            Kind::Float(_) => None,
        }
    }

    /// The value as `u64`, when it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self.kind() {
            Kind::Pos(u) => Some(u),
            _ => None,
        }
    }

    /// The value as the nearest `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.kind() {
            Kind::Pos(u) => u as f64,
            Kind::Neg(i) => i as f64,
            Kind::Float(f) => f,
        })
    }

    /// Whether `serde_json` would read it as an `i64`.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// Whether `serde_json` would read it as a `u64`.
    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// Whether `serde_json` would read it as a float.
    pub fn is_f64(&self) -> bool {
        matches!(self.kind(), Kind::Float(_))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.0 == other.0 || self.kind() == other.kind()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({})", self.0)
    }
}

macro_rules! number_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(n.to_string().into())
            }
        }
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n.into())
            }
        }
    )*};
}
number_from_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);
