//! Step 4: lay the emitted tokens out as files, format them with prettyplease and put the
//! `@generated` preamble on each. The result is a sorted map, so the same model always
//! gives the same bytes.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use crate::emit::builders::builder_module;
use crate::emit::client::{client_methods_module, client_root_module, list_request_impl};
use crate::emit::docs::{doc_paragraphs, escape_markdown, inner_doc_attrs};
use crate::emit::enums::enums_module;
use crate::emit::envelope::envelope_module;
use crate::emit::records::record_tokens;
use crate::emit::requests::request_tokens;
use crate::emit::shared_fields::{Sharing, shared_fields_tokens};
use crate::model::{Api, Entity};

/// Where the generated Rust files of `nexudus-generated` itself live (the client methods, the
/// areas' re-exports), relative to the workspace root.
pub const GENERATED_DIR: &str = "nexudus-generated/src/generated";

/// Where the generated crates of the API areas live, one directory each, relative to the
/// workspace root.
pub const AREAS_DIR: &str = "nexudus-generated/areas";

/// The generated enums, in the hand-written core crate the areas share.
pub const ENUMS_PATH: &str = "nexudus-generated/core/src/enums.rs";

/// The generated response envelope, in the hand-written runtime crate that decodes it.
pub const ENVELOPE_PATH: &str = "nexudus-generated/runtime/src/envelope.rs";

/// The directories the generator owns files in: a generated file there that no spec gives any
/// more is stale.
pub const GENERATED_DIRS: [&str; 2] = [GENERATED_DIR, AREAS_DIR];

/// The OpenAPI 3.1 document of every operation, relative to the workspace root.
pub const OPENAPI_PATH: &str = "spec/openapi.json";

/// The copy of the OpenAPI document inside the client crate, which the mock server reads its
/// operation table from: a packaged crate cannot reach `spec/` outside it.
pub const CRATE_OPENAPI_PATH: &str = "nexudus-generated/src/generated/openapi.json";

/// The JSON Schema of the spec format, relative to the workspace root.
pub const SCHEMA_PATH: &str = "spec/nexudus-spec.schema.json";

/// The command that regenerates the files; named in every preamble.
pub const COMMAND: &str = "cargo xtask codegen";

/// The marker that tells generated files from hand-written ones.
pub const MARKER: &str = "@generated";

/// Generated files by path relative to the workspace root.
pub type Files = BTreeMap<String, String>;

/// Every file of the generated crate for `api`.
pub fn render(api: &Api) -> Result<Files, String> {
    let mut files = Files::new();
    files.insert(SCHEMA_PATH.to_owned(), spec_schema());
    // The OpenAPI document is the largest single file: first in the queue, so the other
    // cores format Rust files meanwhile.
    let mut queued = vec![
        (OPENAPI_PATH.to_owned(), OutputFile::OpenApi),
        (format!("{GENERATED_DIR}/mod.rs"), OutputFile::Root),
        (
            format!("{GENERATED_DIR}/client/mod.rs"),
            OutputFile::ClientRoot,
        ),
        (ENUMS_PATH.to_owned(), OutputFile::Enums),
        (ENVELOPE_PATH.to_owned(), OutputFile::Envelope),
    ];
    for area in api.areas() {
        let entities: Vec<&Entity> = api.entities.iter().filter(|e| e.area == area).collect();
        files.insert(
            format!("{AREAS_DIR}/{area}/Cargo.toml"),
            crate::emit::area_crates::manifest(area),
        );
        for entity in &entities {
            // `mod r#type;` is read from `type.rs`.
            let path = format!(
                "{AREAS_DIR}/{area}/src/{}.rs",
                crate::naming::unraw(&entity.module)
            );
            queued.push((path, OutputFile::Entity(entity)));
        }
        queued.push((
            format!("{GENERATED_DIR}/client/{area}.rs"),
            OutputFile::Methods(area, entities.clone()),
        ));
        queued.push((
            format!("{AREAS_DIR}/{area}/src/lib.rs"),
            OutputFile::Area(area, entities),
        ));
    }
    // Formatting is most of the run and files are independent: spread them over the cores.
    // Results come back in input order and land in a sorted map, so the bytes do not depend
    // on which thread finished first.
    let rendered: Vec<_> = queued
        .par_iter()
        .map(|(_, file)| {
            let all_specs = "the specs under spec/";
            match file {
                OutputFile::OpenApi => Ok(crate::emit::openapi::openapi_document(api)),
                OutputFile::Root => format_file(|| root_module(api), all_specs),
                OutputFile::ClientRoot => format_file(|| client_root_module(api), all_specs),
                OutputFile::Enums => format_file(|| enums_module(api), all_specs),
                OutputFile::Envelope => format_file(|| envelope_module(&api.envelope), all_specs),
                OutputFile::Area(area, entities) => format_file(
                    || crate::emit::area_crates::root_module(area, entities),
                    all_specs,
                ),
                OutputFile::Methods(area, entities) => {
                    format_file(|| client_methods_module(area, entities), all_specs)
                }
                OutputFile::Entity(entity) => format_file(
                    || entity_module(entity),
                    &format!("spec/{}", entity.spec_path),
                ),
            }
        })
        .collect();
    for ((path, _), text) in queued.into_iter().zip(rendered) {
        files.insert(path, text?);
    }
    if let Some(document) = files.get(OPENAPI_PATH).cloned() {
        files.insert(CRATE_OPENAPI_PATH.to_owned(), document);
    }
    Ok(files)
}

