//! Typed query options end to end: `select`, `expand` with nested options, `filter` and
//! `order_by` built from the generated property constants, sent by the SDK to the real OData
//! server (odatapy, see `server/`), which evaluates them; the tests check its answers and the
//! query string it received.
// Shared with the other end-to-end tests; these send GETs only and use part of it.
#[allow(dead_code)]
mod server;

use assignments_sdk::Client;
use graph_assignments::models::{
    AllDevicesAssignmentTarget, AnyDeviceAndAppManagementAssignmentTarget, AnyDeviceConfiguration,
    DeviceAndAppManagementAssignmentSource, DeviceConfiguration, DeviceConfigurationAssignment,
    GroupAssignmentTarget, IosGeneralDeviceConfiguration, Windows10GeneralConfiguration,
    WindowsStartMenuAppListVisibilityType, WindowsUpdateForBusinessConfiguration,
};
use graph_assignments::runtime::{
    it, CollectionRef, DateTimeOffset, Filter, Flags, KeyStyle, UrlConventions,
};
use graph_assignments::{model, GraphService};
use serde_json::Value;
use server::Server;

type Source = DeviceAndAppManagementAssignmentSource;
type Visibility = WindowsStartMenuAppListVisibilityType;

/// Keys as segments, operations qualified (what odatapy resolves; see the README).
fn graph() -> GraphService {
    GraphService::with_conventions(UrlConventions {
        key_style: KeyStyle::Segment,
        qualified_operations: true,
    })
}

fn configurations() -> CollectionRef<DeviceConfiguration> {
    graph().device_management().device_configurations()
}

fn date_time(text: &str) -> DateTimeOffset {
    text.parse().expect("an RFC 3339 date-time")
}

/// Four device configurations of three derived types, and assignments of two of them:
///
/// | id | type | displayName | version | created | other |
/// | --- | --- | --- | --- | --- | --- |
/// | w1 | Windows 10 | Windows baseline | 3 | 2024-01-10 | start menu `collapse,remove`, tags 0 and 7; assignments a1 (group g1, direct) and a2 (all devices, policy sets) |
/// | w2 | Windows 10 | Windows O'Brien | 1 | 2024-03-01 | start menu `remove` |
/// | i1 | iOS | iOS strict | 2 | 2024-02-01 | assignment a3 (group g2, direct) |
/// | u1 | update ring | Update ring | 5 | 2024-04-01 | |
fn populate(client: &Client) {
    let w1 = model!(Windows10GeneralConfiguration {
        id: "w1",
        display_name: "Windows baseline",
        version: 3,
        created_date_time: date_time("2024-01-10T00:00:00Z"),
        start_menu_app_list_visibility: Flags(vec![Visibility::Collapse, Visibility::Remove]),
        role_scope_tag_ids: ["0".to_owned(), "7".to_owned()],
    });
    let w2 = model!(Windows10GeneralConfiguration {
        id: "w2",
        display_name: "Windows O'Brien",
        version: 1,
        created_date_time: date_time("2024-03-01T00:00:00Z"),
        start_menu_app_list_visibility: Flags(vec![Visibility::Remove]),
    });
    let i1 = model!(IosGeneralDeviceConfiguration {
        id: "i1",
        display_name: "iOS strict",
        version: 2,
        created_date_time: date_time("2024-02-01T00:00:00Z"),
    });
    let u1 = model!(WindowsUpdateForBusinessConfiguration {
        id: "u1",
        display_name: "Update ring",
        version: 5,
        created_date_time: date_time("2024-04-01T00:00:00Z"),
    });
    let all: [AnyDeviceConfiguration; 4] = [w1.into(), w2.into(), i1.into(), u1.into()];
    for configuration in all {
        client
            .send(&configurations().create(configuration))
            .expect("configuration created");
    }
    let assign = |configuration: &str, id: &str, source: Source, group: Option<&str>| {
        let target: AnyDeviceAndAppManagementAssignmentTarget = match group {
            Some(group) => model!(GroupAssignmentTarget { group_id: group }).into(),
            None => AllDevicesAssignmentTarget::default().into(),
        };
        let assignment = model!(DeviceConfigurationAssignment { id, source, target });
        let request = configurations()
            .by_id(configuration)
            .assignments()
            .create(assignment);
        client.send(&request).expect("assignment created");
    };
    assign("w1", "a1", Source::Direct, Some("g1"));
    assign("w1", "a2", Source::PolicySets, None);
    assign("i1", "a3", Source::Direct, Some("g2"));
}

fn start(test: &str) -> Option<(Server, Client)> {
    let server = Server::start(test)?;
    let client = Client::new(server.root()).with_token("e2e-token");
    populate(&client);
    Some((server, client))
}

