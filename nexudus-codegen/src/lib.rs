//! Turns the Nexudus API specs under `spec/` into the Rust client in `nexudus-generated`.
//!
//! The pipeline is a straight line, one private module per step: load the YAML files
//! (`load`), validate them into one model (`validate`, `model`), emit the files (`emit`, one
//! emitter per concept, laid out and formatted by `emit::output`), and compare them with the
//! disk or write them (`drift`). [`generate`] runs the steps from the specs to the files.
//!
//! Everything a caller uses is re-exported here, the way typify and progenitor keep their
//! modules private behind one facade:
//!
//! - the pipeline: [`check_specs`], [`generate`], and the files' places ([`GENERATED_DIR`],
//!   [`OPENAPI_PATH`]);
//! - comparing with and writing to the disk: [`compare_with_disk`], [`write_to_disk`],
//!   [`Change`];
//! - the maintainer workflows `cargo xtask` prints the outcomes of, in [`workflow`]:
//!   `codegen` (regenerate or check the client crate), `import` (doc pages into specs, on a
//!   staging copy), `sync` (the docs site's pages fetched, imported and generated in one run);
//! - fetching the doc pages: [`fetch_pages`], [`FetchOptions`], [`FetchOutcome`];
//! - the change report of a run, in [`report`]: what changed for a downstream crate, by Rust
//!   item, and the version bump it needs.
#![deny(missing_docs)]

mod diagnostics;
mod drift;
mod emit;
mod import;
mod load;
mod model;
mod naming;
mod pipeline;
pub mod report;
#[cfg(feature = "bench")]
mod sample_crate;
mod shared_fields;
mod spec;
mod sync;
#[cfg(feature = "bench")]
mod synth;
mod validate;
pub mod workflow;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use drift::{Change, compare as compare_with_disk, write as write_to_disk};
pub use emit::output::{Files, GENERATED_DIR, OPENAPI_PATH};
pub use import::Warning as ImportWarning;
pub use model::Api;
pub use pipeline::{Checked, Generated, check_specs, generate};
pub use sync::fetch::{FetchFailure, HttpSettings};
pub use sync::index::DEFAULT_DOCS;
pub use sync::progress::ProgressMode;
pub use sync::{
    DEFAULT_CACHE_DIR, DEFAULT_JOBS, FetchOptions, FetchOutcome, FetchedPage, PageFailure,
    PageStatus, SyncError, fetch_pages, fetch_pages_blocking,
};

/// The steps behind the facade, for the crate's integration tests and benchmarks: not a
/// stable API.
#[doc(hidden)]
pub mod testing {
    /// The importer's steps (parse, pair, assemble, merge, YAML).
    pub mod import {
        pub use crate::import::*;
    }
    /// The syntax types of the spec format.
    pub mod spec {
        pub use crate::spec::*;
    }
    pub use crate::emit::openapi::openapi_document;
    pub use crate::emit::output::render;
    pub use crate::import::merge::{leave_enums_to_their_files, merge};
    pub use crate::import::yaml::to_yaml;
    pub use crate::import::{Enum, Field, Spec, import_page};
    pub use crate::load::{LoadedFile, load_dir, parse_file, spec_paths};
    pub use crate::model::{FieldType, OperationKind as ModelOperationKind};
    pub use crate::naming::{camel, field, snake};
    pub use crate::report::compare_documents;
    #[cfg(feature = "bench")]
    pub use crate::sample_crate::write as write_sample_crate;
    pub use crate::spec::{HttpMethod, OperationKind, SpecType};
    #[cfg(feature = "bench")]
    pub use crate::synth::spec_tree;
    pub use crate::validate::validate;
}
