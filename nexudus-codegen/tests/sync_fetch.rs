//! The fetching half of `cargo xtask sync` against a real HTTP docs site on 127.0.0.1: the
//! index, relative and absolute links, failures per page (404, 429 once, a page that never
//! answers), the cache (304s on a rerun, a changed page, `--offline`), `--only` and `--jobs`.

#[path = "support/docs_server.rs"]
mod docs_server;

use std::path::Path;
use std::time::Duration;

use docs_server::DocsServer;
use nexudus_codegen::{
    FetchFailure, FetchOptions, FetchOutcome, HttpSettings, PageStatus, ProgressMode, SyncError,
    fetch_pages, fetch_pages_blocking,
};

const NOTES: &str = "# Get CoworkerNotes\n\n> List coworker notes.\n";
const TASKS: &str = "# Create CoworkerTask\n\n> Create a new CoworkerTask record.\n";
const SETTINGS: &str = "# Get CoworkerSetting\n\n> One coworker setting.\n";
const PRODUCTS: &str = "# Update CoworkerProduct\n\n> Updates a product.\n";

/// Options for a fast test: short timeouts and backoff, quiet, the cache in `cache`.
fn options(server: &DocsServer, cache: &Path) -> FetchOptions {
    FetchOptions {
        docs: Some(server.base_url().to_owned()),
        cache_dir: cache.to_path_buf(),
        progress: ProgressMode::Quiet,
        http: HttpSettings {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_millis(400),
            retries: 2,
            backoff_base: Duration::from_millis(10),
            backoff_max: Duration::from_millis(50),
            ..HttpSettings::default()
        },
        ..FetchOptions::default()
    }
}

/// A site of four good pages: two relative links, one absolute on the official host (fetched
/// from the test server as `--docs`), one absolute on the test server itself.
fn good_site() -> DocsServer {
    let server = DocsServer::start();
    let index = format!(
        "# Nexudus\n\n> Docs.\n\n## REST API\n\n\
         - [Get CoworkerNotes](/rest-api/spaces/get-coworkernotes.md): List notes.\n\
         - [Create CoworkerTask](rest-api/crm/post-coworkertasks.md): Create a task.\n\
         - [Get CoworkerSetting](https://learn.nexudus.com/rest-api/spaces/get-coworkersettings-by-id.md): One.\n\
         - [Update CoworkerProduct]({}/rest-api/billing/put-coworkerproducts.md): Update.\n\
         - [Guide](/guides/start.md): not a REST page.\n",
        server.base_url()
    );
    server.page("/llms.txt", &index);
    server.page("/rest-api/spaces/get-coworkernotes.md", NOTES);
    server.page("/rest-api/crm/post-coworkertasks.md", TASKS);
    server.page("/rest-api/spaces/get-coworkersettings-by-id.md", SETTINGS);
    server.page("/rest-api/billing/put-coworkerproducts.md", PRODUCTS);
    server
}

fn texts(outcome: &FetchOutcome) -> Vec<(String, String)> {
    outcome.page_texts()
}

fn statuses(outcome: &FetchOutcome) -> Vec<(String, PageStatus)> {
    outcome
        .pages
        .iter()
        .map(|p| (p.page.file_name(), p.status))
        .collect()
}

#[test]
fn every_page_is_fetched_under_its_importer_file_name() {
    let server = good_site();
    let cache = tempfile::tempdir().expect("temp dir");
    let outcome = fetch_pages_blocking(&options(&server, cache.path())).expect("fetch");
    assert_eq!(outcome.index_warnings, vec![]);
    assert_eq!(outcome.failures, vec![]);
    assert!(!outcome.any_failed());
    assert_eq!(
        texts(&outcome),
        [
            ("get-spaces-coworkernotes.md".to_owned(), NOTES.to_owned()),
            (
                "get-spaces-coworkersettings-by-id.md".to_owned(),
                SETTINGS.to_owned()
            ),
            ("post-crm-coworkertasks.md".to_owned(), TASKS.to_owned()),
            (
                "put-billing-coworkerproducts.md".to_owned(),
                PRODUCTS.to_owned()
            ),
        ]
    );
    assert_eq!(
        outcome.counts().to_string(),
        "pages fetched 4 / unchanged 0 / failed 0"
    );
    // The index and four pages, each asked once; the guide is not fetched.
    assert_eq!(server.request_count(), 5);
    assert!(server.seen_at("/guides/start.md").is_empty());
}

