//! A typed client for the [Nexudus](https://nexudus.com) admin REST API.
//!
//! The request types, enums, builders and client methods are generated from the specs under
//! `spec/` by `cargo xtask codegen` (see the `generated` modules, one cargo feature per API
//! area); the client, authentication, retries and errors are written by hand in this crate.
//!
//! ```no_run
//! # async fn run() -> Result<(), nexudus_generated::Error> {
//! use nexudus_generated::Client;
//! use nexudus_generated::spaces::CreateCoworkerNote;
//!
//! let client = Client::builder().basic_auth("admin@example.com", "password").build()?;
//! let note = CreateCoworkerNote::builder().coworker_id(42).notes("Called back").build();
//! let created = client.create_coworker_note(&note).await?;
//! println!("note {:?}", created.id);
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

// The hand-written runtime (client, authentication, retries, errors, the mock) lives in
// `runtime/`, apart from the generated request types, builders and client methods in
// `generated/`. `macro_use`: the builder's setter macros are then in scope in every generated
// module, so a generated builder needs no `use` line for them.
#[macro_use]
mod runtime;
#[rustfmt::skip]
mod generated;

#[cfg(feature = "blocking")]
pub use runtime::blocking;
// Generated builders name their typestate as `crate::builder::…`; each builder's docs say
// what its type parameters track.
#[doc(hidden)]
pub use runtime::builder;
#[cfg(feature = "mock")]
pub use runtime::mock;
// Generated code reaches the runtime's helpers as `crate::serialize::…`, `crate::record::…`,
// `crate::enum_value::…`: public so that no helper is dead code in a crate whose specs use
// none of it, but not part of the documented API.
use runtime::{auth, client, error, operation, paginate, rate_limit, response, retry, sensitive};
#[doc(hidden)]
pub use runtime::{enum_value, record, serialize};

pub use auth::Credentials;
pub use client::{ApiFuture, Client, ClientBuilder, DEFAULT_BASE_URL};
pub use enum_value::UnknownValue;
pub use error::Error;
/// The `Stream` trait of [`RecordStream`], re-exported so callers use the same version.
pub use futures_core::Stream;
pub use generated::*;
/// The date-time types of request fields (`jiff::Timestamp` for UTC, `jiff::civil::DateTime`
/// for the location's local time), re-exported so callers use the same version.
pub use jiff;
#[doc(hidden)]
pub use operation::Call;
pub use operation::{Method, OperationInfo};
pub use paginate::{ListRequest, RecordStream};
pub use rate_limit::RateLimit;
pub use record::{MissingField, parse_local_date_time};
pub use response::{Mutation, Page, decode_mutation, parse_date_time};
pub use retry::RetryPolicy;
pub use sensitive::Sensitive;
