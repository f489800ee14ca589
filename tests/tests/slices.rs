//! Slices (`--include`/`--exclude`): what they keep, why, and that values of excluded types
//! survive a round trip through the catch-all of their nearest kept base type.

use odata_codegen::{report, select::Slice, Config, Loaded};
use odata_codegen_tests::golden::slice::models::{
    AnyAssignmentTarget, AnyPolicy, PolicyAssignment,
};
use odata_codegen_tests::{shared, workspace};
use serde_json::{json, Value};

fn load(input: &std::path::Path) -> (Config, Loaded) {
    let mut config = Config::new();
    config.input(input);
    let loaded = config.load().expect("loads");
    (config, loaded)
}

/// The slice of `tests/golden/slice.csdl.xml` that `slice.args` describes.
fn golden_slice() -> (Loaded, Slice) {
    let (mut config, loaded) = load(&workspace().join("tests/golden/slice.csdl.xml"));
    config
        .include("/management/policies")
        .exclude("Demo.Devices.allDevicesTarget")
        .exclude("Demo.Devices.iosPolicy")
        .exclude("Devices.deviceFilter")
        .exclude("Devices.platform");
    let slice = config.slice(&loaded).expect("slice");
    (loaded, slice)
}

fn names(loaded: &Loaded, slice: &Slice) -> Vec<String> {
    slice
        .types
        .iter()
        .map(|&t| loaded.model.ty(t).name.clone())
        .collect()
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: Value) -> T {
    let value: T = serde_json::from_value(json.clone()).expect("deserializes");
    assert_eq!(serde_json::to_value(&value).expect("serializes"), json);
    value
}

#[test]
fn an_excluded_derived_type_round_trips_through_the_base_variant() {
    let json = json!({
        "id": "a1",
        "target": {
            "@odata.type": "#Demo.Devices.allDevicesTarget",
            "filter": {"rule": "device.os -eq 'Windows'"}
        },
        "extraTargets": [{"@odata.type": "#Devices.allDevicesTarget", "filter": null}]
    });
    let assignment: PolicyAssignment = round_trip(json);
    let target = assignment.target.into_option().expect("target");
    let AnyAssignmentTarget::AssignmentTarget(base) = target else {
        panic!("read as a kept type: {target:?}")
    };
    assert_eq!(
        base.odata_type.as_deref(),
        Some("#Demo.Devices.allDevicesTarget")
    );
    assert_eq!(
        base.additional_properties.get("filter"),
        Some(&json!({"rule": "device.os -eq 'Windows'"}))
    );
    // A kept derived type still gets its own variant; its property of an excluded complex
    // type without a kept base is plain JSON.
    let kept: AnyAssignmentTarget = round_trip(json!({
        "@odata.type": "#Demo.Devices.groupTarget",
        "groupId": "g",
        "filter": {"rule": "r"}
    }));
    let AnyAssignmentTarget::GroupTarget(group) = kept else {
        panic!("{kept:?}")
    };
    assert_eq!(group.filter.into_option(), Some(json!({"rule": "r"})));
}

#[test]
fn types_derived_from_an_excluded_type_are_excluded_too() {
    let json = json!({
        "@odata.type": "#Demo.Devices.iosKioskPolicy",
        "id": "p1",
        "displayName": "kiosk",
        "kioskApp": "com.example.app",
        "passcodeRequired": true
    });
    let policy: AnyPolicy = round_trip(json);
    let AnyPolicy::Policy(base) = policy else {
        panic!("{policy:?}")
    };
    // An excluded enum type: its member names as strings.
    let windows: AnyPolicy = round_trip(json!({
        "@odata.type": "#Demo.Devices.windowsPolicy",
        "platform": "windows"
    }));
    let AnyPolicy::WindowsPolicy(windows) = windows else {
        panic!("{windows:?}")
    };
    assert_eq!(windows.platform.into_option().as_deref(), Some("windows"));
    assert_eq!(
        base.additional_properties.get("kioskApp"),
        Some(&json!("com.example.app"))
    );
}

#[test]
fn a_path_prefix_keeps_its_urls_and_what_they_need_and_nothing_else() {
    let (loaded, slice) = golden_slice();
    let kept = names(&loaded, &slice);
    for expected in [
        "entity",
        "management",
        "policy",
        "windowsPolicy",
        "macPolicy",
        "policyAssignment",
        "assignmentTarget",
        "groupTarget",
        "allUsersTarget",
        // Non-contained navigation one hop below the prefix.
        "user",
    ] {
        assert!(kept.contains(&expected.to_owned()), "{expected}: {kept:?}");
    }
    for left_out in [
        "iosPolicy",
        "iosKioskPolicy",
        "allDevicesTarget",
        "deviceFilter",
        "platform",
        "report",
    ] {
        assert!(!kept.contains(&left_out.to_owned()), "{left_out}: {kept:?}");
    }
    let operations: Vec<&str> = slice
        .operations
        .iter()
        .map(|&o| loaded.model.operation(o).name.as_str())
        .collect();
    assert_eq!(operations, ["assign"]);
}

