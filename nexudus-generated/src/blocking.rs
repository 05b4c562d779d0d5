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

use crate::{ClientBuilder, Error};

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

    /// The async client inside.
    pub fn inner(&self) -> &crate::Client {
        &self.client
    }
}
