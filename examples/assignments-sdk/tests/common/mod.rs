//! What the batch and async end-to-end tests build their requests from: the URL conventions
//! odatapy understands and a few entities, made with `Default` and field assignment.

// Models are built with `default()` and field assignment, which works whether the generated
// structs take literals or are `#[non_exhaustive]` with setters.
#![allow(clippy::field_reassign_with_default)]
#![allow(dead_code)] // each test file uses part of it

use graph_assignments::models::{
    DeviceConfigurationAssignment, GroupAssignmentTarget, User, Windows10GeneralConfiguration,
};
use graph_assignments::runtime::{KeyStyle, Nullable, UrlConventions};
use graph_assignments::GraphService;

/// The Graph URL conventions (keys as segments), with operations qualified by their namespace:
/// odatapy resolves only qualified operation names (see the README).
pub fn graph() -> GraphService {
    GraphService::with_conventions(UrlConventions {
        key_style: KeyStyle::Segment,
        qualified_operations: true,
    })
}

pub fn windows10(id: &str) -> Windows10GeneralConfiguration {
    let mut configuration = Windows10GeneralConfiguration::default();
    configuration.id = Some(id.to_owned());
    configuration.display_name = Some("Windows 10 baseline".to_owned());
    configuration
}

/// An assignment `id` to the group `group`.
pub fn assignment(id: &str, group: &str) -> DeviceConfigurationAssignment {
    let mut target = GroupAssignmentTarget::default();
    target.group_id = Nullable::Value(group.to_owned());
    let mut assignment = DeviceConfigurationAssignment::default();
    assignment.id = Some(id.to_owned());
    assignment.target = Nullable::Value(target.into());
    assignment
}

pub fn user(id: &str, name: &str) -> User {
    let mut user = User::default();
    user.id = Some(id.to_owned());
    user.display_name = Nullable::Value(name.to_owned());
    user
}
