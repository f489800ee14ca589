//! Hostile and malformed input through the contract's types: every payload must give an error
//! or a value, never a panic, and a value that reads must write back to JSON that reads back to
//! the same JSON (a fixed point).

// The contract's model types, compiled into this crate along with its runtime (see there why).
#[path = "contract.rs"]
mod contract;

use contract::runtime;
use contract::{AnyAssignmentTarget, AssignParameters, Assignment};
use proptest::prelude::*;
use runtime::{Collection, Nullable};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads `json` as `T`; if that works, checks that writing and reading again is a fixed point.
fn check<T: Serialize + DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
    let value: T = serde_json::from_str(json)?;
    let written = serde_json::to_string(&value).expect("a value that was read can be written");
    let reread: T = serde_json::from_str(&written)
        .unwrap_or_else(|error| panic!("{written} does not read back: {error}"));
    let rewritten = serde_json::to_string(&reread).expect("writes");
    assert_eq!(rewritten, written, "not a fixed point for input {json}");
    Ok(value)
}

/// Feeds `json` through every contract type.
fn check_all(json: &str) {
    let _ = check::<Assignment>(json);
    let _ = check::<AnyAssignmentTarget>(json);
    let _ = check::<AssignParameters>(json);
    let _ = check::<Collection<Assignment>>(json);
    let _ = check::<Collection<AnyAssignmentTarget>>(json);
}

