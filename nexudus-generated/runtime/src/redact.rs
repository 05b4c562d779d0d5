//! Which values Nexudus echoes back in an error are secrets, and hiding them.
//!
//! Nexudus answers a rejected write with `Errors[].AttemptedValue`: the value that was sent
//! for each field it refused. For a PIN code, a bank account or a token that is the secret
//! itself, so everything an error prints goes through here.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::{FieldError, OperationInfo};

/// What an error's attempted value prints as when it is hidden.
pub(crate) const REDACTED: &str = "<redacted>";

/// Which attempted values (`Errors[].AttemptedValue`) an [`Error::Validation`](crate::Error)
/// hides in its `Debug` (and cuts out of the messages it prints).
///
/// The client makes it from the operation's
/// [`sensitive_fields`](crate::OperationInfo::sensitive_fields); an error not tied to an
/// operation hides them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Redaction {
    /// Every attempted value: the error does not know which fields were sensitive, e.g. one
    /// made by [`decode_mutation`](crate::decode_mutation) from a body alone.
    All,
    /// The attempted values of these sensitive fields (JSON names), and of any field error
    /// that cannot be told apart from them; see [`Redaction::hides`].
    Fields(&'static [&'static str]),
}

impl Redaction {
    /// The sensitive fields of `operation`'s request.
    pub const fn of(operation: &OperationInfo) -> Self {
        Self::Fields(operation.sensitive_fields)
    }

    /// Whether `error`'s attempted value counts as a secret, and so is hidden.
    ///
    /// With [`Redaction::Fields`] it is when Nexudus's `PropertyName`, compared without case
    /// and ignoring separators, names a sensitive field, with or without a prefix or an index
    /// (`AccessPincode`, `accesspincode`, `Coworker.AccessPincode`,
    /// `Coworkers[0].AccessPincode`, and `EncryptedValue` for the list filter
    /// `CoworkerSetting_EncryptedValue`); when the property is missing or blank (the error may
    /// be about the whole request); and when the attempted value is an object or an array
    /// holding a sensitive field's key. Anything else is shown.
    pub fn hides(&self, error: &FieldError) -> bool {
        let names = match self {
            Self::All => return true,
            Self::Fields(names) => *names,
        };
        let property = error.property_name.as_deref().map(normalize);
        let property = match property.as_deref() {
            None | Some("") => return true,
            Some(property) => property,
        };
        names.iter().any(|name| names_field(property, name))
            || error
                .attempted_value
                .as_ref()
                .is_some_and(|value| holds_sensitive_key(value, names))
    }
}

/// Lower case, letters and digits only: `Coworker.Access_Pincode[0]` → `coworkeraccesspincode0`.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a normalized property names the sensitive field `name`: it contains the field's
/// whole name, or the part after one of its `_` or `.` (a list filter `Entity_Field` is the
/// field `Field` of the record). Containing rather than equal, so that any prefix or suffix
/// Nexudus adds still hides the value: a false match only hides a value that was harmless.
fn names_field(property: &str, name: &str) -> bool {
    let tails = std::iter::once(name).chain(
        name.match_indices(['_', '.'])
            .map(|(at, separator)| &name[at + separator.len()..]),
    );
    tails
        .map(normalize)
        .any(|tail| !tail.is_empty() && property.contains(&tail))
}

/// Whether an object (or an array of them), at any depth, has a key naming a sensitive field.
fn holds_sensitive_key(value: &Value, names: &[&str]) -> bool {
    match value {
        Value::Object(object) => object.iter().any(|(key, value)| {
            let key = normalize(key);
            names.iter().any(|name| names_field(&key, name)) || holds_sensitive_key(value, names)
        }),
        Value::Array(items) => items.iter().any(|item| holds_sensitive_key(item, names)),
        _ => false,
    }
}

/// The texts of a hidden attempted value that a message could quote: its strings and
/// numbers, at any depth (not `true`, `false` or `null`, which no message could hide).
pub(crate) fn secrets(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::String(text) if !text.trim().is_empty() => {
            into.push(text.clone());
            if text.trim() != text {
                into.push(text.trim().to_owned());
            }
        }
        Value::Number(number) => into.push(number.to_string()),
        Value::Array(items) => items.iter().for_each(|item| secrets(item, into)),
        Value::Object(object) => object.values().for_each(|item| secrets(item, into)),
        _ => {}
    }
}

