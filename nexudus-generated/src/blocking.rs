//! A blocking client for scripts and command-line tools (cargo feature `blocking`).
//!
//! It wraps the async [`crate::Client`] and a private single-threaded runtime, so it shares
//! every behaviour of the async client: retries, throttling, tokens, decoding, tracing.
//!
//! ```no_run
//! use nexudus_generated::spaces::CreateCoworkerNote;
//! use nexudus_generated::{Client, Error, blocking};
//!
//! fn main() -> Result<(), Error> {
//!     let client = blocking::Client::new(
//!         Client::builder().basic_auth("admin@example.com", "password"),
//!     )?;
//!     let note = CreateCoworkerNote::builder().coworker_id(42).notes("Called back").build();
//!     let created = client.call(|client| client.create_coworker_note(&note))?;
//!     println!("note {:?}", created.id);
//!     Ok(())
//! }
//! ```
#![cfg_attr(docsrs, doc(cfg(feature = "blocking")))]

use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::{ClientBuilder, Error, ListRequest, RecordStream};

/// A [`crate::Client`] whose operations block the calling thread.
///
/// Do not use it inside an async runtime: blocking there stalls the runtime's threads (and
/// tokio refuses to start a runtime inside one).
#[derive(Debug)]
pub struct Client {
    client: crate::Client,
    runtime: tokio::runtime::Runtime,
}

impl Client {
    /// Builds the async client from `builder` and a runtime to drive it.
    pub fn new(builder: ClientBuilder) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| {
                Error::Config(format!(
                    "cannot start the blocking client's runtime: {error}"
                ))
            })?;
        // reqwest's connector needs the runtime's context while the client is built.
        let client = {
            let _entered = runtime.enter();
            builder.build()?
        };
        Ok(Self { client, runtime })
    }

    /// Runs one operation of the async client to completion:
    /// `client.call(|c| c.create_coworker_note(&note))`.
    pub fn call<'a, F, Fut>(&'a self, operation: F) -> Fut::Output
    where
        F: FnOnce(&'a crate::Client) -> Fut,
        Fut: Future,
    {
        self.runtime.block_on(operation(&self.client))
    }

    /// Every record of a list, page after page, as an iterator: the blocking
    /// [`paginate`](nexudus_generated_runtime::Client::paginate). `client.paginate(&request).take(10)`
    /// stops after ten.
    pub fn paginate<R: ListRequest>(&self, request: &R) -> Records<'_, R::Record> {
        self.iter(|client| client.paginate(request))
    }

    /// A stream of the async client as an iterator, to set its page size or limit:
    /// `client.iter(|c| c.list_desks_stream(&request).page_size(500).limit(2000))`.
    pub fn iter<'a, T, F>(&'a self, stream: F) -> Records<'a, T>
    where
        F: FnOnce(&'a crate::Client) -> RecordStream<'a, T>,
        T: DeserializeOwned + Send + 'static,
    {
        Records {
            runtime: &self.runtime,
            stream: stream(&self.client),
        }
    }

    /// The async client inside.
    pub fn inner(&self) -> &crate::Client {
        &self.client
    }
}

/// The records of a list, fetched a page at a time as the iterator is advanced; made by
/// [`Client::paginate`] or [`Client::iter`]. A failing page yields its error, then `None`.
#[must_use = "an iterator does nothing until it is advanced"]
pub struct Records<'a, T> {
    runtime: &'a tokio::runtime::Runtime,
    stream: RecordStream<'a, T>,
}

impl<T: DeserializeOwned + Send + 'static> Iterator for Records<'_, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let stream = &mut self.stream;
        self.runtime.block_on(std::future::poll_fn(|cx| {
            Pin::new(&mut *stream).poll_next(cx)
        }))
    }
}

impl<T> std::fmt::Debug for Records<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("stream", &self.stream)
            .finish()
    }
}
