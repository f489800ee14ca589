//! The SDK end to end: real HTTP to a real OData v4 server (odatapy) serving
//! `metadata/assignments.csdl.xml`. Each test starts a server of its own (see `server/`).

mod server;

use assignments_sdk::{Client, Error};
use graph_assignments::models::{
    AllDevicesAssignmentTarget, AllLicensedUsersAssignmentTarget,
    AnyDeviceAndAppManagementAssignmentTarget, AnyDeviceConfiguration,
    AnyDeviceEnrollmentConfiguration, AnyOfficeClientConfiguration,
    AnyOfficeConfigurationAssignmentTarget, ConfigurationManagerCollectionAssignmentTarget,
    DeviceAndAppManagementAssignmentFilterType, DeviceAndAppManagementAssignmentSource,
    DeviceConfigurationAssignParameters, DeviceConfigurationAssignment,
    DeviceEnrollmentLimitConfiguration, EnrollmentConfigurationAssignment,
    ExclusionGroupAssignmentTarget, GroupAssignmentTarget, Invitation,
    IosGeneralDeviceConfiguration, OfficeClientConfigurationAssignParameters,
    OfficeClientConfigurationAssignment, OfficeConfigurationGroupAssignmentTarget, User,
    Windows10GeneralConfiguration, WindowsOfficeClientConfiguration,
    WindowsOfficeClientSecurityConfiguration, WindowsUpdateForBusinessConfiguration,
};
use graph_assignments::runtime::{
    Collection, KeyStyle, Method, NoContent, Nullable, Request, UrlConventions,
};
use graph_assignments::{model, GraphService};
use odata_codegen_tests::seed;
use serde_json::{json, Value};
use server::{Server, PAGE_SIZE};

/// The Graph URL conventions (keys as segments), with operations qualified by their namespace:
/// odatapy resolves only qualified operation names (see the README).
fn graph() -> GraphService {
    GraphService::with_conventions(UrlConventions {
        key_style: KeyStyle::Segment,
        qualified_operations: true,
    })
}

fn client(server: &Server) -> Client {
    Client::new(server.root()).with_token("e2e-token")
}

/// `deviceManagement/deviceConfigurations/{id}`, created as a Windows 10 configuration.
fn create_device_configuration(client: &Client, id: &str) {
    let configuration = model!(Windows10GeneralConfiguration {
        id,
        display_name: "Windows 10 baseline"
    });
    let request = graph()
        .device_management()
        .device_configurations()
        .create(configuration);
    client.send(&request).expect("device configuration created");
}

/// `officeConfiguration/clientConfigurations/{id}`, created as a security configuration.
fn create_office_configuration(client: &Client, id: &str) {
    let configuration = model!(WindowsOfficeClientSecurityConfiguration {
        id,
        display_name: "Office security",
        description: "baseline"
    });
    let request = graph()
        .office_configuration()
        .client_configurations()
        .create(configuration);
    client.send(&request).expect("office configuration created");
}

/// `invitations/{invitation}` with an invited user (deep insert), and the user's enrollment
/// configuration `{configuration}`.
fn create_enrollment_configuration(client: &Client, invitation: &str, configuration: &str) {
    let invited = model!(Invitation {
        id: invitation,
        invited_user_email_address: "ada@example.com",
        invite_redirect_url: "https://example.com/welcome",
        invited_user: model!(User {
            id: "ada",
            display_name: "Ada"
        })
    });
    client
        .send(&graph().invitations().create(invited))
        .expect("invitation created");
    let limit = model!(DeviceEnrollmentLimitConfiguration {
        id: configuration,
        limit: 5
    });
    let request = graph()
        .invitations()
        .by_id(invitation)
        .invited_user()
        .device_enrollment_configurations()
        .create(limit);
    client
        .send(&request)
        .expect("enrollment configuration created");
}

/// The seed's request, as the generated model reads it.
fn seed_body<T: serde::de::DeserializeOwned>(seed: &odata_codegen_tests::Seed) -> T {
    serde_json::from_value(seed.request.clone()).expect("the seed body reads as the model")
}

/// The server saw `POST <seed path>` with a body equal to the seed's.
fn assert_saw_seed(server: &Server, seed: &odata_codegen_tests::Seed) {
    let seen = server.last_seen();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.url, seed.path);
    assert_eq!(seen.content_type, "application/json");
    assert_eq!(seen.json(), seed.request);
}

