//! [`Double`], [`Single`] and [`Int64`]: Edm.Double, Edm.Single and Edm.Int64 values that
//! remember how they were written.

use std::fmt;

use serde::de::{Deserializer, Error, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::text::invalid_text;
use super::wire::Wire;

/// A floating-point value with the form it was written in, so that writing it back does not
/// change it: `12` stays `12` (not `12.0`), `12.0` stays `12.0`, and a number sent as a string
/// (`"1.5"`, as servers do with `IEEE754Compatible=true`) stays the same string. `INF`, `-INF`
/// and `NaN` are always strings, as OData writes them.
///
/// Built from a Rust value (`From<f64>`), it is written as serde_json writes the value.
/// Equality compares the value and the form.
#[derive(Clone, Default, PartialEq)]
pub struct Number<T> {
    value: T,
    form: Form,
}

/// How a [`Number`] was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
enum Form {
    /// As the Rust value writes itself (a JSON number with a fraction or exponent).
    #[default]
    Natural,
    /// A JSON integer (`12`).
    Integer,
    /// A string, kept verbatim.
    Text(Box<str>),
}

/// Edm.Double.
pub type Double = Number<f64>;
/// Edm.Single.
pub type Single = Number<f32>;
/// Edm.Int64: a JSON number, or a string holding one (servers send them so with
/// `IEEE754Compatible=true`, as JavaScript loses precision above 2^53), written back as
/// received.
pub type Int64 = Number<i64>;

/// The Rust types a [`Number`] holds: how each is written as a URL literal.
pub trait NumberValue: Copy + fmt::Debug {
    /// Writes the value as OData writes it in URLs.
    fn write_literal(self, formatter: &mut fmt::Formatter) -> fmt::Result;
}

impl NumberValue for f64 {
    fn write_literal(self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match special_float_name(self) {
            Some(name) => formatter.write_str(name),
            None => write!(formatter, "{self}"),
        }
    }
}

impl NumberValue for f32 {
    fn write_literal(self, formatter: &mut fmt::Formatter) -> fmt::Result {
        f64::from(self).write_literal(formatter)
    }
}

impl NumberValue for i64 {
    fn write_literal(self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "{self}")
    }
}

impl<T: Copy> Number<T> {
    /// The value.
    pub fn value(&self) -> T {
        self.value
    }

    /// The string it was sent as (a number with `IEEE754Compatible=true`, or `INF`, `-INF`,
    /// `NaN`), if it was.
    pub fn as_text(&self) -> Option<&str> {
        match &self.form {
            Form::Text(text) => Some(text),
            _ => None,
        }
    }

    /// Whether it was written as a JSON integer (`12`).
    pub fn is_integer_form(&self) -> bool {
        self.form == Form::Integer
    }
}

impl<T> From<T> for Number<T> {
    fn from(value: T) -> Self {
        Number {
            value,
            form: Form::Natural,
        }
    }
}

impl<T: NumberValue> fmt::Debug for Number<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match &self.form {
            Form::Text(text) => write!(formatter, "{text:?}"),
            _ => write!(formatter, "{:?}", self.value),
        }
    }
}

/// The literal form: the text sent, `INF`, `-INF`, `NaN`, or the shortest decimal.
impl<T: NumberValue> fmt::Display for Number<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match &self.form {
            Form::Text(text) => formatter.write_str(text),
            _ => self.value.write_literal(formatter),
        }
    }
}

/// The string forms OData uses for the floating-point values JSON numbers cannot express.
pub(super) const INFINITY: &str = "INF";
pub(super) const NEG_INFINITY: &str = "-INF";
pub(super) const NAN: &str = "NaN";

pub(super) fn special_float_name(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some(NAN)
    } else if value == f64::INFINITY {
        Some(INFINITY)
    } else if value == f64::NEG_INFINITY {
        Some(NEG_INFINITY)
    } else {
        None
    }
}

/// Writes `value` in `form`; `natural` writes a natural-form value (as `f32` for Edm.Single).
fn serialize_form<S: Serializer>(
    value: f64,
    form: &Form,
    serializer: S,
    natural: impl FnOnce(S) -> Result<S::Ok, S::Error>,
) -> Result<S::Ok, S::Error> {
    // Exactly the integers an `i64` holds (2^63 itself is not one).
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if let Form::Text(text) = form {
        return serializer.serialize_str(text);
    }
    if let Some(name) = special_float_name(value) {
        return serializer.serialize_str(name);
    }
    match form {
        // The range check makes the conversion exact.
        #[allow(clippy::cast_possible_truncation)]
        Form::Integer if value.fract() == 0.0 && value.abs() < LIMIT => {
            serializer.serialize_i64(value as i64)
        }
        _ => natural(serializer),
    }
}

impl Wire for Double {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (value, form) = deserializer.deserialize_any(FloatVisitor)?;
        Ok(Number { value, form })
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_form(self.value, &self.form, serializer, |serializer| {
            serializer.serialize_f64(self.value)
        })
    }
}

/// Read like Edm.Double; a finite number too large for `f32` is an error rather than silently
/// becoming infinity.
impl Wire for Single {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (wide, form) = deserializer.deserialize_any(FloatVisitor)?;
        // Narrowing is the point here; the range check below catches what it cannot represent.
        #[allow(clippy::cast_possible_truncation)]
        let narrow = wide as f32;
        if wide.is_finite() && !narrow.is_finite() {
            return Err(D::Error::invalid_value(
                Unexpected::Float(wide),
                &"a number in the range of a 32-bit float",
            ));
        }
        Ok(Number {
            value: narrow,
            form,
        })
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_form(
            f64::from(self.value),
            &self.form,
            serializer,
            |serializer| serializer.serialize_f32(self.value),
        )
    }
}

