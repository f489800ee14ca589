//! The Edm primitive types without a Rust primitive of their own, and their wire rules.
//!
//! | Edm type | Rust type | typed access |
//! | --- | --- | --- |
//! | `Edm.Date` | [`Date`], `"2024-02-29"` | `chrono::NaiveDate` |
//! | `Edm.TimeOfDay` | [`TimeOfDay`], `"13:45:00.1234567"` | `chrono::NaiveTime` |
//! | `Edm.DateTimeOffset` | [`DateTimeOffset`], RFC 3339, offset optional | `chrono::DateTime<FixedOffset>` |
//! | `Edm.Duration` | [`Duration`], `"-P1DT2H3M4.5S"` | [`DurationParts`] |
//! | `Edm.Guid` | [`Guid`] | `uuid::Uuid` |
//! | `Edm.Binary` | [`Binary`], base64url or base64 | bytes |
//! | `Edm.Decimal` | [`Decimal`](crate::runtime::Decimal), lossless | text, `f64` |
//! | `Edm.Double`, `Edm.Single`, `Edm.Int64` | [`Double`](crate::runtime::Double), [`Single`](crate::runtime::Single), [`Int64`](crate::runtime::Int64) | `f64`, `f32`, `i64` |
//! | `Edm.Stream`, `Edm.Untyped`, `Edm.Geography*`, `Edm.Geometry*` | [`Untyped`] (`serde_json::Value`) | JSON as sent (GeoJSON for the spatial types) |
//!
//! A value read from a payload keeps its text and is written back as received (`…28.83Z` stays
//! `…28.83Z`, an upper-case GUID stays upper-case); the text is validated when read, and the typed
//! value (chrono, uuid) parsed then, so `value()` never fails. A value built in code
//! (`From<chrono::…>`, `From<uuid::Uuid>`, `FromStr`) gets OData's canonical form. Two values are
//! equal when their texts are: compare `value()` to compare instants.

use std::fmt;
use std::str::FromStr;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use chrono::{FixedOffset, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::duration::DurationParts;
use super::text::deserialize_text;
use super::wire::Wire;

/// Edm.Stream, Edm.Untyped and the spatial types: JSON kept as sent.
pub type Untyped = serde_json::Value;

/// The error for text that is not in the grammar of an Edm type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEdmError {
    expecting: &'static str,
}

impl fmt::Display for ParseEdmError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "not {}", self.expecting)
    }
}

impl std::error::Error for ParseEdmError {}

/// The impls every text-keeping Edm type shares: it holds `text` (validated, as received) and
/// `value` (parsed from it by `parse`, or the value it was built from).
macro_rules! text_type {
    ($name:ident, $value:ty, $expecting:literal, $parse:path) => {
        impl $name {
            /// The text, as received or as built (OData's canonical form).
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// The typed value.
            pub fn value(&self) -> $value {
                self.value
            }

            fn parse_text(text: &str) -> Option<Self> {
                $parse(text).map(|value| $name {
                    text: text.into(),
                    value,
                })
            }
        }

        impl FromStr for $name {
            type Err = ParseEdmError;

            fn from_str(text: &str) -> Result<Self, ParseEdmError> {
                Self::parse_text(text).ok_or(ParseEdmError {
                    expecting: $expecting,
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str(&self.text)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter
                    .debug_tuple(stringify!($name))
                    .field(&&*self.text)
                    .finish()
            }
        }

        /// Equal when the texts are.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.text == other.text
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.text.hash(state);
            }
        }

        impl Wire for $name {
            fn deserialize_wire<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                deserialize_text(deserializer, $expecting, Self::parse_text)
            }

            fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize_wire(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Self::deserialize_wire(deserializer)
            }
        }
    };
}

/// Edm.Date: a date without time zone, `YYYY-MM-DD`.
#[derive(Clone)]
pub struct Date {
    text: Box<str>,
    value: chrono::NaiveDate,
}

text_type!(Date, chrono::NaiveDate, "a date (YYYY-MM-DD)", parse_date);

fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

impl From<chrono::NaiveDate> for Date {
    fn from(value: chrono::NaiveDate) -> Self {
        Date {
            text: value.format("%Y-%m-%d").to_string().into(),
            value,
        }
    }
}

/// Edm.TimeOfDay: a time without date and time zone, `hh:mm`, `hh:mm:ss` or
/// `hh:mm:ss.fffffff` (`17:00:00.0000000` stays as sent).
#[derive(Clone)]
pub struct TimeOfDay {
    text: Box<str>,
    value: chrono::NaiveTime,
}

text_type!(
    TimeOfDay,
    chrono::NaiveTime,
    "a time of day (hh:mm:ss.fffffff)",
    parse_time_of_day
);

fn parse_time_of_day(text: &str) -> Option<chrono::NaiveTime> {
    text.parse().ok()
}

