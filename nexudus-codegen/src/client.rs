//! Emits one async `Client` method per operation. The method only names the endpoint and
//! serializes the body; the hand-written, non-generic `Client::execute` does the rest, so
//! a thousand operations do not instantiate a thousand copies of the HTTP logic.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::docs::{doc_attrs, doc_paragraphs, escape_markdown};
use crate::model::{Entity, Operation, OperationKind};
use crate::requests::endpoint_doc;

/// The `impl crate::Client` block with the method of `operation`.
pub fn client_method(entity: &Entity, operation: &Operation) -> TokenStream {
    let method = format_ident!("{}", operation.method_name);
    let request = format_ident!("{}", operation.type_name);
    let record = entity.record.as_ref().map_or_else(
        || quote!(::serde_json::Value),
        |record| {
            let name = format_ident!("{}", record.type_name);
            quote!(#name)
        },
    );
    let (made_with, answer, call) = match operation.kind {
        OperationKind::Create | OperationKind::Update => (
            "builder",
            quote!(crate::Mutation),
            quote!(self.execute(&#request::OPERATION, crate::json_body(request)?)),
        ),
        OperationKind::List => (
            "builder",
            quote!(crate::Page<#record>),
            quote!(self.fetch(&#request::OPERATION, crate::Call {
                query: crate::query_string(request)?,
                ..::std::default::Default::default()
            })),
        ),
        OperationKind::Get => (
            "new",
            record.clone(),
            quote!(self.fetch(&#request::OPERATION, crate::Call {
                id: ::std::option::Option::Some(request.id),
                ..::std::default::Default::default()
            })),
        ),
        OperationKind::Delete => (
            "new",
            quote!(crate::Mutation),
            quote!(self.mutate(&#request::OPERATION, crate::Call {
                id: ::std::option::Option::Some(request.id),
                ..::std::default::Default::default()
            })),
        ),
    };
    let docs = doc_attrs(&doc_paragraphs([
        escape_markdown(&operation.summary).as_str(),
        &endpoint_doc(operation),
        &format!(
            "The request is a [`{0}`], made with [`{0}::{made_with}`].",
            operation.type_name
        ),
    ]));
    quote! {
        impl crate::Client {
            #docs
            pub async fn #method(&self, request: &#request) -> ::std::result::Result<#answer, crate::Error> {
                #call.await
            }
        }
    }
}
