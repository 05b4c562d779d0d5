//! Walking a list operation page by page as one stream of records.
//!
//! ```no_run
//! # async fn run(client: nexudus_generated_runtime::Client, request: impl nexudus_generated_core::ListRequest<Record = serde_json::Value>) -> Result<(), nexudus_generated_runtime::Error> {
//! use futures_util::TryStreamExt;
//!
//! // Every record, 1,000 per request, at most 2,500 of them.
//! let records: Vec<_> = client.paginate(&request).page_size(1000).limit(2500).try_collect().await?;
//! # Ok(()) }
//! ```

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::{ApiFuture, Call, Client, Error, ListRequest, OperationInfo, Page};

impl Client {
    /// Every record of a list, as a [`Stream`]: requests `page` 1, 2, … (or from the
    /// request's own `page`) while the answer says `HasNextPage`. Each page is one request,
    /// through the same rate limiter, retries and token renewal as any other; a page that
    /// fails ends the stream with its error. Set the records per request with
    /// [`RecordStream::page_size`] and stop early with [`RecordStream::limit`].
    pub fn paginate<R: ListRequest>(&self, request: &R) -> RecordStream<'_, R::Record> {
        RecordStream::new(self, request.operation(), Call::query(request))
    }
}

/// The records of a list operation, page after page; made by [`Client::paginate`] or a
/// generated `list_…_stream` method. Nothing is sent until it is polled.
#[must_use = "a stream does nothing until it is polled"]
pub struct RecordStream<'a, T> {
    client: &'a Client,
    operation: &'static OperationInfo,
    /// The request's parameters other than `page` and `size`, or the error of encoding them
    /// (returned by the first poll).
    filters: Result<Vec<(String, String)>, Option<Error>>,
    next_page: i64,
    page_size: Option<String>,
    limit: Option<usize>,
    yielded: usize,
    buffered: VecDeque<T>,
    pending: Option<ApiFuture<'a, Page<T>>>,
    last_page_read: bool,
}

// Never pinned structurally: the pending request is boxed, the records are moved out.
impl<T> Unpin for RecordStream<'_, T> {}

impl<'a, T: DeserializeOwned + Send + 'static> RecordStream<'a, T> {
    fn new(
        client: &'a Client,
        operation: &'static OperationInfo,
        call: Result<Call, Error>,
    ) -> Self {
        let mut next_page = 1;
        let mut page_size = None;
        let filters = call
            .and_then(|call| {
                serde_urlencoded::from_str::<Vec<(String, String)>>(&call.query)
                    .map_err(|error| Error::Encode(error.to_string()))
            })
            .map(|pairs| {
                pairs
                    .into_iter()
                    .filter(|(name, value)| match name.as_str() {
                        "page" => {
                            next_page = value.parse().unwrap_or(1);
                            false
                        }
                        "size" => {
                            page_size = Some(value.clone());
                            false
                        }
                        _ => true,
                    })
                    .collect()
            })
            .map_err(Some);
        Self {
            client,
            operation,
            filters,
            next_page,
            page_size,
            limit: None,
            yielded: 0,
            buffered: VecDeque::new(),
            pending: None,
            last_page_read: false,
        }
    }

    /// Asks for `size` records per request (the `size` parameter), instead of the request's
    /// own `size` or the server's default (25).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size.to_string());
        self
    }

    /// Ends the stream after `count` records; no page is requested once it is reached.
    pub fn limit(mut self, count: usize) -> Self {
        self.limit = Some(count);
        self
    }
}

/// The request of page `page`: `page`, then `size` when set, then the filters.
fn page_request<'a, T: DeserializeOwned + Send + 'static>(
    client: &'a Client,
    operation: &'static OperationInfo,
    filters: &[(String, String)],
    page: i64,
    size: Option<&str>,
) -> ApiFuture<'a, Page<T>> {
    let page = page.to_string();
    let mut pairs: Vec<(&str, &str)> = vec![("page", &page)];
    if let Some(size) = size {
        pairs.push(("size", size));
    }
    pairs.extend(
        filters
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
    let call = serde_urlencoded::to_string(&pairs)
        .map(|query| Call {
            query,
            ..Call::default()
        })
        .map_err(|error| Error::Encode(error.to_string()));
    client.fetch(operation, call)
}

impl<T: DeserializeOwned + Send + 'static> Stream for RecordStream<'_, T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.limit.is_some_and(|limit| this.yielded >= limit) {
                this.pending = None;
                return Poll::Ready(None);
            }
            if let Some(record) = this.buffered.pop_front() {
                this.yielded += 1;
                return Poll::Ready(Some(Ok(record)));
            }
            if this.last_page_read {
                return Poll::Ready(None);
            }
            if this.pending.is_none() {
                match &mut this.filters {
                    Err(error) => {
                        this.last_page_read = true;
                        return Poll::Ready(error.take().map(Err));
                    }
                    Ok(filters) => {
                        this.pending = Some(page_request(
                            this.client,
                            this.operation,
                            filters,
                            this.next_page,
                            this.page_size.as_deref(),
                        ));
                    }
                }
            }
            let Some(pending) = &mut this.pending else {
                continue;
            };
            let page = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(page) => page,
            };
            this.pending = None;
            match page {
                Err(error) => {
                    this.last_page_read = true;
                    return Poll::Ready(Some(Err(error)));
                }
                Ok(page) => {
                    let more = page.has_next_page.unwrap_or(matches!(
                        (page.current_page, page.total_pages),
                        (Some(current), Some(total)) if current < total
                    ));
                    // An empty page that claims a next one would make the walk endless.
                    this.last_page_read = !more || page.records.is_empty();
                    this.next_page += 1;
                    this.buffered.extend(page.records);
                }
            }
        }
    }
}

impl<T> std::fmt::Debug for RecordStream<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordStream")
            .field("operation", &self.operation.name)
            .field("next_page", &self.next_page)
            .field("page_size", &self.page_size)
            .field("limit", &self.limit)
            .field("yielded", &self.yielded)
            .finish_non_exhaustive()
    }
}
