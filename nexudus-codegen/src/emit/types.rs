//! The Rust type written for each spec type. Std's prelude names are used as they are (the
//! validator reserves them, so no spec name can shadow them); everything else is a full path.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Field, FieldType};

/// The type of the value itself, e.g. `String`.
pub fn value_type(ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(String),
        FieldType::Integer => quote!(i64),
        FieldType::Number => quote!(f64),
        FieldType::Boolean => quote!(bool),
        FieldType::IntegerList => quote!(Vec<i64>),
        FieldType::StringList => quote!(Vec<String>),
        FieldType::DateTimeUtc => quote!(::jiff::Timestamp),
        FieldType::DateTimeLocal => quote!(::jiff::civil::DateTime),
        FieldType::Enum(name) | FieldType::StringEnum(name) => {
            let name = format_ident!("{}", name);
            quote!(::nexudus_generated_core::enums::#name)
        }
    }
}

/// The value type, wrapped so `Debug` hides it when the field is sensitive.
pub fn stored_value_type(field: &Field) -> TokenStream {
    let value = value_type(&field.ty);
    if field.sensitive {
        quote!(::nexudus_generated_core::Sensitive<#value>)
    } else {
        value
    }
}

/// The type of the struct field: optional fields are `Option`, nullable ones may hold `None`
/// as an explicit JSON `null`, so an optional nullable field is `Option<Option<_>>`.
pub fn field_type(field: &Field) -> TokenStream {
    let stored = stored_value_type(field);
    let nullable = if field.nullable {
        quote!(Option<#stored>)
    } else {
        stored
    };
    if field.required {
        nullable
    } else {
        quote!(Option<#nullable>)
    }
}

/// A placeholder for a required field until its setter runs; the typestate builder makes it
/// impossible to build before every placeholder is replaced.
pub fn placeholder(field: &Field) -> TokenStream {
    if !field.required || field.nullable {
        return quote!(None);
    }
    let value = match &field.ty {
        FieldType::Enum(name) => {
            let name = format_ident!("{}", name);
            quote!(::nexudus_generated_core::enums::#name::from_value(0))
        }
        FieldType::StringEnum(name) => {
            let name = format_ident!("{}", name);
            quote!(::nexudus_generated_core::enums::#name::from_value(""))
        }
        _ => quote!(Default::default()),
    };
    if field.sensitive {
        quote!(::nexudus_generated_core::Sensitive::new(#value))
    } else {
        value
    }
}

/// What a field's type and placeholder depend on.
type Shape = (FieldType, bool, bool, bool);

thread_local! {
    /// Parsed once per thread and shape: a few dozen shapes serve thousands of fields.
    static PARSED: RefCell<HashMap<Shape, (syn::Type, syn::Expr)>> = RefCell::new(HashMap::new());
}

/// [`field_type`] and [`placeholder`] as `syn` nodes, for the nodes spliced into a parsed file
/// ([`crate::emit::splice`]).
pub fn parsed_type_and_placeholder(field: &Field) -> (syn::Type, syn::Expr) {
    let shape = (
        field.ty.clone(),
        field.required,
        field.nullable,
        field.sensitive,
    );
    PARSED.with(|parsed| {
        parsed
            .borrow_mut()
            .entry(shape)
            .or_insert_with(|| {
                let ty = syn::parse2(field_type(field))
                    .expect("field_type writes a type for every field type");
                let value = syn::parse2(placeholder(field))
                    .expect("placeholder writes an expression for every field type");
                (ty, value)
            })
            .clone()
    })
}
