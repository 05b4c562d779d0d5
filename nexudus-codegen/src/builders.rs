//! Emits a typestate builder per request: one type parameter per required field, so `build`
//! does not compile until each is set, and the compiler names the missing field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::docs::escape_markdown;
use crate::model::{Field, Operation};
use crate::naming::{camel, ident};
use crate::types::{placeholder, setter_argument, setter_store};

/// The module `create_coworker_note { Builder, fields }` of one operation.
pub fn builder_module(operation: &Operation) -> TokenStream {
    let module = format_ident!("{}", operation.method_name);
    let request = format_ident!("{}", operation.type_name);
    let required: Vec<&Field> = operation.fields.iter().filter(|f| f.required).collect();
    let states: Vec<_> = (0..required.len())
        .map(|i| format_ident!("S{}", i))
        .collect();
    let markers: Vec<_> = required
        .iter()
        .map(|f| format_ident!("{}", camel(&f.json_name)))
        .collect();
    let marker_docs = required
        .iter()
        .map(|f| format!(" Marks the required field `{}`.", f.json_name));
    let defaults = markers.iter().map(|m| quote!(Unset<fields::#m>));
    let generics_with_defaults = (!states.is_empty()).then(|| quote!(<#(#states = #defaults),*>));
    let generics = (!states.is_empty()).then(|| quote!(<#(#states),*>));
    let placeholders = operation.fields.iter().map(|f| {
        let name = ident(&f.rust_name);
        let value = placeholder(f);
        quote!(#name: #value)
    });
    let required_setters = required.iter().enumerate().map(|(index, field)| {
        let unset = &markers[index];
        let kept: Vec<_> = states
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, s)| s)
            .collect();
        let input = states.iter().enumerate().map(|(i, s)| {
            if i == index {
                quote!(Unset<fields::#unset>)
            } else {
                quote!(#s)
            }
        });
        let output = states.iter().enumerate().map(|(i, s)| {
            if i == index {
                quote!(Set<fields::#unset>)
            } else {
                quote!(#s)
            }
        });
        let setter = setter(
            field,
            quote!(Builder<#(#output),*>),
            quote!(Builder {
                request: self.request,
                state: PhantomData
            }),
        );
        quote! {
            impl<#(#kept),*> Builder<#(#input),*> {
                #setter
            }
        }
    });
    let optional_setters = operation
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|field| setter(field, quote!(Self), quote!(self)));
    let bounds = states
        .iter()
        .zip(&markers)
        .map(|(s, m)| quote!(#s: IsSet<fields::#m>));
    let where_clause = (!states.is_empty()).then(|| quote!(where #(#bounds),*));
    let typestate_imports = (!states.is_empty()).then(|| {
        quote!(
            use crate::builder::{IsSet, Set, Unset};
        )
    });
    let module_doc = format!(" The builder of [`{0}`](super::{0}).", operation.type_name);
    let builder_doc = format!(
        " Builds a [`{0}`](super::{0}); start with [`{0}::builder`](super::{0}::builder).",
        operation.type_name
    );
    quote! {
        #[doc = #module_doc]
        pub mod #module {
            use ::std::marker::PhantomData;
            #typestate_imports

            /// Marker types naming the required fields in the builder's type, so a missing
            /// field is named in the compiler's error.
            pub mod fields {
                #![allow(non_camel_case_types)]
                #(
                    #[doc = #marker_docs]
                    pub enum #markers {}
                )*
            }

            #[doc = #builder_doc]
            #[derive(Clone, Debug)]
            #[must_use = "a builder does nothing until `build` is called"]
            pub struct Builder #generics_with_defaults {
                request: super::#request,
                state: PhantomData<(#(#states,)*)>,
            }

            impl Builder {
                pub(super) fn new() -> Self {
                    Self {
                        request: super::#request { #(#placeholders,)* },
                        state: PhantomData,
                    }
                }
            }

            #(#required_setters)*

            impl #generics Builder #generics {
                #(#optional_setters)*

                /// The finished request; compiles only once every required field is set.
                pub fn build(self) -> super::#request #where_clause {
                    self.request
                }
            }
        }
    }
}

fn setter(field: &Field, returns: TokenStream, finish: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    let argument = setter_argument(field);
    let store = setter_store(field);
    let kind = if field.required {
        "required"
    } else {
        "optional"
    };
    let summary = first_sentence(&field.description);
    let doc = if summary.is_empty() {
        format!(" Sets the {kind} field `{}`.", field.json_name)
    } else {
        format!(
            " Sets the {kind} field `{}`: {}",
            field.json_name,
            escape_markdown(summary)
        )
    };
    quote! {
        #[doc = #doc]
        pub fn #name(mut self, value: #argument) -> #returns {
            self.request.#name = #store;
            #finish
        }
    }
}

fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let line = text.lines().next().unwrap_or_default();
    match line.find(". ") {
        Some(end) => &line[..=end],
        None => line,
    }
}
