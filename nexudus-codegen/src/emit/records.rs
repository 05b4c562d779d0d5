//! Emits the record struct of an entity: what its get operation answers with and its list
//! operation pages through. Records are read from the server, so every field is optional and
//! fields the docs do not list are ignored rather than refused.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, doc_paragraphs, escape_markdown};
use crate::emit::requests::{field_tokens, json_rename};
use crate::model::{Entity, Field, Record};

/// The record struct of `entity`.
pub fn record_tokens(entity: &Entity, record: &Record) -> TokenStream {
    let name = format_ident!("{}", record.type_name);
    let docs = doc_attrs(&doc_paragraphs([
        format!("A {}, as the API answers with it.", entity.name).as_str(),
        &escape_markdown(&entity.description),
    ]));
    let fields = record.fields.iter().map(record_field_tokens);
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

/// A record field with the attributes of the serde derives: absent fields are not written back.
fn record_field_tokens(field: &Field) -> TokenStream {
    let skip = (!field.required).then(|| quote!(skip_serializing_if = "Option::is_none"));
    let serde_args: Vec<TokenStream> = json_rename(field).into_iter().chain(skip).collect();
    let serde_attrs = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    field_tokens(field, serde_attrs.unwrap_or_default())
}
