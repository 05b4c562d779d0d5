//! Emits the record struct of an entity: what its get operation answers with and its list
//! operation pages through, and, when the entity has an update, the conversion of a record
//! into that update's builder.
//!
//! Records are read from the server as it sends them: every field is an `Option` (absent and
//! `null` are both `None`), fields the docs do not list are ignored, date-times go through the
//! runtime's lenient readers, enums accept their integer or their name. The decoding logic
//! lives in the hand-written runtime; a field costs one attribute at most.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, doc_paragraphs, escape_markdown, field_doc};
use crate::emit::requests::json_rename;
use crate::emit::types::stored_value_type;
use crate::model::{Entity, Field, FieldType, Operation, OperationKind, Record};
use crate::naming::{camel, ident};

/// The record struct of `entity`, and its `to_update` when the entity has an update.
pub fn record_tokens(entity: &Entity, record: &Record) -> TokenStream {
    let name = format_ident!("{}", record.type_name);
    let update = entity
        .operations
        .iter()
        .find(|operation| operation.kind == OperationKind::Update)
        .and_then(|update| to_update_tokens(entity, record, update));
    let update_doc = update.as_ref().map_or(String::new(), |_| {
        "`to_update` turns a record into its update with every field filled in: change what \
         you need and send it back."
            .to_owned()
    });
    let docs = doc_attrs(&doc_paragraphs([
        format!("A {}, as the API answers with it.", entity.name).as_str(),
        &escape_markdown(&entity.description),
        "Every field is optional (Nexudus leaves out what it has no value for, and sends `null`); \
         fields the docs do not list are ignored.",
        &update_doc,
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

        #update
    }
}

/// A record field: always `Option`, whatever the docs say of `null`, since a record that
/// comes back without the field and one with `null` mean the same to a reader.
fn record_field_tokens(field: &Field) -> TokenStream {
    let docs = doc_attrs(&field_doc(field));
    let name = ident(&field.rust_name);
    let ty = stored_value_type(field);
    let reader = match field.ty {
        FieldType::DateTimeUtc => Some("::nexudus_generated_core::record::utc"),
        FieldType::DateTimeLocal => Some("::nexudus_generated_core::record::local"),
        _ => None,
    };
    let serde_args: Vec<TokenStream> = json_rename(field)
        .into_iter()
        .chain(reader.map(|reader| quote!(default, deserialize_with = #reader)))
        .chain([quote!(skip_serializing_if = "Option::is_none")])
        .collect();
    quote! {
        #docs
        #[serde(#(#serde_args),*)]
        pub #name: Option<#ty>,
    }
}

/// `Record::to_update`, or `None` when a field the update requires (and cannot send as
/// `null`) is not in the record with the same JSON name and type: the record could then never
/// fill it in.
fn to_update_tokens(entity: &Entity, record: &Record, update: &Operation) -> Option<TokenStream> {
    let record_name = format_ident!("{}", record.type_name);
    let request = format_ident!("{}", update.type_name);
    let module = format_ident!("{}", update.method_name);
    let entity_name = &entity.name;
    let source = |field: &Field| {
        record
            .fields
            .iter()
            .find(|r| r.json_name == field.json_name && r.ty == field.ty)
    };
    let mut required_calls = Vec::new();
    let mut markers = Vec::new();
    for field in update.fields.iter().filter(|f| f.required) {
        let setter = ident(&field.rust_name);
        markers.push(format_ident!("{}", camel(&field.json_name)));
        let json = &field.json_name;
        let value = match (source(field), field.nullable) {
            (None, false) => return None,
            // Nullable: an absent or `null` value is sent as `null`.
            (None, true) => quote!(None),
            (Some(from), true) => {
                let from_name = ident(&from.rust_name);
                if from.sensitive {
                    quote!(self.#from_name.as_ref().map(|value| value.expose().clone()))
                } else {
                    quote!(self.#from_name.clone())
                }
            }
            (Some(from), false) => {
                let from_name = ident(&from.rust_name);
                let unwrap = from.sensitive.then(|| quote!(.into_inner()));
                quote!(::nexudus_generated_core::record::required(&self.#from_name, #entity_name, #json)? #unwrap)
            }
        };
        required_calls.push(quote!(.#setter(#value)));
    }
    let optional_sets = update
        .fields
        .iter()
        .filter(|f| !f.required)
        .filter_map(|field| {
            let from = source(field)?;
            let (setter, from_name) = (ident(&field.rust_name), ident(&from.rust_name));
            let value = if from.sensitive {
                quote!(value.expose().clone())
            } else {
                quote!(value.clone())
            };
            Some(quote! {
                let builder = match &self.#from_name {
                    Some(value) => builder.#setter(#value),
                    None => builder,
                };
            })
        });
    let (builder_type, finish) = if markers.is_empty() {
        (quote!(#module::Builder), quote!(builder))
    } else {
        (quote!(#module::Prefilled), quote!(builder.prefilled()))
    };
    // The doc's example changes a field the record fills in: a required one if there is one.
    let example = update
        .fields
        .iter()
        .filter(|f| source(f).is_some())
        .max_by_key(|f| f.required)
        .map_or(String::new(), |f| {
            format!(".{}(…)", f.rust_name.trim_start_matches("r#"))
        });
    let summary = format!(
        "The [`{0}`] that writes this record back: its builder with every field of the update \
         that the record has, so `client.{1}(&record.to_update()?{example}.build())` changes \
         one field and sends the rest as they were (Nexudus checks an update as the whole \
         record).",
        update.type_name, update.method_name
    );
    let docs = doc_attrs(&doc_paragraphs([
        summary.as_str(),
        "Every field the record has is filled in; each setter, a required field's too, can be \
         called once more to change it. An error names the first required field the record \
         lacks.",
    ]));
    Some(quote! {
        impl #record_name {
            #docs
            #[inline]
            pub fn to_update(&self) -> Result<#builder_type, ::nexudus_generated_core::MissingField> {
                let builder = #request::builder() #(#required_calls)*;
                #(#optional_sets)*
                Ok(#finish)
            }
        }
    })
}
