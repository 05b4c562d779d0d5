//! Typestate markers of the generated builders.
//!
//! Each builder has one type parameter per required field, `Unset<Field>` until its setter
//! runs and `Set<Field>` after; `build` requires `IsSet<Field>` of each, so a missing field
//! is a compile error that names the field.

use std::fmt;
use std::marker::PhantomData;

/// A required field not set yet.
pub struct Unset<F>(PhantomData<F>);

/// A required field that has been set.
pub struct Set<F>(PhantomData<F>);

/// Proof that a required field is set; only [`Set`] has it.
#[diagnostic::on_unimplemented(
    message = "required field `{F}` is not set",
    label = "`{F}` must be set before this call",
    note = "call the builder's setter for `{F}` first"
)]
pub trait IsSet<F> {}

impl<F> IsSet<F> for Set<F> {}

// Implemented by hand: derives would require the marker types, which are uninhabited
// enums, to implement the traits too.
macro_rules! marker_impls {
    ($($marker:ident),*) => {$(
        impl<F> Clone for $marker<F> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<F> Copy for $marker<F> {}

        impl<F> Default for $marker<F> {
            fn default() -> Self {
                Self(PhantomData)
            }
        }

        impl<F> fmt::Debug for $marker<F> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(stringify!($marker))
            }
        }
    )*};
}

marker_impls!(Unset, Set);

// The setters are written once here and invoked once per field, so a builder costs one line
// per field in the generated source. The first token says how a value is kept: `plain`,
// `secret` (in `Sensitive`, hidden in `Debug`), `nullable` (`null` is a value) or
// `nullable_secret`.

/// The parameter type of a setter.
macro_rules! setter_argument {
    (plain $ty:ty) => { impl ::core::convert::Into<$ty> };
    (secret $ty:ty) => { impl ::core::convert::Into<$ty> };
    (nullable $ty:ty) => { impl ::core::convert::Into<::core::option::Option<$ty>> };
    (nullable_secret $ty:ty) => { impl ::core::convert::Into<::core::option::Option<$ty>> };
}

/// The value a setter stores for its argument.
macro_rules! setter_value {
    (plain $value:ident) => {
        $value.into()
    };
    (secret $value:ident) => {
        $crate::Sensitive::new($value.into())
    };
    (nullable $value:ident) => {
        $value.into()
    };
    (nullable_secret $value:ident) => {
        $value.into().map($crate::Sensitive::new)
    };
}

/// The setter of an optional field, inside the builder's `impl` block:
/// `optional!(plain salutation: String, "Salutation");`. Its doc links to the field's, which
/// has the documented description, so the setter costs one line.
macro_rules! optional {
    ($store:ident $name:ident: $ty:ty, $json:literal) => {
        #[doc = concat!(
            "Sets the optional field `", $json, "`: see [`Request::", stringify!($name), "`]."
        )]
        pub fn $name(mut self, value: $crate::builder::setter_argument!($store $ty)) -> Self {
            self.request.$name =
                ::core::option::Option::Some($crate::builder::setter_value!($store value));
            self
        }
    };
}

/// The setter of a required field: an `impl` for builders whose state for that field is
/// `Unset`, returning the builder with it `Set`. The states before and after it are listed so
/// the others stay whatever they are:
/// `required!(plain notes: String, "Notes", [S0] Notes []);`
macro_rules! required {
    (
        $store:ident $name:ident: $ty:ty, $json:literal,
        [$($before:ident)*] $marker:ident [$($after:ident)*]
    ) => {
        impl<$($before,)* $($after,)*>
            Builder<$($before,)* $crate::builder::Unset<fields::$marker>, $($after,)*>
        {
            #[doc = concat!(
                "Sets the required field `", $json, "`: see [`Request::", stringify!($name), "`]."
            )]
            pub fn $name(
                mut self,
                value: $crate::builder::setter_argument!($store $ty),
            ) -> Builder<$($before,)* $crate::builder::Set<fields::$marker>, $($after,)*> {
                self.request.$name = $crate::builder::setter_value!($store value);
                Builder {
                    request: self.request,
                    state: ::core::marker::PhantomData,
                }
            }
        }
    };
}

pub(crate) use {setter_argument, setter_value};
