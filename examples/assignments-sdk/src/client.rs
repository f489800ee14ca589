//! [`Client`]: sends the generated crate's request descriptions over HTTP.

use graph_assignments::runtime::{
    BodyKind, Bytes, Collection, Method, Request, RequestBody, ResponseBody, OCTET_STREAM,
};
use reqwest::blocking::Client as HttpClient;
use std::time::{Duration, SystemTime};

use reqwest::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use serde::de::DeserializeOwned;

use crate::error::{self, Error};
use crate::pages::Pages;
use crate::retry::RetryPolicy;

/// A connection to one OData service: its root URL, the bearer token to send, and the HTTP
/// client that sends.
///
/// Calls block until the answer is read. Use it from ordinary threads, not from inside an
/// async runtime (reqwest's blocking client refuses that); an async SDK would do the same with
/// `reqwest::Client` and `.await`.
///
/// ```no_run
/// use assignments_sdk::Client;
/// use graph_assignments::GraphService;
///
/// let client = Client::new("https://graph.microsoft.com/beta").with_token("eyJ0…");
/// let configurations = GraphService::new().device_management().device_configurations();
/// for configuration in client.list_all(&configurations.list())? {
///     println!("{configuration:?}");
/// }
/// # Ok::<(), assignments_sdk::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    http: HttpClient,
    service_root: String,
    token: Option<String>,
    retry: RetryPolicy,
    max_batch_size: usize,
}

/// Graph's limit of requests per JSON batch, the default of [`Client::with_max_batch_size`].
pub const GRAPH_MAX_BATCH_SIZE: usize = 20;

impl Client {
    /// A client for the service at `service_root` (e.g. `https://graph.microsoft.com/beta`),
    /// with reqwest's default settings and no token.
    pub fn new(service_root: impl Into<String>) -> Self {
        Client {
            http: HttpClient::new(),
            service_root: service_root.into().trim_end_matches('/').to_owned(),
            token: None,
            retry: RetryPolicy::default(),
            max_batch_size: GRAPH_MAX_BATCH_SIZE,
        }
    }

    /// Retries requests answered `429` or `503` as `policy` allows, after the wait the
    /// service asks for (`Retry-After`). Without it, nothing is retried.
    pub fn with_retries(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends batches of more than `max` requests as several (`Client::send_batch`); `0` counts
    /// as `1`. Default: 20, Graph's limit.
    pub fn with_max_batch_size(mut self, max: usize) -> Self {
        self.max_batch_size = max.max(1);
        self
    }

    /// The most requests one `$batch` carries.
    pub fn max_batch_size(&self) -> usize {
        self.max_batch_size
    }

    /// Sends `Authorization: Bearer <token>` with every request.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Sends through `http` (for timeouts, proxies, a user agent, …).
    pub fn with_http_client(mut self, http: HttpClient) -> Self {
        self.http = http;
        self
    }

    /// The service root, without a trailing `/`.
    pub fn service_root(&self) -> &str {
        &self.service_root
    }

    /// Sends `request` and reads its response as `R`.
    ///
    /// The body goes as its kind says: JSON with `Content-Type: application/json`, raw
    /// [`Bytes`] (a media entity's or stream property's) with their own content type, or none.
    /// A response of `Bytes` is read raw, with the content type the service sent; any other as
    /// JSON, where a `204 No Content` (or any empty body) reads as `null`, which is what
    /// [`NoContent`](graph_assignments::runtime::NoContent) expects (any other `R` then fails
    /// with [`Error::UnexpectedResponse`]).
    pub fn send<B: RequestBody, R: ResponseBody>(
        &self,
        request: &Request<B, R>,
    ) -> Result<R, Error> {
        let url = request.url(&self.service_root);
        self.execute(request.method, &url, Body::of(request)?)
    }

    /// Every page of a collection, the first from `request` and each next one from the
    /// `@odata.nextLink` of the page before.
    pub fn pages<T>(&self, request: &Request<(), Collection<T>>) -> Pages<'_, T>
    where
        Collection<T>: DeserializeOwned,
    {
        Pages::new(self, request.clone())
    }

    /// All items of a collection, however many pages the service splits it into.
    pub fn list_all<T>(&self, request: &Request<(), Collection<T>>) -> Result<Vec<T>, Error>
    where
        Collection<T>: DeserializeOwned,
    {
        let mut items = Vec::new();
        for page in self.pages(request) {
            items.extend(page?.value);
        }
        Ok(items)
    }

    pub(crate) fn execute<R: ResponseBody>(
        &self,
        method: Method,
        url: &str,
        body: Option<Body>,
    ) -> Result<R, Error> {
        let (mut retries, mut waited) = (0, Duration::ZERO);
        let response = loop {
            let mut builder = self
                .http
                .request(http_method(method), url)
                .header(ACCEPT, accept::<R>());
            if let Some(token) = &self.token {
                builder = builder.bearer_auth(token);
            }
            if let Some(body) = &body {
                for (name, value) in &body.headers {
                    builder = builder.header(*name, value);
                }
                builder = builder
                    .header(CONTENT_TYPE, &body.content_type)
                    .body(body.data.clone());
            }
            let response = builder.send()?;
            let retry_after = response.headers().get(RETRY_AFTER);
            let retry_after = retry_after.and_then(|value| value.to_str().ok());
            let status = response.status().as_u16();
            match self
                .retry
                .wait(retries, waited, status, retry_after, SystemTime::now())
            {
                Some(wait) => {
                    std::thread::sleep(wait);
                    (retries, waited) = (retries + 1, waited + wait);
                }
                None => break response,
            }
        };
        let status = response.status().as_u16();
        let content_type = content_type(response.headers());
        let bytes = response.bytes()?;
        finish(method, url, status, content_type, &bytes)
    }
}

/// `Accept` for a response of `R`: raw responses come in the type the service stores; errors
/// still come as JSON.
pub(crate) fn accept<R: ResponseBody>() -> &'static str {
    match R::KIND {
        BodyKind::Bytes => "*/*",
        BodyKind::Json | BodyKind::None => "application/json",
    }
}

