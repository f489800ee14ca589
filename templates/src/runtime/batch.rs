//! JSON batches (`POST $batch`, OData JSON Format 4.01 §19, as Microsoft Graph uses them):
//! [`Batch`] gathers requests, [`BatchResponses`] reads the answer, and the [`BatchHandle`]
//! each added request got reads its typed response back.
//!
//! ```text
//! {"requests": [{"id": "1", "method": "POST", "url": "users", "headers": {…}, "body": {…},
//!                "dependsOn": ["0"], "atomicityGroup": "g"}, …]}
//! {"responses": [{"id": "1", "status": 201, "headers": {…}, "body": {…}}, …]}
//! ```
//!
//! URLs are relative paths (no leading `/`), which the format resolves against the batch
//! request's URL, `<service root>/$batch`: so they are relative to the service root, as the
//! paths of generated requests are. Responses may come in any order; they are matched by id.

use std::fmt;
use std::marker::PhantomData;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::body::{BodyKind, Bytes, RequestBody, ResponseBody, JSON_CONTENT_TYPE};
use super::error::ODataError;
use super::request::{Method, Request};

/// Requests to send as one JSON batch, in order.
///
/// Each [`add`](Self::add) gives the request an id (`"1"`, `"2"`, …) and returns a
/// [`BatchHandle`] typed by the request's response type, which reads that response from the
/// [`BatchResponses`]. [`add_with`](Self::add_with) also places the request after others
/// (`dependsOn`) or in an atomicity group ([`BatchOptions`]); the rules of the format are
/// checked as requests are added, so a batch is always well-formed.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    requests: Vec<BatchRequest>,
    /// The number the next generated id starts from.
    next_id: u64,
}

/// One request of a [`Batch`], as it goes on the wire.
#[derive(Debug, Clone)]
pub struct BatchRequest {
    /// The request's id, unique among the batch's ids and atomicity groups.
    pub id: String,
    /// The HTTP method.
    pub method: Method,
    /// The URL relative to the service root (no leading `/`), query percent-encoded.
    pub url: String,
    /// Request headers; `Content-Type` when there is a body.
    pub headers: Vec<(String, String)>,
    /// The body: JSON, or for raw bytes a base64url string (the format's rule for media types
    /// other than JSON and text).
    pub body: Option<Box<RawValue>>,
    /// Ids of earlier requests or atomicity groups that must succeed before this one runs.
    pub depends_on: Vec<String>,
    /// The atomicity group: all its requests succeed or none does.
    pub atomicity_group: Option<String>,
}

/// Where [`Batch::add_with`] places a request.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    depends_on: Vec<String>,
    atomicity_group: Option<String>,
}

impl BatchOptions {
    /// Nothing more than [`Batch::add`] does.
    pub fn new() -> Self {
        BatchOptions::default()
    }

    /// Runs the request only after `id` (of an earlier request, [`BatchHandle::id`], or an
    /// atomicity group) succeeded.
    pub fn depends_on(mut self, id: impl Into<String>) -> Self {
        self.depends_on.push(id.into());
        self
    }

    /// Puts the request in the atomicity group `group`, whose requests must be added one
    /// after another.
    pub fn atomicity_group(mut self, group: impl Into<String>) -> Self {
        self.atomicity_group = Some(group.into());
        self
    }
}

/// A request added to a [`Batch`]: its id, and the type `R` its response reads as.
pub struct BatchHandle<R> {
    id: String,
    response: PhantomData<fn() -> R>,
}

impl<R> BatchHandle<R> {
    /// The request's id in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

// Hand-written: deriving would require `R: Clone`/`R: Debug` for the marker type.
impl<R> Clone for BatchHandle<R> {
    fn clone(&self) -> Self {
        BatchHandle {
            id: self.id.clone(),
            response: PhantomData,
        }
    }
}

impl<R> fmt::Debug for BatchHandle<R> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_tuple("BatchHandle")
            .field(&self.id)
            .finish()
    }
}

