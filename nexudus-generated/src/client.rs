//! The client programs use: the runtime's, with the generated operation methods.

use std::fmt;
use std::ops::Deref;

/// A client of the Nexudus admin REST API. Cheap to clone: clones share the connection pool,
/// the OAuth2 token and the rate limiter.
///
/// Every operation is a method, e.g. [`Client::create_coworker_note`]; each sends its request
/// once, retries what [`RetryPolicy`](crate::RetryPolicy) allows, and decodes the answer into
/// a record, a [`Mutation`](crate::Mutation) or an [`Error`](crate::Error). The methods that
/// are not generated ([`base_url`](nexudus_generated_runtime::Client::base_url),
/// [`paginate`](nexudus_generated_runtime::Client::paginate)) are the runtime's, which this
/// client derefs to.
#[derive(Clone)]
pub struct Client(nexudus_generated_runtime::Client);

/// Configures a [`Client`]; made by [`Client::builder`].
pub type ClientBuilder = nexudus_generated_runtime::ClientBuilder<Client>;

impl Client {
    /// Starts configuring a client for [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
}

// The generated methods live on this type, and everything else on the runtime's: the runtime
// then compiles beside the API areas instead of after them.
impl Deref for Client {
    type Target = nexudus_generated_runtime::Client;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl From<nexudus_generated_runtime::Client> for Client {
    fn from(client: nexudus_generated_runtime::Client) -> Self {
        Self(client)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
