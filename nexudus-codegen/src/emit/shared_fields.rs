//! Emits the fields an entity's create and update share (`CoworkerNoteFields`) and the one
//! builder both requests use to set them (`coworker_note_fields::Builder`).
//!
//! Each request holds the shared struct as one field and derefs to it, so `request.notes`
//! reads as before; the builder is generic over the request, so each shared field has one
//! setter, one `Clone` line and one `write_fields` line instead of two of each.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::builders::{
    ModuleParts, leaf_paths, marker_items, markers_of, module_tokens, optional_setters, setter,
    setter_parts,
};
use crate::emit::docs::doc_attributes;
use crate::emit::requests::{field_calls, request_field, visit_items};
use crate::emit::splice;
use crate::emit::types::parsed_type_and_placeholder;
use crate::model::{Entity, Field, Operation, SharedFields};
use crate::naming::ident;

/// How one request of an entity stands to the fields shared between its create and update.
#[derive(Clone, Copy)]
pub enum Sharing<'a> {
    /// It shares none: every field is its own.
    Alone,
    /// It is the create: every field is shared.
    Create(&'a SharedFields),
    /// It is the update: the shared fields, and its own before and after them.
    Update(&'a SharedFields),
}

impl<'a> Sharing<'a> {
    /// How the operation at `index` of `entity` shares its fields.
    pub fn of(entity: &'a Entity, index: usize) -> Self {
        match &entity.shared {
            Some(shared) if shared.create == index => Sharing::Create(shared),
            Some(shared) if shared.update == index => Sharing::Update(shared),
            _ => Sharing::Alone,
        }
    }

    /// The shared fields, unless the request has none.
    pub fn shared(self) -> Option<&'a SharedFields> {
        match self {
            Sharing::Alone => None,
            Sharing::Create(shared) | Sharing::Update(shared) => Some(shared),
        }
    }

    /// The request's own fields before the shared ones and after them: an update's `Id` and
    /// what follows; none for a create, and every field for a request that shares none.
    pub fn own_fields(self, operation: &Operation) -> (&[Field], &[Field]) {
        match self {
            Sharing::Alone => (&operation.fields, &[]),
            Sharing::Create(_) => (&[], &[]),
            Sharing::Update(shared) => shared.update_own(operation),
        }
    }

    /// What the docs call the entity's other request: the one this request shares with.
    pub fn other_request(self) -> &'static str {
        match self {
            Sharing::Create(_) => "update",
            Sharing::Update(_) | Sharing::Alone => "create",
        }
    }
}

/// The shared struct, its visit of its fields, and the builder module both requests use.
pub fn shared_fields_tokens(entity: &Entity, shared: &SharedFields) -> TokenStream {
    let name = format_ident!("{}", shared.type_name);
    let (create, update) = (
        &entity.operations[shared.create].type_name,
        &entity.operations[shared.update].type_name,
    );
    let docs = doc_attributes(&format!(
        "The fields [`{create}`] and [`{update}`] share, stored once: each request derefs to \
         them, so `request.field` reads or changes one of them, and the builder of either \
         sets them."
    ));
    let holes = splice::Holes {
        idents: vec![("__Fields", &name)],
        ..Default::default()
    }
    .group("__docs", docs)
    .group(
        "__struct_fields",
        shared.fields.iter().map(request_field).collect(),
    )
    .group(
        "__visit",
        visit_items(&name, field_calls(&shared.fields, false)),
    )
    .group("__placeholders", placeholders(&shared.fields));
    let fields = splice::templated_items("shared_fields", shared_fields_template, holes);
    let builder = builder_module(shared, create, update);
    quote! {
        #fields
        #builder
    }
}

/// The shared struct and its impls. It has no `Serialize` or `PartialEq` of its own: the
/// requests have them, and each costs the compiler a function per entity; it is visited by the
/// requests' `write_fields` and shown by `Debug` as a request is.
fn shared_fields_template() -> TokenStream {
    quote! {
        #[__docs]
        #[derive(Clone)]
        #[cfg_attr(
            feature = "deserialize",
            derive(::serde::Deserialize),
            serde(deny_unknown_fields, rename_all = "PascalCase")
        )]
        #[non_exhaustive]
        pub struct __Fields {
            __struct_fields: (),
        }

        __visit!();

        impl __Fields {
            /// The fields as a new builder starts them: unset.
            #[inline]
            fn unset() -> Self {
                Self {
                    __placeholders: (),
                }
            }
        }
    }
}

/// `name: value` of each field as a new builder holds it, built as nodes rather than parsed
/// ([`crate::emit::splice`]).
pub fn placeholders(fields: &[Field]) -> Vec<syn::FieldValue> {
    fields
        .iter()
        .map(|field| syn::FieldValue {
            attrs: Vec::new(),
            member: syn::Member::Named(ident(&field.rust_name)),
            colon_token: Some(Default::default()),
            expr: parsed_type_and_placeholder(field).1,
        })
        .collect()
}

/// The module `coworker_note_fields { Builder, fields }`: the builder of both requests, generic
/// over which one it builds, with the setters of the shared fields. The state of either is
/// `Both<Own, Shared>`: the request's own required fields on the left (none for a create), the
/// shared ones on the right, so a shared required setter finds its field at `Right<…>` in both.
fn builder_module(shared: &SharedFields, create: &str, update: &str) -> TokenStream {
    let module = format_ident!("{}", shared.module);
    let request = format_ident!("{}", shared.type_name);
    let required: Vec<&Field> = shared.fields.iter().filter(|f| f.required).collect();
    let markers = markers_of(&required, &mut Default::default());
    let mut setters: Vec<syn::ImplItem> = required
        .iter()
        .zip(leaf_paths(markers.len()))
        .map(|(field, path)| {
            let (store, name, ty, json) = setter_parts(field);
            setter(
                "required",
                quote!(#store #name: #ty, #json, Right<#path>, R),
            )
        })
        .collect();
    setters.extend(optional_setters(&shared.fields));
    let module_doc = format!(
        "The builder [`{create}`](super::{create}) and [`{update}`](super::{update}) share."
    );
    let builder_doc = format!(
        "Builds a [`{create}`](super::{create}) or an [`{update}`](super::{update}), whichever \
         `R` is; start with [`{create}::builder`](super::{create}::builder) or \
         [`{update}::builder`](super::{update}::builder)."
    );
    let holes = splice::Holes {
        idents: vec![("__Fields", &request)],
        ..Default::default()
    }
    .group("__builder_doc", doc_attributes(&builder_doc))
    .group("__setters", setters);
    module_tokens(ModuleParts {
        module: &module,
        request: &request,
        module_doc,
        fields_doc: "Marker types naming the shared required fields in the builder's type, so a\n\
                     missing field is named in the compiler's error.",
        path_imports: true,
        markers: marker_items(&required, &markers),
        items: splice::filled_items("shared_fields_builder", builder_template, holes),
    })
}

/// The builder both requests use, generic over which one it builds.
fn builder_template() -> TokenStream {
    quote! {
        #[__builder_doc]
        #[derive(Clone, Debug)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct Builder<R, S> {
            pub(super) request: R,
            pub(super) state: ::std::marker::PhantomData<S>,
        }

        impl<R: ::core::ops::DerefMut<Target = super::__Fields>, S> Builder<R, S> {
            __setters!();
        }
    }
}
