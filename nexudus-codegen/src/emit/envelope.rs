//! Emits the response envelope every operation answers with, from `spec/envelope.yaml`.
//! Every field is optional and unknown fields are ignored: Nexudus omits fields freely
//! (a 400 has no `Status`) and adds new ones.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{doc_attrs, escape_markdown};
use crate::model::{Envelope, EnvelopeField, EnvelopeType};
use crate::naming::ident;

/// The module `envelope` with `Envelope` and `FieldError`.
pub fn envelope_module(envelope: &Envelope) -> TokenStream {
    let docs = doc_attrs(&escape_markdown(&envelope.description));
    let fields = envelope.fields.iter().map(field_tokens);
    let error_fields = envelope.error_fields.iter().map(field_tokens);
    quote! {
        //! The JSON envelope of every Nexudus answer.

        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::default::Default, ::std::cmp::PartialEq, ::serde::Deserialize, ::serde::Serialize)]
        pub struct Envelope {
            #(#fields)*
        }

        /// One validation error of an [`Envelope`]: which property was wrong and why.
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::default::Default, ::std::cmp::PartialEq, ::serde::Deserialize, ::serde::Serialize)]
        pub struct FieldError {
            #(#error_fields)*
        }
    }
}

fn field_tokens(field: &EnvelopeField) -> TokenStream {
    let docs = doc_attrs(&format!(
        "{} (JSON `{}`).",
        escape_markdown(field.description.trim()),
        field.json_name
    ));
    let name = ident(&field.rust_name);
    let json = &field.json_name;
    let ty = match field.ty {
        EnvelopeType::String => quote!(::std::string::String),
        EnvelopeType::Integer => quote!(i64),
        EnvelopeType::Boolean => quote!(bool),
        EnvelopeType::Any => quote!(::serde_json::Value),
        EnvelopeType::Errors => quote!(::std::vec::Vec<FieldError>),
    };
    quote! {
        #docs
        #[serde(rename = #json, default, skip_serializing_if = "::std::option::Option::is_none")]
        pub #name: ::std::option::Option<#ty>,
    }
}
