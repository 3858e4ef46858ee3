//! The AWS JSON 1.0 protocol as Step Functions speaks it: `POST /` with
//! `X-Amz-Target: AWSStepFunctions.<Action>`, a JSON body, and errors as
//! `{"__type": "...", "message": "..."}` with HTTP 400.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

pub const CONTENT_TYPE: &str = "application/x-amz-json-1.0";
pub const TARGET_PREFIX: &str = "AWSStepFunctions.";

/// An error as AWS answers it.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsError {
    /// `StateMachineDoesNotExist`, `InvalidArn`, `ValidationException`, ...
    pub kind: &'static str,
    pub message: String,
    pub status: StatusCode,
}

impl AwsError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        AwsError {
            kind,
            message: message.into(),
            status: StatusCode::BAD_REQUEST,
        }
    }

    pub fn validation(message: impl Into<String>) -> Self {
        AwsError::new("ValidationException", message)
    }

    pub fn invalid_arn(arn: &str, why: &str) -> Self {
        AwsError::new("InvalidArn", format!("Invalid Arn: '{why}: {arn}'"))
    }

    pub fn serialization(message: impl Into<String>) -> Self {
        AwsError::new("SerializationException", message)
    }
}

impl IntoResponse for AwsError {
    fn into_response(self) -> Response {
        let body = json!({"__type": self.kind, "message": self.message}).to_string();
        let mut r = (self.status, body).into_response();
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if let Ok(v) = HeaderValue::from_str(self.kind) {
            h.insert("x-amzn-ErrorType", v);
        }
        r
    }
}

/// A successful answer.
pub fn ok(body: Value) -> Response {
    let mut r = (StatusCode::OK, body.to_string()).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    r
}

/// The action a request names, from `X-Amz-Target`.
pub fn action(headers: &HeaderMap) -> Result<String, AwsError> {
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AwsError::new("MissingAction", "Missing X-Amz-Target header"))?;
    match target.strip_prefix(TARGET_PREFIX) {
        Some(action) if !action.is_empty() => Ok(action.to_string()),
        _ => Err(AwsError::new(
            "UnknownOperationException",
            format!("Unknown operation {target}"),
        )),
    }
}

/// The request body as a JSON object (an empty body is `{}`, as the SDKs send for actions
/// without parameters).
pub fn body(bytes: &[u8]) -> Result<Value, AwsError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| AwsError::serialization(format!("The request body is not valid JSON: {e}")))?;
    if !v.is_object() {
        return Err(AwsError::serialization(
            "The request body must be a JSON object",
        ));
    }
    Ok(v)
}

/// Reading request fields with AWS's messages.
pub trait Fields {
    fn required_str(&self, name: &str) -> Result<&str, AwsError>;
    fn opt_str(&self, name: &str) -> Result<Option<&str>, AwsError>;
    fn opt_u64(&self, name: &str) -> Result<Option<u64>, AwsError>;
    fn opt_bool(&self, name: &str) -> Result<Option<bool>, AwsError>;
}

impl Fields for Value {
    fn required_str(&self, name: &str) -> Result<&str, AwsError> {
        self.opt_str(name)?.ok_or_else(|| {
            AwsError::validation(format!(
                "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
                lower_first(name)
            ))
        })
    }

    fn opt_str(&self, name: &str) -> Result<Option<&str>, AwsError> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(AwsError::serialization(format!(
                "Unexpected value for {name}: expected a string"
            ))),
        }
    }

    fn opt_u64(&self, name: &str) -> Result<Option<u64>, AwsError> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| {
                AwsError::serialization(format!("Unexpected value for {name}: expected an integer"))
            }),
        }
    }

    fn opt_bool(&self, name: &str) -> Result<Option<bool>, AwsError> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(AwsError::serialization(format!(
                "Unexpected value for {name}: expected a boolean"
            ))),
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Seconds since the epoch, as the JSON protocol writes timestamps.
pub fn epoch_seconds(ms: i64) -> Value {
    json!(ms as f64 / 1000.0)
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
