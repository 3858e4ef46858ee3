//! Lambda tasks against a real HTTP server on 127.0.0.1 that speaks the Lambda Invoke API the
//! way `sam local start-lambda` does.

use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use stepwise_engine::task::{FunctionName, LambdaHandler, TaskHandler, TaskRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

/// A tiny Lambda emulator. Functions: `echo` (returns `{"got": payload}`), `boom` (function
/// error with errorType), `untyped` (function error without errorType), `empty` (no body),
/// `text` (not JSON); anything else is 404 `ResourceNotFound` like sam's.
struct Emulator {
    endpoint: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Emulator {
    async fn start() -> Emulator {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    if let Some(req) = read_request(stream).await {
                        let (stream, seen) = req;
                        let reply = respond(&seen);
                        log.lock().expect("log").push(seen);
                        let mut stream = stream;
                        let _ = stream.write_all(&reply).await;
                        let _ = stream.shutdown().await;
                    }
                });
            }
        });
        Emulator { endpoint, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }
}

async fn read_request(mut stream: TcpStream) -> Option<(TcpStream, Seen)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let header_end = loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let path = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < header_end + len {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[header_end..]).to_string();
    Some((
        stream,
        Seen {
            method,
            path,
            headers,
            body,
        },
    ))
}

fn http(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

fn respond(req: &Seen) -> Vec<u8> {
    let function = req
        .path
        .strip_prefix("/2015-03-31/functions/")
        .and_then(|p| p.strip_suffix("/invocations"))
        .unwrap_or("");
    let json = ("Content-Type", "application/json");
    match function {
        "echo" => {
            let payload: Value = serde_json::from_str(&req.body).unwrap_or(Value::Null);
            let body = json!({"got": payload}).to_string();
            http(
                "200 OK",
                &[json, ("x-amzn-RequestId", "req-1"), ("X-Amz-Executed-Version", "$LATEST")],
                &body,
            )
        }
        "boom" => http(
            "200 OK",
            &[json, ("X-Amz-Function-Error", "Unhandled")],
            r#"{"errorMessage": "card declined", "errorType": "PaymentError", "stackTrace": ["  File \"app.py\", line 3"]}"#,
        ),
        "untyped" => http(
            "200 OK",
            &[json, ("X-Amz-Function-Error", "Unhandled")],
            r#"{"errorMessage": "Task timed out after 3.00 seconds"}"#,
        ),
        "empty" => http("200 OK", &[json], ""),
        "text" => http("200 OK", &[("Content-Type", "text/plain")], "plain words"),
        other => http(
            "404 Not Found",
            &[json, ("x-amzn-errortype", "ResourceNotFound")],
            &json!({"Type": "User", "Message": format!("Function not found: arn:aws:lambda:us-west-2:012345678901:function:{other}")}).to_string(),
        ),
    }
}

fn invoke(function: &str, payload: Value) -> TaskRequest {
    TaskRequest::new(
        "Charge",
        "arn:aws:states:::lambda:invoke",
        json!({"FunctionName": function, "Payload": payload}),
    )
}

#[tokio::test]
async fn lambda_invoke_wraps_the_payload_as_aws_does() {
    let emu = Emulator::start().await;
    let h = LambdaHandler::new(&emu.endpoint).expect("endpoint");
    let out = h
        .invoke(invoke("echo", json!({"amount": 12})))
        .await
        .expect("succeeds");
    let keys: Vec<&str> = out
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        vec![
            "ExecutedVersion",
            "Payload",
            "SdkHttpMetadata",
            "SdkResponseMetadata",
            "StatusCode"
        ]
    );
    assert_eq!(out["ExecutedVersion"], json!("$LATEST"));
    assert_eq!(out["Payload"], json!({"got": {"amount": 12}}));
    assert_eq!(out["StatusCode"], json!(200));
    assert_eq!(out["SdkHttpMetadata"]["HttpStatusCode"], json!(200));
    assert_eq!(
        out["SdkHttpMetadata"]["HttpHeaders"]["x-amzn-RequestId"],
        json!("req-1")
    );
    assert_eq!(
        out["SdkHttpMetadata"]["HttpHeaders"]["Content-Type"],
        json!("application/json")
    );
    assert_eq!(
        out["SdkHttpMetadata"]["AllHttpHeaders"]["Content-Type"],
        json!(["application/json"])
    );
    assert_eq!(out["SdkResponseMetadata"]["RequestId"], json!("req-1"));

    let seen = emu.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, "/2015-03-31/functions/echo/invocations");
    assert_eq!(
        serde_json::from_str::<Value>(&seen[0].body).ok(),
        Some(json!({"amount": 12}))
    );
    assert!(seen[0]
        .headers
        .iter()
        .any(|(k, v)| k == "x-amz-invocation-type" && v == "RequestResponse"));
}

