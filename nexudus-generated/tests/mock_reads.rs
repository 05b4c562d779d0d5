//! The generated read and update methods against the crate's `MockServer`: what a downstream
//! test of code that reads Nexudus would do. No real entity has a delete in the specs, so
//! there is no delete here (the mock's deletes are tested in `mock_server.rs`).

use futures_util::TryStreamExt;
use nexudus_generated::mock::{MockServer, ReceivedRequest};
use nexudus_generated::spaces::{
    CoworkerNote, GetCoworkerNote, GetCoworkerSetting, ListCoworkerNotes,
};
use nexudus_generated::{Client, Error, RetryPolicy};
use serde_json::json;

/// A civil date-time at minute precision, as the range filters are documented.
fn date(
    year: i16,
    month: i8,
    day: i8,
    hour: i8,
    minute: i8,
) -> nexudus_generated::jiff::civil::DateTime {
    nexudus_generated::jiff::civil::date(year, month, day).at(hour, minute, 0, 0)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .basic_auth("admin@example.com", "secret")
        .retry_policy(RetryPolicy::for_tests())
        .build()
        .unwrap()
}

/// The requests since `since` with this method and path.
fn requests(server: &MockServer, since: usize, method: &str, path: &str) -> Vec<ReceivedRequest> {
    server
        .received()
        .into_iter()
        .skip(since)
        .filter(|request| request.method == method && request.path == path)
        .collect()
}

fn ids(records: &[CoworkerNote]) -> Vec<i64> {
    records.iter().filter_map(|record| record.id).collect()
}

#[tokio::test]
async fn a_get_answers_the_seeded_record() {
    let server = MockServer::start().await.unwrap();
    let id = server
        .insert_record(
            "CoworkerNote",
            json!({
                "CoworkerId": 7,
                "Notes": "Prefers the quiet room.",
                "CreatedOn": "2026-02-10T09:30:00.1234567Z",
                // Nexudus sends fields the docs do not list; the record ignores them.
                "CoworkerFullName": "Ada Lovelace",
            }),
        )
        .unwrap();

    let note = client(&server)
        .get_coworker_note(&GetCoworkerNote::new(id))
        .await
        .unwrap();

    assert_eq!(note.id, Some(id));
    assert_eq!(note.coworker_id, Some(7));
    assert_eq!(note.notes.as_deref(), Some("Prefers the quiet room."));
    assert_eq!(
        note.created_on.as_deref(),
        Some("2026-02-10T09:30:00.1234567Z")
    );
    let gets = requests(
        &server,
        0,
        "GET",
        &format!("/api/spaces/coworkernotes/{id}"),
    );
    assert_eq!(gets.len(), 1, "{:?}", server.received());
}

#[tokio::test]
async fn a_list_keeps_what_its_equality_and_range_filters_say() {
    let server = MockServer::start().await.unwrap();
    let seed = |coworker: i64, created: &str| {
        server
            .insert_record(
                "CoworkerNote",
                json!({ "CoworkerId": coworker, "Notes": format!("note of {created}"), "CreatedOn": created }),
            )
            .unwrap()
    };
    let january = seed(7, "2026-01-15T10:00:00Z");
    let march = seed(7, "2026-03-02T08:00:00.5Z");
    let april = seed(7, "2026-04-20T17:45:00Z");
    seed(8, "2026-03-05T12:00:00Z");
    let client = client(&server);

    let request = ListCoworkerNotes::builder()
        .coworker_note_coworker(7)
        .from_coworker_note_created_on(date(2026, 3, 1, 0, 0))
        .build();
    let page = client.list_coworker_notes(&request).await.unwrap();
    assert_eq!(ids(&page.records), [march, april]);
    assert_eq!(page.total_items, Some(2));
    assert_eq!(page.has_next_page, Some(false));

    let sent = requests(&server, 0, "GET", "/api/spaces/coworkernotes");
    assert_eq!(sent[0].query_value("CoworkerNote_Coworker"), Some("7"));
    assert_eq!(
        sent[0].query_value("from_CoworkerNote_CreatedOn"),
        Some("2026-03-01T00:00")
    );

    // Both ends: `to_` is a moment, so the March note, half a second after it, is left out.
    let request = ListCoworkerNotes::builder()
        .from_coworker_note_created_on(date(2026, 1, 1, 0, 0))
        .to_coworker_note_created_on(date(2026, 3, 2, 8, 0))
        .build();
    let page = client.list_coworker_notes(&request).await.unwrap();
    assert_eq!(ids(&page.records), [january]);

    let request = ListCoworkerNotes::builder()
        .coworker_note_coworker(9)
        .build();
    let page = client.list_coworker_notes(&request).await.unwrap();
    assert!(page.records.is_empty(), "{:?}", page.records);
    assert_eq!(page.total_items, Some(0));
}

