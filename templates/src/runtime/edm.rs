//! The Edm primitive types without a Rust primitive of their own, and their wire rules.
//!
//! | Edm type | Rust type |
//! | --- | --- |
//! | `Edm.Date` | [`Date`] (`chrono::NaiveDate`), `"2024-02-29"` |
//! | `Edm.TimeOfDay` | [`TimeOfDay`] (`chrono::NaiveTime`), `"13:45:00.1234567"` |
//! | `Edm.DateTimeOffset` | [`DateTimeOffset`] (`chrono::DateTime<FixedOffset>`), RFC 3339 |
//! | `Edm.Duration` | [`Duration`](crate::runtime::Duration), `"-P1DT2H3M4.5S"` |
//! | `Edm.Guid` | [`Guid`] (`uuid::Uuid`) |
//! | `Edm.Binary` | [`Binary`], base64url |
//! | `Edm.Decimal` | [`Decimal`](crate::runtime::Decimal), lossless |
//! | `Edm.Stream`, `Edm.Untyped`, `Edm.Geography*`, `Edm.Geometry*` | [`Untyped`] (`serde_json::Value`): kept as sent (GeoJSON for the spatial types) |

use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use chrono::{FixedOffset, SecondsFormat};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::text::deserialize_text;
use super::wire::Wire;

/// Edm.Date: a date without time zone.
pub type Date = chrono::NaiveDate;
/// Edm.TimeOfDay: a time without date and time zone.
pub type TimeOfDay = chrono::NaiveTime;
/// Edm.DateTimeOffset: a point in time with the offset it was written in.
pub type DateTimeOffset = chrono::DateTime<FixedOffset>;
/// Edm.Guid.
pub type Guid = uuid::Uuid;
/// Edm.Stream, Edm.Untyped and the spatial types: JSON kept as sent.
pub type Untyped = serde_json::Value;

/// `YYYY-MM-DD`.
impl Wire for Date {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer, "a date (YYYY-MM-DD)", |text| {
            Date::parse_from_str(text, "%Y-%m-%d").ok()
        })
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.format("%Y-%m-%d"))
    }
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff`; written as `hh:mm:ss` with as many fraction
/// digits as needed (3, 6 or 9).
impl Wire for TimeOfDay {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer, "a time of day (hh:mm:ss.fffffff)", |text| {
            text.parse().ok()
        })
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.format("%H:%M:%S%.f"))
    }
}

/// RFC 3339 with any number of fraction digits (Graph sends 7; digits past nanoseconds are
/// dropped); OData also allows leaving out the seconds. Written as RFC 3339 with `Z` for UTC.
impl Wire for DateTimeOffset {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(
            deserializer,
            "a date and time with offset (RFC 3339)",
            parse_date_time,
        )
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

fn parse_date_time(text: &str) -> Option<DateTimeOffset> {
    DateTimeOffset::parse_from_rfc3339(text)
        .or_else(|_| DateTimeOffset::parse_from_str(text, "%Y-%m-%dT%H:%M%#z"))
        .ok()
}

/// Hyphenated on the wire; braced, URN and unhyphenated forms are accepted too.
impl Wire for Guid {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer, "a GUID", |text| Guid::parse_str(text).ok())
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.hyphenated())
    }
}

/// Edm.Binary: bytes, written as base64url (RFC 4648 §5) with padding.
///
/// Reading accepts base64url and standard base64, each with or without padding: services
/// differ, and neither alphabet is ambiguous once a `+`, `/`, `-` or `_` shows up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(pub Vec<u8>);

const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);

impl Binary {
    /// Decodes base64url or standard base64, padded or not.
    pub fn from_base64(text: &str) -> Option<Self> {
        let engine = if text.contains(['+', '/']) {
            &STANDARD_LENIENT
        } else {
            &URL_SAFE_LENIENT
        };
        engine.decode(text).ok().map(Binary)
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

/// The wire form: padded base64url.
impl fmt::Display for Binary {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&URL_SAFE.encode(&self.0))
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

    #[test]
    fn dates() {
        assert_eq!(round_trip::<Date>(r#""2024-02-29""#), r#""2024-02-29""#);
        for bad in [
            r#""2023-02-29""#,
            r#""2024-2-1x""#,
            r#""""#,
            "20240229",
            "null",
        ] {
            assert!(read::<Date>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_of_day() {
        assert_eq!(round_trip::<TimeOfDay>(r#""13:45""#), r#""13:45:00""#);
        assert_eq!(
            round_trip::<TimeOfDay>(r#""13:45:01.1234567""#),
            r#""13:45:01.123456700""#
        );
        assert!(read::<TimeOfDay>(r#""24:00:00""#).is_err());
        assert!(read::<TimeOfDay>(r#""noon""#).is_err());
    }

    #[test]
    fn date_times_with_offsets() {
        assert_eq!(
            round_trip::<DateTimeOffset>(r#""2024-01-02T03:04:05.1234567Z""#),
            r#""2024-01-02T03:04:05.123456700Z""#
        );
        assert_eq!(
            round_trip::<DateTimeOffset>(r#""2024-01-02T03:04:05+02:00""#),
            r#""2024-01-02T03:04:05+02:00""#
        );
        assert_eq!(
            round_trip::<DateTimeOffset>(r#""2024-01-02T03:04-01:30""#),
            r#""2024-01-02T03:04:00-01:30""#
        );
        assert_eq!(
            round_trip::<DateTimeOffset>(r#""2024-01-02T03:04Z""#),
            r#""2024-01-02T03:04:00Z""#
        );
        let long_fraction = format!(r#""2024-01-02T03:04:05.{}Z""#, "9".repeat(30));
        assert!(read::<DateTimeOffset>(&long_fraction).is_ok());
        for bad in [r#""2024-01-02T03:04:05""#, r#""2024-01-02""#, r#""x""#, "0"] {
            assert!(read::<DateTimeOffset>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn guids() {
        let hyphenated = r#""0f8fad5b-d9cb-469f-a165-70867728950e""#;
        assert_eq!(round_trip::<Guid>(hyphenated), hyphenated);
        assert_eq!(
            round_trip::<Guid>(r#""{0F8FAD5B-D9CB-469F-A165-70867728950E}""#),
            hyphenated
        );
        assert!(read::<Guid>(r#""0f8fad5b""#).is_err());
    }

    #[test]
    fn binary_accepts_both_alphabets_with_and_without_padding() {
        let bytes = Binary(vec![0xfb, 0xff, 0xbf, 0x01]);
        assert_eq!(write(&bytes), r#""-_-_AQ==""#);
        for text in ["-_-_AQ==", "-_-_AQ", "+/+/AQ==", "+/+/AQ"] {
            assert_eq!(Binary::from_base64(text).as_ref(), Some(&bytes), "{text}");
        }
        assert_eq!(Binary::from_base64(""), Some(Binary::default()));
        for bad in ["-_+/", "A", "AQ===", "*", "AQ=A"] {
            assert_eq!(Binary::from_base64(bad), None, "{bad}");
        }
        let value: Binary = serde_json::from_str(r#""AQI=""#).unwrap();
        assert_eq!(value.as_bytes(), [1, 2]);
        assert_eq!(serde_json::to_string(&value).unwrap(), r#""AQI=""#);
    }
}
