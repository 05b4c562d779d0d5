//! A fake Nexudus for tests (cargo feature `mock`): start it on 127.0.0.1 with one call,
//! point a [`Client`](crate::Client) at [`MockServer::base_url`], and it behaves like the real
//! service for every operation in the specs.
//!
//! It is driven by the same specs as the client: it reads the OpenAPI document that
//! `cargo xtask codegen` writes from them (embedded at compile time), so a spec change reaches
//! the mock with no code of its own. [`MockServer::with_operations`] adds the operations of
//! another OpenAPI document in the same shape, for tests of operations the specs do not have
//! yet.
//!
//! # What it serves
//!
//! - **Creates** (`POST`) and **updates** (`PUT`) are validated against their operation
//!   (required fields, types, enum values); a failure is a 400 whose `Errors` are worded as
//!   Nexudus words them (`Notes: is a required field`). A create stores the record with a fresh
//!   `Id` and the fields every Nexudus record has (`UniqueId`, `CreatedOn`, `UpdatedOn`,
//!   `UpdatedBy`, `IsNew`). An update is the whole record, as Nexudus validates it: the fields
//!   the update takes are replaced by the body's (a field left out is cleared), the others are
//!   kept. Both answer the documented envelope with `Value: {"Id": …}`.
//! - **Gets** (`GET …/{id}`) answer the stored record; **deletes** (`DELETE …/{id}`) remove it
//!   and answer the envelope.
//! - **Lists** (`GET …/{entities}`) answer one page in Nexudus's shape (`Records`,
//!   `CurrentPage`, `CurrentPageSize`, `CurrentOrderField`, `CurrentSortDirection`,
//!   `FirstItem`, `LastItem`, `TotalItems`, `TotalPages`, `HasNextPage`, `HasPreviousPage`),
//!   with `page` (from 1) and `size` (the operation's documented default, else 25), `orderBy`
//!   (any field; `Id` when absent) and `dir` (`-1` descending, anything else ascending, as the
//!   pages word it), and the filters the operation documents: `{Entity}_{Field}` keeps the
//!   records whose `Field` (or `FieldId`: `CoworkerNote_Coworker` filters `CoworkerId`) equals
//!   the value, `from_{Entity}_{Field}` / `to_{Entity}_{Field}` the records whose date-time (or
//!   number) is on or after / on or before it. Parameter names are matched ignoring case, an
//!   empty value is no filter, parameters the operation does not document are ignored, and a
//!   value that is not of the documented type is a 400 naming the parameter.
//! - **Unknown ids**: a get or delete of an `Id` that is not stored answers 404 (the client's
//!   [`Error::NotFound`](crate::Error::NotFound)); an update of one answers 400 with an error
//!   on `Id` (the client's [`Error::Validation`](crate::Error::Validation)), since the `Id` is
//!   a field of the body there.
//! - **Authentication**: Basic credentials are accepted as they are. `POST /api/token` serves
//!   the password grant (`grant_type=password&username=…&password=…`) and the refresh grant
//!   (`grant_type=refresh_token&refresh_token=…`), answering `access_token`, `token_type`,
//!   `expires_in` and a single-use `refresh_token`. A bearer token the mock did not issue, or
//!   one that has expired, answers 401 `{"Message": "Authorization has been denied for this
//!   request."}`. [`MockServer::expire_tokens`] expires every access token at once (the next
//!   request gets 401 and the client refreshes), [`MockServer::refuse_logins`] makes the token
//!   endpoint refuse every grant with OAuth2's error answer (RFC 6749 §5.2: 400
//!   `{"error": "invalid_grant", "error_description": …}`), and [`MockServer::issue_token`]
//!   hands a test a valid token for `bearer_token`.
//! - **Faults** queued with [`MockServer::push_fault`] (throttle, fail, delay, drop) apply to
//!   the next API requests, one each, in order; token requests are scripted with the calls
//!   above instead and never consume a fault.
//!
//! # Retries in tests
//!
//! [`RetryPolicy::for_tests`](crate::RetryPolicy::for_tests) is the client's retry logic with
//! waits of milliseconds, so a test of retries takes no multi-second waits. The wait a server
//! asks for is still the floor: the mock's [`Fault::Throttle`] says `Retry-After: 1` as
//! Nexudus does, which costs one second; [`Fault::Throttle429`] with `wait_seconds: 0`
//! throttles without a hint, so only the policy's milliseconds are waited.
//!
//! # A downstream test
//!
//! ```
//! use nexudus_generated::mock::MockServer;
//! use nexudus_generated::spaces::{CreateCoworkerNote, UpdateCoworkerNotification};
//! use nexudus_generated::{Client, RetryPolicy};
//! use serde_json::json;
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // In a real test: #[tokio::test] async fn a_notification_is_rewritten() { … }
//!     let server = MockServer::start().await?;
//!     let notification = server.insert_record(
//!         "CoworkerNotification",
//!         json!({ "CoworkerId": 7, "Message": "Parcel", "NotificationType": "Parcel", "EntityId": 1 }),
//!     )?;
//!     server.fail_next(1, 503); // a gateway error: the PUT is sent again after milliseconds
//!
//!     let client = Client::builder()
//!         .base_url(server.base_url())
//!         .oauth2("admin@example.com", "secret") // logs in at the mock's /api/token
//!         .retry_policy(RetryPolicy::for_tests())
//!         .build()?;
//!     let update = UpdateCoworkerNotification::builder()
//!         .id(notification)
//!         .coworker_id(7)
//!         .message("Your parcel arrived")
//!         .notification_type("Parcel")
//!         .entity_id(1)
//!         .build();
//!     client.update_coworker_notification(&update).await?;
//!     client
//!         .create_coworker_note(&CreateCoworkerNote::builder().coworker_id(7).notes("Called").build())
//!         .await?;
//!
//!     let paths: Vec<String> = server
//!         .received()
//!         .iter()
//!         .map(|request| format!("{} {}", request.method, request.path))
//!         .collect();
//!     assert_eq!(
//!         paths,
//!         [
//!             "POST /api/token",
//!             "PUT /api/spaces/coworkernotifications", // answered 503
//!             "PUT /api/spaces/coworkernotifications",
//!             "POST /api/spaces/coworkernotes",
//!         ]
//!     );
//!     assert_eq!(
//!         server.records("CoworkerNotification")[&notification]["Message"],
//!         "Your parcel arrived"
//!     );
//!     assert_eq!(server.records("CoworkerNote").len(), 1);
//!     Ok(())
//! }
//! ```
#![cfg_attr(docsrs, doc(cfg(feature = "mock")))]

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The OpenAPI document of every operation, as generated from the specs.
const OPENAPI: &str = include_str!("generated/openapi.json");

