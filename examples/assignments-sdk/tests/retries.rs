//! Retries of throttled requests (`429`, `503`) after `Retry-After`, within the bounds of a
//! `RetryPolicy`, for both clients, against a scripted handler (`scripted/`): odatapy never
//! throttles.

mod scripted;

use std::time::Duration;

use assignments_sdk::{AsyncClient, Client, Error, RetryPolicy};
use graph_assignments::models::User;
use graph_assignments::{model, GraphService};
use scripted::{Answer, ScriptedServer};
use serde_json::json;

fn throttled(status: u16, retry_after: &str) -> Answer {
    let error = json!({"error": {"code": "TooManyRequests", "message": "slow down"}});
    Answer::json(status, error).header("Retry-After", retry_after)
}

fn user() -> Answer {
    Answer::json(200, json!({"id": "u1", "displayName": "Ada"}))
}

/// Answers `first` to the first request, a user to the others.
fn throttle_once(first: impl Fn() -> Answer + Send + Sync + 'static) -> ScriptedServer {
    ScriptedServer::start(move |_, n, _| if n == 0 { first() } else { user() })
}

fn policy(retries: u32, seconds: u64) -> RetryPolicy {
    RetryPolicy::new(retries, Duration::from_secs(seconds))
}

/// The time between the arrivals of the first two requests.
fn gap(server: &ScriptedServer) -> Duration {
    let seen = server.seen();
    seen[1].at - seen[0].at
}

#[test]
fn a_429_is_sent_again_after_the_seconds_retry_after_says() {
    let server = throttle_once(|| throttled(429, "1"));
    let client = Client::new(server.root()).with_retries(policy(3, 10));
    let user = client
        .send(&GraphService::new().users().by_id("u1").get())
        .expect("the retry succeeds");
    assert_eq!(user.id.as_deref(), Some("u1"));
    assert_eq!(server.seen().len(), 2);
    assert!(gap(&server) >= Duration::from_secs(1), "{:?}", gap(&server));
}

#[test]
fn a_503_is_sent_again_at_the_http_date_retry_after_says() {
    let server = throttle_once(|| {
        let at = std::time::SystemTime::now() + Duration::from_secs(2);
        let at = chrono::DateTime::<chrono::Utc>::from(at);
        throttled(503, &at.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
    });
    let client = Client::new(server.root()).with_retries(policy(1, 10));
    client
        .send(&GraphService::new().users().by_id("u1").get())
        .expect("the retry succeeds");
    // The date has whole seconds: the wait is between one and two of them.
    let gap = gap(&server);
    assert!(
        gap >= Duration::from_secs(1) && gap < Duration::from_secs(5),
        "{gap:?}"
    );
}

#[test]
fn a_body_is_sent_again_as_it_was() {
    let server = throttle_once(|| throttled(429, "0"));
    let client = Client::new(server.root()).with_retries(policy(1, 1));
    let ada = model!(User {
        display_name: "Ada"
    });
    client
        .send(&GraphService::new().users().create(ada))
        .expect("created on the retry");
    let seen = server.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[1].method.as_str()),
        ("POST", "POST")
    );
    assert_eq!(seen[0].body, seen[1].body);
    assert_eq!(seen[1].header("content-type"), Some("application/json"));
}

#[test]
fn retries_stop_at_the_bounds_with_the_last_answer() {
    let get = GraphService::new().users().by_id("u1").get();
    // Without a policy, nothing is retried.
    let server = throttle_once(|| throttled(429, "0"));
    let error = Client::new(server.root())
        .send(&get)
        .expect_err("no retries");
    assert_eq!(
        (error.status(), error.code()),
        (Some(429), Some("TooManyRequests"))
    );
    assert_eq!(server.seen().len(), 1);

    // A wait longer than the policy allows is not started.
    let server = throttle_once(|| throttled(429, "30"));
    let client = Client::new(server.root()).with_retries(policy(5, 5));
    let started = std::time::Instant::now();
    let error = client.send(&get).expect_err("too long a wait");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(error, Error::Service { status: 429, .. }),
        "{error:?}"
    );
    assert_eq!(server.seen().len(), 1);

    // At most `max_retries` retries.
    let server = ScriptedServer::start(|_, _, _| throttled(503, "0"));
    let client = Client::new(server.root()).with_retries(policy(2, 5));
    let error = client.send(&get).expect_err("still unavailable");
    assert_eq!(error.status(), Some(503));
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn the_async_client_retries_the_same_way() {
    let server = throttle_once(|| throttled(429, "1"));
    let client = AsyncClient::new(server.root()).with_retries(policy(3, 10));
    let get = GraphService::new().users().by_id("u1").get();
    let user = client.send(&get).await.expect("the retry succeeds");
    assert_eq!(user.display_name.value().map(String::as_str), Some("Ada"));
    assert!(gap(&server) >= Duration::from_secs(1));

    let server = throttle_once(|| throttled(503, "30"));
    let client = AsyncClient::new(server.root()).with_retries(policy(3, 10));
    let error = client.send(&get).await.expect_err("too long a wait");
    assert_eq!(error.status(), Some(503));
    assert_eq!(server.seen().len(), 1);
}
