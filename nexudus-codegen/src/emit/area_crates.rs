//! Each API area is a crate of its own (`nexudus-generated/areas/{area}`): its request types,
//! builders and records, on the hand-written `nexudus-generated-core` alone. The areas then
//! compile side by side, and no compiler holds all of them in memory at once;
//! `nexudus-generated` depends on the areas its features turn on and re-exports each as the
//! module of the area's name. This emits each area crate's manifest and root module.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::output::{COMMAND, MARKER};
use crate::model::Entity;

/// The core crate, as the area crates' code names it: `::nexudus_generated_core::builder::…`,
/// a path no item an area generates can shadow (an operation named `Serialize` has a builder
/// module `serialize` at the area crate's root).
pub const CORE: &str = "nexudus_generated_core";

/// The package name of `area`'s crate.
pub fn crate_name(area: &str) -> String {
    format!("nexudus-generated-{area}")
}

/// The manifest of `area`'s crate. Its version, edition and licence are the workspace's, as
/// are its dependencies' versions, so that every crate of the client is released together.
pub fn manifest(area: &str) -> String {
    let name = crate_name(area);
    format!(
        r#"# {MARKER} by `{COMMAND}` from the specs under spec/. Do not edit by hand.

[package]
name = "{name}"
description = "The `{area}` area of nexudus-generated (requests, builders, records): use nexudus-generated, which re-exports it as `nexudus_generated::{area}`."
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
repository.workspace = true
documentation = "https://docs.rs/nexudus-generated"
keywords = ["nexudus", "coworking", "api-client"]
categories = ["api-bindings"]
include = ["/src/**/*.rs"]

[features]
# `Deserialize` for the request types, forwarded from `nexudus-generated`'s feature of that name.
deserialize = ["nexudus-generated-core/deserialize"]

[dependencies]
jiff.workspace = true
nexudus-generated-core.workspace = true
serde.workspace = true
serde_json.workspace = true
"#
    )
}

/// The root module of `area`'s crate: its documentation, the core's setter macros, and one
/// module per entity, re-exported.
pub fn root_module(area: &str, entities: &[&Entity]) -> TokenStream {
    let modules: Vec<_> = entities
        .iter()
        .map(|e| format_ident!("{}", e.module))
        .collect();
    let doc = format!(
        " Operations under `/api/{area}/` (cargo feature `{area}` of `nexudus-generated`): their request types, builders and records. The client methods that send them are [`Client`](https://docs.rs/nexudus-generated/latest/nexudus_generated/struct.Client.html)'s."
    );
    quote! {
        #![doc = #doc]
        #![deny(missing_docs)]

        // The builders' setter macros, in scope in every module (an area of gets alone uses none).
        #[allow(unused_imports)]
        #[macro_use]
        extern crate nexudus_generated_core;

        #(#[rustfmt::skip] mod #modules;)*
        #(pub use #modules::*;)*
    }
}
