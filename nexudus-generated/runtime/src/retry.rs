//! When to try a request again, and how long to wait first.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// How the client retries throttled requests, transport failures and 5xx answers.
///
/// Throttled requests (409 "You must wait…", 429) were not processed, so they are retried for
/// every method. Transport failures and 5xx answers are retried only for methods that are safe
/// to repeat (GET, PUT, DELETE), and for a POST only when the connection failed before the
/// request was sent.
///
/// Retry number `n` (from 1) waits between ¾ and all of `base × 2ⁿ⁻¹`, where `base` is
/// `initial_backoff`, or what the server asked for (`Retry-After`, "Wait N seconds") when
/// that is longer, so the waits double from the server's floor: with `Retry-After: 1` they
/// are 1 s, 1.5–2 s, 3–4 s… The random quarter (jitter) keeps many clients from retrying in
/// step, and never takes a wait below the server's floor. The doubling stops at
/// `max_backoff`, or at the server's floor when that is longer. A request gives up after
/// `max_retries` retries, or when the next wait would take the time spent waiting past
/// `budget`; server hints are capped at one day, so an absurd one gives up at once instead
/// of sleeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first wait when the server gives no hint.
    pub initial_backoff: Duration,
    /// The longest single wait the client chooses itself.
    pub max_backoff: Duration,
    /// The most time one request may spend waiting between attempts.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    /// Up to 6 retries, starting at 250 ms, at most 8 s per wait and 30 s in all.
    fn default() -> Self {
        Self {
            max_retries: 6,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            budget: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry: every failure is returned at once.
    pub const fn none() -> Self {
        Self {
            max_retries: 0,
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
            budget: Duration::ZERO,
        }
    }

    /// The policy with another number of retries.
    pub const fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The policy with another first wait.
    pub const fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The policy with another longest self-chosen wait.
    pub const fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The policy with another total waiting budget per request.
    pub const fn with_budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// How long to wait before retry number `retry` (1 for the first retry), given what the
    /// server asked for and how long this request has already waited; `None` when the policy
    /// says to give up.
    pub(crate) fn delay(
        &self,
        retry: u32,
        server_hint: Option<Duration>,
        waited: Duration,
    ) -> Option<Duration> {
        if retry > self.max_retries {
            return None;
        }
        let floor = server_hint.unwrap_or(Duration::ZERO);
        let base = self.initial_backoff.max(floor);
        let exponent = retry.saturating_sub(1).min(30);
        let ceiling = base
            .saturating_mul(1 << exponent)
            .min(self.max_backoff.max(floor));
        // Jitter takes off up to a quarter: waits still grow strictly from one retry to the
        // next (the ranges ¾c–c and 1½c–2c do not overlap) and never drop below the floor.
        let jittered = ceiling.saturating_sub(ceiling.mul_f64(jitter() / 4.0));
        let delay = jittered.max(floor);
        (waited.saturating_add(delay) <= self.budget).then_some(delay)
    }
}

/// A number in [0, 1) that differs between calls and processes. Jitter needs spread, not
/// unpredictability, so a counter mixed with the clock is enough and keeps `rand` out of the
/// dependency tree.
fn jitter() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let mut x = COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed) ^ u64::from(nanos);
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// The longest wait a server hint is taken at: far more than any budget, so a hint this long
/// ends the retries, and small enough that no arithmetic on it overflows.
pub(crate) const MAX_SERVER_HINT: Duration = Duration::from_secs(86_400);

/// Reads a `Retry-After` header: delay-seconds (`1`, also `1.5`) or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        // An overflowing number reads as infinity, which the cap turns into the longest wait.
        return (seconds >= 0.0)
            .then(|| Duration::from_secs_f64(seconds.min(MAX_SERVER_HINT.as_secs_f64())));
    }
    let date = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let wait = now.duration_until(date);
    // A date in the past means "now"; one beyond the cap is the cap.
    Some(
        Duration::try_from(wait)
            .unwrap_or(Duration::ZERO)
            .min(MAX_SERVER_HINT),
    )
}

