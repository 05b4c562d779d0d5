//! The client in one command, with nothing else installed:
//!
//! ```sh
//! cargo run -p nexudus-generated --example quickstart --features mock
//! ```
//!
//! It starts the crate's mock Nexudus on 127.0.0.1, then runs every operation through the
//! client, including one that Nexudus rejects and one that it throttles, and prints what
//! happened.

use std::time::Instant;

use nexudus_generated::crm::CreateCoworkerTask;
use nexudus_generated::enums::{CoworkerAttendance, Gender};
use nexudus_generated::mock::MockServer;
use nexudus_generated::spaces::{
    CreateCoworker, CreateCoworkerNote, CreateCoworkerSetting, UpdateCoworkerNotification,
};
use nexudus_generated::{Client, Error};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await?;
    println!("mock Nexudus listening on {}", server.base_url());
    let client = Client::builder()
        .base_url(server.base_url())
        .basic_auth("admin@example.com", "not-a-real-password")
        .build()?;

    let coworker = CreateCoworker::builder()
        .full_name("Ada Lovelace")
        .email("ada@example.com")
        .country_id(826)
        .simple_time_zone_id(12)
        .gender(Gender::Female)
        .tariff_id(5)
        .build();
    let created = client.create_coworker(&coworker).await?;
    let coworker_id = created.id.ok_or("the answer carries no Id")?;
    println!(
        "create_coworker          -> Id {coworker_id}: {}",
        created.message.unwrap_or_default()
    );

    let note = CreateCoworkerNote::builder()
        .coworker_id(coworker_id)
        .notes("Prefers the quiet room.")
        .build();
    let created = client.create_coworker_note(&note).await?;
    println!("create_coworker_note     -> Id {:?}", created.id);

    let task = CreateCoworkerTask::builder()
        .business_id(1)
        .coworker_id(coworker_id)
        .name("Hand out the access card")
        .responsible_id(2)
        .build();
    let created = client.create_coworker_task(&task).await?;
    println!("create_coworker_task     -> Id {:?}", created.id);

    let setting = CreateCoworkerSetting::builder()
        .coworker_id(coworker_id)
        .name("Attendance")
        .value(CoworkerAttendance::ALL[0].to_string())
        .encrypted_value("kept out of logs")
        .build();
    println!("a request with a secret, as Debug prints it: {setting:?}");
    let created = client.create_coworker_setting(&setting).await?;
    println!("create_coworker_setting  -> Id {:?}", created.id);

    // Nexudus throttles with 409 and `Retry-After: 1`; the client waits and sends again.
    server.throttle_next(1);
    let started = Instant::now();
    let created = client.create_coworker_note(&note).await?;
    println!(
        "throttled once, retried  -> Id {:?} after {:.1} s",
        created.id,
        started.elapsed().as_secs_f64()
    );

    // An update of a record that does not exist: Nexudus answers with field errors.
    let update = UpdateCoworkerNotification::builder()
        .id(404)
        .coworker_id(coworker_id)
        .message("Your parcel arrived")
        .notification_type("Parcel")
        .entity_id(1)
        .build();
    match client.update_coworker_notification(&update).await {
        Err(Error::Validation { status, errors, .. }) => {
            println!("update_coworker_notification -> rejected ({status}):");
            for error in errors {
                println!(
                    "    {}: {}",
                    error.property_name.unwrap_or_default(),
                    error.message.unwrap_or_default()
                );
            }
        }
        other => return Err(format!("expected a validation error, got {other:?}").into()),
    }

    println!(
        "the mock received {} requests and stores {} coworker(s)",
        server.received().len(),
        server.records("Coworker").len()
    );
    Ok(())
}
