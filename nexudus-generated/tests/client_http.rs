//! The client against an independent scripted server on 127.0.0.1: what goes on the wire,
//! how answers are decoded, retries, throttling, tokens.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nexudus_generated::crm::CreateCoworkerTask;
use nexudus_generated::enums::{CoworkerRecordType, Gender};
use nexudus_generated::spaces::{
    CreateCoworker, CreateCoworkerNote, CreateCoworkerSetting, UpdateCoworkerNotification,
};
use nexudus_generated::{Client, Credentials, Error, RetryPolicy, Sensitive};
use serde_json::json;
use support::{Reply, TestServer};

/// Fast retries, so tests about retrying do not sleep for seconds.
fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_backoff(Duration::from_millis(20))
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(&server.base_url)
        .basic_auth("admin@example.com", "s3cret")
        .retry_policy(quick_retries())
        .build()
        .unwrap()
}

fn note() -> CreateCoworkerNote {
    CreateCoworkerNote::builder()
        .coworker_id(42)
        .notes("Called back")
        .build()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_run_on_spawned_tasks_and_serialize_before_the_first_poll() {
    let server = TestServer::start(|_, _| Reply::created(7)).await;
    let client = client(&server);
    let pending = {
        // The request is serialized by the call, so it may be dropped before the future runs.
        let request = note();
        client.create_coworker_note(&request)
    };
    let stored: nexudus_generated::ApiFuture<'_, nexudus_generated::Mutation> = pending;
    assert_eq!(stored.await.unwrap().id, Some(7));

    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.create_coworker_note(&note()).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().id, Some(7));
    }
    assert_eq!(server.seen().len(), 5);
}

#[tokio::test]
async fn a_create_sends_exactly_the_documented_json_and_returns_the_new_id() {
    let server = TestServer::start(|_, _| Reply::created(1001)).await;
    let created = client(&server).create_coworker_note(&note()).await.unwrap();
    assert_eq!(created.id, Some(1001));
    assert_eq!(
        created.message.as_deref(),
        Some("Record was successfully created.")
    );
    assert_eq!(created.updated_by.as_deref(), Some("admin@example.com"));
    assert_eq!(
        created.updated_on_utc().map(|t| t.subsec_nanosecond()),
        Some(123_456_700)
    );

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("POST", "/api/spaces/coworkernotes")
    );
    assert_eq!(
        seen[0].json(),
        json!({"CoworkerId": 42, "Notes": "Called back"})
    );
    // base64("admin@example.com:s3cret")
    assert_eq!(
        seen[0].header("authorization"),
        Some("Basic YWRtaW5AZXhhbXBsZS5jb206czNjcmV0")
    );
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert!(
        seen[0]
            .header("user-agent")
            .is_some_and(|agent| agent.starts_with("nexudus-generated/"))
    );
}

