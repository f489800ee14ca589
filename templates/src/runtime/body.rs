//! What a request sends and what its response is read as: JSON, raw bytes, or nothing.
//!
//! Most OData requests carry JSON, but media entities (`…/$value`) and stream properties
//! (`…/content`) carry the bytes of a file with the file's own content type. The types of a
//! [`Request`](super::Request) say which: a body or response of type [`Bytes`] is raw, any other
//! is JSON. An HTTP client asks [`RequestBody`] and [`ResponseBody`] (or the request's
//! `body_kind` and `response_kind`) and needs no knowledge of the generated types.

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer, Error};
use serde::Serialize;

/// How a body goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyKind {
    /// No body at all.
    None,
    /// JSON, `Content-Type: application/json`.
    Json,
    /// Raw bytes with a content type of their own ([`Bytes`]).
    Bytes,
}

/// The content type of JSON bodies.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// The content type assumed for raw bytes whose sender did not name one (RFC 9110 §8.3).
pub const OCTET_STREAM: &str = "application/octet-stream";

/// A raw body: the bytes of a media entity or stream property, and their content type.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Bytes {
    /// The bytes, as sent or received.
    pub data: Vec<u8>,
    /// Their media type, e.g. `image/png` (`application/octet-stream` when a response named
    /// none).
    pub content_type: String,
}

impl Bytes {
    /// `data` of the media type `content_type`.
    pub fn new(data: impl Into<Vec<u8>>, content_type: impl Into<String>) -> Self {
        Bytes {
            data: data.into(),
            content_type: content_type.into(),
        }
    }
}

/// The length and content type, not the data, which can be megabytes of binary.
impl fmt::Debug for Bytes {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_struct("Bytes")
            .field("len", &self.data.len())
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// A request body: how it is sent, and its bytes.
pub trait RequestBody {
    /// [`BodyKind::Json`] or [`BodyKind::Bytes`].
    const KIND: BodyKind;

    /// The value of the `Content-Type` header.
    fn content_type(&self) -> &str;

    /// The body as sent: JSON text, or the raw bytes.
    fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error>;
}

/// Every serializable value (the generated models, `serde_json::Value`, …) is sent as JSON.
impl<T: Serialize + ?Sized> RequestBody for T {
    const KIND: BodyKind = BodyKind::Json;

    fn content_type(&self) -> &str {
        JSON_CONTENT_TYPE
    }

    fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(self)
    }
}

impl RequestBody for Bytes {
    const KIND: BodyKind = BodyKind::Bytes;

    fn content_type(&self) -> &str {
        &self.content_type
    }

    fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        Ok(self.data.clone())
    }
}

/// A response body: how it is read.
///
/// For [`BodyKind::Json`], a client reads the body with
/// [`deserialize_json`](Self::deserialize_json) through the JSON deserializer of its choice
/// (one that tracks where a mismatch is, say); for [`BodyKind::Bytes`] it hands the raw body
/// to [`from_bytes`](Self::from_bytes). `from_bytes` works for JSON responses too.
pub trait ResponseBody: Sized {
    /// [`BodyKind::Json`] or [`BodyKind::Bytes`].
    const KIND: BodyKind;

    /// Reads the response from JSON.
    fn deserialize_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Reads the response from its raw body. An empty JSON body (`204 No Content`) reads as
    /// `null`, which is what [`NoContent`](super::NoContent) expects.
    fn from_bytes(body: Bytes) -> Result<Self, serde_json::Error>;
}

impl<T: DeserializeOwned> ResponseBody for T {
    const KIND: BodyKind = BodyKind::Json;

    fn deserialize_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer)
    }

    fn from_bytes(body: Bytes) -> Result<Self, serde_json::Error> {
        if body.data.iter().all(u8::is_ascii_whitespace) {
            serde_json::from_slice(b"null")
        } else {
            serde_json::from_slice(&body.data)
        }
    }
}

impl ResponseBody for Bytes {
    const KIND: BodyKind = BodyKind::Bytes;

    /// Raw bytes are not JSON: a client that reads them as JSON made a mistake, which this
    /// reports rather than guess.
    fn deserialize_json<'de, D: Deserializer<'de>>(_deserializer: D) -> Result<Self, D::Error> {
        Err(D::Error::custom(
            "this response is raw bytes, not JSON: read it with ResponseBody::from_bytes",
        ))
    }

    fn from_bytes(body: Bytes) -> Result<Self, serde_json::Error> {
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::super::collection::NoContent;
    use super::*;

    #[test]
    fn json_and_raw_bodies() {
        let json = serde_json::json!({"a": 1});
        assert_eq!(<serde_json::Value as RequestBody>::KIND, BodyKind::Json);
        assert_eq!(RequestBody::content_type(&json), "application/json");
        assert_eq!(RequestBody::to_bytes(&json).unwrap(), br#"{"a":1}"#);
        let raw = Bytes::new(vec![0, 255], "image/png");
        assert_eq!(<Bytes as RequestBody>::KIND, BodyKind::Bytes);
        assert_eq!(RequestBody::content_type(&raw), "image/png");
        assert_eq!(RequestBody::to_bytes(&raw).unwrap(), [0, 255]);
        assert_eq!(
            format!("{raw:?}"),
            r#"Bytes { len: 2, content_type: "image/png" }"#
        );
    }

    #[test]
    fn responses_read_by_kind() {
        assert_eq!(<Bytes as ResponseBody>::KIND, BodyKind::Bytes);
        assert_eq!(<Vec<i64> as ResponseBody>::KIND, BodyKind::Json);
        let raw = Bytes::new(*b"{not json", OCTET_STREAM);
        assert_eq!(Bytes::from_bytes(raw.clone()).unwrap(), raw);
        let mut json = serde_json::Deserializer::from_slice(b"[1]");
        assert!(Bytes::deserialize_json(&mut json).is_err());
        let mut json = serde_json::Deserializer::from_slice(b"[1, 2]");
        assert_eq!(Vec::<i64>::deserialize_json(&mut json).unwrap(), [1, 2]);
        assert_eq!(
            Vec::<i64>::from_bytes(Bytes::new(*b"[3]", JSON_CONTENT_TYPE)).unwrap(),
            [3]
        );
        assert!(Vec::<i64>::from_bytes(raw).is_err());
        assert!(NoContent::from_bytes(Bytes::new(*b" ", JSON_CONTENT_TYPE)).is_ok());
    }
}
