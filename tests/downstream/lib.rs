//! A crate written against the crate generated from `v1.csdl.xml`, the way SDK code uses one:
//! it builds models, reads and destructures them, matches enums and derived types, and builds
//! requests. `generator/tests/downstream.rs` compiles it unchanged against the crate generated
//! from `v2-additive.csdl.xml`: additions to the metadata must not break it.

use fleet::models::{
    AnyVessel, Position, Ship, Status, Vessel, VesselDockParameters,
};
use fleet::runtime::{Collection, Method, Nullable, Request};
use fleet::{model, Service};

/// A ship built as a struct literal would build it, nested values and `null` included.
pub fn new_ship(id: &str, tonnage: i32) -> Ship {
    model!(Ship {
        id,
        name: "Argo",
        status: Status::Active,
        position: model!(Position { lat: 59.3, lon: 18.1 }),
        tags: ["fast".to_owned()],
        tonnage,
    })
}

/// A PATCH body that clears the name and sets nothing else.
pub fn clear_name() -> Vessel {
    model!(Vessel { name: null })
}

/// Built field by field, as code that sets fields conditionally does.
pub fn retire(mut ship: Ship) -> Ship {
    ship.status = Nullable::Value(Status::Retired);
    ship.tags = None;
    ship
}

/// Every enum match needs a catch-all: the service may add members.
pub fn describe(status: &Status) -> String {
    match status {
        Status::Active => "active".to_owned(),
        Status::Retired => "retired".to_owned(),
        Status::Other(name) => format!("unknown status {name}"),
        _ => "a member added since".to_owned(),
    }
}

/// And so does a match over derived types: the service may add some.
pub fn tonnage(vessel: &AnyVessel) -> Option<i32> {
    match vessel {
        AnyVessel::Ship(ship) => ship.tonnage.value().copied(),
        AnyVessel::Boat(_) | AnyVessel::Vessel(_) => None,
        _ => None,
    }
}

/// Destructuring names the fields it wants and says `..` for the rest.
pub fn name_of(ship: &Ship) -> Option<&str> {
    let Ship { name, .. } = ship;
    name.value().map(String::as_str)
}

/// Position fields are read directly.
pub fn latitude(ship: &Ship) -> Option<f64> {
    let Position { lat, .. } = ship.position.value()?;
    lat.as_ref().map(|lat| lat.value())
}

/// Requests along the URLs: a key, containment, a bound action with its parameters, a bound
/// function on the collection.
pub fn requests() -> Vec<(Method, String)> {
    let service = Service::new();
    let vessel = service.vessels().by_id("v1");
    let dock: Request<VesselDockParameters, _> =
        vessel.dock(model!(VesselDockParameters { port: "Piraeus" }));
    let nearby: Request<(), Collection<AnyVessel>> = service.vessels().nearby(&10);
    vec![
        (vessel.crew().list().method, vessel.crew().list().path),
        (dock.method, dock.path),
        (nearby.method, nearby.path),
        (
            service.vessels().as_ship().list().method,
            service.vessels().as_ship().list().path,
        ),
    ]
}
