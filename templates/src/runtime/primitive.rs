//! Wire rules of the Rust primitive types used for Edm.String, Edm.Boolean, the small integer
//! types and untyped JSON; and of `f64`, `f32` and `i64` (`@odata.count`, values of programs'
//! own types), which generated models do not use: their [`Double`](crate::runtime::Double),
//! [`Single`](crate::runtime::Single) and [`Int64`](crate::runtime::Int64) also keep the form
//! received.

use std::fmt;

use serde::de::{Deserializer, Error, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::text::invalid_text;
use super::wire::Wire;

/// Types whose wire form is exactly their `serde` form: strings (borrowed from the input while
/// parsing when possible, moved when already owned) and untyped JSON.
macro_rules! wire_via_serde {
    ($($ty:ty),*) => {$(
        impl Wire for $ty {
            fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$ty as Deserialize>::deserialize(deserializer)
            }

            fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty as Serialize>::serialize(self, serializer)
            }
        }
    )*};
}

wire_via_serde!(String, serde_json::Value);

/// Edm.Boolean and the small integer types (Edm.Byte, SByte, Int16, Int32): their serde form,
/// read with visitors of this runtime so that a string in their place (which OData never sends
/// for them) is refused with a message that quotes only its start.
///
/// `deserialize_any`, not `deserialize_i32` and the like: given the latter, a deserializer that
/// holds a buffered value (`serde_json::Value`, for a polymorphic object read before its
/// `@odata.type`) writes the type error itself, quoting the whole string.
macro_rules! wire_strict {
    ($($ty:ty => $expecting:literal;)*) => {$(
        impl Wire for $ty {
            fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(StrictVisitor::<$ty>::new($expecting))
            }

            fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty as Serialize>::serialize(self, serializer)
            }
        }
    )*};
}

wire_strict! {
    bool => "a boolean";
    i8 => "an 8-bit signed integer";
    i16 => "a 16-bit integer";
    i32 => "a 32-bit integer";
    u8 => "a byte";
}

/// Reads a boolean or an integer that fits `T`; anything else is an error.
struct StrictVisitor<T> {
    expecting: &'static str,
    target: std::marker::PhantomData<fn() -> T>,
}

impl<T> StrictVisitor<T> {
    fn new(expecting: &'static str) -> Self {
        StrictVisitor {
            expecting,
            target: std::marker::PhantomData,
        }
    }
}

impl<T: FromWireNumber> Visitor<'_> for StrictVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.expecting)
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<T, E> {
        T::from_bool(value).ok_or_else(|| E::invalid_type(Unexpected::Bool(value), &self))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
        T::from_i64(value).ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
        T::from_u64(value).ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        Err(super::text::string_instead(value, &self))
    }
}

/// What [`StrictVisitor`] accepts for each type.
trait FromWireNumber: Sized {
    fn from_bool(_value: bool) -> Option<Self> {
        None
    }
    fn from_i64(_value: i64) -> Option<Self> {
        None
    }
    fn from_u64(_value: u64) -> Option<Self> {
        None
    }
}

impl FromWireNumber for bool {
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

macro_rules! from_wire_integer {
    ($($ty:ty),*) => {$(
        impl FromWireNumber for $ty {
            fn from_i64(value: i64) -> Option<Self> {
                Self::try_from(value).ok()
            }
            fn from_u64(value: u64) -> Option<Self> {
                Self::try_from(value).ok()
            }
        }
    )*};
}

from_wire_integer!(i8, i16, i32, u8);

/// Edm.Int64: a JSON number, or a string holding one (`IEEE754Compatible=true`, which servers use
/// because JavaScript loses precision above 2^53). Written as a number.
impl Wire for i64 {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Int64Visitor)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*self)
    }
}

struct Int64Visitor;

impl Visitor<'_> for Int64Visitor {
    type Value = i64;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a 64-bit integer, as a number or a string")
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<i64, E> {
        Ok(value)
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<i64, E> {
        i64::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<i64, E> {
        value
            .parse()
            .map_err(|_| invalid_text(value, "64-bit integer"))
    }
}

use super::number::{special_float_name, INFINITY, NAN, NEG_INFINITY};

/// Edm.Double: a JSON number, or `"INF"`, `"-INF"`, `"NaN"`; non-finite values are written as
/// those strings (plain serde_json would write `null`, losing them).
impl Wire for f64 {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FloatVisitor)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match special_float_name(*self) {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_f64(*self),
        }
    }
}

