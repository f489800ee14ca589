//! A delta round (`users/delta()`: every page through `@odata.nextLink`, then the changes
//! through `@odata.deltaLink`) with the typed requests the runtime builds from the links, for
//! both clients. odatapy has no delta functions, so a scripted handler (`scripted/`) plays
//! Graph's part, with its payloads: `@odata.count` on the first page, removed users as
//! `{"id", "@removed"}`.

mod scripted;

use assignments_sdk::{AsyncClient, Client, Error};
use graph_assignments::models::User;
use graph_assignments::runtime::{Collection, Request};
use graph_assignments::GraphService;
use scripted::{Answer, ScriptedServer};
use serde_json::json;

/// Graph's delta round for users; `delta_host` is where the last delta link points.
fn delta_service(delta_host: Option<&'static str>) -> ScriptedServer {
    ScriptedServer::start(move |seen, _, root| {
        let delta_root = delta_host.map_or(root.to_owned(), str::to_owned);
        let page = match seen.target.as_str() {
            "/users/delta()" => json!({
                "@odata.context": format!("{root}/$metadata#users"),
                "@odata.count": 3,
                "value": [{"id": "u1", "displayName": "Ada"}, {"id": "u2", "displayName": "Bob"}],
                "@odata.nextLink": format!("{root}/users/delta()?$skiptoken=p2"),
            }),
            "/users/delta()?$skiptoken=p2" => json!({
                "value": [{"id": "u3", "displayName": "Cy"}],
                "@odata.deltaLink": format!("{delta_root}/users/delta()?$deltatoken=d1"),
            }),
            "/users/delta()?$deltatoken=d1" => json!({
                "value": [
                    {"id": "u2", "@removed": {"reason": "deleted"}},
                    {"id": "u4", "displayName": "Dee"}
                ],
                "@odata.deltaLink": format!("{root}/users/delta()?$deltatoken=d2"),
            }),
            _ => return Answer::json(404, json!({"error": {"code": "404", "message": "no"}})),
        };
        Answer::json(200, page)
    })
}

fn ids(users: &[User]) -> Vec<&str> {
    users.iter().filter_map(|u| u.id.as_deref()).collect()
}

/// What the changes say: `u2` removed, `u4` new.
fn assert_changes(changes: &Collection<User>) {
    assert_eq!(ids(&changes.value), ["u2", "u4"]);
    let removed = changes.value[0].additional_properties.get("@removed");
    assert_eq!(removed, Some(&json!({"reason": "deleted"})));
    assert!(changes.value[1]
        .additional_properties
        .get("@removed")
        .is_none());
    assert!(changes
        .delta_link
        .as_deref()
        .unwrap()
        .ends_with("$deltatoken=d2"));
}

#[test]
fn a_delta_round_reads_every_page_then_the_changes() {
    let server = delta_service(None);
    let client = Client::new(server.root()).with_token("t");
    let delta: Request<(), Collection<User>> = GraphService::new().users().delta();
    assert_eq!(delta.path, "/users/delta()");

    let mut page = client.send(&delta).expect("first page");
    assert_eq!(page.count, Some(3));
    let mut users = std::mem::take(&mut page.value);
    while let Some(next) = page.next_request(client.service_root()) {
        page = client
            .send(&next.expect("on the service"))
            .expect("next page");
        users.append(&mut page.value);
    }
    assert_eq!(ids(&users), ["u1", "u2", "u3"]);
    assert_eq!(page.count, None);

    let changes = page
        .delta_request(client.service_root())
        .expect("a delta link");
    let changes = client
        .send(&changes.expect("on the service"))
        .expect("changes");
    assert_changes(&changes);
    let targets: Vec<String> = server.seen().into_iter().map(|s| s.target).collect();
    assert_eq!(
        targets,
        [
            "/users/delta()",
            "/users/delta()?$skiptoken=p2",
            "/users/delta()?$deltatoken=d1"
        ]
    );
    assert!(server
        .seen()
        .iter()
        .all(|s| s.header("authorization") == Some("Bearer t")));
}

#[test]
fn a_delta_link_to_another_host_is_not_followed() {
    let server = delta_service(Some("http://elsewhere.example"));
    let client = Client::new(server.root()).with_token("t");
    let first = client
        .send(&GraphService::new().users().delta())
        .expect("page 1");
    let next = first.next_request(client.service_root()).unwrap().unwrap();
    let last = client.send(&next).expect("page 2");
    let error: Error = last
        .delta_request(client.service_root())
        .expect("a delta link")
        .expect_err("foreign")
        .into();
    assert!(
        matches!(&error, Error::ForeignNextLink(link) if link.starts_with("http://elsewhere.example/")),
        "{error:?}"
    );
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn the_async_client_follows_the_same_round() {
    let server = delta_service(None);
    let client = AsyncClient::new(server.root());
    let delta = GraphService::new().users().delta();
    let users = client.list_all(&delta).await.expect("every page");
    assert_eq!(ids(&users), ["u1", "u2", "u3"]);
    // list_all ends on the last page; its delta link comes with it when read page by page.
    let mut page = client.send(&delta).await.expect("page 1");
    while let Some(next) = page.next_request(client.service_root()) {
        page = client.send(&next.unwrap()).await.expect("next page");
    }
    let changes = page.delta_request(client.service_root()).unwrap().unwrap();
    assert_changes(&client.send(&changes).await.expect("changes"));
}
