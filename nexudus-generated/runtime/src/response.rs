//! Turning Nexudus answers, as the server really sends them, into results.

use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::error::{shortened, snippet};
use crate::redact::{hide_values, scrub};
use crate::{Error, FieldError, OperationInfo, Redaction, parse_date_time};

/// The parts of the documented [`Envelope`](crate::Envelope) the client keeps, the ones the
/// generator's validation requires of the envelope spec under these JSON names: `Status` and
/// the admin panel's hints are skipped unread rather than decoded and dropped.
#[derive(serde::Deserialize)]
struct Answer {
    #[serde(rename = "WasSuccessful", default)]
    was_successful: Option<bool>,
    #[serde(rename = "Errors", default)]
    errors: Option<Vec<FieldError>>,
    #[serde(rename = "Value", default)]
    value: Option<serde_json::Value>,
    #[serde(rename = "Message", default)]
    message: Option<String>,
    #[serde(rename = "UpdatedOn", default)]
    updated_on: Option<String>,
    #[serde(rename = "UpdatedBy", default)]
    updated_by: Option<String>,
}

/// What a create, update or delete returned: the documented envelope's useful parts.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Mutation {
    /// The record's `Id` (`Value.Id`), when the answer carries one.
    pub id: Option<i64>,
    /// `Value` as sent: only `Id` for some operations, the whole record for others.
    pub value: Option<serde_json::Value>,
    /// `Message`, e.g. "Coworker note was successfully created."
    pub message: Option<String>,
    /// `UpdatedOn`, as sent (see [`Mutation::updated_on_utc`]).
    pub updated_on: Option<String>,
    /// `UpdatedBy`: who made the change.
    pub updated_by: Option<String>,
}

impl Mutation {
    fn from_answer(envelope: Answer) -> Self {
        let id = envelope
            .value
            .as_ref()
            .and_then(|value| value.get("Id"))
            .and_then(json_integer);
        Self {
            id,
            value: envelope.value,
            message: envelope.message,
            updated_on: envelope.updated_on,
            updated_by: envelope.updated_by,
        }
    }

    /// `UpdatedOn` as a point in time; Nexudus writes it in UTC, with or without a `Z` and
    /// with 0 to 7 fractional digits.
    pub fn updated_on_utc(&self) -> Option<jiff::Timestamp> {
        self.updated_on.as_deref().and_then(parse_date_time)
    }

    /// `Value` decoded into a type of the caller's, e.g. a struct with the record fields they
    /// need (unknown fields are ignored unless that type says otherwise).
    pub fn value_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let value = self.value.clone().unwrap_or(serde_json::Value::Null);
        serde_json::from_value(value).map_err(|error| Error::Decode {
            status: 200,
            reason: error.to_string(),
            body_snippet: String::new(),
        })
    }
}

/// One page of a list operation's answer: the records and where they stand in the whole list.
///
/// Nexudus pages start at 1; ask for the next one with the list request's `page` parameter
/// while [`Page::has_next_page`] is `true`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Page<T> {
    /// The records of this page.
    #[serde(default = "Vec::new")]
    pub records: Vec<T>,
    /// `CurrentPage`: this page's number, from 1.
    #[serde(default)]
    pub current_page: Option<i64>,
    /// `CurrentPageSize`: records per page.
    #[serde(default)]
    pub current_page_size: Option<i64>,
    /// `TotalItems`: records in the whole list.
    #[serde(default)]
    pub total_items: Option<i64>,
    /// `TotalPages`: pages in the whole list.
    #[serde(default)]
    pub total_pages: Option<i64>,
    /// `HasNextPage`.
    #[serde(default)]
    pub has_next_page: Option<bool>,
    /// `HasPreviousPage`.
    #[serde(default)]
    pub has_previous_page: Option<bool>,
}

