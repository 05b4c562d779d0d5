//! The client in one command, with nothing else installed:
//!
//! ```sh
//! cargo quickstart
//! # or: cargo run -p nexudus-generated --example quickstart --features mock
//! ```
//!
//! It starts the crate's mock Nexudus on 127.0.0.1 and walks one CoworkerSetting through what
//! a downstream crate does with Nexudus: create, get, list page after page, change one field
//! and write the record back, an update Nexudus refuses, and a request Nexudus throttles.
//! Each step checks what it claims against the mock's stored records and the requests it
//! received, prints one line saying what it proved, and the program exits non-zero at the
//! first step that does not hold.

use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use nexudus_generated::mock::{MockServer, ReceivedRequest};
use nexudus_generated::spaces::{CreateCoworkerSetting, GetCoworkerSetting, ListCoworkerSettings};
use nexudus_generated::{Client, Error, RetryPolicy};
use serde_json::json;

type Outcome<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The path every CoworkerSetting operation but the get is sent to.
const SETTINGS: &str = "/api/spaces/coworkersettings";

/// Fails the step (and so the program) unless `holds`: a quickstart that only printed could
/// claim a step worked when it did not.
fn ensure(holds: bool, claim: impl FnOnce() -> String) -> Outcome {
    if holds {
        Ok(())
    } else {
        Err(format!("step failed: {}", claim()).into())
    }
}

fn proved(step: &str, what: impl std::fmt::Display) {
    println!("ok  {step:<10} {what}");
}

