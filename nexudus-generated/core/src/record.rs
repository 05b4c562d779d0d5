//! Reading records as Nexudus sends them, and turning a record back into its update.
//!
//! Generated record structs derive `Deserialize` with every field an `Option` (a missing field
//! and `null` are both `None`, undocumented fields are ignored); only their date-time fields
//! name a helper of this module, because Nexudus writes date-times with 0 to 7 fractional
//! digits, with or without `Z`, which jiff's own `Deserialize` does not all accept.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error as _};

/// Reads a Nexudus date-time: `2026-11-25T10:00:00`, `…00.1234567`, `…00Z`, `…00+01:00`.
/// Without an offset the time is taken as UTC, which is what Nexudus sends for UTC fields.
pub fn parse_date_time(text: &str) -> Option<jiff::Timestamp> {
    let text = text.trim();
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(timestamp);
    }
    let civil: jiff::civil::DateTime = text.parse().ok()?;
    jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()
}

/// A record's UTC date-time field (`Option<Timestamp>` or `Option<Sensitive<Timestamp>>`):
/// `null` is `None`; text that is not a date-time fails the record, naming the text.
pub fn utc<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<jiff::Timestamp>,
{
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_date_time(&text)
        .map(|timestamp| Some(T::from(timestamp)))
        .ok_or_else(|| D::Error::custom(format_args!("`{text}` is not a date-time")))
}

/// A record's local date-time field (the location's wall-clock time): as [`utc`], and a `Z`
/// or an offset, which some answers carry, is dropped rather than converted, since the digits
/// are already the local time.
pub fn local<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<jiff::civil::DateTime>,
{
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_local_date_time(&text)
        .map(|civil| Some(T::from(civil)))
        .ok_or_else(|| D::Error::custom(format_args!("`{text}` is not a date-time")))
}

/// Reads a Nexudus local date-time: `2026-11-25T10:00:00`, `…00.1234567`, `…00Z`,
/// `…00+01:00` (the offset is ignored: the digits are the wall-clock time).
pub fn parse_local_date_time(text: &str) -> Option<jiff::civil::DateTime> {
    let text = text.trim();
    if let Ok(civil) = text.parse::<jiff::civil::DateTime>() {
        return Some(civil);
    }
    // Cut a trailing `Z` or `±hh:mm` after the time of day (its `T…` part).
    let time_at = text.find(['T', 't', ' '])?;
    let offset_at = text[time_at..]
        .find(['Z', 'z', '+', '-'])
        .map(|at| time_at + at)?;
    text[..offset_at].parse().ok()
}

/// A record lacks a field its update requires, so [`to_update`](crate) cannot fill it in.
/// Nexudus checks an update as the whole record, so sending it without the field would be
/// refused ("X is a required field").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingField {
    entity: &'static str,
    json_name: &'static str,
}

impl MissingField {
    /// The field's JSON name, e.g. `LockerId`.
    pub fn json_name(&self) -> &'static str {
        self.json_name
    }

    /// The entity whose record lacks it, e.g. `LockerRental`.
    pub fn entity(&self) -> &'static str {
        self.entity
    }
}

impl fmt::Display for MissingField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} record has no `{}`, which its update requires",
            self.entity, self.json_name
        )
    }
}

impl std::error::Error for MissingField {}

/// The value of a record field the update requires, or the error naming it. Generated
/// `to_update` methods call it once per required field.
pub fn required<T: Clone>(
    value: &Option<T>,
    entity: &'static str,
    json_name: &'static str,
) -> Result<T, MissingField> {
    value.clone().ok_or(MissingField { entity, json_name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_with_zero_to_seven_fractional_digits() {
        let expected: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().unwrap();
        for text in [
            "2026-11-25T10:00:00",
            "2026-11-25T10:00:00Z",
            "2026-11-25T10:00:00.0",
            "2026-11-25T10:00:00.0000000",
        ] {
            assert_eq!(parse_date_time(text), Some(expected), "{text}");
        }
        let precise = parse_date_time("2026-11-25T10:00:00.1234567").unwrap();
        assert_eq!(precise.subsec_nanosecond(), 123_456_700);
        assert_eq!(parse_date_time("2026-11-25T11:00:00+01:00"), Some(expected));
        assert_eq!(parse_date_time("yesterday"), None);
    }

    #[derive(serde::Deserialize, Debug)]
    struct Dates {
        #[serde(default, deserialize_with = "utc")]
        at: Option<jiff::Timestamp>,
        #[serde(default, deserialize_with = "local")]
        local: Option<jiff::civil::DateTime>,
        #[serde(default, deserialize_with = "utc")]
        secret: Option<crate::Sensitive<jiff::Timestamp>>,
    }

    #[test]
    fn date_times_come_with_zero_to_seven_digits_with_or_without_z() {
        let expected: jiff::civil::DateTime = "2026-11-25T10:00:00".parse().unwrap();
        for text in [
            "2026-11-25T10:00:00",
            "2026-11-25T10:00:00Z",
            "2026-11-25T10:00:00.0000000",
            "2026-11-25T10:00:00.0000000Z",
            "2026-11-25T10:00:00+02:00",
        ] {
            assert_eq!(parse_local_date_time(text), Some(expected), "{text}");
        }
        let dates: Dates = serde_json::from_str(
            r#"{"at":"2026-11-25T10:00:00.1234567","local":"2026-11-25T10:00:00.5Z","secret":null}"#,
        )
        .unwrap();
        assert_eq!(dates.at.unwrap().subsec_nanosecond(), 123_456_700);
        assert_eq!(dates.local.unwrap().subsec_nanosecond(), 500_000_000);
        assert!(dates.secret.is_none());
        let dates: Dates = serde_json::from_str("{}").unwrap();
        assert!(dates.at.is_none() && dates.local.is_none());
    }

    #[test]
    fn text_that_is_no_date_fails_naming_it() {
        let error = serde_json::from_str::<Dates>(r#"{"at":"soon"}"#).unwrap_err();
        assert!(
            error.to_string().contains("`soon` is not a date-time"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let missing = required::<i64>(&None, "LockerRental", "LockerId").unwrap_err();
        assert_eq!(missing.json_name(), "LockerId");
        assert!(missing.to_string().contains("`LockerId`"), "{missing}");
        assert_eq!(required(&Some(7), "LockerRental", "LockerId"), Ok(7));
    }
}
