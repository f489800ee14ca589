//! A user's type in place of a schema type (`--map-type`): `runtime::mapped_type!` gives it the
//! runtime's wire rules and literal form from its own serde impls, as generated code invokes it.

#[allow(dead_code, unused_imports)]
#[path = "../src/runtime/mod.rs"]
mod runtime;

use runtime::{AsWire, Literal, Nullable, WireSeed};
use serde::de::DeserializeSeed;
use serde::{Deserialize, Serialize};

/// What a user brings: plain serde derives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Coordinates {
    latitude: f64,
    longitude: f64,
}

runtime::mapped_type!(Coordinates);

fn read<T: runtime::Wire>(json: &str) -> Result<T, serde_json::Error> {
    WireSeed::<T>::new().deserialize(&mut serde_json::Deserializer::from_str(json))
}

#[test]
fn a_mapped_type_reads_and_writes_its_own_json() {
    let text = r#"{"latitude":48.1,"longitude":11.5}"#;
    let value: Coordinates = read(text).unwrap();
    assert_eq!(
        value,
        Coordinates {
            latitude: 48.1,
            longitude: 11.5
        }
    );
    assert_eq!(serde_json::to_string(&AsWire(&value)).unwrap(), text);
    // As a field: null, a value, collections of it.
    let null: Nullable<Coordinates> = read("null").unwrap();
    assert_eq!(null, Nullable::Null);
    let many: Option<Vec<Coordinates>> = read(&format!("[{text},{text}]")).unwrap();
    assert_eq!(many.unwrap().len(), 2);
    assert!(read::<Coordinates>(r#"{"latitude":"north"}"#).is_err());
}

#[test]
fn a_mapped_type_is_written_as_json_in_urls() {
    let value = Coordinates {
        latitude: 1.5,
        longitude: -2.0,
    };
    assert_eq!(
        Literal::of(&value),
        Literal::json(&serde_json::json!({"latitude": 1.5, "longitude": -2.0}))
    );
}