/// The requests the mock received since `since` with this method and path.
fn sent<'a>(
    received: &'a [ReceivedRequest],
    since: usize,
    method: &'a str,
    path: &'a str,
) -> impl Iterator<Item = &'a ReceivedRequest> {
    received
        .iter()
        .skip(since)
        .filter(move |request| request.method == method && request.path == path)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Outcome {
    let server = MockServer::start().await?;
    println!("mock Nexudus listening on {}", server.base_url());
    let client = Client::builder()
        .base_url(server.base_url())
        // Logs in at the mock's `POST /api/token`, as against Nexudus.
        .oauth2("admin@example.com", "not-a-real-password")
        // Millisecond backoffs; a server's `Retry-After` is still the floor (the last step).
        .retry_policy(RetryPolicy::for_tests())
        .build()?;

    // 1. Create.
    let coworker_id = 7;
    let create = CreateCoworkerSetting::builder()
        .coworker_id(coworker_id)
        .name("Locker")
        .value("12")
        .encrypted_value("4321")
        .build();
    let created = client.create_coworker_setting(&create).await?;
    let id = created.id.ok_or("the create's answer carries no Id")?;
    let stored = server.records("CoworkerSetting");
    ensure(
        stored.get(&id).is_some_and(|record| {
            record["Name"] == "Locker"
                && record["Value"] == "12"
                && record["EncryptedValue"] == "4321"
        }),
        || format!("the mock does not hold setting {id} as sent: {stored:?}"),
    )?;
    proved(
        "create",
        format!(
            "POST {SETTINGS} stored setting {id} with every field sent (Debug of the request hides the secret: {:?})",
            create.encrypted_value
        ),
    );

    // 2. Get.
    let setting = client
        .get_coworker_setting(&GetCoworkerSetting::new(id))
        .await?;
    ensure(
        setting.id == Some(id)
            && setting.name.as_deref() == Some("Locker")
            && setting.value.as_deref() == Some("12")
            && setting.created_on.is_some(),
        || format!("the get answered another record: {setting:?}"),
    )?;
    proved(
        "get",
        format!(
            "GET {SETTINGS}/{id} decoded the stored record (Name {:?}, Value {:?}; Debug shows EncryptedValue as {:?})",
            setting.name.as_deref().unwrap_or_default(),
            setting.value.as_deref().unwrap_or_default(),
            setting.encrypted_value
        ),
    );

    // 3. List, more than one page: seed settings of this coworker and another, then stream
    // the ones of this coworker three at a time.
    for number in 1..=6 {
        server.insert_record(
            "CoworkerSetting",
            json!({ "CoworkerId": coworker_id, "Name": format!("Preference {number}"), "Value": "on" }),
        )?;
        server.insert_record(
            "CoworkerSetting",
            json!({ "CoworkerId": 8, "Name": format!("Other {number}"), "Value": "off" }),
        )?;
    }
    let before = server.received().len();
    let request = ListCoworkerSettings::builder()
        .coworker_setting_coworker(coworker_id)
        .build();
    let listed: Vec<_> = client
        .list_coworker_settings_stream(&request)
        .page_size(3)
        .try_collect()
        .await?;
    let ids: Vec<i64> = listed.iter().filter_map(|record| record.id).collect();
    let expected: Vec<i64> = server
        .records("CoworkerSetting")
        .iter()
        .filter(|(_, record)| record["CoworkerId"] == coworker_id)
        .map(|(id, _)| *id)
        .collect();
    ensure(ids == expected && ids.len() == 7, || {
        format!("the stream gave {ids:?}, the mock holds {expected:?} for coworker {coworker_id}")
    })?;
    let received = server.received();
    let pages: Vec<(Option<&str>, Option<&str>)> = sent(&received, before, "GET", SETTINGS)
        .map(|request| (request.query_value("page"), request.query_value("size")))
        .collect();
    let three = Some("3");
    ensure(
        pages == [(Some("1"), three), (Some("2"), three), (Some("3"), three)],
        || format!("expected pages 1, 2 and 3 of size 3 to be requested, got {pages:?}"),
    )?;
    proved(
        "list",
        format!(
            "the stream asked for {} pages of 3 and gave the {} settings of coworker {coworker_id} once each, in order",
            pages.len(),
            ids.len()
        ),
    );

    // 4. Update from the record: Nexudus checks a PUT as the whole record, so the record is
    // sent back with the one field changed.
    let update = setting.to_update()?.value("14").build();
    client.update_coworker_setting(&update).await?;
    let after = client
        .get_coworker_setting(&GetCoworkerSetting::new(id))
        .await?;
    let secret_kept = after
        .encrypted_value
        .as_ref()
        .is_some_and(|secret| secret.expose() == "4321");
    ensure(
        after.value.as_deref() == Some("14")
            && after.name == setting.name
            && after.coworker_id == setting.coworker_id
            && secret_kept,
        || format!("the get after the update shows {after:?}"),
    )?;
    proved(
        "update",
        "record.to_update()?.value(\"14\") changed Value 12 -> 14 and sent the rest back unchanged (the get shows it, the secret kept)",
    );

    // 5. A refused update: a blank required field. The client gives each field error.
    let mut blanked = after.clone();
    blanked.name = Some(String::new());
    match client
        .update_coworker_setting(&blanked.to_update()?.build())
        .await
    {
        Err(Error::Validation { status, errors, .. }) => {
            ensure(
                status == 400
                    && errors
                        .iter()
                        .any(|error| error.property_name.as_deref() == Some("Name")),
                || format!("expected a 400 with an error on Name, got {status}: {errors:?}"),
            )?;
            proved(
                "invalid",
                format!(
                    "an update with a blank Name is Error::Validation ({status}), one entry per field:"
                ),
            );
            for error in &errors {
                println!(
                    "              {}: {}",
                    error.property_name.as_deref().unwrap_or("(record)"),
                    error.message.as_deref().unwrap_or("(no message)")
                );
            }
        }
        other => return Err(format!("expected a validation error, got {other:?}").into()),
    }
    let name_now = &server.records("CoworkerSetting")[&id]["Name"];
    ensure(name_now == "Locker", || {
        format!("the refused update changed the record: Name is {name_now}")
    })?;

    // 6. Throttled: Nexudus answers 409 with `Retry-After: 1`; the client waits at least
    // that (the test preset's milliseconds do not undercut it) and sends again.
    server.throttle_next(1);
    let before = server.received().len();
    let started = Instant::now();
    let again = client
        .get_coworker_setting(&GetCoworkerSetting::new(id))
        .await?;
    let waited = started.elapsed();
    let received = server.received();
    let attempts = sent(&received, before, "GET", &format!("{SETTINGS}/{id}")).count();
    ensure(
        attempts == 2 && waited >= Duration::from_secs(1) && again.value.as_deref() == Some("14"),
        || format!("expected two GETs at least 1 s apart, got {attempts} in {waited:?}"),
    )?;
    proved(
        "throttled",
        format!(
            "409 Retry-After: 1, the client waited {:.1} s and the second GET got the record",
            waited.as_secs_f64()
        ),
    );

    println!(
        "every step held; the mock received {} requests",
        server.received().len()
    );
    Ok(())
}
