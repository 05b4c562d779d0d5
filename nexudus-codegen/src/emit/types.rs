//! The Rust type written for each spec type. Std's prelude names are used as they are (the
//! validator reserves them, so no spec name can shadow them); everything else is a full path.

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
            quote!(crate::enums::#name)
        }
    }
}

/// The value type, wrapped so `Debug` hides it when the field is sensitive.
pub fn stored_value_type(field: &Field) -> TokenStream {
    let value = value_type(&field.ty);
    if field.sensitive {
        quote!(crate::Sensitive<#value>)
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
            quote!(crate::enums::#name::from_value(0))
        }
        FieldType::StringEnum(name) => {
            let name = format_ident!("{}", name);
            quote!(crate::enums::#name::from_value(""))
        }
        _ => quote!(Default::default()),
    };
    if field.sensitive {
        quote!(crate::Sensitive::new(#value))
    } else {
        value
    }
}