#[test]
fn failed_pages_are_reported_one_by_one_and_the_others_still_arrive() {
    let server = good_site();
    let index = "- [Notes](/rest-api/spaces/get-coworkernotes.md)\n\
                 - [Missing](/rest-api/spaces/get-coworkermissing.md)\n\
                 - [Throttled](/rest-api/crm/post-coworkertasks.md)\n\
                 - [Hanging](/rest-api/spaces/get-coworkerhangs.md)\n\
                 - [Broken](/rest-api/spaces/put-coworkerbroken.md)\n\
                 - [Not a page](/rest-api/spaces/coworkers.md)\n";
    server.page("/llms.txt", index);
    server.failing_first(
        "/rest-api/crm/post-coworkertasks.md",
        429,
        1,
        Some("1"),
        TASKS,
    );
    server.route(
        "/rest-api/spaces/get-coworkerhangs.md",
        docs_server::Route::Hang,
    );
    server.failing_first("/rest-api/spaces/put-coworkerbroken.md", 500, 99, None, "");
    let cache = tempfile::tempdir().expect("temp dir");

    let outcome = fetch_pages_blocking(&options(&server, cache.path())).expect("fetch");

    assert_eq!(
        texts(&outcome),
        [
            ("get-spaces-coworkernotes.md".to_owned(), NOTES.to_owned()),
            ("post-crm-coworkertasks.md".to_owned(), TASKS.to_owned()),
        ]
    );
    let failures: Vec<(String, FetchFailure)> = outcome
        .failures
        .iter()
        .map(|f| (f.page.file_name(), f.failure.clone()))
        .collect();
    assert_eq!(
        failures,
        [
            (
                "get-spaces-coworkerhangs.md".to_owned(),
                FetchFailure::Timeout { attempts: 3 }
            ),
            (
                "get-spaces-coworkermissing.md".to_owned(),
                FetchFailure::Status {
                    status: 404,
                    attempts: 1
                }
            ),
            (
                "put-spaces-coworkerbroken.md".to_owned(),
                FetchFailure::Status {
                    status: 500,
                    attempts: 3
                }
            ),
        ]
    );
    let missing = outcome.failures[1].to_string();
    assert_eq!(
        missing,
        format!(
            "get-spaces-coworkermissing.md (llms.txt:2, {}): HTTP 404 Not Found (1 attempt)",
            server.url("/rest-api/spaces/get-coworkermissing.md")
        )
    );
    assert_eq!(outcome.index_warnings.len(), 1);
    assert_eq!(outcome.index_warnings[0].line, 6);
    assert!(outcome.any_failed());
    assert_eq!(
        outcome.counts().to_string(),
        "pages fetched 2 / unchanged 0 / failed 3"
    );

    // A 404 is final; the 429 is retried once, after the second it asked for.
    assert_eq!(
        server
            .seen_at("/rest-api/spaces/get-coworkermissing.md")
            .len(),
        1
    );
    let throttled = server.seen_at("/rest-api/crm/post-coworkertasks.md");
    assert_eq!(
        throttled.iter().map(|s| s.status).collect::<Vec<_>>(),
        [Some(429), Some(200)]
    );
    let waited = throttled[1].at.duration_since(throttled[0].at);
    assert!(
        waited >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured: {waited:?}"
    );
    assert_eq!(
        server
            .seen_at("/rest-api/spaces/get-coworkerhangs.md")
            .len(),
        3
    );
}

#[test]
fn a_rerun_against_an_unchanged_site_downloads_no_page_again() {
    let server = good_site();
    let cache = tempfile::tempdir().expect("temp dir");
    let options = options(&server, cache.path());
    let first = fetch_pages_blocking(&options).expect("first run");
    assert!(first.bytes_downloaded > 0);
    server.reset_counts();

    let second = fetch_pages_blocking(&options).expect("second run");

    assert_eq!(texts(&second), texts(&first));
    assert_eq!(
        second.counts().to_string(),
        "pages fetched 0 / unchanged 4 / failed 0"
    );
    assert_eq!(second.bytes_downloaded, 0);
    let seen = server.seen();
    assert_eq!(seen.len(), 5, "one small request per page and the index");
    assert!(seen.iter().all(|s| s.status == Some(304)), "{seen:#?}");
    assert!(seen.iter().all(|s| s.if_none_match.is_some()));
    assert!(seen.iter().all(|s| s.if_modified_since.is_some()));
    assert_eq!(server.body_bytes_sent(), 0);
}

