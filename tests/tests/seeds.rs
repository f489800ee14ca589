//! The seed API pages (`../shared/seeds/`): their request URLs come out of the path builders,
//! their request bodies serialize from the models to the same JSON, and their responses
//! round-trip through the models.

use graph_assignments::models::{
    DeviceConfigurationAssignment, EnrollmentConfigurationAssignment,
    OfficeClientConfigurationAssignParameters, OfficeClientConfigurationAssignment,
};
use graph_assignments::runtime::{Collection, Method};
use graph_assignments::GraphService;
use odata_codegen_tests::seed;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Deserializes into `T` and serializes back: the JSON must be unchanged.
fn round_trip<T: DeserializeOwned + Serialize>(json: &Value) -> T {
    let value: T = serde_json::from_value(json.clone()).expect("deserializes");
    assert_eq!(&serde_json::to_value(&value).expect("serializes"), json);
    value
}

#[test]
fn create_office_client_configuration_assignment() {
    for page in ["000_", "002_"] {
        let Some(seed) = seed(page) else { return };
        let id = "{officeClientConfigurationId}";
        let key = if seed.path.contains("{key}") {
            "{key}"
        } else {
            id
        };
        let body: OfficeClientConfigurationAssignment = round_trip(&seed.request);
        let request = GraphService::new()
            .office_configuration()
            .client_configurations()
            .by_id(key)
            .assignments()
            .create(body);
        assert_eq!(request.method, Method::Post);
        assert_eq!(decode(&request.path), seed.path);
        round_trip::<OfficeClientConfigurationAssignment>(&seed.response);
    }
}

#[test]
fn create_device_configuration_assignment() {
    let Some(seed) = seed("001_") else { return };
    let body: DeviceConfigurationAssignment = round_trip(&seed.request);
    let request = GraphService::new()
        .device_management()
        .device_configurations()
        .by_id("{deviceConfigurationId}")
        .assignments()
        .create(body);
    assert_eq!(request.method, Method::Post);
    assert_eq!(decode(&request.path), seed.path);
    round_trip::<DeviceConfigurationAssignment>(&seed.response);
}

#[test]
fn create_enrollment_configuration_assignment() {
    let Some(seed) = seed("003_") else { return };
    let body: EnrollmentConfigurationAssignment = round_trip(&seed.request);
    let request = GraphService::new()
        .invitations()
        .by_id("{invitationsId}")
        .invited_user()
        .device_enrollment_configurations()
        .by_id("{deviceEnrollmentConfigurationId}")
        .assignments()
        .create(body);
    assert_eq!(request.method, Method::Post);
    assert_eq!(decode(&request.path), seed.path);
    round_trip::<EnrollmentConfigurationAssignment>(&seed.response);
}

#[test]
fn assign_through_a_type_cast() {
    // The seed page could not resolve the URL ("Entity URI … not found"); the address is the
    // cast segment of the derived type under its parent collection.
    let Some(seed) = seed("004_") else { return };
    let body: OfficeClientConfigurationAssignParameters = round_trip(&seed.request);
    let request = GraphService::new()
        .office_configuration()
        .client_configurations()
        .by_id("{officeClientConfigurationId}")
        .as_windows_office_client_security_configuration()
        .assign(body);
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        decode(&request.path),
        "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}/microsoft.graph.windowsOfficeClientSecurityConfiguration/assign"
    );
    let response: Collection<OfficeClientConfigurationAssignment> =
        serde_json::from_value(seed.response.clone()).expect("response");
    assert_eq!(response.value.len(), 1);
}

/// The builders percent-encode `{` and `}` in keys; the seed pages show them literally.
fn decode(path: &str) -> String {
    path.replace("%7B", "{").replace("%7D", "}")
}
