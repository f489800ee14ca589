//! [`Decimal`]: Edm.Decimal, kept as text so that no digit is lost.

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::text::invalid_text;
use super::wire::Wire;

/// Edm.Decimal: a decimal number of any precision, kept as its text.
///
/// Read from a JSON number or, as servers send it with `IEEE754Compatible=true`, a string. A JSON
/// number has already been through the JSON reader's `f64` when it gets here (serde_json without
/// its `arbitrary_precision` feature), so its shortest round-trip form is kept; a string is kept
/// verbatim and written back as the same string. A decimal read from a number or built in code
/// is written as a JSON number when that number reads back as the same text, otherwise as a
/// string, so that writing never loses digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: String,
    /// Whether it was received as a string, and is written back as one.
    quoted: bool,
}

/// The error for a string that is not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDecimalError;

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("not a decimal number")
    }
}

impl std::error::Error for ParseDecimalError {}

impl Decimal {
    /// The number's text, e.g. `-12.50` or `1e-7`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it was received as a JSON string (and is written back as one).
    pub fn is_quoted(&self) -> bool {
        self.quoted
    }

    fn unquoted(text: String) -> Self {
        Decimal {
            text,
            quoted: false,
        }
    }

    /// The nearest `f64` (infinite beyond its range, NaN for `NaN`).
    pub fn to_f64(&self) -> f64 {
        match self.text.as_str() {
            "INF" => f64::INFINITY,
            "-INF" => f64::NEG_INFINITY,
            // Valid text is always in `f64`'s grammar; NaN covers "NaN".
            text => text.parse().unwrap_or(f64::NAN),
        }
    }

    /// The shortest text that reads back as `value`; `None` for infinities and NaN.
    pub fn from_f64(value: f64) -> Option<Self> {
        value
            .is_finite()
            .then(|| Decimal::unquoted(value.to_string()))
    }

    /// The JSON number to write for this decimal, if one reads back as the same text.
    fn as_json_number(&self) -> Option<JsonNumber> {
        if self.quoted {
            return None;
        }
        let text = self.text.as_str();
        if let Ok(value) = text.parse::<i64>() {
            return (value.to_string() == text).then_some(JsonNumber::Signed(value));
        }
        if let Ok(value) = text.parse::<u64>() {
            return (value.to_string() == text).then_some(JsonNumber::Unsigned(value));
        }
        let value = text.parse::<f64>().ok().filter(|value| value.is_finite())?;
        (value.to_string() == text).then_some(JsonNumber::Float(value))
    }
}

enum JsonNumber {
    Signed(i64),
    Unsigned(u64),
    Float(f64),
}

/// Whether `text` is an OData decimal literal: `[+-]digits[.digits][e[+-]digits]`, or `INF`,
/// `-INF`, `NaN`.
pub(super) fn is_decimal(text: &str) -> bool {
    if matches!(text, "INF" | "-INF" | "NaN") {
        return true;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let exponent_digits =
        exponent.map(|exponent| exponent.strip_prefix(['+', '-']).unwrap_or(exponent));
    is_digits(whole) && fraction.is_none_or(is_digits) && exponent_digits.is_none_or(is_digits)
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    fn from_str(text: &str) -> Result<Self, ParseDecimalError> {
        if is_decimal(text) {
            Ok(Decimal::unquoted(text.to_owned()))
        } else {
            Err(ParseDecimalError)
        }
    }
}

macro_rules! decimal_from_integer {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Decimal {
            fn from(value: $ty) -> Self {
                Decimal::unquoted(value.to_string())
            }
        }
    )*};
}

decimal_from_integer!(i8, i16, i32, i64, u8, u16, u32, u64, i128, u128);

impl fmt::Display for Decimal {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&self.text)
    }
}

impl Wire for Decimal {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_json_number() {
            Some(JsonNumber::Signed(value)) => serializer.serialize_i64(value),
            Some(JsonNumber::Unsigned(value)) => serializer.serialize_u64(value),
            Some(JsonNumber::Float(value)) => serializer.serialize_f64(value),
            None => serializer.serialize_str(&self.text),
        }
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_wire(serializer)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize_wire(deserializer)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a decimal number, as a number or a string")
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Decimal, E> {
        Decimal::from_f64(value).ok_or_else(|| E::custom("a decimal number must be finite"))
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Decimal, E> {
        if is_decimal(text) {
            Ok(Decimal {
                text: text.to_owned(),
                quoted: true,
            })
        } else {
            Err(invalid_text(text, "decimal number"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(json: &str) -> String {
        let value: Decimal =
            serde_json::from_str(json).unwrap_or_else(|error| panic!("{json}: {error}"));
        serde_json::to_string(&value).unwrap()
    }

    #[test]
    fn keeps_text_that_numbers_would_lose() {
        for (json, expected) in [
            ("12", "12"),
            ("-12", "-12"),
            ("18446744073709551615", "18446744073709551615"),
            ("0.1", "0.1"),
            (r#""0.10""#, r#""0.10""#),
            (r#""12.5""#, r#""12.5""#),
            (r#""12""#, r#""12""#),
            (
                r#""123456789012345678901234567890.123""#,
                r#""123456789012345678901234567890.123""#,
            ),
            (r#""-0""#, r#""-0""#),
            (r#""1e5""#, r#""1e5""#),
            (r#""NaN""#, r#""NaN""#),
            (r#""INF""#, r#""INF""#),
            ("1e300", "1e+300"),
        ] {
            assert_eq!(round_trip(json), expected, "{json}");
        }
    }

    #[test]
    fn round_trips_are_fixed_points() {
        for json in ["1e300", "1.5e-7", "123456789012345678901234567890"] {
            let once = round_trip(json);
            assert_eq!(round_trip(&once), once, "{json}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for json in [
            r#""""#,
            r#""x""#,
            r#""1.""#,
            r#"".""#,
            r#"".5""#,
            r#""1e""#,
            r#""1e+""#,
            r#""--1""#,
            r#""1 ""#,
            r#""0x10""#,
            r#""inf""#,
            "null",
            "true",
            "[1]",
        ] {
            assert!(serde_json::from_str::<Decimal>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn conversions() {
        assert_eq!(Decimal::from(7u8).as_str(), "7");
        assert_eq!(
            Decimal::from_f64(0.25).map(|d| d.to_string()).as_deref(),
            Some("0.25")
        );
        assert_eq!(Decimal::from_f64(f64::NAN), None);
        assert_eq!("2.5".parse::<Decimal>().unwrap().to_f64(), 2.5);
        assert!("NaN".parse::<Decimal>().unwrap().to_f64().is_nan());
        assert_eq!(
            "-INF".parse::<Decimal>().unwrap().to_f64(),
            f64::NEG_INFINITY
        );
    }
}
