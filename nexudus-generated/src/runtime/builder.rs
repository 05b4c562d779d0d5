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
// `nullable_secret`. Each kind has its own arm written out in full, although the four differ
// only in the argument type and the stored value: with some 25,000 setters in a crate of
// 1,000 operations, every nested expansion counts. Two helper macros per setter cost about
// 40 MB of the compiler's memory; one shared setter arm behind the four, 85 MB.

/// The setter of an optional field, inside the builder's `impl` block, with its doc:
/// ``optional!(plain salutation: String, "Sets [`CreateCoworker::salutation`](super::CreateCoworker::salutation).");``. The doc
/// links the request's field, which has the documented description, so the setter costs one
/// line. The generator writes the doc whole: building it with `concat!`, once per setter, cost
/// the compiler about 100 MB at 1,000 operations.
macro_rules! optional {
    (plain $name:ident: $ty:ty, $doc:literal) => {
        #[doc = $doc]
        pub fn $name(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.request.$name = ::std::option::Option::Some(value.into());
            self
        }
    };
    (secret $name:ident: $ty:ty, $doc:literal) => {
        #[doc = $doc]
        pub fn $name(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.request.$name = ::std::option::Option::Some($crate::Sensitive::new(value.into()));
            self
        }
    };
    (nullable $name:ident: $ty:ty, $doc:literal) => {
        #[doc = $doc]
        pub fn $name(
            mut self,
            value: impl ::std::convert::Into<::std::option::Option<$ty>>,
        ) -> Self {
            self.request.$name = ::std::option::Option::Some(value.into());
            self
        }
    };
    (nullable_secret $name:ident: $ty:ty, $doc:literal) => {
        #[doc = $doc]
        pub fn $name(
            mut self,
            value: impl ::std::convert::Into<::std::option::Option<$ty>>,
        ) -> Self {
            self.request.$name =
                ::std::option::Option::Some(value.into().map($crate::Sensitive::new));
            self
        }
    };
}

/// The setter of a required field: an `impl` for builders whose state for that field is
/// `Unset`, returning the builder with it `Set`. The states before and after it are listed so
/// the others stay whatever they are:
/// ``required!(plain notes: String, "Sets [`CreateCoworkerNote::notes`](super::CreateCoworkerNote::notes).", [S0] Notes []);``
macro_rules! required {
    (@impl $name:ident: $argument:ty, $doc:literal, [$($before:ident)*] $marker:ident [$($after:ident)*], |$value:ident| $stored:expr) => {
        impl<$($before,)* $($after,)*>
            Builder<$($before,)* $crate::builder::Unset<fields::$marker>, $($after,)*>
        {
            #[doc = $doc]
            pub fn $name(
                mut self,
                $value: $argument,
            ) -> Builder<$($before,)* $crate::builder::Set<fields::$marker>, $($after,)*> {
                self.request.$name = $stored;
                Builder {
                    request: self.request,
                    state: ::std::marker::PhantomData,
                }
            }
        }
    };
    (plain $name:ident: $ty:ty, $doc:literal, $($states:tt)*) => {
        required!(@impl $name: impl ::std::convert::Into<$ty>, $doc, $($states)*, |value| value.into());
    };
    (secret $name:ident: $ty:ty, $doc:literal, $($states:tt)*) => {
        required!(@impl $name: impl ::std::convert::Into<$ty>, $doc, $($states)*,
            |value| $crate::Sensitive::new(value.into()));
    };
    (nullable $name:ident: $ty:ty, $doc:literal, $($states:tt)*) => {
        required!(@impl $name: impl ::std::convert::Into<::std::option::Option<$ty>>, $doc,
            $($states)*, |value| value.into());
    };
    (nullable_secret $name:ident: $ty:ty, $doc:literal, $($states:tt)*) => {
        required!(@impl $name: impl ::std::convert::Into<::std::option::Option<$ty>>, $doc,
            $($states)*, |value| value.into().map($crate::Sensitive::new));
    };
}