/// The reason phrase Nexudus throttles with.
pub const THROTTLED_REASON: &str = "You must wait before accessing this url again.";

/// The `Message` of a 401, as Nexudus (ASP.NET Web API) words it.
pub const UNAUTHORIZED_MESSAGE: &str = "Authorization has been denied for this request.";

/// Largest request body the mock reads; anything larger is answered 413.
const MAX_BODY: usize = 4 * 1024 * 1024;

/// Records per page when a list is asked for none and its operation documents no default.
const DEFAULT_PAGE_SIZE: i64 = 25;

/// How long an access token lives unless [`MockServer::set_token_lifetime`] says otherwise.
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// The `UpdatedBy` of everything the mock writes.
const MOCK_USER: &str = "mock@nexudus.invalid";

/// What the next request gets instead of a normal answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// `409` with `Retry-After: 1` and an empty body, as Nexudus throttles.
    Throttle,
    /// `429` with "Wait N seconds" in the body, as some clients see throttling.
    Throttle429 {
        /// The seconds named in the body.
        wait_seconds: u64,
    },
    /// This status with a short HTML body, like a gateway error page.
    Status(u16),
    /// Answer normally, after this delay.
    Delay(Duration),
    /// Read the request, then close the connection without answering.
    Drop,
}

/// A request as the mock received it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedRequest {
    /// `POST`, `PUT`, …
    pub method: String,
    /// The path, without query.
    pub path: String,
    /// The query string's `name=value` pairs, decoded, in the order sent.
    pub query: Vec<(String, String)>,
    /// Header names in lower case.
    pub headers: BTreeMap<String, String>,
    /// The JSON body; for the form body of `POST /api/token` an object of its fields; `Null`
    /// when there was none or it was neither.
    pub body: Value,
}

impl ReceivedRequest {
    /// The first value of a query parameter, by its exact name.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Why [`MockServer::insert_record`] could not store a record.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SeedError {
    /// No operation of the mock's table serves this entity, so no request could reach it.
    UnknownEntity {
        /// The name given.
        entity: String,
        /// The entities the table has, sorted.
        known: Vec<String>,
    },
    /// The record is not a JSON object.
    NotAnObject(Value),
    /// The record's `Id` is not an integer.
    BadId(Value),
    /// The record could not be serialized to JSON.
    Encode(String),
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownEntity { entity, known } => write!(
                f,
                "no operation of the mock serves entity `{entity}`; it has {}",
                known.join(", ")
            ),
            Self::NotAnObject(value) => write!(f, "a record must be a JSON object, not {value}"),
            Self::BadId(value) => write!(f, "a record's `Id` must be an integer, not {value}"),
            Self::Encode(message) => write!(f, "the record could not be serialized: {message}"),
        }
    }
}

impl std::error::Error for SeedError {}

/// A running fake Nexudus; it stops when dropped.
#[derive(Debug)]
pub struct MockServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

#[derive(Debug, Default)]
struct State {
    routes: Vec<Route>,
    records: BTreeMap<String, BTreeMap<i64, Value>>,
    next_id: i64,
    faults: VecDeque<Fault>,
    received: Vec<ReceivedRequest>,
    tokens: Tokens,
}

/// The tokens the mock issued and how it answers the token endpoint.
#[derive(Debug, Default)]
struct Tokens {
    /// Access tokens and when each expires.
    access: HashMap<String, Instant>,
    /// Refresh tokens not used yet (each is single-use).
    refresh: HashSet<String>,
    issued: u64,
    lifetime: Duration,
    refuse: bool,
}

/// One operation of the table: where it is served and what it takes.
#[derive(Debug, Clone)]
struct Route {
    method: String,
    segments: Vec<Segment>,
    operation: OperationShape,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    /// `{id}`: an integer `Id`.
    Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OperationKind {
    Create,
    Update,
    Get,
    List,
    Delete,
}

#[derive(Debug, Clone)]
struct OperationShape {
    entity: String,
    kind: OperationKind,
    /// The body's fields for creates and updates; the query parameters for lists.
    fields: Vec<FieldShape>,
}

#[derive(Debug, Clone)]
struct FieldShape {
    name: String,
    required: bool,
    nullable: bool,
    kind: Kind,
    /// The documented default, as the spec writes it (`25`, `eGender.NotSet`).
    default: Option<String>,
}

#[derive(Debug, Clone)]
enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    DateTime,
    Array(Box<Kind>),
    Enum(Vec<i64>),
    Any,
}

impl MockServer {
    /// Starts the server on an ephemeral port of 127.0.0.1, serving the operations of the
    /// specs.
    pub async fn start() -> std::io::Result<Self> {
        Self::serve(routes(OPENAPI)?).await
    }

