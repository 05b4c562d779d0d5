//! The hand-written part of the crate: the HTTP client and its request loop, authentication,
//! retries and rate limiting, response decoding and errors, the builders' typestate and
//! setter macros, and the mock server. Generated code calls into it; it never calls back.

pub mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
#[macro_use]
pub mod builder;
pub mod client;
pub mod enum_value;
pub mod error;
#[cfg(feature = "mock")]
pub mod mock;
pub mod operation;
pub mod paginate;
pub mod rate_limit;
pub mod record;
pub mod redact;
pub mod response;
pub mod retry;
pub mod sensitive;
pub mod serialize;
