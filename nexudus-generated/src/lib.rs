//! A typed async client for the [Nexudus](https://nexudus.com) admin REST API.
//!
//! One request type and one [`Client`] method per documented operation, grouped in a module per
//! API area ([`spaces`], [`crm`], …); builders whose `build()` compiles only once every required
//! field is set; one [`Error`] that tells a rejected field ([`Error::Validation`]) from a wrong
//! password from a network failure; retries that follow Nexudus's throttling ([`RetryPolicy`]).
//! The request types, enums and methods are generated from specs that transcribe the Nexudus
//! doc pages; the client, authentication, retries and errors are written by hand.
//!
//! # Install
//!
//! ```sh
//! cargo add nexudus-generated
//! cargo add tokio --features macros,rt-multi-thread
//! ```
//!
//! # Example
//!
//! ```no_run
//! use nexudus_generated::spaces::CreateCoworkerNote;
//! use nexudus_generated::{Client, Error};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Error> {
//!     let client = Client::builder()
//!         .basic_auth("admin@example.com", "password") // or .bearer_token(…), .oauth2(…)
//!         .build()?;
//!     let note = CreateCoworkerNote::builder()
//!         .coworker_id(42)
//!         .notes("Called back")
//!         .build();
//!     match client.create_coworker_note(&note).await {
//!         Ok(created) => println!("note {:?}", created.id),
//!         Err(Error::Validation { errors, .. }) => {
//!             for error in errors {
//!                 println!("{:?}: {:?}", error.property_name, error.message);
//!             }
//!         }
//!         Err(other) => return Err(other),
//!     }
//!     Ok(())
//! }
//! ```
//!
//! [`mock::MockServer`] (feature `mock`) is a fake Nexudus on 127.0.0.1 for your tests, and
//! [`blocking::Client`] (feature `blocking`) the same client for programs without a runtime.
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `spaces`, `crm`, … | yes | one per API area, the module of the same name: a crate that needs one area compiles only that one |
//! | `rustls-ring` | yes | `https` through rustls with the ring crypto provider (no C toolchain) |
//! | `rustls-aws-lc` | | `https` through rustls with aws-lc-rs (a C build); wins over `rustls-ring` |
//! | `native-tls` | | `https` through the platform's TLS (OpenSSL, Secure Transport, SChannel); wins over rustls |
//! | `blocking` | | [`blocking::Client`] |
//! | `mock` | | [`mock::MockServer`] |
//! | `deserialize` | | `Deserialize` for the request types (with `deny_unknown_fields`), for tools that read requests back |
//!
//! To pick areas or another TLS backend, turn the defaults off:
//! `nexudus-generated = { version = "0.1", default-features = false, features = ["spaces", "rustls-ring"] }`.
//! With no TLS feature the client speaks plain `http` only (the mock server, a local proxy):
//! [`ClientBuilder::build`] refuses an `https` base URL with an [`Error::Config`] naming the
//! features. With `rustls-ring` alone, building a client installs ring as the process's default
//! rustls provider unless the program installed one first; a reqwest client of your own
//! (proxies, certificates) goes to [`ClientBuilder::http_client`].
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// The hand-written runtime (client, authentication, retries, errors, the mock) lives in
// `runtime/`, and the generated client methods in `generated/`. The request types, builders
// and records of each API area are a crate of their own (`areas/`), on the hand-written
// `nexudus-generated-core` (`core/`) with the enums: the areas then compile side by side and
// none holds the compiler's memory for all of them. Their modules are re-exported here under
// the paths they have always had.
mod runtime;
#[rustfmt::skip]
mod generated;

#[cfg(feature = "blocking")]
pub use runtime::blocking;
#[cfg(feature = "mock")]
pub use runtime::mock;
use runtime::{auth, client, error, operation, paginate, rate_limit, redact, response, retry};

pub use auth::Credentials;
pub use client::{ApiFuture, Client, ClientBuilder, DEFAULT_BASE_URL};
pub use error::Error;
/// The `Stream` trait of [`RecordStream`], re-exported so callers use the same version.
pub use futures_core::Stream;
pub use generated::*;
/// The date-time types of request fields (`jiff::Timestamp` for UTC, `jiff::civil::DateTime`
/// for the location's local time), re-exported so callers use the same version.
pub use jiff;
// Generated builders name their typestate as `nexudus_generated::builder::…` in their docs;
// each builder's docs say what its type parameters track.
pub use nexudus_generated_core::{
    ListRequest, Method, MissingField, OperationInfo, Sensitive, UnknownValue, enums,
    parse_date_time, parse_local_date_time,
};
#[doc(hidden)]
pub use nexudus_generated_core::{builder, enum_value, record, serialize};
#[doc(hidden)]
pub use operation::Call;
pub use paginate::RecordStream;
pub use rate_limit::RateLimit;
pub use redact::Redaction;
pub use response::{Mutation, Page, decode_mutation};
pub use retry::RetryPolicy;

// The README's examples are compiled and run as doctests too, so it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