/// Finds "Wait N seconds" (any case, `second` or `seconds`) in a throttling answer's body.
pub(crate) fn parse_wait_seconds(body: &[u8]) -> Option<Duration> {
    let text = String::from_utf8_lossy(body).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("wait") {
        rest = &rest[at + 4..];
        let after = rest.trim_start();
        let digits: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let unit_follows = after[digits.len()..].trim_start().starts_with("second");
        if let (true, Ok(seconds)) = (unit_follows, digits.parse::<f64>())
            && seconds >= 0.0
        {
            return Some(Duration::from_secs_f64(
                seconds.min(MAX_SERVER_HINT.as_secs_f64()),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().unwrap();
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 2.5 ", now),
            Some(Duration::from_millis(2500))
        );
        assert_eq!(
            parse_retry_after("Wed, 25 Nov 2026 10:00:03 GMT", now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_retry_after("Wed, 25 Nov 2026 09:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn wait_text_is_found_in_bodies() {
        assert_eq!(
            parse_wait_seconds(b"Too many requests. Wait 3 seconds."),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_wait_seconds(b"{\"Message\":\"please wait 1 second\"}"),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            parse_wait_seconds(b"You must wait before accessing this url again."),
            None
        );
        assert_eq!(parse_wait_seconds(b""), None);
    }

    #[test]
    fn backoff_grows_is_bounded_and_respects_the_budget() {
        let policy = RetryPolicy::default();
        let first = policy.delay(1, None, Duration::ZERO).unwrap();
        assert!(
            first >= Duration::from_millis(125) && first <= Duration::from_millis(250),
            "{first:?}"
        );
        let sixth = policy.delay(6, None, Duration::ZERO).unwrap();
        assert!(
            sixth >= Duration::from_secs(4) && sixth <= Duration::from_secs(8),
            "{sixth:?}"
        );
        assert_eq!(
            policy.delay(7, None, Duration::ZERO),
            None,
            "past max_retries"
        );
        assert_eq!(
            policy.delay(1, None, Duration::from_secs(30)),
            None,
            "past the budget"
        );
    }

    #[test]
    fn a_server_hint_is_a_lower_bound() {
        let policy = RetryPolicy::default();
        for _ in 0..100 {
            let delay = policy
                .delay(1, Some(Duration::from_secs(1)), Duration::ZERO)
                .unwrap();
            assert_eq!(delay, Duration::from_secs(1), "the first wait is the floor");
            let second = policy
                .delay(2, Some(Duration::from_secs(1)), Duration::ZERO)
                .unwrap();
            let third = policy
                .delay(3, Some(Duration::from_secs(1)), Duration::ZERO)
                .unwrap();
            assert!(
                second >= Duration::from_millis(1500) && second <= Duration::from_secs(2),
                "{second:?}"
            );
            assert!(
                third >= Duration::from_secs(3) && third <= Duration::from_secs(4),
                "{third:?}"
            );
        }
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(60)), Duration::ZERO),
            None,
            "hint beyond the budget"
        );
    }

    #[test]
    fn absurd_hints_and_policies_neither_panic_nor_sleep_forever() {
        let now: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().unwrap();
        for value in [
            "18446744073709551615",
            "1e308",
            "99999999999999999999999999999999999999",
            "Thu, 30 Dec 9999 00:00:00 GMT",
        ] {
            assert_eq!(
                parse_retry_after(value, now),
                Some(MAX_SERVER_HINT),
                "{value}"
            );
        }
        assert_eq!(
            parse_retry_after("Mon, 01 Jan 1900 00:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        // Beyond what jiff represents: no hint, rather than a wrong one.
        assert_eq!(
            parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now),
            None
        );
        let huge_wait = format!("Wait {} seconds", "9".repeat(400));
        assert_eq!(
            parse_wait_seconds(huge_wait.as_bytes()),
            Some(MAX_SERVER_HINT)
        );
        assert_eq!(parse_wait_seconds("wait é… wait".as_bytes()), None);

        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(1, Some(MAX_SERVER_HINT), Duration::ZERO), None);
        let boundless = RetryPolicy::default()
            .with_max_retries(u32::MAX)
            .with_initial_backoff(Duration::MAX)
            .with_max_backoff(Duration::MAX)
            .with_budget(Duration::MAX);
        for retry in [1, 2, 64, u32::MAX] {
            let delay = boundless.delay(retry, Some(MAX_SERVER_HINT), Duration::MAX);
            assert!(delay.is_none_or(|delay| delay >= MAX_SERVER_HINT));
        }
    }

    #[test]
    fn jitter_spreads() {
        let samples: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(samples.iter().all(|x| (0.0..1.0).contains(x)));
        let distinct = samples
            .iter()
            .map(|x| x.to_bits())
            .collect::<std::collections::HashSet<_>>();
        assert!(distinct.len() > 60);
    }
}

impl RetryPolicy {
    /// For tests against a local server such as `nexudus_generated::mock::MockServer`: the same
    /// retry logic as [`RetryPolicy::default`] (6 retries, exponential backoff with jitter,
    /// the server's hint as the floor) with waits of milliseconds: from 1 ms, at most 10 ms
    /// per wait the client chooses, and 3 s in all, so a server's `Retry-After: 1` is still
    /// honoured but nothing waits for many seconds.
    pub const fn for_tests() -> Self {
        Self {
            max_retries: 6,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(10),
            budget: Duration::from_secs(3),
        }
    }
}

#[cfg(test)]
mod test_preset {
    use super::*;

    #[test]
    fn the_test_preset_retries_as_often_with_millisecond_waits() {
        let policy = RetryPolicy::for_tests();
        assert_eq!(policy.max_retries, RetryPolicy::default().max_retries);
        for retry in 1..=policy.max_retries {
            let delay = policy.delay(retry, None, Duration::ZERO).unwrap();
            assert!(delay <= Duration::from_millis(10), "{delay:?}");
        }
        assert_eq!(
            policy.delay(policy.max_retries + 1, None, Duration::ZERO),
            None
        );
        let hinted = policy
            .delay(1, Some(Duration::from_secs(1)), Duration::ZERO)
            .unwrap();
        assert!(
            hinted >= Duration::from_secs(1),
            "the server's hint is the floor"
        );
    }
}