/// `text` with every occurrence of a secret replaced by `<redacted>`, in one pass from the
/// left, the longest secret first where several start (so a secret holding a shorter one is
/// cut out whole, and no secret is looked for inside a `<redacted>` already written).
pub(crate) fn scrub<'a>(text: &'a str, secrets: &[String]) -> Cow<'a, str> {
    if !secrets.iter().any(|secret| text.contains(secret.as_str())) {
        return Cow::Borrowed(text);
    }
    let mut ordered: Vec<&str> = secrets.iter().map(String::as_str).collect();
    ordered.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match ordered.iter().find(|secret| rest.starts_with(**secret)) {
            Some(secret) => {
                out.push_str(REDACTED);
                rest = &rest[secret.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Cow::Owned(out)
}

/// A body with the value of every `"AttemptedValue"` key (but `null`) replaced by
/// `"<redacted>"`, and cut out of the rest of the body where it is quoted (a `Message` saying
/// "The value '98765' is not valid"), for the body snippets of errors: a body that is not the
/// envelope the client expected (a 500 carrying one, a truncated answer) is not read field by
/// field, so every attempted value in it is hidden. Reads the text as JSON tokens without
/// parsing it whole, so a truncated or broken body is scrubbed too, and the rest keeps its
/// exact bytes.
///
/// The values of the keys that name one of the `sensitive` fields (compared as
/// [`Redaction::hides`] compares a property) are hidden the same way: a record's secrets in the
/// body of an answer that did not decode.
pub(crate) fn scrub_values<'a>(text: &'a str, sensitive: &[&str]) -> Cow<'a, str> {
    let (replaced, quoted) = hide_values(text, sensitive);
    match scrub(&replaced, &quoted) {
        Cow::Borrowed(_) => replaced,
        Cow::Owned(scrubbed) => Cow::Owned(scrubbed),
    }
}

/// The first step of [`scrub_values`]: the values replaced, and their texts that another
/// message could quote (a decoding error's "invalid type: string \"1234\"").
pub(crate) fn hide_values<'a>(text: &'a str, sensitive: &[&str]) -> (Cow<'a, str>, Vec<String>) {
    let mut quoted = Vec::new();
    let replaced = replace_values(text, sensitive, &mut quoted);
    // Texts shorter than 3 characters are no secret worth cutting every digit of the body for.
    quoted.retain(|secret| secret.chars().count() >= 3);
    (replaced, quoted)
}

