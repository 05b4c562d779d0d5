//! The client: configuration, and the one request loop every generated method goes through.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::auth::{Authenticator, RawToken};
use crate::rate_limit::{RateLimit, RateLimiter};
use crate::response::{Mutation, Outcome, classify, decode_mutation_with, decode_record};
use crate::retry::{RetryPolicy, parse_retry_after};
use crate::{Call, Credentials, Error, OperationInfo, Redaction, Sensitive};

/// What every operation method returns: the answer, once awaited. A named type (rather than
/// an `async fn` per operation) so the generated crate has one state machine to compile
/// instead of one per operation; it is `Send`, so a request can be spawned on a runtime.
pub type ApiFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'a>>;

/// Where the Nexudus admin API lives.
pub const DEFAULT_BASE_URL: &str = "https://spaces.nexudus.com";

/// The HTTP side of a client of the Nexudus admin REST API: the connection pool, the
/// credentials and OAuth2 token, retries and the rate limiter. Cheap to clone: clones share
/// all of them.
///
/// Programs use `nexudus_generated::Client`, which wraps this one (and derefs to it) with one
/// generated method per operation; each sends its request through this client's hidden
/// `fetch` or `mutate` once, retries what [`RetryPolicy`] allows, and decodes the answer
/// into a record, a [`Mutation`] or an [`Error`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: Authenticator,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", self.inner.auth.credentials())
            .field("retry", &self.inner.retry)
            .field("rate_limited", &self.inner.limiter.is_some())
            .finish()
    }
}

/// Configures a [`Client`]; made by [`Client::builder`].
///
/// `C` is the client [`build`](Self::build) returns: this crate's [`Client`], or
/// `nexudus_generated::Client`, which wraps it with the generated operation methods and names
/// this builder `nexudus_generated::ClientBuilder`.
#[must_use]
pub struct ClientBuilder<C = Client> {
    base_url: String,
    credentials: Option<Credentials>,
    http: Option<reqwest::Client>,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    rate_limit: Option<RateLimit>,
    builds: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client for [`DEFAULT_BASE_URL`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a create, update or delete and decodes the envelope it answers with. Generated
    /// methods call it with the call they made, or the error of making it; it is not
    /// generic, so the HTTP logic is compiled once for every operation.
    #[doc(hidden)]
    pub fn mutate(
        &self,
        operation: &'static OperationInfo,
        call: Result<Call, Error>,
    ) -> ApiFuture<'_, Mutation> {
        Box::pin(async move {
            let (status, answer) = self.exchange(operation, call?).await?;
            decode_mutation_with(Redaction::of(operation), status, &answer)
        })
    }

