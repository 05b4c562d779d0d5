//! A small, polite HTTP client for doc pages: timeouts, retries with exponential backoff and
//! jitter on 429, 5xx, timeouts and connection errors, `Retry-After` honoured (capped), and
//! conditional requests from the cache so an unchanged page costs a 304 and no body.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::{
    ETAG, HeaderMap, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use reqwest::{StatusCode, Url};

use super::cache::CachedPage;

/// How the client talks to the docs site.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for one whole request, body included.
    pub request_timeout: Duration,
    /// Retries after the first attempt, for answers that may succeed later.
    pub retries: u32,
    /// The first backoff; each retry doubles it (with jitter), up to `backoff_max`.
    pub backoff_base: Duration,
    /// The longest backoff between two attempts.
    pub backoff_max: Duration,
    /// The longest `Retry-After` obeyed: a server asking for an hour gets this instead.
    pub retry_after_max: Duration,
    /// Bodies larger than this are refused (a doc page is a few tens of kilobytes).
    pub max_body_bytes: usize,
    /// The `User-Agent` sent, so the site's operators can tell who is asking.
    pub user_agent: String,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retries: 4,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
            retry_after_max: Duration::from_secs(120),
            max_body_bytes: 8 * 1024 * 1024,
            user_agent: concat!("nexudus-codegen-sync/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// Why a page could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// The server answered with an error status (after the retries, for 429 and 5xx).
    Status {
        /// The last status.
        status: u16,
        /// Requests made.
        attempts: u32,
    },
    /// No answer in time.
    Timeout {
        /// Requests made.
        attempts: u32,
    },
    /// The connection failed or broke.
    Connection {
        /// The cause, as the HTTP stack tells it.
        cause: String,
        /// Requests made.
        attempts: u32,
    },
    /// The body is larger than [`HttpSettings::max_body_bytes`].
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body is not UTF-8 text.
    NotText {
        /// The byte offset of the first invalid byte.
        at_byte: usize,
    },
    /// The server said 304 Not Modified to a request that had no validators to compare.
    NotModifiedWithoutCache,
    /// `--offline` and the cache has no entry for the page.
    NotInCache,
    /// The HTTP client could not be built (TLS setup).
    Client(String),
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tries = |attempts: &u32| {
            if *attempts == 1 {
                "1 attempt".to_owned()
            } else {
                format!("{attempts} attempts")
            }
        };
        match self {
            Self::Status { status, attempts } => {
                let reason = StatusCode::from_u16(*status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("");
                write!(f, "HTTP {status} {reason} ({})", tries(attempts))
            }
            Self::Timeout { attempts } => write!(f, "no answer in time ({})", tries(attempts)),
            Self::Connection { cause, attempts } => {
                write!(f, "connection failed: {cause} ({})", tries(attempts))
            }
            Self::TooLarge { limit } => write!(f, "the page is larger than {limit} bytes"),
            Self::NotText { at_byte } => {
                write!(f, "the page is not UTF-8 text (invalid byte at {at_byte})")
            }
            Self::NotModifiedWithoutCache => {
                f.write_str("the server answered 304 Not Modified to an unconditional request")
            }
            Self::NotInCache => f.write_str("--offline and the page is not in the cache"),
            Self::Client(cause) => write!(f, "cannot set up the HTTP client: {cause}"),
        }
    }
}

/// What one successful fetch gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A new body (200), with its validators for the cache.
    Downloaded {
        /// The cache entry to store.
        entry: CachedPage,
        /// Requests made (more than one after retries).
        attempts: u32,
    },
    /// 304: the cached body is still current.
    Unchanged {
        /// The cached entry, unchanged.
        entry: CachedPage,
    },
}

/// The HTTP client of one sync run.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    settings: HttpSettings,
}

