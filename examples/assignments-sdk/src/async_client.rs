//! [`AsyncClient`]: the [`Client`](crate::Client) on reqwest's async client, for programs
//! on tokio. Same requests, same responses, same [`Error`].

use std::time::{Duration, SystemTime};

use graph_assignments::runtime::{
    Batch, BatchResponses, Collection, Method, Request, RequestBody, ResponseBody,
};
use reqwest::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use reqwest::Client as HttpClient;
use serde::de::DeserializeOwned;

use crate::batch::{batch_url, parts};
use crate::client::{accept, content_type, finish, http_method, Body, GRAPH_MAX_BATCH_SIZE};
use crate::error::Error;
use crate::retry::RetryPolicy;

/// A connection to one OData service, for async code: each call is a future to `.await`
/// (on tokio, which reqwest's client and the waits between retries need).
///
/// ```no_run
/// use assignments_sdk::{AsyncClient, RetryPolicy};
/// use graph_assignments::GraphService;
/// use std::time::Duration;
///
/// # async fn run() -> Result<(), assignments_sdk::Error> {
/// let client = AsyncClient::new("https://graph.microsoft.com/beta")
///     .with_token("eyJ0…")
///     .with_retries(RetryPolicy::new(3, Duration::from_secs(60)));
/// let configurations = GraphService::new().device_management().device_configurations();
/// let first_page = client.send(&configurations.list()).await?;
/// let everything = client.list_all(&configurations.list()).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct AsyncClient {
    http: HttpClient,
    service_root: String,
    token: Option<String>,
    retry: RetryPolicy,
    max_batch_size: usize,
}

impl AsyncClient {
    /// A client for the service at `service_root`, with reqwest's default settings, no token,
    /// no retries and Graph's batch size.
    pub fn new(service_root: impl Into<String>) -> Self {
        AsyncClient {
            http: HttpClient::new(),
            service_root: service_root.into().trim_end_matches('/').to_owned(),
            token: None,
            retry: RetryPolicy::default(),
            max_batch_size: GRAPH_MAX_BATCH_SIZE,
        }
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

    /// Retries requests answered `429` or `503` as `policy` allows (see
    /// [`Client::with_retries`](crate::Client::with_retries)).
    pub fn with_retries(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends batches of more than `max` requests as several; `0` counts as `1`. Default: 20.
    pub fn with_max_batch_size(mut self, max: usize) -> Self {
        self.max_batch_size = max.max(1);
        self
    }

    /// The service root, without a trailing `/`.
    pub fn service_root(&self) -> &str {
        &self.service_root
    }

    /// Sends `request` and reads its response as `R`, as [`Client::send`](crate::Client::send)
    /// does.
    pub async fn send<B: RequestBody, R: ResponseBody>(
        &self,
        request: &Request<B, R>,
    ) -> Result<R, Error> {
        let url = request.url(&self.service_root);
        self.execute(request.method, &url, Body::of(request)?).await
    }

    /// All items of a collection, the first page from `request` and each next one from the
    /// `@odata.nextLink` of the page before (only under the service root).
    pub async fn list_all<T>(&self, request: &Request<(), Collection<T>>) -> Result<Vec<T>, Error>
    where
        Collection<T>: DeserializeOwned,
    {
        let mut page = self.send(request).await?;
        let mut items = std::mem::take(&mut page.value);
        while let Some(next) = page.next_request(&self.service_root) {
            page = self.send(&next?).await?;
            items.append(&mut page.value);
        }
        Ok(items)
    }

    /// Sends `batch` as [`Client::send_batch`](crate::Client::send_batch) does.
    pub async fn send_batch(&self, batch: &Batch) -> Result<BatchResponses, Error> {
        let url = batch_url(&self.service_root);
        let mut responses = BatchResponses::default();
        for part in parts(batch, self.max_batch_size)? {
            responses.extend(self.execute(Method::Post, &url, Some(part)).await?);
        }
        Ok(responses)
    }

    async fn execute<R: ResponseBody>(
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
            let response = builder.send().await?;
            let retry_after = response.headers().get(RETRY_AFTER);
            let retry_after = retry_after.and_then(|value| value.to_str().ok());
            let status = response.status().as_u16();
            match self
                .retry
                .wait(retries, waited, status, retry_after, SystemTime::now())
            {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    (retries, waited) = (retries + 1, waited + wait);
                }
                None => break response,
            }
        };
        let status = response.status().as_u16();
        let content_type = content_type(response.headers());
        let bytes = response.bytes().await?;
        finish(method, url, status, content_type, &bytes)
    }
}
