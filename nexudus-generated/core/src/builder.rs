//! Typestate of the generated builders.
//!
//! A builder's type parameter records which required fields are set: `Unset<Field>` until
//! its setter runs and `Set<Field>` after, one leaf per required field. The leaves are the
//! ends of a balanced binary tree of [`Both`] nodes, and each setter names its field's place
//! in the tree by a path ([`Left`], [`Right`], [`Here`]) rather than listing the states of
//! every other field: a builder with N required fields costs N setters of O(log N) tokens,
//! not N setters of N type parameters each (1,000 required fields once made 5.9 MB of code).
//! `build` requires `IsSet<Field>` of each leaf, so a missing field is a compile error that
//! names the field, and a second call of a required setter is one that names it too.

use std::fmt;
use std::marker::PhantomData;

/// A required field not set yet.
pub struct Unset<F>(PhantomData<F>);

/// A required field that has been set.
pub struct Set<F>(PhantomData<F>);

/// A required field filled in from a record (by a record's `to_update`): it counts as set, and
/// its setter can still be called once, to change it.
pub struct Filled<F>(PhantomData<F>);

/// The states of two groups of required fields.
pub struct Both<L, R>(PhantomData<(L, R)>);

/// The path to a field's state: this very node.
pub enum Here {}

/// The path to a field's state: in the left group, then `P`.
pub struct Left<P>(PhantomData<P>);

/// The path to a field's state: in the right group, then `P`.
pub struct Right<P>(PhantomData<P>);

/// Proof that a required field is set; only [`Set`] has it.
#[diagnostic::on_unimplemented(
    message = "required field `{F}` is not set",
    label = "`{F}` must be set before this call",
    note = "call the builder's setter for `{F}` first"
)]
pub trait IsSet<F> {}

impl<F> IsSet<F> for Set<F> {}

impl<F> IsSet<F> for Filled<F> {}

/// The state of the field at path `P`.
pub trait At<P> {
    /// [`Set`] or [`Unset`] of that field.
    type State;
}

impl<S> At<Here> for S {
    type State = S;
}

impl<L: At<P>, R, P> At<Left<P>> for Both<L, R> {
    type State = L::State;
}

impl<L, R: At<P>, P> At<Right<P>> for Both<L, R> {
    type State = R::State;
}

/// The state once the field at path `P` is set.
pub trait SetAt<P> {
    /// The same states, with that field [`Set`].
    type Output;
}

impl<F> SetAt<Here> for Unset<F> {
    type Output = Set<F>;
}

impl<F> SetAt<Here> for Filled<F> {
    type Output = Set<F>;
}

// Implemented, under a bound nothing meets, so that the error says what went wrong.
impl<F: SetOnce> SetAt<Here> for Set<F> {
    type Output = Set<F>;
}

impl<L: SetAt<P>, R, P> SetAt<Left<P>> for Both<L, R> {
    type Output = Both<L::Output, R>;
}

impl<L, R: SetAt<P>, P> SetAt<Right<P>> for Both<L, R> {
    type Output = Both<L, R::Output>;
}

/// Implemented by no field: a required field's setter runs once.
#[diagnostic::on_unimplemented(
    message = "required field `{Self}` is already set",
    label = "`{Self}` was set by an earlier call",
    note = "a required field's setter can be called once"
)]
pub trait SetOnce {}

// Implemented by hand: derives would require the field markers, which are uninhabited
// enums, to implement the traits too.
macro_rules! marker_impls {
    ($($marker:ident<$($param:ident),*>),*) => {$(
        impl<$($param),*> Clone for $marker<$($param),*> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<$($param),*> Copy for $marker<$($param),*> {}

        impl<$($param),*> Default for $marker<$($param),*> {
            fn default() -> Self {
                Self(PhantomData)
            }
        }

        impl<$($param),*> fmt::Debug for $marker<$($param),*> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(stringify!($marker))
            }
        }
    )*};
}

marker_impls!(Unset<F>, Set<F>, Filled<F>, Both<L, R>);

// The setters are written once here and invoked once per field, so a builder costs one line
// per field in the generated source. The first token says how a value is taken and kept:
// `exact` (the field's own type, for `bool`, numbers and integer enums, whose `Into`
// conversions only widen integers: an `impl Into` would cost the compiler one more generic
// function per setter and buy nothing), `plain` (anything `Into` the type), `secret` (in `Sensitive`, hidden in `Debug`), `nullable` (`null` is a value) or
// `nullable_secret`. Each kind has its own arm written out in full, although they differ only
// in the argument type and the stored value: with some 25,000 setters in a crate of 1,000
// operations, every nested expansion counts. Two helper macros per setter cost about 40 MB of
// the compiler's memory; one shared setter arm behind the kinds, 85 MB.

