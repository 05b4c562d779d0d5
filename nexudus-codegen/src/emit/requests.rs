//! Emits one request type per operation: serializes to exactly the documented JSON, with
//! the documented facts as rustdoc and the endpoint as an associated constant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attributes, doc_attrs, doc_paragraphs, escape_markdown, field_doc};
use crate::emit::shared_fields::{Sharing, placeholders};
use crate::emit::splice;
use crate::emit::types::{field_type, parsed_type_and_placeholder};
use crate::model::{Entity, Field, FieldType, Operation, OperationKind};
use crate::naming::{ident, serde_pascal_case};

/// The request struct of `operation` and its inherent impl: the fields it shares with the
/// entity's other request, if `sharing` says so, are one struct field of the shared type.
pub fn request_tokens(entity: &Entity, operation: &Operation, sharing: Sharing) -> TokenStream {
    if operation.kind.takes_id() {
        return id_request_tokens(entity, operation);
    }
    let name = format_ident!("{}", operation.type_name);
    let builder_module = format_ident!("{}", operation.method_name);
    let required: Vec<String> = operation
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| format!("`{}`", f.json_name))
        .collect();
    let build_doc = if required.is_empty() {
        format!(
            "Build it with [`{}::builder`]; every field is optional.",
            operation.type_name
        )
    } else {
        format!(
            "Build it with [`{}::builder`]; required: {}.",
            operation.type_name,
            required.join(", ")
        )
    };
    let shared_doc = sharing.shared().map_or(String::new(), |shared| {
        format!(
            "The fields it shares with the entity's {} are those of [`{}`]: read and set them \
             as its own (`request.{}`, through `Deref`).",
            sharing.other_request(),
            shared.type_name,
            shared
                .fields
                .first()
                .map_or("", |field| field.rust_name.trim_start_matches("r#"))
        )
    });
    let docs = doc_attributes(&doc_paragraphs([
        escape_markdown(&operation.summary).as_str(),
        &endpoint_doc(operation),
        &escape_markdown(&entity.description),
        &build_doc,
        &shared_doc,
    ]));
    let query = operation.kind == OperationKind::List;
    let (struct_fields, calls, derive_deserialize, shared_impls) = match sharing {
        Sharing::Alone => (
            operation.fields.iter().map(request_field).collect(),
            field_calls(&operation.fields, query),
            quote!(serde(deny_unknown_fields, rename_all = "PascalCase")),
            TokenStream::new(),
        ),
        Sharing::Create(shared) | Sharing::Update(shared) => {
            let (head, tail) = sharing.own_fields(operation);
            let shared_type = format_ident!("{}", shared.type_name);
            let struct_fields: Vec<syn::Field> = head
                .iter()
                .map(request_field)
                .chain([private_field("fields", syn::parse_quote!(#shared_type))])
                .chain(tail.iter().map(request_field))
                .collect();
            let calls = field_calls(head, query)
                .into_iter()
                .chain([syn::parse_quote!(
                    ::nexudus_generated_core::serialize::WriteFields::write_fields(&self.fields, fields);
                )])
                .chain(field_calls(tail, query))
                .collect();
            let (derive, deserialize) = match sharing {
                Sharing::Update(_) => (
                    None,
                    own_and_shared_deserialize(&name, head, tail, &shared_type),
                ),
                _ => (Some(quote!(serde(transparent))), TokenStream::new()),
            };
            let holes = splice::Holes {
                idents: vec![("__Request", &name), ("__Shared", &shared_type)],
                ..Default::default()
            };
            let derefs = splice::templated_items("deref_impls", deref_template, holes);
            let impls = quote! {
                #derefs
                #deserialize
            };
            (struct_fields, calls, derive.unwrap_or_default(), impls)
        }
    };
    let deserialize: Vec<syn::Attribute> = if derive_deserialize.is_empty() {
        Vec::new()
    } else {
        vec![syn::parse_quote! {
            #[cfg_attr(
                feature = "deserialize",
                derive(::serde::Deserialize),
                #derive_deserialize
            )]
        }]
    };
    let serialize = serialize_tokens(&name, calls);
    let builder_doc = format!(
        "Starts a builder; its `build` compiles only once every required field is set{}.",
        if required.is_empty() {
            String::new()
        } else {
            format!(" ({})", required.join(", "))
        }
    );
    let holes = splice::Holes {
        idents: vec![("__Request", &name)],
        ..Default::default()
    }
    .group("__docs", docs)
    .group("__deserialize", deserialize)
    .group("__fields", struct_fields);
    let request = splice::templated_items("request_struct", request_struct_template, holes);
    let holes = splice::Holes {
        idents: vec![("__Request", &name), ("__module", &builder_module)],
        exprs: vec![("__unset", unset_request(operation, sharing))],
        ..Default::default()
    }
    .group("__operation", operation_const(entity, operation))
    .group("__builder_doc", doc_attributes(&builder_doc));
    let inherent = splice::templated_items("request_impl", request_impl_template, holes);
    quote! {
        #request
        #serialize
        #shared_impls
        #inherent
    }
}

/// The struct of a create's, an update's or a list's request.
fn request_struct_template() -> TokenStream {
    quote! {
        #[__docs]
        #[derive(Clone)]
        #[__deserialize]
        #[non_exhaustive]
        pub struct __Request {
            __fields: (),
        }
    }
}

/// The endpoint and the builder of a create's, an update's or a list's request.
fn request_impl_template() -> TokenStream {
    quote! {
        impl __Request {
            __operation!();

            #[__builder_doc]
            #[inline]
            pub fn builder() -> __module::Builder {
                __module::Builder {
                    request: __unset,
                    state: ::core::marker::PhantomData,
                }
            }
        }
    }
}

/// `Deref` and `DerefMut` of a request to the fields it shares.
fn deref_template() -> TokenStream {
    quote! {
        impl ::core::ops::Deref for __Request {
            type Target = __Shared;

            #[inline]
            fn deref(&self) -> &__Shared {
                &self.fields
            }
        }

        impl ::core::ops::DerefMut for __Request {
            #[inline]
            fn deref_mut(&mut self) -> &mut __Shared {
                &mut self.fields
            }
        }
    }
}

/// The request as a new builder holds it, `Self { … }` with every field unset: built as a
/// node, since it has a value per field.
fn unset_request(operation: &Operation, sharing: Sharing) -> syn::Expr {
    let values: Vec<syn::FieldValue> = match sharing {
        Sharing::Alone => placeholders(&operation.fields),
        Sharing::Create(shared) | Sharing::Update(shared) => {
            let (head, tail) = sharing.own_fields(operation);
            let shared_type = format_ident!("{}", shared.type_name);
            placeholders(head)
                .into_iter()
                .chain([syn::parse_quote!(fields: #shared_type::unset())])
                .chain(placeholders(tail))
                .collect()
        }
    };
    syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path::from(format_ident!("Self")),
        brace_token: Default::default(),
        fields: values.into_iter().collect(),
        dot2_token: None,
        rest: None,
    })
}

/// An update's `Deserialize` (behind the `deserialize` feature): its own fields and the shared
/// ones are read apart, each refusing names it does not know, since serde's `flatten` would
/// let unknown names through.
fn own_and_shared_deserialize(
    name: &proc_macro2::Ident,
    head: &[Field],
    tail: &[Field],
    shared_type: &proc_macro2::Ident,
) -> TokenStream {
    let own: Vec<&Field> = head.iter().chain(tail).collect();
    let own_fields = own.iter().map(|field| {
        let rename = json_rename(field).map(|rename| quote!(#[serde(#rename)]));
        let (name, ty) = (ident(&field.rust_name), field_type(field));
        quote!(#rename #name: #ty,)
    });
    let own_names = own.iter().map(|field| field.json_name.as_str());
    let head_names = head.iter().map(|field| ident(&field.rust_name));
    let tail_names = tail.iter().map(|field| ident(&field.rust_name));
    quote! {
        #[cfg(feature = "deserialize")]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[derive(::serde::Deserialize)]
                #[serde(deny_unknown_fields, rename_all = "PascalCase")]
                struct Own {
                    #(#own_fields)*
                }
                let (own, fields): (Own, #shared_type) =
                    ::nexudus_generated_core::serialize::own_and_shared(deserializer, &[#(#own_names),*])?;
                Ok(Self {
                    #(#head_names: own.#head_names,)*
                    fields,
                    #(#tail_names: own.#tail_names,)*
                })
            }
        }
    }
}

/// A get or delete: the request is the record's id, which takes the place of `{id}`.
fn id_request_tokens(entity: &Entity, operation: &Operation) -> TokenStream {
    let name = format_ident!("{}", operation.type_name);
    let docs = doc_attrs(&doc_paragraphs([
        escape_markdown(&operation.summary).as_str(),
        &endpoint_doc(operation),
        &escape_markdown(&entity.description),
        &format!(
            "Make it with [`{}::new`] and the record's id.",
            operation.type_name
        ),
    ]));
    let operation_const = splice::group(operation_const(entity, operation));
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct #name {
            /// The record's `Id`, sent in the path in place of `{id}`.
            pub id: i64,
        }

        impl #name {
            #operation_const

            /// The request for the record with this `Id`.
            #[inline]
            pub fn new(id: i64) -> Self {
                Self { id }
            }
        }
    }
}

/// The request's `OPERATION`. Its `sensitive_fields` are what lets the runtime hide the values
/// of those fields when Nexudus echoes them back in an error (`Errors[].AttemptedValue`), and
/// its `record_sensitive_fields` those of the record's secrets in an answer that does not decode.
fn operation_const(entity: &Entity, operation: &Operation) -> Vec<syn::ImplItem> {
    let method = format_ident!("{}", operation.method.variant());
    let span = proc_macro2::Span::call_site();
    let names = |names: Vec<&str>| {
        syn::Expr::Array(syn::ExprArray {
            attrs: Vec::new(),
            bracket_token: Default::default(),
            elems: names
                .into_iter()
                .map(|name| {
                    syn::Expr::Lit(syn::ExprLit {
                        attrs: Vec::new(),
                        lit: syn::Lit::Str(syn::LitStr::new(name, span)),
                    })
                })
                .collect(),
        })
    };
    // A get or a list answers with the entity's record; the others with the envelope.
    let record_sensitive = match (&entity.record, operation.kind) {
        (Some(record), OperationKind::Get | OperationKind::List) => record
            .fields
            .iter()
            .filter(|field| field.sensitive)
            .map(|field| field.json_name.as_str())
            .collect(),
        _ => Vec::new(),
    };
    let sensitive = sensitive_fields(operation);
    // Only the lists of names an endpoint has are written, as a hand-written one would be.
    let (key, with): (_, fn() -> TokenStream) =
        match (sensitive.is_empty(), record_sensitive.is_empty()) {
            (true, true) => ("operation_const", TokenStream::new),
            (false, true) => (
                "operation_const_sensitive",
                || quote!(.with_sensitive_fields(&__sensitive)),
            ),
            (true, false) => (
                "operation_const_record_sensitive",
                || quote!(.with_record_sensitive_fields(&__record_sensitive)),
            ),
            (false, false) => ("operation_const_both_sensitive", || {
                quote! {
                    .with_sensitive_fields(&__sensitive)
                    .with_record_sensitive_fields(&__record_sensitive)
                }
            }),
        };
    let holes = splice::Holes {
        idents: vec![("__Method", &method)],
        strings: vec![
            ("__name", &operation.type_name),
            ("__path", &operation.path),
            ("__role", &operation.role),
        ],
        exprs: vec![
            ("__sensitive", names(sensitive)),
            ("__record_sensitive", names(record_sensitive)),
        ],
        ..Default::default()
    };
    splice::filled_impl_items(key, || operation_const_template(with()), holes)
}

/// `OperationInfo` is `#[non_exhaustive]`, and each area is a crate of its own: the const is
/// made by its `const fn`s, so that what the runtime is told can grow without a breaking change.
fn operation_const_template(with: TokenStream) -> TokenStream {
    quote! {
        impl __Request {
            /// The endpoint this request is sent to.
            pub const OPERATION: ::nexudus_generated_core::OperationInfo =
                ::nexudus_generated_core::OperationInfo::new("__name", ::nexudus_generated_core::Method::__Method, "__path", "__role")
                    #with;
        }
    }
}

/// The JSON names of the operation's sensitive fields, in spec order.
fn sensitive_fields(operation: &Operation) -> Vec<&str> {
    operation
        .fields
        .iter()
        .filter(|field| field.sensitive)
        .map(|field| field.json_name.as_str())
        .collect()
}

/// "`POST /api/spaces/coworkernotes` · role `CoworkerNote-Create`", shared with the client method.
pub fn endpoint_doc(operation: &Operation) -> String {
    format!(
        "`{} {}`; {}",
        operation.method.as_str(),
        operation.path,
        role_doc(&operation.role)
    )
}

/// Who may call an operation. A spec whose page ends before its role has none (`role: ""`):
/// the docs say so rather than name an empty role.
pub fn role_doc(role: &str) -> String {
    if role.is_empty() {
        "the role it requires is not documented (a full unrestricted administrator may call it)."
            .to_owned()
    } else {
        format!("requires the `{role}` role (or a full unrestricted administrator).")
    }
}

/// One `fields.…(…)` call per field, for a request's `write_fields`. A list's date-time
/// filters are written in the pages' `YYYY-MM-DDTHH:mm` form.
pub fn field_calls(fields: &[Field], query: bool) -> Vec<syn::Stmt> {
    fields
        .iter()
        .map(|field| field_call(field, query))
        .collect()
}

/// `fields.optional("notes", "Notes", &self.notes);`, built as a node rather than parsed: a
/// crate has one per request field ([`crate::emit::splice`]).
fn field_call(field: &Field, query: bool) -> syn::Stmt {
    let minutes = query
        && !field.nullable
        && matches!(field.ty, FieldType::DateTimeUtc | FieldType::DateTimeLocal);
    let kind = match (field.required, minutes) {
        (true, false) => "required",
        (false, false) => "optional",
        (true, true) => "required_minutes",
        (false, true) => "optional_minutes",
    };
    let span = proc_macro2::Span::call_site();
    let path = |name: &str| {
        syn::Expr::Path(syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: syn::Path::from(proc_macro2::Ident::new(name, span)),
        })
    };
    let string = |text: &str| {
        syn::Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: syn::Lit::Str(syn::LitStr::new(text, span)),
        })
    };
    let own_field = syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(syn::Expr::Field(syn::ExprField {
            attrs: Vec::new(),
            base: Box::new(path("self")),
            dot_token: Default::default(),
            member: syn::Member::Named(ident(&field.rust_name)),
        })),
    });
    let call = syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(path("fields")),
        dot_token: Default::default(),
        method: proc_macro2::Ident::new(kind, span),
        turbofish: None,
        paren_token: Default::default(),
        args: [
            string(&field.rust_name),
            string(&field.json_name),
            own_field,
        ]
        .into_iter()
        .collect(),
    };
    syn::Stmt::Expr(syn::Expr::MethodCall(call), Some(Default::default()))
}

