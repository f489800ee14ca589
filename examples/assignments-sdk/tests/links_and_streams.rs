//! Entity references (`$ref`), a media entity (`$value`) and a stream property, end to end:
//! the first two against odatapy (see `server/`), the stream property against a stream store
//! of the tests' own (`streams/`, on `scripted/`), since odatapy 5.3.0 does not serve stream
//! properties.

mod scripted;
mod server;
mod streams;

use assignments_sdk::{Client, Error};
use graph_assignments::models::{DirectoryObject, Invitation, ProfilePhoto, User};
use graph_assignments::runtime::{Bytes, KeyStyle, UrlConventions};
use graph_assignments::{model, GraphService};
use server::Server;

/// Graph's conventions (keys as segments), operations qualified (see the README).
fn graph() -> GraphService {
    GraphService::with_conventions(UrlConventions {
        key_style: KeyStyle::Segment,
        qualified_operations: true,
    })
}

/// Reference targets in the canonical form `directoryObjects('id')`: odatapy resolves an
/// `@odata.id` (and `$id`) only in that form.
fn canonical() -> GraphService {
    GraphService::with_conventions(UrlConventions {
        key_style: KeyStyle::Parentheses,
        qualified_operations: true,
    })
}

fn client(root: &str) -> Client {
    Client::new(root).with_token("e2e-token")
}

fn create_directory_object(client: &Client, id: &str) {
    let object = model!(DirectoryObject { id });
    client
        .send(&graph().directory_objects().create(object))
        .expect("directory object created");
}

fn create_user(client: &Client, id: &str) {
    let user = model!(User {
        id,
        display_name: "Ada"
    });
    client
        .send(&graph().users().create(user))
        .expect("user created");
}

#[test]
fn references_of_a_collection_are_added_listed_and_removed() {
    let Some(server) = Server::start("collection-references") else {
        return;
    };
    let client = client(server.root());
    for id in ["sponsor-1", "sponsor-2"] {
        create_directory_object(&client, id);
    }
    let invitation = model!(Invitation {
        id: "inv-1",
        invited_user_email_address: "ada@example.com",
        invite_redirect_url: "https://example.com/welcome"
    });
    client
        .send(&graph().invitations().create(invitation))
        .expect("invitation created");

    let sponsors = graph().invitations().by_id("inv-1").invited_user_sponsors();
    let references = sponsors.references();
    for id in ["sponsor-1", "sponsor-2"] {
        let target = canonical().directory_objects().by_id(id);
        client
            .send(&references.add(&target, server.root()))
            .expect("reference added");
    }
    let seen = server.last_seen();
    assert_eq!(
        (seen.method.as_str(), seen.url.as_str()),
        ("POST", "/invitations/inv-1/invitedUserSponsors/$ref")
    );
    assert_eq!(seen.content_type, "application/json");
    assert_eq!(
        seen.json(),
        serde_json::json!({
            "@odata.id": format!("{}/directoryObjects('sponsor-2')", server.root())
        })
    );

    let listed = client.send(&references.list()).expect("references read");
    let ids: Vec<&str> = listed.value.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            format!("{}/directoryObjects('sponsor-1')", server.root()),
            format!("{}/directoryObjects('sponsor-2')", server.root()),
        ]
    );
    // The context the service sent is kept with the page.
    assert!(listed.additional_properties.get("@odata.context").is_some());

    // Removed by a reference as listed; the entity itself stays.
    client
        .send(&references.remove(&listed.value[0], server.root()))
        .expect("reference removed");
    // The query as sent: reqwest's URL parser (WHATWG's) encodes `'` in the query of an
    // `http` URL.
    assert_eq!(
        server.last_seen().url,
        format!(
            "/invitations/inv-1/invitedUserSponsors/$ref?$id={}/directoryObjects(%27sponsor-1%27)",
            server.root()
        )
    );
    let left = client.list_all(&sponsors.list()).expect("sponsors read");
    let left: Vec<_> = left
        .iter()
        .map(|s| serde_json::to_value(s).expect("JSON")["id"].clone())
        .collect();
    assert_eq!(left, ["sponsor-2"]);
    client
        .send(&graph().directory_objects().by_id("sponsor-1").get())
        .expect("the unlinked entity is still there");
}

