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