#[tokio::test]
async fn every_operation_reaches_its_path_with_its_body() {
    let server = TestServer::start(|_, n| Reply::created(n as i64 + 1)).await;
    let client = client(&server);
    let task = CreateCoworkerTask::builder()
        .business_id(1)
        .coworker_id(2)
        .name("Hand out the access card")
        .responsible_id(3)
        .due_date(
            "2026-12-01T09:00:00Z"
                .parse::<nexudus_generated::jiff::Timestamp>()
                .unwrap(),
        )
        .build();
    let setting = CreateCoworkerSetting::builder()
        .coworker_id(2)
        .name("Theme")
        .value("dark")
        .build();
    let coworker = CreateCoworker::builder()
        .full_name("Ada Lovelace")
        .email("ada@example.com")
        .country_id(826)
        .simple_time_zone_id(12)
        .gender(Gender::Female)
        .coworker_type(CoworkerRecordType::from_value(99))
        .tariff_id(5)
        .build();
    let notification = UpdateCoworkerNotification::builder()
        .id(77)
        .coworker_id(2)
        .message("Your parcel arrived")
        .notification_type("Parcel")
        .entity_id(9)
        .is_dismissed(true)
        .build();
    client.create_coworker_task(&task).await.unwrap();
    client.create_coworker_setting(&setting).await.unwrap();
    client.create_coworker(&coworker).await.unwrap();
    client
        .update_coworker_notification(&notification)
        .await
        .unwrap();

    let seen = server.seen();
    let routes: Vec<(&str, &str)> = seen
        .iter()
        .map(|s| (s.method.as_str(), s.path.as_str()))
        .collect();
    assert_eq!(
        routes,
        [
            ("POST", "/api/crm/coworkertasks"),
            ("POST", "/api/spaces/coworkersettings"),
            ("POST", "/api/spaces/coworkers"),
            ("PUT", "/api/spaces/coworkernotifications"),
        ]
    );
    assert_eq!(
        seen[0].json(),
        json!({"BusinessId": 1, "CoworkerId": 2, "Name": "Hand out the access card", "ResponsibleId": 3, "DueDate": "2026-12-01T09:00:00Z"})
    );
    assert_eq!(
        seen[1].json(),
        json!({"CoworkerId": 2, "Name": "Theme", "Value": "dark"})
    );
    assert_eq!(
        seen[2].json(),
        json!({"FullName": "Ada Lovelace", "Email": "ada@example.com", "CountryId": 826, "SimpleTimeZoneId": 12,
               "Gender": 3, "CoworkerType": 99, "TariffId": 5})
    );
    assert_eq!(
        seen[3].json(),
        json!({"Id": 77, "CoworkerId": 2, "Message": "Your parcel arrived", "NotificationType": "Parcel", "EntityId": 9, "IsDismissed": true})
    );
}

#[tokio::test]
async fn a_create_answer_carrying_the_whole_record_decodes() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            200,
            json!({
                "Status": 200,
                "Message": "Coworker was successfully created.",
                "Value": {"Id": 555, "FullName": "Ada Lovelace", "Email": "ada@example.com", "Gender": 3,
                          "CreatedOn": "2026-11-25T10:00:00", "UniqueId": "8c1f…", "Tags": [], "Nested": {"Deep": [1, 2]}},
                "WasSuccessful": true,
                "UpdatedOn": "2026-11-25T10:00:00",
                "UpdatedBy": "admin@example.com",
                "SomethingNew": {"Nexudus": "added it"}
            }),
        )
    })
    .await;
    let created = client(&server).create_coworker_note(&note()).await.unwrap();
    assert_eq!(created.id, Some(555));
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Mine {
        full_name: String,
        gender: Gender,
    }
    let record: Mine = created.value_as().unwrap();
    assert_eq!(
        (record.full_name.as_str(), record.gender),
        ("Ada Lovelace", Gender::Female)
    );
}

#[tokio::test]
async fn validation_failures_carry_each_field_error_whether_400_or_200() {
    let rejection = json!({
        "Status": 400,
        "Message": "Notes: is a required field",
        "Value": null,
        "WasSuccessful": false,
        "Errors": [{"AttemptedValue": null, "Message": "is a required field", "PropertyName": "Notes"}]
    });
    for status in [400, 200] {
        let body = rejection.clone();
        let server = TestServer::start(move |_, _| Reply::json(status, body.clone())).await;
        match client(&server).create_coworker_note(&note()).await {
            Err(Error::Validation {
                status: got,
                message,
                errors,
                ..
            }) => {
                assert_eq!(got, status);
                assert_eq!(message.as_deref(), Some("Notes: is a required field"));
                assert_eq!(errors.len(), 1);
                assert_eq!(errors[0].property_name.as_deref(), Some("Notes"));
                assert_eq!(errors[0].message.as_deref(), Some("is a required field"));
            }
            other => panic!("{status}: {other:?}"),
        }
        assert_eq!(
            server.seen().len(),
            1,
            "a validation failure is not retried"
        );
    }
}

