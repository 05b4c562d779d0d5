//! The mock server as a downstream crate uses it: the client pointed at it, the spec-driven
//! validation worded as Nexudus words it, stored records and queued faults, the token
//! endpoint, and gets, lists, updates and deletes of stored records. Operations the client has
//! no method for yet are sent as raw HTTP requests, against the CoworkerNote get, list and
//! delete of `tests/mock/coworkernotes-read.json`.

use std::time::{Duration, Instant};

use nexudus_generated::mock::{Fault, MockServer, SeedError};
use nexudus_generated::spaces::{CreateCoworkerNote, UpdateCoworkerNotification};
use nexudus_generated::{Client, Error, Page, RetryPolicy};
use serde_json::{Value, json};

/// The CoworkerNote get, list and delete, as the generator would describe them.
const READ_OPERATIONS: &str = include_str!("mock/coworkernotes-read.json");

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
    let answer = raw_http()
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
    let answer = raw_http()
        .post(format!("{}/api/spaces/coworkernotes", server.base_url()))
        .json(&json!({"CoworkerId": 1, "Notes": "n"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 401);
}

// --- the token endpoint ---------------------------------------------------------------------

fn oauth_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .oauth2("admin@example.com", "pw")
        .retry_policy(RetryPolicy::for_tests())
        .build()
        .unwrap()
}

fn note(notes: &str) -> CreateCoworkerNote {
    CreateCoworkerNote::builder()
        .coworker_id(7)
        .notes(notes)
        .build()
}

/// `METHOD path` of every request received, with the grant of token requests.
fn exchanges(server: &MockServer) -> Vec<String> {
    server
        .received()
        .iter()
        .map(|request| match request.body["grant_type"].as_str() {
            Some(grant) => format!("{} {} {grant}", request.method, request.path),
            None => format!("{} {}", request.method, request.path),
        })
        .collect()
}

#[tokio::test]
async fn the_client_logs_in_with_the_password_grant_and_sends_the_token() {
    let server = MockServer::start().await.unwrap();
    let client = oauth_client(&server);
    client.create_coworker_note(&note("a")).await.unwrap();
    client.create_coworker_note(&note("b")).await.unwrap();
    assert_eq!(
        exchanges(&server),
        [
            "POST /api/token password",
            "POST /api/spaces/coworkernotes",
            "POST /api/spaces/coworkernotes",
        ],
        "one login for both requests"
    );
    let received = server.received();
    assert_eq!(received[0].body["username"], "admin@example.com");
    let bearer = received[1].headers["authorization"].clone();
    assert!(bearer.starts_with("Bearer mock-access-"), "{bearer}");
    assert_eq!(received[2].headers["authorization"], bearer);
}

#[tokio::test]
async fn an_expired_token_answers_401_and_the_client_refreshes_it() {
    let server = MockServer::start().await.unwrap();
    let client = oauth_client(&server);
    client.create_coworker_note(&note("a")).await.unwrap();
    server.expire_tokens();
    let created = client.create_coworker_note(&note("b")).await.unwrap();
    assert!(created.id.is_some());
    assert_eq!(
        exchanges(&server),
        [
            "POST /api/token password",
            "POST /api/spaces/coworkernotes",
            "POST /api/spaces/coworkernotes", // 401: the token expired
            "POST /api/token refresh_token",
            "POST /api/spaces/coworkernotes",
        ]
    );
    let received = server.received();
    let first_login: Value = received[0].body.clone();
    assert_eq!(first_login["grant_type"], "password");
    assert!(
        received[3].body["refresh_token"]
            .as_str()
            .is_some_and(|token| token.starts_with("mock-refresh-"))
    );
    assert_ne!(
        received[1].headers["authorization"], received[4].headers["authorization"],
        "the retried request carries the new token"
    );
    assert_eq!(server.records("CoworkerNote").len(), 2);
}

