//! An entity's create and update share the fields they both document (`CoworkerNoteFields`):
//! to a caller each request still reads, builds, prints, compares and serializes as if every
//! field were its own.

use nexudus_generated::spaces::{CoworkerNote, CreateCoworkerNote, UpdateCoworkerNote};
use serde_json::json;

fn update() -> UpdateCoworkerNote {
    UpdateCoworkerNote::builder()
        .notes("Prefers email")
        .added_by("front desk")
        .id(7)
        .coworker_id(42)
        .build()
}

#[test]
fn shared_fields_read_and_change_as_the_request_s_own() {
    let mut create = CreateCoworkerNote::builder()
        .coworker_id(42)
        .notes("Prefers email")
        .build();
    assert_eq!(
        (create.coworker_id, create.notes.as_str()),
        (42, "Prefers email")
    );
    create.notes = "Prefers phone".to_owned();
    assert_eq!(
        serde_json::to_value(&create).unwrap(),
        json!({"CoworkerId": 42, "Notes": "Prefers phone"})
    );

    let mut update = update();
    assert_eq!((update.id, update.coworker_id), (7, 42));
    update.coworker_id = 43;
    assert_eq!(update.coworker_id, 43);
}

#[test]
fn an_update_writes_its_id_the_shared_fields_and_its_own_in_the_documented_order() {
    let body = serde_json::to_string(&update()).unwrap();
    assert_eq!(
        body,
        r#"{"Id":7,"CoworkerId":42,"Notes":"Prefers email","AddedBy":"front desk"}"#
    );
}

#[test]
fn debug_and_equality_see_every_field_as_one_struct() {
    let debug = format!("{:?}", update());
    assert_eq!(
        debug,
        r#"UpdateCoworkerNote { id: 7, coworker_id: 42, notes: "Prefers email", added_by: Some("front desk") }"#
    );
    assert_eq!(update(), update());
    let mut other = update();
    other.notes.push('!');
    assert_ne!(update(), other);
}

#[test]
fn a_record_fills_in_the_shared_fields_of_its_update() {
    let record: CoworkerNote =
        serde_json::from_value(json!({"Id": 7, "CoworkerId": 42, "Notes": "Prefers email"}))
            .unwrap();
    let request = record.to_update().unwrap().notes("Prefers phone").build();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"Id": 7, "CoworkerId": 42, "Notes": "Prefers phone"})
    );
}

#[test]
fn an_update_reads_back_and_refuses_unknown_names_in_either_part() {
    let read: UpdateCoworkerNote = serde_json::from_value(json!({
        "Id": 7, "CoworkerId": 42, "Notes": "Prefers email", "AddedBy": "front desk"
    }))
    .unwrap();
    assert_eq!(read, update());

    let unknown = serde_json::from_value::<UpdateCoworkerNote>(json!({
        "Id": 7, "CoworkerId": 42, "Notes": "x", "Colour": "red"
    }))
    .unwrap_err()
    .to_string();
    assert!(unknown.contains("unknown field `Colour`"), "{unknown}");

    let missing = serde_json::from_value::<UpdateCoworkerNote>(json!({
        "CoworkerId": 42, "Notes": "x"
    }))
    .unwrap_err()
    .to_string();
    assert!(missing.contains("missing field `Id`"), "{missing}");

    let create = serde_json::from_value::<CreateCoworkerNote>(json!({
        "CoworkerId": 42, "Notes": "x", "Id": 7
    }))
    .unwrap_err()
    .to_string();
    assert!(create.contains("unknown field `Id`"), "{create}");
}