#[tokio::test]
async fn error_statuses_and_odd_bodies_are_told_apart() {
    type IsExpected = fn(&Error) -> bool;
    let cases: Vec<(Reply, IsExpected)> = vec![
        (Reply::raw(401, "text/plain", ""), |e| {
            matches!(e, Error::Unauthorized { status: 401 })
        }),
        (Reply::raw(403, "text/html", "<h1>Forbidden</h1>"), |e| {
            matches!(
                e,
                Error::Forbidden {
                    role: "CoworkerNote-Create",
                    ..
                }
            )
        }),
        (Reply::raw(404, "text/html", "<h1>Not found</h1>"), |e| {
            matches!(
                e,
                Error::NotFound {
                    path: "/api/spaces/coworkernotes"
                }
            )
        }),
        (
            Reply::raw(418, "text/plain", "I'm a teapot"),
            |e| matches!(e, Error::Http { status: 418, body_snippet } if body_snippet == "I'm a teapot"),
        ),
        (
            Reply::raw(200, "text/html", "<html><body>Maintenance</body></html>"),
            |e| matches!(e, Error::Decode { status: 200, body_snippet, .. } if body_snippet.starts_with("<html>")),
        ),
        (
            Reply::raw(200, "application/json", r#"{"Status":200,"Value":{"Id":"#),
            |e| matches!(e, Error::Decode { status: 200, .. }),
        ),
        (
            Reply::raw(200, "application/json", ""),
            |e| matches!(e, Error::Decode { status: 200, reason, .. } if reason.contains("empty")),
        ),
    ];
    for (reply, expected) in cases {
        let reply = std::sync::Mutex::new(Some(reply));
        let server =
            TestServer::start(move |_, _| reply.lock().unwrap().take().unwrap_or(Reply::Hangup))
                .await;
        let error = client(&server)
            .create_coworker_note(&note())
            .await
            .unwrap_err();
        assert!(expected(&error), "unexpected {error:?}");
        assert!(!error.to_string().is_empty());
    }
}

#[tokio::test]
async fn a_409_with_retry_after_is_retried_and_succeeds() {
    let server = TestServer::start(|_, n| {
        if n == 0 {
            Reply::throttled("1")
        } else {
            Reply::created(7)
        }
    })
    .await;
    let started = Instant::now();
    let created = client(&server).create_coworker_note(&note()).await.unwrap();
    assert_eq!(created.id, Some(7));
    assert_eq!(
        server.seen().len(),
        2,
        "a throttled POST was not processed, so it is sent again"
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
    assert_eq!(server.seen()[0].body, server.seen()[1].body);
}

#[tokio::test]
async fn a_429_with_wait_text_is_retried_after_that_wait() {
    let server = TestServer::start(|_, n| {
        if n == 0 {
            Reply::raw(429, "text/plain", "Too many requests. Wait 1 seconds.")
        } else {
            Reply::created(8)
        }
    })
    .await;
    let started = Instant::now();
    assert_eq!(
        client(&server)
            .create_coworker_note(&note())
            .await
            .unwrap()
            .id,
        Some(8)
    );
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_throttling_storm_ends_in_the_throttled_error_after_the_budget() {
    let server = TestServer::start(|_, _| Reply::throttled("0")).await;
    let patient = Client::builder()
        .base_url(&server.base_url)
        .bearer_token("tok")
        .retry_policy(quick_retries().with_max_retries(3))
        .build()
        .unwrap();
    let error = patient.create_coworker_note(&note()).await.unwrap_err();
    assert!(
        matches!(error, Error::Throttled { status: 409, .. }),
        "{error:?}"
    );
    assert!(error.is_throttled());
    assert_eq!(
        server.seen().len(),
        4,
        "the first attempt and three retries"
    );

    // A server asking for longer than the budget is not waited for.
    let server = TestServer::start(|_, _| Reply::throttled("120")).await;
    let started = Instant::now();
    let error = client(&server)
        .create_coworker_note(&note())
        .await
        .unwrap_err();
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn a_post_whose_connection_drops_after_sending_is_not_repeated() {
    let server = TestServer::start(|_, _| Reply::Hangup).await;
    let error = client(&server)
        .create_coworker_note(&note())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport { connect: false, .. }),
        "{error:?}"
    );
    assert_eq!(
        server.seen().len(),
        1,
        "the POST may have been applied: never sent twice"
    );
}

#[tokio::test]
async fn a_post_answered_500_is_not_repeated_but_a_put_is() {
    let server =
        TestServer::start(|_, _| Reply::raw(500, "text/html", "<html>Server Error</html>")).await;
    let error = client(&server)
        .create_coworker_note(&note())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 500, .. }),
        "{error:?}"
    );
    assert_eq!(server.seen().len(), 1);

    let server = TestServer::start(|_, n| match n {
        0 => Reply::raw(503, "text/html", "busy"),
        1 => Reply::Hangup,
        _ => Reply::created(77),
    })
    .await;
    let notification = UpdateCoworkerNotification::builder()
        .id(77)
        .coworker_id(2)
        .message("m")
        .notification_type("t")
        .entity_id(1)
        .build();
    let updated = client(&server)
        .update_coworker_notification(&notification)
        .await
        .unwrap();
    assert_eq!(updated.id, Some(77));
    assert_eq!(
        server.seen().len(),
        3,
        "a PUT is safe to repeat after a 5xx and a dropped connection"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    // Nothing listens on this port once the listener is dropped.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .bearer_token("tok")
        .retry_policy(quick_retries().with_max_retries(2))
        .build()
        .unwrap();
    let error = client.create_coworker_note(&note()).await.unwrap_err();
    assert!(
        matches!(error, Error::Transport { connect: true, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let server =
        TestServer::start(|_, _| Reply::After(Duration::from_secs(5), Box::new(Reply::created(1))))
            .await;
    let client = Client::builder()
        .base_url(&server.base_url)
        .bearer_token("tok")
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.create_coworker_note(&note()).await.unwrap_err();
    assert!(
        matches!(error, Error::Transport { timeout: true, .. }),
        "{error:?}"
    );
}

/// A token server: a `password` login or a refresh issues the next token `tok-N` with
/// `refresh-N`; a refresh must present the latest refresh token (older ones are invalidated);
/// the API accepts only the current token.
struct TokenServer {
    server: TestServer,
    logins: Arc<AtomicUsize>,
    refreshes: Arc<AtomicUsize>,
    current: Arc<AtomicUsize>,
}

impl TokenServer {
    /// The server stops accepting the token it issued last, as when it revokes it.
    fn revoke_current_token(&self) {
        self.current.fetch_add(1000, Ordering::SeqCst);
    }
}

async fn token_server(expires_in: u64) -> TokenServer {
    let logins = Arc::new(AtomicUsize::new(0));
    let refreshes = Arc::new(AtomicUsize::new(0));
    let current = Arc::new(AtomicUsize::new(0));
    let issued = Arc::new(AtomicUsize::new(0));
    let (l, r, c) = (
        Arc::clone(&logins),
        Arc::clone(&refreshes),
        Arc::clone(&current),
    );
    let server = TestServer::start(move |seen, _| {
        if seen.path == "/api/token" {
            let form = seen.form();
            let last = issued.load(Ordering::SeqCst);
            let grant_ok = seen.header("client_id") == Some("my-app")
                && match form.get("grant_type").map(String::as_str) {
                    Some("password") => {
                        l.fetch_add(1, Ordering::SeqCst);
                        form.get("username").map(String::as_str) == Some("admin@example.com")
                            && form.get("password").map(String::as_str) == Some("s3cret")
                    }
                    Some("refresh_token") => {
                        r.fetch_add(1, Ordering::SeqCst);
                        form.get("refresh_token") == Some(&format!("refresh-{last}"))
                    }
                    _ => false,
                };
            if !grant_ok {
                return Reply::json(400, json!({"error": "invalid_grant"}));
            }
            let next = last + 1;
            issued.store(next, Ordering::SeqCst);
            c.store(next, Ordering::SeqCst);
            return Reply::json(
                200,
                json!({"access_token": format!("tok-{next}"), "token_type": "bearer",
                       "expires_in": expires_in, "refresh_token": format!("refresh-{next}")}),
            );
        }
        let expected = format!("Bearer tok-{}", c.load(Ordering::SeqCst));
        if seen.header("authorization") == Some(expected.as_str()) {
            Reply::created(1)
        } else {
            Reply::raw(401, "text/plain", "")
        }
    })
    .await;
    TokenServer {
        server,
        logins,
        refreshes,
        current,
    }
}

fn oauth_client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(&server.base_url)
        .credentials(Credentials::OAuth2 {
            username: "admin@example.com".to_owned(),
            password: Sensitive::new("s3cret".to_owned()),
            totp: None,
            client_id: Some("my-app".to_owned()),
        })
        .retry_policy(quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn oauth2_logs_in_once_and_reuses_the_token() {
    let tokens = token_server(3600).await;
    let client = oauth_client(&tokens.server);
    for _ in 0..3 {
        client.create_coworker_note(&note()).await.unwrap();
    }
    assert_eq!(tokens.logins.load(Ordering::SeqCst), 1);
    assert_eq!(tokens.refreshes.load(Ordering::SeqCst), 0);
    let token_request = &tokens.server.seen()[0];
    assert_eq!(
        token_request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_triggers_exactly_one_refresh_for_20_concurrent_requests() {
    let tokens = token_server(3600).await;
    let client = oauth_client(&tokens.server);
    client.create_coworker_note(&note()).await.unwrap();
    // The server revokes the token behind the client's back: every request in flight gets a
    // 401 with it.
    tokens.revoke_current_token();

    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let client = client.clone();
        requests.spawn(async move { client.create_coworker_note(&note()).await });
    }
    while let Some(result) = requests.join_next().await {
        result.unwrap().unwrap();
    }
    assert_eq!(tokens.logins.load(Ordering::SeqCst), 1);
    assert_eq!(
        tokens.refreshes.load(Ordering::SeqCst),
        1,
        "one refresh, not one per request"
    );
}

#[tokio::test]
async fn a_token_close_to_expiry_is_refreshed_before_use() {
    // A token with less than 5 s to live is renewed before each use.
    let tokens = token_server(3).await;
    let client = oauth_client(&tokens.server);
    client.create_coworker_note(&note()).await.unwrap();
    client.create_coworker_note(&note()).await.unwrap();
    assert_eq!(tokens.logins.load(Ordering::SeqCst), 1);
    assert_eq!(tokens.refreshes.load(Ordering::SeqCst), 1);
    let api_requests = tokens
        .server
        .seen()
        .iter()
        .filter(|s| s.path != "/api/token")
        .count();
    assert_eq!(
        api_requests, 2,
        "no request went out with a dying token and had to be repeated"
    );
}

#[tokio::test]
async fn a_refused_login_is_a_token_error() {
    let server =
        TestServer::start(|_, _| Reply::json(400, json!({"error": "invalid_grant"}))).await;
    let error = oauth_client(&server)
        .create_coworker_note(&note())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Token { status: Some(400), body_snippet, source: None }
            if body_snippet.contains("invalid_grant")),
        "{error:?}"
    );
}

#[tokio::test]
async fn sensitive_fields_are_sent_but_never_printed() {
    let server = TestServer::start(|_, _| Reply::created(1)).await;
    let setting = CreateCoworkerSetting::builder()
        .coworker_id(2)
        .name("ApiKey")
        .encrypted_value("sk_live_do_not_log")
        .build();
    let printed = format!("{setting:?}");
    assert!(
        printed.contains("<redacted>") && !printed.contains("sk_live_do_not_log"),
        "{printed}"
    );
    client(&server)
        .create_coworker_setting(&setting)
        .await
        .unwrap();
    assert_eq!(
        server.seen()[0].json()["EncryptedValue"],
        "sk_live_do_not_log"
    );
    let printed_client = format!("{:?}", client(&server));
    assert!(!printed_client.contains("s3cret"), "{printed_client}");
}

#[test]
fn the_blocking_client_shares_the_async_behaviour() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(TestServer::start(|_, n| {
        if n == 0 {
            Reply::throttled("0")
        } else {
            Reply::created(3)
        }
    }));
    // The server runs on its own runtime's threads; this thread blocks on the client.
    let client = nexudus_generated::blocking::Client::new(
        Client::builder()
            .base_url(&server.base_url)
            .basic_auth("admin@example.com", "s3cret")
            .retry_policy(quick_retries()),
    )
    .unwrap();
    let note = note();
    let created = client
        .call(|client| client.create_coworker_note(&note))
        .unwrap();
    assert_eq!(created.id, Some(3));
    assert_eq!(server.seen().len(), 2);
}
