//! A small SDK on the generated `graph-assignments` crate: it sends the crate's request
//! descriptions over HTTP with [reqwest](https://docs.rs/reqwest) and reads the answers into the
//! crate's models.
//!
//! The generated crate builds requests (method, path, query, typed body, typed response) and
//! leaves sending them to its user; this crate is such a user, small enough to copy:
//! - [`Client`]: service root and bearer token; JSON in and out;
//! - [`Error`]: OData error payloads as [`ODataError`], other failures each as their own case,
//!   including a response that does not match the model ([`Error::UnexpectedResponse`]);
//! - [`Client::pages`] and [`Client::list_all`]: collections through `@odata.nextLink`;
//! - [`Client::send_batch`]: many requests as one JSON batch (split at Graph's 20);
//! - [`AsyncClient`]: the same on reqwest's async client (tokio);
//! - [`RetryPolicy`]: `429`/`503` retried after `Retry-After`, within bounds.
//!
//! ```no_run
//! use assignments_sdk::Client;
//! use graph_assignments::models::{DeviceConfigurationAssignment, GroupAssignmentTarget};
//! use graph_assignments::{model, GraphService};
//!
//! let client = Client::new("https://graph.microsoft.com/beta").with_token("eyJ0…");
//! let assignments = GraphService::new()
//!     .device_management()
//!     .device_configurations()
//!     .by_id("b0c1…")
//!     .assignments();
//!
//! let target = model!(GroupAssignmentTarget { group_id: "1b2c…" });
//! let created = client.send(&assignments.create(model!(DeviceConfigurationAssignment {
//!     target,
//! })))?;
//! println!("created {:?}", created.id);
//!
//! for assignment in client.list_all(&assignments.list())? {
//!     println!("{:?}", assignment.target);
//! }
//! # Ok::<(), assignments_sdk::Error>(())
//! ```

mod async_client;
mod batch;
mod client;
mod error;
mod pages;
mod retry;

pub use async_client::AsyncClient;
pub use client::{Client, GRAPH_MAX_BATCH_SIZE};
pub use error::{Error, ODataError, ODataErrorDetail};
pub use pages::Pages;
pub use retry::RetryPolicy;