#[test]
fn a_page_that_changed_is_downloaded_again_and_only_that_page() {
    let server = good_site();
    let cache = tempfile::tempdir().expect("temp dir");
    let options = options(&server, cache.path());
    fetch_pages_blocking(&options).expect("first run");
    let changed = "# Get CoworkerNotes\n\n> List coworker notes, now with a filter.\n";
    server.page("/rest-api/spaces/get-coworkernotes.md", changed);
    server.reset_counts();

    let second = fetch_pages_blocking(&options).expect("second run");

    assert_eq!(
        statuses(&second),
        [
            (
                "get-spaces-coworkernotes.md".to_owned(),
                PageStatus::Fetched
            ),
            (
                "get-spaces-coworkersettings-by-id.md".to_owned(),
                PageStatus::Unchanged
            ),
            (
                "post-crm-coworkertasks.md".to_owned(),
                PageStatus::Unchanged
            ),
            (
                "put-billing-coworkerproducts.md".to_owned(),
                PageStatus::Unchanged
            ),
        ]
    );
    assert_eq!(second.pages[0].text, changed);
    assert_eq!(server.body_bytes_sent(), changed.len());
    assert_eq!(second.bytes_downloaded, changed.len() as u64);

    // The new version is what the cache holds now: a third run is all 304 again.
    server.reset_counts();
    let third = fetch_pages_blocking(&options).expect("third run");
    assert_eq!(third.pages[0].text, changed);
    assert_eq!(server.body_bytes_sent(), 0);
}

#[test]
fn last_modified_alone_is_enough_for_a_304() {
    let server = good_site();
    server.page_dated(
        "/rest-api/spaces/get-coworkernotes.md",
        NOTES,
        "Tue, 01 Apr 2025 10:00:00 GMT",
    );
    let cache = tempfile::tempdir().expect("temp dir");
    let options = options(&server, cache.path());
    fetch_pages_blocking(&options).expect("first run");
    server.reset_counts();
    let second = fetch_pages_blocking(&options).expect("second run");
    let notes = server.seen_at("/rest-api/spaces/get-coworkernotes.md");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].if_none_match, None);
    assert_eq!(
        notes[0].if_modified_since.as_deref(),
        Some("Tue, 01 Apr 2025 10:00:00 GMT")
    );
    assert_eq!(notes[0].status, Some(304));
    assert_eq!(second.pages[0].status, PageStatus::Unchanged);
    assert_eq!(second.pages[0].text, NOTES);
}

#[test]
fn offline_with_a_warm_cache_makes_no_request() {
    let server = good_site();
    let cache = tempfile::tempdir().expect("temp dir");
    let mut options = options(&server, cache.path());
    let online = fetch_pages_blocking(&options).expect("online run");
    server.reset_counts();

    options.offline = true;
    let offline = fetch_pages_blocking(&options).expect("offline run");

    assert_eq!(server.request_count(), 0);
    assert_eq!(texts(&offline), texts(&online));
    assert_eq!(
        offline.counts().to_string(),
        "pages fetched 0 / unchanged 4 / failed 0"
    );
}

#[test]
fn offline_a_page_missing_from_the_cache_is_a_failed_page() {
    let server = good_site();
    let cache = tempfile::tempdir().expect("temp dir");
    let mut options = options(&server, cache.path());
    options.only = Some("spaces/".to_owned());
    fetch_pages_blocking(&options).expect("warm two pages");
    server.reset_counts();

    options.only = None;
    options.offline = true;
    let offline = fetch_pages_blocking(&options).expect("offline run");

    assert_eq!(server.request_count(), 0);
    assert_eq!(
        offline
            .failures
            .iter()
            .map(|f| (f.page.file_name(), f.failure.clone()))
            .collect::<Vec<_>>(),
        [
            (
                "post-crm-coworkertasks.md".to_owned(),
                FetchFailure::NotInCache
            ),
            (
                "put-billing-coworkerproducts.md".to_owned(),
                FetchFailure::NotInCache
            ),
        ]
    );
    assert_eq!(offline.pages.len(), 2);

    let cold = tempfile::tempdir().expect("temp dir");
    options.cache_dir = cold.path().to_path_buf();
    let error = fetch_pages_blocking(&options).expect_err("no index offline");
    assert!(matches!(
        error,
        SyncError::Index {
            failure: FetchFailure::NotInCache,
            ..
        }
    ));
}