#[tokio::test]
async fn refused_logins_get_the_oauth2_error_answer() {
    let server = MockServer::start().await.unwrap();
    server.refuse_logins(true);
    let client = oauth_client(&server);
    let error = client.create_coworker_note(&note("a")).await.unwrap_err();
    assert!(
        matches!(&error, Error::Token { status: Some(400), body_snippet, .. } if body_snippet.contains("invalid_grant")),
        "{error:?}"
    );
    assert_eq!(exchanges(&server), ["POST /api/token password"]);

    server.refuse_logins(false);
    client.create_coworker_note(&note("a")).await.unwrap();
    assert_eq!(server.records("CoworkerNote").len(), 1);
}

#[tokio::test]
async fn bearer_tokens_the_mock_did_not_issue_or_that_expired_answer_401() {
    let server = MockServer::start().await.unwrap();
    let with_token = |token: String| {
        Client::builder()
            .base_url(server.base_url())
            .bearer_token(token)
            .retry_policy(RetryPolicy::for_tests())
            .build()
            .unwrap()
    };
    let error = with_token("forged".to_owned())
        .create_coworker_note(&note("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Unauthorized { status: 401 }),
        "{error:?}"
    );
    with_token(server.issue_token())
        .create_coworker_note(&note("a"))
        .await
        .unwrap();

    server.set_token_lifetime(Duration::from_millis(20));
    let short_lived = server.issue_token();
    tokio::time::sleep(Duration::from_millis(40)).await;
    let error = with_token(short_lived)
        .create_coworker_note(&note("b"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Unauthorized { status: 401 }),
        "{error:?}"
    );
    assert_eq!(server.records("CoworkerNote").len(), 1);
}

#[tokio::test]
async fn the_token_endpoint_answers_expires_in_and_refresh_tokens_are_single_use() {
    let server = MockServer::start().await.unwrap();
    let http = raw_http();
    let url = format!("{}/api/token", server.base_url());
    let login: Value = http
        .post(&url)
        .form(&[
            ("grant_type", "password"),
            ("username", "a@example.com"),
            ("password", "pw"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(login["expires_in"], 3600);
    assert_eq!(login["token_type"], "bearer");
    let refresh = login["refresh_token"].as_str().unwrap().to_owned();
    let grant = [("grant_type", "refresh_token"), ("refresh_token", &refresh)];
    let renewed = http.post(&url).form(&grant).send().await.unwrap();
    assert_eq!(renewed.status().as_u16(), 200);
    let reused = http.post(&url).form(&grant).send().await.unwrap();
    assert_eq!(reused.status().as_u16(), 400);
    let answer: Value = reused.json().await.unwrap();
    assert_eq!(answer["error"], "invalid_grant");
    let unknown = http
        .post(&url)
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 400);
}

// --- gets, lists, updates and deletes of stored records --------------------------------------

struct Reader {
    server: MockServer,
    http: reqwest::Client,
}

impl Reader {
    async fn start() -> Self {
        Self {
            server: MockServer::with_operations(READ_OPERATIONS).await.unwrap(),
            http: raw_http(),
        }
    }

    async fn send(&self, method: reqwest::Method, path_and_query: &str) -> (u16, Value) {
        let answer = self
            .http
            .request(
                method,
                format!("{}{path_and_query}", self.server.base_url()),
            )
            .basic_auth("admin@example.com", Some("pw"))
            .send()
            .await
            .unwrap();
        let status = answer.status().as_u16();
        (status, answer.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path_and_query: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path_and_query).await
    }

    /// A list page, decoded by the client's own `Page`.
    async fn page(&self, query: &str) -> Page<Value> {
        let (status, body) = self.get(&format!("/api/spaces/coworkernotes{query}")).await;
        assert_eq!(status, 200, "{body}");
        serde_json::from_value(body).unwrap()
    }

    fn seed(&self, record: Value) -> i64 {
        self.server.insert_record("CoworkerNote", record).unwrap()
    }
}

fn notes_of(page: &Page<Value>) -> Vec<&str> {
    page.records
        .iter()
        .map(|r| r["Notes"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_get_answers_the_stored_record_or_404() {
    let reader = Reader::start().await;
    let id = reader.seed(json!({ "CoworkerId": 7, "Notes": "seeded" }));
    let created = client(&reader.server)
        .create_coworker_note(&note("created"))
        .await
        .unwrap()
        .id
        .unwrap();

    let (status, record) = reader.get(&format!("/api/spaces/coworkernotes/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(record["Id"], id);
    assert_eq!(record["Notes"], "seeded");
    assert_eq!(record["IsNew"], true);
    assert!(record["UniqueId"].is_string() && record["CreatedOn"].is_string());
    assert!(
        nexudus_generated::parse_date_time(record["CreatedOn"].as_str().unwrap()).is_some(),
        "{record}"
    );
    let (_, record) = reader
        .get(&format!("/api/spaces/coworkernotes/{created}"))
        .await;
    assert_eq!(record["Notes"], "created");

    let (status, body) = reader.get("/api/spaces/coworkernotes/1").await;
    assert_eq!(status, 404, "{body}");
    let (status, _) = reader.get("/api/spaces/coworkernotes/not-an-id").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_list_pages_with_the_documented_default_of_25() {
    let reader = Reader::start().await;
    let ids: Vec<i64> = (1..=30)
        .map(|n| reader.seed(json!({ "CoworkerId": 7, "Notes": format!("note {n:02}") })))
        .collect();

    let first = reader.page("").await;
    assert_eq!(first.records.len(), 25);
    assert_eq!(first.current_page, Some(1));
    assert_eq!(first.current_page_size, Some(25));
    assert_eq!(first.total_items, Some(30));
    assert_eq!(first.total_pages, Some(2));
    assert_eq!(first.has_next_page, Some(true));
    assert_eq!(first.has_previous_page, Some(false));
    assert_eq!(first.records[0]["Id"], ids[0], "in Id order by default");

    let second = reader.page("?page=2").await;
    assert_eq!(
        notes_of(&second),
        ["note 26", "note 27", "note 28", "note 29", "note 30"]
    );
    assert_eq!(second.has_next_page, Some(false));
    assert_eq!(second.has_previous_page, Some(true));

    let (_, raw) = reader.get("/api/spaces/coworkernotes?page=3&size=10").await;
    assert_eq!(raw["FirstItem"], 21);
    assert_eq!(raw["LastItem"], 30);
    assert_eq!(raw["CurrentPageSize"], 10);
    assert_eq!(raw["Records"].as_array().unwrap().len(), 10);

    let beyond = reader.page("?page=9").await;
    assert!(beyond.records.is_empty());
    assert_eq!(beyond.has_next_page, Some(false));

    let (status, body) = reader.get("/api/spaces/coworkernotes?size=0").await;
    assert_eq!(status, 400);
    assert_eq!(body["Errors"][0]["PropertyName"], "size");
}

#[tokio::test]
async fn a_list_orders_by_any_field_in_either_direction() {
    let reader = Reader::start().await;
    for notes in ["banana", "cherry", "apple"] {
        reader.seed(json!({ "CoworkerId": 7, "Notes": notes }));
    }
    assert_eq!(
        notes_of(&reader.page("?orderBy=Notes").await),
        ["apple", "banana", "cherry"]
    );
    assert_eq!(
        notes_of(&reader.page("?orderBy=Notes&dir=-1").await),
        ["cherry", "banana", "apple"]
    );
    assert_eq!(
        notes_of(&reader.page("?dir=-1").await),
        ["apple", "cherry", "banana"],
        "Id descending"
    );
    let (_, raw) = reader
        .get("/api/spaces/coworkernotes?orderBy=Notes&dir=-1")
        .await;
    assert_eq!(raw["CurrentOrderField"], "Notes");
    assert_eq!(raw["CurrentSortDirection"], -1);
}

#[tokio::test]
async fn a_list_applies_the_documented_equality_and_range_filters() {
    let reader = Reader::start().await;
    let seeded = [
        (7, "call back", "2026-01-10T09:00:00Z"),
        (7, "sent invoice", "2026-02-10T09:00:00.1234567Z"),
        (8, "call back", "2026-03-10T09:00:00"),
    ];
    for (coworker, notes, created) in seeded {
        reader.seed(json!({ "CoworkerId": coworker, "Notes": notes, "CreatedOn": created }));
    }
    // `CoworkerNote_Coworker` is "Filter by Coworker Id": it filters `CoworkerId`.
    let of_seven = reader.page("?CoworkerNote_Coworker=7").await;
    assert_eq!(notes_of(&of_seven), ["call back", "sent invoice"]);
    assert_eq!(of_seven.total_items, Some(2));
    assert_eq!(
        notes_of(&reader.page("?CoworkerNote_Notes=call%20back").await).len(),
        2
    );
    assert_eq!(
        notes_of(
            &reader
                .page("?CoworkerNote_Notes=call%20back&CoworkerNote_Coworker=8")
                .await
        ),
        ["call back"]
    );
    let february_on = reader
        .page("?from_CoworkerNote_CreatedOn=2026-02-10T09:00")
        .await;
    assert_eq!(february_on.total_items, Some(2), "the bound is inclusive");
    let until_february = reader
        .page("?to_CoworkerNote_CreatedOn=2026-02-28T00:00&orderBy=CreatedOn&dir=-1")
        .await;
    assert_eq!(notes_of(&until_february), ["sent invoice", "call back"]);
    let between = reader
        .page("?from_CoworkerNote_CreatedOn=2026-01-11T00:00&to_CoworkerNote_CreatedOn=2026-03-01T00:00")
        .await;
    assert_eq!(notes_of(&between), ["sent invoice"]);
    // An empty value is no filter; an undocumented parameter is ignored, as Nexudus does.
    assert_eq!(
        reader
            .page("?CoworkerNote_Notes=&CoworkerNote_Unknown=1")
            .await
            .total_items,
        Some(3)
    );

    let (status, body) = reader
        .get("/api/spaces/coworkernotes?CoworkerNote_Coworker=seven&from_CoworkerNote_CreatedOn=soon")
        .await;
    assert_eq!(status, 400);
    let named: Vec<&str> = body["Errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["PropertyName"].as_str().unwrap())
        .collect();
    assert_eq!(
        named,
        ["CoworkerNote_Coworker", "from_CoworkerNote_CreatedOn"]
    );
}

#[tokio::test]
async fn an_update_replaces_the_whole_record_and_keeps_what_it_does_not_take() {
    let server = MockServer::start().await.unwrap();
    let id = server
        .insert_record(
            "CoworkerNotification",
            json!({
                "CoworkerId": 7,
                "Message": "Parcel",
                "NotificationType": "Parcel",
                "EntityId": 1,
                "IsDismissed": true,
                "CoworkerFullName": "Ada Lovelace",
                "CreatedOn": "2026-01-10T09:00:00Z",
            }),
        )
        .unwrap();
    let update = UpdateCoworkerNotification::builder()
        .id(id)
        .coworker_id(7)
        .message("Your parcel arrived")
        .notification_type("Parcel")
        .entity_id(2)
        .build();
    let answer = client(&server)
        .update_coworker_notification(&update)
        .await
        .unwrap();
    assert_eq!(answer.id, Some(id));
    assert_eq!(
        answer.message.as_deref(),
        Some("CoworkerNotification was successfully updated.")
    );
    let stored = &server.records("CoworkerNotification")[&id];
    assert_eq!(stored["Message"], "Your parcel arrived");
    assert_eq!(stored["EntityId"], 2);
    assert!(
        stored.get("IsDismissed").is_none(),
        "a field the update takes but the body left out is cleared: {stored}"
    );
    assert_eq!(
        stored["CoworkerFullName"], "Ada Lovelace",
        "not a field of the update"
    );
    assert_eq!(stored["CreatedOn"], "2026-01-10T09:00:00Z");
    assert_eq!(stored["IsNew"], false);
    assert_ne!(stored["UpdatedOn"], stored["CreatedOn"]);

    // A partial body is validated like a create: Nexudus's "X is a required field".
    let answer = raw_http()
        .put(format!(
            "{}/api/spaces/coworkernotifications",
            server.base_url()
        ))
        .basic_auth("admin@example.com", Some("pw"))
        .json(&json!({ "Id": id, "Message": "only this" }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    let envelope: Value = answer.json().await.unwrap();
    let missing: Vec<&str> = envelope["Errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["PropertyName"].as_str().unwrap())
        .collect();
    assert!(
        missing.contains(&"CoworkerId") && missing.contains(&"EntityId"),
        "{missing:?}"
    );
    assert_eq!(
        server.records("CoworkerNotification")[&id]["Message"],
        "Your parcel arrived",
        "a rejected update changes nothing"
    );
}

#[tokio::test]
async fn a_delete_removes_the_record_and_an_unknown_id_answers_404() {
    let reader = Reader::start().await;
    let kept = reader.seed(json!({ "CoworkerId": 7, "Notes": "kept" }));
    let gone = reader.seed(json!({ "CoworkerId": 7, "Notes": "gone" }));
    let (status, envelope) = reader
        .send(
            reqwest::Method::DELETE,
            &format!("/api/spaces/coworkernotes/{gone}"),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(envelope["WasSuccessful"], true);
    assert_eq!(envelope["Value"]["Id"], gone);
    let decoded =
        nexudus_generated::decode_mutation(status, envelope.to_string().as_bytes()).unwrap();
    assert_eq!(decoded.id, Some(gone));
    assert_eq!(
        reader
            .server
            .records("CoworkerNote")
            .keys()
            .copied()
            .collect::<Vec<_>>(),
        [kept]
    );
    let (status, _) = reader
        .get(&format!("/api/spaces/coworkernotes/{gone}"))
        .await;
    assert_eq!(status, 404);
    let (status, _) = reader
        .send(
            reqwest::Method::DELETE,
            &format!("/api/spaces/coworkernotes/{gone}"),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(reader.page("").await.total_items, Some(1));
}

#[tokio::test]
async fn seeding_keeps_given_ids_and_rejects_what_no_request_could_reach() {
    let server = MockServer::start().await.unwrap();
    assert_eq!(
        server
            .insert_record("CoworkerNote", json!({ "Id": 90_000_000, "Notes": "x" }))
            .unwrap(),
        90_000_000
    );
    let fresh = server.insert_record("CoworkerNote", json!({})).unwrap();
    assert!(fresh > 90_000_000, "fresh ids never reuse a seeded one");
    assert!(matches!(
        server.insert_record("CoworkerNotes", json!({})),
        Err(SeedError::UnknownEntity { known, .. }) if known.contains(&"CoworkerNote".to_owned())
    ));
    assert!(matches!(
        server.insert_record("CoworkerNote", json!([1])),
        Err(SeedError::NotAnObject(_))
    ));
    assert!(matches!(
        server.insert_record("CoworkerNote", json!({ "Id": "one" })),
        Err(SeedError::BadId(_))
    ));
    assert_eq!(server.records("CoworkerNote").len(), 2);
}

#[tokio::test]
async fn the_test_retry_preset_rides_out_failures_in_milliseconds() {
    let server = MockServer::start().await.unwrap();
    let id = server
        .insert_record(
            "CoworkerNotification",
            json!({ "CoworkerId": 7, "Message": "m", "NotificationType": "t", "EntityId": 1 }),
        )
        .unwrap();
    server.fail_next(3, 503);
    server.push_fault(Fault::Throttle429 { wait_seconds: 0 });
    let client = Client::builder()
        .base_url(server.base_url())
        .basic_auth("admin@example.com", "pw")
        .retry_policy(RetryPolicy::for_tests())
        .build()
        .unwrap();
    let update = UpdateCoworkerNotification::builder()
        .id(id)
        .coworker_id(7)
        .message("after four failures")
        .notification_type("t")
        .entity_id(1)
        .build();
    let started = Instant::now();
    client.update_coworker_notification(&update).await.unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received().len(), 5);
    assert_eq!(
        server.records("CoworkerNotification")[&id]["Message"],
        "after four failures"
    );
}

/// A plain reqwest client for requests the generated client has no method for; like the
/// client, it needs a rustls crypto provider installed for the process.
fn raw_http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}