fn json_integer(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(number) => number.as_i64(),
        serde_json::Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// How one HTTP exchange ended, before the retry policy decides what to do with it.
pub(crate) enum Outcome {
    /// 2xx: the body is the answer, for the caller to decode.
    Answered,
    /// Done, and failed.
    Failed(Error),
    /// 409/429: not processed; retry after the hint if any.
    Throttled {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// 401: maybe the token expired.
    Unauthorized { status: u16 },
    /// 5xx: the server failed; the request may or may not have been applied.
    ServerError { status: u16, body: Vec<u8> },
}

/// Nexudus's throttling text, as its reason phrase or its body says it (compared without case).
const THROTTLE_TEXT: &str = "you must wait before accessing this url again";

/// Whether a 409 is Nexudus's throttle rather than a conflict: its reason phrase or body is
/// the throttling text (or "Wait N seconds"), it asks to be retried (`Retry-After`), or it
/// has no body at all. A 409 with anything else (an error envelope, an HTML page) is not.
fn is_throttle_409(
    reason_phrase: Option<&str>,
    retry_after: Option<Duration>,
    body: &[u8],
) -> bool {
    let says_wait = |text: &str| text.to_ascii_lowercase().contains(THROTTLE_TEXT);
    retry_after.is_some()
        || body.iter().all(u8::is_ascii_whitespace)
        || reason_phrase.is_some_and(says_wait)
        || says_wait(&String::from_utf8_lossy(body))
        || crate::retry::parse_wait_seconds(body).is_some()
}

/// Classifies an answer. `reason_phrase` is the status line's text when it is not the
/// standard one; `retry_after` is the parsed `Retry-After` header; `redaction` is which
/// attempted values a validation error hides (the operation's sensitive fields).
pub(crate) fn classify(
    operation: &OperationInfo,
    redaction: Redaction,
    status: u16,
    reason_phrase: Option<&str>,
    retry_after: Option<Duration>,
    body: &[u8],
) -> Outcome {
    match status {
        200..=299 => Outcome::Answered,
        400 | 422 => Outcome::Failed(decode_rejection(status, body, redaction)),
        401 => Outcome::Unauthorized { status },
        403 => Outcome::Failed(Error::Forbidden {
            status,
            role: operation.role,
        }),
        404 => Outcome::Failed(Error::NotFound {
            path: operation.path,
        }),
        409 if !is_throttle_409(reason_phrase, retry_after, body) => {
            Outcome::Failed(decode_rejection(status, body, redaction))
        }
        409 | 429 => Outcome::Throttled {
            status,
            retry_after: retry_after.or_else(|| crate::retry::parse_wait_seconds(body)),
        },
        500..=599 => Outcome::ServerError {
            status,
            body: body.to_vec(),
        },
        _ => Outcome::Failed(Error::Http {
            status,
            body_snippet: snippet(body),
        }),
    }
}

fn decode_envelope(status: u16, body: &[u8]) -> Result<Answer, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            status,
            reason: "the body is empty".to_owned(),
            body_snippet: String::new(),
        });
    }
    serde_json::from_slice(body).map_err(|error| Error::Decode {
        status,
        reason: error.to_string(),
        body_snippet: snippet(body),
    })
}

/// A get's record or a list's page: the body is the JSON of `T` itself, not an envelope. When
/// it does not decode, the values of the record's `sensitive` fields are hidden from the
/// error: from the body's snippet, and from serde's reason, which can quote the value it
/// refused (`invalid type: string "4321", expected i64`).
pub(crate) fn decode_record<T: DeserializeOwned>(
    sensitive: &[&str],
    status: u16,
    body: &[u8],
) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            status,
            reason: "the body is empty".to_owned(),
            body_snippet: String::new(),
        });
    }
    serde_json::from_slice(body).map_err(|error| {
        let text = String::from_utf8_lossy(body);
        let (hidden, secrets) = hide_values(&text, sensitive);
        Error::Decode {
            status,
            reason: scrub(&error.to_string(), &secrets).into_owned(),
            body_snippet: shortened(&scrub(&hidden, &secrets)),
        }
    })
}

