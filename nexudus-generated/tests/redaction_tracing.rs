//! No `tracing` event or span field of the client, at any level, carries a secret Nexudus
//! echoes back in an error. A test binary of its own: the recorder is the process's global
//! subscriber, so no other test's callsites race with it.

mod support;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use nexudus_generated::spaces::CreateCoworker;
use nexudus_generated::{Client, Error, RetryPolicy};
use serde_json::json;
use support::{Reply, TestServer};

const PIN: &str = "98765";

/// Every event and span field the client records, at every level, as text.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn register_callsite(
        &self,
        _: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::always()
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut text = self.0.lock().unwrap();
        let _ = write!(text, "\nspan {}", span.metadata().name());
        span.record(&mut Fields(&mut text));
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().unwrap()));
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut text = self.0.lock().unwrap();
        let _ = write!(text, "\nevent {}", event.metadata().level());
        event.record(&mut Fields(&mut text));
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn no_tracing_event_of_a_refusal_carries_the_pin() {
    let recorder = Recorder::default();
    tracing::subscriber::set_global_default(recorder.clone()).unwrap();
    let server = TestServer::start(|_, _| {
        Reply::json(
            400,
            json!({"Message": format!("AccessPincode: The value '{PIN}' is not valid."),
                   "WasSuccessful": false,
                   "Errors": [{"PropertyName": "AccessPincode",
                               "Message": format!("The value '{PIN}' is not valid."),
                               "AttemptedValue": PIN}]}),
        )
    })
    .await;
    let client = Client::builder()
        .base_url(&server.base_url)
        .bearer_token("tok")
        .retry_policy(RetryPolicy::for_tests())
        .build()
        .unwrap();
    let coworker = CreateCoworker::builder()
        .full_name("Ada Lovelace")
        .email("ada@example.com")
        .country_id(826)
        .simple_time_zone_id(12)
        .access_pincode(PIN)
        .build();
    let error = client.create_coworker(&coworker).await.unwrap_err();
    assert!(matches!(error, Error::Validation { .. }), "{error:?}");
    let log = recorder.0.lock().unwrap().clone();
    assert!(
        log.contains("span nexudus_request") && log.contains("failed error="),
        "the recorder saw the client's span and its failure: {log}"
    );
    assert!(!log.contains(PIN), "{log}");
}
