//! Credentials, and OAuth2 tokens that renew themselves.
//!
//! With [`Credentials::OAuth2`] the client logs in with `POST /api/token`
//! (`grant_type=password`), renews the token with `grant_type=refresh_token` once 80% of its
//! lifetime (`expires_in`) has passed, and once after a 401, and does each of those once however
//! many requests are in flight: requests wait on one lock while a single login or refresh runs.

use std::fmt;
use std::time::Duration;

// Tokio's clock rather than std's, so that a test with a paused clock can age a token.
use tokio::time::Instant;

use serde::Deserialize;
use tokio::sync::Mutex;

use crate::{Error, Sensitive};

/// How the client authenticates.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// HTTP Basic with an administrator's email and password.
    Basic {
        /// The administrator's email.
        email: String,
        /// The password.
        password: Sensitive<String>,
    },
    /// A bearer token obtained elsewhere, used as is.
    Bearer(Sensitive<String>),
    /// OAuth2 password grant against `POST /api/token`, renewed automatically.
    OAuth2 {
        /// The user name (email).
        username: String,
        /// The password.
        password: Sensitive<String>,
        /// A one-time code for accounts with two-factor authentication.
        totp: Option<Sensitive<String>>,
        /// Sent as the `client_id` header on token requests, when set.
        client_id: Option<String>,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Basic { email, .. } => f
                .debug_struct("Basic")
                .field("email", email)
                .field("password", &"<redacted>")
                .finish(),
            Self::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Self::OAuth2 {
                username,
                client_id,
                ..
            } => f
                .debug_struct("OAuth2")
                .field("username", username)
                .field("password", &"<redacted>")
                .field("client_id", client_id)
                .finish(),
        }
    }
}

/// The answer of `POST /api/token`.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

struct Token {
    access: Sensitive<String>,
    refresh: Option<Sensitive<String>>,
    /// When to renew it; `None` when the server gave no lifetime or one beyond the clock's
    /// range, so the token is used until a 401 says otherwise.
    renew_at: Option<Instant>,
    /// Increments with every new token, so a request that saw a 401 can tell whether someone
    /// else already renewed the token it used.
    generation: u64,
}

/// The state behind the credentials: for OAuth2 the current token.
pub(crate) struct Authenticator {
    credentials: Credentials,
    token: Mutex<Option<Token>>,
}

/// The share of a token's lifetime after which it is renewed: late enough that a token is
/// used for most of its life, early enough that no request leaves with a dying one.
const RENEW_AFTER_FRACTION: f64 = 0.8;

/// The least time before expiry at which a token is still used, so that a request sent with it
/// arrives before it expires even when 20% of the lifetime is shorter than that.
const MIN_TIME_LEFT: Duration = Duration::from_secs(5);

/// When a token that lives `lifetime` from `issued_at` is due for renewal: after 80% of its
/// lifetime, and no later than [`MIN_TIME_LEFT`] before it expires. `None` when that instant
/// is beyond what the clock can represent (an absurd `expires_in`, e.g. `u64::MAX`).
fn renewal_time(issued_at: Instant, lifetime: Duration) -> Option<Instant> {
    let after = lifetime
        .mul_f64(RENEW_AFTER_FRACTION)
        .min(lifetime.saturating_sub(MIN_TIME_LEFT));
    issued_at.checked_add(after)
}

impl Authenticator {
    pub(crate) fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            token: Mutex::new(None),
        }
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The `Authorization` header value and the token generation it belongs to.
    pub(crate) async fn header(
        &self,
        client: &crate::Client,
    ) -> Result<(Sensitive<String>, u64), Error> {
        match &self.credentials {
            Credentials::Basic { email, password } => {
                let encoded = base64(format!("{email}:{}", password.expose()).as_bytes());
                Ok((Sensitive::new(format!("Basic {encoded}")), 0))
            }
            Credentials::Bearer(token) => {
                Ok((Sensitive::new(format!("Bearer {}", token.expose())), 0))
            }
            Credentials::OAuth2 { .. } => {
                let mut slot = self.token.lock().await;
                let fresh = slot
                    .as_ref()
                    .is_some_and(|token| token.renew_at.is_none_or(|at| Instant::now() < at));
                let token = match slot.take() {
                    Some(token) if fresh => slot.insert(token),
                    stale => {
                        let renewed = self.obtain(client, stale.as_ref()).await;
                        // A failed renewal keeps the old token for the next attempt's refresh.
                        match renewed {
                            Ok(renewed) => slot.insert(renewed),
                            Err(error) => {
                                *slot = stale;
                                return Err(error);
                            }
                        }
                    }
                };
                Ok((
                    Sensitive::new(format!("Bearer {}", token.access.expose())),
                    token.generation,
                ))
            }
        }
    }

    /// After a 401: renew the token unless another request already did since `generation`.
    /// Returns whether retrying can help.
    pub(crate) async fn renew_after_unauthorized(
        &self,
        client: &crate::Client,
        generation: u64,
    ) -> Result<bool, Error> {
        if !matches!(self.credentials, Credentials::OAuth2 { .. }) {
            return Ok(false);
        }
        let mut slot = self.token.lock().await;
        if slot
            .as_ref()
            .is_some_and(|token| token.generation != generation)
        {
            return Ok(true);
        }
        let renewed = self.obtain(client, slot.as_ref()).await?;
        *slot = Some(renewed);
        Ok(true)
    }

    /// Refreshes `current` when it has a refresh token, and logs in again when it has none or
    /// the refresh is refused (a refresh token is single-use and may have expired).
    async fn obtain(
        &self,
        client: &crate::Client,
        current: Option<&Token>,
    ) -> Result<Token, Error> {
        let Credentials::OAuth2 {
            username,
            password,
            totp,
            client_id,
        } = &self.credentials
        else {
            return Err(Error::Config(
                "a token was asked for without OAuth2 credentials".to_owned(),
            ));
        };
        let generation = current.map_or(1, |token| token.generation + 1);
        if let Some(refresh) = current.and_then(|token| token.refresh.as_ref()) {
            let form = [
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh.expose().as_str()),
            ];
            match client.request_token(&form, client_id.as_deref()).await {
                Ok(token) => return Ok(token_from(token, generation)),
                // Throttled or unreachable: logging in instead would meet the same fate.
                Err(error) if error.is_retryable() => return Err(error),
                // Refused (the refresh token expired or was used): log in again.
                Err(_) => {}
            }
        }
        let mut form = vec![
            ("grant_type", "password"),
            ("username", username.as_str()),
            ("password", password.expose().as_str()),
        ];
        if let Some(totp) = totp {
            form.push(("totp", totp.expose().as_str()));
        }
        let token = client.request_token(&form, client_id.as_deref()).await?;
        Ok(token_from(token, generation))
    }
}