/// A create, update or delete's 2xx answer, decoded exactly as the client does: the envelope,
/// with `WasSuccessful: false` (or, without `WasSuccessful`, a non-empty `Errors`) turned into
/// [`Error::Validation`]. Public for benchmarks and for callers who receive a body some other
/// way.
///
/// The answer must be the envelope of `spec/envelope.yaml`: a JSON object that says how the
/// request went, with a `WasSuccessful` or an `Errors` key that is not `null`. Anything else
/// (`[]`, `{}`, `{"Id": 1}`, `null`) is an [`Error::Decode`] with the start of the body, never
/// a success without an id.
///
/// The body alone does not say which of the request's fields were sensitive, so a
/// validation error made here hides every attempted value in its `Debug`
/// ([`Redaction::All`]); the client's own methods hide only the operation's sensitive ones.
pub fn decode_mutation(status: u16, body: &[u8]) -> Result<Mutation, Error> {
    decode_mutation_with(Redaction::All, status, body)
}

/// [`decode_mutation`] for a request whose sensitive fields are known.
pub(crate) fn decode_mutation_with(
    redaction: Redaction,
    status: u16,
    body: &[u8],
) -> Result<Mutation, Error> {
    let envelope = decode_envelope(status, body)?;
    if !is_envelope(body, &envelope) {
        return Err(Error::Decode {
            status,
            reason: "not the Nexudus envelope: a JSON object with `WasSuccessful` or `Errors`"
                .to_owned(),
            body_snippet: snippet(body),
        });
    }
    let failed = match envelope.was_successful {
        Some(was_successful) => !was_successful,
        None => envelope
            .errors
            .as_ref()
            .is_some_and(|errors| !errors.is_empty()),
    };
    if failed {
        return Err(validation(status, envelope, redaction));
    }
    Ok(Mutation::from_answer(envelope))
}

/// What makes a decoded body an envelope rather than JSON that happened to fit its all-optional
/// fields (serde reads `[]` as a struct with every field absent): an object, with one of the
/// keys that say how the request went.
fn is_envelope(body: &[u8], envelope: &Answer) -> bool {
    let is_object = body.trim_ascii_start().first() == Some(&b'{');
    is_object && (envelope.was_successful.is_some() || envelope.errors.is_some())
}

/// A 400, 409 or 422 with the envelope is a validation failure; one without it (an HTML error
/// page, say) is an HTTP error with the start of the body.
fn decode_rejection(status: u16, body: &[u8], redaction: Redaction) -> Error {
    match serde_json::from_slice::<Answer>(body) {
        Ok(envelope) if is_envelope(body, &envelope) => validation(status, envelope, redaction),
        _ => Error::Http {
            status,
            body_snippet: snippet(body),
        },
    }
}