#[test]
fn seed_requests_then_read_update_delete() {
    let Some(server) = Server::start("seeds") else {
        return;
    };
    let (Some(device), Some(office), Some(office_by_key), Some(enrollment)) =
        (seed("001_"), seed("000_"), seed("002_"), seed("003_"))
    else {
        return;
    };
    let client = client(&server);

    // Device configuration assignment (seed 001).
    create_device_configuration(&client, "{deviceConfigurationId}");
    let device_assignments = graph()
        .device_management()
        .device_configurations()
        .by_id("{deviceConfigurationId}")
        .assignments();
    let created = client
        .send(&device_assignments.create(seed_body::<DeviceConfigurationAssignment>(&device)))
        .expect("seed 001 created");
    assert_saw_seed(&server, &device);
    let device_id = created.id.clone().expect("the service gave an id");

    // Office client configuration assignments (seeds 000 and 002: `{key}` is the same
    // parameter under another name).
    for (seed, parent) in [
        (&office, "{officeClientConfigurationId}"),
        (&office_by_key, "{key}"),
    ] {
        create_office_configuration(&client, parent);
        let office_assignments = graph()
            .office_configuration()
            .client_configurations()
            .by_id(parent)
            .assignments();
        let request =
            office_assignments.create(seed_body::<OfficeClientConfigurationAssignment>(seed));
        let created = client.send(&request).expect("office seed created");
        assert_saw_seed(&server, seed);
        let id = created.id.clone().expect("an id");
        let read = client
            .send(&office_assignments.by_id(id.as_str()).get())
            .expect("read");
        assert_eq!(read, created);
        let listed = client.list_all(&office_assignments.list()).expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, created.id);
        // The seed's target names the abstract base type; the service answers with it.
        let target = created.target.value().expect("a target");
        assert!(matches!(
            target,
            AnyOfficeConfigurationAssignmentTarget::OfficeConfigurationAssignmentTarget(_)
        ));
    }

    // Enrollment configuration assignment (seed 003), under the invited user.
    create_enrollment_configuration(
        &client,
        "{invitationsId}",
        "{deviceEnrollmentConfigurationId}",
    );
    let enrollment_assignments = graph()
        .invitations()
        .by_id("{invitationsId}")
        .invited_user()
        .device_enrollment_configurations()
        .by_id("{deviceEnrollmentConfigurationId}")
        .assignments();
    // The seed's `"source": "String"` is the documentation's placeholder, not a member of
    // `deviceAndAppManagementAssignmentSource`: the server sees the seed and refuses it.
    let exact = seed_body::<EnrollmentConfigurationAssignment>(&enrollment);
    let refused = client
        .send(&enrollment_assignments.create(exact.clone()))
        .expect_err("the seed's placeholder enum value is refused");
    assert_saw_seed(&server, &enrollment);
    assert_eq!(refused.status(), Some(400), "{refused}");
    assert!(refused.to_string().contains("source"), "{refused}");
    // With a member in its place, the same request creates the assignment.
    let mut valid = exact;
    valid.source = Some(DeviceAndAppManagementAssignmentSource::Direct);
    let created_enrollment = client
        .send(&enrollment_assignments.create(valid))
        .expect("seed 003 created");
    let seen = server.last_seen();
    assert_eq!(seen.url, enrollment.path);
    let mut expected = enrollment.request.clone();
    expected["source"] = json!("direct");
    assert_eq!(seen.json(), expected);
    assert_eq!(
        created_enrollment.source_id.value().map(String::as_str),
        Some("Source Id value")
    );
    let enrollment_id = created_enrollment.id.clone().expect("an id");
    let read = client
        .send(&enrollment_assignments.by_id(enrollment_id.as_str()).get())
        .expect("read");
    assert_eq!(read, created_enrollment);
    let listed = client
        .list_all(&enrollment_assignments.list())
        .expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].source,
        Some(DeviceAndAppManagementAssignmentSource::Direct)
    );

    // Read back: singly, and as a collection.
    let one = device_assignments.by_id(device_id.as_str());
    let read = client.send(&one.get()).expect("read singly");
    assert_eq!(read, created);
    let all = client
        .list_all(&device_assignments.list())
        .expect("read the collection");
    // A single entity carries its own `@odata.context`; in a collection the page carries it.
    let mut in_collection = created.clone();
    in_collection.additional_properties.remove("@odata.context");
    assert_eq!(all, [in_collection]);

    // PATCH: set a nullable property, then set it to null.
    let source = model!(DeviceConfigurationAssignment {
        source_id: "policy-set-7"
    });
    let _: NoContent = client.send(&one.update(source)).expect("PATCH a value");
    assert_eq!(server.last_seen().method, "PATCH");
    assert_eq!(
        client.send(&one.get()).expect("read").source_id,
        Nullable::Value("policy-set-7".to_owned())
    );
    let cleared = model!(DeviceConfigurationAssignment { source_id: null });
    client.send(&one.update(cleared)).expect("PATCH null");
    assert_eq!(server.last_seen().json(), json!({ "sourceId": null }));
    let read = client.send(&one.get()).expect("read after PATCH");
    assert_eq!(read.source_id, Nullable::Null);
    assert_eq!(
        read.target, created.target,
        "PATCH kept what it did not send"
    );

    // DELETE, after which the assignment is gone.
    let gone = enrollment_assignments.by_id(enrollment_id.as_str());
    client.send(&gone.delete()).expect("DELETE");
    assert_eq!(server.last_seen().method, "DELETE");
    let error = client.send(&gone.get()).expect_err("deleted");
    assert_eq!(error.status(), Some(404), "{error}");
    assert!(client
        .list_all(&enrollment_assignments.list())
        .expect("list")
        .is_empty());
}