#[tokio::test]
async fn function_names_arns_and_aliases() {
    let emu = Emulator::start().await;
    let h = LambdaHandler::new(format!("{}/", emu.endpoint)).expect("endpoint");
    for name in [
        "echo",
        "echo:prod",
        "arn:aws:lambda:us-east-1:123456789012:function:echo",
        "arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST",
        "123456789012:function:echo:7",
    ] {
        let out = h.invoke(invoke(name, json!(1))).await.expect(name);
        assert_eq!(out["Payload"], json!({"got": 1}), "{name}");
    }
    // A direct function ARN: the whole input is the payload, the payload the result.
    let direct = TaskRequest::new(
        "Charge",
        "arn:aws:lambda:us-east-1:123456789012:function:echo:live",
        json!({"amount": 3}),
    );
    assert_eq!(h.invoke(direct).await, Ok(json!({"got": {"amount": 3}})));
    // No Payload: Lambda gets an empty object.
    let bare = TaskRequest::new(
        "Charge",
        "arn:aws:states:::lambda:invoke",
        json!({"FunctionName": "echo"}),
    );
    assert_eq!(
        h.invoke(bare).await.map(|o| o["Payload"].clone()),
        Ok(json!({"got": {}}))
    );
    let paths: Vec<String> = emu.seen().into_iter().map(|s| s.path).collect();
    assert!(
        paths
            .iter()
            .all(|p| p == "/2015-03-31/functions/echo/invocations"),
        "{paths:?}"
    );
    assert_eq!(paths.len(), 7);

    assert_eq!(
        FunctionName::parse("arn:aws:lambda:eu-west-1:1:function:f:alias"),
        Some(FunctionName {
            name: "f".into(),
            qualifier: Some("alias".into())
        })
    );
    assert_eq!(
        FunctionName::parse("f"),
        Some(FunctionName {
            name: "f".into(),
            qualifier: None
        })
    );
    assert_eq!(
        FunctionName::parse("arn:aws:lambda:eu-west-1:1:layer:l"),
        None
    );
    assert_eq!(FunctionName::parse("a:b:c"), None);
    assert_eq!(FunctionName::parse(""), None);
}

#[tokio::test]
async fn wait_for_task_token_returns_the_payload() {
    let emu = Emulator::start().await;
    let h = LambdaHandler::new(&emu.endpoint).expect("endpoint");
    let req = TaskRequest::new(
        "Approve",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        json!({"FunctionName": "echo", "Payload": {"token": "t"}}),
    );
    assert_eq!(h.invoke(req).await, Ok(json!({"got": {"token": "t"}})));
}