    /// Sends a get or list and decodes the JSON it answers with (a record or a page of them,
    /// not an envelope). Only the decoding is generic.
    #[doc(hidden)]
    pub fn fetch<T: DeserializeOwned + Send + 'static>(
        &self,
        operation: &'static OperationInfo,
        call: Result<Call, Error>,
    ) -> ApiFuture<'_, T> {
        Box::pin(async move {
            let (status, answer) = self.exchange(operation, call?).await?;
            decode_record(operation.record_sensitive_fields, status, &answer)
        })
    }

    /// Sends the request, retrying and renewing the token as the answers call for, until a
    /// 2xx (its status and body) or a final error.
    async fn exchange(
        &self,
        operation: &'static OperationInfo,
        call: Call,
    ) -> Result<(u16, Vec<u8>), Error> {
        let body = call.body.as_slice();
        let inner = &*self.inner;
        let url = call.url(&inner.base_url, operation);
        let mut waited = Duration::ZERO;
        let mut retries = 0u32;
        let mut renewed_token = false;
        let mut exchanges = 0u32;
        loop {
            // `attempt` numbers the exchanges for the span; `retries + 1` is the retry that a
            // failure now would lead to.
            exchanges += 1;
            let attempt = exchanges;
            let next_retry = retries + 1;
            if let Some(limiter) = &inner.limiter {
                limiter
                    .acquire(operation.method != crate::Method::Get)
                    .await;
            }
            let (authorization, generation) = inner.auth.header(self).await?;
            let span = tracing::info_span!(
                "nexudus_request",
                operation = operation.name,
                method = operation.method.as_str(),
                path = operation.path,
                attempt,
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            );
            let sent_at = Instant::now();
            let exchange = self
                .send(operation, &url, &authorization, body)
                .instrument(span.clone())
                .await;
            span.record("duration_ms", sent_at.elapsed().as_millis() as u64);

            // What to do next: `Err` ends the request, `Ok(hint)` retries after waiting.
            let next: Result<Option<Duration>, Error> = match exchange {
                Ok(Answer {
                    status,
                    reason_phrase,
                    retry_after,
                    body: answer,
                }) => {
                    span.record("status", status);
                    let reason_phrase = reason_phrase.as_deref();
                    let redaction = Redaction::of(operation);
                    match classify(
                        operation,
                        redaction,
                        status,
                        reason_phrase,
                        retry_after,
                        &answer,
                    ) {
                        Outcome::Answered => {
                            tracing::debug!(parent: &span, "answered");
                            return Ok((status, answer));
                        }
                        Outcome::Failed(error) => {
                            tracing::debug!(parent: &span, %error, "failed");
                            return Err(error);
                        }
                        Outcome::Throttled {
                            status,
                            retry_after,
                        } => {
                            tracing::debug!(parent: &span, ?retry_after, "throttled");
                            match inner.retry.delay(next_retry, retry_after, waited) {
                                Some(delay) => Ok(Some(delay)),
                                None => Err(Error::Throttled {
                                    status,
                                    retry_after,
                                }),
                            }
                        }
                        Outcome::Unauthorized { status } => {
                            if !renewed_token
                                && inner
                                    .auth
                                    .renew_after_unauthorized(self, generation)
                                    .await?
                            {
                                renewed_token = true;
                                // A fresh token is not a retry of a failing server: no wait.
                                Ok(None)
                            } else {
                                Err(Error::Unauthorized { status })
                            }
                        }
                        Outcome::ServerError {
                            status,
                            body: answer,
                        } => {
                            let error = Error::Http {
                                status,
                                body_snippet: crate::error::snippet(&answer),
                            };
                            retry_if_safe(&inner.retry, operation, false, next_retry, waited, error)
                        }
                    }
                }
                Err(error) => {
                    let connect = matches!(error, Error::Transport { connect: true, .. });
                    retry_if_safe(&inner.retry, operation, connect, next_retry, waited, error)
                }
            };
            if let Some(delay) = next? {
                tracing::debug!(parent: &span, delay_ms = delay.as_millis() as u64, "retrying");
                tokio::time::sleep(delay).await;
                waited = waited.saturating_add(delay);
                retries += 1;
            }
        }
    }

    /// One HTTP exchange.
    async fn send(
        &self,
        operation: &OperationInfo,
        url: &str,
        authorization: &Sensitive<String>,
        body: &[u8],
    ) -> Result<Answer, Error> {
        let request = self
            .inner
            .http
            .request(crate::operation::reqwest_method(operation.method), url)
            .header(
                reqwest::header::AUTHORIZATION,
                authorization.expose().as_str(),
            )
            .header(reqwest::header::ACCEPT, "application/json");
        let request = if body.is_empty() {
            request
        } else {
            request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_vec())
        };
        Answer::read(request.send().await.map_err(transport)?).await
    }

    /// `POST /api/token` with a form body; the authenticator decides what goes in it.
    ///
    /// Throttling (429, or a 409 that is Nexudus's throttle) and a connection that failed
    /// before the request was sent are retried as [`RetryPolicy`] says for every request;
    /// anything else ends the login with a structured [`Error::Token`].
    pub(crate) async fn request_token(
        &self,
        form: &[(&str, &str)],
        client_id: Option<&str>,
    ) -> Result<RawToken, Error> {
        let url = format!("{}/api/token", self.inner.base_url);
        let token_error = |status, body_snippet, source: Option<Error>| Error::Token {
            status,
            body_snippet,
            source: source.map(Box::new),
        };
        let policy = &self.inner.retry;
        let mut waited = Duration::ZERO;
        let mut retry = 0u32;
        loop {
            retry = retry.saturating_add(1);
            let mut request = self.inner.http.post(&url).form(form);
            if let Some(client_id) = client_id {
                request = request.header("client_id", client_id);
            }
            let answer = match request.send().await.map_err(transport) {
                Ok(response) => Answer::read(response).await,
                Err(error) => Err(error),
            };
            let delay = match answer {
                Ok(answer) if (200..=299).contains(&answer.status) => {
                    return crate::auth::decode_token(&answer.body).map_err(|error| {
                        token_error(Some(answer.status), String::new(), Some(error))
                    });
                }
                Ok(answer) => {
                    // The token endpoint's form is all secrets, and it is no operation of the
                    // specs: hide every attempted value.
                    let outcome = classify(
                        &TOKEN_ENDPOINT,
                        Redaction::All,
                        answer.status,
                        answer.reason_phrase.as_deref(),
                        answer.retry_after,
                        &answer.body,
                    );
                    let Outcome::Throttled {
                        status,
                        retry_after,
                    } = outcome
                    else {
                        return Err(token_error(
                            Some(answer.status),
                            crate::error::snippet(&answer.body),
                            None,
                        ));
                    };
                    match policy.delay(retry, retry_after, waited) {
                        Some(delay) => delay,
                        None => {
                            let throttled = Error::Throttled {
                                status,
                                retry_after,
                            };
                            return Err(token_error(Some(status), String::new(), Some(throttled)));
                        }
                    }
                }
                Err(error) => {
                    let connect = matches!(error, Error::Transport { connect: true, .. });
                    match policy.delay(retry, None, waited) {
                        Some(delay) if connect => delay,
                        _ => return Err(token_error(None, String::new(), Some(error))),
                    }
                }
            };
            tracing::debug!(
                delay_ms = delay.as_millis() as u64,
                "retrying POST /api/token"
            );
            tokio::time::sleep(delay).await;
            waited = waited.saturating_add(delay);
        }
    }
}

