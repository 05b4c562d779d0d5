//! The mock server as a downstream crate uses it: the client pointed at it, the spec-driven
//! validation worded as Nexudus words it, stored records and queued faults.

use std::time::Duration;

use nexudus_generated::mock::{Fault, MockServer};
use nexudus_generated::spaces::{CreateCoworkerNote, UpdateCoworkerNotification};
use nexudus_generated::{Client, Error, RetryPolicy};
use serde_json::json;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .basic_auth("admin@example.com", "pw")
        .retry_policy(RetryPolicy::default().with_initial_backoff(Duration::from_millis(5)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn created_records_are_stored_and_answered_with_a_fresh_id() {
    let server = MockServer::start().await.unwrap();
    let client = client(&server);
    let note = CreateCoworkerNote::builder()
        .coworker_id(42)
        .notes("first")
        .build();
    let first = client.create_coworker_note(&note).await.unwrap();
    let second = client.create_coworker_note(&note).await.unwrap();
    assert_ne!(first.id, second.id);
    let records = server.records("CoworkerNote");
    assert_eq!(records.len(), 2);
    let stored = &records[&first.id.unwrap()];
    assert_eq!(stored["Notes"], "first");
    assert_eq!(stored["CoworkerId"], 42);
}

#[tokio::test]
async fn invalid_bodies_get_nexudus_worded_field_errors() {
    let server = MockServer::start().await.unwrap();
    // A body the typed builders cannot produce: a missing required field and a wrong type.
    let answer = reqwest::Client::new()
        .post(format!("{}/api/spaces/coworkernotes", server.base_url()))
        .basic_auth("admin@example.com", Some("pw"))
        .json(&json!({"CoworkerId": "forty-two"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    let envelope: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(envelope["WasSuccessful"], false);
    let errors = envelope["Errors"].as_array().unwrap();
    let messages: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["PropertyName"].as_str().unwrap(),
                e["Message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        messages.contains(&"Notes: is a required field".to_owned()),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.starts_with("CoworkerId:")),
        "{messages:?}"
    );
}

#[tokio::test]
async fn an_update_of_a_missing_record_is_a_validation_error_for_the_client() {
    let server = MockServer::start().await.unwrap();
    let update = UpdateCoworkerNotification::builder()
        .id(1)
        .coworker_id(2)
        .message("m")
        .notification_type("t")
        .entity_id(3)
        .build();
    match client(&server).update_coworker_notification(&update).await {
        Err(Error::Validation {
            status: 400,
            errors,
            ..
        }) => {
            assert_eq!(errors[0].property_name.as_deref(), Some("Id"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn queued_faults_apply_to_the_next_requests_in_order() {
    let server = MockServer::start().await.unwrap();
    server.push_fault(Fault::Throttle429 { wait_seconds: 0 });
    server.fail_next(1, 503);
    let client = client(&server);
    let note = CreateCoworkerNote::builder()
        .coworker_id(1)
        .notes("n")
        .build();
    // The 429 is retried; the 503 on a POST is not, since the POST may have been applied.
    let error = client.create_coworker_note(&note).await.unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 503, .. }),
        "{error:?}"
    );
    assert_eq!(server.received().len(), 2);
    // Without credentials the mock refuses like Nexudus.
    let answer = reqwest::Client::new()
        .post(format!("{}/api/spaces/coworkernotes", server.base_url()))
        .json(&json!({"CoworkerId": 1, "Notes": "n"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 401);
}