#[test]
fn assign_on_a_device_configuration_and_through_a_type_cast() {
    let Some(server) = Server::start("assign") else {
        return;
    };
    let client = client(&server);

    // On a device configuration.
    create_device_configuration(&client, "dc-1");
    let configuration = graph()
        .device_management()
        .device_configurations()
        .by_id("dc-1");
    let assignments = vec![
        model!(DeviceConfigurationAssignment {
            target: AllDevicesAssignmentTarget::default()
        }),
        model!(DeviceConfigurationAssignment {
            target: group("group-1")
        }),
    ];
    let request = configuration.assign(model!(DeviceConfigurationAssignParameters {
        assignments: assignments.clone()
    }));
    let assigned = client.send(&request).expect("assign");
    let seen = server.last_seen();
    assert_eq!(
        seen.url,
        "/deviceManagement/deviceConfigurations/dc-1/microsoft.graph.assign"
    );
    assert_eq!(seen.json()["assignments"].as_array().map(Vec::len), Some(2));
    let targets: Vec<_> = assigned.value.iter().map(|a| wire(&a.target)).collect();
    let sent: Vec<_> = assignments.iter().map(|a| wire(&a.target)).collect();
    assert_eq!(targets, sent);
    let listed = client
        .list_all(&configuration.assignments().list())
        .expect("list");
    assert_eq!(listed, assigned.value);

    // On an office client configuration, through the cast to its derived type; the body is
    // seed 004's where ../shared is present.
    create_office_configuration(&client, "oc-1");
    let parameters = match seed("004_") {
        Some(seed) => seed_body(&seed),
        None => model!(OfficeClientConfigurationAssignParameters {
            office_configuration_assignments: [model!(OfficeClientConfigurationAssignment {
                id: "cdb94c6c-4c6c-cdb9-6c4c-b9cd6c4cb9cd"
            })]
        }),
    };
    let cast = graph()
        .office_configuration()
        .client_configurations()
        .by_id("oc-1")
        .as_windows_office_client_security_configuration();
    let assigned = client
        .send(&cast.assign(parameters.clone()))
        .expect("assign through the cast");
    assert_eq!(
        server.last_seen().url,
        "/officeConfiguration/clientConfigurations/oc-1/\
         microsoft.graph.windowsOfficeClientSecurityConfiguration/microsoft.graph.assign"
    );
    assert_eq!(
        server.last_seen().json(),
        serde_json::to_value(&parameters).unwrap()
    );
    let sent = parameters.office_configuration_assignments.unwrap();
    assert_eq!(assigned.value.len(), sent.len());
    assert_eq!(assigned.value[0].id, sent[0].id);
    let listed = client.list_all(&cast.assignments().list()).expect("list");
    assert_eq!(listed, assigned.value);
}

/// A value as JSON: what was sent and what came back are compared on the wire (a value read
/// keeps the `@odata.type` it was read with, which one made in code leaves to the writer).
fn wire(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("serializes")
}

