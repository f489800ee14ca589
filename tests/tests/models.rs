//! The generated `graph-assignments` models on payloads shaped like the service's: nothing is
//! lost, polymorphic values keep their type, unset and `null` stay apart.

use graph_assignments::model;
use graph_assignments::models::{
    AnyDeviceAndAppManagementAssignmentTarget, DeviceAndAppManagementAssignmentSource,
    DeviceConfigurationAssignment, ExclusionGroupAssignmentTarget, GroupAssignmentTarget,
};
use graph_assignments::runtime::Nullable;
use serde_json::{json, Value};

fn round_trip(json: Value) -> DeviceConfigurationAssignment {
    let value: DeviceConfigurationAssignment =
        serde_json::from_value(json.clone()).expect("deserializes");
    assert_eq!(serde_json::to_value(&value).expect("serializes"), json);
    value
}

#[test]
fn every_derived_target_keeps_its_type() {
    for (odata_type, check) in [
        ("#microsoft.graph.groupAssignmentTarget", "group"),
        (
            "#microsoft.graph.exclusionGroupAssignmentTarget",
            "exclusion",
        ),
        ("#graph.allDevicesAssignmentTarget", "allDevices"),
        (
            "microsoft.graph.allLicensedUsersAssignmentTarget",
            "allLicensedUsers",
        ),
        (
            "#microsoft.graph.configurationManagerCollectionAssignmentTarget",
            "configMgr",
        ),
    ] {
        let value = round_trip(json!({
            "id": "a1",
            "target": {"@odata.type": odata_type, "groupId": "g1"}
        }));
        let Nullable::Value(target) = value.target else {
            panic!("{check}: target missing")
        };
        use AnyDeviceAndAppManagementAssignmentTarget as T;
        let matched = match (&target, check) {
            (T::GroupAssignmentTarget(g), "group") => {
                g.group_id == Nullable::Value("g1".to_owned())
            }
            (T::ExclusionGroupAssignmentTarget(g), "exclusion") => {
                g.group_id == Nullable::Value("g1".to_owned())
            }
            (T::AllDevicesAssignmentTarget(t), "allDevices") => {
                t.additional_properties.get("groupId") == Some(&json!("g1"))
            }
            (T::AllLicensedUsersAssignmentTarget(_), "allLicensedUsers") => true,
            (T::ConfigurationManagerCollectionAssignmentTarget(_), "configMgr") => true,
            _ => false,
        };
        assert!(matched, "{odata_type} became {target:?}");
    }
}

#[test]
fn unknown_derived_types_members_and_properties_survive() {
    let value = round_trip(json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations('x')/assignments/$entity",
        "@odata.type": "#microsoft.graph.deviceConfigurationAssignment",
        "id": "a1",
        "source": "somethingNew",
        "intent": "apply",
        "target": {
            "@odata.type": "#microsoft.graph.someFutureAssignmentTarget",
            "deviceAndAppManagementAssignmentFilterType": "futureFilter",
            "futureProperty": {"nested": [1, 2, 3]}
        }
    }));
    assert_eq!(
        value.source,
        Some(DeviceAndAppManagementAssignmentSource::Other(
            "somethingNew".into()
        ))
    );
    assert_eq!(
        value.additional_properties.get("intent"),
        Some(&json!("apply"))
    );
    assert!(matches!(
        value.target,
        Nullable::Value(
            AnyDeviceAndAppManagementAssignmentTarget::DeviceAndAppManagementAssignmentTarget(_)
        )
    ));
}

#[test]
fn unset_and_null_are_different_in_a_patch() {
    let mut patch = DeviceConfigurationAssignment::default();
    assert_eq!(serde_json::to_value(&patch).unwrap(), json!({}));
    patch.source_id = Nullable::Null;
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"sourceId": null})
    );
    patch.source_id = Nullable::Value("s".into());
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"sourceId": "s"})
    );
}

#[test]
fn targets_built_in_code_carry_their_type() {
    let target: AnyDeviceAndAppManagementAssignmentTarget =
        model!(ExclusionGroupAssignmentTarget { group_id: "g" }).into();
    assert_eq!(
        serde_json::to_value(&target).unwrap(),
        json!({"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "g"})
    );
    let plain: AnyDeviceAndAppManagementAssignmentTarget = GroupAssignmentTarget::default().into();
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        json!({"@odata.type": "#microsoft.graph.groupAssignmentTarget"})
    );
}
