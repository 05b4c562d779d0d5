//! What the generated code tells the runtime about each endpoint.

use crate::Error;
use crate::serialize::WriteFields;

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

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Self::Get => reqwest::Method::GET,
            Self::Post => reqwest::Method::POST,
            Self::Put => reqwest::Method::PUT,
            Self::Delete => reqwest::Method::DELETE,
            Self::Patch => reqwest::Method::PATCH,
        }
    }
}

/// One endpoint: every generated request type has one as `OPERATION`.
///
/// It is `#[non_exhaustive]`, so that what the generator tells the runtime can grow without
/// breaking anyone: outside this crate (a [`ListRequest`](crate::ListRequest) of your own),
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
    /// [`Error`]'s `Debug` hides the value of these fields (see [`Redaction`](crate::Redaction)).
    pub sensitive_fields: &'static [&'static str],
    /// The JSON names of the sensitive fields of the record a get or a list answers with
    /// (secrets the spec marks in the entity's record), in spec order; empty when it has none
    /// or answers with no record. When such an answer does not decode, the [`Error::Decode`]
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

/// What a generated method sends besides the endpoint itself.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Call {
    /// Takes the place of `{id}` in the path of a get or delete.
    pub id: Option<i64>,
    /// A list's query string, without the `?`; empty for none.
    pub query: String,
    /// A create's or update's JSON body; empty for none.
    pub body: Vec<u8>,
}

impl Call {
    /// A create's or update's JSON body. Generated client methods call it; nothing of a
    /// request is generic, so the HTTP logic and the JSON writer are compiled once, not once
    /// per operation.
    pub fn json(request: &dyn WriteFields) -> Result<Self, Error> {
        let body =
            crate::serialize::to_json(request).map_err(|error| Error::Encode(error.to_string()))?;
        Ok(Self {
            body,
            ..Self::default()
        })
    }

    /// A list's parameters as the query string.
    pub fn query(request: &dyn WriteFields) -> Result<Self, Error> {
        let query = serde_urlencoded::to_string(crate::serialize::Adapter(request))
            .map_err(|error| Error::Encode(error.to_string()))?;
        Ok(Self {
            query,
            ..Self::default()
        })
    }

    /// A get or delete of the record `id`.
    pub fn id(id: i64) -> Result<Self, Error> {
        Ok(Self {
            id: Some(id),
            ..Self::default()
        })
    }

    /// The URL of `operation` below `base_url`, with the id and the query filled in.
    pub(crate) fn url(&self, base_url: &str, operation: &OperationInfo) -> String {
        let mut url =
            String::with_capacity(base_url.len() + operation.path.len() + self.query.len() + 21);
        url.push_str(base_url);
        match self.id {
            Some(id) => url.push_str(&operation.path.replace("{id}", &id.to_string())),
            None => url.push_str(operation.path),
        }
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        url
    }
}
