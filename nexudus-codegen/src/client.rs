//! Emits one async `Client` method per operation. The method only names the endpoint and
//! serializes the body; the hand-written, non-generic `Client::execute` does the rest, so
//! a thousand operations do not instantiate a thousand copies of the HTTP logic.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::docs::{doc_attrs, doc_paragraphs, escape_markdown};
use crate::model::Operation;
use crate::requests::endpoint_doc;

/// The `impl crate::Client` block with the method of `operation`.
pub fn client_method(operation: &Operation) -> TokenStream {
    let method = format_ident!("{}", operation.method_name);
    let request = format_ident!("{}", operation.type_name);
    let docs = doc_attrs(&doc_paragraphs([
        escape_markdown(&operation.summary).as_str(),
        &endpoint_doc(operation),
        &format!(
            "The body is a [`{0}`], made with [`{0}::builder`].",
            operation.type_name
        ),
    ]));
    quote! {
        impl crate::Client {
            #docs
            pub async fn #method(&self, request: &#request) -> ::std::result::Result<crate::Mutation, crate::Error> {
                self.execute(&#request::OPERATION, crate::json_body(request)?).await
            }
        }
    }
}