/// One file of the generated crate, or the OpenAPI document beside the specs.
enum OutputFile<'a> {
    OpenApi,
    Root,
    ClientRoot,
    Enums,
    Envelope,
    Area(&'a str, Vec<&'a Entity>),
    Methods(&'a str, Vec<&'a Entity>),
    Entity(&'a Entity),
}

fn root_module(api: &Api) -> TokenStream {
    let areas = api.areas().into_iter().map(|area| {
        let module = format_ident!("{}", area);
        let krate = format_ident!(
            "{}",
            crate::emit::area_crates::crate_name(area).replace('-', "_")
        );
        quote! {
            #[cfg(feature = #area)]
            #[cfg_attr(docsrs, doc(cfg(feature = #area)))]
            #[doc(inline)]
            pub use #krate as #module;
        }
    });
    quote! {
        //! What is generated from the specs into this crate: the client methods, and the API
        //! areas' modules, each the root of the area's own crate.

        mod client;

        #(#areas)*
    }
}

fn entity_module(entity: &Entity) -> TokenStream {
    let docs = inner_doc_attrs(&doc_paragraphs([
        entity.name.as_str(),
        &escape_markdown(&entity.description),
    ]));
    let record = entity
        .record
        .as_ref()
        .map(|record| record_tokens(entity, record));
    // The shared fields come before the first of the two requests that share them.
    let first_sharing = entity
        .shared
        .as_ref()
        .map(|shared| shared.create.min(shared.update));
    let operations = entity
        .operations
        .iter()
        .enumerate()
        .map(|(index, operation)| {
            let sharing = Sharing::of(entity, index);
            let shared = entity
                .shared
                .as_ref()
                .filter(|_| first_sharing == Some(index))
                .map(|shared| shared_fields_tokens(entity, shared));
            let request = request_tokens(entity, operation, sharing);
            let builder = (!operation.kind.takes_id())
                .then(|| builder_module(operation, sharing, entity.record.is_some()));
            let list = list_request_impl(entity, operation);
            quote!(#shared #request #builder #list)
        });
    quote! {
        #docs
        #record
        #(#operations)*
    }
}

/// Emits one file with `emit`, its per-field nodes spliced in ([`crate::emit::splice`]), formats
/// it (prettyplease, then a blank line between items) and puts the preamble on it; a token
/// stream that does not parse is a bug in an emitter, reported rather than written.
pub fn format_file(emit: impl FnOnce() -> TokenStream, source: &str) -> Result<String, String> {
    let (file, doc_lines) =
        crate::emit::printed_docs::collecting(|| crate::emit::splice::parse_spliced(emit));
    let file =
        file.map_err(|error| format!("generated code for {source} does not parse: {error}"))?;
    let printed = crate::emit::spacing::space_items(&prettyplease::unparse(&file));
    let printed = crate::emit::printed_docs::restore(&printed, &doc_lines)
        .map_err(|error| format!("generated code for {source}: {error}"))?;
    Ok(format!(
        "// {MARKER} by `{COMMAND}` from {source}. Do not edit by hand.\n\n{printed}"
    ))
}

/// The JSON Schema of the spec format, from the same types the loader reads, so editors
/// complete and check exactly the keys the generator accepts.
pub fn spec_schema() -> String {
    let mut schema = schemars::schema_for!(crate::spec::SpecFile);
    schema.insert(
        "$comment".to_owned(),
        format!("{MARKER} by `{COMMAND}` from nexudus-codegen/src/spec.rs").into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
