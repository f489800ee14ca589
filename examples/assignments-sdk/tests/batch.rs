//! JSON batches end to end against odatapy (`server/`): typed responses by handle, one
//! request failing on its own, `dependsOn`, atomicity groups, and a batch split at the
//! client's maximum with linked requests kept together.

mod common;
#[allow(dead_code)] // the helpers other test files use
mod server;

use assignments_sdk::{Client, Error};
use graph_assignments::models::{AnyDeviceConfiguration, DeviceConfigurationAssignment};
use graph_assignments::runtime::{Batch, BatchItemError, BatchOptions, Method, Request};
use serde_json::{json, Value};
use server::{Seen, Server};

use common::{assignment, graph, user, windows10};

fn batches(server: &Server) -> Vec<Seen> {
    let seen = server.seen().into_iter();
    seen.filter(|s| s.method == "POST" && s.url == "/$batch")
        .collect()
}

#[test]
fn a_batch_of_generated_requests_reads_each_response_typed_one_failing() {
    let Some(server) = Server::start("batch") else {
        return;
    };
    let client = Client::new(server.root()).with_token("e2e-token");
    let configurations = graph().device_management().device_configurations();
    client
        .send(&configurations.create(windows10("dc-1")))
        .expect("configuration created");
    let configuration = configurations.by_id("dc-1");

    let mut batch = Batch::new();
    let read = batch.add(&configuration.get()).unwrap();
    let create = batch
        .add(&configuration.assignments().create(assignment("a-1", "g-1")))
        .unwrap();
    let after_create = BatchOptions::new().depends_on(create.id());
    let list = batch
        .add_with(&configuration.assignments().list(), after_create)
        .unwrap();
    let missing = batch
        .add(&configurations.by_id("no-such-id").get())
        .unwrap();
    let add_user = batch
        .add(&graph().users().create(user("ada", "Ada")))
        .unwrap();
    let count = batch
        .add_with(
            &graph().users().count(),
            BatchOptions::new().depends_on(add_user.id()),
        )
        .unwrap();
    let responses = client.send_batch(&batch).expect("the batch");

    // One POST $batch carried them all, with URLs relative to the service root.
    let sent = batches(&server);
    assert_eq!(sent.len(), 1);
    let requests = sent[0].json()["requests"].clone();
    assert_eq!(requests.as_array().map(Vec::len), Some(6));
    assert_eq!(
        requests[0],
        json!({"id": "1", "method": "GET", "url": "deviceManagement/deviceConfigurations/dc-1"})
    );
    assert_eq!(requests[2]["dependsOn"], json!(["2"]));

    let AnyDeviceConfiguration::Windows10GeneralConfiguration(read) =
        responses.get(&read).expect("read")
    else {
        panic!("not the Windows 10 configuration")
    };
    assert_eq!(read.id.as_deref(), Some("dc-1"));
    let created: DeviceConfigurationAssignment = responses.get(&create).expect("created");
    assert_eq!(created.id.as_deref(), Some("a-1"));
    let listed = responses.get(&list).expect("listed").value;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id.as_deref(), Some("a-1"));
    assert_eq!(responses.get(&count).expect("counted"), 1);
    assert_eq!(responses.response(add_user.id()).unwrap().status, 201);

    // The failing request fails alone, with the service's error, also as the SDK's error.
    let failure = responses.get(&missing).expect_err("unknown key");
    assert!(
        matches!(&failure, BatchItemError::Service { status: 404, error } if error.code == "404"),
        "{failure:?}"
    );
    let error: Error = failure.into();
    assert_eq!((error.status(), error.code()), (Some(404), Some("404")));
}

#[test]
fn a_batch_over_the_maximum_goes_as_several_linked_requests_together() {
    let Some(server) = Server::start("batch-split") else {
        return;
    };
    let client = Client::new(server.root()).with_max_batch_size(3);
    let configurations = graph().device_management().device_configurations();
    client
        .send(&configurations.create(windows10("dc-1")))
        .expect("configuration created");
    let assignments = configurations.by_id("dc-1").assignments();

    let mut batch = Batch::new();
    let group = || BatchOptions::new().atomicity_group("assign");
    let first = batch
        .add_with(&assignments.create(assignment("a-1", "g-1")), group())
        .unwrap();
    let second = batch
        .add_with(&assignments.create(assignment("a-2", "g-2")), group())
        .unwrap();
    let list = batch
        .add_with(
            &assignments.list(),
            BatchOptions::new().depends_on("assign"),
        )
        .unwrap();
    let read = batch.add(&configurations.by_id("dc-1").get()).unwrap();
    let users = batch.add(&graph().users().list()).unwrap();

    // Three requests are linked: a maximum of 2 cannot send them, and nothing is sent.
    let error = client
        .clone()
        .with_max_batch_size(2)
        .send_batch(&batch)
        .expect_err("too large");
    assert!(
        matches!(&error, Error::BatchTooLarge { ids, max: 2 } if ids == &["1", "2", "3"]),
        "{error:?}"
    );
    assert!(batches(&server).is_empty());

    let responses = client.send_batch(&batch).expect("the batch");
    let sent: Vec<Vec<Value>> = batches(&server)
        .iter()
        .map(|s| s.json()["requests"].as_array().cloned().unwrap())
        .collect();
    let ids: Vec<Vec<&str>> = sent
        .iter()
        .map(|part| part.iter().map(|r| r["id"].as_str().unwrap()).collect())
        .collect();
    assert_eq!(ids, [vec!["1", "2", "3"], vec!["4", "5"]]);
    assert_eq!(sent[0][1]["atomicityGroup"], "assign");

    assert_eq!(responses.get(&first).unwrap().id.as_deref(), Some("a-1"));
    assert_eq!(responses.get(&second).unwrap().id.as_deref(), Some("a-2"));
    assert_eq!(responses.get(&list).unwrap().value.len(), 2);
    assert!(responses.get(&read).is_ok());
    assert!(responses.get(&users).unwrap().value.is_empty());
}

#[test]
fn an_atomicity_group_fails_as_a_whole() {
    let Some(server) = Server::start("batch-atomic") else {
        return;
    };
    let client = Client::new(server.root());
    let configurations = graph().device_management().device_configurations();
    // A string property sent as a number: the service refuses it.
    let bad: Request<Value, AnyDeviceConfiguration> = Request::new(
        Method::Post,
        configurations.path().clone(),
        Some(json!({
            "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
            "displayName": 42
        })),
    );
    let mut batch = Batch::new();
    let group = || BatchOptions::new().atomicity_group("both");
    let good = batch
        .add_with(&configurations.create(windows10("dc-2")), group())
        .unwrap();
    let bad = batch.add_with(&bad, group()).unwrap();
    let after = batch
        .add_with(
            &configurations.list(),
            BatchOptions::new().depends_on("both"),
        )
        .unwrap();
    let responses = client.send_batch(&batch).expect("the batch");

    assert_eq!(
        responses.get(&bad).expect_err("refused").status(),
        Some(400)
    );
    // The group's answer is its failure; the request that had succeeded has none of its own.
    assert!(matches!(
        responses.get(&good),
        Err(BatchItemError::NotAnswered(id)) if id == "1"
    ));
    // What depended on the group did not run.
    assert_eq!(responses.get(&after).expect_err("424").status(), Some(424));
    let all = client.list_all(&configurations.list()).expect("list");
    assert!(all.is_empty(), "rolled back: {all:?}");
}