/// The setter of an optional field, inside the builder's `impl` block, with the field's JSON
/// name as Markdown: ``optional!(plain salutation: String, "`Salutation`");``. The doc points
/// to the request's field, which has the documented description, so the setter costs one line.
/// The doc is three attributes rather than one built by `concat!`: that expansion, once per
/// setter, cost the compiler about 100 MB at 1,000 operations.
#[macro_export]
#[doc(hidden)]
macro_rules! optional {
    (exact $name:ident: $ty:ty, $json:literal) => {
        #[doc = "Sets the optional field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(mut self, value: $ty) -> Self {
            self.request.$name = ::core::option::Option::Some(value);
            self
        }
    };
    (plain $name:ident: $ty:ty, $json:literal) => {
        #[doc = "Sets the optional field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(mut self, value: impl ::core::convert::Into<$ty>) -> Self {
            self.request.$name = ::core::option::Option::Some(value.into());
            self
        }
    };
    (secret $name:ident: $ty:ty, $json:literal) => {
        #[doc = "Sets the optional field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(mut self, value: impl ::core::convert::Into<$ty>) -> Self {
            self.request.$name = ::core::option::Option::Some($crate::Sensitive::new(value.into()));
            self
        }
    };
    (nullable $name:ident: $ty:ty, $json:literal) => {
        #[doc = "Sets the optional field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(
            mut self,
            value: impl ::core::convert::Into<::core::option::Option<$ty>>,
        ) -> Self {
            self.request.$name = ::core::option::Option::Some(value.into());
            self
        }
    };
    (nullable_secret $name:ident: $ty:ty, $json:literal) => {
        #[doc = "Sets the optional field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(
            mut self,
            value: impl ::core::convert::Into<::core::option::Option<$ty>>,
        ) -> Self {
            self.request.$name =
                ::core::option::Option::Some(value.into().map($crate::Sensitive::new));
            self
        }
    };
}

/// The setter of a required field, inside the builder's `impl<S> Builder<S>` block: it takes
/// the builder whatever its state and returns it with the field at `$path` set, which
/// compiles only while that field is unset:
/// ``required!(plain notes: String, "`Notes`", Right<Here>);``. In the builder that an
/// entity's create and update share, `impl<R, S> Builder<R, S>`, the request's type parameter
/// follows the path: ``required!(plain notes: String, "`Notes`", Right<Here>, R);``. Each
/// kind is written out in full, as in `optional!`: forwarding to one shared arm doubled the
/// expansions of every required setter (2.5% of `cargo check` at 1,000 operations).
#[macro_export]
#[doc(hidden)]
macro_rules! required {
    (exact $name:ident: $ty:ty, $json:literal, $path:ty $(, $request:ident)?) => {
        #[doc = "Sets the required field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(
            mut self,
            value: $ty,
        ) -> Builder<$($request,)? <S as $crate::builder::SetAt<$path>>::Output>
        where
            S: $crate::builder::SetAt<$path>,
        {
            self.request.$name = value;
            Builder {
                request: self.request,
                state: ::core::marker::PhantomData,
            }
        }
    };
    (plain $name:ident: $ty:ty, $json:literal, $path:ty $(, $request:ident)?) => {
        #[doc = "Sets the required field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(
            mut self,
            value: impl ::core::convert::Into<$ty>,
        ) -> Builder<$($request,)? <S as $crate::builder::SetAt<$path>>::Output>
        where
            S: $crate::builder::SetAt<$path>,
        {
            self.request.$name = value.into();
            Builder {
                request: self.request,
                state: ::core::marker::PhantomData,
            }
        }
    };
    (secret $name:ident: $ty:ty, $json:literal, $path:ty $(, $request:ident)?) => {
        #[doc = "Sets the required field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(
            mut self,
            value: impl ::core::convert::Into<$ty>,
        ) -> Builder<$($request,)? <S as $crate::builder::SetAt<$path>>::Output>
        where
            S: $crate::builder::SetAt<$path>,
        {
            self.request.$name = $crate::Sensitive::new(value.into());
            Builder {
                request: self.request,
                state: ::core::marker::PhantomData,
            }
        }
    };
    (nullable $name:ident: $ty:ty, $json:literal, $path:ty $(, $request:ident)?) => {
        #[doc = "Sets the required field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(
            mut self,
            value: impl ::core::convert::Into<::core::option::Option<$ty>>,
        ) -> Builder<$($request,)? <S as $crate::builder::SetAt<$path>>::Output>
        where
            S: $crate::builder::SetAt<$path>,
        {
            self.request.$name = value.into();
            Builder {
                request: self.request,
                state: ::core::marker::PhantomData,
            }
        }
    };
    (nullable_secret $name:ident: $ty:ty, $json:literal, $path:ty $(, $request:ident)?) => {
        #[doc = "Sets the required field"]
        #[doc = $json]
        #[doc = "of [`Request`]: see that field for its documented meaning."]
        #[inline]
        pub fn $name(
            mut self,
            value: impl ::core::convert::Into<::core::option::Option<$ty>>,
        ) -> Builder<$($request,)? <S as $crate::builder::SetAt<$path>>::Output>
        where
            S: $crate::builder::SetAt<$path>,
        {
            self.request.$name = value.into().map($crate::Sensitive::new);
            Builder {
                request: self.request,
                state: ::core::marker::PhantomData,
            }
        }
    };
}