#[test]
fn only_fetches_the_pages_it_matches() {
    let server = good_site();
    let cache = tempfile::tempdir().expect("temp dir");
    let mut options = options(&server, cache.path());
    options.only = Some("*/get-*".to_owned());
    let outcome = fetch_pages_blocking(&options).expect("fetch");
    assert_eq!(
        texts(&outcome)
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>(),
        [
            "get-spaces-coworkernotes.md",
            "get-spaces-coworkersettings-by-id.md"
        ]
    );
    assert_eq!(server.request_count(), 3);

    options.only = Some("[unclosed".to_owned());
    let error = fetch_pages_blocking(&options).expect_err("invalid glob");
    assert!(error.to_string().contains("--only `[unclosed`"), "{error}");
}

#[test]
fn jobs_bounds_the_concurrent_requests() {
    let server = DocsServer::start();
    let mut index = String::new();
    for n in 0..6 {
        let path = format!("/rest-api/spaces/get-things{n}.md");
        index.push_str(&format!("- [Things {n}]({path})\n"));
        server.slow_page(&path, "# Things\n", Duration::from_millis(150));
    }
    server.page("/llms.txt", &index);
    let cache = tempfile::tempdir().expect("temp dir");
    let mut options = options(&server, cache.path());
    options.jobs = 2;
    let outcome = fetch_pages_blocking(&options).expect("fetch");
    assert_eq!(outcome.pages.len(), 6);
    assert_eq!(server.max_in_flight(), 2);
}

#[test]
fn an_unreachable_site_is_one_clear_error() {
    let server = DocsServer::start();
    let base = server.base_url().to_owned();
    drop(server);
    // Give the listener's thread a moment to close the port.
    std::thread::sleep(Duration::from_millis(100));
    let cache = tempfile::tempdir().expect("temp dir");
    let mut options = FetchOptions {
        docs: Some(base.clone()),
        cache_dir: cache.path().to_path_buf(),
        progress: ProgressMode::Quiet,
        ..FetchOptions::default()
    };
    options.http.retries = 1;
    options.http.backoff_base = Duration::from_millis(10);
    let error = fetch_pages_blocking(&options).expect_err("nothing listens");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("cannot read the index {base}/llms.txt: ")),
        "{message}"
    );
    assert!(message.contains("(2 attempts)"), "{message}");

    options.docs = Some("ftp://example.com".to_owned());
    let error = fetch_pages_blocking(&options).expect_err("not http");
    assert!(matches!(error, SyncError::Option(_)), "{error}");
}

#[test]
fn oversized_and_non_text_pages_fail_clearly() {
    let server = good_site();
    server.page(
        "/llms.txt",
        "- [Big](/rest-api/spaces/get-big.md)\n- [Binary](/rest-api/spaces/get-binary.md)\n",
    );
    server.page("/rest-api/spaces/get-big.md", &"x".repeat(5000));
    server.route(
        "/rest-api/spaces/get-binary.md",
        docs_server::Route::Page {
            body: b"# Title\n\xff\xfe".to_vec(),
            etag: None,
            last_modified: None,
            delay: Duration::ZERO,
        },
    );
    let cache = tempfile::tempdir().expect("temp dir");
    let mut options = options(&server, cache.path());
    options.http.max_body_bytes = 1000;
    let outcome = fetch_pages_blocking(&options).expect("fetch");
    assert_eq!(
        outcome
            .failures
            .iter()
            .map(|f| f.failure.to_string())
            .collect::<Vec<_>>(),
        [
            "the page is larger than 1000 bytes",
            "the page is not UTF-8 text (invalid byte at 8)"
        ]
    );
}

#[tokio::test]
async fn the_async_entry_works_inside_a_runtime() {
    let server = good_site();
    let cache = tempfile::tempdir().expect("temp dir");
    let outcome = fetch_pages(&options(&server, cache.path()))
        .await
        .expect("fetch");
    assert_eq!(outcome.pages.len(), 4);
}
