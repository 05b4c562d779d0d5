//! A docs site on 127.0.0.1 for the sync tests: it serves an index and pages from memory,
//! answers conditional requests with 304, can fail a page a set number of times (429 with
//! `Retry-After`, 5xx), hold a request without ever answering, or answer slowly, and records
//! every request (path, validators sent, status, body bytes) so tests can count them.
//!
//! It runs on a thread and runtime of its own, so both blocking and async tests can use it.
//! Include it with `#[path = "support/docs_server.rs"] mod docs_server;`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does for one path.
#[derive(Debug, Clone)]
pub enum Route {
    /// 200 with the body; `etag` and `last_modified` are sent and checked on conditional
    /// requests when set.
    Page {
        /// The body bytes.
        body: Vec<u8>,
        /// The `ETag` sent (and compared with `If-None-Match`).
        etag: Option<String>,
        /// The `Last-Modified` sent (and compared with `If-Modified-Since`).
        last_modified: Option<String>,
        /// How long to wait before answering.
        delay: Duration,
    },
    /// Answers `status` (with `Retry-After` when set) the first `times` requests, then `then`.
    FailFirst {
        /// The error status.
        status: u16,
        /// How many requests fail.
        times: usize,
        /// The `Retry-After` value sent with the failures.
        retry_after: Option<String>,
        /// What later requests get.
        then: Box<Route>,
    },
    /// Reads the request and never answers.
    Hang,
}

/// One request the server saw.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The request path.
    pub path: String,
    /// The `If-None-Match` header, if any.
    pub if_none_match: Option<String>,
    /// The `If-Modified-Since` header, if any.
    pub if_modified_since: Option<String>,
    /// The status answered (`None` for a request that was never answered).
    pub status: Option<u16>,
    /// Body bytes sent.
    pub body_bytes: usize,
    /// When it arrived.
    pub at: Instant,
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Route>,
    failures_served: HashMap<String, usize>,
    seen: Vec<Seen>,
    in_flight: usize,
    max_in_flight: usize,
}

/// The running server; stops when dropped.
pub struct DocsServer {
    base_url: String,
    state: Arc<Mutex<State>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl DocsServer {
    /// Starts an empty site (every path is a 404 until a route is set).
    pub fn start() -> Self {
        let (address_tx, address_rx) = std::sync::mpsc::channel();
        let (shutdown, mut stop) = tokio::sync::oneshot::channel::<()>();
        let state = Arc::new(Mutex::new(State::default()));
        let server_state = Arc::clone(&state);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("docs server runtime");
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1");
                address_tx
                    .send(listener.local_addr().expect("local address"))
                    .expect("send address");
                loop {
                    tokio::select! {
                        _ = &mut stop => break,
                        accepted = listener.accept() => {
                            if let Ok((stream, _)) = accepted {
                                tokio::spawn(serve(stream, Arc::clone(&server_state)));
                            }
                        }
                    }
                }
            });
            // Dropping the runtime here cancels the connections still open (the hanging ones).
        });
        let address = address_rx.recv().expect("docs server address");
        Self {
            base_url: format!("http://{address}"),
            state,
            shutdown: Some(shutdown),
        }
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets what `path` answers.
    pub fn route(&self, path: &str, route: Route) {
        let mut state = self.state();
        state.failures_served.remove(path);
        state.routes.insert(path.to_owned(), route);
    }

    /// A page with an `ETag` (a hash of its body) and a `Last-Modified`.
    pub fn page(&self, path: &str, body: &str) {
        self.route(path, page_route(body.as_bytes()));
    }

    /// A page with `Last-Modified` only, so only `If-Modified-Since` can confirm it.
    pub fn page_dated(&self, path: &str, body: &str, last_modified: &str) {
        self.route(
            path,
            Route::Page {
                body: body.as_bytes().to_vec(),
                etag: None,
                last_modified: Some(last_modified.to_owned()),
                delay: Duration::ZERO,
            },
        );
    }

    /// A page answered after `delay`.
    pub fn slow_page(&self, path: &str, body: &str, delay: Duration) {
        let Route::Page {
            body,
            etag,
            last_modified,
            ..
        } = page_route(body.as_bytes())
        else {
            unreachable!("page_route returns a page");
        };
        self.route(
            path,
            Route::Page {
                body,
                etag,
                last_modified,
                delay,
            },
        );
    }

    /// A page that answers `status` (with `Retry-After` when given) `times` times first.
    pub fn failing_first(
        &self,
        path: &str,
        status: u16,
        times: usize,
        retry_after: Option<&str>,
        body: &str,
    ) {
        self.route(
            path,
            Route::FailFirst {
                status,
                times,
                retry_after: retry_after.map(str::to_owned),
                then: Box::new(page_route(body.as_bytes())),
            },
        );
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state().seen.clone()
    }

    /// The requests of one path.
    pub fn seen_at(&self, path: &str) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| s.path == path).collect()
    }

    /// Requests so far.
    pub fn request_count(&self) -> usize {
        self.state().seen.len()
    }

    /// Body bytes sent so far.
    pub fn body_bytes_sent(&self) -> usize {
        self.state().seen.iter().map(|s| s.body_bytes).sum()
    }

    /// The most requests that were being answered at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.state().max_in_flight
    }

    /// Forgets the requests seen (routes stay), to count a second run alone.
    pub fn reset_counts(&self) {
        let mut state = self.state();
        state.seen.clear();
        state.max_in_flight = 0;
    }
}

