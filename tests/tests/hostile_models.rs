//! Hostile JSON through the *generated* models of `graph-assignments` (the runtime's own
//! hostile tests use hand-written stand-ins, in `templates/tests/hostile.rs`): every payload gives
//! an error or a value, never a panic; a value that was read writes back to JSON that reads
//! back to the same JSON (nothing lost, nothing invented); and memory stays proportional to the
//! payload.

use graph_assignments::models::{
    AnyDeviceConfiguration, DeviceAppManagement, DeviceConfigurationAssignment,
    DeviceLogCollectionResponse, DeviceManagement, IosManagedAppProtection, ManagedDevice,
};
use graph_assignments::runtime::{Collection, Structured};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads `json` as `T`; if that works, writing and reading again must be a fixed point.
fn check<T: Serialize + DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
    let value: T = serde_json::from_str(json)?;
    let written = serde_json::to_string(&value).expect("a value that was read can be written");
    let reread: T = serde_json::from_str(&written)
        .unwrap_or_else(|error| panic!("{written} does not read back: {error}"));
    let rewritten = serde_json::to_string(&reread).expect("writes");
    assert_eq!(rewritten, written, "not a fixed point for input {json}");
    Ok(value)
}

/// Feeds `json` through generated types of every kind: plain entities, an abstract
/// polymorphic base, a polymorphic property, nested navigation collections, flags, durations,
/// GUIDs, Int64 and Double; whether each read works or not.
fn check_all(json: &str) -> Vec<bool> {
    vec![
        check::<ManagedDevice>(json).is_ok(),
        check::<AnyDeviceConfiguration>(json).is_ok(),
        check::<DeviceConfigurationAssignment>(json).is_ok(),
        check::<DeviceManagement>(json).is_ok(),
        check::<IosManagedAppProtection>(json).is_ok(),
        check::<DeviceLogCollectionResponse>(json).is_ok(),
        check::<Collection<AnyDeviceConfiguration>>(json).is_ok(),
    ]
}