/// Written `hh:mm:ss` with as many fraction digits as needed (3, 6 or 9).
impl From<chrono::NaiveTime> for TimeOfDay {
    fn from(value: chrono::NaiveTime) -> Self {
        TimeOfDay {
            text: value.format("%H:%M:%S%.f").to_string().into(),
            value,
        }
    }
}

/// Edm.DateTimeOffset: a point in time, RFC 3339 with any number of fraction digits (Graph sends
/// 7; digits past nanoseconds are ignored by [`value`](Self::value)), the seconds optional as
/// OData allows.
///
/// Services also send date-times **without an offset** (`2020-02-04T07:00:00.0000000`): they
/// are accepted and kept as sent; [`value`](Self::value) reads them as UTC, and
/// [`has_offset`](Self::has_offset) tells them apart.
#[derive(Clone)]
pub struct DateTimeOffset {
    text: Box<str>,
    value: chrono::DateTime<FixedOffset>,
}

text_type!(
    DateTimeOffset,
    chrono::DateTime<FixedOffset>,
    "a date and time (RFC 3339)",
    parse_date_time
);

impl DateTimeOffset {
    /// Whether the text carries an offset (`Z` or `±hh:mm`); one without is read as UTC.
    pub fn has_offset(&self) -> bool {
        has_offset(&self.text)
    }

    /// The point in time in UTC.
    pub fn to_utc(&self) -> chrono::DateTime<Utc> {
        self.value.with_timezone(&Utc)
    }
}

/// Whether a date-time text ends with an offset: `Z`, or a sign after the time (the date's
/// hyphens come before the `T`).
fn has_offset(text: &str) -> bool {
    let time = text
        .split_once(['T', 't', ' '])
        .map_or("", |(_, time)| time);
    time.ends_with(['Z', 'z']) || time.contains(['+', '-'])
}

fn parse_date_time(text: &str) -> Option<chrono::DateTime<FixedOffset>> {
    if has_offset(text) {
        chrono::DateTime::parse_from_rfc3339(text)
            .or_else(|_| chrono::DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%#z"))
            .ok()
    } else {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
            .ok()
            .map(|naive| naive.and_utc().fixed_offset())
    }
}

/// RFC 3339 with `Z` for UTC and as many fraction digits as needed (0, 3, 6 or 9).
impl From<chrono::DateTime<FixedOffset>> for DateTimeOffset {
    fn from(value: chrono::DateTime<FixedOffset>) -> Self {
        DateTimeOffset {
            text: value
                .to_rfc3339_opts(SecondsFormat::AutoSi, true)
                .into_boxed_str(),
            value,
        }
    }
}

impl From<chrono::DateTime<Utc>> for DateTimeOffset {
    fn from(value: chrono::DateTime<Utc>) -> Self {
        DateTimeOffset::from(value.fixed_offset())
    }
}

/// Edm.Duration: an ISO 8601 day-time duration such as `-P1DT2H3M4.5S`, kept as sent (`P0D`,
/// `PT1.50S` and `PT0H30M` stay as they are); [`value`](Self::value) gives its components.
/// Built from components or a `std::time::Duration`, it takes the canonical form (zero
/// components left out, `PT0S` for zero).
#[derive(Clone)]
pub struct Duration {
    text: Box<str>,
    value: DurationParts,
}

text_type!(
    Duration,
    DurationParts,
    "a duration such as P1DT2H3M4.5S",
    parse_duration
);

fn parse_duration(text: &str) -> Option<DurationParts> {
    super::duration::parse(text)
}

impl Duration {
    /// As a `std::time::Duration`; `None` if negative or too long.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        self.value.to_std()
    }
}

impl From<DurationParts> for Duration {
    fn from(value: DurationParts) -> Self {
        Duration {
            text: value.to_string().into_boxed_str(),
            value,
        }
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Duration::from(DurationParts::from(value))
    }
}

/// Edm.Guid: hyphenated on the wire (lower case when built in code); braced, URN, unhyphenated
/// and upper-case forms are accepted and kept as sent.
#[derive(Clone)]
pub struct Guid {
    text: Box<str>,
    value: uuid::Uuid,
}

text_type!(Guid, uuid::Uuid, "a GUID", parse_guid);

fn parse_guid(text: &str) -> Option<uuid::Uuid> {
    uuid::Uuid::parse_str(text).ok()
}

impl Guid {
    /// The nil GUID, `00000000-0000-0000-0000-000000000000`.
    pub fn nil() -> Self {
        Guid::from(uuid::Uuid::nil())
    }
}

impl From<uuid::Uuid> for Guid {
    fn from(value: uuid::Uuid) -> Self {
        Guid {
            text: value.hyphenated().to_string().into_boxed_str(),
            value,
        }
    }
}

