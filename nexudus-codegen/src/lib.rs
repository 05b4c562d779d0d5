//! Turns the Nexudus API specs under `spec/` into the Rust client in `nexudus-generated`.
//!
//! The pipeline is a straight line, one module per step:
//! [`load`] the YAML files, [`validate`] them into one [`model`], emit tokens per concept
//! ([`enums`], [`requests`], [`client`]), then [`output`] formats and writes them.
#![deny(missing_docs)]

pub mod spec;
