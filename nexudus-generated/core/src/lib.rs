//! The part of [`nexudus-generated`](https://docs.rs/nexudus-generated) that its request types
//! are built on, in a crate of its own so that each API area's crate depends on it alone and
//! the areas compile side by side: the builders' typestate and setter macros, the
//! non-generic JSON writer, [`Sensitive`] fields, forward-compatible enums ([`enums`]),
//! [`OperationInfo`] and the readers of record fields.
//!
//! Use `nexudus-generated`, which re-exports everything here a program names; only the
//! generated area crates name this one.
#![deny(missing_docs)]

#[doc(hidden)]
pub mod builder;
#[doc(hidden)]
pub mod enum_value;
// Generated, and formatted by the generator.
#[rustfmt::skip]
pub mod enums;
mod operation;
#[doc(hidden)]
pub mod record;
mod sensitive;
#[doc(hidden)]
pub mod serialize;

pub use enum_value::UnknownValue;
pub use operation::{ListRequest, Method, OperationInfo};
pub use record::{MissingField, parse_date_time, parse_local_date_time};
pub use sensitive::Sensitive;
