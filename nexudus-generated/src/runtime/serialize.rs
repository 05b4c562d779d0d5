//! The `Serialize` of the generated request types.
//!
//! A request is written as one call per field to [`Fields`] instead of `#[derive(Serialize)]`:
//! the derive expands to a length count and a skip test per field, and with requests of up to
//! 183 fields that expansion was the largest single cost of compiling the crate (see "Scale
//! and speed" in the README). The JSON is the same: the fields in declaration order, absent
//! optional fields left out, `null` only for a nullable field explicitly set to `None`.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// Writes a request's fields, in order, as one JSON object (a map to any other format).
///
/// The calls return nothing: the first error is kept and returned by [`Fields::end`], so the
/// generated `serialize` is a plain list of calls with no `?` after each, whose early-return
/// branches made up a large part of the crate's borrow-checking cost.
pub struct Fields<M: SerializeMap> {
    map: Result<M, M::Error>,
}

impl<M: SerializeMap> Fields<M> {
    /// Starts the object.
    pub fn start<S>(serializer: S) -> Self
    where
        S: Serializer<SerializeMap = M, Error = M::Error>,
    {
        Self {
            map: serializer.serialize_map(None),
        }
    }

    /// A field that is always sent.
    #[inline]
    pub fn required<T: Serialize + ?Sized>(&mut self, json_name: &'static str, value: &T) {
        if let Ok(map) = &mut self.map
            && let Err(error) = map.serialize_entry(json_name, value)
        {
            self.map = Err(error);
        }
    }

    /// A field sent only when set.
    #[inline]
    pub fn optional<T: Serialize>(&mut self, json_name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.required(json_name, value);
        }
    }

    /// A list's date-time filter, sent only when set, in the `YYYY-MM-DDTHH:mm` form the
    /// list pages give (`from_Desk_CreatedOn=2026-01-01T10:00`): seconds are dropped, a UTC
    /// time is written in UTC.
    #[inline]
    pub fn optional_minutes<T: MinuteText>(&mut self, json_name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.required(json_name, &value.minute_text());
        }
    }

    /// A required date-time filter, written as [`Fields::optional_minutes`] does.
    #[inline]
    pub fn required_minutes<T: MinuteText>(&mut self, json_name: &'static str, value: &T) {
        self.required(json_name, &value.minute_text());
    }

    /// Closes the object, or returns the first error of a field.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map?.end()
    }
}

/// A date-time as a list filter writes it: `YYYY-MM-DDTHH:mm`.
pub trait MinuteText {
    /// The value in that form.
    fn minute_text(&self) -> String;
}

impl MinuteText for jiff::civil::DateTime {
    fn minute_text(&self) -> String {
        self.strftime("%Y-%m-%dT%H:%M").to_string()
    }
}

impl MinuteText for jiff::Timestamp {
    fn minute_text(&self) -> String {
        jiff::tz::TimeZone::UTC.to_datetime(*self).minute_text()
    }
}

impl<T: MinuteText> MinuteText for crate::Sensitive<T> {
    fn minute_text(&self) -> String {
        self.expose().minute_text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Note {
        id: i64,
        text: Option<String>,
        due: Option<Option<i64>>,
    }

    // What the generator writes for a request with these fields.
    impl Serialize for Note {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut fields = Fields::start(serializer);
            fields.required("Id", &self.id);
            fields.optional("Text", &self.text);
            fields.optional("Due", &self.due);
            fields.end()
        }
    }

    fn json(note: &Note) -> String {
        serde_json::to_string(note).unwrap()
    }

    #[test]
    fn fields_are_written_in_order_and_absent_ones_left_out() {
        let all = Note {
            id: 7,
            text: Some("hi".into()),
            due: Some(Some(3)),
        };
        assert_eq!(json(&all), r#"{"Id":7,"Text":"hi","Due":3}"#);
        let bare = Note {
            id: 7,
            text: None,
            due: None,
        };
        assert_eq!(json(&bare), r#"{"Id":7}"#);
    }

    #[test]
    fn a_nullable_field_set_to_none_is_sent_as_null() {
        let cleared = Note {
            id: 1,
            text: None,
            due: Some(None),
        };
        assert_eq!(json(&cleared), r#"{"Id":1,"Due":null}"#);
    }

    #[test]
    fn the_same_fields_make_a_query_string() {
        let note = Note {
            id: 2,
            text: Some("a b".into()),
            due: None,
        };
        assert_eq!(serde_urlencoded::to_string(&note).unwrap(), "Id=2&Text=a+b");
    }

    #[test]
    fn date_time_filters_are_written_to_the_minute() {
        struct Range {
            from: Option<jiff::Timestamp>,
            to: jiff::civil::DateTime,
        }
        impl Serialize for Range {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut fields = Fields::start(serializer);
                fields.optional_minutes("from_Desk_CreatedOn", &self.from);
                fields.required_minutes("to_Desk_CreatedOn", &self.to);
                fields.end()
            }
        }
        let range = Range {
            from: Some("2026-01-01T10:05:59.9Z".parse().unwrap()),
            to: "2026-02-01T23:59:00".parse().unwrap(),
        };
        assert_eq!(
            serde_urlencoded::to_string(&range).unwrap(),
            "from_Desk_CreatedOn=2026-01-01T10%3A05&to_Desk_CreatedOn=2026-02-01T23%3A59"
        );
    }

    #[test]
    fn the_first_error_of_a_field_is_returned() {
        // A list cannot be a query string value: the first field fails, and `end` says so.
        struct Nested {
            inner: Vec<i64>,
        }
        impl Serialize for Nested {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut fields = Fields::start(serializer);
                fields.required("Inner", &self.inner);
                fields.required("After", &1);
                fields.end()
            }
        }
        let error = serde_urlencoded::to_string(Nested { inner: vec![1, 2] }).unwrap_err();
        assert!(error.to_string().contains("unsupported"), "{error}");
    }
}