/// Why a request cannot join a [`Batch`] as asked.
#[derive(Debug)]
pub enum BatchError {
    /// The body cannot be written as JSON.
    Body(serde_json::Error),
    /// `dependsOn` names no earlier request or atomicity group.
    UnknownDependency(String),
    /// `dependsOn` names a request inside another atomicity group (the format allows only the
    /// group), or the request's own group.
    DependencyInGroup {
        /// The id named.
        id: String,
        /// Its group.
        group: String,
    },
    /// The atomicity group already has requests, and others were added after them.
    GroupNotAdjacent(String),
    /// The atomicity group's name is already a request's id.
    GroupNameTaken(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self {
            BatchError::Body(source) => write!(formatter, "the body cannot be written: {source}"),
            BatchError::UnknownDependency(id) => write!(
                formatter,
                "dependsOn `{id}`: no earlier request or atomicity group has this id"
            ),
            BatchError::DependencyInGroup { id, group } => write!(
                formatter,
                "dependsOn `{id}`: it is in atomicity group `{group}`; depend on the group \
                 from outside it, on its requests only from inside"
            ),
            BatchError::GroupNotAdjacent(group) => write!(
                formatter,
                "atomicity group `{group}`: its requests must be added one after another"
            ),
            BatchError::GroupNameTaken(group) => write!(
                formatter,
                "atomicity group `{group}`: a request already has this id"
            ),
        }
    }
}

impl std::error::Error for BatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BatchError::Body(source) => Some(source),
            _ => None,
        }
    }
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// The requests added so far, in order.
    pub fn requests(&self) -> &[BatchRequest] {
        &self.requests
    }

    /// The number of requests.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// Whether no request was added.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// Adds `request`, to run independently of the others.
    pub fn add<B: RequestBody, R>(
        &mut self,
        request: &Request<B, R>,
    ) -> Result<BatchHandle<R>, BatchError> {
        self.add_with(request, BatchOptions::new())
    }

    /// Adds `request` after the requests or groups `options` names, in its atomicity group.
    pub fn add_with<B: RequestBody, R>(
        &mut self,
        request: &Request<B, R>,
        options: BatchOptions,
    ) -> Result<BatchHandle<R>, BatchError> {
        let BatchOptions {
            depends_on,
            atomicity_group,
        } = options;
        if let Some(group) = &atomicity_group {
            self.check_group(group)?;
        }
        for id in &depends_on {
            self.check_dependency(id, atomicity_group.as_deref())?;
        }
        let mut headers = Vec::new();
        let body = match (&request.body, request.body_kind()) {
            (Some(body), BodyKind::Json | BodyKind::Bytes) => {
                headers.push(("Content-Type".to_owned(), body.content_type().to_owned()));
                let data = body.to_bytes().map_err(BatchError::Body)?;
                Some(batch_body(B::KIND, data).map_err(BatchError::Body)?)
            }
            _ => None,
        };
        let id = self.fresh_id();
        let url = request.url("");
        self.requests.push(BatchRequest {
            id: id.clone(),
            method: request.method,
            url: url.strip_prefix('/').unwrap_or(&url).to_owned(),
            headers,
            body,
            depends_on,
            atomicity_group,
        });
        Ok(BatchHandle {
            id,
            response: PhantomData,
        })
    }

    /// The next number not taken by an atomicity group's name.
    fn fresh_id(&mut self) -> String {
        loop {
            self.next_id += 1;
            let id = self.next_id.to_string();
            if !self.is_group(&id) {
                return id;
            }
        }
    }

    fn is_group(&self, name: &str) -> bool {
        self.requests
            .iter()
            .any(|r| r.atomicity_group.as_deref() == Some(name))
    }

    fn check_group(&self, group: &str) -> Result<(), BatchError> {
        if self.requests.iter().any(|r| r.id == group) {
            return Err(BatchError::GroupNameTaken(group.to_owned()));
        }
        let last = self
            .requests
            .last()
            .and_then(|r| r.atomicity_group.as_deref());
        if self.is_group(group) && last != Some(group) {
            return Err(BatchError::GroupNotAdjacent(group.to_owned()));
        }
        Ok(())
    }

    fn check_dependency(&self, id: &str, own_group: Option<&str>) -> Result<(), BatchError> {
        let in_group = |group: &str| BatchError::DependencyInGroup {
            id: id.to_owned(),
            group: group.to_owned(),
        };
        if self.is_group(id) {
            // A group is done only when its last request is: not from inside it.
            return match own_group == Some(id) {
                true => Err(in_group(id)),
                false => Ok(()),
            };
        }
        match self.requests.iter().find(|r| r.id == id) {
            None => Err(BatchError::UnknownDependency(id.to_owned())),
            Some(BatchRequest {
                atomicity_group: Some(group),
                ..
            }) if own_group != Some(group.as_str()) => Err(in_group(group)),
            Some(_) => Ok(()),
        }
    }
}