impl Fetcher {
    /// A client with `settings`.
    pub fn new(settings: HttpSettings) -> Result<Self, FetchFailure> {
        // reqwest's `rustls-no-provider` panics when building a client unless the process has
        // a rustls crypto provider; ring's is installed unless the program installed one.
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Err only means another thread installed one in between: that one serves.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let client = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.request_timeout)
            .user_agent(settings.user_agent.clone())
            .build()
            .map_err(|error| FetchFailure::Client(error_chain(&error)))?;
        Ok(Self { client, settings })
    }

    /// Fetches `url`, asking "changed since `cached`?" when there is a cached entry.
    pub async fn fetch(
        &self,
        url: &Url,
        cached: Option<CachedPage>,
    ) -> Result<Fetched, FetchFailure> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let last_try = attempts > self.settings.retries;
            let mut request = self.client.get(url.clone());
            if let Some(entry) = &cached {
                if let Some(etag) = entry.etag.as_deref().and_then(header_value) {
                    request = request.header(IF_NONE_MATCH, etag);
                }
                if let Some(date) = entry.last_modified.as_deref().and_then(header_value) {
                    request = request.header(IF_MODIFIED_SINCE, date);
                }
            }
            let failure = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    if status == StatusCode::NOT_MODIFIED {
                        return match cached {
                            Some(entry) => Ok(Fetched::Unchanged { entry }),
                            None => Err(FetchFailure::NotModifiedWithoutCache),
                        };
                    }
                    if status.is_success() {
                        let headers = response.headers().clone();
                        match self.read_body(response).await {
                            Ok(body) => {
                                return Ok(Fetched::Downloaded {
                                    entry: CachedPage {
                                        url: url.to_string(),
                                        etag: header_text(&headers, ETAG),
                                        last_modified: header_text(&headers, LAST_MODIFIED),
                                        body,
                                    },
                                    attempts,
                                });
                            }
                            Err(BodyError::Final(failure)) => return Err(failure),
                            Err(BodyError::Transient(error)) => transient_failure(&error, attempts),
                        }
                    } else {
                        let failure = FetchFailure::Status {
                            status: status.as_u16(),
                            attempts,
                        };
                        if !is_retryable(status) || last_try {
                            return Err(failure);
                        }
                        if let Some(wait) = response
                            .headers()
                            .get(RETRY_AFTER)
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| retry_after(v, SystemTime::now()))
                        {
                            tokio::time::sleep(wait.min(self.settings.retry_after_max)).await;
                            continue;
                        }
                        failure
                    }
                }
                Err(error) => transient_failure(&error, attempts),
            };
            if last_try {
                return Err(failure);
            }
            tokio::time::sleep(backoff(&self.settings, attempts)).await;
        }
    }

    /// The body, chunk by chunk, so an oversized answer is cut off instead of buffered whole.
    async fn read_body(&self, mut response: reqwest::Response) -> Result<String, BodyError> {
        let limit = self.settings.max_body_bytes;
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(BodyError::Final(FetchFailure::TooLarge { limit }));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(BodyError::Transient)? {
            if body.len() + chunk.len() > limit {
                return Err(BodyError::Final(FetchFailure::TooLarge { limit }));
            }
            body.extend_from_slice(&chunk);
        }
        String::from_utf8(body).map_err(|error| {
            BodyError::Final(FetchFailure::NotText {
                at_byte: error.utf8_error().valid_up_to(),
            })
        })
    }
}

enum BodyError {
    Final(FetchFailure),
    Transient(reqwest::Error),
}

/// 429 Too Many Requests and the 5xx family may succeed on a later try; other errors will not.
fn is_retryable(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

fn transient_failure(error: &reqwest::Error, attempts: u32) -> FetchFailure {
    if error.is_timeout() {
        FetchFailure::Timeout { attempts }
    } else {
        FetchFailure::Connection {
            cause: error_chain(error),
            attempts,
        }
    }
}

/// The error with its causes: reqwest's own message alone ("error sending request") hides
/// the useful part ("connection refused").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

fn header_value(text: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(text).ok()
}

fn header_text(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The wait a `Retry-After` value asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
/// A date in the past means "now"; anything unreadable is `None` (the backoff applies).
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The wait before retry number `attempt` (1 = after the first request): exponential, capped,
/// with "equal jitter" (half fixed, half random) so concurrent fetches that failed together do
/// not retry together.
pub fn backoff(settings: &HttpSettings, attempt: u32) -> Duration {
    let exponential = settings
        .backoff_base
        .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
        .min(settings.backoff_max);
    let half = exponential / 2;
    let jitter_nanos = fastrand::u64(0..=half.as_nanos().min(u64::MAX as u128) as u64);
    half + Duration::from_nanos(jitter_nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").expect("date");
        assert_eq!(retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("-5", now), None);
        assert_eq!(retry_after("", now), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let settings = HttpSettings {
            backoff_base: Duration::from_millis(100),
            backoff_max: Duration::from_millis(700),
            ..HttpSettings::default()
        };
        for _ in 0..50 {
            let first = backoff(&settings, 1);
            assert!((Duration::from_millis(50)..=Duration::from_millis(100)).contains(&first));
            let third = backoff(&settings, 3);
            assert!((Duration::from_millis(200)..=Duration::from_millis(400)).contains(&third));
            let capped = backoff(&settings, 40);
            assert!((Duration::from_millis(350)..=Duration::from_millis(700)).contains(&capped));
        }
    }

    #[test]
    fn failures_say_what_happened() {
        let status = FetchFailure::Status {
            status: 404,
            attempts: 1,
        };
        assert_eq!(status.to_string(), "HTTP 404 Not Found (1 attempt)");
        let timeout = FetchFailure::Timeout { attempts: 3 };
        assert_eq!(timeout.to_string(), "no answer in time (3 attempts)");
    }
}
