//! Emits the integer-valued enums: documented variants plus a catch-all that keeps values
//! the docs do not list, so a new value on the server never breaks decoding.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, doc_paragraphs, escape_markdown};
use crate::model::{Api, Enum};

/// The module `enums`: every enum of the API, plus the types they share.
pub fn enums_module(api: &Api) -> TokenStream {
    let enums = api.enums.iter().map(enum_tokens);
    let string_enums = api
        .string_enums
        .iter()
        .map(crate::emit::string_enums::string_enum_tokens);
    let string_shared =
        (!api.string_enums.is_empty()).then(crate::emit::string_enums::shared_tokens);
    quote! {
        //! The enums of the Nexudus API: integer-valued, and string-valued (open sets of known strings).
        //!
        //! Each keeps the documented value names for `Display` and `FromStr`, reads a value sent
        //! as its integer or as its documented name (`"Individual"`), and keeps any value the docs
        //! do not list instead of failing, so it serializes back as it came.

        /// A value the docs do not list (an integer, or a name sent as text); kept so it
        /// round-trips unchanged.
        pub use crate::UnknownValue;

        /// The error of `FromStr` for an enum: the text is neither a documented name nor an integer.
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq)]
        pub struct ParseEnumError {
            enum_name: &'static str,
            text: ::std::string::String,
        }

        impl ::std::fmt::Display for ParseEnumError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "`{}` is not a value of {}", self.text, self.enum_name)
            }
        }

        impl ::std::error::Error for ParseEnumError {}

        #(#enums)*

        #string_shared

        #(#string_enums)*
    }
}

fn enum_tokens(spec: &Enum) -> TokenStream {
    let name = format_ident!("{}", spec.type_name);
    let repr = format_ident!("{}", spec.repr);
    let unknown = format_ident!("{}", spec.unknown_variant);
    let serialize = format_ident!("serialize_{}", spec.repr);
    let documented = &spec.documented_name;
    let docs = doc_attrs(&doc_paragraphs([
        escape_markdown(&spec.description).as_str(),
        &format!("Documented as `{documented}`."),
    ]));
    let variants: Vec<Ident> = spec
        .values
        .iter()
        .map(|v| Ident::new(&v.variant, Span::call_site()))
        .collect();
    let literals: Vec<Literal> = spec
        .values
        .iter()
        .map(|v| Literal::i64_unsuffixed(v.value))
        .collect();
    let names: Vec<&str> = spec.values.iter().map(|v| v.name.as_str()).collect();
    let variant_docs = spec
        .values
        .iter()
        .map(|v| doc_attrs(&format!("`{}` = {}", v.name, v.value)));
    let unknown_doc = doc_attrs(&format!(
        "A value the docs do not list for {documented}; it serializes back unchanged."
    ));
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            #unknown_doc
            #unknown(UnknownValue),
        }

        impl #name {
            /// Every documented value, in documented order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The enum value for an integer; integers the docs do not list are kept.
            pub const fn from_value(value: #repr) -> Self {
                match value {
                    #(#literals => Self::#variants,)*
                    other => Self::#unknown(UnknownValue::integer(other as i64)),
                }
            }

            /// The integer sent over the wire; `None` only for an unknown value that came as a
            /// name.
            pub const fn value(&self) -> ::std::option::Option<#repr> {
                match self {
                    #(Self::#variants => ::std::option::Option::Some(#literals),)*
                    Self::#unknown(unknown) => match unknown.value() {
                        ::std::option::Option::Some(value) => ::std::option::Option::Some(value as #repr),
                        ::std::option::Option::None => ::std::option::Option::None,
                    },
                }
            }

            /// The documented name, or `None` for a value the docs do not list.
            pub const fn name(&self) -> ::std::option::Option<&'static str> {
                match self {
                    #(Self::#variants => ::std::option::Option::Some(#names),)*
                    Self::#unknown(_) => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<#repr> for #name {
            fn from(value: #repr) -> Self {
                Self::from_value(value)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(Self::#variants => f.write_str(#names),)*
                    Self::#unknown(unknown) => ::std::fmt::Display::fmt(unknown, f),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ParseEnumError;

            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                match text {
                    #(#names => ::std::result::Result::Ok(Self::#variants),)*
                    other => other
                        .parse::<#repr>()
                        .map(Self::from_value)
                        .map_err(|_| ParseEnumError { enum_name: #documented, text: other.into() }),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants => serializer.#serialize(#literals),)*
                    Self::#unknown(unknown) => ::serde::Serialize::serialize(unknown, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::enum_value::deserialize::<D, Self, #repr>(deserializer, #documented, Self::#unknown)
            }
        }
    }
}
