//! Credentials, and OAuth2 tokens that renew themselves.
//!
//! With [`Credentials::OAuth2`] the client logs in with `POST /api/token`
//! (`grant_type=password`), renews the token with `grant_type=refresh_token` shortly before it
//! expires and once after a 401, and does each of those once however many requests are in
//! flight: requests wait on one lock while a single login or refresh runs.

use std::fmt;
use std::time::{Duration, Instant};

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
    expires_at: Option<Instant>,
    /// Increments with every new token, so a request that saw a 401 can tell whether someone
    /// else already renewed the token it used.
    generation: u64,
}

/// The state behind the credentials: for OAuth2 the current token.
pub(crate) struct Authenticator {
    credentials: Credentials,
    token: Mutex<Option<Token>>,
}

/// Renew this long before the token expires, so a request never leaves with a dying token.
const RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(60);

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
                let fresh = slot.as_ref().is_some_and(|token| {
                    token.expires_at.is_none_or(|at| {
                        at.saturating_duration_since(Instant::now()) > RENEW_BEFORE_EXPIRY
                    })
                });
                if !fresh {
                    let renewed = self.obtain(client, slot.as_ref()).await?;
                    *slot = Some(renewed);
                }
                let token = slot
                    .as_ref()
                    .ok_or_else(|| Error::Token("no token after login".to_owned()))?;
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
            return Err(Error::Token("not OAuth2 credentials".to_owned()));
        };
        let generation = current.map_or(1, |token| token.generation + 1);
        if let Some(refresh) = current.and_then(|token| token.refresh.as_ref()) {
            let form = [
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh.expose().as_str()),
            ];
            if let Ok(token) = client.request_token(&form, client_id.as_deref()).await {
                return Ok(token_from(token, generation));
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

pub(crate) fn decode_token(body: &[u8]) -> Result<RawToken, Error> {
    let token: TokenResponse = serde_json::from_slice(body)
        .map_err(|error| Error::Token(format!("unexpected answer: {error}")))?;
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
        expires_at: raw
            .expires_in
            .map(|seconds| Instant::now() + Duration::from_secs(seconds)),
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