fn group(id: &str) -> GroupAssignmentTarget {
    model!(GroupAssignmentTarget {
        group_id: id,
        device_and_app_management_assignment_filter_type:
            DeviceAndAppManagementAssignmentFilterType::Include,
        device_and_app_management_assignment_filter_id: "filter-1"
    })
}

#[test]
fn polymorphic_values_and_unknown_properties_survive_the_server() {
    let Some(server) = Server::start("polymorphism") else {
        return;
    };
    let client = client(&server);

    // Every derived type of the assignment target.
    create_device_configuration(&client, "dc-1");
    let assignments = graph()
        .device_management()
        .device_configurations()
        .by_id("dc-1")
        .assignments();
    let targets: Vec<AnyDeviceAndAppManagementAssignmentTarget> = vec![
        AllDevicesAssignmentTarget::default().into(),
        model!(AllLicensedUsersAssignmentTarget {
            device_and_app_management_assignment_filter_type:
                DeviceAndAppManagementAssignmentFilterType::Exclude
        })
        .into(),
        model!(ConfigurationManagerCollectionAssignmentTarget {
            collection_id: "SMS00001"
        })
        .into(),
        group("group-1").into(),
        model!(ExclusionGroupAssignmentTarget {
            group_id: "group-2"
        })
        .into(),
    ];
    for target in &targets {
        let assignment = model!(DeviceConfigurationAssignment {
            target: target.clone()
        });
        let created = client
            .send(&assignments.create(assignment))
            .expect("created");
        assert_eq!(wire(&created.target), wire(target));
        // The service's model has `intent`; the client's does not, and keeps it.
        assert_eq!(
            created.additional_properties.get("intent"),
            Some(&json!("apply"))
        );
    }
    let read = client.list_all(&assignments.list()).expect("list");
    let read_targets: Vec<_> = read.iter().map(|a| wire(&a.target)).collect();
    assert_eq!(read_targets, targets.iter().map(wire).collect::<Vec<_>>());
    for assignment in &read {
        assert_eq!(
            assignment.additional_properties.get("intent"),
            Some(&json!("apply"))
        );
        // Written back, the unknown property goes with it.
        assert_eq!(serde_json::to_value(assignment).unwrap()["intent"], "apply");
    }

    // The office target's derived type.
    create_office_configuration(&client, "oc-1");
    let office = graph()
        .office_configuration()
        .client_configurations()
        .by_id("oc-1")
        .assignments();
    let target: AnyOfficeConfigurationAssignmentTarget =
        model!(OfficeConfigurationGroupAssignmentTarget {
            group_id: "group-3"
        })
        .into();
    let created = client
        .send(&office.create(model!(OfficeClientConfigurationAssignment {
            target: target.clone()
        })))
        .expect("created");
    assert_eq!(wire(&created.target), wire(&target));

    // Entities of every derived type, read back through the base type's collection.
    let configurations = graph().device_management().device_configurations();
    let ios = model!(IosGeneralDeviceConfiguration {
        id: "ios-1",
        passcode_minimum_length: 6
    });
    let update = model!(WindowsUpdateForBusinessConfiguration {
        id: "wufb-1",
        quality_updates_deferral_period_in_days: 7
    });
    client.send(&configurations.create(ios)).expect("iOS");
    client.send(&configurations.create(update)).expect("WUfB");
    let kinds: Vec<&str> = client
        .list_all(&configurations.list())
        .expect("list")
        .iter()
        .map(|configuration| match configuration {
            AnyDeviceConfiguration::Windows10GeneralConfiguration(_) => "windows10",
            AnyDeviceConfiguration::IosGeneralDeviceConfiguration(c) => {
                assert_eq!(c.passcode_minimum_length, Nullable::Value(6));
                "ios"
            }
            AnyDeviceConfiguration::WindowsUpdateForBusinessConfiguration(c) => {
                assert_eq!(c.quality_updates_deferral_period_in_days, Some(7));
                "wufb"
            }
            AnyDeviceConfiguration::DeviceConfiguration(_) => "base",
            // `#[non_exhaustive]`: a type the metadata adds later lands here.
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["windows10", "ios", "wufb"]);

    let office_configurations = graph().office_configuration().client_configurations();
    client
        .send(
            &office_configurations.create(model!(WindowsOfficeClientConfiguration { id: "oc-2" })),
        )
        .expect("office configuration");
    let office_kinds: Vec<bool> = client
        .list_all(&office_configurations.list())
        .expect("list")
        .iter()
        .map(|c| {
            matches!(
                c,
                AnyOfficeClientConfiguration::WindowsOfficeClientSecurityConfiguration(_)
            )
        })
        .collect();
    assert_eq!(office_kinds, [true, false]);

    create_enrollment_configuration(&client, "inv-1", "limit-1");
    let enrollment = client
        .list_all(
            &graph()
                .users()
                .by_id("ada")
                .device_enrollment_configurations()
                .list(),
        )
        .expect("list");
    assert!(matches!(
        enrollment.as_slice(),
        [AnyDeviceEnrollmentConfiguration::DeviceEnrollmentLimitConfiguration(c)]
            if c.limit == Some(5)
    ));
}

#[test]
fn a_collection_larger_than_a_page_is_read_through_next_links() {
    let Some(server) = Server::start("paging") else {
        return;
    };
    let client = client(&server);
    create_device_configuration(&client, "dc-1");
    let assignments = graph()
        .device_management()
        .device_configurations()
        .by_id("dc-1")
        .assignments();
    let total = 2 * PAGE_SIZE + 2;
    for n in 0..total {
        let assignment = model!(DeviceConfigurationAssignment {
            id: format!("a-{n:02}"),
            target: group(&format!("group-{n}"))
        });
        client
            .send(&assignments.create(assignment))
            .expect("created");
    }

    let pages: Vec<Collection<DeviceConfigurationAssignment>> = client
        .pages(&assignments.list())
        .collect::<Result<_, _>>()
        .expect("pages");
    let sizes: Vec<usize> = pages.iter().map(|page| page.value.len()).collect();
    assert_eq!(sizes, [PAGE_SIZE, PAGE_SIZE, 2]);
    assert!(pages[..2].iter().all(|page| page.next_link.is_some()));
    assert!(pages[2].next_link.is_none());

    let all = client.list_all(&assignments.list()).expect("all");
    let ids: Vec<String> = all.into_iter().filter_map(|a| a.id).collect();
    let expected: Vec<String> = (0..total).map(|n| format!("a-{n:02}")).collect();
    assert_eq!(ids, expected);
    // The later pages came from the links the server gave.
    let reads: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|seen| seen.method == "GET")
        .collect();
    assert_eq!(reads.len(), 6);
    assert!(reads[1].url.contains("skiptoken"), "{:?}", reads[1]);
}