/// Each item as the JSON the client would send back: what it read.
fn json<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|item| serde_json::to_value(item).expect("a model writes as JSON"))
        .collect()
}

fn ids(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|item| item["id"].as_str().expect("an id"))
        .collect()
}

/// The properties an item came with, `@odata.type` aside, in name order.
fn keys(item: &Value) -> Vec<&str> {
    let object = item.as_object().expect("an object");
    let mut keys: Vec<&str> = object
        .keys()
        .map(String::as_str)
        .filter(|key| !key.starts_with('@'))
        .collect();
    keys.sort_unstable();
    keys
}

/// The server's last request was a GET of `url` (path decoded, query as sent).
fn assert_saw_get(server: &Server, url: &str) {
    let seen = server.last_seen();
    assert_eq!((seen.method.as_str(), seen.url.as_str()), ("GET", url));
}

/// The ids of the configurations the server finds for `condition`, in id order.
fn matching(client: &Client, condition: Filter<DeviceConfiguration>) -> Vec<String> {
    let request = configurations()
        .list()
        .filter(condition)
        .select(DeviceConfiguration::ID)
        .order_by(DeviceConfiguration::ID);
    let found = client.list_all(&request).expect("a filtered list");
    ids(&json(&found)).into_iter().map(str::to_owned).collect()
}

#[test]
fn typed_select_and_order_by() {
    let Some((server, client)) = start("typed-select") else {
        return;
    };
    let request = configurations()
        .list()
        .select((
            DeviceConfiguration::ID,
            DeviceConfiguration::DISPLAY_NAME,
            DeviceConfiguration::VERSION,
        ))
        .order_by(DeviceConfiguration::VERSION.desc());
    let found = json(&client.list_all(&request).expect("a list"));
    assert_saw_get(
        &server,
        "/deviceManagement/deviceConfigurations?$select=id,displayName,version&$orderby=version%20desc",
    );
    assert_eq!(ids(&found), ["u1", "w1", "i1", "w2"]);
    // Only what was selected came back (the creation dates, set on every one, did not).
    for item in &found {
        assert_eq!(keys(item), ["displayName", "id", "version"], "{item}");
    }
    assert_eq!(found[3]["displayName"], "Windows O'Brien");

    // Several keys, a derived type's property qualified by its type, ascending by default.
    let request = configurations()
        .list()
        .select((
            DeviceConfiguration::ID,
            Windows10GeneralConfiguration::START_MENU_APP_LIST_VISIBILITY
                .for_base::<DeviceConfiguration>(),
        ))
        .order_by((
            DeviceConfiguration::DISPLAY_NAME.to_lower(),
            DeviceConfiguration::ID.desc(),
        ));
    let found = json(&client.list_all(&request).expect("a list"));
    assert_eq!(ids(&found), ["i1", "u1", "w1", "w2"]);
    assert_eq!(found[2]["startMenuAppListVisibility"], "collapse,remove");
    assert_eq!(keys(&found[1]), ["id"]);
}

#[test]
fn typed_expand_with_nested_options() {
    let Some((server, client)) = start("typed-expand") else {
        return;
    };
    let request = configurations()
        .list()
        .select(DeviceConfiguration::ID)
        .expand(
            DeviceConfiguration::ASSIGNMENTS
                .select((
                    DeviceConfigurationAssignment::ID,
                    DeviceConfigurationAssignment::TARGET,
                ))
                .order_by(DeviceConfigurationAssignment::ID.desc()),
        )
        .filter(DeviceConfiguration::ASSIGNMENTS.is_not_empty())
        .order_by(DeviceConfiguration::ID);
    let found = client.list_all(&request).expect("a list with assignments");
    assert_saw_get(
        &server,
        "/deviceManagement/deviceConfigurations?$select=id\
         &$expand=assignments($select=id,target%3B$orderby=id%20desc)\
         &$filter=assignments/any()&$orderby=id",
    );
    let found = json(&found);
    assert_eq!(ids(&found), ["i1", "w1"]);
    let w1 = &found[1]["assignments"];
    let w1 = w1.as_array().expect("expanded assignments");
    assert_eq!(ids(w1), ["a2", "a1"]);
    for assignment in w1 {
        // The nested $select: no `source`, no server-only `intent`.
        assert_eq!(keys(assignment), ["id", "target"], "{assignment}");
    }
    assert_eq!(w1[1]["target"]["groupId"], "g1");
    assert_eq!(
        w1[0]["target"]["@odata.type"],
        "#microsoft.graph.allDevicesAssignmentTarget"
    );

    // A nested $filter over an enum and a cast complex property, from one entity.
    let request = configurations().by_id("w1").get().expand(
        DeviceConfiguration::ASSIGNMENTS
            .filter(
                DeviceConfigurationAssignment::SOURCE
                    .eq(Source::Direct)
                    .and(
                        DeviceConfigurationAssignment::TARGET
                            .cast::<GroupAssignmentTarget>()
                            .then(GroupAssignmentTarget::GROUP_ID)
                            .eq("g1"),
                    ),
            )
            .select(DeviceConfigurationAssignment::ID),
    );
    let w1 =
        serde_json::to_value(client.send(&request).expect("w1 with assignments")).expect("JSON");
    assert_eq!(
        ids(w1["assignments"].as_array().expect("assignments")),
        ["a1"]
    );
}