/// A body as the batch carries it: JSON as itself, raw bytes as a base64url string.
fn batch_body(kind: BodyKind, data: Vec<u8>) -> Result<Box<RawValue>, serde_json::Error> {
    match kind {
        BodyKind::Bytes => RawValue::from_string(serde_json::to_string(&URL_SAFE.encode(data))?),
        BodyKind::Json | BodyKind::None => {
            let text = String::from_utf8(data).map_err(serde_json::Error::custom)?;
            RawValue::from_string(text)
        }
    }
}

impl Serialize for BatchRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("method", self.method.as_str())?;
        map.serialize_entry("url", &self.url)?;
        if !self.headers.is_empty() {
            map.serialize_entry("headers", &Headers(&self.headers))?;
        }
        if let Some(body) = &self.body {
            map.serialize_entry("body", body)?;
        }
        if !self.depends_on.is_empty() {
            map.serialize_entry("dependsOn", &self.depends_on)?;
        }
        if let Some(group) = &self.atomicity_group {
            map.serialize_entry("atomicityGroup", group)?;
        }
        map.end()
    }
}

struct Headers<'a>(&'a [(String, String)]);

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

/// `{"requests": [...]}`: the body of the `POST $batch`.
impl Serialize for Batch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("requests", &self.requests)?;
        map.end()
    }
}

/// The answer to a batch: one [`BatchResponse`] per request the service ran.
#[derive(Debug, Clone, Default)]
pub struct BatchResponses {
    responses: Vec<BatchResponse>,
}

/// One response of a batch.
#[derive(Debug, Clone)]
pub struct BatchResponse {
    /// The id of the request it answers.
    pub id: String,
    /// The HTTP status.
    pub status: u16,
    /// Response headers as sent (names in the service's case).
    pub headers: Vec<(String, String)>,
    /// The body: JSON, a string for text, a base64url string for other media types.
    pub body: Option<Box<RawValue>>,
}

impl BatchResponse {
    /// The value of the header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body's bytes as the request's response would have had them, with their content
    /// type: JSON text as sent; a string for a text or JSON-less media type decoded (base64url,
    /// or standard base64 as some services send) unless it is text.
    fn bytes(&self, kind: BodyKind) -> Result<Bytes, serde_json::Error> {
        let content_type = self.header("Content-Type");
        let Some(body) = &self.body else {
            return Ok(Bytes::new(
                Vec::new(),
                content_type.unwrap_or(JSON_CONTENT_TYPE),
            ));
        };
        let json = content_type.is_none_or(|t| is_json(t) || t.is_empty());
        let data = match body.get().starts_with('"') && (!json || kind == BodyKind::Bytes) {
            false => body.get().as_bytes().to_vec(),
            true => {
                let text: String = serde_json::from_str(body.get())?;
                let textual = content_type.is_some_and(|t| t.starts_with("text/"));
                match textual || kind == BodyKind::Json {
                    true => text.into_bytes(),
                    false => decode_base64(&text)?,
                }
            }
        };
        Ok(Bytes::new(data, content_type.unwrap_or(JSON_CONTENT_TYPE)))
    }
}

fn is_json(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim();
    media.eq_ignore_ascii_case(JSON_CONTENT_TYPE) || media.ends_with("+json")
}

/// base64url or standard base64, padded or not: the format says base64url, some services
/// send standard base64.
fn decode_base64(text: &str) -> Result<Vec<u8>, serde_json::Error> {
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let alphabet = match text.contains(['+', '/']) {
        true => &alphabet::STANDARD,
        false => &alphabet::URL_SAFE,
    };
    GeneralPurpose::new(alphabet, config)
        .decode(text)
        .map_err(serde_json::Error::custom)
}