#[tokio::test]
async fn function_errors_as_step_functions_reports_them() {
    let emu = Emulator::start().await;
    let h = LambdaHandler::new(&emu.endpoint).expect("endpoint");
    let err = h
        .invoke(invoke("boom", json!({})))
        .await
        .expect_err("fails");
    assert_eq!(err.error, "PaymentError");
    let cause: Value =
        serde_json::from_str(err.cause.as_deref().unwrap_or("")).expect("JSON cause");
    assert_eq!(cause["errorMessage"], json!("card declined"));
    assert_eq!(cause["errorType"], json!("PaymentError"));

    let err = h
        .invoke(invoke("untyped", json!({})))
        .await
        .expect_err("fails");
    assert_eq!(err.error, "Lambda.Unknown");
    let cause = err.cause.unwrap_or_default();
    assert!(
        cause.starts_with(
            "The cause could not be determined because Lambda did not return an error type."
        ),
        "{cause}"
    );
    assert!(cause.contains("Task timed out"), "{cause}");

    // Same for a direct function ARN.
    let direct = TaskRequest::new(
        "Charge",
        "arn:aws:lambda:us-east-1:123456789012:function:boom",
        json!({}),
    );
    assert_eq!(
        h.invoke(direct).await.map_err(|e| e.error),
        Err("PaymentError".to_string())
    );
}

#[tokio::test]
async fn unknown_function_is_resource_not_found() {
    let emu = Emulator::start().await;
    let h = LambdaHandler::new(&emu.endpoint).expect("endpoint");
    let err = h.invoke(invoke("nope", json!({}))).await.expect_err("404");
    assert_eq!(err.error, "Lambda.ResourceNotFoundException");
    let cause = err.cause.unwrap_or_default();
    assert!(
        cause.contains("Function not found") && cause.contains("Status Code: 404"),
        "{cause}"
    );
}

#[tokio::test]
async fn empty_and_text_bodies() {
    let emu = Emulator::start().await;
    let h = LambdaHandler::new(&emu.endpoint).expect("endpoint");
    assert_eq!(
        h.invoke(invoke("empty", json!({})))
            .await
            .map(|o| o["Payload"].clone()),
        Ok(Value::Null)
    );
    assert_eq!(
        h.invoke(invoke("text", json!({})))
            .await
            .map(|o| o["Payload"].clone()),
        Ok(json!("plain words"))
    );
}

#[tokio::test]
async fn handler_function_overrides_and_names_non_lambda_tasks() {
    let emu = Emulator::start().await;
    let h = LambdaHandler::new(&emu.endpoint)
        .expect("endpoint")
        .with_function("echo");
    let ddb = TaskRequest::new(
        "Save",
        "arn:aws:states:::dynamodb:putItem",
        json!({"TableName": "t"}),
    );
    assert_eq!(
        h.invoke(ddb.clone()).await,
        Ok(json!({"got": {"TableName": "t"}}))
    );
    // Without a function a non-Lambda task cannot be sent anywhere.
    let plain = LambdaHandler::new(&emu.endpoint).expect("endpoint");
    let err = plain.invoke(ddb).await.expect_err("no function");
    assert_eq!(err.error, "States.Runtime");
    assert!(err
        .cause
        .unwrap_or_default()
        .contains("names no Lambda function"));
}

#[tokio::test]
async fn connection_refused_names_the_endpoint() {
    // A port that was free a moment ago and has no listener now.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        l.local_addr().expect("addr").port()
    };
    let endpoint = format!("http://127.0.0.1:{port}");
    let h = LambdaHandler::new(&endpoint).expect("endpoint");
    let err = h
        .invoke(invoke("echo", json!({})))
        .await
        .expect_err("refused");
    assert_eq!(err.error, "Lambda.ServiceException");
    let cause = err.cause.unwrap_or_default();
    assert!(cause.contains(&endpoint), "{cause}");
    assert!(cause.to_lowercase().contains("refused"), "{cause}");
}

#[test]
fn endpoints_must_be_http() {
    assert!(LambdaHandler::new("https://lambda.us-east-1.amazonaws.com")
        .expect_err("https")
        .contains("only http://"));
    assert!(LambdaHandler::new("127.0.0.1:3001").is_err());
    assert!(LambdaHandler::new("http://").is_err());
}
