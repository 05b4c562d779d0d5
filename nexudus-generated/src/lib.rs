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

mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
// `macro_use`: the setter macros are then in scope in every module declared below, so a
// generated builder needs no `use` line for them.
#[doc(hidden)]
#[macro_use]
pub mod builder;
mod client;
mod error;
#[rustfmt::skip]
mod generated;
#[cfg(feature = "mock")]
pub mod mock;
mod operation;
mod rate_limit;
mod response;
mod retry;
mod sensitive;
#[doc(hidden)]
pub mod serialize;

pub use auth::Credentials;
pub use client::{ApiFuture, Client, ClientBuilder, DEFAULT_BASE_URL};
pub use error::Error;
pub use generated::*;
/// The date-time types of request fields (`jiff::Timestamp` for UTC, `jiff::civil::DateTime`
/// for the location's local time), re-exported so callers use the same version.
pub use jiff;
#[doc(hidden)]
pub use operation::Call;
pub use operation::{Method, OperationInfo};
pub use rate_limit::RateLimit;
pub use response::{Mutation, Page, decode_mutation, parse_date_time};
pub use retry::RetryPolicy;
pub use sensitive::Sensitive;