/// `text` with the values of the keys [`hide_values`] hides replaced, their texts collected.
fn replace_values<'a>(text: &'a str, sensitive: &[&str], quoted: &mut Vec<String>) -> Cow<'a, str> {
    // Cheap test first: almost every body has no such key (and one written with escapes has a
    // backslash).
    let key = b"attemptedvalue";
    let has_key = text
        .as_bytes()
        .windows(key.len())
        .any(|window| window.eq_ignore_ascii_case(key));
    if !has_key && !text.contains('\\') && sensitive.is_empty() {
        return Cow::Borrowed(text);
    }
    let hides = |key: &str| {
        key.eq_ignore_ascii_case("AttemptedValue") || {
            let key = normalize(key);
            !key.is_empty() && sensitive.iter().any(|name| names_field(&key, name))
        }
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'"' {
            at += 1;
            continue;
        }
        let (key, after) = read_string(text, at);
        let colon = skip_whitespace(bytes, after);
        let is_key = bytes.get(colon) == Some(&b':');
        if !(is_key && hides(&key)) {
            at = after;
            continue;
        }
        let start = skip_whitespace(bytes, colon + 1);
        let end = value_end(text, start);
        let value = &text[start..end];
        if value == "null" {
            at = end;
            continue;
        }
        // A value that does not parse was cut off by the end of the body: nothing after it
        // can quote it.
        if let Ok(value) = serde_json::from_str::<Value>(value) {
            secrets(&value, quoted);
        }
        out.push_str(&text[copied..start]);
        out.push('"');
        out.push_str(REDACTED);
        out.push('"');
        copied = end;
        at = end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The decoded content of the JSON string starting at `start` (a `"`), and the index after
/// its closing quote (the end of the text when it is cut off).
fn read_string(text: &str, start: usize) -> (String, usize) {
    let mut content = String::new();
    let mut chars = text[start + 1..].char_indices();
    while let Some((offset, c)) = chars.next() {
        match c {
            '"' => return (content, start + 1 + offset + 1),
            '\\' => match chars.next() {
                Some((_, 'u')) => {
                    let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                    let decoded = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                    content.push(decoded.unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                Some((_, escaped)) => content.push(escaped),
                None => break,
            },
            c => content.push(c),
        }
    }
    (content, text.len())
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The index after the JSON value starting at `start`: a string, an object or array (with
/// what it nests), or a scalar up to the next delimiter; the end of the text when cut off.
fn value_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(start) {
        None => start,
        Some(b'"') => read_string(text, start).1,
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut at = start;
            while at < bytes.len() {
                match bytes[at] {
                    b'"' => {
                        at = read_string(text, at).1;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return at + 1;
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
            bytes.len()
        }
        Some(_) => {
            let mut at = start;
            while at < bytes.len()
                && !matches!(bytes[at], b',' | b'}' | b']')
                && !bytes[at].is_ascii_whitespace()
            {
                at += 1;
            }
            at
        }
    }
}

/// A field error as an [`Error`](crate::Error)'s `Debug` prints it: the attempted value hidden
/// when the redaction says so, the messages without the hidden values.
pub(crate) struct FieldErrorDebug<'a> {
    pub(crate) error: &'a FieldError,
    pub(crate) hidden: bool,
    pub(crate) secrets: &'a [String],
}

impl fmt::Debug for FieldErrorDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let attempted: Option<&dyn fmt::Debug> = match &self.error.attempted_value {
            None => None,
            Some(_) if self.hidden => Some(&REDACTED),
            Some(value) => Some(value),
        };
        let message = self
            .error
            .message
            .as_deref()
            .map(|message| scrub(message, self.secrets));
        f.debug_struct("FieldError")
            .field("attempted_value", &attempted)
            .field("message", &message)
            .field("property_name", &self.error.property_name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const COWORKER: Redaction = Redaction::Fields(&["BankAccount", "AccessPincode"]);

    fn error(property: Option<&str>, value: Value) -> FieldError {
        FieldError {
            property_name: property.map(str::to_owned),
            message: Some("is invalid".to_owned()),
            attempted_value: Some(value),
        }
    }

    #[test]
    fn sensitive_properties_are_recognised_however_nexudus_writes_them() {
        for property in [
            "AccessPincode",
            "accesspincode",
            "ACCESSPINCODE",
            "Coworker.AccessPincode",
            "coworker.accessPincode",
            "Coworkers[0].AccessPincode",
            "model.BankAccount",
            "Access_Pincode",
            "AccessPincodeConfirmation",
        ] {
            assert!(
                COWORKER.hides(&error(Some(property), json!("98765"))),
                "{property}"
            );
        }
        for property in ["Email", "Coworker.Email", "Pincode", "Bank", "FullName"] {
            assert!(
                !COWORKER.hides(&error(Some(property), json!("ada@"))),
                "{property}"
            );
        }
    }

    #[test]
    fn a_list_filter_hides_the_field_it_filters_on() {
        let list = Redaction::Fields(&["CoworkerSetting_EncryptedValue"]);
        for property in [
            "CoworkerSetting_EncryptedValue",
            "EncryptedValue",
            "CoworkerSetting.EncryptedValue",
        ] {
            assert!(list.hides(&error(Some(property), json!("x"))), "{property}");
        }
        assert!(!list.hides(&error(Some("CoworkerSetting_Value"), json!("x"))));
    }

    #[test]
    fn when_unsure_the_value_is_hidden() {
        assert!(COWORKER.hides(&error(None, json!("98765"))));
        assert!(COWORKER.hides(&error(Some("  "), json!("98765"))));
        let whole_request = json!({"Email": "ada@", "AccessPincode": "98765"});
        assert!(COWORKER.hides(&error(Some("Coworker"), whole_request)));
        let nested = json!([{"Card": {"bankAccount": "GB00"}}]);
        assert!(COWORKER.hides(&error(Some("Items"), nested)));
        assert!(!COWORKER.hides(&error(Some("TeamIds"), json!([1, 2]))));
        assert!(Redaction::All.hides(&error(Some("Email"), json!("ada@"))));
        assert!(Redaction::Fields(&[]).hides(&error(None, json!(1))));
        assert!(!Redaction::Fields(&[]).hides(&error(Some("Email"), json!({"Pin": 1}))));
    }

    #[test]
    fn messages_lose_the_secrets_longest_first() {
        let mut found = Vec::new();
        secrets(
            &json!({"a": "98765", "b": [9876, true, null, ""], "c": "  "}),
            &mut found,
        );
        assert_eq!(found, ["98765", "9876"]);
        assert_eq!(
            scrub("The value '98765' is not valid; 9876 neither", &found),
            "The value '<redacted>' is not valid; <redacted> neither"
        );
        assert!(matches!(scrub("is invalid", &found), Cow::Borrowed(_)));
        let inside_the_marker = ["red".to_owned(), "98765".to_owned()];
        assert_eq!(
            scrub("98765 is red", &inside_the_marker),
            "<redacted> is <redacted>"
        );
        let mut padded = Vec::new();
        secrets(&json!(" 98765 "), &mut padded);
        assert_eq!(scrub("'98765' refused", &padded), "'<redacted>' refused");
    }

    #[test]
    fn snippets_lose_every_attempted_value_and_keep_the_rest() {
        let body = r#"{"Message":"x","Errors":[{"AttemptedValue":"98\"765","PropertyName":"AccessPincode"},{"attemptedvalue" : {"Pin":[1,"}"]},"PropertyName":"Items"},{"AttemptedValue":12345}, {"AttemptedValue":null}]}"#;
        assert_eq!(
            scrub_values(body, &[]),
            r#"{"Message":"x","Errors":[{"AttemptedValue":"<redacted>","PropertyName":"AccessPincode"},{"attemptedvalue" : "<redacted>","PropertyName":"Items"},{"AttemptedValue":"<redacted>"}, {"AttemptedValue":null}]}"#
        );
        let cut = r#"{"Errors":[{"PropertyName":"AccessPincode","AttemptedValue":"987"#;
        assert_eq!(
            scrub_values(cut, &[]),
            r#"{"Errors":[{"PropertyName":"AccessPincode","AttemptedValue":"<redacted>""#
        );
        let quoting = r#"{"Errors":[{"Message":"The value '98765' is not valid; 12 is","AttemptedValue":"98765"},{"AttemptedValue":12}],"Message":"98765!"}"#;
        assert_eq!(
            scrub_values(quoting, &[]),
            r#"{"Errors":[{"Message":"The value '<redacted>' is not valid; 12 is","AttemptedValue":"<redacted>"},{"AttemptedValue":"<redacted>"}],"Message":"<redacted>!"}"#
        );
        let escaped = r#"{"Attempted\u0056alue":"98765"}"#;
        assert_eq!(
            scrub_values(escaped, &[]),
            r#"{"Attempted\u0056alue":"<redacted>"}"#
        );
        // Cut anywhere (a snippet of a longer body), non-ASCII text around it: never a panic,
        // never a piece of the value.
        let body = r#"{"Message":"é ünï","Errors":[{"AttemptedValue":"pïn98765","PropertyName":"X"}, {"AttemptedValue":[{"k":"pïn98765"}]}]}"#;
        for (cut, _) in body.char_indices() {
            let scrubbed = scrub_values(&body[..cut], &[]);
            assert!(!scrubbed.contains("pïn9"), "{cut}: {scrubbed}");
        }
        for untouched in [
            "<html>AttemptedValue</html>",
            r#"{"Message":"AttemptedValue"}"#,
            r#"{"Id": 5}"#,
            "\"AttemptedValue\"",
            "",
        ] {
            assert_eq!(scrub_values(untouched, &[]), untouched);
        }
    }
}
