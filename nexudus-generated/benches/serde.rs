//! The generated types against hand-written serde structs of the same shape: serializing a
//! Create Coworker request with every documented field set, and decoding a success and a
//! validation-error envelope. `cargo bench -p nexudus-generated --bench serde`.

mod hand_written_coworker;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nexudus_generated::spaces::CreateCoworker;
use nexudus_generated::{Error, decode_mutation};
use serde::Deserialize;

/// Every documented field of the Create Coworker page, with a value of its type.
const EVERY_FIELD: &str = include_str!("create_coworker_every_field.json");

const SUCCESS: &[u8] = br#"{"Status":200,"Message":"Coworker was successfully created.","Value":{"Id":1466303843},"OpenInDialog":false,"OpenInWindow":false,"RedirectURL":null,"JavaScript":null,"UpdatedOn":"2026-11-25T10:00:00.1234567Z","UpdatedBy":"admin@example.com","Errors":null,"WasSuccessful":true}"#;

const VALIDATION: &[u8] = br#"{"Status":200,"Message":"The request is not valid.","Value":null,"OpenInDialog":false,"OpenInWindow":false,"RedirectURL":null,"JavaScript":null,"UpdatedOn":null,"UpdatedBy":null,"Errors":[{"AttemptedValue":"","Message":"Full name is required.","PropertyName":"FullName"},{"AttemptedValue":"not-an-email","Message":"Email is not valid.","PropertyName":"Email"},{"AttemptedValue":0,"Message":"Country is required.","PropertyName":"CountryId"}],"WasSuccessful":false}"#;

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

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct HandWrittenFieldError {
    attempted_value: Option<serde_json::Value>,
    message: Option<String>,
    property_name: Option<String>,
}

/// The same outcome the generated decoder gives: the new record's id, or the field errors.
fn hand_written_decode(body: &[u8]) -> Result<Option<i64>, Vec<HandWrittenFieldError>> {
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

fn serialize(c: &mut Criterion) {
    let generated: CreateCoworker =
        serde_json::from_str(EVERY_FIELD).expect("the generated type reads every field");
    let hand_written: hand_written_coworker::CreateCoworker =
        serde_json::from_str(EVERY_FIELD).expect("the hand-written type reads every field");
    // Fair only if both write the same document, with every field present.
    let input: serde_json::Value = serde_json::from_str(EVERY_FIELD).unwrap();
    assert_eq!(serde_json::to_value(&generated).unwrap(), input);
    assert_eq!(serde_json::to_value(&hand_written).unwrap(), input);
    let body = nexudus_generated::Call::json(&generated).unwrap().body;
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
        input
    );

    let mut group = c.benchmark_group("serialize Create Coworker, every field set");
    // What the client sends: the request's `write_fields` straight into bytes.
    group.bench_function("generated, client body", |b| {
        b.iter(|| nexudus_generated::Call::json(black_box(&generated)).unwrap())
    });
    // What a caller gets from serde: the same fields through the `Serialize` adapter.
    group.bench_function("generated, serde_json::to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&generated)).unwrap())
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| serde_json::to_vec(black_box(&hand_written)).unwrap())
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    assert_eq!(decode_mutation(200, SUCCESS).unwrap().id, Some(1466303843));
    assert!(matches!(
        decode_mutation(200, VALIDATION),
        Err(Error::Validation { ref errors, .. }) if errors.len() == 3
    ));
    assert_eq!(hand_written_decode(SUCCESS).ok(), Some(Some(1466303843)));
    assert_eq!(
        hand_written_decode(VALIDATION).err().map(|e| e.len()),
        Some(3)
    );

    for (name, body) in [
        ("decode success envelope", SUCCESS),
        ("decode validation-error envelope", VALIDATION),
    ] {
        let mut group = c.benchmark_group(name);
        group.bench_function("generated", |b| {
            b.iter(|| decode_mutation(200, black_box(body)))
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| hand_written_decode(black_box(body)))
        });
        group.finish();
    }
}

criterion_group!(benches, serialize, decode);
criterion_main!(benches);