/// Edm.Binary: bytes, in base64url (RFC 4648 §5) or standard base64, padded or not.
///
/// Reading accepts both alphabets, each with or without padding: services differ, and neither
/// alphabet is ambiguous once a `+`, `/`, `-` or `_` shows up. The value is written back in the
/// alphabet and padding it was received in (the bytes determine the rest: non-zero trailing
/// bits are refused); a value built in code is padded base64url, OData's form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary {
    bytes: Vec<u8>,
    form: Base64Form,
}

/// The alphabet and padding a [`Binary`] is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Base64Form {
    /// Base64url with padding: OData's form, and that of values built in code.
    #[default]
    UrlSafe,
    /// Base64url without padding.
    UrlSafeUnpadded,
    /// Standard base64 with padding.
    Standard,
    /// Standard base64 without padding.
    StandardUnpadded,
}

const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);

impl Base64Form {
    fn engine(self) -> GeneralPurpose {
        let padded = matches!(self, Base64Form::UrlSafe | Base64Form::Standard);
        let config = GeneralPurposeConfig::new().with_encode_padding(padded);
        match self {
            Base64Form::UrlSafe | Base64Form::UrlSafeUnpadded => {
                GeneralPurpose::new(&alphabet::URL_SAFE, config)
            }
            Base64Form::Standard | Base64Form::StandardUnpadded => {
                GeneralPurpose::new(&alphabet::STANDARD, config)
            }
        }
    }
}

impl Binary {
    /// Decodes base64url or standard base64, padded or not, remembering which.
    pub fn from_base64(text: &str) -> Option<Self> {
        let standard = text.contains(['+', '/']);
        // A text whose length is a multiple of 4 is written the same either way.
        let padded = text.ends_with('=') || text.len().is_multiple_of(4);
        let (engine, form) = match (standard, padded) {
            (true, true) => (&STANDARD_LENIENT, Base64Form::Standard),
            (true, false) => (&STANDARD_LENIENT, Base64Form::StandardUnpadded),
            (false, true) => (&URL_SAFE_LENIENT, Base64Form::UrlSafe),
            (false, false) => (&URL_SAFE_LENIENT, Base64Form::UrlSafeUnpadded),
        };
        let bytes = engine.decode(text).ok()?;
        Some(Binary { bytes, form })
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, mutably (still written in the same form).
    pub fn bytes_mut(&mut self) -> &mut Vec<u8> {
        &mut self.bytes
    }

    /// The bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The alphabet and padding the value is written in.
    pub fn form(&self) -> Base64Form {
        self.form
    }

    /// The same bytes, written in `form`.
    pub fn with_form(mut self, form: Base64Form) -> Self {
        self.form = form;
        self
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary {
            bytes,
            form: Base64Form::UrlSafe,
        }
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Binary::from(bytes.to_vec())
    }
}

/// The wire form: base64 in the value's [`Base64Form`].
impl fmt::Display for Binary {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&self.form.engine().encode(&self.bytes))
    }
}