    /// Starts the server with the operations of the specs plus those of `openapi`, an OpenAPI
    /// document in the shape `cargo xtask codegen` writes (an operation of `openapi` replaces
    /// the specs' one of the same method and path). For tests of operations the specs do not
    /// have yet; a document that is not JSON is an `InvalidData` error naming where it broke.
    pub async fn with_operations(openapi: &str) -> std::io::Result<Self> {
        let extra = routes(openapi)?;
        let mut all: Vec<Route> = routes(OPENAPI)?
            .into_iter()
            .filter(|route| {
                !extra
                    .iter()
                    .any(|e| e.method == route.method && e.segments == route.segments)
            })
            .collect();
        all.extend(extra);
        Self::serve(all).await
    }

    async fn serve(routes: Vec<Route>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State {
            routes,
            next_id: 87_654_321,
            tokens: Tokens {
                lifetime: DEFAULT_TOKEN_LIFETIME,
                ..Tokens::default()
            },
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&shared);
                tokio::spawn(async move {
                    // A broken connection only ends that connection.
                    let _ = serve_connection(stream, state).await;
                });
            }
        });
        Ok(Self {
            address,
            state,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`, for `ClientBuilder::base_url`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Queues a fault for the next API request; faults apply in the order queued, one per
    /// request. Token requests never consume one.
    pub fn push_fault(&self, fault: Fault) {
        lock(&self.state).faults.push_back(fault);
    }

    /// Throttles the next `count` requests the way Nexudus does (409, `Retry-After: 1`).
    pub fn throttle_next(&self, count: usize) {
        (0..count).for_each(|_| self.push_fault(Fault::Throttle));
    }

    /// Answers the next `count` requests with `status`.
    pub fn fail_next(&self, count: usize, status: u16) {
        (0..count).for_each(|_| self.push_fault(Fault::Status(status)));
    }

    /// Delays the answers to the next `count` requests.
    pub fn delay_next(&self, count: usize, delay: Duration) {
        (0..count).for_each(|_| self.push_fault(Fault::Delay(delay)));
    }

    /// Every request received so far, token requests included, in order.
    pub fn received(&self) -> Vec<ReceivedRequest> {
        lock(&self.state).received.clone()
    }

    /// The records stored for an entity (`CoworkerNote`), by `Id`.
    pub fn records(&self, entity: &str) -> BTreeMap<i64, Value> {
        lock(&self.state)
            .records
            .get(entity)
            .cloned()
            .unwrap_or_default()
    }

    /// Stores a record of `entity` (`CoworkerNote`) as if it had been created, and returns its
    /// `Id`: the record's own `Id` when it has one (replacing a stored record with that `Id`),
    /// else a fresh one. The fields every Nexudus record has (`UniqueId`, `CreatedOn`,
    /// `UpdatedOn`, `UpdatedBy`, `IsNew`) are filled in where the record lacks them.
    pub fn insert_record(
        &self,
        entity: &str,
        record: impl serde::Serialize,
    ) -> Result<i64, SeedError> {
        let value =
            serde_json::to_value(record).map_err(|error| SeedError::Encode(error.to_string()))?;
        let Value::Object(fields) = value else {
            return Err(SeedError::NotAnObject(value));
        };
        let mut state = lock(&self.state);
        if !state.routes.iter().any(|r| r.operation.entity == entity) {
            let mut known: Vec<String> = state
                .routes
                .iter()
                .map(|r| r.operation.entity.clone())
                .collect();
            known.sort();
            known.dedup();
            return Err(SeedError::UnknownEntity {
                entity: entity.to_owned(),
                known,
            });
        }
        let id = match fields.get("Id") {
            None | Some(Value::Null) => state.fresh_id(),
            Some(id) => {
                let id = id.as_i64().ok_or_else(|| SeedError::BadId(id.clone()))?;
                state.next_id = state.next_id.max(id);
                id
            }
        };
        state.store_new(entity, id, fields);
        Ok(id)
    }

    /// Expires every access token issued so far: the next request with one answers 401, and
    /// a client with OAuth2 credentials refreshes its token and sends the request again.
    /// Refresh tokens stay valid.
    pub fn expire_tokens(&self) {
        lock(&self.state).tokens.access.clear();
    }

    /// While `refuse` is true, `POST /api/token` refuses every grant with 400
    /// `{"error": "invalid_grant", "error_description": "The user name or password is
    /// incorrect."}`, as an OAuth2 server answers bad credentials.
    pub fn refuse_logins(&self, refuse: bool) {
        lock(&self.state).tokens.refuse = refuse;
    }

    /// How long the access tokens issued from now on live (`expires_in`); an hour unless set.
    /// The client renews a token a minute before it expires, so a lifetime under a minute
    /// makes it renew before every request.
    pub fn set_token_lifetime(&self, lifetime: Duration) {
        lock(&self.state).tokens.lifetime = lifetime;
    }

    /// Issues an access token as a login would, for a client built with `bearer_token`.
    pub fn issue_token(&self) -> String {
        let (access, _) = lock(&self.state).tokens.issue();
        access
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panic while holding the lock cannot leave the state half-updated in a way that
    // matters for a test double, so a poisoned lock is simply reused.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    fn fresh_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// Stores a record as a create does: the given fields, the `Id`, and the fields every
    /// Nexudus record has where the given ones lack them.
    fn store_new(&mut self, entity: &str, id: i64, mut fields: Map<String, Value>) {
        let now = now_text();
        fields.insert("Id".to_owned(), json!(id));
        let defaults = [
            ("UniqueId", json!(unique_id(id))),
            ("CreatedOn", json!(now)),
            ("UpdatedOn", json!(now)),
            ("UpdatedBy", json!(MOCK_USER)),
            ("IsNew", json!(true)),
        ];
        for (name, value) in defaults {
            fields.entry(name).or_insert(value);
        }
        self.records
            .entry(entity.to_owned())
            .or_default()
            .insert(id, Value::Object(fields));
    }
}

impl Tokens {
    /// A fresh access token and its single-use refresh token.
    fn issue(&mut self) -> (String, String) {
        self.issued += 1;
        let access = format!("mock-access-{}", self.issued);
        let refresh = format!("mock-refresh-{}", self.issued);
        self.access
            .insert(access.clone(), Instant::now() + self.lifetime);
        self.refresh.insert(refresh.clone());
        (access, refresh)
    }

    fn accepts(&self, access: &str) -> bool {
        self.access
            .get(access)
            .is_some_and(|expires| *expires > Instant::now())
    }
}

/// Now, as Nexudus writes date-times: seconds with 7 fractional digits, UTC.
fn now_text() -> String {
    let now = jiff::Timestamp::now();
    format!(
        "{}.{:07}Z",
        now.strftime("%Y-%m-%dT%H:%M:%S"),
        now.subsec_nanosecond() / 100
    )
}

/// A UUID-shaped identifier that differs per record.
fn unique_id(id: i64) -> String {
    let n = id as u64;
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        n >> 32,
        (n >> 16) & 0xffff,
        n & 0xfff,
        (n >> 12) & 0xfff,
        n
    )
}

/// Reads the operations out of an OpenAPI document.
fn routes(openapi: &str) -> std::io::Result<Vec<Route>> {
    let document: Value = serde_json::from_str(openapi).map_err(|error| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("the mock's operation table is not JSON: {error}"),
        )
    })?;
    let schemas = &document["components"]["schemas"];
    let mut routes = Vec::new();
    let Some(paths) = document["paths"].as_object() else {
        return Ok(routes);
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        let segments: Vec<Segment> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.starts_with('{') && s.ends_with('}') {
                    Segment::Id
                } else {
                    Segment::Literal(s.to_ascii_lowercase())
                }
            })
            .collect();
        let takes_id = segments.contains(&Segment::Id);
        for (method, operation) in item {
            let method = method.to_ascii_uppercase();
            let kind = match (method.as_str(), takes_id) {
                ("POST", _) => OperationKind::Create,
                ("PUT" | "PATCH", _) => OperationKind::Update,
                ("GET", true) => OperationKind::Get,
                ("GET", false) => OperationKind::List,
                ("DELETE", _) => OperationKind::Delete,
                _ => continue,
            };
            let name = operation["operationId"].as_str().unwrap_or_default();
            // The body's schema for creates and updates, the query object's for lists; by
            // operation name when the document does not say.
            let reference = match kind {
                OperationKind::List => operation["parameters"][0]["schema"]["$ref"].as_str(),
                _ => operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                    .as_str(),
            };
            let schema_name = reference.and_then(|r| r.rsplit('/').next()).unwrap_or(name);
            let entity = operation["x-nexudus-entity"]
                .as_str()
                .unwrap_or(name)
                .to_owned();
            routes.push(Route {
                method,
                segments: segments.clone(),
                operation: OperationShape {
                    entity,
                    kind,
                    fields: fields_of(&schemas[schema_name], schemas),
                },
            });
        }
    }
    Ok(routes)
}

