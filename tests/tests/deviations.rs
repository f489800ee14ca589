//! Metadata that breaks CSDL's rules (`tests/golden/deviations.csdl.xml`), generated leniently:
//! each degradation of the README's "Lenient by default, strict on request" table, checked
//! through the API it became. The warnings and the `--strict` errors are asserted in
//! `generator/tests/cli.rs`.

use odata_codegen_tests::golden::deviations::{models, paths, runtime};
use serde_json::json;

use models::{
    MeterReading, Money, Priority, ResyncParameters, Skills, Technician, Visit,
    VisitDispatchParameters, VisitDispatchParameters2,
};
use paths::FieldService;
use runtime::{KeyStyle, Method, UrlConventions};

fn service() -> FieldService {
    FieldService::with_conventions(UrlConventions {
        key_style: KeyStyle::Parentheses,
        qualified_operations: true,
    })
}

/// value-case and legacy-namespace: the schema in the V3 EDM namespace was read, and its
/// `Scale="Variable"`, `Nullable="False"`, `IsFlags="True"`, `OpenType="TRUE"` mean what they
/// spell.
#[test]
fn values_in_another_case_mean_what_they_spell() {
    let money: Money = serde_json::from_value(json!({"amount": 12.5, "currency": "EUR"})).unwrap();
    assert_eq!(money.amount.as_ref().map(|d| d.as_str()), Some("12.5"));
    let technician: Technician = serde_json::from_value(json!({
        "id": "t1",
        "skills": "electrical,roofing",
        "shoeSize": 44
    }))
    .unwrap();
    let skills = technician.skills.value().expect("skills");
    assert!(skills.contains(&Skills::Electrical) && skills.contains(&Skills::Roofing));
    // Open type: the undeclared property is kept.
    assert_eq!(
        technician.additional_properties.get("shoeSize"),
        Some(&json!(44))
    );
}

/// enum-members: members sharing a value stay apart (JSON carries names); flags members
/// without a value are listed with the lowest free bit.
#[test]
fn enum_members_sharing_a_value_keep_their_names() {
    for (member, wire) in [
        (Priority::Normal, "normal"),
        (Priority::Standard, "standard"),
    ] {
        let visit = {
            let mut value = Visit::default();
            value.id = Some(1.into());
            value.priority = runtime::Nullable::Value(member.clone());
            value
        };
        let value = serde_json::to_value(&visit).unwrap();
        assert_eq!(value["priority"], json!(wire));
        let back: Visit = serde_json::from_value(value).unwrap();
        assert_eq!(back.priority, runtime::Nullable::Value(member));
    }
}

/// missing-key and key-type: keyless entity sets and collection-valued navigation are
/// collections (list, create); their key type is `NoKey`, which has no values, so `by_id`
/// cannot be called.
#[test]
fn keyless_entity_types_are_addressable_as_collections() {
    let readings = service().readings().list();
    assert_eq!(readings.method, Method::Get);
    assert_eq!(readings.path.as_str(), "/readings");
    let contained = service().technicians().by_id("t1").readings().list();
    assert_eq!(contained.path.as_str(), "/technicians('t1')/readings");
    let created = service().readings().create(MeterReading::default());
    assert_eq!(created.method, Method::Post);
    let photos = service().photos().list();
    assert_eq!(photos.path.as_str(), "/photos");
    fn key_of<T: runtime::Resource>() -> &'static str {
        std::any::type_name::<T::Key>()
    }
    assert!(key_of::<MeterReading>().ends_with("NoKey"));
    assert!(key_of::<models::Photo>().ends_with("NoKey"));
}

/// key-type: a key of a type CSDL does not allow in keys but whose values have a URL literal
/// (`Edm.Double`) is kept and written as that literal.
#[test]
fn keys_of_types_with_a_literal_are_kept() {
    let sensor = service().sensors().by_id(1.5).get();
    assert_eq!(sensor.path.as_str(), "/sensors(1.5)");
}