/// Raw answer of the token endpoint, decoded by the client.
pub(crate) struct RawToken {
    access_token: String,
    expires_in: Option<u64>,
    refresh_token: Option<String>,
}

/// Decodes a 2xx answer of the token endpoint. A failure is a [`Error::Decode`] without a
/// snippet, and with serde's reason only when it cannot quote the body: the body of a
/// successful token answer is a secret.
pub(crate) fn decode_token(body: &[u8]) -> Result<RawToken, Error> {
    let token: TokenResponse = serde_json::from_slice(body).map_err(|error| {
        let message = error.to_string();
        // serde quotes the value of a field of the wrong type ("invalid type: integer `123`").
        let reason = if message.starts_with("missing field") {
            message
        } else {
            format!(
                "not a token answer ({:?} error at line {} column {})",
                error.classify(),
                error.line(),
                error.column()
            )
        };
        Error::Decode {
            status: 200,
            reason,
            body_snippet: String::new(),
        }
    })?;
    Ok(RawToken {
        access_token: token.access_token,
        expires_in: token.expires_in,
        refresh_token: token.refresh_token,
    })
}

fn token_from(raw: RawToken, generation: u64) -> Token {
    Token {
        access: Sensitive::new(raw.access_token),
        refresh: raw.refresh_token.map(Sensitive::new),
        renew_at: raw
            .expires_in
            .and_then(|seconds| renewal_time(Instant::now(), Duration::from_secs(seconds))),
        generation,
    }
}

/// Standard base64 with padding; small enough to keep a dependency out of every user's build.
fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let bytes = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let triple = (u32::from(bytes[0]) << 16) | (u32::from(bytes[1]) << 8) | u32::from(bytes[2]);
        for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                out.push(char::from(ALPHABET[((triple >> shift) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn tokens_are_renewed_after_80_percent_of_their_life() {
        let now = Instant::now();
        let at = |seconds| renewal_time(now, Duration::from_secs(seconds)).map(|at| at - now);
        assert_eq!(at(3600), Some(Duration::from_secs(2880)));
        assert_eq!(at(100), Some(Duration::from_secs(80)));
        assert_eq!(at(20), Some(Duration::from_secs(15)), "5 s left at least");
        assert_eq!(at(3), Some(Duration::ZERO));
        assert_eq!(at(u64::MAX), None, "beyond the clock: used until a 401");
    }

    #[test]
    fn a_token_answer_that_does_not_decode_never_quotes_the_token() {
        for body in [
            r#"{"access_token": 918273645, "expires_in": 60}"#,
            r#"{"access_token": "918273645", "expires_in": "918273645x"}"#,
            "918273645",
        ] {
            let error = decode_token(body.as_bytes()).err().unwrap();
            let printed = format!("{error} {error:?}");
            assert!(!printed.contains("918273645"), "{printed}");
        }
        let missing = decode_token(b"{}").err().unwrap();
        assert!(missing.to_string().contains("access_token"), "{missing}");
    }

    #[test]
    fn debug_never_shows_secrets() {
        let basic = Credentials::Basic {
            email: "admin@example.com".to_owned(),
            password: Sensitive::new("hunter2".to_owned()),
        };
        let oauth = Credentials::OAuth2 {
            username: "admin@example.com".to_owned(),
            password: Sensitive::new("hunter2".to_owned()),
            totp: Some(Sensitive::new("123456".to_owned())),
            client_id: None,
        };
        let bearer = Credentials::Bearer(Sensitive::new("tok_abc".to_owned()));
        for text in [
            format!("{basic:?}"),
            format!("{oauth:?}"),
            format!("{bearer:?}"),
        ] {
            assert!(
                !text.contains("hunter2") && !text.contains("123456") && !text.contains("tok_abc"),
                "{text}"
            );
        }
    }
}