impl Wire for Binary {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer, "base64 data", Binary::from_base64)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_wire(serializer)
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize_wire(deserializer)
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

    fn write<T: Wire>(value: &T) -> String {
        serde_json::to_string(&AsWire(value)).expect("serializes")
    }

    fn round_trip<T: Wire>(json: &str) -> String {
        write(&read::<T>(json).unwrap_or_else(|error| panic!("{json}: {error}")))
    }

    fn unchanged<T: Wire>(texts: &[&str]) {
        for text in texts {
            let json = format!("{text:?}");
            assert_eq!(round_trip::<T>(&json), json);
        }
    }

    #[test]
    fn dates() {
        unchanged::<Date>(&["2024-02-29", "0001-01-01"]);
        let date = read::<Date>(r#""2024-02-29""#).unwrap();
        assert_eq!(
            date.value(),
            chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        for bad in [
            r#""2023-02-29""#,
            r#""2024-2-1x""#,
            r#""""#,
            "20240229",
            "null",
        ] {
            assert!(read::<Date>(bad).is_err(), "{bad}");
        }
        let built = Date::from(chrono::NaiveDate::from_ymd_opt(2024, 1, 5).unwrap());
        assert_eq!(built.as_str(), "2024-01-05");
    }

    #[test]
    fn times_of_day_keep_their_digits() {
        unchanged::<TimeOfDay>(&[
            "13:45",
            "17:00:00.0000000",
            "11:59:00.8990000",
            "13:45:01.1234567",
        ]);
        let time = read::<TimeOfDay>(r#""11:59:00.8990000""#).unwrap();
        assert_eq!(
            time.value(),
            chrono::NaiveTime::from_hms_milli_opt(11, 59, 0, 899).unwrap()
        );
        assert!(read::<TimeOfDay>(r#""24:00:00""#).is_err());
        assert!(read::<TimeOfDay>(r#""noon""#).is_err());
        let built = TimeOfDay::from(chrono::NaiveTime::from_hms_milli_opt(7, 5, 0, 250).unwrap());
        assert_eq!(built.as_str(), "07:05:00.250");
    }

    #[test]
    fn date_times_keep_precision_offset_and_form() {
        unchanged::<DateTimeOffset>(&[
            "2021-03-09T23:10:28.83Z",
            "2015-02-11T20:54:04.3457274+00:00",
            "2024-01-02T03:04:05+02:00",
            "2024-01-02T03:04-01:30",
            "2024-01-02T03:04Z",
            "2020-02-04T07:00:00.0000000",
            "2020-02-04T07:00",
        ]);
        let offsetless = read::<DateTimeOffset>(r#""2020-02-04T07:00:00.0000000""#).unwrap();
        assert!(!offsetless.has_offset());
        assert_eq!(
            offsetless.to_utc().to_rfc3339(),
            "2020-02-04T07:00:00+00:00"
        );
        let shifted = read::<DateTimeOffset>(r#""2024-01-02T03:04:05-02:00""#).unwrap();
        assert!(shifted.has_offset());
        assert_eq!(shifted.value().offset().local_minus_utc(), -7200);
        let long_fraction = format!(r#""2024-01-02T03:04:05.{}Z""#, "9".repeat(30));
        assert_eq!(round_trip::<DateTimeOffset>(&long_fraction), long_fraction);
        for bad in [
            r#""2024-01-02""#,
            r#""x""#,
            "0",
            r#""2024-01-02T25:00:00Z""#,
        ] {
            assert!(read::<DateTimeOffset>(bad).is_err(), "{bad}");
        }
        let built = DateTimeOffset::from(shifted.to_utc());
        assert_eq!(built.as_str(), "2024-01-02T05:04:05Z");
        assert_ne!(built, shifted, "equality is of the text");
        assert_eq!(built.value(), shifted.value());
    }

    #[test]
    fn durations_keep_their_spelling() {
        unchanged::<Duration>(&["PT90M", "P0D", "+P2D", "PT1.50S", "P1DT0H", "-PT0S", "PT1H"]);
        let duration: Duration = "PT1H30M".parse().unwrap();
        assert_eq!(duration.value().minutes, 30);
        assert_eq!(
            duration.to_std(),
            Some(std::time::Duration::from_secs(5400))
        );
        let built = Duration::from(std::time::Duration::from_secs(5400));
        assert_eq!(built.as_str(), "PT1H30M");
        assert!(read::<Duration>("3600").is_err());
        assert!(read::<Duration>(r#""P1Y""#).is_err());
    }

    #[test]
    fn guids_keep_their_case_and_form() {
        unchanged::<Guid>(&[
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            "0F8FAD5B-D9CB-469F-A165-70867728950E",
            "{0F8FAD5B-D9CB-469F-A165-70867728950E}",
        ]);
        let upper: Guid = "0F8FAD5B-D9CB-469F-A165-70867728950E".parse().unwrap();
        let built = Guid::from(upper.value());
        assert_eq!(built.as_str(), "0f8fad5b-d9cb-469f-a165-70867728950e");
        assert!(read::<Guid>(r#""0f8fad5b""#).is_err());
        assert!("x"
            .parse::<Guid>()
            .unwrap_err()
            .to_string()
            .contains("GUID"));
    }

    #[test]
    fn binary_is_written_in_the_form_received() {
        let bytes = vec![0xfb, 0xff, 0xbf, 0x01];
        assert_eq!(write(&Binary::from(bytes.clone())), r#""-_-_AQ==""#);
        for text in [
            "-_-_AQ==", "-_-_AQ", "+/+/AQ==", "+/+/AQ", "AQI=", "AQI", "AQID",
        ] {
            let binary = Binary::from_base64(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(binary.to_string(), text);
        }
        assert_eq!(Binary::from_base64("+/+/AQ").unwrap().as_bytes(), bytes);
        assert_eq!(Binary::from_base64(""), Some(Binary::default()));
        for bad in ["-_+/", "A", "AQ===", "*", "AQ=A", "AR=="] {
            assert_eq!(Binary::from_base64(bad), None, "{bad}");
        }
        let value: Binary = serde_json::from_str(r#""AQI=""#).unwrap();
        assert_eq!(value.as_bytes(), [1, 2]);
        assert_eq!(serde_json::to_string(&value).unwrap(), r#""AQI=""#);
        let mut standard = Binary::from_base64("+/+/AQ==").unwrap();
        standard.bytes_mut().push(0xff);
        assert_eq!(standard.to_string(), "+/+/Af8=");
        assert_eq!(
            standard.with_form(Base64Form::UrlSafeUnpadded).to_string(),
            "-_-_Af8"
        );
    }
}