#[test]
fn server_errors_and_mismatched_responses_are_typed() {
    let Some(server) = Server::start("errors") else {
        return;
    };
    let client = client(&server);
    create_device_configuration(&client, "dc-1");
    let configurations = graph().device_management().device_configurations();

    // An unknown key.
    let error = client
        .send(&configurations.by_id("no-such-id").get())
        .expect_err("unknown key");
    let Error::Service {
        status,
        error: odata,
    } = &error
    else {
        panic!("not an OData error: {error:?}")
    };
    assert_eq!((*status, odata.code.as_str()), (404, "404"));
    assert!(!odata.message.is_empty());

    // A bad body: a string property sent as a number.
    let bad: Request<Value, AnyDeviceConfiguration> = Request::new(
        Method::Post,
        configurations.path().clone(),
        Some(json!({
            "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
            "displayName": 42
        })),
    );
    let error = client.send(&bad).expect_err("bad body");
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.code(), Some("400"));
    assert!(error.to_string().contains("displayName"), "{error}");

    // A success whose body is not what the model says: an entity read as a collection, then a
    // collection whose items are not numbers.
    let entity_as_page: Request<(), Collection<DeviceConfigurationAssignment>> = Request::new(
        Method::Get,
        configurations.by_id("dc-1").path().clone(),
        None,
    );
    let error = client.send(&entity_as_page).expect_err("mismatch");
    assert!(
        matches!(&error, Error::UnexpectedResponse { path, .. } if path == "."),
        "{error:?}"
    );
    let items_as_numbers: Request<(), Collection<i64>> =
        Request::new(Method::Get, configurations.path().clone(), None);
    let error = client.send(&items_as_numbers).expect_err("mismatch");
    let Error::UnexpectedResponse { request, path, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(path, "value[0]");
    assert!(request.starts_with("GET http://127.0.0.1:"), "{request}");
}