/// overload-rules: every overload is generated, in signature order (fewer parameters first,
/// then parameter names, then types): the first takes the plain name, others `_with_…`, and
/// those still alike `_2`, `_3`.
#[test]
fn overloads_breaking_the_rules_are_each_callable() {
    let technician = service().technicians().by_id("t1");
    let total = technician.workload();
    assert_eq!(
        total.path.as_str(),
        "/technicians('t1')/Field.Service.workload()"
    );
    let date: runtime::Date = "2024-05-06".parse().unwrap();
    let by_date = technician.workload_with_day(&date);
    assert_eq!(
        by_date.path.as_str(),
        "/technicians('t1')/Field.Service.workload(day=2024-05-06)"
    );
    let instant: runtime::DateTimeOffset = "2024-05-06T08:00:00Z".parse().unwrap();
    let by_instant = technician.workload_with_day_2(&instant);
    assert!(by_instant
        .path
        .as_str()
        .contains("workload(day=2024-05-06T08:00:00"));

    let visit = service().visits().by_id(7);
    let plain = visit.dispatch({
        let mut value = VisitDispatchParameters::default();
        value.technician = runtime::Nullable::Value("t1".to_owned());
        value
    });
    assert_eq!(plain.method, Method::Post);
    assert_eq!(plain.path.as_str(), "/visits(7)/Field.Service.dispatch");
    let urgent = visit.dispatch_with_technician_and_urgent({
        let mut value = VisitDispatchParameters2::default();
        value.technician = runtime::Nullable::Value("t1".to_owned());
        value.urgent = runtime::Nullable::Value(true);
        value
    });
    assert_eq!(
        serde_json::to_value(urgent.body.as_ref().unwrap()).unwrap(),
        json!({"technician": "t1", "urgent": true})
    );

    let root = service();
    assert_eq!(root.resync().path.as_str(), "/resync");
    let since = root.resync_with_since(ResyncParameters::default());
    assert_eq!(since.path.as_str(), "/resync");
    assert_eq!(root.quote().path.as_str(), "/quote()");
    let hours: runtime::Decimal = "1.5".parse().unwrap();
    assert_eq!(
        root.quote_with_hours(&hours).path.as_str(),
        "/quote(hours=1.5)"
    );
    assert_eq!(root.quote_with_hours_2(&3).path.as_str(), "/quote(hours=3)");
}

/// import-target, container-extends, navigation-type: the imports that name the wrong kind
/// of operation are left out (the bound function stays callable where it is bound), the
/// container is generated with its own children, and the navigation property without a type
/// is not a field.
#[test]
fn what_cannot_be_generated_is_left_out() {
    let summary = service().technicians().by_id("t1").summary();
    assert_eq!(
        summary.path.as_str(),
        "/technicians('t1')/Field.Service.summary()"
    );
    let technician: Technician =
        serde_json::from_value(json!({"id": "t1", "supervisor": {"id": "t0"}})).unwrap();
    // Not a field: kept as sent among the additional properties.
    assert_eq!(
        technician.additional_properties.get("supervisor"),
        Some(&json!({"id": "t0"}))
    );
    assert_eq!(service().open_visits().path.as_str(), "/openVisits()");
}

/// redeclared: a derived type declaring its base's key and properties again has one field per
/// member and is addressed by the base type's key.
#[test]
fn members_and_keys_declared_again_are_the_base_types() {
    let inspection: models::Inspection =
        serde_json::from_value(json!({"id": 4, "cost": {"amount": 1}, "passed": true})).unwrap();
    assert_eq!(inspection.id.map(|id| id.value()), Some(4));
    assert!(inspection.cost.value().is_some());
    assert!(inspection.additional_properties.is_empty());
    let one = service().inspections().by_id(4_i64).get();
    assert_eq!(one.path.as_str(), "/inspections(4)");
}

/// alias-name: a type named through an alias with a hyphen is the type of that namespace.
#[test]
fn aliases_that_are_no_identifiers_still_name_their_types() {
    let visit: Visit = serde_json::from_value(json!({
        "id": 1,
        "lines": [{"item": "valve", "amount": {"amount": 12, "currency": "EUR"}}]
    }))
    .unwrap();
    let lines: &Vec<models::billing::InvoiceLine> = visit.lines.as_ref().unwrap();
    assert_eq!(lines[0].item.value().map(String::as_str), Some("valve"));
}

/// no-namespace: a schema written without `xmlns` is read as CSDL, its types generated.
#[test]
fn a_schema_in_no_namespace_is_read_as_csdl() {
    let sent = json!({"id": 1, "notes": [{"author": "t1", "text": "gasket replaced"}]});
    let visit: Visit = serde_json::from_value(sent.clone()).unwrap();
    let notes: &Vec<models::notes::Note> = visit.notes.as_ref().unwrap();
    assert_eq!(notes[0].author.value().map(String::as_str), Some("t1"));
    assert_eq!(serde_json::to_value(&visit).unwrap(), sent);
}

#[test]
fn a_complex_type_deriving_from_an_entity_type_keeps_the_bases_data_as_additional() {
    // `assignee` (complex) derives from `technician` (entity): generated without the base,
    // its own `id` and `shift` typed, what the base would add kept as sent.
    let sent = json!({"id": "t1", "shift": "night", "skills": "electrical", "rate": {"amount": 1}});
    let assignee: models::Assignee = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(assignee.id, runtime::Nullable::Value("t1".to_owned()));
    assert!(assignee.additional_properties.get("skills").is_some());
    assert_eq!(serde_json::to_value(&assignee).unwrap(), sent);
}
