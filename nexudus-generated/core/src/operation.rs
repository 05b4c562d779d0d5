//! What the generated code tells the runtime about each endpoint.

/// The HTTP methods Nexudus uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
        }
    }

    /// Whether sending the request twice has the same effect as once, so a request that may
    /// have reached the server can be repeated after a transport error or a 5xx.
    pub const fn is_idempotent(self) -> bool {
        !matches!(self, Self::Post | Self::Patch)
    }
}

/// One endpoint: every generated request type has one as `OPERATION`.
///
/// It is `#[non_exhaustive]`, so that what the generator tells the runtime can grow without
/// breaking anyone: outside this crate (a [`ListRequest`] of your own),
/// make one with [`OperationInfo::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct OperationInfo {
    /// The operation's name, e.g. `CreateCoworkerNote`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path below the base URL, e.g. `/api/spaces/coworkernotes`.
    pub path: &'static str,
    /// The role a restricted administrator needs, e.g. `CoworkerNote-Create`.
    pub role: &'static str,
    /// The JSON names of the request's fields the spec marks sensitive (PIN codes, bank
    /// accounts, tokens), in spec order; empty when it has none. When Nexudus rejects the
    /// request and echoes a field's value back (`Errors[].AttemptedValue`), the
    /// client's `Error` hides the value of these fields from its `Debug` (see the client's `Redaction`).
    pub sensitive_fields: &'static [&'static str],
    /// The JSON names of the sensitive fields of the record a get or a list answers with
    /// (secrets the spec marks in the entity's record), in spec order; empty when it has none
    /// or answers with no record. When such an answer does not decode, the client's `Error::Decode`
    /// hides their values from its reason and its snippet of the body.
    pub record_sensitive_fields: &'static [&'static str],
}

impl OperationInfo {
    /// An endpoint with no sensitive fields; add them with
    /// [`with_sensitive_fields`](Self::with_sensitive_fields).
    pub const fn new(
        name: &'static str,
        method: Method,
        path: &'static str,
        role: &'static str,
    ) -> Self {
        Self {
            name,
            method,
            path,
            role,
            sensitive_fields: &[],
            record_sensitive_fields: &[],
        }
    }

    /// The same endpoint, whose request has these sensitive fields (JSON names).
    pub const fn with_sensitive_fields(self, sensitive_fields: &'static [&'static str]) -> Self {
        Self {
            sensitive_fields,
            ..self
        }
    }

    /// The same endpoint, whose answer's record has these sensitive fields (JSON names).
    pub const fn with_record_sensitive_fields(
        self,
        record_sensitive_fields: &'static [&'static str],
    ) -> Self {
        Self {
            record_sensitive_fields,
            ..self
        }
    }
}

/// A list operation's request: every generated `List…` type implements it, so
/// the client's `paginate` (and the generated `list_…_stream` methods) can walk its pages.
pub trait ListRequest: crate::serialize::WriteFields {
    /// The record the list pages through.
    type Record: serde::de::DeserializeOwned + Send + 'static;

    /// The list's endpoint.
    fn operation(&self) -> &'static OperationInfo;
}
