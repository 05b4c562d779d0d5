//! The hand-written HTTP runtime of [`nexudus-generated`](https://docs.rs/nexudus-generated):
//! the client and its one request loop, authentication and OAuth2 tokens, retries and rate
//! limiting, response decoding, errors and their redaction, and the response envelope.
//!
//! It is a crate of its own so that it compiles beside the generated API areas rather than
//! after them: it depends on `nexudus-generated-core` alone, and only `nexudus-generated`,
//! whose `Client` adds the generated operation methods to this crate's, depends on it.
//! Use `nexudus-generated`, which re-exports everything here a program names.
#![deny(missing_docs)]

mod auth;
mod client;
// Generated from `spec/envelope.yaml`, and formatted by the generator.
#[rustfmt::skip]
mod envelope;
mod error;
mod operation;
mod paginate;
mod rate_limit;
mod redact;
mod response;
mod retry;

pub use auth::Credentials;
pub use client::{ApiFuture, Client, ClientBuilder, DEFAULT_BASE_URL};
pub use envelope::{Envelope, FieldError};
pub use error::Error;
// What the runtime takes from the core, so its modules name it as `crate::…`; the facade
// re-exports them from the core itself.
use nexudus_generated_core::{
    ListRequest, Method, MissingField, OperationInfo, Sensitive, parse_date_time, serialize,
};
#[doc(hidden)]
pub use operation::Call;
pub use paginate::RecordStream;
pub use rate_limit::RateLimit;
pub use redact::Redaction;
pub use response::{Mutation, Page, decode_mutation};
pub use retry::RetryPolicy;
