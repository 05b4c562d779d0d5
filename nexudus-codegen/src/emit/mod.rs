//! The emit step: the checked [`crate::model::Api`] into the generated files, one emitter per
//! concept, laid out, formatted and named by [`output`].

pub mod area_crates;
pub mod builders;
pub mod client;
pub mod docs;
pub mod enums;
pub mod envelope;
pub mod features;
pub mod openapi;
pub mod output;
pub mod printed_docs;
pub mod records;
pub mod requests;
pub mod shared_fields;
pub mod spacing;
pub mod splice;
pub mod string_enums;
pub mod types;