/// Edm.Single: read like Edm.Double; a finite number too large for `f32` is an error rather than
/// silently becoming infinity.
impl Wire for f32 {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wide = deserializer.deserialize_any(FloatVisitor)?;
        // Narrowing is the point here; the range check below catches what it cannot represent.
        #[allow(clippy::cast_possible_truncation)]
        let narrow = wide as f32;
        if wide.is_finite() && !narrow.is_finite() {
            return Err(D::Error::invalid_value(
                Unexpected::Float(wide),
                &"a number in the range of a 32-bit float",
            ));
        }
        Ok(narrow)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match special_float_name(f64::from(*self)) {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_f32(*self),
        }
    }
}

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(r#"a number, "INF", "-INF" or "NaN""#)
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }

    // Integers beyond 2^53 round to the nearest double, as any JSON reader of a double does.
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<f64, E> {
        match value {
            INFINITY => Ok(f64::INFINITY),
            NEG_INFINITY => Ok(f64::NEG_INFINITY),
            NAN => Ok(f64::NAN),
            _ => Err(invalid_text(
                value,
                "number (INF, -INF and NaN are the only strings)",
            )),
        }
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
    fn int64_accepts_numbers_and_numeric_strings() {
        assert_eq!(read::<i64>("-5").unwrap(), -5);
        assert_eq!(read::<i64>(r#""9223372036854775807""#).unwrap(), i64::MAX);
        assert_eq!(write(i64::MIN), "-9223372036854775808");
    }

    #[test]
    fn integers_reject_out_of_range_and_wrong_types() {
        assert!(read::<i64>("9223372036854775808").is_err());
        assert!(read::<i64>(r#""9223372036854775808""#).is_err());
        assert!(read::<i64>("1.5").is_err());
        assert!(read::<i64>("1e400").is_err());
        assert!(read::<i64>(r#"" 1""#).is_err());
        assert!(read::<i64>("null").is_err());
        assert!(read::<i32>("2147483648").is_err());
        assert!(read::<i16>("-32769").is_err());
        assert!(read::<i8>("128").is_err());
        assert!(read::<u8>("-1").is_err());
        assert!(read::<u8>("256").is_err());
        assert!(
            read::<i32>(r#""1""#).is_err(),
            "only Int64 has a string form"
        );
        assert_eq!(read::<u8>("255").unwrap(), 255);
    }

    #[test]
    fn doubles_have_string_forms_for_non_finite_values() {
        assert_eq!(read::<f64>(r#""INF""#).unwrap(), f64::INFINITY);
        assert_eq!(read::<f64>(r#""-INF""#).unwrap(), f64::NEG_INFINITY);
        assert!(read::<f64>(r#""NaN""#).unwrap().is_nan());
        assert!(read::<f64>(r#""nan""#).is_err());
        assert!(read::<f64>(r#""1.5""#).is_err());
        assert_eq!(read::<f64>("3").unwrap(), 3.0);
        assert_eq!(write(f64::NAN), r#""NaN""#);
        assert_eq!(write(f64::NEG_INFINITY), r#""-INF""#);
        assert_eq!(write(f32::INFINITY), r#""INF""#);
        assert_eq!(write(1.5f64), "1.5");
    }

    #[test]
    fn singles_reject_values_beyond_their_range() {
        assert!(read::<f32>("1e300").is_err());
        assert_eq!(read::<f32>("1.5").unwrap(), 1.5);
        assert_eq!(read::<f32>(r#""-INF""#).unwrap(), f32::NEG_INFINITY);
    }

    #[test]
    fn strings_and_booleans_are_strict() {
        assert!(read::<String>("5").is_err());
        assert!(read::<String>("null").is_err());
        assert!(read::<bool>(r#""true""#).is_err());
        assert_eq!(read::<String>(r#""a\u00e9\ud83d\ude00""#).unwrap(), "aé😀");
        assert!(read::<String>(r#""\ud800""#).is_err(), "lone surrogate");
    }
}