/// The token endpoint, for classifying its answers like every other request's.
const TOKEN_ENDPOINT: OperationInfo =
    OperationInfo::new("RequestToken", crate::Method::Post, "/api/token", "");

/// What one HTTP exchange brought back.
struct Answer {
    status: u16,
    /// The status line's text, when it is not the standard one for the status: Nexudus
    /// writes its throttling message there.
    reason_phrase: Option<String>,
    /// The parsed `Retry-After` header.
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

impl Answer {
    async fn read(response: reqwest::Response) -> Result<Self, Error> {
        let status = response.status().as_u16();
        let reason_phrase = response
            .extensions()
            .get::<hyper::ext::ReasonPhrase>()
            .map(|reason| String::from_utf8_lossy(reason.as_bytes()).into_owned());
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, jiff::Timestamp::now()));
        let body = response.bytes().await.map_err(transport)?;
        Ok(Self {
            status,
            reason_phrase,
            retry_after,
            body: body.to_vec(),
        })
    }
}

/// Retries a failure that may have reached the server only when repeating it is harmless.
fn retry_if_safe(
    policy: &RetryPolicy,
    operation: &OperationInfo,
    connect_failed: bool,
    next_retry: u32,
    waited: Duration,
    error: Error,
) -> Result<Option<Duration>, Error> {
    if !(operation.method.is_idempotent() || connect_failed) {
        return Err(error);
    }
    match policy.delay(next_retry, None, waited) {
        Some(delay) => Ok(Some(delay)),
        None => Err(error),
    }
}

fn transport(error: reqwest::Error) -> Error {
    // reqwest's message names the URL, which never carries credentials here; the error is
    // kept whole, so its own causes stay reachable through `source()`.
    Error::Transport {
        timeout: error.is_timeout(),
        connect: error.is_connect(),
        source: error,
    }
}

impl<C> Default for ClientBuilder<C> {
    /// The defaults [`Client::builder`] starts from.
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            http: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            user_agent: concat!("nexudus-generated/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            rate_limit: None,
            builds: PhantomData,
        }
    }
}

