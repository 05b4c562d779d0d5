//! How the generated request types are written, shown and compared: one plain function per
//! request.
//!
//! Each request implements [`WriteFields`] with one call per field to [`Fields`]. That
//! function is not generic, so the compiler checks and compiles it once, whatever it feeds:
//! the client writes its JSON bodies through it directly ([`to_json`]); the request's
//! `Serialize` is a one-line call of the one shared adapter ([`serialize`]) that feeds the
//! same calls to any serde `Serializer`; and its `Debug` and `PartialEq` are one-line calls of
//! [`debug`] and [`eq`], which visit the same fields. `#[derive(Serialize)]`, or a written-out
//! `Serialize` generic over the serializer, was the largest single cost of compiling the crate,
//! and derived `Debug` and `PartialEq` the next ones (see `docs/performance.md`): each expands
//! every field once more per trait. The JSON is the same: the fields in declaration order,
//! absent optional fields left out, `null` only for a nullable field explicitly set to `None`.

use std::any::Any;
use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A request whose fields can be visited, in order: written as one JSON object, shown by
/// `Debug`, compared by `PartialEq`.
///
/// Implemented by every generated request type with body or query fields.
pub trait WriteFields {
    /// Visits every field in declaration order: its Rust name, its JSON name and its value
    /// (an optional field's whole `Option`; the JSON leaves out the ones not set).
    fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>);
}

/// What [`WriteFields::write_fields`] feeds: the client's JSON body, any serde map, a
/// `Debug` struct or a list of values to compare.
///
/// The calls return nothing: the first error is kept and reported once the object is
/// closed, so the generated function is a plain list of calls with no `?` after each.
/// `'v` is the lifetime of the request whose values are visited.
pub struct Fields<'a, 'v> {
    out: Out<'a, 'v>,
}

