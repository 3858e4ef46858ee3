//! Lambda tasks against a local emulator speaking the Lambda Invoke HTTP API
//! (`POST {endpoint}/2015-03-31/functions/{name}/invocations`), as `sam local start-lambda` and
//! `cargo lambda watch` serve it.
//!
//! Which payload is sent and what the task gets back follow AWS Step Functions:
//!
//! | Resource | Payload sent | Result |
//! |---|---|---|
//! | `arn:aws:states:::lambda:invoke` | `Payload` of the effective input (`{}` if absent) | `{"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}` |
//! | `arn:aws:states:::lambda:invoke.waitForTaskToken` | same | the function's payload, standing in for `SendTaskSuccess` (no callback endpoint exists locally) |
//! | `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` | the whole effective input | the function's payload |
//! | anything else, with a handler `function` | the whole effective input | the function's payload |
//!
//! Errors:
//! - Function error (the response has `X-Amz-Function-Error`): error = the body's `errorType`,
//!   cause = the body as returned (`{"errorMessage", "errorType", "stackTrace", ...}`), as Step
//!   Functions reports a failed function. Without an `errorType`: `Lambda.Unknown`, cause "The
//!   cause could not be determined because Lambda did not return an error type. Returned
//!   payload: ...".
//! - The API itself fails (non-2xx, e.g. an unknown function): `Lambda.` + the error code from
//!   `x-amzn-ErrorType` (with `Exception` appended when missing, so `ResourceNotFound` becomes
//!   `Lambda.ResourceNotFoundException`), or by status (404 `Lambda.ResourceNotFoundException`,
//!   429 `Lambda.TooManyRequestsException`, 5xx `Lambda.ServiceException`, other
//!   `Lambda.AWSLambdaException`); the cause reads like the AWS SDK's message.
//! - The endpoint cannot be reached: `Lambda.ServiceException`, with a cause naming the
//!   endpoint and the emulators to start.
//!
//! The qualifier of `NAME:alias` or of a qualified ARN is not sent: local emulators serve one
//! version of each function, and `sam local` rejects query parameters.

use super::{TaskFuture, TaskHandler, TaskRequest};
use crate::error::StatesError;
use serde_json::{json, Map, Value};
use std::time::Duration;

/// The Step Functions optimized integration for Lambda.
pub const LAMBDA_INVOKE: &str = "arn:aws:states:::lambda:invoke";

/// A Lambda function named as `FunctionName` allows: `NAME`, `NAME:QUALIFIER`,
/// `ACCOUNT:function:NAME[:QUALIFIER]` or `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionName {
    pub name: String,
    /// Version or alias, if given.
    pub qualifier: Option<String>,
}

impl FunctionName {
    pub fn parse(text: &str) -> Option<FunctionName> {
        let parts: Vec<&str> = text.split(':').collect();
        let (name, qualifier) = match parts.as_slice() {
            [name] => (*name, None),
            [name, qualifier] => (*name, Some(*qualifier)),
            // ACCOUNT:function:NAME[:QUALIFIER]
            [_, "function", name] => (*name, None),
            [_, "function", name, qualifier] => (*name, Some(*qualifier)),
            // arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
            ["arn", _, "lambda", _, _, "function", name] => (*name, None),
            ["arn", _, "lambda", _, _, "function", name, qualifier] => (*name, Some(*qualifier)),
            _ => return None,
        };
        if name.is_empty() || name == "arn" || qualifier.is_some_and(str::is_empty) {
            return None;
        }
        Some(FunctionName {
            name: name.to_string(),
            qualifier: qualifier.map(str::to_string),
        })
    }
}

/// How a resource calls Lambda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LambdaResource {
    /// `arn:aws:states:::lambda:invoke`, optionally with `.waitForTaskToken`.
    Invoke {
        wait_for_task_token: bool,
    },
    /// `arn:aws:lambda:...:function:NAME`.
    Direct(FunctionName),
    Other,
}

