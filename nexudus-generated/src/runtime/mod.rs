//! The hand-written part of the crate: the HTTP client and its request loop, authentication,
//! retries and rate limiting, and response decoding and errors, and the mock server
//! (the builders' typestate and the JSON writer are in `nexudus-generated-core`). Generated code calls into it; it never calls back.

pub mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
pub mod client;
pub mod error;
#[cfg(feature = "mock")]
pub mod mock;
pub mod operation;
pub mod paginate;
pub mod rate_limit;
pub mod redact;
pub mod response;
pub mod retry;
