//! Emits the string-valued enums: the documented values of a string field as variants, plus a
//! catch-all that keeps any other string, since the docs list only the common values.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::emit::docs::{doc_attrs, doc_paragraphs, escape_markdown};
use crate::model::StringEnum;

/// The type every string enum keeps an undocumented string in, shared by all of them.
pub fn shared_tokens() -> TokenStream {
    quote! {
        /// A string the docs do not list for a string enum; kept so it round-trips unchanged.
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        pub struct UnknownString(::std::string::String);

        impl UnknownString {
            /// The string as received.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    }
}

/// One string enum: variants, conversions, `Display`/`FromStr`, serde as the plain string.
pub fn string_enum_tokens(spec: &StringEnum) -> TokenStream {
    let name = format_ident!("{}", spec.type_name);
    let unknown = format_ident!("{}", spec.unknown_variant);
    let documented = &spec.documented_name;
    let docs = doc_attrs(&doc_paragraphs([
        escape_markdown(&spec.description).as_str(),
        &format!(
            "The known values of `{documented}`; the set is open, so any other string is kept in `{}`.",
            spec.unknown_variant
        ),
    ]));
    let variants: Vec<Ident> = spec
        .values
        .iter()
        .map(|v| Ident::new(&v.variant, Span::call_site()))
        .collect();
    let values: Vec<&str> = spec.values.iter().map(|v| v.value.as_str()).collect();
    let meanings: Vec<&str> = spec.values.iter().map(|v| v.description.as_str()).collect();
    let variant_docs = spec.values.iter().map(|v| {
        let meaning = escape_markdown(&v.description);
        doc_attrs(&if meaning.is_empty() {
            format!("`{}`", v.value)
        } else {
            format!("`{}`: {meaning}", v.value)
        })
    });
    // Through `doc_attrs` like every other doc: the documented name is spec text, which may
    // hold a text-direction control or a line break.
    let unknown_doc = doc_attrs(&format!(
        "A string the docs do not list for {}; it serializes back unchanged.",
        escape_markdown(documented)
    ));
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            #unknown_doc
            #unknown(UnknownString),
        }

        impl #name {
            /// Every documented value, in documented order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The enum value for a string; strings the docs do not list are kept.
            pub fn from_value(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::#unknown(UnknownString(other.into())),
                }
            }

            /// The string sent over the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#unknown(unknown) => unknown.as_str(),
                }
            }

            /// What the docs say the value means, or `None` for a value they do not list.
            pub const fn meaning(&self) -> ::std::option::Option<&'static str> {
                match self {
                    #(Self::#variants => ::std::option::Option::Some(#meanings),)*
                    Self::#unknown(_) => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::from_value(value)
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from_value(&value)
            }
        }

        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(value: #name) -> Self {
                match value {
                    #name::#unknown(unknown) => unknown.0,
                    known => known.as_str().into(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_value(text))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