impl Wire for Int64 {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Int64Visitor)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.form {
            Form::Text(text) => serializer.serialize_str(text),
            _ => serializer.serialize_i64(self.value),
        }
    }
}

struct Int64Visitor;

impl Visitor<'_> for Int64Visitor {
    type Value = Int64;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a 64-bit integer, as a number or a string")
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Int64, E> {
        Ok(Int64::from(value))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Int64, E> {
        i64::try_from(value)
            .map(Int64::from)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Int64, E> {
        let value = text
            .parse()
            .map_err(|_| invalid_text::<E>(text, "64-bit integer"))?;
        Ok(Number {
            value,
            form: Form::Text(text.into()),
        })
    }
}

impl<T> Serialize for Number<T>
where
    Number<T>: Wire,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_wire(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Number<T>
where
    Number<T>: Wire,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize_wire(deserializer)
    }
}

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = (f64, Form);

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(r#"a number, as a number or a string, "INF", "-INF" or "NaN""#)
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok((value, Form::Natural))
    }

    // Integers beyond 2^53 round to the nearest double, as any JSON reader of a double does.
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok((value as f64, Form::Integer))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok((value as f64, Form::Integer))
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
        let value = match text {
            INFINITY => f64::INFINITY,
            NEG_INFINITY => f64::NEG_INFINITY,
            NAN => f64::NAN,
            _ if super::decimal::is_decimal(text) => text
                .parse()
                .map_err(|_| invalid_text::<E>(text, "number"))?,
            _ => return Err(invalid_text(text, "number")),
        };
        Ok((value, Form::Text(text.into())))
    }
}

#[cfg(test)]
mod tests {
    use super::super::wire::{AsWire, WireSeed};
    use super::*;
    use serde::de::DeserializeSeed;

    fn read<T: Wire>(json: &str) -> Result<T, serde_json::Error> {
        WireSeed::<T>::new().deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    fn write<T: Wire>(value: T) -> String {
        serde_json::to_string(&AsWire(&value)).expect("serializes")
    }

    #[test]
    fn doubles_keep_their_form() {
        for json in [
            "12",
            "12.0",
            "-3",
            "1.5",
            r#""INF""#,
            r#""-INF""#,
            r#""NaN""#,
            r#""1.50""#,
            r#""12""#,
            "0",
            "-0.0",
        ] {
            assert_eq!(write(read::<Double>(json).unwrap()), json, "{json}");
            assert_eq!(write(read::<Single>(json).unwrap()), json, "{json}");
        }
        // Exponents are written as serde_json writes them: the same JSON value, not the same text.
        for (json, written) in [("1E-05", "0.00001"), ("1e300", "1e300")] {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let again = write(read::<Double>(json).unwrap());
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&again).unwrap(),
                value
            );
            assert_eq!(again.replace('+', ""), written);
        }
        assert!(read::<Double>("12").unwrap().is_integer_form());
        assert_eq!(read::<Double>(r#""1.50""#).unwrap().as_text(), Some("1.50"));
        assert_eq!(read::<Double>(r#""1.50""#).unwrap().value(), 1.5);
    }

    #[test]
    fn doubles_have_string_forms_for_non_finite_values() {
        assert_eq!(read::<Double>(r#""INF""#).unwrap().value(), f64::INFINITY);
        assert!(read::<Double>(r#""NaN""#).unwrap().value().is_nan());
        for bad in [
            r#""nan""#,
            r#""inf""#,
            r#""1.5x""#,
            r#"" 1""#,
            r#""""#,
            "null",
        ] {
            assert!(read::<Double>(bad).is_err(), "{bad}");
        }
        assert_eq!(write(Double::from(f64::NAN)), r#""NaN""#);
        assert_eq!(write(Double::from(f64::NEG_INFINITY)), r#""-INF""#);
        assert_eq!(write(Single::from(f32::INFINITY)), r#""INF""#);
        assert_eq!(write(Double::from(1.5)), "1.5");
        assert_eq!(write(Double::from(12.0)), "12.0");
        assert_eq!(Double::from(12.0).to_string(), "12");
    }

    #[test]
    fn integer_forms_beyond_i64_are_written_as_doubles() {
        let huge = read::<Double>("1e300").unwrap();
        assert_eq!(write(huge), "1e+300");
        let big = read::<Double>("18446744073709551615").unwrap();
        assert!(big.is_integer_form());
        assert_eq!(write(big), "1.8446744073709552e+19");
    }

    #[test]
    fn int64_keeps_strings_as_sent() {
        for json in [
            "-5",
            r#""9223372036854775807""#,
            r#""007""#,
            "9007199254740993",
        ] {
            assert_eq!(write(read::<Int64>(json).unwrap()), json, "{json}");
        }
        assert_eq!(read::<Int64>(r#""12""#).unwrap().value(), 12);
        assert_eq!(write(Int64::from(i64::MIN)), "-9223372036854775808");
        for bad in [
            "9223372036854775808",
            r#""9223372036854775808""#,
            "1.5",
            r#""1e3""#,
            "null",
        ] {
            assert!(read::<Int64>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn singles_reject_values_beyond_their_range() {
        assert!(read::<Single>("1e300").is_err());
        assert_eq!(read::<Single>("1.5").unwrap().value(), 1.5);
        assert_eq!(
            read::<Single>(r#""-INF""#).unwrap().value(),
            f32::NEG_INFINITY
        );
    }
}
