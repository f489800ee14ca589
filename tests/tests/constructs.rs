//! Real-world CSDL constructs (`tests/golden/constructs.csdl.xml` and the files it references)
//! as generated code: each construct checked through the API it became.

use std::path::PathBuf;

use odata_codegen::Config;
use odata_codegen_tests::golden::constructs::{models, paths, runtime};
use odata_codegen_tests::workspace;
use serde_json::json;

use models::demo_catalog::Product;
use models::demo_sales::{
    Order, OrderCancelParameters, OrderCollectionCancelParameters, OrderKey, Region, ShipmentKey,
};
use models::demo_sales_reporting::Summary;
use models::demo_units::WeightUnit;
use paths::{DemoCatalogCatalogService, DemoSalesSalesService};
use runtime::{KeyStyle, Method, Nullable, UrlConventions};

fn input() -> PathBuf {
    workspace().join("tests/golden/constructs.csdl.xml")
}

fn standard() -> DemoSalesSalesService {
    DemoSalesSalesService::with_conventions(UrlConventions {
        key_style: KeyStyle::Parentheses,
        qualified_operations: true,
    })
}

#[test]
fn composite_keys_with_an_enum_part() {
    let key = OrderKey {
        region: Region::North,
        number: 7,
    };
    let request = standard().orders().by_id(key).get();
    assert_eq!(
        request.path.as_str(),
        "/Orders(Region=Demo.Sales.Region'North',Number=7)"
    );
}

#[test]
fn keys_with_property_paths_use_their_aliases() {
    let key = ShipmentKey {
        carrier: "UPS".to_owned(),
        tracking_code: "1Z".to_owned(),
    };
    let request = standard().shipments().by_id(key).get();
    assert_eq!(
        request.path.as_str(),
        "/Shipments(Carrier='UPS',TrackingCode='1Z')"
    );
}

#[test]
fn containment_and_navigation_into_other_files() {
    let key = OrderKey {
        region: Region::South,
        number: 1,
    };
    let request = standard()
        .orders()
        .by_id(key)
        .lines()
        .by_id(3)
        .product()
        .get();
    assert_eq!(
        request.path.as_str(),
        "/Orders(Region=Demo.Sales.Region'South',Number=1)/Lines(3)/Product"
    );
}

#[test]
fn overloads_across_unbound_single_and_collection_binding() {
    let service = standard();
    let unbound = service.top_orders(&5);
    assert_eq!(unbound.path.as_str(), "/TopOrders(Count=5)");
    let by_region = service.top_orders_with_count_and_region(&5, &Region::South);
    assert_eq!(
        by_region.path.as_str(),
        "/TopOrders(Count=5,Region=Demo.Sales.Region'South')"
    );
    // Bound to a customer (the EntitySetPath function), returning that customer's orders.
    let customer = uuid_key();
    let bound = service.customers().by_id(customer).top_orders(&2);
    assert_eq!(bound.method, Method::Get);
    assert!(
        bound
            .path
            .as_str()
            .ends_with(")/Demo.Sales.TopOrders(Count=2)"),
        "{}",
        bound.path.as_str()
    );
    let body = {
        let mut value = OrderCancelParameters::default();
        value.reason = Nullable::Value("duplicate".to_owned());
        value
    };
    let key = OrderKey {
        region: Region::North,
        number: 1,
    };
    let single = service.orders().by_id(key).cancel(body);
    assert_eq!(single.method, Method::Post);
    assert!(single.path.as_str().ends_with(")/Demo.Sales.Cancel"));
    let body = {
        let mut value = OrderCollectionCancelParameters::default();
        value.reason = Nullable::Null;
        value
    };
    let collection = service.orders().cancel(body);
    assert_eq!(collection.path.as_str(), "/Orders/Demo.Sales.Cancel");
}

fn uuid_key() -> runtime::Guid {
    "0e9a6c4b-5b1e-4a55-9a43-6b2d2f6f8c10".parse().unwrap()
}

#[test]
fn container_extends_brings_the_base_entity_sets() {
    let extended = DemoSalesSalesService::new().products().by_id(1).get();
    let base = DemoCatalogCatalogService::new().products().by_id(1).get();
    assert_eq!(extended.path.as_str(), base.path.as_str());
}

#[test]
fn type_definitions_are_their_underlying_primitives() {
    let order: Order = serde_json::from_value(json!({
        "Region": "North", "Number": 4, "Total": 12.5
    }))
    .unwrap();
    assert_eq!(order.number, Some(4));
    let Nullable::Value(total) = &order.total else {
        panic!("{order:?}")
    };
    assert_eq!(total.as_str(), "12.5");
    assert_eq!(
        serde_json::to_value(&order).unwrap(),
        json!({"Region": "North", "Number": 4, "Total": 12.5})
    );
}

#[test]
fn bare_schema_with_a_byte_order_mark_and_second_schema_types() {
    let product: Product = serde_json::from_value(json!({
        "ID": 1, "Weight": {"Amount": 1.5, "Unit": "Kilogram"}
    }))
    .unwrap();
    let Nullable::Value(weight) = product.weight else {
        panic!()
    };
    assert_eq!(weight.unit, Some(WeightUnit::Kilogram));
    let summary: Summary =
        serde_json::from_value(json!({"Region": "South", "Best": [{"ID": 2}]})).unwrap();
    assert_eq!(summary.region, Some(Region::South));
    assert_eq!(summary.best.map(|b| b.len()), Some(1));
}

#[test]
fn the_model_has_every_construct() {
    let mut config = Config::new();
    config.input(input());
    let loaded = config.load().expect("loads");
    let model = &loaded.model;
    let namespaces: Vec<&str> = model.namespaces.iter().map(|n| n.name.as_str()).collect();
    for expected in [
        "Demo.Sales",
        "Demo.Sales.Reporting",
        "Demo.Catalog",
        "Demo.Units",
    ] {
        assert!(namespaces.contains(&expected), "{namespaces:?}");
    }
    // Three files: the input, catalog.xml beside it, units.xml relative to catalog.xml.
    assert_eq!(loaded.files.len(), 3, "{:?}", loaded.files);
    assert!(loaded.files[2].ends_with("constructs/common/units.xml"));
    let overloads = &model.operation_names["Demo.Sales.TopOrders"];
    assert_eq!(overloads.len(), 3);
    let bound = model.operation(overloads[2]);
    assert_eq!(bound.entity_set_path.as_deref(), Some("customer/Orders"));
    // Only the non-standard vocabulary warns: Org.OData.Core.V1 is known by name.
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("Demo.Vocabulary.xml` was not read"),
        "{}",
        warnings[0]
    );
}
