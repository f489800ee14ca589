//! Type references real services publish (`tests/golden/typerefs.csdl.xml`, mapped by
//! `tests/golden/typerefs.args`): undefined and remote types, the abstract Edm types,
//! navigation to any entity, names beyond ASCII and mapped types, each through the API it
//! became, with JSON that must come back exactly as sent.

use odata_codegen_tests::golden::typerefs::{
    models, runtime, FleetTrackingFleetService as FleetService,
};
use odata_codegen_tests::mapped::GpsFix;
use serde_json::{json, Value};

use models::{AnyReading, Farbung, Telemetry, Vehicle, VehicleAnnotateParameters};
use runtime::{Method, Nullable};

/// Reads `value` as `T` and writes it back: the JSON must be the same.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: Value) -> T {
    let read: T = serde_json::from_value(value.clone()).expect("reads");
    assert_eq!(serde_json::to_value(&read).expect("writes"), value);
    read
}

#[test]
fn undefined_remote_and_abstract_types_are_json_kept_as_sent() {
    let sent = json!({
        "id": "v1",
        "tag": true,
        "labels": [{"name": "eu", "scope": {"region": "west"}}, "plain", 3, null],
        "legacyStatus": {"code": 7, "since": "2017-01-01"},
        "anything": [1, "two", {"three": 3.5}],
        "history": [{"odometer": 120}, [1, 2], "x"],
        "primitive": 12,
        "shape": {"@odata.type": "#Fleet.Tracking.Telemetry", "raw": "text"},
        "shapes": [{"a": 1}, {"b": [true]}],
        "snapshot": {"@odata.id": "vehicles('v0')", "id": "v0"},
        "related": [{"@odata.type": "#Fleet.Tracking.Trailer", "serial": 4}],
        "primaryRelated": null
    });
    let vehicle: Vehicle = round_trip(sent);
    assert_eq!(vehicle.tag, Nullable::Value(json!(true)));
    assert_eq!(vehicle.labels.as_ref().map(Vec::len), Some(4));
    assert_eq!(vehicle.primitive, Nullable::Value(json!(12)));
    assert_eq!(vehicle.primary_related, Nullable::Null);
    assert_eq!(vehicle.related.as_ref().unwrap()[0]["serial"], json!(4));
    assert!(vehicle.additional_properties.is_empty());
}

#[test]
fn the_mapped_empty_type_takes_any_json_like_graphs_json() {
    // Graph's `microsoft.graph.Json` values are arrays, strings, objects: all kept.
    for settings in [
        json!(["a", "b"]),
        json!("text"),
        json!({"k": [1, {"n": null}]}),
        json!(1e-7),
    ] {
        let vehicle: Vehicle = round_trip(json!({"id": "v", "settings": settings.clone()}));
        assert_eq!(vehicle.settings, Nullable::Value(settings));
    }
    let telemetry: Telemetry = round_trip(json!({"raw": [1, 2], "samples": ["x", {"y": 2}, [3]]}));
    assert_eq!(telemetry.samples.unwrap().len(), 3);
}

#[test]
fn a_mapped_derived_type_is_the_users_type_where_declared_and_the_base_elsewhere() {
    let sent = json!({
        "lastFix": {"takenAt": "2017-05-01T10:00:00Z", "latitude": 48.1, "longitude": 11.5},
        "readings": [
            {"@odata.type": "#Fleet.Tracking.TemperatureReading", "takenAt": "t1", "celsius": -4.5},
            {"@odata.type": "#Fleet.Tracking.GpsFix", "takenAt": "t2", "latitude": 1.5, "longitude": 2.5}
        ]
    });
    let telemetry: Telemetry = round_trip(sent);
    let Nullable::Value(fix) = &telemetry.last_fix else {
        panic!("lastFix is read");
    };
    assert_eq!(
        *fix,
        GpsFix {
            odata_type: None,
            taken_at: Some("2017-05-01T10:00:00Z".to_owned()),
            latitude: 48.1,
            longitude: 11.5
        }
    );
    let readings = telemetry.readings.unwrap();
    assert!(matches!(readings[0], AnyReading::TemperatureReading(_)));
    // Not generated, so read as its base type, with its type and data kept.
    let AnyReading::Reading(base) = &readings[1] else {
        panic!("a GpsFix in a Reading collection is read as a Reading: {readings:?}");
    };
    assert_eq!(base.odata_type.as_deref(), Some("#Fleet.Tracking.GpsFix"));
    assert_eq!(
        base.additional_properties.get("latitude"),
        Some(&json!(1.5))
    );
}

