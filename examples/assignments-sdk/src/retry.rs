//! [`RetryPolicy`]: when a request answered `429 Too Many Requests` or `503 Service
//! Unavailable` is sent again, and how long to wait first.
//!
//! Both statuses say the service did not act on the request and may say when to come back
//! (`Retry-After`: seconds, or an HTTP date). Graph throttles with `429` and a `Retry-After`
//! in seconds. The policy bounds what a call may cost: a number of retries and a total wait;
//! a wait that would pass the bound is not started, the error is returned instead.

use std::time::{Duration, SystemTime};

use chrono::{DateTime, NaiveDateTime, Utc};

/// How often and how long a client retries throttled requests. The default retries nothing.
///
/// ```
/// use std::time::Duration;
/// use assignments_sdk::RetryPolicy;
///
/// // Up to 3 retries, waiting at most 30 s in all.
/// let policy = RetryPolicy::new(3, Duration::from_secs(30));
/// # let _ = policy;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The most time spent waiting between attempts, over all retries of one call.
    pub max_wait: Duration,
}

/// The wait before a retry when the service does not say (`Retry-After` missing or
/// unreadable): 1 s, doubling with each retry.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);

impl RetryPolicy {
    /// At most `max_retries` retries and `max_wait` of waiting in all.
    pub fn new(max_retries: u32, max_wait: Duration) -> Self {
        RetryPolicy {
            max_retries,
            max_wait,
        }
    }

    /// How long to wait before retrying a request answered with `status` and `retry_after`
    /// (the header's value), after `retries` retries and `waited` in waits; `None` to stop.
    pub(crate) fn wait(
        &self,
        retries: u32,
        waited: Duration,
        status: u16,
        retry_after: Option<&str>,
        now: SystemTime,
    ) -> Option<Duration> {
        if !matches!(status, 429 | 503) || retries >= self.max_retries {
            return None;
        }
        let wait = retry_after
            .and_then(|value| parse_retry_after(value, now))
            .unwrap_or_else(|| FIRST_BACKOFF.saturating_mul(1 << retries.min(16)));
        (waited.checked_add(wait)? <= self.max_wait).then_some(wait)
    }
}

/// `Retry-After` (RFC 9110 §10.2.3): a number of seconds, or an HTTP date (IMF-fixdate, or the
/// obsolete RFC 850 and asctime forms recipients must accept); a date passed means now.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date: SystemTime = match DateTime::parse_from_rfc2822(value) {
        Ok(date) => date.into(),
        Err(_) => ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
            .map(|date| SystemTime::from(DateTime::<Utc>::from_naive_utc_and_offset(date, Utc)))?,
    };
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example.
    fn example_now() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777)
    }

    #[test]
    fn retry_after_in_seconds_and_in_each_date_form() {
        let now = example_now() - Duration::from_secs(10);
        let ten = Some(Duration::from_secs(10));
        assert_eq!(parse_retry_after(" 10 ", now), ten);
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), ten);
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
            ten
        );
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994", now), ten);
        let later = example_now() + Duration::from_secs(60);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", later),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }

    #[test]
    fn retries_stop_at_either_bound() {
        let now = example_now();
        let policy = RetryPolicy::new(2, Duration::from_secs(5));
        let wait = |retries, waited: u64, status, after| {
            policy.wait(retries, Duration::from_secs(waited), status, after, now)
        };
        assert_eq!(wait(0, 0, 429, Some("3")), Some(Duration::from_secs(3)));
        assert_eq!(wait(0, 0, 503, None), Some(Duration::from_secs(1)));
        assert_eq!(wait(1, 0, 503, Some("x")), Some(Duration::from_secs(2)));
        // Other statuses, too many retries, too long a wait.
        assert_eq!(wait(0, 0, 500, Some("1")), None);
        assert_eq!(wait(2, 0, 429, Some("1")), None);
        assert_eq!(wait(1, 3, 429, Some("3")), None);
        assert_eq!(wait(0, 0, 429, Some("6")), None);
        assert_eq!(
            RetryPolicy::default().wait(0, Duration::ZERO, 429, Some("0"), now),
            None
        );
    }
}
