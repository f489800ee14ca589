//! What the batch and async end-to-end tests build their requests from: the URL conventions
//! odatapy understands and a few entities, made with `model!`.

#![allow(dead_code)] // each test file uses part of it

use graph_assignments::models::{
    DeviceConfigurationAssignment, GroupAssignmentTarget, User, Windows10GeneralConfiguration,
};
use graph_assignments::runtime::{KeyStyle, UrlConventions};
use graph_assignments::{model, GraphService};

/// The Graph URL conventions (keys as segments), with operations qualified by their namespace:
/// odatapy resolves only qualified operation names (see the README).
pub fn graph() -> GraphService {
    GraphService::with_conventions(UrlConventions {
        key_style: KeyStyle::Segment,
        qualified_operations: true,
    })
}

pub fn windows10(id: &str) -> Windows10GeneralConfiguration {
    model!(Windows10GeneralConfiguration {
        id,
        display_name: "Windows 10 baseline",
    })
}

/// An assignment `id` to the group `group`.
pub fn assignment(id: &str, group: &str) -> DeviceConfigurationAssignment {
    model!(DeviceConfigurationAssignment {
        id,
        target: model!(GroupAssignmentTarget { group_id: group }),
    })
}

pub fn user(id: &str, name: &str) -> User {
    model!(User {
        id,
        display_name: name,
    })
}
