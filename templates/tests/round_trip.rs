//! Runtime-level round trips: a model written in the emitter's shape, with a property of every
//! primitive type, reads payloads written here (shaped like Microsoft Graph's documented bodies)
//! and writes them back unchanged, through the streaming reader and through a buffered
//! `serde_json::Value` (the path a polymorphic object whose `@odata.type` comes late takes).

#[allow(unused_imports, dead_code)]
#[path = "../src/runtime/mod.rs"]
mod runtime;

use runtime::{AdditionalProperties, Nullable, Structured};
use serde_json::{json, Value};

/// An entity with every primitive type, nullable and not, single and collection.
#[derive(Clone, Default, PartialEq)]
pub struct Event {
    pub odata_type: Option<String>,
    pub created_date_time: Option<runtime::DateTimeOffset>,
    pub start_date: Nullable<runtime::Date>,
    pub start_time: Nullable<runtime::TimeOfDay>,
    pub duration: Nullable<runtime::Duration>,
    pub organizer_id: Option<runtime::Guid>,
    pub photo: Nullable<runtime::Binary>,
    pub size: Option<runtime::Double>,
    pub weight: Nullable<runtime::Single>,
    pub storage: Nullable<runtime::Int64>,
    pub price: Nullable<runtime::Decimal>,
    pub categories: Option<Vec<String>>,
    pub reminders: Option<Vec<runtime::DateTimeOffset>>,
    pub additional_properties: AdditionalProperties,
}

impl Structured for Event {
    const TYPE_NAME: &'static str = "microsoft.graph.event";
    const PROPERTIES: &'static [&'static str] = &[
        "createdDateTime",
        "startDate",
        "startTime",
        "duration",
        "organizerId",
        "photo",
        "size",
        "weight",
        "storage",
        "price",
        "categories",
        "reminders",
    ];
    fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<runtime::Read, A::Error> {
        match index {
            0 => runtime::read(map, &mut self.created_date_time),
            1 => runtime::read(map, &mut self.start_date),
            2 => runtime::read(map, &mut self.start_time),
            3 => runtime::read(map, &mut self.duration),
            4 => runtime::read(map, &mut self.organizer_id),
            5 => runtime::read(map, &mut self.photo),
            6 => runtime::read(map, &mut self.size),
            7 => runtime::read(map, &mut self.weight),
            8 => runtime::read(map, &mut self.storage),
            9 => runtime::read(map, &mut self.price),
            10 => runtime::read(map, &mut self.categories),
            11 => runtime::read(map, &mut self.reminders),
            _ => runtime::skip(map),
        }
    }
    fn write_properties<M: serde::ser::SerializeMap>(
        &self,
        out: &mut runtime::PropertyWriter<'_, M>,
    ) {
        out.write("createdDateTime", &self.created_date_time);
        out.write("startDate", &self.start_date);
        out.write("startTime", &self.start_time);
        out.write("duration", &self.duration);
        out.write("organizerId", &self.organizer_id);
        out.write("photo", &self.photo);
        out.write("size", &self.size);
        out.write("weight", &self.weight);
        out.write("storage", &self.storage);
        out.write("price", &self.price);
        out.write("categories", &self.categories);
        out.write("reminders", &self.reminders);
    }
}
runtime::structured_serde!(Event);

/// Reads `body` from text and from a buffered value; both must write it back byte for byte.
fn exact(body: &str) {
    let streamed: Event = serde_json::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"));
    assert_eq!(serde_json::to_string(&streamed).unwrap(), body);
    let buffered: Value = serde_json::from_str(body).unwrap();
    let from_value: Event = serde_json::from_value(buffered).unwrap();
    assert_eq!(serde_json::to_string(&from_value).unwrap(), body);
}

#[test]
fn a_documented_shape_comes_back_byte_for_byte() {
    exact(concat!(
        r##"{"@odata.type":"#microsoft.graph.event","@odata.etag":"W/\"DwAAABYAAAA=\"","##,
        r#""createdDateTime":"2015-02-11T20:54:04.3457274+00:00","startDate":"2017-04-15","#,
        r#""startTime":"08:00:00.0000000","duration":"PT1H30M","#,
        r#""organizerId":"D8A3C9F4-6E2B-4F1A-8C7D-2B3E4F5A6B7C","photo":"iVBORw0KGgo=","#,
        r#""size":12,"weight":12.0,"storage":"9007199254740993","price":"0.10","#,
        r#""categories":["Red category"],"#,
        r#""reminders":["2021-03-09T23:10:28.83Z","2020-02-04T07:00:00.0000000"]}"#
    ));
}