impl LambdaResource {
    pub(crate) fn classify(resource: &str) -> LambdaResource {
        // Other partitions (aws-cn, aws-us-gov) spell the prefix differently.
        let parts: Vec<&str> = resource.splitn(6, ':').collect();
        if parts.len() == 6 && parts[0] == "arn" {
            if parts[2] == "states" && parts[3].is_empty() && parts[4].is_empty() {
                match parts[5] {
                    "lambda:invoke" => {
                        return LambdaResource::Invoke {
                            wait_for_task_token: false,
                        }
                    }
                    "lambda:invoke.waitForTaskToken" => {
                        return LambdaResource::Invoke {
                            wait_for_task_token: true,
                        }
                    }
                    _ => {}
                }
            }
            if parts[2] == "lambda" && parts[5].starts_with("function:") {
                if let Some(f) = FunctionName::parse(resource) {
                    return LambdaResource::Direct(f);
                }
            }
        }
        LambdaResource::Other
    }
}

/// What to send for a task and how to shape the answer; shared with command handlers in
/// `"lambda"` mode.
pub(crate) struct LambdaCall {
    pub function: Option<FunctionName>,
    pub payload: Value,
    /// Wrap the payload as `arn:aws:states:::lambda:invoke` does.
    pub wrap: bool,
}

impl LambdaCall {
    pub(crate) fn for_request(req: &TaskRequest) -> Result<LambdaCall, StatesError> {
        Ok(match LambdaResource::classify(&req.resource) {
            LambdaResource::Invoke {
                wait_for_task_token,
            } => {
                let function = match req.input.get("FunctionName") {
                    None => None,
                    Some(Value::String(s)) => Some(FunctionName::parse(s).ok_or_else(|| {
                        StatesError::runtime(format!(
                            "Task state '{}': FunctionName '{s}' is not a Lambda function name or ARN",
                            req.state_name
                        ))
                    })?),
                    Some(other) => {
                        return Err(StatesError::runtime(format!(
                            "Task state '{}': FunctionName must be a string, got {other}",
                            req.state_name
                        )))
                    }
                };
                LambdaCall {
                    function,
                    // Lambda gets an empty object when no payload is given.
                    payload: req
                        .input
                        .get("Payload")
                        .cloned()
                        .unwrap_or_else(|| json!({})),
                    wrap: !wait_for_task_token,
                }
            }
            LambdaResource::Direct(f) => LambdaCall {
                function: Some(f),
                payload: req.input.clone(),
                wrap: false,
            },
            LambdaResource::Other => LambdaCall {
                function: None,
                payload: req.input.clone(),
                wrap: false,
            },
        })
    }
}

/// The response of a Lambda invocation, before it becomes a task result.
pub(crate) struct InvokeResponse {
    pub status: u16,
    /// Header names as sent, values in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl InvokeResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON; Step Functions needs JSON, so text that is not JSON becomes a string
    /// and an empty body `null`.
    fn payload(&self) -> Value {
        let text = String::from_utf8_lossy(&self.body);
        if text.trim().is_empty() {
            return Value::Null;
        }
        serde_json::from_str(&text).unwrap_or_else(|_| Value::String(text.into_owned()))
    }
}

/// AWS's shape of a successful `arn:aws:states:::lambda:invoke` result.
pub(crate) fn wrap_invoke_result(
    payload: Value,
    status: u16,
    headers: &[(String, String)],
) -> Value {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let executed_version = header("X-Amz-Executed-Version").unwrap_or_else(|| "$LATEST".into());
    let request_id = header("x-amzn-RequestId").unwrap_or_else(new_request_id);
    let mut all = Map::new();
    let mut single = Map::new();
    for (name, value) in headers {
        let name = aws_header_case(name);
        match all.get_mut(&name) {
            Some(Value::Array(values)) => values.push(Value::String(value.clone())),
            _ => {
                all.insert(name.clone(), json!([value]));
                single.insert(name, Value::String(value.clone()));
            }
        }
    }
    json!({
        "ExecutedVersion": executed_version,
        "Payload": payload,
        "SdkHttpMetadata": {
            "AllHttpHeaders": all,
            "HttpHeaders": single,
            "HttpStatusCode": status,
        },
        "SdkResponseMetadata": { "RequestId": request_id },
        "StatusCode": status,
    })
}