#[tokio::test]
async fn the_stream_walks_every_page_once_in_order() {
    let server = MockServer::start().await.unwrap();
    let mut seeded = Vec::new();
    for number in 0..7 {
        seeded.push(
            server
                .insert_record(
                    "CoworkerNote",
                    json!({ "CoworkerId": 7, "Notes": format!("note {number}") }),
                )
                .unwrap(),
        );
        // Another coworker's notes interleaved: the filter applies to every page.
        server
            .insert_record("CoworkerNote", json!({ "CoworkerId": 8, "Notes": "other" }))
            .unwrap();
    }
    let client = client(&server);
    let request = ListCoworkerNotes::builder()
        .coworker_note_coworker(7)
        .build();

    let notes: Vec<CoworkerNote> = client
        .list_coworker_notes_stream(&request)
        .page_size(3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&notes), seeded);
    let pages: Vec<(Option<String>, Option<String>, Option<String>)> =
        requests(&server, 0, "GET", "/api/spaces/coworkernotes")
            .iter()
            .map(|request| {
                let value = |name| request.query_value(name).map(str::to_owned);
                (value("page"), value("size"), value("CoworkerNote_Coworker"))
            })
            .collect();
    let page = |n: &str| {
        (
            Some(n.to_owned()),
            Some("3".to_owned()),
            Some("7".to_owned()),
        )
    };
    assert_eq!(pages, [page("1"), page("2"), page("3")]);

    // A limit stops asking once it has enough: four records are two pages of three.
    let before = server.received().len();
    let first: Vec<CoworkerNote> = client
        .list_coworker_notes_stream(&request)
        .page_size(3)
        .limit(4)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&first), seeded[..4]);
    assert_eq!(
        requests(&server, before, "GET", "/api/spaces/coworkernotes").len(),
        2
    );
}

#[tokio::test]
async fn an_update_from_the_record_sends_the_whole_record_back() {
    let server = MockServer::start().await.unwrap();
    let id = server
        .insert_record(
            "CoworkerSetting",
            json!({ "CoworkerId": 7, "Name": "Locker", "Value": "12", "EncryptedValue": "4321" }),
        )
        .unwrap();
    let client = client(&server);
    let setting = client
        .get_coworker_setting(&GetCoworkerSetting::new(id))
        .await
        .unwrap();

    let update = setting.to_update().unwrap().value("14").build();
    client.update_coworker_setting(&update).await.unwrap();

    let puts = requests(&server, 0, "PUT", "/api/spaces/coworkersettings");
    assert_eq!(
        puts.len(),
        1,
        "one PUT, to the documented path: {:?}",
        server.received()
    );
    assert_eq!(
        puts[0].body,
        json!({ "Id": id, "CoworkerId": 7, "Name": "Locker", "Value": "14", "EncryptedValue": "4321" }),
        "every field the update takes, from the record, with the one change"
    );
    let after = client
        .get_coworker_setting(&GetCoworkerSetting::new(id))
        .await
        .unwrap();
    assert_eq!(after.value.as_deref(), Some("14"));
    assert_eq!(after.name.as_deref(), Some("Locker"));
    assert_eq!(
        after
            .encrypted_value
            .as_ref()
            .map(|secret| secret.expose().as_str()),
        Some("4321")
    );
}

/// A required field comes filled in from the record and can still be changed in the same
/// line: `record.to_update()?.notes("…").build()`.
#[tokio::test]
async fn a_required_field_changes_in_one_line_from_the_record() {
    let server = MockServer::start().await.unwrap();
    let id = server
        .insert_record(
            "CoworkerNote",
            json!({ "CoworkerId": 7, "Notes": "Called back" }),
        )
        .unwrap();
    let client = client(&server);
    let note = client
        .get_coworker_note(&GetCoworkerNote::new(id))
        .await
        .unwrap();

    client
        .update_coworker_note(&note.to_update().unwrap().notes("Called back twice").build())
        .await
        .unwrap();

    let puts = requests(&server, 0, "PUT", "/api/spaces/coworkernotes");
    assert_eq!(puts.len(), 1, "{:?}", server.received());
    assert_eq!(puts[0].body["Notes"], "Called back twice");
    assert_eq!(
        puts[0].body["CoworkerId"], 7,
        "the rest as the record had it"
    );
    assert_eq!(puts[0].body["Id"], id);
    assert_eq!(
        server.records("CoworkerNote")[&id]["Notes"],
        "Called back twice"
    );
}

#[tokio::test]
async fn a_record_without_a_required_field_names_it_instead_of_sending() {
    let server = MockServer::start().await.unwrap();
    // Nexudus leaves out what it has no value for: this note came back without its text.
    let id = server
        .insert_record("CoworkerNote", json!({ "CoworkerId": 7 }))
        .unwrap();
    let note = client(&server)
        .get_coworker_note(&GetCoworkerNote::new(id))
        .await
        .unwrap();

    let missing = note.to_update().unwrap_err();
    assert_eq!(missing.json_name(), "Notes");
    assert_eq!(missing.entity(), "CoworkerNote");
    assert!(requests(&server, 0, "PUT", "/api/spaces/coworkernotes").is_empty());
}

#[tokio::test]
async fn an_unknown_id_is_not_found() {
    let server = MockServer::start().await.unwrap();
    server
        .insert_record(
            "CoworkerNote",
            json!({ "Id": 1, "CoworkerId": 7, "Notes": "kept" }),
        )
        .unwrap();

    let error = client(&server)
        .get_coworker_note(&GetCoworkerNote::new(404_404))
        .await
        .unwrap_err();

    assert!(
        matches!(
            error,
            Error::NotFound {
                path: "/api/spaces/coworkernotes/{id}"
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.status(), Some(404));
    assert!(!error.is_retryable(), "a 404 is not sent again: {error:?}");
    assert_eq!(
        requests(&server, 0, "GET", "/api/spaces/coworkernotes/404404").len(),
        1
    );
}
