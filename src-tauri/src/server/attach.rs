//! Following a Step Functions API server the studio does not run (another `stepwise serve`,
//! Step Functions Local, LocalStack): it is polled over the API itself, as any client would,
//! so nothing beyond the public API is needed. Executions running when the studio attaches,
//! and every one started after, become runs; their histories are read as they grow. A paused
//! breakpoint needs the engine at hand, so attached executions are watched, not paused.

use super::watch::{arrive, Seen};
use crate::run::commands::runs;
use crate::run::session::Session;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stepwise_asl::model::StateMachine;
use stepwise_engine::{Outcome, StatesError, Status};
use tauri::{AppHandle, Manager, Runtime};

/// How often the server is asked; a local server answers in a millisecond or two.
const EVERY: Duration = Duration::from_millis(400);

/// One action of the API (AWS JSON 1.0), its answer or why there is none.
pub async fn call(
    client: &reqwest::Client,
    url: &str,
    action: &str,
    body: Value,
) -> Result<Value, String> {
    let reply = client
        .post(url)
        .header("X-Amz-Target", format!("AWSStepFunctions.{action}"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .body(body.to_string())
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .map_err(|e| format!("{url} does not answer: {e}"))?;
    let ok = reply.status().is_success();
    let text = reply
        .text()
        .await
        .map_err(|e| format!("{url} broke off its answer: {e}"))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|_| format!("{url} does not speak the Step Functions API ({action})"))?;
    if ok {
        Ok(value)
    } else {
        let kind = value["__type"].as_str().unwrap_or("error");
        let message = value["message"]
            .as_str()
            .or_else(|| value["Message"].as_str())
            .unwrap_or("");
        Err(format!("{action}: {kind} {message}"))
    }
}

/// Every page of a listing action.
async fn all(
    client: &reqwest::Client,
    url: &str,
    action: &str,
    mut body: Value,
    field: &str,
) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    loop {
        let page = call(client, url, action, body.clone()).await?;
        out.extend(page[field].as_array().cloned().unwrap_or_default());
        match page["nextToken"].as_str() {
            Some(t) if !t.is_empty() => body["nextToken"] = json!(t),
            _ => return Ok(out),
        }
    }
}

/// Epoch seconds (as the API sends them) to milliseconds.
fn millis(v: &Value) -> i64 {
    v.as_f64().map(|s| (s * 1000.0) as i64).unwrap_or(0)
}

struct Followed {
    session: Arc<Session>,
    last_event: u64,
}

/// The executions that had ended when the studio attached: history, not followed.
pub async fn ended_before(client: &reqwest::Client, url: &str) -> Result<HashSet<String>, String> {
    let mut ended = HashSet::new();
    for m in all(client, url, "ListStateMachines", json!({}), "stateMachines").await? {
        let Some(arn) = m["stateMachineArn"].as_str() else {
            continue;
        };
        let body = json!({ "stateMachineArn": arn });
        for e in all(client, url, "ListExecutions", body, "executions").await? {
            if let (Some(exec), false) = (e["executionArn"].as_str(), e["status"] == "RUNNING") {
                ended.insert(exec.to_string());
            }
        }
    }
    Ok(ended)
}

/// Polls `url` until the task is aborted; `known` holds the executions not to follow (those
/// that had ended when the studio attached). `trouble` says why a poll failed, while polls fail.
pub async fn follow<R: Runtime>(
    app: AppHandle<R>,
    url: String,
    trouble: Arc<Mutex<Option<String>>>,
    mut known: HashSet<String>,
) {
    let client = reqwest::Client::new();
    let mut followed: HashMap<String, Followed> = HashMap::new();
    loop {
        let polled = poll(&app, &client, &url, &mut known, &mut followed).await;
        let now = polled.err();
        let changed = *super::lock(&trouble) != now;
        *super::lock(&trouble) = now;
        if changed {
            app.state::<super::Server>().changed(&app);
        }
        tokio::time::sleep(EVERY).await;
    }
}