/// HTTP/1 stacks lower-case header names; AWS's results show Lambda's own spelling.
fn aws_header_case(name: &str) -> String {
    const KNOWN: &[&str] = &[
        "x-amzn-RequestId",
        "x-amzn-Remapped-Content-Length",
        "X-Amz-Executed-Version",
        "X-Amz-Function-Error",
        "X-Amz-Log-Result",
        "X-Amzn-Trace-Id",
    ];
    if let Some(k) = KNOWN.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return k.to_string();
    }
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A UUID-shaped request id when the emulator sends none. Random enough to tell invocations
/// apart in a history; not security-relevant, so std's randomly keyed hasher suffices.
fn new_request_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut bits = [0u64; 2];
    for (i, b) in bits.iter_mut().enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(t.as_nanos());
        }
        *b = h.finish();
    }
    let hex = format!("{:016x}{:016x}", bits[0], bits[1]);
    format!(
        "{}-{}-4{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A function error (`X-Amz-Function-Error`) as Step Functions reports it.
pub(crate) fn function_error(body: &[u8]) -> StatesError {
    let text = String::from_utf8_lossy(body).trim().to_string();
    let error_type = serde_json::from_str::<Value>(&text).ok().and_then(|v| {
        v.get("errorType")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    });
    match error_type {
        Some(t) => StatesError::new(t, text),
        None => StatesError::new(
            "Lambda.Unknown",
            format!(
                "The cause could not be determined because Lambda did not return an error type. \
                 Returned payload: {text}"
            ),
        ),
    }
}

/// The task result for a successful invocation.
pub(crate) fn success(call: &LambdaCall, resp: &InvokeResponse) -> Value {
    if call.wrap {
        wrap_invoke_result(resp.payload(), resp.status, &resp.headers)
    } else {
        resp.payload()
    }
}

/// A failed Invoke API call (not a function error).
fn api_error(resp: &InvokeResponse, url: &str) -> StatesError {
    let code = resp
        .header("x-amzn-ErrorType")
        .map(|t| t.split(':').next().unwrap_or(t).trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            match resp.status {
                404 => "ResourceNotFoundException",
                429 => "TooManyRequestsException",
                500..=599 => "ServiceException",
                _ => "AWSLambdaException",
            }
            .to_string()
        });
    let code = if code.ends_with("Exception") {
        code
    } else {
        format!("{code}Exception")
    };
    let text = String::from_utf8_lossy(&resp.body).trim().to_string();
    let message = serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| {
            ["message", "Message", "errorMessage"]
                .iter()
                .find_map(|k| v.get(k).and_then(Value::as_str).map(str::to_string))
        })
        .unwrap_or(text);
    let request_id = resp.header("x-amzn-RequestId").unwrap_or("none");
    StatesError::new(
        format!("Lambda.{code}"),
        format!(
            "{message} (Service: AWSLambda; Status Code: {}; Error Code: {code}; Request ID: {request_id}; URL: {url})",
            resp.status
        ),
    )
}

/// Invokes functions on a local Lambda emulator.
///
/// HTTP is `reqwest` without default features: async, so dropping the task future (a
/// `TimeoutSeconds`, a cancelled execution) abandons the request at once, where a blocking
/// client on `spawn_blocking` would keep a thread busy until the call ends; and no TLS stack,
/// since emulators listen on plain `http://` on the local machine. `reqwest` is already in the
/// workspace's lock file, so this adds little to build.
#[derive(Debug, Clone)]
pub struct LambdaHandler {
    endpoint: String,
    function: Option<String>,
    client: reqwest::Client,
}

