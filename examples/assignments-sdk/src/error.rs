//! [`Error`]: everything a call can fail with, and [`ODataError`], what the service said.

use std::fmt;

use serde::Deserialize;
use serde_json::Value;

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
    /// `@odata.nextLink` points away from the service: the bearer token is not sent there.
    ForeignNextLink(String),
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
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(source) => Some(source),
            Error::Body(source) | Error::UnexpectedResponse { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(source: reqwest::Error) -> Self {
        Error::Transport(source)
    }
}

/// The `error` object of an OData error response (OData JSON Format, section 21).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ODataError {
    /// A service-defined code, e.g. `Request_ResourceNotFound` (Graph) or `404` (odatapy).
    pub code: String,
    /// A message for people.
    pub message: String,
    /// What the error is about, e.g. a property name.
    #[serde(default)]
    pub target: Option<String>,
    /// More errors, e.g. one per invalid property.
    #[serde(default)]
    pub details: Vec<ODataErrorDetail>,
    /// Service-specific details (Graph puts `request-id` and `date` here).
    #[serde(default, rename = "innererror")]
    pub inner_error: Option<Value>,
}

/// One entry of [`ODataError::details`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ODataErrorDetail {
    /// A service-defined code.
    pub code: String,
    /// A message for people.
    pub message: String,
    /// What the error is about.
    #[serde(default)]
    pub target: Option<String>,
}

/// The whole body of an error response.
#[derive(Deserialize)]
struct ErrorBody {
    error: ODataError,
}

/// The error for a response with status `status` and body `body`.
pub(crate) fn from_response(status: u16, body: &[u8]) -> Error {
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(ErrorBody { error }) => Error::Service {
            status,
            error: Box::new(error),
        },
        Err(_) => Error::Status {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
        },
    }
}