impl Drop for DocsServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// A 200 route with validators derived from the body, so a changed body gets a new `ETag`.
fn page_route(body: &[u8]) -> Route {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    Route::Page {
        body: body.to_vec(),
        etag: Some(format!("\"{:016x}\"", hasher.finish())),
        last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".to_owned()),
        delay: Duration::ZERO,
    }
}

struct Request {
    path: String,
    headers: HashMap<String, String>,
}

async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 || buffer.len() > 64 * 1024 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let head = String::from_utf8_lossy(&buffer);
    let mut lines = head.split("\r\n");
    let path = lines.next()?.split_whitespace().nth(1)?.to_owned();
    let headers = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Some(Request { path, headers })
}

async fn serve(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
    let index = {
        let mut state = lock();
        state.in_flight += 1;
        state.max_in_flight = state.max_in_flight.max(state.in_flight);
        state.seen.push(Seen {
            path: request.path.clone(),
            if_none_match: request.headers.get("if-none-match").cloned(),
            if_modified_since: request.headers.get("if-modified-since").cloned(),
            status: None,
            body_bytes: 0,
            at: Instant::now(),
        });
        state.seen.len() - 1
    };
    let route = {
        let mut state = lock();
        let mut route = state.routes.get(&request.path).cloned();
        if let Some(Route::FailFirst { times, then, .. }) = &route {
            let served = state
                .failures_served
                .entry(request.path.clone())
                .or_default();
            if *served >= *times {
                route = Some((**then).clone());
            } else {
                *served += 1;
            }
        }
        route
    };
    let (status, headers, body): (u16, Vec<(String, String)>, Vec<u8>) = match route {
        None => (404, vec![], b"not found".to_vec()),
        Some(Route::Hang) => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return;
        }
        Some(Route::FailFirst {
            status,
            retry_after,
            ..
        }) => (
            status,
            retry_after
                .map(|v| ("Retry-After".to_owned(), v))
                .into_iter()
                .collect(),
            b"try again later".to_vec(),
        ),
        Some(Route::Page {
            body,
            etag,
            last_modified,
            delay,
        }) => {
            tokio::time::sleep(delay).await;
            let etag_matches =
                etag.is_some() && request.headers.get("if-none-match") == etag.as_ref();
            let date_matches = !request.headers.contains_key("if-none-match")
                && last_modified.is_some()
                && request.headers.get("if-modified-since") == last_modified.as_ref();
            let mut headers = Vec::new();
            if let Some(etag) = etag {
                headers.push(("ETag".to_owned(), etag));
            }
            if let Some(date) = last_modified {
                headers.push(("Last-Modified".to_owned(), date));
            }
            if etag_matches || date_matches {
                (304, headers, Vec::new())
            } else {
                (200, headers, body)
            }
        }
    };
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nContent-Type: text/markdown; charset=utf-8\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(&body).await;
    let _ = stream.shutdown().await;
    let mut state = lock();
    state.in_flight -= 1;
    if let Some(seen) = state.seen.get_mut(index) {
        seen.status = Some(status);
        seen.body_bytes = body.len();
    }
}