/// The request's one plain function visiting its fields (`::nexudus_generated_core::serialize::WriteFields`),
/// made of `calls`, and its `Serialize`, `Debug` and `PartialEq`: each a call of one shared
/// function of the runtime over that visit. A `Serialize` written per request, generic over
/// the serializer, or derived, dominated the compile time of the crate, and derived `Debug`
/// and `PartialEq` came next: each expands every field once more.
///
/// The four impls are the same for every request but for its name: templates, parsed once
/// ([`splice::templated_items`]).
pub fn serialize_tokens(name: &proc_macro2::Ident, calls: Vec<syn::Stmt>) -> TokenStream {
    let mut items = visit_items(name, calls);
    let holes = splice::Holes {
        idents: vec![("__Request", name)],
        ..Default::default()
    };
    items.extend(splice::filled_items(
        "compare_impls",
        compare_template,
        holes,
    ));
    splice::group(items)
}

/// `WriteFields` of the type `name` (a request, or the fields two requests share), made of
/// `calls`, and its `Debug` over that visit.
pub fn visit_items(name: &proc_macro2::Ident, calls: Vec<syn::Stmt>) -> Vec<syn::Item> {
    let fields_arg = if calls.is_empty() {
        format_ident!("_fields")
    } else {
        format_ident!("fields")
    };
    let type_name = name.to_string();
    let holes = splice::Holes {
        idents: vec![("__Request", name), ("__fields", &fields_arg)],
        strings: vec![("__Request", &type_name)],
        ..Default::default()
    }
    .group("__calls", calls);
    splice::filled_items("visit_impls", visit_template, holes)
}