/// Why a request of a batch has no typed response.
#[derive(Debug)]
pub enum BatchItemError {
    /// The batch's answer has no response with the request's id: the service stopped after
    /// an earlier failure, or the request was in an atomicity group that failed.
    NotAnswered(String),
    /// The service answered with an OData error payload.
    Service {
        /// The HTTP status, e.g. 404 (424 when a request it depends on failed).
        status: u16,
        /// The payload's `error` object (boxed: it is large, and errors are the rare path).
        error: Box<ODataError>,
    },
    /// The service answered with an error status and a body that is no OData error payload.
    Status {
        /// The HTTP status.
        status: u16,
        /// The body as sent (JSON text), empty without one.
        body: String,
    },
    /// A success whose body does not match the response type.
    Body {
        /// The request's id.
        id: String,
        /// What serde_json said.
        source: serde_json::Error,
    },
}

impl BatchItemError {
    /// The HTTP status of an error response.
    pub fn status(&self) -> Option<u16> {
        match self {
            BatchItemError::Service { status, .. } | BatchItemError::Status { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }
}

impl fmt::Display for BatchItemError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self {
            BatchItemError::NotAnswered(id) => {
                write!(formatter, "the batch has no response to request `{id}`")
            }
            BatchItemError::Service { status, error } => write!(
                formatter,
                "the service answered {status}: {}: {}",
                error.code, error.message
            ),
            BatchItemError::Status { status, body } => write!(
                formatter,
                "the service answered {status} without an OData error: {body}"
            ),
            BatchItemError::Body { id, source } => write!(
                formatter,
                "the response to request `{id}` does not match the model: {source}"
            ),
        }
    }
}

impl std::error::Error for BatchItemError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BatchItemError::Body { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl BatchResponses {
    /// Reads the body of a batch's answer, `{"responses": [...]}`.
    pub fn from_slice(json: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(json)
    }

    /// Adds the responses of another batch (one part of a batch split in several).
    pub fn extend(&mut self, other: BatchResponses) {
        self.responses.extend(other.responses);
    }

    /// Every response, in the order received.
    pub fn responses(&self) -> &[BatchResponse] {
        &self.responses
    }

    /// The response to the request with id `id`.
    pub fn response(&self, id: &str) -> Option<&BatchResponse> {
        self.responses.iter().find(|r| r.id == id)
    }

    /// The typed response to the request of `handle`, or why there is none.
    pub fn get<R: ResponseBody>(&self, handle: &BatchHandle<R>) -> Result<R, BatchItemError> {
        let response = self
            .response(&handle.id)
            .ok_or_else(|| BatchItemError::NotAnswered(handle.id.clone()))?;
        let body_error = |source| BatchItemError::Body {
            id: handle.id.clone(),
            source,
        };
        if !(200..300).contains(&response.status) {
            let body = response.body.as_ref().map_or("", |b| b.get());
            return Err(match ODataError::from_body(body.as_bytes()) {
                Some(error) => BatchItemError::Service {
                    status: response.status,
                    error: Box::new(error),
                },
                None => BatchItemError::Status {
                    status: response.status,
                    body: body.to_owned(),
                },
            });
        }
        R::from_bytes(response.bytes(R::KIND).map_err(body_error)?).map_err(body_error)
    }
}

impl<'de> Deserialize<'de> for BatchResponses {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor(PhantomData::<BatchResponses>))
    }
}

impl<'de> Deserialize<'de> for BatchResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor(PhantomData::<BatchResponse>))
    }
}

/// Reads a JSON object member by member into `T` (other members, such as annotations, are
/// skipped).
struct ObjectVisitor<T>(PhantomData<T>);

trait FromMembers: Sized {
    const EXPECTING: &'static str;
    fn from_members<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

impl<'de, T: FromMembers> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_members(map)
    }
}

impl FromMembers for BatchResponses {
    const EXPECTING: &'static str = "a batch response, {\"responses\": [...]}";

    fn from_members<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut responses = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "responses" => responses = Some(map.next_value()?),
                _ => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        Ok(BatchResponses {
            responses: responses.ok_or_else(|| A::Error::missing_field("responses"))?,
        })
    }
}

impl FromMembers for BatchResponse {
    const EXPECTING: &'static str = "a response object with id and status";

