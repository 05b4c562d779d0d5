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

// The hand-written HTTP runtime (the request loop, authentication, retries, errors) is the
// crate `nexudus-generated-runtime` (`runtime/`), and the request types, builders and records
// of each API area a crate of their own (`areas/`), all on the hand-written
// `nexudus-generated-core` (`core/`) with the enums: the areas and the runtime then compile
// side by side and none holds the compiler's memory for all of them. This crate joins them:
// the `Client` with its generated methods (`generated/`), the blocking client and the mock,
// and every module and type under the paths they have always had.
#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
#[rustfmt::skip]
mod generated;
#[cfg(feature = "mock")]
pub mod mock;

pub use client::{Client, ClientBuilder};
/// The `Stream` trait of [`RecordStream`], re-exported so callers use the same version.
pub use futures_core::Stream;
// Nothing to re-export when no area feature is on.
#[allow(unused_imports)]
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
pub use nexudus_generated_runtime::Call;
pub use nexudus_generated_runtime::{
    ApiFuture, Credentials, DEFAULT_BASE_URL, Envelope, Error, FieldError, Mutation, Page,
    RateLimit, RecordStream, Redaction, RetryPolicy, decode_mutation,
};

// The README's examples are compiled and run as doctests too, so it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
