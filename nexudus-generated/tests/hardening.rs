//! The client against absurd and hostile answers of a scripted server on 127.0.0.1: no panic,
//! no endless wait, throttling only when Nexudus throttles, errors that keep their causes.
//! Tests about long waits run on tokio's paused clock.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use nexudus_generated::spaces::CreateCoworkerNote;
use nexudus_generated::{Client, Credentials, Error, RetryPolicy, Sensitive};
use serde_json::json;
use support::{Reply, TestServer};

const THROTTLE_TEXT: &str = "You must wait before accessing this url again.";

fn note() -> CreateCoworkerNote {
    CreateCoworkerNote::builder()
        .coworker_id(42)
        .notes("Called back")
        .build()
}

/// A reqwest client with no timer of its own (no timeouts, no idle-connection reaper), so that
/// on a paused clock the only timers are the client's waits and the clock moves only through
/// them and `tokio::time::advance`.
fn timerless_http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap()
}

fn client_with(server: &TestServer, credentials: Credentials, retry: RetryPolicy) -> Client {
    Client::builder()
        .base_url(&server.base_url)
        .credentials(credentials)
        .http_client(timerless_http())
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn bearer() -> Credentials {
    Credentials::Bearer(Sensitive::new("tok".to_owned()))
}

fn oauth() -> Credentials {
    Credentials::OAuth2 {
        username: "admin@example.com".to_owned(),
        password: Sensitive::new("s3cret".to_owned()),
        totp: None,
        client_id: None,
    }
}

fn token(expires_in: serde_json::Value, n: usize) -> Reply {
    Reply::json(
        200,
        json!({"access_token": format!("tok-{n}"), "token_type": "bearer",
               "expires_in": expires_in, "refresh_token": format!("refresh-{n}")}),
    )
}

fn paths(server: &TestServer) -> Vec<String> {
    server.seen().into_iter().map(|seen| seen.path).collect()
}

#[tokio::test]
async fn a_token_that_never_expires_works_instead_of_panicking() {
    let server = TestServer::start(|seen, n| {
        if seen.path == "/api/token" {
            token(json!(u64::MAX), n)
        } else {
            Reply::created(1)
        }
    })
    .await;
    let client = client_with(&server, oauth(), RetryPolicy::none());
    for _ in 0..3 {
        assert_eq!(
            client.create_coworker_note(&note()).await.unwrap().id,
            Some(1)
        );
    }
    assert_eq!(
        paths(&server)
            .iter()
            .filter(|path| *path == "/api/token")
            .count(),
        1,
        "an endless token is used until a 401"
    );
}

#[tokio::test(start_paused = true)]
async fn absurd_waits_asked_by_the_server_end_in_throttled_at_once() {
    let asks: [(&'static str, Reply); 4] = [
        (
            "Retry-After: u64::MAX",
            Reply::throttled("18446744073709551615"),
        ),
        (
            "Retry-After: 400 digits",
            Reply::throttled(&"9".repeat(400)),
        ),
        (
            "Retry-After: a date in 9999",
            Reply::throttled("Thu, 30 Dec 9999 00:00:00 GMT"),
        ),
        (
            "Wait N seconds with a huge N",
            Reply::raw(
                429,
                "text/plain",
                &format!("Wait {} seconds", "9".repeat(60)),
            ),
        ),
    ];
    for (what, reply) in asks {
        let reply = Mutex::new(Some(reply));
        let server = TestServer::start(move |_, _| {
            reply
                .lock()
                .unwrap()
                .take()
                .unwrap_or_else(|| Reply::created(1))
        })
        .await;
        let client = client_with(&server, bearer(), RetryPolicy::default());
        let started = tokio::time::Instant::now();
        let error = client.create_coworker_note(&note()).await.unwrap_err();
        assert!(error.is_throttled(), "{what}: {error:?}");
        assert!(
            error
                .retry_after()
                .is_some_and(|wait| wait >= Duration::from_secs(3600)),
            "{what}: {error:?}"
        );
        assert_eq!(server.seen().len(), 1, "{what}: not waited for");
        assert!(started.elapsed() < Duration::from_secs(1), "{what}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_date_in_the_past_means_now() {
    let server = TestServer::start(|_, n| match n {
        0 => Reply::throttled("Mon, 01 Jan 1900 00:00:00 GMT"),
        _ => Reply::created(5),
    })
    .await;
    let client = client_with(&server, bearer(), RetryPolicy::default());
    assert_eq!(
        client.create_coworker_note(&note()).await.unwrap().id,
        Some(5)
    );
    assert_eq!(server.seen().len(), 2);
}

/// The instants (on the paused clock) at which the server saw each request.
type SeenAt = Arc<Mutex<Vec<tokio::time::Instant>>>;

/// `script`, noting when each request arrived.
fn recording(
    script: impl Fn(usize) -> Reply + Send + Sync + 'static,
) -> (
    SeenAt,
    impl Fn(&support::Seen, usize) -> Reply + Send + Sync + 'static,
) {
    let seen_at = SeenAt::default();
    let record = Arc::clone(&seen_at);
    let script = move |_: &support::Seen, n| {
        record.lock().unwrap().push(tokio::time::Instant::now());
        script(n)
    };
    (seen_at, script)
}

#[tokio::test(start_paused = true)]
async fn waits_double_from_the_server_s_retry_after() {
    let (seen_at, script) = recording(|n| {
        if n < 3 {
            Reply::throttled("1")
        } else {
            Reply::created(9)
        }
    });
    let server = TestServer::start(script).await;
    let client = client_with(&server, bearer(), RetryPolicy::default());
    assert_eq!(
        client.create_coworker_note(&note()).await.unwrap().id,
        Some(9)
    );
    let seen_at = seen_at.lock().unwrap();
    let waits: Vec<Duration> = seen_at.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(waits.len(), 3, "{waits:?}");
    let ms = Duration::from_millis;
    // Exponential from the 1 s floor, with up to a quarter of jitter taken off, never below it.
    assert!(waits[0] >= ms(1000) && waits[0] <= ms(1010), "{waits:?}");
    assert!(waits[1] >= ms(1500) && waits[1] <= ms(2010), "{waits:?}");
    assert!(waits[2] >= ms(3000) && waits[2] <= ms(4010), "{waits:?}");
    assert!(
        waits[0] < waits[1] && waits[1] < waits[2],
        "the second and third waits grow: {waits:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_throttled_token_request_is_retried_like_any_other() {
    for throttle in [
        Reply::throttled("1"),
        Reply::raw(429, "text/plain", "Too many requests. Wait 1 seconds."),
        Reply::Reason(THROTTLE_TEXT, Box::new(Reply::raw(409, "text/html", ""))),
    ] {
        let throttle = Mutex::new(Some(throttle));
        let server = TestServer::start(move |seen, n| match (seen.path.as_str(), n) {
            ("/api/token", 0) => throttle.lock().unwrap().take().unwrap(),
            ("/api/token", _) => token(json!(3600), n),
            _ => Reply::created(2),
        })
        .await;
        let client = client_with(&server, oauth(), RetryPolicy::default());
        assert_eq!(
            client.create_coworker_note(&note()).await.unwrap().id,
            Some(2)
        );
        assert_eq!(
            paths(&server),
            ["/api/token", "/api/token", "/api/spaces/coworkernotes"]
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_token_endpoint_that_keeps_throttling_surfaces_as_throttled() {
    let server = TestServer::start(|seen, _| {
        assert_eq!(seen.path, "/api/token", "no API call without a token");
        Reply::raw(429, "text/plain", "Wait 1 seconds")
    })
    .await;
    let client = client_with(&server, oauth(), RetryPolicy::default().with_max_retries(2));
    let error = client.create_coworker_note(&note()).await.unwrap_err();
    assert!(error.is_throttled(), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.status(), Some(429));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
    assert!(matches!(error, Error::Token { .. }), "{error:?}");
    assert_eq!(server.seen().len(), 3, "the first attempt and two retries");
}

#[tokio::test]
async fn a_409_carrying_an_error_envelope_is_the_conflict_it_reports_sent_once() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            409,
            json!({"Status": 409, "Message": "Email: is already in use", "Value": null,
                   "WasSuccessful": false,
                   "Errors": [{"PropertyName": "Email", "Message": "is already in use",
                               "AttemptedValue": "ada@example.com"}]}),
        )
    })
    .await;
    let client = client_with(&server, bearer(), RetryPolicy::default());
    let error = client.create_coworker_note(&note()).await.unwrap_err();
    let Error::Validation {
        status,
        ref message,
        ref errors,
        ..
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!(status, 409);
    assert_eq!(message.as_deref(), Some("Email: is already in use"));
    assert_eq!(errors[0].property_name.as_deref(), Some("Email"));
    assert!(!error.is_throttled() && !error.is_retryable());
    assert!(
        error.to_string().contains("Email: is already in use"),
        "{error}"
    );
    assert!(
        format!("{error:?}").contains(r#"attempted_value: Some(String("ada@example.com"))"#),
        "a note has no sensitive field, so Debug shows what was refused: {error:?}"
    );
    assert_eq!(server.seen().len(), 1, "a conflict is not retried");
}

#[tokio::test(start_paused = true)]
async fn nexudus_s_throttle_is_recognised_by_reason_phrase_body_or_emptiness() {
    let throttles = [
        Reply::Reason(
            THROTTLE_TEXT,
            Box::new(Reply::raw(409, "text/html", "<html>busy</html>")),
        ),
        Reply::raw(409, "text/plain", THROTTLE_TEXT),
        Reply::raw(409, "text/plain", ""),
    ];
    for throttle in throttles {
        let throttle = Mutex::new(Some(throttle));
        let server = TestServer::start(move |_, _| {
            throttle
                .lock()
                .unwrap()
                .take()
                .unwrap_or_else(|| Reply::created(4))
        })
        .await;
        let client = client_with(&server, bearer(), RetryPolicy::default());
        assert_eq!(
            client.create_coworker_note(&note()).await.unwrap().id,
            Some(4)
        );
        assert_eq!(server.seen().len(), 2);
    }
    // Anything else is an HTTP error with its body, sent once.
    let server =
        TestServer::start(|_, _| Reply::raw(409, "text/html", "<html>Conflict</html>")).await;
    let error = client_with(&server, bearer(), RetryPolicy::default())
        .create_coworker_note(&note())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Http { status: 409, body_snippet } if body_snippet == "<html>Conflict</html>"),
        "{error:?}"
    );
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn a_write_answered_with_json_that_is_not_the_envelope_is_a_decode_error() {
    for body in ["[]", "{}", r#"{"Id": 7}"#, "null"] {
        let server = TestServer::start(move |_, _| Reply::raw(200, "application/json", body)).await;
        let error = client_with(&server, bearer(), RetryPolicy::default())
            .create_coworker_note(&note())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::Decode { status: 200, body_snippet, .. } if body_snippet == body),
            "{body}: {error:?}"
        );
        assert_eq!(server.seen().len(), 1);
    }
}

#[tokio::test(start_paused = true)]
async fn a_token_is_renewed_after_80_percent_of_its_lifetime_not_a_minute_before_expiry() {
    let server = TestServer::start(|seen, n| match seen.path.as_str() {
        "/api/token" => token(json!(100), n),
        _ => Reply::created(1),
    })
    .await;
    let client = client_with(&server, oauth(), RetryPolicy::none());
    let token_requests = || {
        server
            .seen()
            .iter()
            .filter(|seen| seen.path == "/api/token")
            .map(|seen| seen.form().get("grant_type").cloned().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    client.create_coworker_note(&note()).await.unwrap();
    tokio::time::advance(Duration::from_secs(70)).await;
    client.create_coworker_note(&note()).await.unwrap();
    assert_eq!(
        token_requests(),
        ["password"],
        "30 s of 100 left: still in use"
    );
    tokio::time::advance(Duration::from_secs(11)).await;
    client.create_coworker_note(&note()).await.unwrap();
    assert_eq!(token_requests(), ["password", "refresh_token"]);
}

#[tokio::test]
async fn a_refused_login_and_a_refused_connection_read_apart_through_anyhow() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            400,
            json!({"error": "invalid_grant", "error_description": "The user name or password is incorrect."}),
        )
    })
    .await;
    let error = client_with(&server, oauth(), RetryPolicy::none())
        .create_coworker_note(&note())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert!(!error.is_retryable() && !error.is_timeout() && !error.is_throttled());
    let chain = format!("{:#}", anyhow::Error::new(error));
    assert!(
        chain.starts_with("the OAuth2 login was refused: POST /api/token answered 400")
            && chain.contains("The user name or password is incorrect."),
        "{chain}"
    );

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let nowhere = Client::builder()
        .base_url(format!("http://{address}"))
        .credentials(oauth())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = nowhere.create_coworker_note(&note()).await.unwrap_err();
    assert_eq!(error.status(), None);
    assert!(error.is_retryable());
    let transport = std::error::Error::source(&error).expect("the token error has a cause");
    assert!(
        matches!(
            transport.downcast_ref::<Error>(),
            Some(Error::Transport { connect: true, .. })
        ),
        "{transport:?}"
    );
    let reqwest_error = transport.source().expect("the transport error has a cause");
    assert!(reqwest_error.downcast_ref::<reqwest::Error>().is_some());
    let chain = format!("{:#}", anyhow::Error::new(error));
    assert!(
        chain.starts_with(
            "the OAuth2 token could not be obtained: the request could not connect to the server: "
        ) && chain.to_ascii_lowercase().contains("connection refused"),
        "{chain}"
    );
}

#[tokio::test]
async fn a_timeout_says_so_and_is_retryable() {
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
    assert!(error.is_timeout() && error.is_retryable(), "{error:?}");
    assert_eq!(error.to_string(), "the request timed out");
    assert!(std::error::Error::source(&error).is_some());
}