impl LambdaHandler {
    /// `endpoint` is the emulator's base URL: `http://127.0.0.1:3001` for
    /// `sam local start-lambda`, `http://127.0.0.1:9000` for `cargo lambda watch` (their
    /// default ports). Only `http://`: emulators do not use TLS and no TLS stack is built in.
    pub fn new(endpoint: impl Into<String>) -> Result<LambdaHandler, String> {
        let endpoint = endpoint.into().trim_end_matches('/').to_string();
        let Some(rest) = endpoint.strip_prefix("http://") else {
            return Err(if endpoint.starts_with("https://") {
                format!("Lambda endpoint '{endpoint}': only http:// is supported (local emulators do not use TLS)")
            } else {
                format!("Lambda endpoint '{endpoint}' must start with http://")
            });
        };
        if rest.is_empty() {
            return Err(format!("Lambda endpoint '{endpoint}' has no host"));
        }
        let client = reqwest::Client::builder()
            // A proxy from the environment must not intercept calls to a local emulator.
            .no_proxy()
            // Refused connections fail at once anyway; this bounds a black-holed address.
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot create an HTTP client: {e}"))?;
        Ok(LambdaHandler {
            endpoint,
            function: None,
            client,
        })
    }

    /// Always invoke this function, whatever the task names.
    pub fn with_function(mut self, name: impl Into<String>) -> Self {
        self.function = Some(name.into());
        self
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    async fn call(&self, req: TaskRequest) -> Result<Value, StatesError> {
        let call = LambdaCall::for_request(&req)?;
        let name = match (&self.function, &call.function) {
            (Some(f), _) => f.clone(),
            (None, Some(f)) => f.name.clone(),
            (None, None) => {
                return Err(StatesError::runtime(format!(
                    "Task state '{}' (resource {}) names no Lambda function: give the handler a \"function\"",
                    req.state_name, req.resource
                )))
            }
        };
        let url = format!(
            "{}/2015-03-31/functions/{}/invocations",
            self.endpoint,
            encode_path_segment(&name)
        );
        let body = serde_json::to_vec(&call.payload)
            .map_err(|e| StatesError::runtime(format!("cannot serialise the payload: {e}")))?;
        let response = self
            .client
            .post(&url)
            .header("Content-Type", "application/json")
            .header("X-Amz-Invocation-Type", "RequestResponse")
            .body(body)
            .send()
            .await
            .map_err(|e| unreachable_error(&self.endpoint, &url, &e))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response
            .bytes()
            .await
            .map_err(|e| unreachable_error(&self.endpoint, &url, &e))?
            .to_vec();
        let resp = InvokeResponse {
            status,
            headers,
            body,
        };
        if resp.header("X-Amz-Function-Error").is_some() {
            return Err(function_error(&resp.body));
        }
        if !(200..300).contains(&status) {
            return Err(api_error(&resp, &url));
        }
        Ok(success(&call, &resp))
    }
}

fn unreachable_error(endpoint: &str, url: &str, e: &reqwest::Error) -> StatesError {
    // reqwest's Display is terse ("error sending request"); the source chain says why
    // (connection refused, reset, ...).
    let mut why = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        why.push_str(": ");
        why.push_str(&s.to_string());
        source = s.source();
    }
    StatesError::new(
        "Lambda.ServiceException",
        format!(
            "Could not reach the Lambda endpoint {endpoint} (POST {url}): {why}. \
             Is the emulator running (`sam local start-lambda`, `cargo lambda watch`)?"
        ),
    )
}

/// Function names are `[A-Za-z0-9-_]`; anything else is percent-encoded so it cannot change
/// the path.
fn encode_path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'$') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl TaskHandler for LambdaHandler {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(self.call(req))
    }
}

#[cfg(test)]
mod tests;
