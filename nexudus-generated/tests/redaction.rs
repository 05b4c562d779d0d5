//! What an error prints when Nexudus echoes a secret back (`Errors[].AttemptedValue`), through
//! the real client and generated requests: the values of the fields the spec marks sensitive
//! appear in no `Display`, `Debug`, anyhow chain or `tracing` event; the values of the other
//! fields do appear in `Debug`, and the program can still read every one. The `tracing`
//! events are checked in `redaction_tracing.rs`, a test binary of its own.

mod support;

use nexudus_generated::mock::MockServer;
use nexudus_generated::spaces::{CreateCoworker, ListCoworkerSettings};
use nexudus_generated::{Client, Error, Redaction, RetryPolicy};
use serde_json::json;
use support::{Reply, TestServer};

const PIN: &str = "98765";
const BANK_ACCOUNT: &str = "GB29NWBK60161331926819";
const EMAIL: &str = "ada@example";

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .basic_auth("admin@example.com", "password")
        .retry_policy(RetryPolicy::for_tests())
        .build()
        .unwrap()
}

fn coworker() -> CreateCoworker {
    CreateCoworker::builder()
        .full_name("Ada Lovelace")
        .email(EMAIL)
        .country_id(826)
        .simple_time_zone_id(12)
        .access_pincode(PIN)
        .bank_account(BANK_ACCOUNT)
        .build()
}

/// Everything a program or a log could print of the error.
fn printed(error: &Error) -> String {
    format!("{error}\n{error:#}\n{error:?}\n{error:#?}")
}

/// Nexudus's answer to a coworker it refuses, quoting what was sent as ASP.NET does.
fn refusal() -> serde_json::Value {
    json!({
        "Status": 400,
        "Message": format!("AccessPincode: The value '{PIN}' is not valid.\nEmail: is not a valid email"),
        "Value": null,
        "WasSuccessful": false,
        "Errors": [
            {"PropertyName": "AccessPincode", "Message": format!("The value '{PIN}' is not valid."),
             "AttemptedValue": PIN},
            {"PropertyName": "Coworker.BankAccount", "Message": "is not a valid IBAN",
             "AttemptedValue": BANK_ACCOUNT},
            {"PropertyName": "Email", "Message": "is not a valid email", "AttemptedValue": EMAIL},
        ],
    })
}

#[tokio::test]
async fn a_refused_coworker_hides_its_pin_and_bank_account_and_shows_its_email() {
    let server = TestServer::start(|_, _| Reply::json(400, refusal())).await;
    let error = client(&server.base_url)
        .create_coworker(&coworker())
        .await
        .unwrap_err();
    let sent = String::from_utf8(server.seen()[0].body.clone()).unwrap();
    assert!(sent.contains(PIN) && sent.contains(BANK_ACCOUNT), "{sent}");

    let debug = format!("{error:?}");
    assert!(
        !debug.contains(PIN) && !debug.contains(BANK_ACCOUNT),
        "{debug}"
    );
    assert!(
        debug.contains(&format!("attempted_value: Some(String(\"{EMAIL}\"))")),
        "{debug}"
    );
    assert_eq!(
        debug
            .matches(r#"attempted_value: Some("<redacted>")"#)
            .count(),
        2,
        "{debug}"
    );
    let display = error.to_string();
    assert!(
        !display.contains(PIN) && !display.contains(BANK_ACCOUNT) && !display.contains(EMAIL),
        "{display}"
    );
    assert!(
        display.contains("AccessPincode: The value '<redacted>' is not valid."),
        "{display}"
    );
    let pretty = format!("{error:#?}");
    assert!(
        !pretty.contains(PIN) && !pretty.contains(BANK_ACCOUNT) && pretty.contains(EMAIL),
        "{pretty}"
    );

    let Error::Validation {
        errors, redaction, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(errors[0].attempted_value, Some(json!(PIN)));
    assert_eq!(errors[1].attempted_value, Some(json!(BANK_ACCOUNT)));
    assert_eq!(*redaction, Redaction::of(&CreateCoworker::OPERATION));
    assert!(redaction.hides(&errors[0]) && redaction.hides(&errors[1]));
    assert!(!redaction.hides(&errors[2]));

    // As a program using anyhow prints it: the chain (`{:#}`) and its `Debug`.
    let chain = anyhow::Error::new(error);
    for text in [format!("{chain:#}"), format!("{chain:?}")] {
        assert!(
            !text.contains(PIN) && !text.contains(BANK_ACCOUNT),
            "{text}"
        );
    }
}

#[tokio::test]
async fn the_crate_s_mock_echoing_a_wrong_typed_pin_gets_it_hidden() {
    // A table where the coworker's PIN and email are integers: the mock refuses the strings
    // the client sends and echoes them, as Nexudus does.
    let strict = json!({
        "paths": {"/api/spaces/coworkers": {"post": {
            "operationId": "CreateCoworker",
            "x-nexudus-entity": "Coworker",
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/StrictCoworker"}}}},
        }}},
        "components": {"schemas": {"StrictCoworker": {"type": "object", "properties": {
            "AccessPincode": {"type": "integer"},
            "Email": {"type": "integer"},
        }}}},
    });
    let server = MockServer::with_operations(&strict.to_string())
        .await
        .unwrap();
    let error = client(&server.base_url())
        .create_coworker(&coworker())
        .await
        .unwrap_err();
    let Error::Validation { errors, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().any(|e| e.attempted_value == Some(json!(PIN))),
        "the mock echoed the PIN: {errors:?}"
    );
    let text = printed(&error);
    assert!(!text.contains(PIN), "{text}");
    assert!(format!("{error:?}").contains(EMAIL), "{error:?}");
}

#[tokio::test]
async fn a_list_filter_on_a_sensitive_field_is_hidden_too() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            400,
            json!({"Message": "EncryptedValue: is too long", "WasSuccessful": false,
                   "Errors": [{"PropertyName": "EncryptedValue", "Message": "is too long",
                               "AttemptedValue": "enc:s3cr3t-value"},
                              {"PropertyName": "CoworkerSetting_Name", "Message": "is too long",
                               "AttemptedValue": "plain-name"}]}),
        )
    })
    .await;
    let request = ListCoworkerSettings::builder()
        .coworker_setting_encrypted_value("enc:s3cr3t-value")
        .coworker_setting_name("plain-name")
        .build();
    let error = client(&server.base_url)
        .list_coworker_settings(&request)
        .await
        .unwrap_err();
    let text = printed(&error);
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(format!("{error:?}").contains("plain-name"), "{error:?}");
}

#[tokio::test]
async fn a_server_error_carrying_the_envelope_hides_every_attempted_value_of_its_snippet() {
    let server = TestServer::start(|_, _| Reply::json(500, refusal())).await;
    // A POST that failed with a 5xx is not repeated: one answer, an `Http` error.
    let error = client(&server.base_url)
        .create_coworker(&coworker())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 500, .. }),
        "{error:?}"
    );
    let text = printed(&error);
    assert!(
        !text.contains(PIN) && !text.contains(BANK_ACCOUNT) && !text.contains(EMAIL),
        "{text}"
    );
    assert!(text.contains(r#""AttemptedValue":"<redacted>""#), "{text}");
}
