//! The async client end to end against odatapy (`server/`), the blocking tests' scenarios on
//! `AsyncClient` and tokio: create, read singly and as a collection, PATCH a value and
//! `null`, DELETE; the bound action `assign`; paging past the server's page size; a media
//! entity's raw bytes; server errors and mismatched responses as typed errors; a batch.

mod common;
#[allow(dead_code)] // the helpers other test files use
mod server;

use assignments_sdk::{AsyncClient, Error};
use graph_assignments::model;
use graph_assignments::models::{
    DeviceConfigurationAssignParameters, DeviceConfigurationAssignment, ProfilePhoto,
};
use graph_assignments::runtime::{Batch, Bytes, Collection, Method, NoContent, Nullable, Request};
use serde_json::{json, Value};
use server::{Server, PAGE_SIZE};

use common::{assignment, graph, user, windows10};

/// Runs `test` on a tokio runtime of its own. The tests are plain `#[test]`s: the server
/// starts (and is polled) with reqwest's blocking client, which must not run inside one.
fn block_on<F: std::future::Future>(test: F) -> F::Output {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    runtime.expect("a tokio runtime").block_on(test)
}

/// A client for `server` with `dc-1`, a Windows 10 configuration, created.
async fn client_with_configuration(server: &Server) -> AsyncClient {
    let client = AsyncClient::new(server.root()).with_token("e2e-token");
    let configurations = graph().device_management().device_configurations();
    client
        .send(&configurations.create(windows10("dc-1")))
        .await
        .expect("configuration created");
    client
}

#[test]
fn create_read_update_delete() {
    let Some(server) = Server::start("async-crud") else {
        return;
    };
    block_on(async {
        let client = client_with_configuration(&server).await;
        let assignments = graph()
            .device_management()
            .device_configurations()
            .by_id("dc-1")
            .assignments();
        let created = client
            .send(&assignments.create(assignment("a-1", "g-1")))
            .await
            .expect("created");
        let seen = server.last_seen();
        assert_eq!(
            (seen.method.as_str(), seen.content_type.as_str()),
            ("POST", "application/json")
        );
        assert_eq!(seen.json()["target"]["groupId"], "g-1");

        let one = assignments.by_id("a-1");
        assert_eq!(client.send(&one.get()).await.expect("read"), created);
        let all = client.list_all(&assignments.list()).await.expect("list");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].target, created.target);

        let source = model!(DeviceConfigurationAssignment {
            source_id: "policy-set-7"
        });
        let _: NoContent = client.send(&one.update(source)).await.expect("PATCH");
        assert_eq!(server.last_seen().method, "PATCH");
        let read = client.send(&one.get()).await.expect("read");
        assert_eq!(read.source_id, Nullable::Value("policy-set-7".to_owned()));
        let cleared = model!(DeviceConfigurationAssignment { source_id: null });
        client.send(&one.update(cleared)).await.expect("PATCH null");
        assert_eq!(server.last_seen().json(), json!({ "sourceId": null }));
        let read = client.send(&one.get()).await.expect("read");
        assert_eq!(read.source_id, Nullable::Null);
        assert_eq!(
            read.target, created.target,
            "PATCH kept what it did not send"
        );

        client.send(&one.delete()).await.expect("DELETE");
        let error = client.send(&one.get()).await.expect_err("deleted");
        assert_eq!(error.status(), Some(404), "{error}");
    })
}

#[test]
fn assign_a_bound_action() {
    let Some(server) = Server::start("async-assign") else {
        return;
    };
    block_on(async {
        let client = client_with_configuration(&server).await;
        let configuration = graph()
            .device_management()
            .device_configurations()
            .by_id("dc-1");
        let parameters = model!(DeviceConfigurationAssignParameters {
            assignments: [assignment("x-1", "g-1"), assignment("x-2", "g-2")],
        });
        let assigned = client
            .send(&configuration.assign(parameters))
            .await
            .expect("assign");
        assert_eq!(
            server.last_seen().url,
            "/deviceManagement/deviceConfigurations/dc-1/microsoft.graph.assign"
        );
        assert_eq!(assigned.value.len(), 2);
        let listed = client
            .list_all(&configuration.assignments().list())
            .await
            .expect("list");
        assert_eq!(listed, assigned.value);
    })
}