fn nested(depth: usize, open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// The payload as the models write it back: no spaces (it has none inside strings).
fn compact(payload: &str) -> String {
    payload.replace(": ", ":").replace(", ", ",")
}

/// Reads `json` as `T`: an error, or a value that writes back byte for byte (compacted).
fn refused_or_exact<T: Serialize + DeserializeOwned>(json: &str) -> bool {
    match serde_json::from_str::<T>(json) {
        Ok(value) => {
            assert_eq!(
                serde_json::to_string(&value).unwrap(),
                compact(json),
                "{} kept it, but not exactly",
                std::any::type_name::<T>()
            );
            true
        }
        Err(_) => false,
    }
}

/// Deep nesting never overflows the stack: a value read as a tree (declared properties,
/// polymorphic values buffered to find `@odata.type`) is refused at serde_json's recursion
/// limit; where the model declares nothing, the value is kept as its JSON text (serde_json skips
/// it without recursing) and written back exactly.
#[test]
fn deep_nesting_is_refused_or_kept_exactly() {
    let arrays = nested(100_000, "[", "1", "]");
    let objects = nested(100_000, r#"{"a":"#, "1", "}");
    let assignments = nested(
        100_000,
        r##"{"@odata.type":"#microsoft.graph.iosGeneralDeviceConfiguration","assignments":[{"target":"##,
        "null",
        "}]}",
    );
    let kept_somewhere = |payload: &str| {
        [
            refused_or_exact::<ManagedDevice>(payload),
            refused_or_exact::<AnyDeviceConfiguration>(payload),
            refused_or_exact::<DeviceConfigurationAssignment>(payload),
            refused_or_exact::<DeviceManagement>(payload),
            refused_or_exact::<IosManagedAppProtection>(payload),
            refused_or_exact::<DeviceLogCollectionResponse>(payload),
            refused_or_exact::<Collection<AnyDeviceConfiguration>>(payload),
        ]
    };
    // Unknown to every type: kept by the structured types; refused by the polymorphic one (its
    // object is buffered as a tree to look for `@odata.type`) and by the collection (no `value`).
    let unknown = format!(r#"{{"notInTheModel": {arrays}}}"#);
    assert_eq!(
        kept_somewhere(&unknown),
        [true, false, true, true, true, true, false]
    );
    // Elsewhere each type refuses or keeps exactly (checked inside); a polymorphic property
    // without `@odata.type` first is buffered as a tree, so this one is refused.
    for payload in [
        format!(r#"{{"deviceConfigurations": [{assignments}]}}"#),
        format!(r#"{{"value": [{assignments}]}}"#),
    ] {
        kept_somewhere(&payload);
    }
    assert!(!kept_somewhere(&format!(r#"{{"target": {objects}}}"#))[2]);
    // Not even an object.
    assert_eq!(kept_somewhere(&arrays), [false; 7]);
}

/// `T` refuses `payload` (a value of the wrong type or range for a property it declares).
fn refused<T: Serialize + DeserializeOwned>(payload: &str) {
    assert!(
        check::<T>(payload).is_err(),
        "{} read {payload}",
        std::any::type_name::<T>()
    );
}

#[test]
fn huge_and_out_of_range_numbers_are_errors() {
    for payload in [
        r#"{"version": 2147483648}"#,
        r#"{"version": -2147483649}"#,
        r#"{"version": 1.5}"#,
        r#"{"version": 1e400}"#,
    ] {
        refused::<AnyDeviceConfiguration>(payload);
    }
    for payload in [
        r#"{"freeStorageSpaceInBytes": 9223372036854775808}"#,
        r#"{"freeStorageSpaceInBytes": -9223372036854775809}"#,
        r#"{"freeStorageSpaceInBytes": 99999999999999999999999999999999}"#,
        r#"{"freeStorageSpaceInBytes": 1.0}"#,
    ] {
        refused::<ManagedDevice>(payload);
    }
    for payload in [r#"{"sizeInKB": 1e400}"#, r#"{"sizeInKB": -1e400}"#] {
        refused::<DeviceLogCollectionResponse>(payload);
    }
    let device: ManagedDevice =
        check(r#"{"freeStorageSpaceInBytes": 9223372036854775807}"#).unwrap();
    assert_eq!(
        device.free_storage_space_in_bytes.map(|v| v.value()),
        Some(i64::MAX)
    );
    let response: DeviceLogCollectionResponse =
        check(r#"{"sizeInKB": 1.7976931348623157e308}"#).unwrap();
    assert_eq!(response.size_in_kb.map(|v| v.value()), Some(f64::MAX));
    // Where the model declares nothing, numbers are kept exactly, as text.
    let device: ManagedDevice =
        check(r#"{"huge": 1e400, "big": 123456789012345678901234567890}"#).unwrap();
    assert_eq!(device.additional_properties.raw("huge"), Some("1e400"));
    assert_eq!(
        device.additional_properties.raw("big"),
        Some("123456789012345678901234567890")
    );
}

#[test]
fn numbers_as_strings_read_losslessly_or_not_at_all() {
    // OData's IEEE754Compatible format sends Int64 as a string; Int32 never.
    let device: ManagedDevice = check(r#"{"freeStorageSpaceInBytes": "123"}"#).unwrap();
    assert_eq!(
        device
            .free_storage_space_in_bytes
            .as_ref()
            .map(|v| v.to_string()),
        Some("123".to_owned())
    );
    refused::<ManagedDevice>(r#"{"freeStorageSpaceInBytes": "12x"}"#);
    refused::<ManagedDevice>(r#"{"freeStorageSpaceInBytes": "1e3"}"#);
    refused::<ManagedDevice>(r#"{"freeStorageSpaceInBytes": "9223372036854775808"}"#);
    refused::<AnyDeviceConfiguration>(r#"{"version": "1"}"#);
    // The non-finite doubles come as strings.
    for special in ["INF", "-INF", "NaN"] {
        let payload = format!(r#"{{"sizeInKB": "{special}"}}"#);
        let read: DeviceLogCollectionResponse = check(&payload).unwrap();
        assert!(
            read.size_in_kb.is_some_and(|v| !v.value().is_finite()),
            "{special}"
        );
    }
    // Doubles as strings (IEEE754Compatible) are kept as sent; other strings are refused.
    let read: DeviceLogCollectionResponse = check(r#"{"sizeInKB": "1.50"}"#).unwrap();
    assert_eq!(
        read.size_in_kb.as_ref().and_then(|v| v.as_text()),
        Some("1.50")
    );
    refused::<DeviceLogCollectionResponse>(r#"{"sizeInKB": "1.5x"}"#);
}

#[test]
fn wrong_types_are_errors() {
    for payload in [
        r#"{"id": 5}"#,
        r#"{"id": ["a"]}"#,
        r#"{"complianceState": 3}"#,
        r#"{"complianceState": {}}"#,
        r#"{"enrolledDateTime": "yesterday"}"#,
        r#"{"enrolledDateTime": 0}"#,
    ] {
        refused::<ManagedDevice>(payload);
    }
    for payload in [
        r#"{"version": true}"#,
        r#"{"version": "one"}"#,
        r#"{"assignments": {}}"#,
        r#"{"assignments": [1]}"#,
        r#"{"assignments": [{"target": "group"}]}"#,
        r#"{"@odata.type": 7}"#,
        r#"{"@odata.type": null}"#,
    ] {
        refused::<AnyDeviceConfiguration>(payload);
    }
    for payload in [
        r#"{"target": "group"}"#,
        r#"{"target": []}"#,
        r#"{"target": 1}"#,
    ] {
        refused::<DeviceConfigurationAssignment>(payload);
    }
    for payload in [
        r#"{"managedBrowser": 1}"#,
        r#"{"managedBrowser": ["microsoftEdge"]}"#,
        r#"{"periodOfflineBeforeAccessCheck": "12 hours"}"#,
        r#"{"periodOfflineBeforeAccessCheck": 43200}"#,
    ] {
        refused::<IosManagedAppProtection>(payload);
    }
    refused::<DeviceLogCollectionResponse>(r#"{"managedDeviceId": "not-a-guid"}"#);
    refused::<DeviceManagement>(r#"{"deviceConfigurations": {"value": []}}"#);
    // Not an object at all, or not JSON.
    for payload in [
        "[]",
        "\"object\"",
        "null",
        "1",
        "",
        "{",
        r#"{"id": "a",}"#,
        "{}x",
    ] {
        let read = check_all(payload);
        assert_eq!(&read[..6], &[false; 6], "{payload}");
    }
}

#[test]
fn duplicate_keys_let_the_last_one_win() {
    let device: ManagedDevice =
        check(r#"{"id": "a", "deviceName": "x", "id": "b", "extra": 1, "extra": 2}"#).unwrap();
    assert_eq!(device.id.as_deref(), Some("b"));
    // Keys the model does not declare are kept as received, repeats included.
    assert_eq!(
        serde_json::to_string(&device).unwrap(),
        r#"{"id":"b","deviceName":"x","extra":1,"extra":2}"#
    );
    let assignment: DeviceConfigurationAssignment = check(
        r##"{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"},
            "target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}"##,
    )
    .unwrap();
    let written = serde_json::to_string(&assignment).unwrap();
    assert!(written.contains("allDevicesAssignmentTarget"), "{written}");
    assert!(!written.contains("groupId"), "{written}");
}

#[test]
fn unknown_odata_types_fall_back_and_keep_everything() {
    for odata_type in [
        "#microsoft.graph.notInTheModel",
        "microsoft.graph.",
        "#",
        "",
        "#microsoft.graph.managedDevice",
        "#Edm.String",
        "#microsoft.graph.iosGeneralDeviceConfiguration#extra",
        "\u{202e}\u{0}",
    ] {
        let payload = serde_json::json!({
            "@odata.type": odata_type,
            "id": "c1",
            "version": 3,
            "surprise": [1, {"a": null}],
        })
        .to_string();
        let read: AnyDeviceConfiguration = check(&payload).unwrap();
        // The same JSON (objects compare without regard to key order).
        let written: serde_json::Value = serde_json::to_value(&read).unwrap();
        let sent: serde_json::Value = serde_json::from_str(&payload).unwrap();
        assert_eq!(written, sent, "{odata_type:?}");
    }
}

#[test]
fn invalid_unicode_escapes_are_errors() {
    for escape in [
        r"\ud800",
        r"\udc00",
        r"\ud800\u0041",
        r"\udc00\ud800",
        r"\u00",
        r"\uZZZZ",
        r"\x41",
    ] {
        let value = format!(r#"{{"id": "a{escape}b"}}"#);
        let key = format!(r#"{{"a{escape}b": 1}}"#);
        let odata_type = format!(r##"{{"@odata.type": "#a{escape}"}}"##);
        for payload in [value, key, odata_type] {
            assert_eq!(check_all(&payload), vec![false; 7], "{payload}");
        }
    }
    assert!(serde_json::from_slice::<ManagedDevice>(b"{\"id\": \"\xff\"}").is_err());
}

#[test]
fn megabyte_strings_are_kept_whole_without_amplification() {
    let long = "x".repeat(1 << 20);
    let payload = serde_json::json!({
        "id": long,
        "deviceName": long,
        long.clone(): long,
        "assignments": [{"target": {"@odata.type": long, "groupId": long}}],
    })
    .to_string();
    let read: AnyDeviceConfiguration = check(&payload).unwrap();
    let written = serde_json::to_string(&read).unwrap();
    assert_eq!(written.len(), payload.len());
    let device: ManagedDevice = check(&payload).unwrap();
    assert_eq!(device.id.as_deref().map(str::len), Some(1 << 20));
    // A wrong value is an error, whatever its size.
    let bad = format!(r#"{{"version": "{long}"}}"#);
    assert!(check::<AnyDeviceConfiguration>(&bad).is_err());
    let bad = format!(r#"{{"freeStorageSpaceInBytes": "{long}"}}"#);
    let message = check::<ManagedDevice>(&bad).unwrap_err().to_string();
    assert!(
        message.len() < 200,
        "errors quote only the start: {}",
        &message[..200]
    );
    // Where an Int32, a Boolean, an object or an array was expected, too.
    let errors = [
        check::<AnyDeviceConfiguration>(&format!(r#"{{"version": "{long}"}}"#)).map(drop),
        check::<DeviceAppManagement>(&format!(
            r#"{{"isEnabledForMicrosoftStoreForBusiness": "{long}"}}"#
        ))
        .map(drop),
        check::<DeviceConfigurationAssignment>(&format!(r#"{{"target": "{long}"}}"#)).map(drop),
        check::<AnyDeviceConfiguration>(&format!(
            r##"{{"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration", "assignments": "{long}"}}"##
        ))
        .map(drop),
    ];
    for (case, error) in errors.into_iter().enumerate() {
        let message = error.unwrap_err().to_string();
        assert!(
            message.len() < 200,
            "case {case} quotes only the start: {}",
            &message[..200]
        );
    }
}

/// A repeated `@odata.type`: the first chooses the type, the others are kept as sent.
#[test]
fn a_repeated_odata_type_changes_nothing() {
    let payload = r##"{"target":{"@odata.type":"#unknown.type","groupId":"g","@odata.type":"#microsoft.graph.groupAssignmentTarget"}}"##;
    let value: DeviceConfigurationAssignment = check(payload).unwrap();
    let written = serde_json::to_string(&value).unwrap();
    assert!(
        written.contains(r##""@odata.type":"#unknown.type","@odata.type":"#microsoft.graph.groupAssignmentTarget""##),
        "{written}"
    );
}

/// A JSON value for the property test, written out by hand so that keys can repeat and
/// numbers can be any text JSON allows.
#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Keys the models declare (so that values reach the typed readers), type annotations, and
/// arbitrary text.
fn key() -> impl Strategy<Value = String> {
    let declared: Vec<String> = [
        ManagedDevice::PROPERTIES,
        DeviceConfigurationAssignment::PROPERTIES,
        DeviceManagement::PROPERTIES,
        IosManagedAppProtection::PROPERTIES,
        DeviceLogCollectionResponse::PROPERTIES,
        &["@odata.type", "@odata.id", "value", "target", "assignments"],
    ]
    .concat()
    .into_iter()
    .map(str::to_owned)
    .collect();
    prop_oneof![4 => prop::sample::select(declared), 1 => any::<String>()]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "#microsoft.graph.groupAssignmentTarget".to_owned(),
            "#microsoft.graph.iosGeneralDeviceConfiguration".to_owned(),
            "#microsoft.graph.unknownThing".to_owned(),
            "microsoftEdge,notAFlag".to_owned(),
            "PT12H".to_owned(),
            "P-1DT".to_owned(),
            "00000000-0000-0000-0000-000000000000".to_owned(),
            "2024-02-30T25:61:00Z".to_owned(),
            "INF".to_owned(),
            "9223372036854775808".to_owned(),
        ]),
        any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        prop::sample::select(vec![
            "1e400".to_owned(),
            "-0".to_owned(),
            "18446744073709551616".to_owned(),
            "0.1e-400".to_owned(),
            "2147483648".to_owned(),
        ]),
    ]
}

fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Number),
        text().prop_map(Json::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec((key(), inner), 0..8).prop_map(Json::Object),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_payloads_never_panic_and_round_trip(payload in json()) {
        let mut text = String::new();
        payload.write(&mut text);
        check_all(&text);
        // And cut anywhere: a truncated payload is an error, never a panic.
        for end in (0..text.len()).step_by(text.len() / 8 + 1) {
            if text.is_char_boundary(end) {
                check_all(&text[..end]);
            }
        }
    }
}