async fn poll<R: Runtime>(
    app: &AppHandle<R>,
    client: &reqwest::Client,
    url: &str,
    known: &mut HashSet<String>,
    followed: &mut HashMap<String, Followed>,
) -> Result<(), String> {
    let machines = all(client, url, "ListStateMachines", json!({}), "stateMachines").await?;
    for m in &machines {
        let Some(arn) = m["stateMachineArn"].as_str() else {
            continue;
        };
        let executions = all(
            client,
            url,
            "ListExecutions",
            json!({ "stateMachineArn": arn }),
            "executions",
        )
        .await?;
        for e in executions {
            let Some(exec) = e["executionArn"].as_str() else {
                continue;
            };
            if !known.insert(exec.to_string()) {
                continue;
            }
            if let Some(f) = begin(app, client, url, exec).await? {
                followed.insert(exec.to_string(), f);
            }
        }
    }
    let arns: Vec<String> = followed.keys().cloned().collect();
    for arn in arns {
        let Some(f) = followed.get_mut(&arn) else {
            continue;
        };
        if let Some(outcome) = advance(client, url, &arn, f).await? {
            runs(app).end_external(&f.session, &outcome);
            followed.remove(&arn);
        }
    }
    Ok(())
}

async fn describe(client: &reqwest::Client, url: &str, arn: &str) -> Result<Value, String> {
    call(
        client,
        url,
        "DescribeExecution",
        json!({ "executionArn": arn }),
    )
    .await
}

async fn begin<R: Runtime>(
    app: &AppHandle<R>,
    client: &reqwest::Client,
    url: &str,
    arn: &str,
) -> Result<Option<Followed>, String> {
    let described = describe(client, url, arn).await?;
    let machine = call(
        client,
        url,
        "DescribeStateMachineForExecution",
        json!({ "executionArn": arn }),
    )
    .await?;
    let definition = machine["definition"].as_str().unwrap_or("{}");
    let model = serde_json::from_str::<Value>(definition)
        .ok()
        .and_then(|v| StateMachine::from_value(&v).ok());
    let session = arrive(
        app,
        Seen {
            name: described["name"].as_str().unwrap_or("execution"),
            machine_name: machine["name"].as_str().unwrap_or(""),
            definition,
            machine: model.as_ref(),
            input: described["input"].as_str().unwrap_or("{}"),
            start_ms: millis(&described["startDate"]),
            origin: crate::run::ipc::RunOrigin::Server,
        },
    );
    Ok(session.map(|session| Followed {
        session,
        last_event: 0,
    }))
}

/// Reads the events after the last one seen; the execution's outcome once it has ended.
async fn advance(
    client: &reqwest::Client,
    url: &str,
    arn: &str,
    f: &mut Followed,
) -> Result<Option<Outcome>, String> {
    // Described before the history is read: once it has ended, the history read is whole.
    let described = describe(client, url, arn).await?;
    let events = all(
        client,
        url,
        "GetExecutionHistory",
        json!({ "executionArn": arn, "maxResults": 1000 }),
        "events",
    )
    .await?;
    for event in events {
        let id = event["id"].as_u64().unwrap_or(0);
        if id > f.last_event {
            f.last_event = id;
            f.session.ingest(event);
        }
    }
    Ok(ended(
        described["status"].as_str().unwrap_or(""),
        described["output"].as_str(),
        described["error"].as_str(),
        described["cause"].as_str(),
    ))
}

/// An execution's outcome from what DescribeExecution tells, once it has ended.
pub(crate) fn ended(
    status: &str,
    output: Option<&str>,
    error: Option<&str>,
    cause: Option<&str>,
) -> Option<Outcome> {
    let status = match status {
        "SUCCEEDED" => Status::Succeeded,
        "FAILED" => Status::Failed,
        "TIMED_OUT" => Status::TimedOut,
        "ABORTED" => Status::Aborted,
        _ => return None,
    };
    Some(Outcome {
        status,
        output: output.and_then(|o| serde_json::from_str(o).ok()),
        error: match (error, cause) {
            (None, None) => None,
            (error, cause) => Some(StatesError {
                error: error.unwrap_or_default().to_string(),
                cause: cause.map(str::to_string),
            }),
        },
        events: Vec::new(),
        // An execution of a server (or of AWS) is redriven there (RedriveExecution).
        redrive: None,
    })
}
