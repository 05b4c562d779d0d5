//! How the generated request types are written: one plain function per request.
//!
//! Each request implements [`WriteFields`] with one call per field to [`Fields`]. That
//! function is not generic, so the compiler checks and compiles it once, whatever the
//! output; the client writes its JSON bodies through it directly ([`to_json`]), and the
//! request's `Serialize` is a one-line call of the one shared adapter ([`serialize`]) that
//! feeds the same calls to any serde `Serializer`. `#[derive(Serialize)]`, or a
//! written-out `Serialize` generic over the serializer, was the largest single cost of
//! compiling the crate (see "Scale and speed" in the README). The JSON is the same: the
//! fields in declaration order, absent optional fields left out, `null` only for a nullable
//! field explicitly set to `None`.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A request whose fields can be written, in order, as one JSON object.
///
/// Implemented by every generated request type with body or query fields.
pub trait WriteFields {
    /// Writes every field that is set, in declaration order.
    fn write_fields(&self, fields: &mut Fields<'_>);
}

/// Where [`WriteFields::write_fields`] writes: the client's JSON body, or any serde map.
///
/// The calls return nothing: the first error is kept and reported once the object is
/// closed, so the generated function is a plain list of calls with no `?` after each.
pub struct Fields<'a> {
    out: Out<'a>,
}

enum Out<'a> {
    /// The client's body, written straight into bytes.
    Json(JsonObject<'a>),
    /// Any other serializer, behind the one adapter of [`serialize`].
    Map(&'a mut dyn MapEntries),
}

struct JsonObject<'a> {
    bytes: &'a mut Vec<u8>,
    empty: bool,
    error: Option<serde_json::Error>,
}

/// One map entry at a time, whatever the serializer: implemented once, by [`MapAdapter`].
trait MapEntries {
    fn entry(&mut self, json_name: &'static str, value: &dyn erased_serde::Serialize);
}

struct MapAdapter<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> MapEntries for MapAdapter<M> {
    fn entry(&mut self, json_name: &'static str, value: &dyn erased_serde::Serialize) {
        if self.error.is_none()
            && let Err(error) = self.map.serialize_entry(json_name, value)
        {
            self.error = Some(error);
        }
    }
}

impl Fields<'_> {
    /// A field that is always sent.
    pub fn required<T: Serialize>(&mut self, json_name: &'static str, value: &T) {
        match &mut self.out {
            Out::Json(object) => {
                if object.error.is_some() {
                    return;
                }
                object.key(json_name);
                if let Err(error) = serde_json::to_writer(&mut *object.bytes, value) {
                    object.error = Some(error);
                }
            }
            Out::Map(map) => map.entry(json_name, value),
        }
    }

    /// A field sent only when set.
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

impl JsonObject<'_> {
    /// `,"Name":` (no comma before the first), with the name escaped as JSON requires.
    fn key(&mut self, json_name: &str) {
        if !std::mem::take(&mut self.empty) {
            self.bytes.push(b',');
        }
        // A `&str` always serializes.
        let _ = serde_json::to_writer(&mut *self.bytes, json_name);
        self.bytes.push(b':');
    }
}

/// The request as the JSON object the client sends.
pub fn to_json(request: &dyn WriteFields) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = Vec::with_capacity(256);
    bytes.push(b'{');
    let mut fields = Fields {
        out: Out::Json(JsonObject {
            bytes: &mut bytes,
            empty: true,
            error: None,
        }),
    };
    request.write_fields(&mut fields);
    if let Out::Json(JsonObject {
        error: Some(error), ..
    }) = fields.out
    {
        return Err(error);
    }
    bytes.push(b'}');
    Ok(bytes)
}

/// The `Serialize` of every request: its fields as one map, through any serializer.
pub fn serialize<S: Serializer>(
    request: &dyn WriteFields,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut adapter = MapAdapter {
        map: serializer.serialize_map(None)?,
        error: None,
    };
    request.write_fields(&mut Fields {
        out: Out::Map(&mut adapter),
    });
    match adapter.error {
        Some(error) => Err(error),
        None => adapter.map.end(),
    }
}

/// Any request as a `Serialize` value, through [`serialize`]: the client's query strings.
pub struct Adapter<'a>(pub &'a dyn WriteFields);

impl Serialize for Adapter<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
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
    impl WriteFields for Note {
        fn write_fields(&self, fields: &mut Fields<'_>) {
            fields.required("Id", &self.id);
            fields.optional("Text", &self.text);
            fields.optional("Due", &self.due);
        }
    }

    impl Serialize for Note {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize(self, serializer)
        }
    }

    /// The client's body and serde's JSON, which must be the same text.
    fn json(note: &Note) -> String {
        let body = String::from_utf8(to_json(note).unwrap()).unwrap();
        assert_eq!(serde_json::to_string(note).unwrap(), body);
        body
    }

    #[test]
    fn fields_are_written_in_order_and_absent_ones_left_out() {
        let all = Note {
            id: 7,
            text: Some("hi \"there\"\n".into()),
            due: Some(Some(3)),
        };
        assert_eq!(json(&all), r#"{"Id":7,"Text":"hi \"there\"\n","Due":3}"#);
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
    fn a_request_without_fields_is_an_empty_object() {
        struct Empty;
        impl WriteFields for Empty {
            fn write_fields(&self, _: &mut Fields<'_>) {}
        }
        assert_eq!(to_json(&Empty).unwrap(), b"{}");
    }

    #[test]
    fn json_names_are_escaped() {
        struct Odd;
        impl WriteFields for Odd {
            fn write_fields(&self, fields: &mut Fields<'_>) {
                fields.required("Say \"hi\"\u{202e}", &1);
            }
        }
        let body = to_json(&Odd).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(value["Say \"hi\"\u{202e}"], 1);
    }

    #[test]
    fn the_same_fields_make_a_query_string() {
        let note = Note {
            id: 2,
            text: Some("a b&c".into()),
            due: None,
        };
        assert_eq!(
            serde_urlencoded::to_string(&note).unwrap(),
            "Id=2&Text=a+b%26c"
        );
    }

    #[test]
    fn the_first_error_of_a_field_is_returned() {
        // A list cannot be a query string value: the first field fails, and `end` says so.
        struct Nested {
            inner: Vec<i64>,
        }
        impl WriteFields for Nested {
            fn write_fields(&self, fields: &mut Fields<'_>) {
                fields.required("Inner", &self.inner);
                fields.required("After", &1);
            }
        }
        impl Serialize for Nested {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize(self, serializer)
            }
        }
        let error = serde_urlencoded::to_string(Nested { inner: vec![1, 2] }).unwrap_err();
        assert!(error.to_string().contains("unsupported"), "{error}");
    }

    #[test]
    fn a_failing_value_fails_the_json_body() {
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no value"))
            }
        }
        struct WithFailure;
        impl WriteFields for WithFailure {
            fn write_fields(&self, fields: &mut Fields<'_>) {
                fields.required("Bad", &Fails);
                fields.required("After", &1);
            }
        }
        let error = to_json(&WithFailure).unwrap_err();
        assert!(error.to_string().contains("no value"), "{error}");
    }
}