#[test]
fn the_reference_of_a_single_valued_navigation_is_set_read_and_deleted() {
    let Some(server) = Server::start("single-reference") else {
        return;
    };
    let client = client(server.root());
    create_user(&client, "ada");
    create_directory_object(&client, "boss");

    let manager = graph().users().by_id("ada").manager().reference();
    let boss = canonical().directory_objects().by_id("boss");
    client
        .send(&manager.set(&boss, server.root()))
        .expect("reference set");
    let seen = server.last_seen();
    assert_eq!(
        (seen.method.as_str(), seen.url.as_str()),
        ("PUT", "/users/ada/manager/$ref")
    );

    let read = client.send(&manager.get()).expect("reference read");
    assert_eq!(
        read.id,
        format!("{}/directoryObjects('boss')", server.root())
    );
    let followed = client
        .send(&graph().users().by_id("ada").manager().get())
        .expect("manager read through the link");
    assert_eq!(serde_json::to_value(&followed).expect("JSON")["id"], "boss");

    client.send(&manager.delete()).expect("reference deleted");
    assert_eq!(server.last_seen().method, "DELETE");
    // odatapy answers a navigation without a target with 404.
    match client.send(&manager.get()) {
        Err(Error::Service { status: 404, .. }) => {}
        other => panic!("expected a 404 once unlinked, got {other:?}"),
    }
}

#[test]
fn a_media_entity_is_uploaded_and_downloaded() {
    let Some(server) = Server::start("media-entity") else {
        return;
    };
    let client = client(server.root());
    create_user(&client, "ada");
    let photo = model!(ProfilePhoto {
        id: "48x48",
        height: 48,
        width: 48
    });
    client
        .send(&graph().users().by_id("ada").photos().create(photo))
        .expect("photo created");

    // Bytes that are no UTF-8 and no JSON.
    let png: Vec<u8> = vec![0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, b'\r', b'\n'];
    let media = graph().users().by_id("ada").photos().by_id("48x48").media();
    client
        .send(&media.put(png.clone(), "image/png"))
        .expect("media uploaded");
    let seen = server.last_seen();
    assert_eq!(
        (
            seen.method.as_str(),
            seen.url.as_str(),
            seen.content_type.as_str()
        ),
        ("PUT", "/users/ada/photos/48x48/$value", "image/png")
    );

    let downloaded = client.send(&media.get()).expect("media downloaded");
    assert_eq!(downloaded, Bytes::new(png, "image/png"));

    // The entity now says what its media is, in annotations the model keeps.
    let entity = client
        .send(&graph().users().by_id("ada").photos().by_id("48x48").get())
        .expect("photo read");
    let entity = serde_json::to_value(&entity).expect("JSON");
    assert_eq!(entity["@odata.mediaContentType"], "image/png");
    assert_eq!(entity["height"], 48);
}

#[test]
fn a_stream_property_is_uploaded_and_downloaded() {
    let server = streams::start();
    let client = client(&server.root());
    let payload = graph()
        .office_configuration()
        .client_configurations()
        .by_id("c1")
        .policy_payload();
    let path = "/officeConfiguration/clientConfigurations/c1/policyPayload";

    // Nothing stored yet: the service's JSON error, although the request wanted bytes.
    match client.send(&payload.get()) {
        Err(Error::Service { status: 404, error }) => assert_eq!(error.code, "itemNotFound"),
        other => panic!("expected a 404, got {other:?}"),
    }

    let bytes = br#"{"settings": [1, 2]}"#.to_vec();
    client
        .send(&payload.put(bytes.clone(), "application/octet-stream"))
        .expect("stream uploaded");
    let downloaded = client.send(&payload.get()).expect("stream downloaded");
    // Raw: JSON-looking bytes stay bytes, with the content type stored.
    assert_eq!(
        downloaded,
        Bytes::new(bytes.clone(), "application/octet-stream")
    );

    let seen = server.seen();
    let summary: Vec<(&str, &str, &str, &str)> = seen
        .iter()
        .map(|s| {
            (
                s.method.as_str(),
                s.target.as_str(),
                s.header("content-type").unwrap_or_default(),
                s.header("accept").unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("GET", path, "", "*/*"),
            ("PUT", path, "application/octet-stream", "application/json"),
            ("GET", path, "", "*/*"),
        ]
    );
    assert_eq!(seen[1].body, bytes);
}
