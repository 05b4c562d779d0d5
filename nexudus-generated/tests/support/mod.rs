//! A scripted HTTP/1.1 server on 127.0.0.1, independent of the crate's mock: each test says
//! how to answer each request, and reads back what the client sent.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Lower-case names.
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the client sent JSON")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// Form fields of an `application/x-www-form-urlencoded` body (values here are plain).
    pub fn form(&self) -> BTreeMap<String, String> {
        String::from_utf8_lossy(&self.body)
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(key, value)| (key.to_owned(), value.replace("%40", "@").replace('+', " ")))
            .collect()
    }
}

/// How to answer one request.
pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Read the request, then close the connection without a word.
    Hangup,
    /// Wait, then answer.
    After(Duration, Box<Reply>),
    /// Answer with this reason phrase on the status line instead of "Whatever".
    Reason(&'static str, Box<Reply>),
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self::Respond {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.to_string().into_bytes(),
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &str) -> Self {
        Self::Respond {
            status,
            headers: vec![("content-type", content_type.to_owned())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// Nexudus's throttling answer: 409, `Retry-After`, empty body.
    pub fn throttled(retry_after: &str) -> Self {
        Self::Respond {
            status: 409,
            headers: vec![("retry-after", retry_after.to_owned())],
            body: Vec::new(),
        }
    }

    pub fn created(id: i64) -> Self {
        Self::json(
            200,
            serde_json::json!({
                "Status": 200,
                "Message": "Record was successfully created.",
                "Value": {"Id": id},
                "OpenInDialog": false,
                "OpenInWindow": false,
                "RedirectURL": null,
                "JavaScript": null,
                "UpdatedOn": "2026-11-25T10:00:00.1234567Z",
                "UpdatedBy": "admin@example.com",
                "Errors": null,
                "WasSuccessful": true
            }),
        )
    }
}

type Script = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

pub struct TestServer {
    pub base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl TestServer {
    /// Starts a server that answers request number `n` (0-based, over all connections) with
    /// `script(&request, n)`.
    pub async fn start(script: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind 127.0.0.1");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let shared = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let seen = Arc::clone(&shared);
                let script = Arc::clone(&script);
                tokio::spawn(async move {
                    let _ = serve(stream, seen, script).await;
                });
            }
        });
        Self { base_url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve(
    stream: TcpStream,
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Script>,
) -> std::io::Result<()> {
    let mut stream = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if stream.read_line(&mut request_line).await? == 0 {
            return Ok(());
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let mut headers = BTreeMap::new();
        loop {
            let mut line = String::new();
            stream.read_line(&mut line).await?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
        }
        let length = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        stream.read_exact(&mut body).await?;
        let request = Seen {
            method,
            path,
            headers,
            body,
        };
        let number = {
            let mut seen = seen.lock().unwrap();
            seen.push(request.clone());
            seen.len() - 1
        };
        let mut reply = script(&request, number);
        let mut reason = "Whatever";
        loop {
            match reply {
                Reply::Reason(text, next) => {
                    reason = text;
                    reply = *next;
                }
                Reply::After(delay, next) => {
                    tokio::time::sleep(delay).await;
                    reply = *next;
                }
                Reply::Hangup => return Ok(()),
                Reply::Respond {
                    status,
                    headers,
                    body,
                } => {
                    let mut head = format!(
                        "HTTP/1.1 {status} {reason}\r\ncontent-length: {}\r\n",
                        body.len()
                    );
                    for (name, value) in headers {
                        head.push_str(&format!("{name}: {value}\r\n"));
                    }
                    head.push_str("\r\n");
                    let stream = stream.get_mut();
                    stream.write_all(head.as_bytes()).await?;
                    stream.write_all(&body).await?;
                    stream.flush().await?;
                    break;
                }
            }
        }
    }
}
