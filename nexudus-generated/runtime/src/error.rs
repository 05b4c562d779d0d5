//! The one error type of the client, telling apart what a caller handles differently.

use std::fmt;
use std::time::Duration;

use crate::FieldError;
use crate::redact::{FieldErrorDebug, Redaction, scrub, secrets};

/// Everything that can go wrong with a request.
///
/// # What an error prints
///
/// `Display` is one line for a person: what failed and the server's own words (the
/// `PropertyName: Message` of each field error of an [`Error::Validation`], the start of an
/// unexpected body). It never includes the cause: that is [`std::error::Error::source`], so
/// `anyhow`'s `{:#}` or any chain printer shows the whole chain once (the reqwest error
/// beneath [`Error::Transport`], the transport failure or throttling beneath
/// [`Error::Token`]).
///
/// `Debug` shows every field, except the secrets:
///
/// - Credentials and tokens appear in no error, and the body snippets of a token answer are
///   never taken from a successful one (it carries the token).
/// - Nexudus echoes back the value it refused for each field (`Errors[].AttemptedValue`),
///   which can be a PIN code or a bank account the caller sent. `Debug` of a validation error
///   prints it for the fields the operation's spec does not mark sensitive (so a rejected
///   `Email` shows what was sent) and prints `<redacted>` for the sensitive ones, as its
///   [`Redaction`] decides: the spec's sensitive fields of the request
///   ([`OperationInfo::sensitive_fields`](crate::OperationInfo::sensitive_fields)) matched
///   against `PropertyName` without case, prefix or index (`Coworker.AccessPincode`), and,
///   when unsure (no property, an object holding a sensitive key), hidden. An error not tied
///   to an operation's fields ([`decode_mutation`](crate::decode_mutation) of a body alone)
///   hides every attempted value.
///
/// `Display` never prints attempted values. Neither `Display` nor `Debug` prints a hidden
/// value anywhere else: where a message (the summary, a field error's `Message`) quotes it, it
/// is cut out as `<redacted>`, and the body snippets of [`Error::Http`], [`Error::Decode`] and
/// [`Error::Token`] have every `AttemptedValue` replaced by `"<redacted>"` (such a body is
/// not read field by field). The client's `tracing` events print errors with `Display`.
///
/// The values are still there for a program: `errors[i].attempted_value` holds what Nexudus
/// sent, and [`Redaction::hides`] says whether it is a secret. A [`FieldError`] on its own is
/// plain data, whose derived `Debug` prints the value as sent.
#[non_exhaustive]
pub enum Error {
    /// Nexudus refused the request's content (400 or 422 with `Errors`, a 409 conflict with the
    /// envelope, or 200 with `WasSuccessful: false`); `errors` says which field and why.
    ///
    /// Match it with `..`: it may get more fields. A test of your own gets one from
    /// [`decode_mutation`](crate::decode_mutation) or the mock server (feature `mock`).
    #[non_exhaustive]
    Validation {
        /// The HTTP status.
        status: u16,
        /// The summary, `PropertyName: error message` per line, as Nexudus sent it.
        message: Option<String>,
        /// One entry per field problem, as Nexudus sent it: `attempted_value` is the value
        /// itself, even where `Debug` hides it.
        errors: Vec<FieldError>,
        /// Which attempted values `Debug` hides: the operation's sensitive fields.
        redaction: Redaction,
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
    /// Nexudus throttled the request, and retrying within the client's budget did not get
    /// through. A throttled request was not processed.
    ///
    /// Throttling is a 429, or a 409 that looks like Nexudus's throttle: the reason phrase or
    /// the body "You must wait before accessing this url again.", a `Retry-After` header, or
    /// an empty body. Any other 409 is the error its body says it is.
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
    /// The request did not complete: connection refused or reset, DNS, TLS, timeout. The
    /// reqwest error is the [`source`](std::error::Error::source).
    Transport {
        /// Whether it was a timeout.
        timeout: bool,
        /// Whether the connection failed before the request could have been sent.
        connect: bool,
        /// What happened, as reqwest tells it (with its own causes).
        source: reqwest::Error,
    },
    /// The answer was not the expected JSON (HTML error page, truncated or empty body, a
    /// write answered with something other than the envelope).
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
    /// Logging in or renewing the OAuth2 token at `POST /api/token` failed.
    ///
    /// When the endpoint answered, `status` says how: 400 or 401 is a refused login (wrong
    /// password, expired one-time code, unknown `client_id`), with the server's words in
    /// `body_snippet`. When it did not answer, or its answer was throttling or not a token,
    /// `source` is that error ([`Error::Transport`], [`Error::Throttled`], [`Error::Decode`]).
    Token {
        /// The status the token endpoint answered with, when it answered.
        status: Option<u16>,
        /// The start of a refusal's body, e.g. `{"error":"invalid_grant"}`; empty otherwise.
        body_snippet: String,
        /// The failure beneath, when there is one.
        source: Option<Box<Error>>,
    },
}

impl Error {
    /// Whether Nexudus throttled the request (or the token request it needed).
    pub fn is_throttled(&self) -> bool {
        match self {
            Self::Throttled { .. } => true,
            Self::Token {
                source: Some(source),
                ..
            } => source.is_throttled(),
            _ => false,
        }
    }

