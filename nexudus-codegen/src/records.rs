//! Emits the record struct of an entity: what its get operation answers with and its list
//! operation pages through. Records are read from the server, so every field is optional and
//! fields the docs do not list are ignored rather than refused.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::docs::{doc_attrs, doc_paragraphs, escape_markdown};
use crate::model::{Entity, Record};
use crate::requests::field_tokens;

/// The record struct of `entity`.
pub fn record_tokens(entity: &Entity, record: &Record) -> TokenStream {
    let name = format_ident!("{}", record.type_name);
    let docs = doc_attrs(&doc_paragraphs([
        format!("A {}, as the API answers with it.", entity.name).as_str(),
        &escape_markdown(&entity.description),
    ]));
    let fields = record.fields.iter().map(field_tokens);
    quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
        #[serde(rename_all = "PascalCase")]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}
