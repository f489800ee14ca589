//! Payloads round-trip through generated models without a value rewritten
//! (`tests/golden/payloads.csdl.xml`): every primitive form services send, explicit `null`s
//! where the metadata says non-nullable, untyped values of a complex type without properties,
//! and keys of every primitive type. The bodies are written here, shaped like Microsoft Graph's.

use odata_codegen_tests::golden::payloads::{models, paths, runtime};
use serde_json::{json, Value};

use models::{ByDayAndOwnerKey, BySmallIntegersKey, Shift};
use paths::PayloadService;
use runtime::{KeyStyle, Nullable, UrlConventions};

/// Reads `body` as a `Shift` and writes it back.
fn round_trip(body: &str) -> String {
    let shift: Shift = serde_json::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"));
    serde_json::to_string(&shift).expect("writes")
}

/// The body comes back byte for byte (bodies here are compact and in declaration order).
fn exact(body: &str) {
    assert_eq!(round_trip(body), body);
}

/// The body comes back as the same JSON value (order aside).
fn same_value(body: &str) {
    let written: Value = serde_json::from_str(&round_trip(body)).unwrap();
    let sent: Value = serde_json::from_str(body).unwrap();
    assert_eq!(written, sent, "{body}");
}

#[test]
fn a_graph_shaped_body_comes_back_byte_for_byte() {
    exact(concat!(
        r##"{"@odata.type":"#Demo.Payloads.shift","@odata.etag":"W/\"JzEtMjQ=\"","##,
        r##""id":"SHFT_2e4b","createdDateTime":"2021-03-09T23:10:28.83Z","##,
        r##""lastModifiedDateTime":"2015-02-11T20:54:04.3457274+00:00","##,
        r##""startDate":"2020-02-04","##,
        r##""hours":{"startTime":"17:00:00.0000000","endTime":"11:59:00.8990000"},"##,
        r##""breakDuration":"PT30M","ownerId":"5A6B1B36-8D4E-4C1A-9E0B-7E2F3C4D5E6F","##,
        r##""teamId":"{0f8fad5b-d9cb-469f-a165-70867728950e}","thumbnail":"+/+/AQ==","##,
        r##""hash":"-_-_AQ","sizeInKB":12,"ratio":12.0,"weight":"INF","price":"12.50","##,
        r##""storageUsed":"9007199254740993","notes":[],"##,
        r##""reminders":["2020-02-04T07:00:00.0000000","2020-02-04T07:00Z"],"##,
        r##""readings":[1,1.5,"NaN","-INF","2.50"],"##,
        r##""windows":[{"startTime":"08:00","endTime":"12:00:00"}],"##,
        r##""settings":[{"name":"a"},"b",3],"unknownProperty@odata.type":"#Int64","##,
        r##""unknownProperty":12345678901234567890123}"##
    ));
}

