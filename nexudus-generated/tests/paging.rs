//! Walking a list's pages as one stream (and, blocking, one iterator), against an independent
//! server on 127.0.0.1 that answers `page`/`size` like Nexudus does.

mod support;

use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use nexudus_generated::{Client, Error, ListRequest, Method, OperationInfo, RetryPolicy};
use serde_json::{Value, json};
use support::{Reply, Seen, TestServer};

const LIST_DESKS: OperationInfo =
    OperationInfo::new("ListDesks", Method::Get, "/api/spaces/desks", "Desk-List");

/// A list request as the generator writes one: its parameters under their documented names.
#[derive(Default)]
struct ListDesks {
    page: Option<i64>,
    size: Option<i64>,
    active: Option<bool>,
}

impl nexudus_generated::serialize::WriteFields for ListDesks {
    fn write_fields<'v>(&'v self, fields: &mut nexudus_generated::serialize::Fields<'_, 'v>) {
        fields.optional("page", "page", &self.page);
        fields.optional("size", "size", &self.size);
        fields.optional("active", "Desk_Active", &self.active);
    }
}

impl ListRequest for ListDesks {
    type Record = Value;

    fn operation(&self) -> &'static OperationInfo {
        &LIST_DESKS
    }
}

fn query(seen: &Seen) -> Vec<(String, String)> {
    let query = seen.path.split_once('?').map_or("", |(_, query)| query);
    serde_urlencoded::from_str(query).unwrap()
}

fn parameter(seen: &Seen, name: &str) -> Option<i64> {
    query(seen)
        .into_iter()
        .find(|(key, _)| key == name)
        .and_then(|(_, value)| value.parse().ok())
}

/// A server holding `total` desks (ids 1…total), paging them as asked (25 by default).
fn desks(total: i64) -> impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static {
    move |seen, _| {
        let page = parameter(seen, "page").unwrap_or(1);
        let size = parameter(seen, "size").unwrap_or(25);
        let first = (page - 1) * size + 1;
        let records: Vec<Value> = (first..=(first + size - 1).min(total))
            .map(|id| json!({"Id": id, "Name": format!("Desk {id}")}))
            .collect();
        let pages = (total + size - 1) / size;
        Reply::json(
            200,
            json!({
                "Records": records,
                "CurrentPage": page,
                "CurrentPageSize": size,
                "TotalItems": total,
                "TotalPages": pages,
                "HasNextPage": page < pages,
                "HasPreviousPage": page > 1,
            }),
        )
    }
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(&server.base_url)
        .bearer_token("token")
        .retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(20)),
        )
        .build()
        .unwrap()
}

fn ids(records: &[Value]) -> Vec<i64> {
    records.iter().map(|r| r["Id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn every_record_of_2500_comes_once_in_order_in_three_requests() {
    let server = TestServer::start(desks(2500)).await;
    let client = client(&server);
    let request = ListDesks {
        active: Some(true),
        ..ListDesks::default()
    };
    let records: Vec<Value> = client
        .paginate(&request)
        .page_size(1000)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&records), (1..=2500).collect::<Vec<_>>());
    let seen = server.seen();
    assert_eq!(seen.len(), 3, "{seen:?}");
    for (number, seen) in seen.iter().enumerate() {
        assert_eq!(seen.method, "GET");
        assert_eq!(
            seen.path,
            format!(
                "/api/spaces/desks?page={}&size=1000&Desk_Active=true",
                number + 1
            )
        );
        assert_eq!(seen.header("authorization"), Some("Bearer token"));
    }
}

#[tokio::test]
async fn a_limit_stops_early_and_the_request_s_own_page_and_size_are_kept() {
    let server = TestServer::start(desks(2500)).await;
    let client = client(&server);
    let request = ListDesks {
        page: Some(3),
        size: Some(10),
        ..ListDesks::default()
    };
    let records: Vec<Value> = client
        .paginate(&request)
        .limit(15)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&records), (21..=35).collect::<Vec<_>>());
    let paths: Vec<String> = server.seen().into_iter().map(|s| s.path).collect();
    assert_eq!(
        paths,
        [
            "/api/spaces/desks?page=3&size=10",
            "/api/spaces/desks?page=4&size=10"
        ]
    );
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let server = TestServer::start(|seen, number| match parameter(seen, "page") {
        Some(2) => Reply::raw(500, "text/html", "<html>Server Error</html>"),
        _ => desks(100)(seen, number),
    })
    .await;
    let client = client(&server);
    let mut stream = client.paginate(&ListDesks::default());
    let mut received = Vec::new();
    let mut failure = None;
    while let Some(item) = stream.next().await {
        match item {
            Ok(record) => received.push(record),
            Err(error) => failure = Some(error),
        }
    }
    assert_eq!(ids(&received), (1..=25).collect::<Vec<_>>());
    assert!(
        matches!(failure, Some(Error::Http { status: 500, .. })),
        "{failure:?}"
    );
    // The second page was retried (a GET may be), then given up: no third page.
    assert!(
        server
            .seen()
            .iter()
            .all(|s| parameter(s, "page") != Some(3))
    );
}

#[tokio::test]
async fn a_throttled_page_is_retried_like_any_request() {
    let server = TestServer::start(|seen, number| match number {
        1 => Reply::throttled("0"),
        _ => desks(40)(seen, number),
    })
    .await;
    let client = client(&server);
    let records: Vec<Value> = client
        .paginate(&ListDesks::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&records), (1..=40).collect::<Vec<_>>());
    assert_eq!(server.seen().len(), 3);
}

#[test]
fn the_blocking_client_walks_the_pages_as_an_iterator() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(TestServer::start(desks(60)));
    let client = nexudus_generated::blocking::Client::new(
        Client::builder()
            .base_url(&server.base_url)
            .bearer_token("token"),
    )
    .unwrap();
    let all: Vec<i64> = client
        .paginate(&ListDesks::default())
        .map(|record| record.unwrap()["Id"].as_i64().unwrap())
        .collect();
    assert_eq!(all, (1..=60).collect::<Vec<_>>());
    let first_five: Vec<Value> = client
        .iter(|c| c.paginate(&ListDesks::default()).page_size(2).limit(5))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids(&first_five), [1, 2, 3, 4, 5]);
}
