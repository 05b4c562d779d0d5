//! Emits one `Client` method per operation. The method only names the endpoint and makes the
//! call (body, query string or id); the hand-written, non-generic `Client::mutate` and
//! `Client::fetch` do the rest, so a thousand operations do not instantiate a thousand copies
//! of the HTTP logic. The method is a plain `fn` returning that (boxed) future rather than an
//! `async fn`, which would add a state machine per operation to type- and borrow-check.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attributes, doc_paragraphs, escape_markdown};
use crate::emit::requests::endpoint_doc;
use crate::emit::splice;
use crate::model::{Api, Entity, Operation, OperationKind};

/// The module of the client methods, one submodule per area behind the area's feature.
pub fn client_root_module(api: &Api) -> TokenStream {
    let areas = api.areas().into_iter().map(|area| {
        let module = format_ident!("{}", area);
        quote! {
            #[cfg(feature = #area)]
            mod #module;
        }
    });
    quote! {
        //! The client methods, one file per API area.

        #(#areas)*
    }
}

/// The `Client` methods of one area's operations: they are the client's own (inherent)
/// methods, so they live in the client's crate and name the area's types through its module.
pub fn client_methods_module(area: &str, entities: &[&Entity]) -> TokenStream {
    let module = format_ident!("{}", area);
    let doc = format!(" The client methods of the `{area}` area.");
    let methods = entities.iter().flat_map(|entity| {
        entity
            .operations
            .iter()
            .map(|operation| client_method(entity, operation))
    });
    quote! {
        #![doc = #doc]
        use crate::#module::*;

        #(#methods)*
    }
}

/// The `impl crate::Client` block with the method of `operation`, in its area's file of client
/// methods in `nexudus-generated` (the request and its record are in the area's crate).
pub fn client_method(entity: &Entity, operation: &Operation) -> TokenStream {
    let method = format_ident!("{}", operation.method_name);
    let request = format_ident!("{}", operation.type_name);
    let record = record_type(entity);
    let (made_with, answer, key, call) = match operation.kind {
        OperationKind::Create | OperationKind::Update => (
            "builder",
            quote!(crate::Mutation),
            "client_method_json",
            quote!(self.mutate(&__Request::OPERATION, crate::Call::json(request))),
        ),
        OperationKind::List => (
            "builder",
            quote!(crate::Page<#record>),
            "client_method_query",
            quote!(self.fetch(&__Request::OPERATION, crate::Call::query(request))),
        ),
        OperationKind::Get => (
            "new",
            record.clone(),
            "client_method_get",
            quote!(self.fetch(&__Request::OPERATION, crate::Call::id(request.id))),
        ),
        OperationKind::Delete => (
            "new",
            quote!(crate::Mutation),
            "client_method_delete",
            quote!(self.mutate(&__Request::OPERATION, crate::Call::id(request.id))),
        ),
    };
    let docs = doc_attributes(&doc_paragraphs([
        escape_markdown(&operation.summary).as_str(),
        &endpoint_doc(operation),
        &format!(
            "The request is a [`{0}`], made with [`{0}::{made_with}`].",
            operation.type_name
        ),
    ]));
    let stream: Vec<syn::ImplItem> = (operation.kind == OperationKind::List)
        .then(|| {
            let stream_method = format_ident!("{}_stream", operation.method_name);
            let stream_docs = doc_attributes(&doc_paragraphs([
                format!(
                    "Every record of [`{0}`](crate::Client::{0}), page after page, as a stream.",
                    operation.method_name
                )
                .as_str(),
                "Requests `page` 1, 2, … (or from the request's `page`) until `HasNextPage` is false; \
                 each page goes through the rate limiter and retries like any request, and a page \
                 that fails ends the stream with its error. Set the records per request with \
                 [`page_size`](crate::RecordStream::page_size), stop early with \
                 [`limit`](crate::RecordStream::limit).",
            ]));
            let mut stream: syn::ImplItemFn = syn::parse_quote! {
                #[inline]
                pub fn #stream_method(&self, request: &#request) -> crate::RecordStream<'_, #record> {
                    self.paginate(request)
                }
            };
            stream.attrs.splice(0..0, stream_docs);
            syn::ImplItem::Fn(stream)
        })
        .into_iter()
        .collect();
    let holes = splice::Holes {
        idents: vec![("__method", &method), ("__Request", &request)],
        types: vec![(
            "__Answer",
            syn::parse2(answer).expect("the answer types are types"),
        )],
        ..Default::default()
    }
    .group("__docs", docs)
    .group("__stream", stream);
    splice::templated_items(key, || client_method_template(call), holes)
}

/// A list request's `ListRequest` impl, beside the request in its area's crate (the trait is
/// the core's, so the client's `paginate` takes any area's list).
pub fn list_request_impl(entity: &Entity, operation: &Operation) -> Option<TokenStream> {
    let request = format_ident!("{}", operation.type_name);
    let record = record_type(entity);
    (operation.kind == OperationKind::List).then(|| {
        quote! {
            impl ::nexudus_generated_core::ListRequest for #request {
                type Record = #record;

                #[inline]
                fn operation(&self) -> &'static ::nexudus_generated_core::OperationInfo {
                    &Self::OPERATION
                }
            }
        }
    })
}

/// What a get or a list answers with: the entity's record, or JSON when it has none.
fn record_type(entity: &Entity) -> TokenStream {
    entity.record.as_ref().map_or_else(
        || quote!(::serde_json::Value),
        |record| {
            let name = format_ident!("{}", record.type_name);
            quote!(#name)
        },
    )
}

/// A client method that makes `call`: one template per kind of call.
fn client_method_template(call: TokenStream) -> TokenStream {
    quote! {
        impl crate::Client {
            #[__docs]
            #[inline]
            pub fn __method(&self, request: &__Request) -> crate::ApiFuture<'_, __Answer> {
                #call
            }

            __stream!();
        }
    }
}