fn visit_template() -> TokenStream {
    quote! {
        impl ::nexudus_generated_core::serialize::WriteFields for __Request {
            #[inline]
            fn write_fields<'v>(&'v self, __fields: &mut ::nexudus_generated_core::serialize::Fields<'_, 'v>) {
                __calls!();
            }
        }

        impl ::core::fmt::Debug for __Request {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::nexudus_generated_core::serialize::debug(self, "__Request", f)
            }
        }
    }
}

fn compare_template() -> TokenStream {
    quote! {
        impl ::core::cmp::PartialEq for __Request {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                ::nexudus_generated_core::serialize::eq(self, other)
            }
        }

        impl ::serde::Serialize for __Request {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::nexudus_generated_core::serialize::serialize(self, serializer)
            }
        }
    }
}

/// A request struct's field, with its docs: its JSON name matters only to the optional
/// `Deserialize`. Built as a node rather than parsed ([`crate::emit::splice`]).
pub fn request_field(field: &Field) -> syn::Field {
    let mut attrs = doc_attributes(&field_doc(field));
    if let Some(rename) = json_rename(field) {
        attrs.push(syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::List(syn::MetaList {
                path: syn::Path::from(format_ident!("cfg_attr")),
                delimiter: syn::MacroDelimiter::Paren(Default::default()),
                tokens: quote!(feature = "deserialize", serde(#rename)),
            }),
        });
    }
    syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        ..private_field(&field.rust_name, parsed_type_and_placeholder(field).0)
    }
}

/// A private struct field `name: ty`, without docs.
fn private_field(name: &str, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        ident: Some(ident(name)),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `rename = "…"` when the JSON name is not the field's name in PascalCase.
pub fn json_rename(field: &Field) -> Option<TokenStream> {
    (serde_pascal_case(&field.rust_name) != field.json_name).then(|| {
        let json = &field.json_name;
        quote!(rename = #json)
    })
}