/// The `Content-Type` of a response (`application/octet-stream` when it names none).
pub(crate) fn content_type(headers: &reqwest::header::HeaderMap) -> String {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or(OCTET_STREAM)
        .to_owned()
}

/// The body `bytes` of a response with `status` read as `R`, or the error it says.
pub(crate) fn finish<R: ResponseBody>(
    method: Method,
    url: &str,
    status: u16,
    content_type: String,
    bytes: &[u8],
) -> Result<R, Error> {
    if !(200..300).contains(&status) {
        return Err(error::from_response(status, bytes));
    }
    let read = match R::KIND {
        BodyKind::Bytes => {
            R::from_bytes(Bytes::new(bytes.to_vec(), content_type)).map_err(|e| (".".to_owned(), e))
        }
        BodyKind::Json | BodyKind::None => read_body(bytes),
    };
    read.map_err(|(path, source)| Error::UnexpectedResponse {
        request: format!("{method} {url}"),
        path,
        source,
    })
}

/// A request body as sent: its bytes and their content type, and any header it needs.
pub(crate) struct Body {
    pub(crate) content_type: String,
    pub(crate) data: Vec<u8>,
    pub(crate) headers: Vec<(&'static str, String)>,
}

impl Body {
    /// The body of `request`, if it has one.
    pub(crate) fn of<B: RequestBody, R>(request: &Request<B, R>) -> Result<Option<Body>, Error> {
        Ok(match (&request.body, request.body_kind()) {
            (Some(body), BodyKind::Json | BodyKind::Bytes) => Some(Body {
                content_type: body.content_type().to_owned(),
                data: body.to_bytes().map_err(Error::Body)?,
                headers: Vec::new(),
            }),
            _ => None,
        })
    }
}

/// Reads a success response's JSON body as `R`; an empty body reads as `null`. A mismatch
/// comes with where it is (`.` for the whole body).
fn read_body<R: ResponseBody>(bytes: &[u8]) -> Result<R, (String, serde_json::Error)> {
    let json: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let mut track = serde_path_to_error::Track::new();
    let value = R::deserialize_json(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        &mut track,
    ))
    .map_err(|mismatch| (track.path().to_string(), mismatch))?;
    // Anything after the value is a mismatch too.
    deserializer.end().map_err(|e| (".".to_owned(), e))?;
    Ok(value)
}

pub(crate) fn http_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_assignments::runtime::NoContent;

    #[test]
    fn next_links_stay_on_the_service() {
        let client = Client::new("https://graph.example/beta/");
        assert_eq!(client.service_root(), "https://graph.example/beta");
        // The runtime makes the requests of links; the SDK's error says where one pointed.
        let follow = |link: &str| -> Result<String, Error> {
            let request: Request<(), Collection<i64>> =
                Request::from_link(client.service_root(), link)?;
            Ok(request.url(client.service_root()))
        };
        assert_eq!(
            follow("https://graph.example/beta/users?$skiptoken=x").unwrap(),
            "https://graph.example/beta/users?$skiptoken=x"
        );
        assert_eq!(
            follow("users?$skiptoken=x").unwrap(),
            "https://graph.example/beta/users?$skiptoken=x"
        );
        for foreign in [
            "https://evil.example/beta/users",
            "http://graph.example/beta/users",
            "https://graph.example:8443/beta/users",
        ] {
            assert!(matches!(
                follow(foreign),
                Err(Error::ForeignNextLink(link)) if link == foreign
            ));
        }
    }

    #[test]
    fn bodies_read_with_the_place_of_a_mismatch() {
        let _: NoContent = read_body(b"").unwrap();
        let _: NoContent = read_body(b" \n").unwrap();
        let value: Vec<i64> = read_body(br#"[1, 2]"#).unwrap();
        assert_eq!(value, [1, 2]);
        let (path, _) = read_body::<Vec<i64>>(br#"[1, "two"]"#).unwrap_err();
        assert_eq!(path, "[1]");
        assert!(read_body::<Vec<i64>>(b"[1] [2]").is_err());
        assert!(read_body::<Vec<i64>>(b"").is_err());
    }

    #[test]
    fn error_bodies_become_typed_errors() {
        let body = br#"{"error": {"code": "Request_ResourceNotFound", "message": "gone",
            "details": [{"code": "c", "message": "m", "target": "id"}],
            "innererror": {"request-id": "1"}}}"#;
        let error = error::from_response(404, body);
        assert_eq!(error.code(), Some("Request_ResourceNotFound"));
        assert_eq!(error.status(), Some(404));
        let Error::Service { error: odata, .. } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(odata.details[0].target.as_deref(), Some("id"));
        assert_eq!(odata.inner_error.as_ref().unwrap()["request-id"], "1");
        assert_eq!(
            error.to_string(),
            "the service answered 404: Request_ResourceNotFound: gone"
        );

        let error = error::from_response(502, b"<html>Bad gateway</html>");
        assert!(matches!(&error, Error::Status { status: 502, body } if body.contains("gateway")));
        assert_eq!(error.code(), None);
    }
}
