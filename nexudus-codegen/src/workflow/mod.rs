//! The maintainer workflows, as functions that return what happened: `cargo xtask` only
//! parses arguments and prints these outcomes.
//!
//! [`codegen`] regenerates (or checks) the client crate from the specs; [`import`] reads doc
//! pages into the specs on a staging copy and copies the result back only when it generates;
//! [`sync`] fetches the docs site's pages, imports them and regenerates, in one run.

pub mod codegen;
pub mod import;
pub mod sync;