enum Out<'a, 'v> {
    /// The client's body, written straight into bytes.
    Json(JsonObject<'a>),
    /// Any other serializer, behind the one adapter of [`serialize`].
    Map(&'a mut dyn MapEntries),
    /// `Debug`, with the Rust names of the fields, as a derived `Debug` shows them.
    Debug(&'a mut dyn DebugEntries),
    /// The values in order, for [`eq`].
    Values(&'a mut Vec<&'v dyn FieldValue>),
}

struct JsonObject<'a> {
    bytes: &'a mut Vec<u8>,
    empty: bool,
    error: Option<serde_json::Error>,
}

/// One map entry at a time, whatever the serializer: implemented once, by [`MapAdapter`].
///
/// Text, numbers and booleans, most of a request's values, have entries of their own: they
/// reach the serializer directly, not through erased-serde's type erasure, which made
/// `serde_json::to_vec(&request)` a third slower than a derived `Serialize`.
trait MapEntries {
    fn entry(&mut self, json_name: &'static str, value: &dyn erased_serde::Serialize);
    fn text(&mut self, json_name: &'static str, value: &str);
    fn integer(&mut self, json_name: &'static str, value: i64);
    fn boolean(&mut self, json_name: &'static str, value: bool);
    fn number(&mut self, json_name: &'static str, value: f64);
}

struct MapAdapter<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> MapAdapter<M> {
    fn put<V: Serialize + ?Sized>(&mut self, json_name: &'static str, value: &V) {
        if self.error.is_none()
            && let Err(error) = self.map.serialize_entry(json_name, value)
        {
            self.error = Some(error);
        }
    }
}

impl<M: SerializeMap> MapEntries for MapAdapter<M> {
    fn entry(&mut self, json_name: &'static str, value: &dyn erased_serde::Serialize) {
        self.put(json_name, value);
    }

    fn text(&mut self, json_name: &'static str, value: &str) {
        self.put(json_name, value);
    }

    fn integer(&mut self, json_name: &'static str, value: i64) {
        self.put(json_name, &value);
    }

    fn boolean(&mut self, json_name: &'static str, value: bool) {
        self.put(json_name, &value);
    }

    fn number(&mut self, json_name: &'static str, value: f64) {
        self.put(json_name, &value);
    }
}

/// One `Debug` field at a time: implemented once, by `fmt::DebugStruct`.
trait DebugEntries {
    fn entry(&mut self, rust_name: &'static str, value: &dyn fmt::Debug);
}

impl DebugEntries for fmt::DebugStruct<'_, '_> {
    fn entry(&mut self, rust_name: &'static str, value: &dyn fmt::Debug) {
        self.field(rust_name, value);
    }
}

/// A field's value as [`eq`] compares it: with a value of the same field of another request
/// of the same type, so of the same Rust type.
pub trait FieldValue {
    /// Whether `other`, the same field's value in the other request, is equal to this one.
    fn equals(&self, other: &dyn FieldValue) -> bool;
    /// The value, to be downcast by [`FieldValue::equals`].
    fn as_any(&self) -> &dyn Any;
}

impl<T: PartialEq + Any> FieldValue for T {
    fn equals(&self, other: &dyn FieldValue) -> bool {
        other
            .as_any()
            .downcast_ref::<T>()
            .is_some_and(|other| self == other)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl<'v> Fields<'_, 'v> {
    /// A field that is always sent.
    pub fn required<T>(&mut self, rust_name: &'static str, json_name: &'static str, value: &'v T)
    where
        T: Serialize + fmt::Debug + PartialEq + Any,
    {
        if self.sends() {
            self.send(json_name, value);
        } else {
            self.show(rust_name, value);
        }
    }

    /// A field sent only when set.
    pub fn optional<T>(
        &mut self,
        rust_name: &'static str,
        json_name: &'static str,
        value: &'v Option<T>,
    ) where
        T: Serialize + fmt::Debug + PartialEq + Any,
    {
        match value {
            _ if !self.sends() => self.show(rust_name, value),
            Some(value) => self.send(json_name, value),
            None => {}
        }
    }

    /// A list's date-time filter, sent only when set, in the `YYYY-MM-DDTHH:mm` form the
    /// list pages give (`from_Desk_CreatedOn=2026-01-01T10:00`): seconds are dropped, a UTC
    /// time is written in UTC.
    pub fn optional_minutes<T>(
        &mut self,
        rust_name: &'static str,
        json_name: &'static str,
        value: &'v Option<T>,
    ) where
        T: MinuteText + fmt::Debug + PartialEq + Any,
    {
        match value {
            _ if !self.sends() => self.show(rust_name, value),
            Some(value) => self.send(json_name, &value.minute_text()),
            None => {}
        }
    }

    /// A required date-time filter, written as [`Fields::optional_minutes`] does.
    pub fn required_minutes<T>(
        &mut self,
        rust_name: &'static str,
        json_name: &'static str,
        value: &'v T,
    ) where
        T: MinuteText + fmt::Debug + PartialEq + Any,
    {
        if self.sends() {
            self.send(json_name, &value.minute_text());
        } else {
            self.show(rust_name, value);
        }
    }

    /// Whether the visit writes what is sent (JSON, a serde map), rather than showing or
    /// comparing every field, set or not.
    fn sends(&self) -> bool {
        matches!(self.out, Out::Json(_) | Out::Map(_))
    }

    /// One entry of what is sent, under its JSON name.
    fn send<T: Serialize + Any>(&mut self, json_name: &'static str, value: &T) {
        match &mut self.out {
            Out::Json(object) => object.entry(json_name, value),
            Out::Map(map) => {
                // `T` is known where this is compiled, so only one branch is left of these.
                let any: &dyn Any = value;
                if let Some(text) = any.downcast_ref::<String>() {
                    map.text(json_name, text);
                } else if let Some(text) = any.downcast_ref::<crate::Sensitive<String>>() {
                    map.text(json_name, text.expose());
                } else if let Some(&integer) = any.downcast_ref::<i64>() {
                    map.integer(json_name, integer);
                } else if let Some(&boolean) = any.downcast_ref::<bool>() {
                    map.boolean(json_name, boolean);
                } else if let Some(&number) = any.downcast_ref::<f64>() {
                    map.number(json_name, number);
                } else {
                    map.entry(json_name, value);
                }
            }
            Out::Debug(_) | Out::Values(_) => {}
        }
    }

    /// One field as `Debug` shows it (by its Rust name) or as `eq` compares it.
    fn show<T: fmt::Debug + PartialEq + Any>(&mut self, rust_name: &'static str, value: &'v T) {
        match &mut self.out {
            Out::Debug(debug) => debug.entry(rust_name, value),
            Out::Values(values) => values.push(value),
            Out::Json(_) | Out::Map(_) => {}
        }
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
    /// `,"Name":value`, unless an earlier field failed.
    fn entry(&mut self, json_name: &str, value: &(impl Serialize + ?Sized)) {
        if self.error.is_some() {
            return;
        }
        self.key(json_name);
        if let Err(error) = serde_json::to_writer(&mut *self.bytes, value) {
            self.error = Some(error);
        }
    }

    /// `,"Name":` (no comma before the first), with the name escaped as JSON requires.
    #[inline]
    fn key(&mut self, json_name: &str) {
        if !std::mem::take(&mut self.empty) {
            self.bytes.push(b',');
        }
        // The documented names need no escape: written in one piece, not through serde_json's
        // escaper, which costs a tenth of a body's time. The test has no early exit, so the
        // compiler tests many bytes at once: `perf` showed a byte-by-byte test at a third of
        // a body's time.
        let needs_escape = json_name.bytes().fold(false, |needs, b| {
            needs | (b < 0x20) | (b == b'"') | (b == b'\\')
        });
        if !needs_escape {
            self.bytes.reserve(json_name.len() + 3);
            self.bytes.push(b'"');
            self.bytes.extend_from_slice(json_name.as_bytes());
            self.bytes.extend_from_slice(b"\":");
            return;
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

/// The `Debug` of every request: `Name { field: value, … }`, as derived, every field shown
/// (secrets as `Sensitive` shows them: redacted).
pub fn debug(request: &dyn WriteFields, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut debug = f.debug_struct(name);
    request.write_fields(&mut Fields {
        out: Out::Debug(&mut debug),
    });
    debug.finish()
}

/// The `PartialEq` of every request: whether the two have equal values in every field, as
/// derived. The generated `PartialEq` passes two requests of the same type, so their fields
/// come in the same order and with the same types; of two different types nothing is equal.
pub fn eq(left: &dyn WriteFields, right: &dyn WriteFields) -> bool {
    let (mut lefts, mut rights) = (Vec::new(), Vec::new());
    left.write_fields(&mut Fields {
        out: Out::Values(&mut lefts),
    });
    right.write_fields(&mut Fields {
        out: Out::Values(&mut rights),
    });
    lefts.len() == rights.len()
        && lefts
            .iter()
            .zip(&rights)
            .all(|(left, right)| left.equals(*right))
}

/// An update's own fields and the fields it shares with its create, read apart from one JSON
/// object: the names in `own` go to `Own`, the rest to `Shared`, and each refuses names it
/// does not know (serde's `flatten` would accept them). The object is read into JSON values
/// first, so this takes self-describing formats only, such as JSON.
#[cfg(feature = "deserialize")]
pub fn own_and_shared<'de, D, Own, Shared>(
    deserializer: D,
    own: &[&str],
) -> Result<(Own, Shared), D::Error>
where
    D: serde::Deserializer<'de>,
    Own: serde::de::DeserializeOwned,
    Shared: serde::de::DeserializeOwned,
{
    use serde::Deserialize;
    use serde::de::Error;
    use serde_json::{Map, Value};

    let object = Map::<String, Value>::deserialize(deserializer)?;
    let (mine, shared): (Map<String, Value>, Map<String, Value>) = object
        .into_iter()
        .partition(|(name, _)| own.contains(&name.as_str()));
    let mine = Own::deserialize(Value::Object(mine)).map_err(D::Error::custom)?;
    let shared = Shared::deserialize(Value::Object(shared)).map_err(D::Error::custom)?;
    Ok((mine, shared))
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
        fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
            fields.required("id", "Id", &self.id);
            fields.optional("text", "Text", &self.text);
            fields.optional("due", "Due", &self.due);
        }
    }

    impl fmt::Debug for Note {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug(self, "Note", f)
        }
    }

    impl PartialEq for Note {
        fn eq(&self, other: &Self) -> bool {
            eq(self, other)
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
            fn write_fields<'v>(&'v self, _: &mut Fields<'_, 'v>) {}
        }
        assert_eq!(to_json(&Empty).unwrap(), b"{}");
    }

    #[test]
    fn the_adapter_writes_every_kind_of_value_as_the_body_does() {
        // Text, secrets, integers, booleans and numbers take the adapter's direct entries;
        // the rest (lists, nullable values) its erased one.
        struct Every {
            text: String,
            secret: crate::Sensitive<String>,
            count: i64,
            flag: bool,
            ratio: f64,
            ids: Vec<i64>,
            cleared: Option<Option<String>>,
        }
        impl WriteFields for Every {
            fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
                fields.required("text", "Text", &self.text);
                fields.required("secret", "Secret", &self.secret);
                fields.required("count", "Count", &self.count);
                fields.required("flag", "Flag", &self.flag);
                fields.required("ratio", "Ratio", &self.ratio);
                fields.required("ids", "Ids", &self.ids);
                fields.optional("cleared", "Cleared", &self.cleared);
            }
        }
        impl Serialize for Every {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize(self, serializer)
            }
        }
        let every = Every {
            text: "a \"b\"".into(),
            secret: crate::Sensitive::new("s3cret".into()),
            count: -7,
            flag: true,
            ratio: 0.25,
            ids: vec![1, 2],
            cleared: Some(None),
        };
        let expected = r#"{"Text":"a \"b\"","Secret":"s3cret","Count":-7,"Flag":true,"Ratio":0.25,"Ids":[1,2],"Cleared":null}"#;
        assert_eq!(
            String::from_utf8(to_json(&every).unwrap()).unwrap(),
            expected
        );
        assert_eq!(serde_json::to_string(&every).unwrap(), expected);
    }

    #[test]
    fn json_names_are_escaped() {
        struct Odd;
        impl WriteFields for Odd {
            fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
                fields.required("odd", "Say \"hi\"\u{202e}", &1);
                fields.required("back", "C:\\Tab\u{1}", &2);
                fields.required("plain", "Plain_Name2", &3);
                // One of each kind alone, before and after the first sixteen bytes.
                fields.required("tab", "Tab\tOnly", &4);
                fields.required("slash", "A_Name_Longer_Than_Sixteen\\", &5);
                fields.required("quote", "A_Name_Longer_Than_Sixteen_\"Bytes", &6);
            }
        }
        let body = to_json(&Odd).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let expected = serde_json::json!({
            "Say \"hi\"\u{202e}": 1,
            "C:\\Tab\u{1}": 2,
            "Plain_Name2": 3,
            "Tab\tOnly": 4,
            "A_Name_Longer_Than_Sixteen\\": 5,
            "A_Name_Longer_Than_Sixteen_\"Bytes": 6,
        });
        assert_eq!(value, expected);
        // A name that needs escapes is written as serde_json writes a string.
        assert!(
            String::from_utf8(body)
                .unwrap()
                .contains(r#""C:\\Tab\u0001":2"#)
        );
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
            fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
                fields.required("inner", "Inner", &self.inner);
                fields.required("after", "After", &1);
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
        #[derive(Debug, PartialEq)]
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no value"))
            }
        }
        struct WithFailure;
        impl WriteFields for WithFailure {
            fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
                fields.required("bad", "Bad", &Fails);
                fields.required("after", "After", &1);
            }
        }
        let error = to_json(&WithFailure).unwrap_err();
        assert!(error.to_string().contains("no value"), "{error}");
    }

    #[test]
    fn debug_shows_every_field_by_its_rust_name_as_derived() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Note {
            id: i64,
            text: Option<String>,
            due: Option<Option<i64>>,
        }
        let derived = Note {
            id: 7,
            text: None,
            due: Some(None),
        };
        let visited = super::tests::Note {
            id: 7,
            text: None,
            due: Some(None),
        };
        assert_eq!(format!("{visited:?}"), format!("{derived:?}"));
        assert_eq!(format!("{visited:#?}"), format!("{derived:#?}"));
    }

    #[test]
    fn debug_keeps_secrets_hidden() {
        struct Login {
            pin: crate::Sensitive<String>,
        }
        impl WriteFields for Login {
            fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
                fields.required("pin", "Pin", &self.pin);
            }
        }
        impl fmt::Debug for Login {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                debug(self, "Login", f)
            }
        }
        let login = Login {
            pin: crate::Sensitive::new("4321".to_owned()),
        };
        let printed = format!("{login:?}");
        assert!(!printed.contains("4321"), "{printed}");
        assert!(printed.starts_with("Login { pin: "), "{printed}");
        assert_eq!(to_json(&login).unwrap(), br#"{"Pin":"4321"}"#);
    }

    #[test]
    fn requests_are_equal_when_every_field_is() {
        let note = |id, text: Option<&str>, due| Note {
            id,
            text: text.map(str::to_owned),
            due,
        };
        assert_eq!(note(1, Some("a"), None), note(1, Some("a"), None));
        assert_ne!(note(1, Some("a"), None), note(2, Some("a"), None));
        assert_ne!(note(1, Some("a"), None), note(1, Some("b"), None));
        assert_ne!(note(1, Some("a"), None), note(1, None, None));
        // Unset and explicitly cleared differ, as they do on the wire.
        assert_ne!(note(1, None, None), note(1, None, Some(None)));
        assert_eq!(note(1, None, Some(Some(3))), note(1, None, Some(Some(3))));
    }

    #[test]
    fn values_of_different_types_are_never_equal() {
        struct Number(i64);
        impl WriteFields for Number {
            fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
                fields.required("n", "N", &self.0);
            }
        }
        struct Text(String);
        impl WriteFields for Text {
            fn write_fields<'v>(&'v self, fields: &mut Fields<'_, 'v>) {
                fields.required("n", "N", &self.0);
            }
        }
        assert!(eq(&Number(1), &Number(1)));
        assert!(!eq(&Number(1), &Text("1".into())));
    }
}
