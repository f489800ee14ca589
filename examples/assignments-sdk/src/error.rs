//! [`Error`]: everything a call can fail with, and [`ODataError`], what the service said.

use std::fmt;

use graph_assignments::runtime::{BatchError, BatchItemError, ForeignLink};
pub use graph_assignments::runtime::{ODataError, ODataErrorDetail};

/// Why a call failed.
#[derive(Debug)]
pub enum Error {
    /// The service answered with an OData error payload (`{"error": {"code", "message", …}}`).
    Service {
        /// The HTTP status, e.g. 404.
        status: u16,
        /// The payload's `error` object (boxed: it is large, and errors are the rare path).
        error: Box<ODataError>,
    },
    /// The service answered with an error status and a body that is no OData error payload
    /// (a proxy's HTML page, say).
    Status {
        /// The HTTP status.
        status: u16,
        /// The body as text (lossily decoded).
        body: String,
    },
    /// The request did not get an answer: connection refused, timeout, TLS failure, …
    Transport(reqwest::Error),
    /// The request body could not be written as JSON.
    Body(serde_json::Error),
    /// The service answered with success, but the body does not match the model: the service
    /// and the metadata the crate was generated from disagree.
    UnexpectedResponse {
        /// `GET https://…`: the request that got the response.
        request: String,
        /// Where in the body the mismatch is, e.g. `value[3].target` (`.` for the whole body).
        path: String,
        /// What serde_json said.
        source: serde_json::Error,
    },
    /// `@odata.nextLink` (or a delta link) points away from the service: the bearer token is
    /// not sent there.
    ForeignNextLink(String),
    /// A request cannot join a batch as asked (see [`BatchError`]).
    Batch(BatchError),
    /// Requests that must go in one batch (an atomicity group, or linked by `dependsOn`) are
    /// more than the client's maximum batch size.
    BatchTooLarge {
        /// Their ids.
        ids: Vec<String>,
        /// The client's maximum.
        max: usize,
    },
    /// A batch's answer has no response to this request (the service stopped after an
    /// earlier failure, or its atomicity group failed).
    NotAnswered(String),
}

impl Error {
    /// The service's error code (`error.code`), if the service sent an OData error.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Service { error, .. } => Some(&error.code),
            _ => None,
        }
    }

    /// The HTTP status of an error response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service { status, .. } | Error::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Service { status, error } => {
                write!(
                    f,
                    "the service answered {status}: {}: {}",
                    error.code, error.message
                )
            }
            Error::Status { status, body } => {
                write!(
                    f,
                    "the service answered {status} without an OData error: {body}"
                )
            }
            Error::Transport(source) => write!(f, "no answer from the service: {source}"),
            Error::Body(source) => write!(f, "the request body cannot be written: {source}"),
            Error::UnexpectedResponse {
                request,
                path,
                source,
            } => write!(
                f,
                "the response to {request} does not match the model at `{path}`: {source}"
            ),
            Error::ForeignNextLink(link) => {
                write!(f, "@odata.nextLink leaves the service: {link}")
            }
            Error::Batch(source) => write!(f, "the batch cannot take the request: {source}"),
            Error::BatchTooLarge { ids, max } => write!(
                f,
                "requests {} must go in one batch (atomicity group or dependsOn), \
                 more than the maximum of {max}",
                ids.join(", ")
            ),
            Error::NotAnswered(id) => write!(f, "the batch has no response to request `{id}`"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(source) => Some(source),
            Error::Body(source) | Error::UnexpectedResponse { source, .. } => Some(source),
            Error::Batch(source) => Some(source),
            _ => None,
        }
    }
}

impl From<ForeignLink> for Error {
    fn from(ForeignLink(link): ForeignLink) -> Self {
        Error::ForeignNextLink(link)
    }
}

impl From<BatchError> for Error {
    fn from(source: BatchError) -> Self {
        Error::Batch(source)
    }
}

/// A batched request's failure as the same error sending it alone would have given.
impl From<BatchItemError> for Error {
    fn from(error: BatchItemError) -> Self {
        match error {
            BatchItemError::NotAnswered(id) => Error::NotAnswered(id),
            BatchItemError::Service { status, error } => Error::Service { status, error },
            BatchItemError::Status { status, body } => Error::Status { status, body },
            BatchItemError::Body { id, source } => Error::UnexpectedResponse {
                request: format!("batch request {id}"),
                path: ".".to_owned(),
                source,
            },
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(source: reqwest::Error) -> Self {
        Error::Transport(source)
    }
}

/// The error for a response with status `status` and body `body`.
pub(crate) fn from_response(status: u16, body: &[u8]) -> Error {
    match ODataError::from_body(body) {
        Some(error) => Error::Service {
            status,
            error: Box::new(error),
        },
        None => Error::Status {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
        },
    }
}