#[test]
fn typed_filters() {
    let Some((_server, client)) = start("typed-filter") else {
        return;
    };
    type C = DeviceConfiguration;
    let cases: Vec<(Filter<C>, &[&str])> = vec![
        (C::DISPLAY_NAME.starts_with("Windows"), &["w1", "w2"]),
        // A quote in a string literal, doubled.
        (C::DISPLAY_NAME.eq("Windows O'Brien"), &["w2"]),
        (
            C::DISPLAY_NAME.ends_with("ring").or(C::ID.eq("i1")),
            &["i1", "u1"],
        ),
        (C::DISPLAY_NAME.to_lower().contains("ios"), &["i1"]),
        (C::VERSION.gt(1).and(C::VERSION.lt(5)), &["i1", "w1"]),
        (C::VERSION.ge(3).not(), &["i1", "w2"]),
        (C::VERSION.is_in([1, 5]), &["u1", "w2"]),
        (C::VERSION.add(1).mul(2).eq(8), &["w1"]),
        (C::VERSION.modulo(2).eq(0), &["i1"]),
        (C::DISPLAY_NAME.length().le(11), &["i1", "u1"]),
        (
            C::CREATED_DATE_TIME.lt(date_time("2024-02-15T00:00:00Z")),
            &["i1", "w1"],
        ),
        // Lambdas: a primitive collection, and the contained assignments with an enum.
        (C::ROLE_SCOPE_TAG_IDS.any(|tag| tag.eq("7")), &["w1"]),
        (
            C::ASSIGNMENTS.any(|a| {
                a.then(DeviceConfigurationAssignment::SOURCE)
                    .eq(Source::PolicySets)
            }),
            &["w1"],
        ),
        (
            C::ASSIGNMENTS.is_not_empty().and(C::ASSIGNMENTS.all(|a| {
                a.then(DeviceConfigurationAssignment::SOURCE)
                    .eq(Source::Direct)
            })),
            &["i1"],
        ),
        (C::ASSIGNMENTS.count().eq(2), &["w1"]),
        // Types: isof on the instance, a derived type's flags property with `has`.
        (
            it::<C>().is_of::<Windows10GeneralConfiguration>(),
            &["w1", "w2"],
        ),
        (
            Windows10GeneralConfiguration::START_MENU_APP_LIST_VISIBILITY
                .for_base::<C>()
                .has(Visibility::Collapse),
            &["w1"],
        ),
        // The escape hatch, combined with a typed condition.
        (
            Filter::raw("version eq 1 or version eq 2").and(C::ID.ne("i1")),
            &["w2"],
        ),
    ];
    for (condition, expected) in cases {
        let text = condition.to_string();
        assert_eq!(matching(&client, condition), expected, "$filter={text}");
    }
}

#[test]
fn typed_filter_on_a_derived_collection() {
    let Some((server, client)) = start("typed-filter-cast") else {
        return;
    };
    type W = Windows10GeneralConfiguration;
    let request = configurations()
        .as_windows10_general_configuration()
        .list()
        .filter(W::START_MENU_APP_LIST_VISIBILITY.has(Visibility::Remove))
        .select((W::ID, W::START_MENU_APP_LIST_VISIBILITY))
        .order_by(W::VERSION);
    let found = client
        .list_all(&request)
        .expect("Windows 10 configurations");
    // reqwest (the WHATWG URL rules) percent-encodes the `'` the runtime leaves readable; OData
    // takes both (SQUOTE = "'" / "%27").
    assert_saw_get(
        &server,
        "/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration\
         ?$filter=startMenuAppListVisibility%20has%20microsoft.graph.windowsStartMenuAppListVisibilityType%27remove%27\
         &$select=id,startMenuAppListVisibility&$orderby=version",
    );
    let ids: Vec<&str> = found.iter().filter_map(|w| w.id.as_deref()).collect();
    assert_eq!(ids, ["w2", "w1"]);
    assert_eq!(
        found[1].start_menu_app_list_visibility,
        Some(Flags(vec![Visibility::Collapse, Visibility::Remove]))
    );
}
