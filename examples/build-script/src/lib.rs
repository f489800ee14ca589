//! A crate that generates its OData models in `build.rs` (prost-build style) instead of
//! committing a generated crate.

/// Models and path builders generated from `metadata/assignments.csdl.xml` at build time.
pub mod graph {
    include!(concat!(env!("OUT_DIR"), "/graph.rs"));
}

#[cfg(test)]
mod tests {
    use super::graph::models::{
        AnyDeviceAndAppManagementAssignmentTarget, DeviceConfigurationAssignment,
    };
    use super::graph::GraphService;

    #[test]
    fn generated_models_and_paths_work() {
        let json = r##"{"id":"1","target":{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}}"##;
        let assignment: DeviceConfigurationAssignment = serde_json::from_str(json).unwrap();
        assert!(matches!(
            assignment.target.value(),
            Some(AnyDeviceAndAppManagementAssignmentTarget::AllDevicesAssignmentTarget(_))
        ));
        let request = GraphService::new()
            .device_management()
            .device_configurations()
            .by_id("c1")
            .assignments()
            .create(assignment);
        assert_eq!(
            request.path,
            "/deviceManagement/deviceConfigurations/c1/assignments"
        );
    }

    #[test]
    fn models_are_built_with_the_modules_model_macro() {
        use super::graph::models::GroupAssignmentTarget;
        let assignment = crate::graph::model!(DeviceConfigurationAssignment {
            target: crate::graph::model!(GroupAssignmentTarget { group_id: "g1" }),
            source_id: null,
        });
        assert_eq!(
            serde_json::to_value(&assignment).unwrap(),
            serde_json::json!({
                "sourceId": null,
                "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g1"}
            })
        );
    }
}