    /// Whether the request (or the token request it needed) timed out.
    pub fn is_timeout(&self) -> bool {
        match self {
            Self::Transport { timeout, .. } => *timeout,
            Self::Token {
                source: Some(source),
                ..
            } => source.is_timeout(),
            _ => false,
        }
    }

    /// Whether the failure is transient, so the same request may succeed later: throttling,
    /// a transport failure, a 5xx, or a token request that failed one of those ways.
    ///
    /// The client has already retried what its [`RetryPolicy`](crate::RetryPolicy) allows.
    /// This says nothing of whether the failed attempt took effect: a POST whose connection
    /// broke after it was sent may have been applied.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Throttled { .. } | Self::Transport { .. } => true,
            Self::Http { status, .. } => (500..=599).contains(status),
            Self::Token {
                status: Some(status),
                source: None,
                ..
            } => (500..=599).contains(status),
            Self::Token {
                source: Some(source),
                ..
            } => source.is_retryable(),
            _ => false,
        }
    }

    /// How long the server asked to wait, for throttling.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Throttled { retry_after, .. } => *retry_after,
            Self::Token {
                source: Some(source),
                ..
            } => source.retry_after(),
            _ => None,
        }
    }

    /// The HTTP status, when the server answered (for [`Error::Token`], the token endpoint's).
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Validation { status, .. }
            | Self::Unauthorized { status }
            | Self::Forbidden { status, .. }
            | Self::Throttled { status, .. }
            | Self::Http { status, .. }
            | Self::Decode { status, .. } => Some(*status),
            Self::NotFound { .. } => Some(404),
            Self::Token { status, .. } => *status,
            Self::Transport { .. } | Self::Encode(_) | Self::Config(_) => None,
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
                redaction,
            } => {
                let secrets = hidden_values(errors, redaction);
                write!(f, "Nexudus rejected the request ({status})")?;
                if let (true, Some(message)) = (errors.is_empty(), message) {
                    write!(f, ": {}", scrub(message, &secrets))?;
                }
                for error in errors {
                    let property = error.property_name.as_deref().unwrap_or("(request)");
                    let message = error.message.as_deref().unwrap_or("is invalid");
                    write!(f, "; {property}: {}", scrub(message, &secrets))?;
                }
                Ok(())
            }
            Self::Unauthorized { status } => write!(f, "the credentials were refused ({status})"),
            // An operation whose docs name no role (the token endpoint, a page that ends
            // before it) has an empty one, which is not worth quoting.
            Self::Forbidden { status, role: "" } => {
                write!(
                    f,
                    "the user lacks the role the operation requires ({status})"
                )
            }
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
            Self::Transport {
                timeout, connect, ..
            } => f.write_str(match (timeout, connect) {
                (true, _) => "the request timed out",
                (false, true) => "the request could not connect to the server",
                (false, false) => "the request failed on the way",
            }),
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
            Self::Token {
                status: Some(status),
                body_snippet,
                source: None,
            } => {
                let what = if matches!(status, 400 | 401) {
                    "the OAuth2 login was refused"
                } else {
                    "the OAuth2 token could not be obtained"
                };
                write!(f, "{what}: POST /api/token answered {status}")?;
                if !body_snippet.is_empty() {
                    write!(f, ": {body_snippet}")?;
                }
                Ok(())
            }
            Self::Token { .. } => f.write_str("the OAuth2 token could not be obtained"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Validation {
                status,
                message,
                errors,
                redaction,
            } => {
                let secrets = hidden_values(errors, redaction);
                let errors: Vec<FieldErrorDebug<'_>> = errors
                    .iter()
                    .map(|error| FieldErrorDebug {
                        error,
                        hidden: redaction.hides(error),
                        secrets: &secrets,
                    })
                    .collect();
                f.debug_struct("Validation")
                    .field("status", status)
                    .field(
                        "message",
                        &message.as_deref().map(|message| scrub(message, &secrets)),
                    )
                    .field("errors", &errors)
                    .finish_non_exhaustive()
            }
            Self::Unauthorized { status } => f
                .debug_struct("Unauthorized")
                .field("status", status)
                .finish(),
            Self::Forbidden { status, role } => f
                .debug_struct("Forbidden")
                .field("status", status)
                .field("role", role)
                .finish(),
            Self::NotFound { path } => f.debug_struct("NotFound").field("path", path).finish(),
            Self::Throttled {
                status,
                retry_after,
            } => f
                .debug_struct("Throttled")
                .field("status", status)
                .field("retry_after", retry_after)
                .finish(),
            Self::Http {
                status,
                body_snippet,
            } => f
                .debug_struct("Http")
                .field("status", status)
                .field("body_snippet", body_snippet)
                .finish(),
            Self::Transport {
                timeout,
                connect,
                source,
            } => f
                .debug_struct("Transport")
                .field("timeout", timeout)
                .field("connect", connect)
                .field("source", source)
                .finish(),
            Self::Decode {
                status,
                reason,
                body_snippet,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("reason", reason)
                .field("body_snippet", body_snippet)
                .finish(),
            Self::Encode(message) => f.debug_tuple("Encode").field(message).finish(),
            Self::Config(message) => f.debug_tuple("Config").field(message).finish(),
            Self::Token {
                status,
                body_snippet,
                source,
            } => f
                .debug_struct("Token")
                .field("status", status)
                .field("body_snippet", body_snippet)
                .field("source", source)
                .finish(),
        }
    }
}