fn validation(status: u16, envelope: Answer, redaction: Redaction) -> Error {
    let errors: Vec<FieldError> = envelope.errors.unwrap_or_default();
    Error::Validation {
        status,
        message: envelope.message,
        errors,
        redaction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Method;

    const NOTE: OperationInfo = OperationInfo::new(
        "CreateCoworkerNote",
        Method::Post,
        "/api/spaces/coworkernotes",
        "CoworkerNote-Create",
    );
    const NO_SECRETS: Redaction = Redaction::Fields(&[]);

    fn final_result(status: u16, body: &str) -> Result<Mutation, Error> {
        match classify(&NOTE, NO_SECRETS, status, None, None, body.as_bytes()) {
            Outcome::Answered => decode_mutation(status, body.as_bytes()),
            Outcome::Failed(error) => Err(error),
            _ => panic!("{status} should be final"),
        }
    }

    #[test]
    fn success_keeps_the_id_and_the_whole_record() {
        let created = final_result(
            200,
            r#"{"Status":200,"Message":"Coworker note was successfully created.","Value":{"Id":87,"Notes":"hi","Unknown":[1]},"WasSuccessful":true,"Errors":null,"UpdatedOn":"2026-11-25T10:00:00.12","UpdatedBy":"admin@example.com","Extra":1}"#,
        )
        .unwrap();
        assert_eq!(created.id, Some(87));
        assert_eq!(
            created
                .value
                .as_ref()
                .and_then(|value| value.get("Notes"))
                .and_then(|v| v.as_str()),
            Some("hi")
        );
        assert_eq!(created.updated_by.as_deref(), Some("admin@example.com"));
        assert!(created.updated_on_utc().is_some());
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // Read by serde; the tests look at the errors.
    struct Setting {
        #[serde(rename = "Id")]
        id: Option<i64>,
        #[serde(rename = "EncryptedValue")]
        encrypted_value: Option<crate::Sensitive<String>>,
    }

    #[test]
    fn a_record_that_does_not_decode_keeps_its_secrets_out_of_the_error() {
        let sensitive = &["EncryptedValue"];
        let broken_elsewhere = br#"{"Id":"seven","EncryptedValue":"s3cret-key"}"#;
        let Err(Error::Decode {
            reason,
            body_snippet,
            ..
        }) = decode_record::<Setting>(sensitive, 200, broken_elsewhere)
        else {
            panic!("a string Id should not decode")
        };
        assert!(reason.contains("invalid type"), "{reason}");
        assert!(!body_snippet.contains("s3cret-key"), "{body_snippet}");
        assert!(
            body_snippet.contains(r#""EncryptedValue":"<redacted>""#),
            "{body_snippet}"
        );
        // serde quotes the value it refused: when that is the secret, it is cut out too.
        let broken_secret = br#"{"Id":7,"EncryptedValue":987654321}"#;
        let Err(error) = decode_record::<Setting>(sensitive, 200, broken_secret) else {
            panic!("a number should not decode as a string")
        };
        let printed = format!("{error} {error:?}");
        assert!(!printed.contains("987654321"), "{printed}");
        assert!(printed.contains("<redacted>"), "{printed}");
        // Without the record's sensitive names the snippet is the body.
        let Err(Error::Decode { body_snippet, .. }) =
            decode_record::<Setting>(&[], 200, broken_elsewhere)
        else {
            panic!("a string Id should not decode")
        };
        assert!(body_snippet.contains("s3cret-key"), "{body_snippet}");
    }

    #[test]
    fn a_success_decodes_whatever_the_parts_the_client_does_not_keep_hold() {
        // `Status` and the admin panel's hints are not read: odd values there lose nothing.
        let created = final_result(
            200,
            r#"{"Status":"OK","OpenInDialog":"no","RedirectURL":7,"JavaScript":{"a":[1]},"Value":{"Id":5},"WasSuccessful":true}"#,
        )
        .unwrap();
        assert_eq!(created.id, Some(5));
        // What it keeps is still checked.
        assert!(matches!(
            final_result(200, r#"{"WasSuccessful":"yes","Value":{"Id":5}}"#),
            Err(Error::Decode { status: 200, .. })
        ));
    }

    #[test]
    fn was_successful_false_is_a_validation_error_even_with_200() {
        let error = final_result(
            200,
            r#"{"Status":400,"Message":"Notes: is a required field","WasSuccessful":false,"Errors":[{"AttemptedValue":null,"Message":"is a required field","PropertyName":"Notes"}]}"#,
        )
        .unwrap_err();
        let Error::Validation { status, errors, .. } = error else {
            panic!("{error:?}")
        };
        assert_eq!(status, 200);
        assert_eq!(errors[0].property_name.as_deref(), Some("Notes"));
    }

    #[test]
    fn bodies_that_are_not_the_envelope_are_decode_errors_with_a_snippet() {
        for body in [
            "",
            "<html><body>Oops</body></html>",
            r#"{"Status":200,"Value":{"Id""#,
        ] {
            match final_result(200, body) {
                Err(Error::Decode {
                    status: 200,
                    body_snippet,
                    ..
                }) => assert_eq!(body_snippet, body.trim()),
                other => panic!("{body:?}: {other:?}"),
            }
        }
        match final_result(400, "<html>Bad Request</html>") {
            Err(Error::Http {
                status: 400,
                body_snippet,
            }) => assert_eq!(body_snippet, "<html>Bad Request</html>"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_write_answered_with_json_that_is_not_the_envelope_is_a_decode_error() {
        for body in [
            "[]",
            "{}",
            "null",
            "{\"Id\": 5}",
            "[true]",
            "{\"WasSuccessful\": null}",
        ] {
            match final_result(200, body) {
                Err(Error::Decode {
                    status: 200,
                    body_snippet,
                    ..
                }) => assert_eq!(body_snippet, body),
                other => panic!("{body}: {other:?}"),
            }
        }
        let bare = final_result(
            200,
            r#"{"Errors":[{"PropertyName":"Notes","Message":"x"}]}"#,
        );
        assert!(matches!(bare, Err(Error::Validation { .. })), "{bare:?}");
        let minimal = final_result(200, r#"{"WasSuccessful":true,"Value":{"Id":"12"}}"#);
        assert_eq!(minimal.unwrap().id, Some(12));
        assert!(matches!(
            final_result(400, "[]"),
            Err(Error::Http { status: 400, .. })
        ));
    }

    #[test]
    fn only_nexudus_s_throttle_is_throttling() {
        let throttled = |reason, retry_after, body: &str| {
            matches!(
                classify(&NOTE, NO_SECRETS, 409, reason, retry_after, body.as_bytes()),
                Outcome::Throttled { status: 409, .. }
            )
        };
        assert!(throttled(None, None, ""));
        assert!(throttled(None, Some(Duration::ZERO), "<html/>"));
        assert!(throttled(
            Some("You must wait before accessing this url again."),
            None,
            "<html>busy</html>"
        ));
        assert!(throttled(
            None,
            None,
            "\"You must wait before accessing this url again.\""
        ));
        let conflict = r#"{"Message":"Email: already in use","WasSuccessful":false,"Errors":[{"PropertyName":"Email","Message":"already in use","AttemptedValue":"a@b.c"}]}"#;
        assert!(!throttled(None, None, conflict));
        match classify(&NOTE, NO_SECRETS, 409, None, None, conflict.as_bytes()) {
            Outcome::Failed(Error::Validation {
                status: 409,
                message,
                errors,
                ..
            }) => {
                assert_eq!(message.as_deref(), Some("Email: already in use"));
                assert_eq!(errors[0].property_name.as_deref(), Some("Email"));
            }
            _ => panic!("a 409 with an envelope is the conflict it reports"),
        }
        assert!(matches!(
            classify(&NOTE, NO_SECRETS, 409, None, None, b"<html>Conflict</html>"),
            Outcome::Failed(Error::Http { status: 409, .. })
        ));
    }

    #[test]
    fn statuses_map_to_the_error_a_caller_handles() {
        assert!(matches!(
            final_result(403, ""),
            Err(Error::Forbidden {
                role: "CoworkerNote-Create",
                ..
            })
        ));
        assert!(matches!(
            final_result(404, "<html/>"),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            final_result(418, "teapot"),
            Err(Error::Http { status: 418, .. })
        ));
        assert!(matches!(
            classify(&NOTE, NO_SECRETS, 401, None, None, b""),
            Outcome::Unauthorized { status: 401 }
        ));
        assert!(matches!(
            classify(&NOTE, NO_SECRETS, 503, None, None, b""),
            Outcome::ServerError { status: 503, .. }
        ));
        match classify(&NOTE, NO_SECRETS, 429, None, None, b"Wait 2 seconds") {
            Outcome::Throttled {
                status: 429,
                retry_after,
            } => assert_eq!(retry_after, Some(Duration::from_secs(2))),
            _ => panic!("429 is throttling"),
        }
        match classify(
            &NOTE,
            NO_SECRETS,
            409,
            None,
            Some(Duration::from_secs(1)),
            b"",
        ) {
            Outcome::Throttled {
                status: 409,
                retry_after,
            } => assert_eq!(retry_after, Some(Duration::from_secs(1))),
            _ => panic!("409 is throttling"),
        }
    }
}
