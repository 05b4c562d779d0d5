//! What both benchmarks time, the same way: a Create Coworker request with every documented
//! field set, and a success and a validation-error envelope to decode, each for the generated
//! types and for hand-written serde structs of the same shape.

mod hand_written_coworker;

use nexudus_generated::spaces::CreateCoworker;
use nexudus_generated::{Error, decode_mutation};
use serde::Deserialize;

/// Every documented field of the Create Coworker page, with a value of its type.
const EVERY_FIELD: &str = include_str!("create_coworker_every_field.json");

/// A successful create's answer.
pub const SUCCESS: &[u8] = br#"{"Status":200,"Message":"Coworker was successfully created.","Value":{"Id":1466303843},"OpenInDialog":false,"OpenInWindow":false,"RedirectURL":null,"JavaScript":null,"UpdatedOn":"2026-11-25T10:00:00.1234567Z","UpdatedBy":"admin@example.com","Errors":null,"WasSuccessful":true}"#;

/// A create refused with three field errors.
pub const VALIDATION: &[u8] = br#"{"Status":200,"Message":"The request is not valid.","Value":null,"OpenInDialog":false,"OpenInWindow":false,"RedirectURL":null,"JavaScript":null,"UpdatedOn":null,"UpdatedBy":null,"Errors":[{"AttemptedValue":"","Message":"Full name is required.","PropertyName":"FullName"},{"AttemptedValue":"not-an-email","Message":"Email is not valid.","PropertyName":"Email"},{"AttemptedValue":0,"Message":"Country is required.","PropertyName":"CountryId"}],"WasSuccessful":false}"#;

/// The same request twice: as the generated type and as the hand-written one.
pub struct Requests {
    pub generated: CreateCoworker,
    pub hand_written: hand_written_coworker::CreateCoworker,
}

impl Requests {
    /// Both read from the same document, after checking that both write it back whole: the
    /// comparison is fair only if they write the same fields.
    pub fn checked() -> Self {
        let generated: CreateCoworker =
            serde_json::from_str(EVERY_FIELD).expect("the generated type reads every field");
        let hand_written: hand_written_coworker::CreateCoworker =
            serde_json::from_str(EVERY_FIELD).expect("the hand-written type reads every field");
        let input: serde_json::Value = serde_json::from_str(EVERY_FIELD).unwrap();
        assert_eq!(serde_json::to_value(&generated).unwrap(), input);
        assert_eq!(serde_json::to_value(&hand_written).unwrap(), input);
        let body = nexudus_generated::Call::json(&generated).unwrap().body;
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
            input
        );
        Self {
            generated,
            hand_written,
        }
    }

    /// What the client sends: the request's `write_fields` straight into bytes.
    pub fn generated_body(&self) -> Vec<u8> {
        nexudus_generated::Call::json(&self.generated).unwrap().body
    }

    /// What a caller gets from serde: the same fields through the `Serialize` adapter.
    pub fn generated_serialize(&self) -> Vec<u8> {
        serde_json::to_vec(&self.generated).unwrap()
    }

    /// The hand-written struct's derived `Serialize`.
    pub fn hand_written_serialize(&self) -> Vec<u8> {
        serde_json::to_vec(&self.hand_written).unwrap()
    }
}

/// The envelope as a person would write it, decoded the way they would use it.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // Read by serde; the benchmark only needs them decoded.
struct HandWrittenEnvelope {
    status: Option<i64>,
    message: Option<String>,
    value: Option<serde_json::Value>,
    open_in_dialog: Option<bool>,
    open_in_window: Option<bool>,
    #[serde(rename = "RedirectURL")]
    redirect_url: Option<String>,
    java_script: Option<String>,
    updated_on: Option<String>,
    updated_by: Option<String>,
    errors: Option<Vec<HandWrittenFieldError>>,
    was_successful: Option<bool>,
}

/// A field error of the hand-written envelope.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
pub struct HandWrittenFieldError {
    attempted_value: Option<serde_json::Value>,
    message: Option<String>,
    property_name: Option<String>,
}

/// The generated decoder on an answer to a create.
pub fn generated_decode(body: &[u8]) -> Result<nexudus_generated::Mutation, Error> {
    decode_mutation(200, body)
}

/// The same outcome the generated decoder gives: the new record's id, or the field errors.
pub fn hand_written_decode(body: &[u8]) -> Result<Option<i64>, Vec<HandWrittenFieldError>> {
    let envelope: HandWrittenEnvelope = serde_json::from_slice(body).map_err(|_| Vec::new())?;
    if envelope.was_successful == Some(false) {
        return Err(envelope.errors.unwrap_or_default());
    }
    Ok(envelope
        .value
        .as_ref()
        .and_then(|value| value.get("Id"))
        .and_then(serde_json::Value::as_i64))
}

/// Both decoders agree on both envelopes.
pub fn check_decoders() {
    assert_eq!(generated_decode(SUCCESS).unwrap().id, Some(1466303843));
    assert!(matches!(
        generated_decode(VALIDATION),
        Err(Error::Validation { ref errors, .. }) if errors.len() == 3
    ));
    assert_eq!(hand_written_decode(SUCCESS).ok(), Some(Some(1466303843)));
    assert_eq!(
        hand_written_decode(VALIDATION).err().map(|e| e.len()),
        Some(3)
    );
}
