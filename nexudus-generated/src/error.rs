//! The one error type of the client, telling apart what a caller handles differently.

use std::fmt;
use std::time::Duration;

use crate::FieldError;

/// Everything that can go wrong with a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Nexudus refused the request's content (400 with `Errors`, or 200 with
    /// `WasSuccessful: false`); `errors` says which field and why.
    Validation {
        /// The HTTP status.
        status: u16,
        /// The summary, `PropertyName: error message` per line.
        message: Option<String>,
        /// One entry per field problem.
        errors: Vec<FieldError>,
    },
    /// 401: the credentials are missing, wrong or expired.
    Unauthorized {
        /// The HTTP status.
        status: u16,
    },
    /// 403: the user lacks the operation's role.
    Forbidden {
        /// The HTTP status.
        status: u16,
        /// The role the operation needs.
        role: &'static str,
    },
    /// 404: no such endpoint or record.
    NotFound {
        /// The path that was requested.
        path: &'static str,
    },
    /// Nexudus throttled the request (409 "You must wait before accessing this url again.", or
    /// 429), and retrying within the client's budget did not get through. A throttled request
    /// was not processed.
    Throttled {
        /// The HTTP status (409 or 429).
        status: u16,
        /// How long the server asked to wait, when it said.
        retry_after: Option<Duration>,
    },
    /// Any other unexpected HTTP status.
    Http {
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        body_snippet: String,
    },
    /// The request did not complete: connection refused or reset, DNS, TLS, timeout.
    Transport {
        /// What happened.
        message: String,
        /// Whether it was a timeout.
        timeout: bool,
        /// Whether the connection failed before the request could have been sent.
        connect: bool,
    },
    /// The answer was not the expected JSON (HTML error page, truncated or empty body).
    Decode {
        /// The HTTP status.
        status: u16,
        /// Why it could not be decoded.
        reason: String,
        /// The start of the body.
        body_snippet: String,
    },
    /// The request could not be serialized.
    Encode(String),
    /// The client is misconfigured (for example a base URL that does not parse).
    Config(String),
    /// Logging in or refreshing the OAuth2 token failed.
    Token(String),
}

impl Error {
    /// Whether Nexudus throttled the request.
    pub fn is_throttled(&self) -> bool {
        matches!(self, Self::Throttled { .. })
    }

    /// How long the server asked to wait, for throttling.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Throttled { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Validation { status, .. }
            | Self::Unauthorized { status }
            | Self::Forbidden { status, .. }
            | Self::Throttled { status, .. }
            | Self::Http { status, .. }
            | Self::Decode { status, .. } => Some(*status),
            Self::NotFound { .. } => Some(404),
            Self::Transport { .. } | Self::Encode(_) | Self::Config(_) | Self::Token(_) => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Validation {
                status,
                message,
                errors,
            } => {
                write!(f, "Nexudus rejected the request ({status})")?;
                if let (true, Some(message)) = (errors.is_empty(), message) {
                    write!(f, ": {message}")?;
                }
                for error in errors {
                    let property = error.property_name.as_deref().unwrap_or("(request)");
                    let message = error.message.as_deref().unwrap_or("is invalid");
                    write!(f, "; {property}: {message}")?;
                }
                Ok(())
            }
            Self::Unauthorized { status } => write!(f, "the credentials were refused ({status})"),
            Self::Forbidden { status, role } => {
                write!(f, "the user lacks the `{role}` role ({status})")
            }
            Self::NotFound { path } => write!(f, "not found: {path}"),
            Self::Throttled {
                status,
                retry_after,
            } => {
                write!(f, "throttled by Nexudus ({status})")?;
                match retry_after {
                    Some(wait) => write!(f, "; retry after {} s", wait.as_secs_f64()),
                    None => Ok(()),
                }
            }
            Self::Http {
                status,
                body_snippet,
            } => write!(f, "unexpected HTTP status {status}: {body_snippet}"),
            Self::Transport { message, .. } => write!(f, "the request failed: {message}"),
            Self::Decode {
                status,
                reason,
                body_snippet,
            } => {
                write!(
                    f,
                    "the answer ({status}) is not the expected JSON ({reason}): {body_snippet:?}"
                )
            }
            Self::Encode(message) => write!(f, "the request could not be serialized: {message}"),
            Self::Config(message) => write!(f, "the client is misconfigured: {message}"),
            Self::Token(message) => write!(f, "the OAuth2 token could not be obtained: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// The first 200 characters of a body, cut on a character boundary, for error messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    const LIMIT: usize = 200;
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_short_and_cut_on_characters() {
        let long = "é".repeat(500);
        let cut = snippet(long.as_bytes());
        assert_eq!(cut.chars().count(), 201);
        assert_eq!(snippet(b"  <html>  "), "<html>");
    }

    #[test]
    fn validation_errors_name_each_field() {
        let error = Error::Validation {
            status: 400,
            message: Some("Notes: is a required field".to_owned()),
            errors: vec![FieldError {
                property_name: Some("Notes".to_owned()),
                message: Some("is a required field".to_owned()),
                ..FieldError::default()
            }],
        };
        assert_eq!(
            error.to_string(),
            "Nexudus rejected the request (400); Notes: is a required field"
        );
    }
}