#[test]
fn every_form_of_every_primitive_is_kept() {
    let forms: &[(&str, &[&str])] = &[
        (
            "createdDateTime",
            &[
                r##""2021-03-09T23:10:28.83Z""##,
                r##""2021-03-09T23:10:28.830Z""##,
                r##""2015-02-11T20:54:04.3457274+00:00""##,
                r##""2015-02-11T20:54:04-08:00""##,
                r##""2020-02-04T07:00:00.0000000""##,
                r##""2020-02-04T07:00:00""##,
                r##""2020-02-04T07:00""##,
                r##""2020-02-04T07:00Z""##,
                r##""2024-01-02T03:04:05.123456789012Z""##,
            ],
        ),
        ("startDate", &[r##""2020-02-04""##, r##""0001-01-01""##]),
        (
            "breakDuration",
            &[
                r##""PT30M""##,
                r##""P1DT2H3M4.5S""##,
                r##""-PT0.000000001S""##,
                r##""P0D""##,
                r##""PT0H30M0.50S""##,
            ],
        ),
        (
            "ownerId",
            &[
                r##""5a6b1b36-8d4e-4c1a-9e0b-7e2f3c4d5e6f""##,
                r##""5A6B1B36-8D4E-4C1A-9E0B-7E2F3C4D5E6F""##,
                r##""5A6B1B368D4E4C1A9E0B7E2F3C4D5E6F""##,
            ],
        ),
        (
            "thumbnail",
            &[
                r##""AQID""##,
                r##""AQI=""##,
                r##""AQI""##,
                r##""+/8=""##,
                r##""-_8""##,
                r##""""##,
            ],
        ),
        (
            "sizeInKB",
            &[
                "12",
                "12.0",
                "-0.0",
                "0",
                "1.5",
                r##""INF""##,
                r##""-INF""##,
                r##""NaN""##,
                r##""12.5""##,
                r##""12""##,
            ],
        ),
        ("weight", &["3", "3.0", "0.25", r##""NaN""##, r##""0.25""##]),
        (
            "price",
            &[
                "12",
                "12.5",
                r##""12.50""##,
                r##""123456789012345678901234567890.123""##,
            ],
        ),
        (
            "storageUsed",
            &["9007199254740993", r##""9007199254740993""##],
        ),
    ];
    for (property, values) in forms {
        for value in *values {
            exact(&format!(r##"{{"id":"x","{property}":{value}}}"##));
        }
    }
    exact(r##"{"id":"x","hours":{"startTime":"17:00:00.0000000","endTime":"23:59:59.9999999"}}"##);
}

#[test]
fn malformed_values_are_errors_that_say_where() {
    for (property, value, message) in [
        (
            "createdDateTime",
            r##""2021-13-09T23:10:28Z""##,
            "date and time",
        ),
        ("createdDateTime", r##""yesterday""##, "date and time"),
        ("startDate", r##""2023-02-29""##, "date"),
        ("ownerId", r##""5a6b1b36""##, "GUID"),
        ("thumbnail", r##""-_+/""##, "base64"),
        ("thumbnail", r##""AR==""##, "base64"),
        ("sizeInKB", r##""twelve""##, "number"),
        ("sizeInKB", "[]", "number"),
        ("price", r##""1,5""##, "decimal"),
    ] {
        let body = format!(r##"{{"id":"x",{:?}:{value}}}"##, property);
        let error = serde_json::from_str::<Shift>(&body).expect_err(&body);
        let text = error.to_string();
        assert!(text.contains(message), "{body}: {text}");
        assert!(text.contains("line 1 column"), "{body}: {text}");
    }
}

#[test]
fn explicit_nulls_for_non_nullable_properties_are_written_back() {
    let body = r##"{"id":"x","createdDateTime":null,"ownerId":null,"hash":null,"sizeInKB":null,"notes":null,"windows":null,"reminders":null}"##;
    same_value(body);
    let shift: Shift = serde_json::from_str(body).unwrap();
    // The fields read them as absent; the nulls are kept under their wire names.
    assert_eq!(shift.created_date_time, None);
    assert_eq!(shift.notes, None);
    assert_eq!(shift.additional_properties.get("notes"), Some(&Value::Null));
    // A property the program sets is written with its value, once.
    let mut changed = shift.clone();
    changed.notes = Some(vec!["bring keys".to_owned()]);
    changed.created_date_time = Some("2024-05-01T08:00:00Z".parse().unwrap());
    let written = serde_json::to_value(&changed).unwrap();
    assert_eq!(written["notes"], json!(["bring keys"]));
    assert_eq!(written["createdDateTime"], json!("2024-05-01T08:00:00Z"));
    assert_eq!(written["ownerId"], Value::Null);
    let text = serde_json::to_string(&changed).unwrap();
    assert_eq!(text.matches("\"notes\"").count(), 1, "{text}");
    // Absent stays absent; a null in a nullable property is its field's `Null`.
    let absent: Shift = serde_json::from_str(r##"{"id":"x","teamId":null}"##).unwrap();
    assert!(absent.additional_properties.is_empty());
    assert_eq!(absent.team_id, Nullable::Null);
    exact(r##"{"id":"x","teamId":null}"##);
    // The last of repeated keys wins, as everywhere.
    let repeated: Shift =
        serde_json::from_str(r##"{"id":"x","notes":null,"notes":["a"]}"##).unwrap();
    assert_eq!(
        serde_json::to_value(&repeated).unwrap(),
        json!({"id": "x", "notes": ["a"]})
    );
}

#[test]
fn a_complex_type_without_properties_holds_any_json() {
    for value in [
        r##"[{"name":"a","value":1}]"##,
        r##""a string""##,
        "42",
        r##"{"anything":{"at":["all"]}}"##,
        "true",
        "null",
    ] {
        exact(&format!(r##"{{"id":"x","settings":{value}}}"##));
    }
}

#[test]
fn values_built_in_code_take_the_canonical_form() {
    let at = chrono::DateTime::parse_from_rfc3339("2024-05-01T10:00:00.5+02:00").unwrap();
    let shift = {
        let mut value = Shift::default();
        value.id = Some("x".to_owned());
        value.created_date_time = Some(at.into());
        value.start_date =
            Nullable::Value(chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap().into());
        value.owner_id = Some(
            uuid::Uuid::parse_str("5A6B1B36-8D4E-4C1A-9E0B-7E2F3C4D5E6F")
                .unwrap()
                .into(),
        );
        value.hash = Some(vec![0xfb, 0xff].into());
        value.size_in_kb = Some(12.0.into());
        value.weight = Nullable::Value(0.5f32.into());
        value
    };
    assert_eq!(
        serde_json::to_string(&shift).unwrap(),
        concat!(
            r##"{"id":"x","createdDateTime":"2024-05-01T10:00:00.500+02:00","##,
            r##""startDate":"2024-05-01","ownerId":"5a6b1b36-8d4e-4c1a-9e0b-7e2f3c4d5e6f","##,
            r##""hash":"-_8=","sizeInKB":12.0,"weight":0.5}"##
        )
    );
    let read: Shift =
        serde_json::from_str(r##"{"createdDateTime":"2020-02-04T07:00:00.0000000"}"##).unwrap();
    let offsetless = read.created_date_time.unwrap();
    assert!(!offsetless.has_offset());
    assert_eq!(
        offsetless.to_utc().to_rfc3339(),
        "2020-02-04T07:00:00+00:00"
    );
}

#[test]
fn keys_of_every_primitive_type() {
    for (style, expected) in [
        (
            KeyStyle::Parentheses,
            [
                "/byDate(2024-02-29)",
                "/byTimeOfDay(17:00:00.0000000)",
                "/byDateTimeOffset(2021-03-09T23:10:28.83+01:00)",
                "/byDuration(duration'PT30M')",
                "/byDecimal(12.50)",
                "/byGuid(5A6B1B36-8D4E-4C1A-9E0B-7E2F3C4D5E6F)",
                "/byInt64(9007199254740993)",
                "/byBoolean(true)",
                "/bySmallIntegers(byte=255,sbyte=-1,short=-300)",
                "/byDayAndOwner(day=2024-02-29,owner=5a6b1b36-8d4e-4c1a-9e0b-7e2f3c4d5e6f)",
            ],
        ),
        (
            KeyStyle::Segment,
            [
                "/byDate/2024-02-29",
                "/byTimeOfDay/17:00:00.0000000",
                "/byDateTimeOffset/2021-03-09T23:10:28.83+01:00",
                "/byDuration/duration'PT30M'",
                "/byDecimal/12.50",
                "/byGuid/5A6B1B36-8D4E-4C1A-9E0B-7E2F3C4D5E6F",
                "/byInt64/9007199254740993",
                "/byBoolean/true",
                "/bySmallIntegers(byte=255,sbyte=-1,short=-300)",
                "/byDayAndOwner(day=2024-02-29,owner=5a6b1b36-8d4e-4c1a-9e0b-7e2f3c4d5e6f)",
            ],
        ),
    ] {
        let service = PayloadService::with_conventions(UrlConventions {
            key_style: style,
            qualified_operations: true,
        });
        let owner = uuid::Uuid::parse_str("5a6b1b36-8d4e-4c1a-9e0b-7e2f3c4d5e6f").unwrap();
        let actual = [
            service
                .by_date()
                .by_id("2024-02-29".parse::<runtime::Date>().unwrap())
                .path()
                .as_str()
                .to_owned(),
            service
                .by_time_of_day()
                .by_id("17:00:00.0000000".parse::<runtime::TimeOfDay>().unwrap())
                .path()
                .as_str()
                .to_owned(),
            service
                .by_date_time_offset()
                .by_id(
                    "2021-03-09T23:10:28.83+01:00"
                        .parse::<runtime::DateTimeOffset>()
                        .unwrap(),
                )
                .path()
                .as_str()
                .to_owned(),
            service
                .by_duration()
                .by_id("PT30M".parse::<runtime::Duration>().unwrap())
                .path()
                .as_str()
                .to_owned(),
            service
                .by_decimal()
                .by_id("12.50".parse::<runtime::Decimal>().unwrap())
                .path()
                .as_str()
                .to_owned(),
            service
                .by_guid()
                .by_id(
                    "5A6B1B36-8D4E-4C1A-9E0B-7E2F3C4D5E6F"
                        .parse::<runtime::Guid>()
                        .unwrap(),
                )
                .path()
                .as_str()
                .to_owned(),
            service
                .by_int64()
                .by_id(9_007_199_254_740_993i64)
                .path()
                .as_str()
                .to_owned(),
            service.by_boolean().by_id(true).path().as_str().to_owned(),
            service
                .by_small_integers()
                .by_id(BySmallIntegersKey {
                    byte: 255,
                    sbyte: -1,
                    short: -300,
                })
                .path()
                .as_str()
                .to_owned(),
            service
                .by_day_and_owner()
                .by_id(ByDayAndOwnerKey {
                    day: chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap().into(),
                    owner: owner.into(),
                })
                .path()
                .as_str()
                .to_owned(),
        ];
        assert_eq!(actual, expected);
    }
}