/// The texts of the attempted values `redaction` hides, for cutting them out of messages.
fn hidden_values(errors: &[FieldError], redaction: &Redaction) -> Vec<String> {
    let mut found = Vec::new();
    for error in errors.iter().filter(|error| redaction.hides(error)) {
        if let Some(value) = &error.attempted_value {
            secrets(value, &mut found);
        }
    }
    found
}

impl From<crate::MissingField> for Error {
    /// The update could not be made, so nothing was sent: an encoding error of the request.
    fn from(missing: crate::MissingField) -> Self {
        Error::Encode(missing.to_string())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport { source, .. } => Some(source),
            Self::Token {
                source: Some(source),
                ..
            } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// The first 200 characters of a body, cut on a character boundary, for error messages; every
/// `AttemptedValue` in it is hidden first (the body was not read field by field).
pub(crate) fn snippet(body: &[u8]) -> String {
    shortened(&crate::redact::scrub_values(
        &String::from_utf8_lossy(body),
        &[],
    ))
}

/// The first 200 characters of a text already scrubbed, trimmed and cut on a character
/// boundary.
pub(crate) fn shortened(text: &str) -> String {
    const LIMIT: usize = 200;
    let text = text.trim();
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const COWORKER: Redaction = Redaction::Fields(&["BankAccount", "AccessPincode"]);

    fn field_error(property: &str, message: &str, attempted: serde_json::Value) -> FieldError {
        FieldError {
            property_name: Some(property.to_owned()),
            message: Some(message.to_owned()),
            attempted_value: Some(attempted),
        }
    }

    fn rejected(redaction: Redaction) -> Error {
        Error::Validation {
            status: 400,
            message: Some("AccessPincode: must be 4 digits\nEmail: is not valid".to_owned()),
            errors: vec![
                field_error("AccessPincode", "must be 4 digits", json!("98765")),
                field_error("Email", "is not valid", json!("ada@example")),
            ],
            redaction,
        }
    }

    #[test]
    fn debug_hides_the_sensitive_field_s_value_and_shows_the_others() {
        let debug = format!("{:?}", rejected(COWORKER));
        assert!(!debug.contains("98765"), "{debug}");
        assert!(
            debug.contains(r#"attempted_value: Some("<redacted>"), message: Some("must be 4 digits"), property_name: Some("AccessPincode")"#),
            "{debug}"
        );
        assert!(
            debug.contains(r#"attempted_value: Some(String("ada@example"))"#),
            "{debug}"
        );
        let pretty = format!("{:#?}", rejected(COWORKER));
        assert!(
            !pretty.contains("98765") && pretty.contains("ada@example"),
            "{pretty}"
        );
    }

    #[test]
    fn display_shows_no_attempted_value() {
        for redaction in [COWORKER, Redaction::All, Redaction::Fields(&[])] {
            let error = rejected(redaction);
            let display = error.to_string();
            assert_eq!(
                display,
                "Nexudus rejected the request (400); AccessPincode: must be 4 digits; Email: is not valid"
            );
            assert_eq!(format!("{error:#}"), display);
        }
    }

    #[test]
    fn without_the_operation_s_fields_every_value_is_hidden() {
        let debug = format!("{:?}", rejected(Redaction::All));
        assert!(
            !debug.contains("98765") && !debug.contains("ada@example"),
            "{debug}"
        );
        assert_eq!(debug.matches("<redacted>").count(), 2, "{debug}");
    }

    #[test]
    fn a_message_quoting_a_hidden_value_loses_it_in_display_and_debug() {
        let error = Error::Validation {
            status: 400,
            message: Some("The value '98765' is not valid for AccessPincode.".to_owned()),
            errors: vec![
                field_error(
                    "Coworker.AccessPincode",
                    "The value '98765' is not valid for AccessPincode.",
                    json!("98765"),
                ),
                field_error(
                    "Email",
                    "'ada@example' is not an email",
                    json!("ada@example"),
                ),
            ],
            redaction: COWORKER,
        };
        let printed = format!("{error} {error:?} {error:#?}");
        assert!(!printed.contains("98765"), "{printed}");
        assert!(
            printed.contains("The value '<redacted>' is not valid for AccessPincode."),
            "{printed}"
        );
        assert!(
            error
                .to_string()
                .contains("Email: 'ada@example' is not an email"),
            "{error}"
        );
        let lone_summary = Error::Validation {
            status: 400,
            message: Some("PIN 98765 refused".to_owned()),
            errors: Vec::new(),
            redaction: COWORKER,
        };
        assert_eq!(
            lone_summary.to_string(),
            "Nexudus rejected the request (400): PIN 98765 refused",
            "no field error, so no value is known to hide"
        );
    }

    #[test]
    fn the_values_stay_readable_for_a_program() {
        let Error::Validation {
            errors, redaction, ..
        } = rejected(COWORKER)
        else {
            unreachable!()
        };
        assert_eq!(errors[0].attempted_value, Some(json!("98765")));
        assert!(redaction.hides(&errors[0]) && !redaction.hides(&errors[1]));
    }

    #[test]
    fn body_snippets_hide_every_attempted_value() {
        let body = br#"{"Message":"boom","Errors":[{"PropertyName":"Email","AttemptedValue":"ada@example"},{"PropertyName":"AccessPincode","AttemptedValue":"98765"}]}"#;
        let cut = snippet(body);
        assert!(
            !cut.contains("98765") && !cut.contains("ada@example"),
            "{cut}"
        );
        assert!(cut.contains(r#""AttemptedValue":"<redacted>"}"#), "{cut}");
        // The value straddles the 200th character: no part of it is left.
        let long = format!(
            r#"{{"Message":"{}","Errors":[{{"AttemptedValue":"98765"}}]}}"#,
            "x".repeat(154)
        );
        assert_eq!(long.find("98765"), Some(197));
        let cut = snippet(long.as_bytes());
        assert!(!cut.contains("987") && cut.ends_with('…'), "{cut}");
    }

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
            redaction: Redaction::All,
        };
        assert_eq!(
            error.to_string(),
            "Nexudus rejected the request (400); Notes: is a required field"
        );
    }

    #[test]
    fn a_refusal_names_the_role_only_when_there_is_one() {
        let named = Error::Forbidden {
            status: 403,
            role: "CoworkerNote-Create",
        };
        assert_eq!(
            named.to_string(),
            "the user lacks the `CoworkerNote-Create` role (403)"
        );
        let unnamed = Error::Forbidden {
            status: 403,
            role: "",
        };
        assert_eq!(
            unnamed.to_string(),
            "the user lacks the role the operation requires (403)"
        );
    }
}
