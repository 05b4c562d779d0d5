//! What a generated client method sends besides the endpoint.

use crate::serialize::WriteFields;
use crate::{Error, Method, OperationInfo};

/// The method as reqwest names it.
pub(crate) fn reqwest_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
        Method::Patch => reqwest::Method::PATCH,
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
