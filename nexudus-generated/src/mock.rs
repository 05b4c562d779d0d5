//! A fake Nexudus for tests (cargo feature `mock`): start it on 127.0.0.1 with one call,
//! point a [`Client`](crate::Client) at [`MockServer::base_url`], and it behaves like the real
//! service for every operation in the specs.
//!
//! It is driven by the same specs as the client: it reads the OpenAPI document that
//! `cargo xtask codegen` writes from them (`spec/openapi.json`, embedded at compile time), so a
//! spec change reaches the mock with no code of its own. Each request is validated against its
//! operation (required fields, types, enum values) and a failure is answered with a 400 whose
//! `Errors` are worded as Nexudus words them (`Notes: is a required field`). Created records are
//! stored and answered with the documented envelope and a fresh `Id`. Faults can be queued:
//! throttle, fail, delay or drop the next requests.
//!
//! ```
//! use nexudus_generated::Client;
//! use nexudus_generated::mock::MockServer;
//! use nexudus_generated::spaces::CreateCoworkerNote;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let server = MockServer::start().await?;
//!     server.throttle_next(1); // the first request gets Nexudus's 409 with `Retry-After: 1`
//!     let client = Client::builder()
//!         .base_url(server.base_url())
//!         .basic_auth("admin@example.com", "secret")
//!         .build()?;
//!     let note = CreateCoworkerNote::builder().coworker_id(7).notes("Hi").build();
//!     let created = client.create_coworker_note(&note).await?; // retried after the 409
//!     assert!(server.records("CoworkerNote").contains_key(&created.id.unwrap()));
//!     Ok(())
//! }
//! ```
#![cfg_attr(docsrs, doc(cfg(feature = "mock")))]

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Map, Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The OpenAPI document of every operation, as generated from the specs.
const OPENAPI: &str = include_str!("../../spec/openapi.json");

/// The reason phrase Nexudus throttles with.
pub const THROTTLED_REASON: &str = "You must wait before accessing this url again.";

/// Largest request body the mock reads; anything larger is answered 413.
const MAX_BODY: usize = 4 * 1024 * 1024;

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
    /// Header names in lower case.
    pub headers: BTreeMap<String, String>,
    /// The JSON body, or `Null` when there was none or it was not JSON.
    pub body: Value,
}

/// A running fake Nexudus; it stops when dropped.
#[derive(Debug)]
pub struct MockServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

#[derive(Debug, Default)]
struct State {
    operations: HashMap<(String, String), OperationShape>,
    records: BTreeMap<String, BTreeMap<i64, Value>>,
    next_id: i64,
    faults: VecDeque<Fault>,
    received: Vec<ReceivedRequest>,
}

#[derive(Debug, Clone)]
struct OperationShape {
    entity: String,
    updates: bool,
    fields: Vec<FieldShape>,
}