fn fields_of(schema: &Value, schemas: &Value) -> Vec<FieldShape> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema["properties"].as_object() else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(field, property)| {
            let (kind, nullable) = kind_of(property, schemas);
            let default = match &property["x-nexudus-default"] {
                Value::Null => None,
                Value::String(text) => Some(text.clone()),
                other => Some(other.to_string()),
            };
            FieldShape {
                name: field.clone(),
                required: required.contains(&field.as_str()),
                nullable,
                kind,
                default,
            }
        })
        .collect()
}

fn kind_of(property: &Value, schemas: &Value) -> (Kind, bool) {
    if let Some(variants) = property["oneOf"].as_array() {
        let inner = variants
            .iter()
            .find(|v| v["type"] != "null")
            .unwrap_or(&Value::Null);
        return (kind_of(inner, schemas).0, true);
    }
    if let Some(reference) = property["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or_default();
        // A string enum is an open set of known strings (`x-open-enum`): Nexudus sends and
        // takes others too, so any string is valid.
        if schemas[name]["type"] == "string" {
            return (Kind::String, false);
        }
        let values = schemas[name]["enum"]
            .as_array()
            .map(|v| v.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default();
        return (Kind::Enum(values), false);
    }
    let kind = match (property["type"].as_str(), property["format"].as_str()) {
        (Some("string"), Some("date-time")) => Kind::DateTime,
        (Some("string"), _) if property.get("pattern").is_some() => Kind::DateTime,
        (Some("string"), _) => Kind::String,
        (Some("integer"), _) => Kind::Integer,
        (Some("number"), _) => Kind::Number,
        (Some("boolean"), _) => Kind::Boolean,
        (Some("array"), _) => Kind::Array(Box::new(kind_of(&property["items"], schemas).0)),
        _ => Kind::Any,
    };
    (kind, false)
}

/// The route serving `method path`, and the `Id` its path names.
fn route<'a>(routes: &'a [Route], method: &str, path: &str) -> Option<(&'a Route, Option<i64>)> {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    routes.iter().find_map(|route| {
        if route.method != method || route.segments.len() != parts.len() {
            return None;
        }
        let mut id = None;
        for (segment, part) in route.segments.iter().zip(&parts) {
            match segment {
                // Nexudus's routes ignore case, like every ASP.NET route.
                Segment::Literal(literal) if literal.eq_ignore_ascii_case(part) => {}
                Segment::Literal(_) => return None,
                Segment::Id => id = Some(part.parse().ok()?),
            }
        }
        Some((route, id))
    })
}