impl<C> ClientBuilder<C> {
    /// Sends requests to another base URL, e.g. a mock server: `http://127.0.0.1:8080`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// HTTP Basic with an administrator's email and password.
    pub fn basic_auth(mut self, email: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Basic {
            email: email.into(),
            password: Sensitive::new(password.into()),
        });
        self
    }

    /// A bearer token obtained elsewhere, used as is.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Bearer(Sensitive::new(token.into())));
        self
    }

    /// OAuth2 password grant: the client logs in at `POST /api/token` on first use, renews the
    /// token before it expires and once after a 401.
    pub fn oauth2(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::OAuth2 {
            username: username.into(),
            password: Sensitive::new(password.into()),
            totp: None,
            client_id: None,
        });
        self
    }

    /// Any [`Credentials`], e.g. OAuth2 with a one-time code or a `client_id`.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// A preconfigured reqwest client (proxies, certificates…); the timeouts and user agent of
    /// this builder are then not applied.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How long connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take in all, from connecting to the last byte (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `nexudus-generated/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How throttled and failed requests are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Keeps requests under these limits on the client side (off by default); use
    /// [`RateLimit::nexudus`] for the documented ones.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// Builds the client. Fails when no credentials were given or the base URL is not an
    /// `http`/`https` URL.
    pub fn build(self) -> Result<C, Error> {
        let credentials = self.credentials.ok_or_else(|| {
            Error::Config(
                "no credentials: call basic_auth, bearer_token, oauth2 or credentials".to_owned(),
            )
        })?;
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url).map_err(|error| {
            Error::Config(format!("base URL `{base_url}` does not parse: {error}"))
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "base URL `{base_url}` is not http or https"
            )));
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                if parsed.scheme() == "https" && !TLS_ENABLED {
                    return Err(Error::Config(format!(
                        "base URL `{base_url}` is https, but nexudus-generated was built without \
                         TLS: enable one of its features `rustls-ring` (the default), \
                         `rustls-aws-lc` or `native-tls`, or pass your own client to `http_client`"
                    )));
                }
                install_ring_provider();
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .timeout(self.timeout)
                    .user_agent(self.user_agent)
                    .build()
                    .map_err(|error| {
                        Error::Config(format!("cannot build the HTTP client: {error}"))
                    })?
            }
        };
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth: Authenticator::new(credentials),
                retry: self.retry,
                limiter: self.rate_limit.map(RateLimiter::new),
            }),
        }))
    }
}

/// Whether one of the crate's TLS features is on, so that reqwest can speak `https`.
const TLS_ENABLED: bool = cfg!(any(
    feature = "rustls-ring",
    feature = "rustls-aws-lc",
    feature = "native-tls"
));

/// reqwest's `rustls-no-provider` (what `rustls-ring` turns on) panics when building a client
/// unless a rustls crypto provider is installed for the process; install ring's, unless the
/// program installed one of its own first (that one is kept). With `rustls-aws-lc` reqwest
/// falls back to aws-lc itself, and `native-tls` does not use rustls at all.
fn install_ring_provider() {
    #[cfg(all(
        feature = "rustls-ring",
        not(feature = "rustls-aws-lc"),
        not(feature = "native-tls")
    ))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err only means another thread installed a provider in between: that one serves.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_needs_credentials_and_a_web_url() {
        assert!(matches!(Client::builder().build(), Err(Error::Config(_))));
        let bad = Client::builder()
            .basic_auth("a@b.c", "pw")
            .base_url("ftp://example.com")
            .build();
        assert!(matches!(bad, Err(Error::Config(_))));
        let bad = Client::builder()
            .basic_auth("a@b.c", "pw")
            .base_url("not a url")
            .build();
        assert!(matches!(bad, Err(Error::Config(_))));
    }

    /// Without a TLS feature an `https` client could only fail on its first request, with a
    /// reqwest error about the scheme; refusing it in `build` names the features to enable.
    /// Runs with `--no-default-features`; plain `http` (the mock server) still works.
    #[cfg(not(any(
        feature = "rustls-ring",
        feature = "rustls-aws-lc",
        feature = "native-tls"
    )))]
    #[test]
    fn without_tls_https_is_refused_and_http_works() {
        let refused = Client::builder().bearer_token("t").build();
        match refused {
            Err(Error::Config(message)) => {
                assert!(message.contains("built without TLS"), "{message}");
                assert!(message.contains("`rustls-ring`"), "{message}");
            }
            other => panic!("an https client without TLS was not refused: {other:?}"),
        }
        let plain = Client::builder()
            .bearer_token("t")
            .base_url("http://127.0.0.1:9")
            .build();
        assert!(plain.is_ok());
    }

    #[cfg(any(
        feature = "rustls-ring",
        feature = "rustls-aws-lc",
        feature = "native-tls"
    ))]
    #[test]
    fn the_default_base_url_is_nexudus_and_overridable() {
        let client = Client::builder().bearer_token("t").build().unwrap();
        assert_eq!(client.base_url(), "https://spaces.nexudus.com");
        let client = Client::builder()
            .bearer_token("t")
            .base_url("http://127.0.0.1:9/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9");
    }

    #[test]
    fn debug_shows_no_secret() {
        let client = Client::builder()
            .basic_auth("admin@example.com", "hunter2")
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let text = format!("{client:?}");
        assert!(
            text.contains("admin@example.com") && !text.contains("hunter2"),
            "{text}"
        );
        let builder = Client::builder().bearer_token("tok_secret");
        assert!(!format!("{builder:?}").contains("tok_secret"));
    }
}
