//! Names real services publish that collide with Rust or are no identifiers
//! (`tests/golden/lenient-names.csdl.xml`): the generated code compiles, the wire names stay.

use odata_codegen_tests::golden::lenient_names::{models, paths, runtime};
use serde_json::json;

#[test]
fn header_like_member_names_keep_their_wire_names() {
    // `date` is declared `Edm.DateTime` (OData v3): read as a DateTimeOffset, kept as sent.
    let body = json!({
        "request-id": "r1",
        "client-request-id": "c1",
        "date": "2020-02-04T07:00:00.0000000",
        "attempts": 2,
        "extra": "x"
    });
    let error: models::InnerError = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(error.request_id, runtime::Nullable::Value("r1".to_owned()));
    assert_eq!(
        error.client_request_id,
        runtime::Nullable::Value("c1".to_owned())
    );
    assert_eq!(serde_json::to_value(&error).unwrap(), body);
}

#[test]
fn lenient_names_are_renamed_and_the_container_named_default_is_addressable() {
    let body = json!({"id": 1, "option": {"Some": "s", "None": true}, "note": {"text": "t", "label": {"Value": "v"}}});
    let clone: models::Clone2 = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(serde_json::to_value(&clone).unwrap(), body);
    let request = paths::DefaultContainer::new().clones().by_id(1).get();
    assert_eq!(request.path, "/Clones/1");
}

#[test]
fn a_type_named_without_its_namespace_is_the_type_of_its_schema() {
    // `Reading.option` is declared `Type="Option"`: read as `example.prelude.Option`.
    let body = json!({"value": 1, "option": {"Some": "s"}});
    let reading: models::Reading = serde_json::from_value(body.clone()).unwrap();
    let option: &models::Option2 = reading.option.value().expect("typed");
    assert_eq!(option.some, runtime::Nullable::Value("s".to_owned()));
    assert_eq!(serde_json::to_value(&reading).unwrap(), body);
}

#[test]
fn a_key_naming_no_property_leaves_a_collection_without_by_id() {
    let students = paths::DefaultContainer::new().students();
    assert_eq!(students.list().path, "/Students");
    fn keyless<R: runtime::Resource<Key = runtime::NoKey>>() {}
    keyless::<models::Student>();
}

#[test]
fn functions_without_return_type_or_parameter_type_and_unknown_edm_types_still_work() {
    let version = paths::DefaultContainer::new().version(&json!("short"));
    // Untyped values are written as JSON (percent-encoded), as OData 4.01 allows in URLs.
    assert_eq!(version.path, "/Version(format=%22short%22)");
    // An object or array is a parameter alias, as any value that is no simple literal.
    let structured = paths::DefaultContainer::new().version(&json!({"style": [1]}));
    assert_eq!(structured.path, "/Version(format=@format)");
    assert_eq!(
        structured.query,
        [("@format".to_owned(), r#"{"style":[1]}"#.to_owned())]
    );
    let ping = paths::DefaultContainer::new().clones().by_id(7).ping();
    assert_eq!(ping.path, "/Clones/7/Ping()");
    let body = json!({"value": {"anything": [1, "two"]}});
    let reading: models::Reading = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(serde_json::to_value(&reading).unwrap(), body);
}