#[derive(Debug, Clone)]
struct FieldShape {
    name: String,
    required: bool,
    nullable: bool,
    kind: Kind,
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
    /// Starts the server on an ephemeral port of 127.0.0.1.
    pub async fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State {
            operations: catalog(OPENAPI),
            next_id: 87_654_321,
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

    /// Queues a fault for the next request; faults apply in the order queued, one per request.
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

    /// Every request received so far, in order.
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

/// Reads the operations out of the OpenAPI document.
fn catalog(openapi: &str) -> HashMap<(String, String), OperationShape> {
    let document: Value = serde_json::from_str(openapi).unwrap_or(Value::Null);
    let schemas = &document["components"]["schemas"];
    let mut operations = HashMap::new();
    let Some(paths) = document["paths"].as_object() else {
        return operations;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, operation) in item {
            let name = operation["operationId"].as_str().unwrap_or_default();
            let schema = &schemas[name];
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let fields = schema["properties"]
                .as_object()
                .map(|properties| {
                    properties
                        .iter()
                        .map(|(field, property)| {
                            let (kind, nullable) = kind_of(property, schemas);
                            FieldShape {
                                name: field.clone(),
                                required: required.contains(&field.as_str()),
                                nullable,
                                kind,
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let entity = operation["x-nexudus-entity"]
                .as_str()
                .unwrap_or(name)
                .to_owned();
            let shape = OperationShape {
                entity,
                updates: method == "put",
                fields,
            };
            operations.insert((method.to_ascii_uppercase(), path.clone()), shape);
        }
    }
    operations
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
        Kind::DateTime => value.as_str().is_some_and(looks_like_date_time),
        Kind::Array(item) => value
            .as_array()
            .is_some_and(|items| items.iter().all(|v| fits(item, v))),
        Kind::Enum(values) => value.as_i64().is_some_and(|v| values.contains(&v)),
        Kind::Any => true,
    }
}

fn looks_like_date_time(text: &str) -> bool {
    text.parse::<jiff::Timestamp>().is_ok() || text.parse::<jiff::civil::DateTime>().is_ok()
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
}

/// Handles one request; `None` means close the connection without answering.
fn handle(state: &Mutex<State>, request: ReceivedRequest) -> (Option<Answer>, Option<Duration>) {
    let mut state = lock(state);
    state.received.push(request.clone());
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
    if !request
        .headers
        .get("authorization")
        .is_some_and(|value| value.starts_with("Basic ") || value.starts_with("Bearer "))
    {
        return (
            Some(Answer::json(
                401,
                &json!({ "Message": "Authorization has been denied for this request." }),
            )),
            delay,
        );
    }
    let Some(operation) = state
        .operations
        .get(&(request.method.clone(), request.path.clone()))
        .cloned()
    else {
        return (
            Some(Answer::json(
                404,
                &json!({ "Message": "No HTTP resource was found that matches the request URI." }),
            )),
            delay,
        );
    };
    let problems = validate(&operation, &request.body);
    if !problems.is_empty() {
        return (
            Some(Answer::json(400, &validation_envelope(&problems))),
            delay,
        );
    }
    let mut record = request.body.as_object().cloned().unwrap_or_default();
    let id = if operation.updates {
        let id = record.get("Id").and_then(Value::as_i64).unwrap_or_default();
        if !state
            .records
            .get(&operation.entity)
            .is_some_and(|records| records.contains_key(&id))
        {
            let problems = vec![(
                "Id".to_owned(),
                "does not name an existing record",
                json!(id),
            )];
            return (
                Some(Answer::json(400, &validation_envelope(&problems))),
                delay,
            );
        }
        id
    } else {
        state.next_id += 1;
        state.next_id
    };
    record.insert("Id".to_owned(), json!(id));
    let stored = state
        .records
        .entry(operation.entity.clone())
        .or_default()
        .entry(id)
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(existing) = stored {
        existing.extend(record);
    }
    let verb = if operation.updates {
        "updated"
    } else {
        "created"
    };
    let envelope = json!({
        "Status": 200,
        "Message": format!("{} was successfully {verb}.", operation.entity),
        "Value": { "Id": id },
        "OpenInDialog": false,
        "OpenInWindow": false,
        "RedirectURL": null,
        "JavaScript": null,
        "UpdatedOn": jiff::Timestamp::now().to_string(),
        "UpdatedBy": "mock@nexudus.invalid",
        "Errors": null,
        "WasSuccessful": true,
    });
    (Some(Answer::json(200, &envelope)), delay)
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

async fn serve_connection(stream: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).await? == 0 {
        return Ok(());
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default();
    let path = target.split('?').next().unwrap_or_default().to_owned();
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
        let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
        handle(
            &state,
            ReceivedRequest {
                method,
                path,
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

    fn operation() -> OperationShape {
        OperationShape {
            entity: "CoworkerNote".to_owned(),
            updates: false,
            fields: vec![
                FieldShape {
                    name: "CoworkerId".to_owned(),
                    required: true,
                    nullable: false,
                    kind: Kind::Integer,
                },
                FieldShape {
                    name: "Notes".to_owned(),
                    required: true,
                    nullable: false,
                    kind: Kind::String,
                },
                FieldShape {
                    name: "Gender".to_owned(),
                    required: false,
                    nullable: true,
                    kind: Kind::Enum(vec![0, 1, 2]),
                },
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
        let operations = catalog(OPENAPI);
        assert!(
            operations
                .keys()
                .any(|(method, path)| method == "POST" && path.starts_with("/api/")),
            "{operations:?}"
        );
    }
}