/// One error in Nexudus's words: `(PropertyName, message, attempted value)`.
type FieldProblem = (String, &'static str, Value);

fn validate(operation: &OperationShape, body: &Value) -> Vec<FieldProblem> {
    let Some(object) = body.as_object() else {
        return vec![(
            String::new(),
            "the request body must be a JSON object",
            body.clone(),
        )];
    };
    let mut problems = Vec::new();
    for field in &operation.fields {
        match object.get(&field.name) {
            None | Some(Value::Null) if field.required => {
                problems.push((field.name.clone(), "is a required field", Value::Null));
            }
            None => {}
            Some(Value::Null) if field.nullable || !field.required => {}
            Some(value) if !fits(&field.kind, value) => {
                let message = if matches!(field.kind, Kind::Enum(_)) {
                    "is not a valid value"
                } else {
                    "has the wrong type"
                };
                problems.push((field.name.clone(), message, value.clone()));
            }
            Some(Value::String(text))
                if field.required && text.is_empty() && matches!(field.kind, Kind::String) =>
            {
                problems.push((
                    field.name.clone(),
                    "is a required field",
                    Value::String(text.clone()),
                ));
            }
            Some(_) => {}
        }
    }
    problems
}

fn fits(kind: &Kind, value: &Value) -> bool {
    match kind {
        Kind::String => value.is_string(),
        Kind::Integer => value.is_i64() || value.is_u64(),
        Kind::Number => value.is_number(),
        Kind::Boolean => value.is_boolean(),
        Kind::DateTime => value.as_str().is_some_and(|text| civil(text).is_some()),
        Kind::Array(item) => value
            .as_array()
            .is_some_and(|items| items.iter().all(|v| fits(item, v))),
        Kind::Enum(values) => value.as_i64().is_some_and(|v| values.contains(&v)),
        Kind::Any => true,
    }
}

/// A date-time as the wall-clock time in UTC: `2026-11-25T10:00`, `…:00.1234567`, `…Z`,
/// `…+01:00`.
fn civil(text: &str) -> Option<jiff::civil::DateTime> {
    let text = text.trim();
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(jiff::tz::Offset::UTC.to_datetime(timestamp));
    }
    text.parse().ok()
}

struct Answer {
    status: u16,
    reason: &'static str,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Answer {
    fn json(status: u16, body: &Value) -> Self {
        let reason = match status {
            200 => "OK",
            400 => "Bad Request",
            401 => "Unauthorized",
            404 => "Not Found",
            _ => "Error",
        };
        Self {
            status,
            reason,
            headers: vec![("Content-Type", "application/json; charset=utf-8".to_owned())],
            body: body.to_string(),
        }
    }

    fn message(status: u16, message: &str) -> Self {
        Self::json(status, &json!({ "Message": message }))
    }
}

/// A request as read from the connection, before it is recorded.
struct Incoming {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

fn is_token_request(method: &str, path: &str) -> bool {
    method == "POST"
        && path
            .trim_end_matches('/')
            .eq_ignore_ascii_case("/api/token")
}

/// Handles one request; `None` means close the connection without answering.
fn handle(state: &Mutex<State>, incoming: Incoming) -> (Option<Answer>, Option<Duration>) {
    let mut state = lock(state);
    let token_request = is_token_request(&incoming.method, &incoming.path);
    let form: Vec<(String, String)> = if token_request {
        serde_urlencoded::from_bytes(&incoming.body).unwrap_or_default()
    } else {
        Vec::new()
    };
    let body = if token_request {
        Value::Object(
            form.iter()
                .map(|(name, value)| (name.clone(), json!(value)))
                .collect(),
        )
    } else {
        serde_json::from_slice(&incoming.body).unwrap_or(Value::Null)
    };
    let request = ReceivedRequest {
        method: incoming.method,
        path: incoming.path,
        query: incoming.query,
        headers: incoming.headers,
        body,
    };
    state.received.push(request.clone());
    if token_request {
        return (Some(token(&mut state.tokens, &form)), None);
    }
    let mut delay = None;
    match state.faults.pop_front() {
        Some(Fault::Throttle) => {
            let answer = Answer {
                status: 409,
                reason: THROTTLED_REASON,
                headers: vec![("Retry-After", "1".to_owned())],
                body: String::new(),
            };
            return (Some(answer), None);
        }
        Some(Fault::Throttle429 { wait_seconds }) => {
            let body = format!("Wait {wait_seconds} seconds before sending another request.");
            let answer = Answer {
                status: 429,
                reason: "Too Many Requests",
                headers: vec![],
                body,
            };
            return (Some(answer), None);
        }
        Some(Fault::Status(status)) => {
            let body = format!(
                "<html><body><h1>{status}</h1><p>The mock was told to fail.</p></body></html>"
            );
            let headers = vec![("Content-Type", "text/html".to_owned())];
            return (
                Some(Answer {
                    status,
                    reason: "Injected Failure",
                    headers,
                    body,
                }),
                None,
            );
        }
        Some(Fault::Drop) => return (None, None),
        Some(Fault::Delay(duration)) => delay = Some(duration),
        None => {}
    }
    let authorized =
        request
            .headers
            .get("authorization")
            .is_some_and(|value| match value.split_once(' ') {
                Some((scheme, _)) if scheme.eq_ignore_ascii_case("basic") => true,
                Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                    state.tokens.accepts(token.trim())
                }
                _ => false,
            });
    if !authorized {
        return (Some(Answer::message(401, UNAUTHORIZED_MESSAGE)), delay);
    }
    let Some((route, id)) = route(&state.routes, &request.method, &request.path) else {
        let message = "No HTTP resource was found that matches the request URI.";
        return (Some(Answer::message(404, message)), delay);
    };
    let operation = route.operation.clone();
    let answer = match operation.kind {
        OperationKind::Create | OperationKind::Update => {
            write_record(&mut state, &operation, &request.body)
        }
        OperationKind::Get => get_record(&state, &operation, id.unwrap_or_default()),
        OperationKind::Delete => delete_record(&mut state, &operation, id.unwrap_or_default()),
        OperationKind::List => list_records(&state, &operation, &request.query),
    };
    (Some(answer), delay)
}