#[test]
fn a_collection_larger_than_a_page_is_read_through_next_links() {
    let Some(server) = Server::start("async-paging") else {
        return;
    };
    block_on(async {
        let client = client_with_configuration(&server).await;
        let assignments = graph()
            .device_management()
            .device_configurations()
            .by_id("dc-1")
            .assignments();
        let total = 2 * PAGE_SIZE + 2;
        for n in 0..total {
            let create = assignments.create(assignment(&format!("a-{n:02}"), "g"));
            client.send(&create).await.expect("created");
        }
        // Page by page, through the requests the runtime makes of the links.
        let mut page = client.send(&assignments.list()).await.expect("page 1");
        let mut sizes = vec![page.value.len()];
        while let Some(next) = page.next_request(client.service_root()) {
            page = client
                .send(&next.expect("on the service"))
                .await
                .expect("page");
            sizes.push(page.value.len());
        }
        assert_eq!(sizes, [PAGE_SIZE, PAGE_SIZE, 2]);
        let all = client.list_all(&assignments.list()).await.expect("all");
        let ids: Vec<String> = all.into_iter().filter_map(|a| a.id).collect();
        let expected: Vec<String> = (0..total).map(|n| format!("a-{n:02}")).collect();
        assert_eq!(ids, expected);
        let reads = server.seen().into_iter().filter(|s| s.method == "GET");
        assert_eq!(reads.filter(|s| s.url.contains("skiptoken")).count(), 4);
    })
}

#[test]
fn a_media_entity_is_uploaded_and_downloaded() {
    let Some(server) = Server::start("async-media") else {
        return;
    };
    block_on(async {
        let client = AsyncClient::new(server.root());
        client
            .send(&graph().users().create(user("ada", "Ada")))
            .await
            .expect("user created");
        let photo = model!(ProfilePhoto { id: "48x48" });
        client
            .send(&graph().users().by_id("ada").photos().create(photo))
            .await
            .expect("photo created");
        let png: Vec<u8> = vec![0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, b'\r', b'\n'];
        let media = graph().users().by_id("ada").photos().by_id("48x48").media();
        client
            .send(&media.put(png.clone(), "image/png"))
            .await
            .expect("uploaded");
        assert_eq!(server.last_seen().content_type, "image/png");
        let downloaded = client.send(&media.get()).await.expect("downloaded");
        assert_eq!(downloaded, Bytes::new(png, "image/png"));
    })
}

#[test]
fn server_errors_and_mismatched_responses_are_typed() {
    let Some(server) = Server::start("async-errors") else {
        return;
    };
    block_on(async {
        let client = client_with_configuration(&server).await;
        let configurations = graph().device_management().device_configurations();

        let error = client
            .send(&configurations.by_id("no-such-id").get())
            .await
            .expect_err("unknown key");
        assert!(
            matches!(&error, Error::Service { status: 404, error } if error.code == "404"),
            "{error:?}"
        );

        let bad: Request<Value, Value> = Request::new(
            Method::Post,
            configurations.path().clone(),
            Some(json!({
                "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
                "displayName": 42
            })),
        );
        let error = client.send(&bad).await.expect_err("bad body");
        assert_eq!((error.status(), error.code()), (Some(400), Some("400")));

        let items_as_numbers: Request<(), Collection<i64>> =
            Request::new(Method::Get, configurations.path().clone(), None);
        let error = client.send(&items_as_numbers).await.expect_err("mismatch");
        assert!(
            matches!(&error, Error::UnexpectedResponse { path, .. } if path == "value[0]"),
            "{error:?}"
        );
    })
}

#[test]
fn a_batch_goes_as_one_request() {
    let Some(server) = Server::start("async-batch") else {
        return;
    };
    block_on(async {
        let client = client_with_configuration(&server).await;
        let configurations = graph().device_management().device_configurations();
        let mut batch = Batch::new();
        let read = batch.add(&configurations.by_id("dc-1").get()).unwrap();
        let missing = batch.add(&configurations.by_id("nope").get()).unwrap();
        let count = batch.add(&graph().users().count()).unwrap();
        let responses = client.send_batch(&batch).await.expect("the batch");
        let batches = server
            .seen()
            .into_iter()
            .filter(|s| s.url == "/$batch")
            .count();
        assert_eq!(batches, 1);
        assert!(responses.get(&read).is_ok());
        assert_eq!(
            responses.get(&missing).expect_err("404").status(),
            Some(404)
        );
        assert_eq!(responses.get(&count).expect("count"), 0);
    })
}
