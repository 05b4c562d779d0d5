//! What the generated code tells the runtime about each endpoint.

use serde::Serialize;

use crate::Error;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationInfo {
    /// The operation's name, e.g. `CreateCoworkerNote`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path below the base URL, e.g. `/api/spaces/coworkernotes`.
    pub path: &'static str,
    /// The role a restricted administrator needs, e.g. `CoworkerNote-Create`.
    pub role: &'static str,
}

/// Serializes a request body. Generated client methods call it; it is the only generic step
/// of a request, so the rest of the HTTP logic is compiled once, not once per operation.
#[doc(hidden)]
pub fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|error| Error::Encode(error.to_string()))
}