/// `POST /api/token`, for the password and refresh grants.
fn token(tokens: &mut Tokens, form: &[(String, String)]) -> Answer {
    let field = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    };
    let refused = |description: &str| {
        Answer::json(
            400,
            &json!({ "error": "invalid_grant", "error_description": description }),
        )
    };
    match field("grant_type") {
        Some("password") => {
            if field("username").is_none() || field("password").is_none() {
                return Answer::json(
                    400,
                    &json!({ "error": "invalid_request", "error_description": "username and password are required." }),
                );
            }
            if tokens.refuse {
                return refused("The user name or password is incorrect.");
            }
        }
        Some("refresh_token") => {
            let known = field("refresh_token").is_some_and(|t| tokens.refresh.remove(t));
            if tokens.refuse {
                return refused("The user name or password is incorrect.");
            }
            if !known {
                return refused("The refresh token is invalid or has expired.");
            }
        }
        _ => return Answer::json(400, &json!({ "error": "unsupported_grant_type" })),
    }
    let (access, refresh) = tokens.issue();
    Answer::json(
        200,
        &json!({
            "access_token": access,
            "token_type": "bearer",
            "expires_in": tokens.lifetime.as_secs(),
            "refresh_token": refresh,
        }),
    )
}

/// A create or an update: validate, store, answer the envelope.
fn write_record(state: &mut State, operation: &OperationShape, body: &Value) -> Answer {
    let problems = validate(operation, body);
    if !problems.is_empty() {
        return Answer::json(400, &validation_envelope(&problems));
    }
    let fields = body.as_object().cloned().unwrap_or_default();
    let id = if operation.kind == OperationKind::Update {
        let id = fields.get("Id").and_then(Value::as_i64).unwrap_or_default();
        let Some(stored) = state
            .records
            .get_mut(&operation.entity)
            .and_then(|records| records.get_mut(&id))
            .and_then(Value::as_object_mut)
        else {
            let problems = vec![(
                "Id".to_owned(),
                "does not name an existing record",
                json!(id),
            )];
            return Answer::json(400, &validation_envelope(&problems));
        };
        // The whole record: every field the update takes comes from the body, the fields
        // it does not take (read-only ones, related entities' names) stay as they were.
        for field in &operation.fields {
            match fields.get(&field.name) {
                Some(value) => stored.insert(field.name.clone(), value.clone()),
                None => stored.remove(&field.name),
            };
        }
        stored.insert("Id".to_owned(), json!(id));
        stored.insert("UpdatedOn".to_owned(), json!(now_text()));
        stored.insert("UpdatedBy".to_owned(), json!(MOCK_USER));
        stored.insert("IsNew".to_owned(), json!(false));
        id
    } else {
        let id = state.fresh_id();
        state.store_new(&operation.entity, id, fields);
        id
    };
    let verb = if operation.kind == OperationKind::Update {
        "updated"
    } else {
        "created"
    };
    Answer::json(200, &envelope(&operation.entity, id, verb))
}

fn get_record(state: &State, operation: &OperationShape, id: i64) -> Answer {
    match state
        .records
        .get(&operation.entity)
        .and_then(|records| records.get(&id))
    {
        Some(record) => Answer::json(200, record),
        None => not_found(&operation.entity, id),
    }
}

fn delete_record(state: &mut State, operation: &OperationShape, id: i64) -> Answer {
    match state
        .records
        .get_mut(&operation.entity)
        .and_then(|records| records.remove(&id))
    {
        Some(_) => Answer::json(200, &envelope(&operation.entity, id, "deleted")),
        None => not_found(&operation.entity, id),
    }
}

fn not_found(entity: &str, id: i64) -> Answer {
    Answer::message(404, &format!("There is no {entity} with Id {id}."))
}

/// The documented envelope of a successful create, update or delete.
fn envelope(entity: &str, id: i64, verb: &str) -> Value {
    json!({
        "Status": 200,
        "Message": format!("{entity} was successfully {verb}."),
        "Value": { "Id": id },
        "OpenInDialog": false,
        "OpenInWindow": false,
        "RedirectURL": null,
        "JavaScript": null,
        "UpdatedOn": now_text(),
        "UpdatedBy": MOCK_USER,
        "Errors": null,
        "WasSuccessful": true,
    })
}

fn validation_envelope(problems: &[FieldProblem]) -> Value {
    let summary: Vec<String> = problems
        .iter()
        .map(|(name, message, _)| format!("{name}: {message}"))
        .collect();
    let errors: Vec<Value> = problems
        .iter()
        .map(|(name, message, attempted)| json!({ "AttemptedValue": attempted, "Message": message, "PropertyName": name }))
        .collect();
    json!({ "Message": summary.join("\n"), "Value": null, "Errors": errors, "WasSuccessful": false })
}

/// One documented filter of a list, with the value asked for.
enum Filter<'a> {
    Equals {
        field: &'a str,
        kind: &'a Kind,
        value: &'a str,
    },
    From {
        field: &'a str,
        value: &'a str,
    },
    To {
        field: &'a str,
        value: &'a str,
    },
}