fn nested(depth: usize, open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// Deep nesting is refused where it would be read as a tree (declared properties, buffered
/// polymorphic values) and kept as text, byte for byte, where the model has no property
/// (serde_json skips it without recursing; parsing it into a `Value` on access gives null).
#[test]
fn deep_nesting_is_refused_or_kept_as_text() {
    let depth = 100_000;
    let arrays = nested(depth, "[", "1", "]");
    let objects = nested(depth, r#"{"a":"#, "1", "}");
    for payload in [
        format!(r#"{{"notInTheModel":{arrays}}}"#),
        format!(r#"{{"filterId":"f","deep":{objects}}}"#),
        format!(r#"{{"moreTargets":[{{"x":{arrays}}}]}}"#),
        format!(r#"{{"value":[{{"target":{objects}}}]}}"#),
    ] {
        for written in [
            serde_json::from_str::<Assignment>(&payload).map(|v| serde_json::to_string(&v)),
            serde_json::from_str::<AnyAssignmentTarget>(&payload)
                .map(|v| serde_json::to_string(&v)),
        ]
        .into_iter()
        .flatten()
        {
            assert_eq!(written.unwrap(), payload, "kept as text, byte for byte");
        }
        let _ = serde_json::from_str::<Collection<Assignment>>(&payload);
    }
    let kept: Assignment =
        serde_json::from_str(&format!(r#"{{"notInTheModel":{arrays}}}"#)).unwrap();
    assert!(kept
        .additional_properties
        .get("notInTheModel")
        .unwrap()
        .is_null());
    // Read as trees: refused at serde_json's recursion limit.
    let buffered = format!(r#"{{"deep": {objects}, "@odata.type": "x"}}"#);
    assert!(serde_json::from_str::<AnyAssignmentTarget>(&buffered).is_err());
    let declared = format!(r#"{{"value": {arrays}}}"#);
    assert!(serde_json::from_str::<Collection<Assignment>>(&declared).is_err());
}

#[test]
fn moderate_nesting_reads_and_round_trips() {
    let payload = format!(
        r#"{{"filterId": "f", "deep": {}}}"#,
        nested(100, "[", "{}", "]")
    );
    check::<AnyAssignmentTarget>(&payload).expect("100 levels are within the limit");
    check::<Assignment>(&payload).expect("100 levels are within the limit");
}

#[test]
fn out_of_range_numbers_are_errors() {
    for payload in [
        r#"{"count": 9223372036854775808}"#,
        r#"{"count": -9223372036854775809}"#,
        r#"{"count": 1e400}"#,
        r#"{"count": 1.0}"#,
        r#"{"count": "99999999999999999999"}"#,
        r#"{"ratio": 1e400}"#,
        r#"{"ratio": -1e400}"#,
    ] {
        assert!(check::<Assignment>(payload).is_err(), "{payload}");
    }
    let big =
        check::<Assignment>(r#"{"ratio": 1.7976931348623157e308, "count": -9223372036854775808}"#)
            .expect("the extremes themselves are fine");
    assert_eq!(big.count.map(|c| c.value()), Some(i64::MIN));
    // Where the model has no property, any number is kept exactly, as text.
    let beyond_f64 = check::<Assignment>(r#"{"notInTheModel": 1e400}"#).expect("kept as text");
    assert_eq!(
        beyond_f64.additional_properties.raw("notInTheModel"),
        Some("1e400")
    );
    let huge_integer = check::<Assignment>(r#"{"notInTheModel": 123456789012345678901234567890}"#)
        .expect("kept as text");
    assert_eq!(
        huge_integer.additional_properties.raw("notInTheModel"),
        Some("123456789012345678901234567890")
    );
    assert!(huge_integer
        .additional_properties
        .get("notInTheModel")
        .is_some());
}

#[test]
fn numbers_as_strings_only_where_odata_allows_them() {
    let a = check::<Assignment>(r#"{"count": "-42", "ratio": "INF"}"#).unwrap();
    assert_eq!(
        (a.count.map(|c| c.value()), a.ratio.map(|r| r.value())),
        (Some(-42), Nullable::Value(f64::INFINITY))
    );
    for payload in [
        r#"{"count": " 42"}"#,
        r#"{"count": "0x2A"}"#,
        r#"{"count": "4.2e1"}"#,
        r#"{"count": ""}"#,
        r#"{"ratio": "1.5 "}"#,
        r#"{"ratio": "0x1"}"#,
        r#"{"ratio": "Infinity"}"#,
        r#"{"id": 42}"#,
    ] {
        assert!(check::<Assignment>(payload).is_err(), "{payload}");
    }
    // A double sent as a string (IEEE754Compatible) is kept as that string.
    let quoted = check::<Assignment>(r#"{"ratio": "1.50"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&quoted).unwrap(),
        r#"{"ratio":"1.50"}"#
    );
}

#[test]
fn wrong_types_are_errors() {
    for payload in [
        r#"{"target": []}"#,
        r#"{"target": "x"}"#,
        r#"{"target": true}"#,
        r#"{"moreTargets": [null]}"#,
        r#"{"moreTargets": {}}"#,
        r#"{"moreTargets": [1]}"#,
        r#"{"days": 5}"#,
        r#"{"days": ["monday"]}"#,
        r#"{"source": 5}"#,
        r#"{"source": null, "id": 1}"#,
        r#"{"tags": [null]}"#,
        r#"{"tags": [1]}"#,
        r#"{"@odata.type": 5}"#,
        r#"{"@odata.type": null}"#,
        r##"{"moreTargets": [{"@odata.type": ["#graph.groupAssignmentTarget"]}]}"##,
        r#"{"moreTargets": [{"groupId": "g", "@odata.type": {}}]}"#,
        r#"null"#,
        r#"[]"#,
        r#"1"#,
        r#""""#,
    ] {
        assert!(check::<Assignment>(payload).is_err(), "{payload}");
    }
    for payload in [
        r#"null"#,
        r#"[]"#,
        r#"{"value": null}"#,
        r#"{"value": [null]}"#,
    ] {
        assert!(
            check::<Collection<Assignment>>(payload).is_err(),
            "{payload}"
        );
    }
}

#[test]
fn null_is_a_value_for_nullable_and_absent_for_optional_properties() {
    let a = check::<Assignment>(r#"{"target": null, "id": null, "tags": null}"#).unwrap();
    assert_eq!(a.target, Nullable::Null);
    assert_eq!((a.id, a.tags), (None, None));
}

#[test]
fn duplicate_keys_let_the_last_one_win_and_keep_unknown_ones() {
    let a = check::<Assignment>(r#"{"id": "1", "x": 1, "id": "2", "x": 2}"#).unwrap();
    assert_eq!(a.id.as_deref(), Some("2"));
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        r#"{"id":"2","x":1,"x":2}"#
    );
    let t = check::<AnyAssignmentTarget>(
        r##"{"groupId": "a", "@odata.type": "#graph.groupAssignmentTarget", "groupId": "b"}"##,
    )
    .unwrap();
    match t {
        AnyAssignmentTarget::GroupAssignmentTarget(g) => {
            assert_eq!(g.group_id.as_deref(), Some("b"))
        }
        other => panic!("{other:?}"),
    }
    // A second `@odata.type` changes the recorded type, not the variant already chosen.
    check::<AnyAssignmentTarget>(
        r##"{"@odata.type": "#graph.groupAssignmentTarget", "@odata.type": "#graph.x"}"##,
    )
    .unwrap();
}

#[test]
fn unknown_and_malformed_type_names_fall_back_to_the_declared_type() {
    for name in [
        "",
        "#",
        "#.",
        "#microsoft.graph.",
        "#groupAssignmentTarget",
        "#other.groupAssignmentTarget",
        "#microsoft.graph.groupAssignmentTarget.extra",
        "#Microsoft.Graph.GroupAssignmentTarget",
        "#graph.groupAssignmentTargét",
        "\u{0}",
    ] {
        let payload = serde_json::json!({"@odata.type": name, "groupId": "g"}).to_string();
        let t = check::<AnyAssignmentTarget>(&payload).unwrap();
        assert!(
            matches!(t, AnyAssignmentTarget::AssignmentTarget(_)),
            "{name}"
        );
        assert_eq!(serde_json::to_string(&t).unwrap(), payload, "kept verbatim");
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
        let payload = format!(r#"{{"id": "a{escape}b"}}"#);
        assert!(check::<Assignment>(&payload).is_err(), "{payload}");
        let key = format!(r#"{{"a{escape}b": 1}}"#);
        assert!(check::<Assignment>(&key).is_err(), "{key}");
        assert!(check::<AnyAssignmentTarget>(&key).is_err(), "{key}");
    }
    let surrogate_pair = check::<Assignment>(r#"{"id": "\ud83d\ude00"}"#).unwrap();
    assert_eq!(surrogate_pair.id.as_deref(), Some("😀"));
    assert!(serde_json::from_slice::<Assignment>(b"{\"id\": \"\xff\"}").is_err());
}

#[test]
fn megabyte_strings_are_kept_whole() {
    let long = "x".repeat(1 << 20);
    let payload = serde_json::json!({
        "id": long,
        "source": long,
        "days": format!("monday,{long}"),
        long.clone(): long,
        "moreTargets": [{"@odata.type": long, "filterId": long}],
    })
    .to_string();
    let a = check::<Assignment>(&payload).unwrap();
    assert_eq!(a.id.as_deref().map(str::len), Some(1 << 20));
    assert_eq!(serde_json::to_string(&a).unwrap().len(), payload.len());
    let bad_count = format!(r#"{{"count": "{long}"}}"#);
    let message = check::<Assignment>(&bad_count).unwrap_err().to_string();
    assert!(
        message.len() < 200,
        "error messages quote only the start: {message}"
    );
}

#[test]
fn many_unknown_keys_take_linear_time() {
    let entries: Vec<String> = (0..50_000).map(|i| format!(r#""k{i}": {i}"#)).collect();
    let payload = format!("{{{}}}", entries.join(","));
    let a = check::<Assignment>(&payload).unwrap();
    assert_eq!(a.additional_properties.len(), 50_000);
    check::<AnyAssignmentTarget>(&payload).unwrap();
}

/// A JSON tree whose objects keep key order and may repeat keys, which `serde_json::Value`
/// cannot express.
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
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Number(text) => out.push_str(text),
            Json::String(text) => out.push_str(&serde_json::to_string(text).expect("a string")),
            Json::Array(items) => {
                out.push('[');
                for (position, item) in items.iter().enumerate() {
                    if position > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (position, (key, value)) in entries.iter().enumerate() {
                    if position > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).expect("a string"));
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// Keys the contract types know, with annotations and a few others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "id", "source", "sourceId", "target", "days", "tags", "count", "ratio", "moreTargets",
            "filterId", "groupId", "assignments", "value", "@odata.type", "@odata.context",
            "@odata.nextLink", "@odata.deltaLink", "@odata.count", "tags@odata.count", "@odata.etag",
        ])
        .prop_map(str::to_owned),
        1 => "[a-z@.#]{0,6}",
    ]
}

/// Strings a payload of the contract types may carry, and some it should not.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "#microsoft.graph.groupAssignmentTarget", "graph.groupAssignmentTarget",
            "#microsoft.graph.assignmentTarget", "#graph.unknown", "#", "direct", "policySets",
            "monday,tuesday", " monday , ,x", "", "INF", "-INF", "NaN", "9007199254740993",
            "-9223372036854775808", "1e5", "é😀", "a'b/c",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |n| n.is_finite())
            .prop_map(|n| format!("{n:e}")),
        prop::sample::select(vec![
            "1e400",
            "-0",
            "0.1",
            "123456789012345678901234567890",
            "1E-400"
        ])
        .prop_map(str::to_owned),
    ]
}

fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Number),
        text().prop_map(Json::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
            prop::collection::vec((key(), inner), 0..7).prop_map(Json::Object),
        ]
    })
}

/// An object with keys the contract types know and values of any shape (mostly wrong ones).
fn payload() -> impl Strategy<Value = Json> {
    prop::collection::vec((key(), json()), 0..10).prop_map(Json::Object)
}

fn string(strategy: impl Strategy<Value = String>) -> impl Strategy<Value = Json> {
    strategy.prop_map(Json::String)
}

fn entry(
    name: &'static str,
    value: impl Strategy<Value = Json>,
) -> impl Strategy<Value = (String, Json)> {
    value.prop_map(move |value| (name.to_owned(), value))
}

/// An assignment target with values of the right types, in any order, maybe repeated.
fn target() -> impl Strategy<Value = Json> {
    let entries = prop_oneof![
        entry("@odata.type", string(text())),
        entry("filterId", prop_oneof![Just(Json::Null), string(text())]),
        entry("groupId", string(text())),
        (key(), json()),
    ];
    prop::collection::vec(entries, 0..5).prop_map(Json::Object)
}

/// An assignment with values of the right types (and some unknown entries), which mostly
/// reads: the fixed-point check then has something to check.
fn assignment() -> impl Strategy<Value = Json> {
    let entries = prop_oneof![
        entry("id", string(text())),
        entry("source", string(text())),
        entry("sourceId", prop_oneof![Just(Json::Null), string(text())]),
        entry("target", prop_oneof![Just(Json::Null), target()]),
        entry("days", string(text())),
        entry(
            "tags",
            prop::collection::vec(string(text()), 0..3).prop_map(Json::Array)
        ),
        entry(
            "count",
            prop_oneof![
                any::<i64>().prop_map(|n| Json::Number(n.to_string())),
                any::<i64>().prop_map(|n| Json::String(n.to_string())),
            ]
        ),
        entry(
            "ratio",
            prop_oneof![
                number().prop_map(Json::Number),
                prop::sample::select(vec!["INF", "-INF", "NaN"])
                    .prop_map(|s| Json::String(s.to_owned())),
            ]
        ),
        entry(
            "moreTargets",
            prop::collection::vec(target(), 0..3).prop_map(Json::Array)
        ),
        (key(), json()),
    ];
    prop::collection::vec(entries, 0..8).prop_map(Json::Object)
}

/// `text` with a few bytes replaced, inserted or removed (keeping it UTF-8).
fn mutated(text: String) -> impl Strategy<Value = String> {
    let length = text.len().max(1);
    let edits = prop::collection::vec(
        (
            0..length,
            prop::sample::select(vec![
                "", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "0", "-", "e", "null", "@",
            ]),
            any::<bool>(),
        ),
        1..4,
    );
    edits.prop_map(move |edits| {
        let mut text = text.clone();
        for (at, insert, replace) in edits {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = at;
            if replace {
                end = text[at..]
                    .char_indices()
                    .nth(1)
                    .map_or(text.len(), |(next, _)| at + next);
            }
            text.replace_range(at..end, insert);
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_payloads_never_panic_and_round_trip(payload in payload()) {
        let text = payload.text();
        check_all(&text);
        let page = Json::Object(vec![("value".to_owned(), Json::Array(vec![payload]))]);
        check_all(&page.text());
    }

    #[test]
    fn well_typed_payloads_round_trip(payload in assignment()) {
        let text = payload.text();
        check_all(&text);
        let page = Json::Object(vec![("value".to_owned(), Json::Array(vec![payload]))]);
        check_all(&page.text());
    }

    #[test]
    fn mutated_payloads_never_panic_and_round_trip(
        text in prop_oneof![payload(), assignment(), target()].prop_map(|p| p.text()).prop_flat_map(mutated)
    ) {
        check_all(&text);
    }
}

/// The property tests only check fixed points of payloads that read: make sure most of the
/// well-typed ones do.
#[test]
fn well_typed_payloads_mostly_read() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = assignment();
    let reads = (0..200)
        .filter(|_| {
            let payload = strategy.new_tree(&mut runner).expect("a payload").current();
            check::<Assignment>(&payload.text()).is_ok()
        })
        .count();
    assert!(reads >= 100, "only {reads} of 200 read");
}