    fn from_members<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let (mut id, mut status, mut headers, mut body) = (None, None, Vec::new(), None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => id = Some(map.next_value::<String>()?),
                "status" => status = Some(map.next_value::<u16>()?),
                "headers" => {
                    let raw: Option<std::collections::BTreeMap<String, String>> =
                        map.next_value()?;
                    headers = raw.unwrap_or_default().into_iter().collect();
                }
                "body" => body = Some(map.next_value::<Box<RawValue>>()?),
                _ => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        Ok(BatchResponse {
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            status: status.ok_or_else(|| A::Error::missing_field("status"))?,
            headers,
            // `"body": null` is no body.
            body: body.filter(|b| b.get() != "null"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::collection::{Collection, NoContent};
    use super::super::path::{ResourcePath, UrlConventions};
    use super::*;

    fn request<B, R>(method: Method, path: &str, body: Option<B>) -> Request<B, R> {
        let mut root = ResourcePath::root(UrlConventions::default());
        for segment in path.split('/') {
            root = root.segment(segment);
        }
        Request::new(method, root, body)
    }

    #[test]
    fn requests_serialize_in_the_json_batch_format() {
        let mut batch = Batch::new();
        let list: Request<(), Collection<i64>> = request(Method::Get, "users", None);
        let first = batch.add(&list.top(2)).unwrap();
        let create: Request<serde_json::Value, serde_json::Value> = request(
            Method::Post,
            "users",
            Some(serde_json::json!({"b": 1, "a": 2})),
        );
        let options = BatchOptions::new()
            .depends_on(first.id())
            .atomicity_group("g");
        let second = batch.add_with(&create, options).unwrap();
        let upload: Request<Bytes, NoContent> = request(
            Method::Put,
            "users/u1/photo/$value",
            Some(Bytes::new(*b"\xff\x00", "image/png")),
        );
        let third = batch
            .add_with(&upload, BatchOptions::new().depends_on("g"))
            .unwrap();
        assert_eq!((first.id(), second.id(), third.id()), ("1", "2", "3"));
        assert_eq!(batch.len(), 3);
        assert_eq!(
            serde_json::to_string(&batch).unwrap(),
            r#"{"requests":[{"id":"1","method":"GET","url":"users?$top=2"},"#.to_owned()
                + r#"{"id":"2","method":"POST","url":"users","headers":{"Content-Type":"application/json"},"#
                + r#""body":{"a":2,"b":1},"dependsOn":["1"],"atomicityGroup":"g"},"#
                + r#"{"id":"3","method":"PUT","url":"users/u1/photo/$value","headers":{"Content-Type":"image/png"},"#
                + r#""body":"_wA=","dependsOn":["g"]}]}"#
        );
    }

    #[test]
    fn the_rules_of_dependencies_and_groups_hold_as_requests_are_added() {
        let get: Request<(), i64> = request(Method::Get, "a", None);
        let mut batch = Batch::new();
        let one = batch.add(&get).unwrap();
        let in_group = |group: &str| BatchOptions::new().atomicity_group(group);
        assert!(matches!(
            batch.add_with(&get, BatchOptions::new().depends_on("9")),
            Err(BatchError::UnknownDependency(id)) if id == "9"
        ));
        assert!(matches!(
            batch.add_with(&get, in_group("1")),
            Err(BatchError::GroupNameTaken(g)) if g == "1"
        ));
        let two = batch.add_with(&get, in_group("g")).unwrap();
        // Inside the group, its requests may be named; the group itself may not.
        batch
            .add_with(
                &get,
                in_group("g").depends_on(two.id()).depends_on(one.id()),
            )
            .unwrap();
        assert!(matches!(
            batch.add_with(&get, in_group("g").depends_on("g")),
            Err(BatchError::DependencyInGroup { .. })
        ));
        assert!(matches!(
            batch.add_with(&get, BatchOptions::new().depends_on(two.id())),
            Err(BatchError::DependencyInGroup { id, group }) if id == "2" && group == "g"
        ));
        batch
            .add_with(&get, BatchOptions::new().depends_on("g"))
            .unwrap();
        let error = batch.add_with(&get, in_group("g")).unwrap_err();
        assert!(matches!(&error, BatchError::GroupNotAdjacent(g) if g == "g"));
        assert_eq!(
            error.to_string(),
            "atomicity group `g`: its requests must be added one after another"
        );
        // A refused request takes no id; generated ids skip group names.
        let mut batch = Batch::new();
        batch.add_with(&get, in_group("2")).unwrap();
        let next = batch.add(&get).unwrap();
        assert_eq!(next.id(), "3");
    }

    #[test]
    fn responses_read_typed_by_their_handle_in_any_order() {
        let mut batch = Batch::new();
        let count: Request<(), i64> = request(Method::Get, "users/$count", None);
        let list: Request<(), Collection<i64>> = request(Method::Get, "numbers", None);
        let photo: Request<(), Bytes> = request(Method::Get, "photo/$value", None);
        let delete: Request<(), NoContent> = request(Method::Delete, "users/u1", None);
        let missing: Request<(), NoContent> = request(Method::Delete, "users/u2", None);
        let handles = (
            batch.add(&count).unwrap(),
            batch.add(&list).unwrap(),
            batch.add(&photo).unwrap(),
            batch.add(&delete).unwrap(),
            batch.add(&missing).unwrap(),
        );
        let answer = br#"{"@odata.context": "x", "responses": [
            {"id": "4", "status": 204, "headers": {}},
            {"id": "2", "status": 200, "headers": {"content-type": "application/json;odata.metadata=minimal"},
             "body": {"value": [1, 2], "@odata.nextLink": "numbers?$skiptoken=2"}},
            {"id": "1", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "42"},
            {"id": "3", "status": 200, "headers": {"Content-Type": "image/png"}, "body": "_wA"}
        ]}"#;
        let responses = BatchResponses::from_slice(answer).unwrap();
        assert_eq!(responses.get(&handles.0).unwrap(), 42);
        let page = responses.get(&handles.1).unwrap();
        assert_eq!(
            (page.value, page.next_link.as_deref()),
            (vec![1, 2], Some("numbers?$skiptoken=2"))
        );
        assert_eq!(
            responses.get(&handles.2).unwrap(),
            Bytes::new(*b"\xff\x00", "image/png")
        );
        responses.get(&handles.3).unwrap();
        assert!(matches!(
            responses.get(&handles.4),
            Err(BatchItemError::NotAnswered(id)) if id == "5"
        ));
        assert_eq!(
            responses
                .response("2")
                .unwrap()
                .header("Content-Type")
                .map(|t| &t[..16]),
            Some("application/json")
        );
    }

    #[test]
    fn failed_requests_are_errors_of_their_own() {
        let get: Request<(), Collection<i64>> = request(Method::Get, "a", None);
        let mut batch = Batch::new();
        let (a, b, c) = (
            batch.add(&get).unwrap(),
            batch.add(&get).unwrap(),
            batch.add(&get).unwrap(),
        );
        let answer = br#"{"responses": [
            {"id": "1", "status": 404, "body": {"error": {"code": "NotFound", "message": "gone"}}},
            {"id": "2", "status": 502, "body": "<html>"},
            {"id": "3", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"value": ["x"]}}
        ]}"#;
        let mut responses = BatchResponses::default();
        responses.extend(BatchResponses::from_slice(answer).unwrap());
        let error = responses.get(&a).unwrap_err();
        assert_eq!(error.status(), Some(404));
        assert_eq!(
            error.to_string(),
            "the service answered 404: NotFound: gone"
        );
        assert!(matches!(
            responses.get(&b),
            Err(BatchItemError::Status { status: 502, body }) if body == "\"<html>\""
        ));
        let error = responses.get(&c).unwrap_err();
        assert!(
            matches!(&error, BatchItemError::Body { id, .. } if id == "3"),
            "{error}"
        );
        assert_eq!(error.status(), None);
        assert!(BatchResponses::from_slice(br#"{"value": []}"#).is_err());
        assert!(BatchResponses::from_slice(br#"{"responses": [{"id": "1"}]}"#).is_err());
    }

    #[test]
    fn raw_bodies_decode_from_either_base64_alphabet() {
        assert_eq!(decode_base64("_w==").unwrap(), [255]);
        assert_eq!(decode_base64("/w").unwrap(), [255]);
        assert!(decode_base64("*").is_err());
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/plain"));
    }
}