/// A list: the documented filters, the order, then one page in Nexudus's shape.
fn list_records(state: &State, operation: &OperationShape, query: &[(String, String)]) -> Answer {
    let asked = |name: &str| {
        query
            .iter()
            .rev()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    };
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut number = |name: &str, default: i64| match asked(name) {
        None => default,
        Some(text) => match text.parse::<i64>() {
            Ok(value) if value >= 1 => value,
            _ => {
                problems.push((name.to_owned(), "is not a valid value", json!(text)));
                default
            }
        },
    };
    let documented_size = operation
        .fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case("size"))
        .and_then(|f| f.default.as_deref())
        .and_then(|text| text.parse().ok())
        .unwrap_or(DEFAULT_PAGE_SIZE);
    let page = number("page", 1);
    let size = number("size", documented_size);
    let descending = asked("dir") == Some("-1");
    let order_by = asked("orderBy").unwrap_or("Id").to_owned();

    let prefix = format!("{}_", operation.entity);
    let mut filters = Vec::new();
    for parameter in &operation.fields {
        let Some(value) = asked(&parameter.name) else {
            continue;
        };
        let name = parameter.name.as_str();
        let lower = name.to_ascii_lowercase();
        let field_after = |start: &str| {
            lower
                .starts_with(&start.to_ascii_lowercase())
                .then(|| &name[start.len()..])
        };
        let range = field_after(&format!("from_{prefix}"))
            .map(|field| (true, field))
            .or_else(|| field_after(&format!("to_{prefix}")).map(|field| (false, field)));
        if let Some((from, field)) = range {
            if civil(value).is_none() && value.parse::<f64>().is_err() {
                problems.push((name.to_owned(), "is not a valid value", json!(value)));
            } else if from {
                filters.push(Filter::From { field, value });
            } else {
                filters.push(Filter::To { field, value });
            }
        } else if let Some(field) = field_after(&prefix) {
            if parses_as(&parameter.kind, value) {
                filters.push(Filter::Equals {
                    field,
                    kind: &parameter.kind,
                    value,
                });
            } else {
                problems.push((name.to_owned(), "is not a valid value", json!(value)));
            }
        }
    }
    if !problems.is_empty() {
        return Answer::json(400, &validation_envelope(&problems));
    }

    let empty = BTreeMap::new();
    let mut records: Vec<&Value> = state
        .records
        .get(&operation.entity)
        .unwrap_or(&empty)
        .values()
        .filter(|record| filters.iter().all(|filter| keeps(filter, record)))
        .collect();
    records.sort_by(|a, b| {
        let order = compare(field_of(a, &order_by), field_of(b, &order_by));
        let order = if descending { order.reverse() } else { order };
        order.then_with(|| compare(a.get("Id"), b.get("Id")))
    });

    let total = records.len() as i64;
    let total_pages = (total + size - 1) / size;
    let first = (page - 1).saturating_mul(size);
    let shown: Vec<Value> = records
        .into_iter()
        .skip(usize::try_from(first).unwrap_or(usize::MAX))
        .take(usize::try_from(size).unwrap_or(usize::MAX))
        .cloned()
        .collect();
    let (first_item, last_item) = if shown.is_empty() {
        (0, 0)
    } else {
        (first + 1, first + shown.len() as i64)
    };
    Answer::json(
        200,
        &json!({
            "Records": shown,
            "CurrentPage": page,
            "CurrentPageSize": size,
            "CurrentOrderField": order_by,
            "CurrentSortDirection": if descending { -1 } else { 1 },
            "FirstItem": first_item,
            "LastItem": last_item,
            "TotalItems": total,
            "TotalPages": total_pages,
            "HasNextPage": page < total_pages,
            "HasPreviousPage": page > 1,
        }),
    )
}

fn parses_as(kind: &Kind, text: &str) -> bool {
    match kind {
        Kind::Integer | Kind::Enum(_) => text.parse::<i64>().is_ok(),
        Kind::Number => text.parse::<f64>().is_ok(),
        Kind::Boolean => text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false"),
        Kind::DateTime => civil(text).is_some(),
        Kind::String | Kind::Array(_) | Kind::Any => true,
    }
}

/// A record's field by the name a filter or `orderBy` uses: `Coworker` is `CoworkerId` when
/// the record has no `Coworker`, as the pages' "Filter by Coworker Id" says.
fn field_of<'a>(record: &'a Value, name: &str) -> Option<&'a Value> {
    let object = record.as_object()?;
    let by_name = |wanted: &str| {
        object
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| value)
    };
    by_name(name).or_else(|| by_name(&format!("{name}Id")))
}

fn keeps(filter: &Filter<'_>, record: &Value) -> bool {
    match filter {
        Filter::Equals { field, kind, value } => {
            field_of(record, field).is_some_and(|stored| equals(kind, stored, value))
        }
        Filter::From { field, value } => field_of(record, field).is_some_and(|stored| {
            compare(Some(stored), Some(&json!(value))) != std::cmp::Ordering::Less
        }),
        Filter::To { field, value } => field_of(record, field).is_some_and(|stored| {
            compare(Some(stored), Some(&json!(value))) != std::cmp::Ordering::Greater
        }),
    }
}

fn equals(kind: &Kind, stored: &Value, asked: &str) -> bool {
    match (kind, stored) {
        (Kind::Integer | Kind::Enum(_), Value::Number(n)) => {
            n.as_i64().is_some_and(|n| asked.parse() == Ok(n))
        }
        (Kind::Number, Value::Number(n)) => n.as_f64().is_some_and(|n| asked.parse() == Ok(n)),
        (Kind::Boolean, Value::Bool(b)) => asked.eq_ignore_ascii_case(&b.to_string()),
        (Kind::DateTime, Value::String(text)) => {
            civil(text).is_some() && civil(text) == civil(asked)
        }
        (_, Value::String(text)) => text == asked,
        // A field whose kind the table does not give: compare as the text it would be sent as.
        (_, Value::Number(n)) => n.as_f64().is_some_and(|n| asked.parse() == Ok(n)),
        (_, Value::Bool(b)) => asked.eq_ignore_ascii_case(if *b { "true" } else { "false" }),
        _ => false,
    }
}