#[test]
fn a_mapped_type_is_a_parameter_too() {
    let body = {
        let mut value = VehicleAnnotateParameters::default();
        value.tags = Some(vec![json!("a"), json!({"b": 1})]);
        value.subject = Nullable::Value(json!({"@odata.id": "trailers(4)"}));
        value.payload = Nullable::Value(json!(["any", "json"]));
        value.fix = Nullable::Value(GpsFix {
            odata_type: None,
            taken_at: None,
            latitude: 0.5,
            longitude: -0.25,
        });
        value
    };
    let request = FleetService::new().vehicles().by_id("v1").annotate(body);
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.path.as_str(), "/vehicles/v1/annotate");
    assert_eq!(
        serde_json::to_value(request.body.as_ref().unwrap()).unwrap(),
        json!({
            "tags": ["a", {"b": 1}],
            "subject": {"@odata.id": "trailers(4)"},
            "payload": ["any", "json"],
            "fix": {"latitude": 0.5, "longitude": -0.25}
        })
    );
    let located = FleetService::new()
        .vehicles()
        .by_id("v1")
        .locate(&json!({"near": "depot"}));
    // A JSON object is no simple literal: a parameter alias, its value in the query.
    assert_eq!(located.path.as_str(), "/vehicles/v1/locate(hint=@hint)");
    assert_eq!(
        located.url("r"),
        "r/vehicles/v1/locate(hint=@hint)?@hint=%7B%22near%22:%22depot%22%7D"
    );
}

#[test]
fn names_beyond_ascii_keep_their_wire_names() {
    let sent = json!({"id": "v", "größe": 3, "fahrer‿name": "Jörg", "型号": "X9", "farbe": "grün"});
    let vehicle: Vehicle = round_trip(sent);
    assert_eq!(vehicle.grosse, Nullable::Value(3));
    assert_eq!(vehicle.fahrer_name, Nullable::Value("Jörg".to_owned()));
    assert_eq!(vehicle.xing_hao, Nullable::Value("X9".to_owned()));
    assert_eq!(vehicle.farbe, Nullable::Value(Farbung::Grun));
    assert_eq!(serde_json::to_value(Farbung::HeiSe).unwrap(), json!("黑色"));
}

#[test]
fn what_an_undefined_type_would_address_is_left_out_and_the_rest_stays() {
    // `owner` (navigation to an undefined type) is no field: an expanded value is kept as sent.
    let vehicle: Vehicle = round_trip(json!({"id": "v", "owner": {"name": "Ada"}}));
    assert_eq!(
        vehicle.additional_properties.get("owner"),
        Some(&json!({"name": "Ada"}))
    );
    // A trailer whose base type is undefined: its own key and properties, the rest kept.
    let trailer: models::Trailer = round_trip(json!({"serial": 4, "axles": 2, "make": "Krone"}));
    assert_eq!(
        trailer.additional_properties.get("make"),
        Some(&json!("Krone"))
    );
    let request = FleetService::new().trailers().by_id(4).get();
    assert_eq!(request.path.as_str(), "/trailers/4");
    assert_eq!(
        FleetService::new()
            .flagship()
            .trailers()
            .list()
            .path
            .as_str(),
        "/flagship/trailers"
    );
    let lookup = FleetService::new().lookup(&json!("eu"));
    assert_eq!(lookup.path.as_str(), "/lookup(query=%22eu%22)");
}
