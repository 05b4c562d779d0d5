//! What the generated enums share: the value the docs do not list, and reading a value that
//! Nexudus sends either as its integer or as its documented name.
//!
//! A record's own enum fields come as integers (`"CoworkerType": 1`), while the fields it
//! copies from related entities come as names (`"CoworkerCoworkerType": "Individual"`): every
//! generated enum reads both, and keeps what it does not know instead of failing the record.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// A value the docs do not list for an enum, kept as received so it serializes back
/// unchanged: an integer (`9`), or a name (`"Corporate"`) when Nexudus sent the value as text.
///
/// An unknown name has no integer: [`UnknownValue::value`] is then `None`, and the enum's
/// `value()` too.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownValue(Unknown);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Unknown {
    Integer(i64),
    Name(Box<str>),
}

impl UnknownValue {
    /// An integer the docs do not list. Generated `from_value` calls it.
    #[doc(hidden)]
    pub const fn integer(value: i64) -> Self {
        Self(Unknown::Integer(value))
    }

    /// A name the docs do not list.
    #[doc(hidden)]
    pub fn named(name: impl Into<Box<str>>) -> Self {
        Self(Unknown::Name(name.into()))
    }

    /// The integer as received, or `None` when the value came as a name.
    pub const fn value(&self) -> Option<i64> {
        match &self.0 {
            Unknown::Integer(value) => Some(*value),
            Unknown::Name(_) => None,
        }
    }

    /// The name as received, or `None` when the value came as an integer.
    pub fn name(&self) -> Option<&str> {
        match &self.0 {
            Unknown::Integer(_) => None,
            Unknown::Name(name) => Some(name),
        }
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Unknown::Integer(value) => f.debug_tuple("UnknownValue").field(value).finish(),
            Unknown::Name(name) => f.debug_tuple("UnknownValue").field(name).finish(),
        }
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Unknown::Integer(value) => write!(f, "{value}"),
            Unknown::Name(name) => f.write_str(name),
        }
    }
}

impl serde::Serialize for UnknownValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Unknown::Integer(value) => serializer.serialize_i64(*value),
            Unknown::Name(name) => serializer.serialize_str(name),
        }
    }
}

/// Reads an enum value sent as an integer or as a name. Every generated enum's `Deserialize`
/// is this one call, so the decoding logic is compiled once per enum type, not written out.
///
/// An integer outside the enum's integer type `R` is an error naming the enum (`documented`);
/// a name is parsed with the enum's `FromStr` (documented names, or an integer as text), and
/// a name it does not know is kept as `unknown(UnknownValue)`.
pub fn deserialize<'de, D, E, R>(
    deserializer: D,
    documented: &'static str,
    unknown: fn(UnknownValue) -> E,
) -> Result<E, D::Error>
where
    D: Deserializer<'de>,
    E: From<R> + std::str::FromStr,
    R: TryFrom<i64>,
{
    match deserializer.deserialize_any(IntegerOrName)? {
        Received::Integer(value) => R::try_from(value).map(E::from).map_err(|_| {
            de::Error::custom(format_args!("{value} is out of range for {documented}"))
        }),
        Received::Name(name) => Ok(name
            .parse::<E>()
            .unwrap_or_else(|_| unknown(UnknownValue::named(name)))),
    }
}

enum Received {
    Integer(i64),
    Name(String),
}

struct IntegerOrName;

impl<'de> Visitor<'de> for IntegerOrName {
    type Value = Received;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum value: an integer or its documented name")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Received, E> {
        Ok(Received::Integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Received, E> {
        i64::try_from(value)
            .map(Received::Integer)
            .map_err(|_| E::custom(format_args!("{value} is too large for an enum value")))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Received, E> {
        Ok(Received::Name(value.trim().to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_show_and_serialize_as_received() {
        let number = UnknownValue::integer(9);
        let name = UnknownValue::named("Corporate");
        assert_eq!(
            format!("{number:?} {name:?}"),
            "UnknownValue(9) UnknownValue(\"Corporate\")"
        );
        assert_eq!((number.value(), number.name()), (Some(9), None));
        assert_eq!((name.value(), name.name()), (None, Some("Corporate")));
        assert_eq!(serde_json::to_string(&number).unwrap(), "9");
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"Corporate\"");
    }
}