#[test]
fn why_prints_the_chain_from_the_pattern() {
    let (loaded, slice) = golden_slice();
    let why = |name: &str| report::why(&loaded.model, &slice, name).expect("known name");
    assert_eq!(
        why("Demo.Devices.groupTarget"),
        "Demo.Devices.groupTarget is in the slice:\n\
         \x20 Demo.Devices.policyAssignment: at /management/policies/{policyId}/assignments (--include /management/policies)\n\
         \x20   Demo.Devices.groupTarget: derived type of polymorphic Demo.Devices.assignmentTarget, which is the type of property Demo.Devices.policyAssignment/target"
    );
    assert_eq!(
        why("Demo.Devices.entity"),
        "Demo.Devices.entity is in the slice:\n\
         \x20 Demo.Devices.management: at /management (--include /management/policies)\n\
         \x20   Demo.Devices.entity: base type of Demo.Devices.management"
    );
    assert_eq!(
        why("Demo.Devices.iosKioskPolicy"),
        "Demo.Devices.iosKioskPolicy is excluded by --exclude Demo.Devices.iosPolicy"
    );
    assert_eq!(
        why("Demo.Devices.report"),
        "Demo.Devices.report is not in the slice: nothing selected refers to it"
    );
    assert!(report::why(&loaded.model, &slice, "Demo.Devices.nope").is_err());
}

#[test]
fn name_patterns_follow_properties_not_navigation() {
    let (mut config, loaded) = load(&workspace().join("tests/golden/slice.csdl.xml"));
    config.include("Devices.policy*");
    let slice = config.slice(&loaded).expect("slice");
    let kept = names(&loaded, &slice);
    // `policy` matched: its derived types (used as a value), `policyAssignment` matched: its
    // property types; `assign` is callable on `policy`. No navigation target (`user`,
    // `management`), nothing only reachable by URL.
    for expected in [
        "policy",
        "iosKioskPolicy",
        "allDevicesTarget",
        "deviceFilter",
    ] {
        assert!(kept.contains(&expected.to_owned()), "{expected}: {kept:?}");
    }
    for left_out in ["user", "management", "report"] {
        assert!(!kept.contains(&left_out.to_owned()), "{left_out}: {kept:?}");
    }
    assert_eq!(slice.operations.len(), 1);
    let why = report::why(&loaded.model, &slice, "Demo.Devices.assign").unwrap();
    assert_eq!(
        why,
        "Demo.Devices.assign is in the slice:\n\
         \x20 Demo.Devices.policy: matched --include Devices.policy*\n\
         \x20   Demo.Devices.assign: operation bound to Demo.Devices.policy"
    );
}

#[test]
fn excluding_a_property_type_without_a_kept_base_degrades_to_json() {
    let (mut config, loaded) = load(&workspace().join("tests/golden/slice.csdl.xml"));
    config
        .include("Devices.allDevicesTarget")
        .exclude("Devices.deviceFilter");
    let files = config
        .render(&loaded, odata_codegen::FIRST_VERSION)
        .expect("renders");
    let models = files
        .iter()
        .find(|f| f.path.ends_with("models/mod.rs"))
        .expect("models");
    assert!(
        models
            .contents
            .contains("pub filter: runtime::Nullable<serde_json::Value>"),
        "{}",
        models.contents
    );
    assert!(!models.contents.contains("DeviceFilter"));
}

#[test]
fn patterns_that_match_nothing_are_errors() {
    let (_, loaded) = load(&workspace().join("tests/golden/slice.csdl.xml"));
    for (include, exclude, message) in [
        (
            "Devices.nothing*",
            None,
            "--include Devices.nothing* matches no type or operation",
        ),
        ("/nowhere", None, "--include /nowhere matches no URL"),
        ("/management/policies/{id}/nope", None, "matches no URL"),
        (
            "/management",
            Some("Devices.nope"),
            "--exclude Devices.nope matches no type",
        ),
    ] {
        let mut config = Config::new();
        config.include(include);
        if let Some(exclude) = exclude {
            config.exclude(exclude);
        }
        let error = config.slice(&loaded).expect_err(include).to_string();
        assert!(error.contains(message), "{error}");
    }
}

/// The Intune assignment slice of Microsoft Graph v1.0 keeps every assignment target type:
/// what a slice by hand (or by Kiota's trimming) tends to lose.
#[test]
fn graph_assignment_slice_keeps_every_assignment_target() {
    let Some(graph) = shared("corpus/graph-v1.0.csdl.xml") else {
        return;
    };
    let (mut config, loaded) = load(&graph);
    for prefix in GRAPH_ASSIGNMENT_SLICE {
        config.include(*prefix);
    }
    let slice = config.slice(&loaded).expect("slice");
    let model = &loaded.model;
    let base = model
        .type_by_name("microsoft.graph.deviceAndAppManagementAssignmentTarget")
        .expect("in Graph");
    let derived = model.all_derived(base);
    assert!(derived.len() >= 5, "{derived:?}");
    for d in std::iter::once(base).chain(derived) {
        assert!(
            slice.types.contains(&d),
            "{} is missing",
            model.ty(d).qualified_name()
        );
    }
    // Small: not everything derived from `entity`.
    for absent in [
        "microsoft.graph.user",
        "microsoft.graph.message",
        "microsoft.graph.driveItem",
    ] {
        let id = model.type_by_name(absent).expect("in Graph");
        assert!(!slice.types.contains(&id), "{absent} is in the slice");
    }
    assert!(
        slice.types.len() < model.types.len() / 5,
        "{}",
        slice.types.len()
    );
}

/// The URL prefixes of the assignment slice (also generated and compiled by `.ci/run`).
const GRAPH_ASSIGNMENT_SLICE: &[&str] = &[
    "/deviceManagement/deviceConfigurations",
    "/deviceManagement/deviceCompliancePolicies",
    "/deviceManagement/deviceEnrollmentConfigurations",
    "/deviceAppManagement/mobileApps",
    "/deviceAppManagement/managedAppPolicies",
];