#[test]
fn every_spelling_of_each_primitive() {
    for (property, values) in [
        (
            "createdDateTime",
            &[
                r#""2021-03-09T23:10:28.83Z""#,
                r#""2021-03-09T23:10:28.830Z""#,
                r#""2021-03-09T23:10:28+05:30""#,
                r#""2021-03-09T23:10:28.1234567-08:00""#,
                r#""2020-02-04T07:00:00.0000000""#,
                r#""2020-02-04T07:00""#,
                r#""1974-07-22""#,
            ][..],
        ),
        ("startDate", &[r#""2017-04-15""#][..]),
        (
            "startTime",
            &[
                r#""17:00:00.0000000""#,
                r#""11:59:00.8990000""#,
                r#""08:00""#,
                r#""08:00:00""#,
            ][..],
        ),
        (
            "organizerId",
            &[
                r#""d8a3c9f4-6e2b-4f1a-8c7d-2b3e4f5a6b7c""#,
                r#""D8A3C9F4-6E2B-4F1A-8C7D-2B3E4F5A6B7C""#,
            ][..],
        ),
        (
            "photo",
            &[
                r#""iVBORw0KGgo=""#,
                r#""iVBORw0KGgo""#,
                r#""+/+/""#,
                r#""-_-_""#,
                r#""+/8=""#,
                r#""-_8""#,
            ][..],
        ),
        (
            "size",
            &[
                "12",
                "12.0",
                "0.5",
                "-7",
                r#""INF""#,
                r#""NaN""#,
                r#""3.50""#,
            ][..],
        ),
        ("weight", &["12", "12.5", r#""-INF""#][..]),
        (
            "storage",
            &["9007199254740993", r#""9007199254740993""#][..],
        ),
        ("price", &["12", "0.1", r#""0.10""#, r#""12""#][..]),
    ] {
        for value in values {
            exact(&format!(r#"{{"{property}":{value}}}"#));
        }
    }
}

#[test]
fn explicit_nulls_survive_in_non_nullable_properties() {
    let body = r#"{"createdDateTime":null,"organizerId":null,"size":null,"categories":null,"reminders":null}"#;
    let event: Event = serde_json::from_str(body).unwrap();
    assert_eq!(event.categories, None);
    assert_eq!(event.additional_properties.len(), 5);
    let sent: Value = serde_json::from_str(body).unwrap();
    assert_eq!(serde_json::to_value(&event).unwrap(), sent);
    let buffered: Event = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(serde_json::to_value(&buffered).unwrap(), sent);
    let mut set = event;
    set.categories = Some(vec!["Blue category".to_owned()]);
    let written = serde_json::to_string(&set).unwrap();
    assert_eq!(written.matches("categories").count(), 1, "{written}");
    assert_eq!(
        serde_json::to_value(&set).unwrap()["categories"],
        json!(["Blue category"])
    );
    // Nullable properties keep their own `Null`; nothing extra is kept for them.
    let nullable: Event = serde_json::from_str(r#"{"startDate":null}"#).unwrap();
    assert!(nullable.start_date.is_null());
    assert!(nullable.additional_properties.is_empty());
}

#[test]
fn malformed_text_is_an_error_with_its_position() {
    for body in [
        r#"{"createdDateTime":"2021-02-30T00:00:00Z"}"#,
        r#"{"startTime":"25:00"}"#,
        r#"{"organizerId":"not-a-guid"}"#,
        r#"{"photo":"a+b_"}"#,
        r#"{"size":"twelve"}"#,
        r#"{"storage":"1.5"}"#,
        r#"{"reminders":["2021-03-09T23:10:28Z",5]}"#,
    ] {
        let error = serde_json::from_str::<Event>(body).expect_err(body);
        assert!(error.to_string().contains("at line 1 column"), "{error}");
    }
}

/// A type that contains itself, as generated code boxes it: a nullable and a non-nullable
/// boxed property, read and written with the `_boxed` helpers.
#[derive(Clone, Default, PartialEq)]
pub struct Folder {
    pub odata_type: Option<String>,
    pub name: Option<String>,
    pub parent: Nullable<Box<Folder>>,
    pub template: Option<Box<Folder>>,
    pub additional_properties: AdditionalProperties,
}

impl Structured for Folder {
    const TYPE_NAME: &'static str = "test.folder";
    const PROPERTIES: &'static [&'static str] = &["name", "parent", "template"];
    fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<runtime::Read, A::Error> {
        match index {
            0 => runtime::read(map, &mut self.name),
            1 => runtime::read_boxed(map, &mut self.parent),
            2 => runtime::read_boxed(map, &mut self.template),
            _ => runtime::skip(map),
        }
    }
    fn write_properties<M: serde::ser::SerializeMap>(
        &self,
        out: &mut runtime::PropertyWriter<'_, M>,
    ) {
        out.write("name", &self.name);
        out.write_boxed("parent", &self.parent);
        out.write_boxed("template", &self.template);
    }
}
runtime::structured_serde!(Folder);

#[test]
fn boxed_properties_keep_absent_null_and_values_apart() {
    let nested = r#"{"name":"c","parent":{"name":"b","parent":{"name":"a","parent":null}},"template":{"name":"t"}}"#;
    let folder: Folder = serde_json::from_str(nested).unwrap();
    let Nullable::Value(parent) = &folder.parent else {
        panic!("parent: {:?}", folder.parent)
    };
    assert_eq!(parent.name.as_deref(), Some("b"));
    let Nullable::Value(grandparent) = &parent.parent else {
        panic!("grandparent")
    };
    assert_eq!(grandparent.parent, Nullable::Null);
    assert_eq!(grandparent.template, None);
    assert_eq!(folder.template.as_ref().unwrap().name.as_deref(), Some("t"));
    assert_eq!(serde_json::to_string(&folder).unwrap(), nested);
    // An explicit `null` in the non-nullable boxed property reads as `None` and is written back.
    let null_template = r#"{"name":"x","template":null}"#;
    let folder: Folder = serde_json::from_str(null_template).unwrap();
    assert_eq!(folder.template, None);
    assert_eq!(serde_json::to_string(&folder).unwrap(), null_template);
    // Through a buffered value too (the path of an object whose `@odata.type` comes late).
    let folder: Folder = serde_json::from_value(serde_json::from_str(nested).unwrap()).unwrap();
    assert_eq!(serde_json::to_string(&folder).unwrap(), nested);
}
