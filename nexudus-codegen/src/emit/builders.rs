//! Emits a typestate builder per request: one type parameter per required field, so `build`
//! does not compile until each is set, and the compiler names the missing field.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::docs::doc_attrs;
use crate::emit::types::{placeholder, value_type};
use crate::model::{Field, Operation};
use crate::naming::{camel, ident, unraw};

/// The module `create_coworker_note { Builder, fields }` of one operation.
pub fn builder_module(operation: &Operation) -> TokenStream {
    let module = format_ident!("{}", operation.method_name);
    let request = format_ident!("{}", operation.type_name);
    let required: Vec<&Field> = operation.fields.iter().filter(|f| f.required).collect();
    let states: Vec<_> = (0..required.len())
        .map(|i| format_ident!("S{}", i))
        .collect();
    // Field names that differ in snake_case can still meet in UpperCamelCase (`Address1`,
    // `Address_1`): the later ones get a number, so each marker is declared once.
    let mut taken = std::collections::HashSet::new();
    let markers: Vec<_> = required
        .iter()
        .map(|f| {
            let camel = camel(&f.json_name);
            let name = std::iter::once(camel.clone())
                .chain((2..).map(|n| format!("{camel}_{n}")))
                .find(|candidate| taken.insert(candidate.clone()))
                .unwrap_or(camel);
            ident(&name)
        })
        .collect();
    let marker_docs = required.iter().map(|f| {
        doc_attrs(&format!(
            "Marks [`{0}::{1}`](super::super::{0}::{1}) (`{2}`) in the builder's type: `Unset` until \
             its setter runs.",
            operation.type_name,
            unraw(&f.rust_name),
            f.json_name
        ))
    });
    let defaults = markers
        .iter()
        .map(|m| quote!(crate::builder::Unset<fields::#m>));
    let generics_with_defaults = (!states.is_empty()).then(|| quote!(<#(#states = #defaults),*>));
    let generics = (!states.is_empty()).then(|| quote!(<#(#states),*>));
    let placeholders = operation.fields.iter().map(|f| {
        let name = ident(&f.rust_name);
        let value = placeholder(f);
        quote!(#name: #value)
    });
    let required_setters = required.iter().enumerate().map(|(index, field)| {
        let (store, name, ty, doc) = setter_parts(operation, field);
        let marker = &markers[index];
        let before = &states[..index];
        let after = &states[index + 1..];
        quote!(required!(#store #name: #ty, #doc, [#(#before)*] #marker [#(#after)*]);)
    });
    let optional_setters = operation
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|field| {
            let (store, name, ty, doc) = setter_parts(operation, field);
            quote!(optional!(#store #name: #ty, #doc);)
        });
    let bounds = states
        .iter()
        .zip(&markers)
        .map(|(s, m)| quote!(#s: crate::builder::IsSet<fields::#m>));
    let where_clause = (!states.is_empty()).then(|| quote!(where #(#bounds),*));
    let module_doc = format!(" The builder of [`{0}`](super::{0}).", operation.type_name);
    let builder_doc = if required.is_empty() {
        format!(
            "Builds a [`{0}`](super::{0}); start with [`{0}::builder`](super::{0}::builder).",
            operation.type_name
        )
    } else {
        format!(
            "Builds a [`{0}`](super::{0}); start with [`{0}::builder`](super::{0}::builder).\n\n\
             Each type parameter tracks one required field: `Unset` of its marker in [`fields`] \
             until the field's setter runs, `Set` after it; `build` compiles once every one is set.",
            operation.type_name
        )
    };
    let builder_doc = doc_attrs(&builder_doc);
    quote! {
        #[doc = #module_doc]
        pub mod #module {
            /// Marker types naming the required fields in the builder's type, so the compiler's
            /// error names a missing one.
            pub mod fields {
                #![allow(non_camel_case_types)]
                #(
                    #marker_docs
                    pub enum #markers {}
                )*
            }

            #builder_doc
            #[derive(Clone, Debug)]
            #[must_use = "a builder does nothing until `build` is called"]
            pub struct Builder #generics_with_defaults {
                request: super::#request,
                state: ::std::marker::PhantomData<(#(#states,)*)>,
            }

            impl Builder {
                pub(super) fn new() -> Self {
                    Self {
                        request: super::#request { #(#placeholders,)* },
                        state: ::std::marker::PhantomData,
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

/// What the setter macros need: how the value is stored, the field, its value type and the
/// setter's doc, a link to the request's field (which has the documented description).
fn setter_parts(operation: &Operation, field: &Field) -> (Ident, Ident, TokenStream, String) {
    let store = match (field.nullable, field.sensitive) {
        (false, false) => "plain",
        (false, true) => "secret",
        (true, false) => "nullable",
        (true, true) => "nullable_secret",
    };
    (
        format_ident!("{}", store),
        ident(&field.rust_name),
        value_type(&field.ty),
        format!(
            "Sets [`{0}::{1}`](super::{0}::{1}).",
            operation.type_name,
            unraw(&field.rust_name)
        ),
    )
}