/// Orders two field values: missing and null first, numbers by value, date-times by time,
/// other strings by text; values of different kinds by kind.
fn compare(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let rank = |v: Option<&Value>| match v {
        None | Some(Value::Null) => 0,
        Some(Value::Bool(_)) => 1,
        Some(Value::Number(_)) => 2,
        Some(Value::String(_)) => 3,
        Some(_) => 4,
    };
    let number = |v: &Value| -> Option<f64> {
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    };
    match (a, b) {
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (Some(x), Some(y)) if number(x).is_some() && number(y).is_some() => {
            number(x).partial_cmp(&number(y)).unwrap_or(Ordering::Equal)
        }
        (Some(Value::String(x)), Some(Value::String(y))) => match (civil(x), civil(y)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => x.cmp(y),
        },
        _ => rank(a).cmp(&rank(b)),
    }
}

async fn serve_connection(stream: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).await? == 0 {
        return Ok(());
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = path.to_owned();
    let query: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let mut headers = BTreeMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let answer = if length > MAX_BODY {
        (
            Some(Answer {
                status: 413,
                reason: "Payload Too Large",
                headers: vec![],
                body: String::new(),
            }),
            None,
        )
    } else {
        let mut body = vec![0; length];
        reader.read_exact(&mut body).await?;
        handle(
            &state,
            Incoming {
                method,
                path,
                query,
                headers,
                body,
            },
        )
    };
    let (answer, delay) = answer;
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let Some(answer) = answer else { return Ok(()) };
    let mut response = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        answer.status,
        answer.reason,
        answer.body.len()
    );
    for (name, value) in &answer.headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&answer.body);
    let mut stream = reader.into_inner();
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, required: bool, nullable: bool, kind: Kind) -> FieldShape {
        FieldShape {
            name: name.to_owned(),
            required,
            nullable,
            kind,
            default: None,
        }
    }

    fn operation() -> OperationShape {
        OperationShape {
            entity: "CoworkerNote".to_owned(),
            kind: OperationKind::Create,
            fields: vec![
                field("CoworkerId", true, false, Kind::Integer),
                field("Notes", true, false, Kind::String),
                field("Gender", false, true, Kind::Enum(vec![0, 1, 2])),
            ],
        }
    }

    #[test]
    fn missing_fields_are_worded_as_nexudus_words_them() {
        let problems = validate(&operation(), &json!({ "CoworkerId": 1 }));
        let envelope = validation_envelope(&problems);
        assert_eq!(envelope["Message"], "Notes: is a required field");
        assert_eq!(envelope["Errors"][0]["PropertyName"], "Notes");
        assert_eq!(envelope["WasSuccessful"], false);
    }

    #[test]
    fn types_and_enum_values_are_checked() {
        let problems = validate(
            &operation(),
            &json!({ "CoworkerId": "one", "Notes": "x", "Gender": 7 }),
        );
        let names: Vec<&str> = problems.iter().map(|(name, _, _)| name.as_str()).collect();
        assert_eq!(names, ["CoworkerId", "Gender"]);
        assert!(
            validate(
                &operation(),
                &json!({ "CoworkerId": 1, "Notes": "x", "Gender": null })
            )
            .is_empty()
        );
    }

    #[test]
    fn the_embedded_document_has_operations() {
        let routes = routes(OPENAPI).unwrap();
        assert!(
            routes
                .iter()
                .any(|r| r.method == "POST" && r.operation.kind == OperationKind::Create),
            "{routes:?}"
        );
    }

    #[test]
    fn a_table_that_is_not_json_is_a_located_error() {
        let error = routes("{\"paths\": ").unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("line 1"), "{error}");
    }

    #[test]
    fn paths_with_an_id_route_to_gets_and_deletes() {
        let document = json!({ "paths": {
            "/api/spaces/coworkernotes": { "get": { "operationId": "ListCoworkerNotes", "x-nexudus-entity": "CoworkerNote" } },
            "/api/spaces/coworkernotes/{id}": {
                "get": { "operationId": "GetCoworkerNote", "x-nexudus-entity": "CoworkerNote" },
                "delete": { "operationId": "DeleteCoworkerNote", "x-nexudus-entity": "CoworkerNote" },
            },
        }});
        let table = routes(&document.to_string()).unwrap();
        let kind = |method: &str, path: &str| {
            route(&table, method, path).map(|(r, id)| (r.operation.kind, id))
        };
        assert_eq!(
            kind("GET", "/api/spaces/CoworkerNotes/42"),
            Some((OperationKind::Get, Some(42)))
        );
        assert_eq!(
            kind("DELETE", "/api/spaces/coworkernotes/7"),
            Some((OperationKind::Delete, Some(7)))
        );
        assert_eq!(
            kind("GET", "/api/spaces/coworkernotes"),
            Some((OperationKind::List, None))
        );
        assert_eq!(kind("GET", "/api/spaces/coworkernotes/abc"), None);
        assert_eq!(kind("PUT", "/api/spaces/coworkernotes/7"), None);
    }

    #[test]
    fn values_order_by_number_date_time_and_text() {
        use std::cmp::Ordering::{Greater, Less};
        let cmp = |a: Value, b: Value| compare(Some(&a), Some(&b));
        assert_eq!(cmp(json!(9), json!(10)), Less);
        assert_eq!(
            cmp(json!("2026-01-02T00:00:00Z"), json!("2026-01-01T23:59")),
            Greater
        );
        assert_eq!(
            cmp(
                json!("2026-01-01T10:00:00.1234567"),
                json!("2026-01-01T10:00:00.2Z")
            ),
            Less
        );
        assert_eq!(cmp(json!("apple"), json!("banana")), Less);
        assert_eq!(compare(None, Some(&json!(1))), Less);
    }

    #[test]
    fn written_date_times_have_seven_fractional_digits() {
        let text = now_text();
        let fraction = text.split('.').nth(1).unwrap();
        assert_eq!(fraction.len(), 8, "{text}");
        assert!(civil(&text).is_some(), "{text}");
    }
}
