//! The studio and an AWS account, through Tauri's mock runtime, against a Step Functions API
//! on 127.0.0.1 (`stepwise serve`'s, in process): connect, deploy the open document, start it
//! and follow it as a run, browse, open a deployed machine. Every reply and event that
//! crosses to the window is kept, and none may carry the access key or the secret.

use super::commands_in_tauri::{app_on_order_example, call};
use crate::cloud::ipc::{CloudLink, CloudRun, CloudStatus};
use crate::contract::EVENTS;
use crate::run::ipc::{RunOrigin, RunStatus, RunSummary};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use stepwise_server::store::{Config, Registry};
use tauri::Listener;

const KEY_ID: &str = "AKIASTEPWISEIPCCHECK";
const SECRET: &str = "stepwise/ipc+secret-that-must-never-cross";
const ROLE: &str = "arn:aws:iam::123456789012:role/StepwiseTest";

/// A Step Functions API on a free port; its URL.
fn serve() -> String {
    let registry = Registry::new(Config {
        wait_time_scale: 0.0,
        ..Config::default()
    });
    let listener =
        tauri::async_runtime::block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind");
    let port = listener.local_addr().expect("port").port();
    tauri::async_runtime::spawn(stepwise_server::serve(listener, registry));
    format!("http://127.0.0.1:{port}")
}

#[test]
fn credentials_never_cross_to_the_window_while_deploying_running_and_browsing() {
    std::env::set_var("AWS_ACCESS_KEY_ID", KEY_ID);
    std::env::set_var("AWS_SECRET_ACCESS_KEY", SECRET);
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    let url = serve();
    let (_data, app, webview) = app_on_order_example();
    let crossed: Arc<Mutex<Vec<String>>> = Arc::default();
    for name in EVENTS {
        let seen = Arc::clone(&crossed);
        app.listen_any(*name, move |e| {
            seen.lock().expect("lock").push(e.payload().to_string())
        });
    }
    let ask = |cmd: &str, request: Value| -> Value {
        let reply: Result<Value, Value> = call(&webview, cmd, request);
        let reply = reply.unwrap_or_else(|e| panic!("{cmd}: {e}"));
        crossed.lock().expect("lock").push(reply.to_string());
        reply
    };

    let status: CloudStatus = serde_json::from_value(ask(
        "cloud_connect",
        json!({"profile": null, "region": "us-east-1", "endpointUrl": url}),
    ))
    .expect("status");
    assert!(status.connected, "{status:?}");
    assert_eq!(status.region.as_deref(), Some("us-east-1"));

    let settings = json!({"roleArn": ROLE, "type": null, "logging": null, "tracing": null,
        "publish": false, "versionDescription": null, "alias": null});
    let request = json!({"name": null, "settings": settings});
    let preview = ask("cloud_deploy_preview", request.clone());
    assert_eq!(
        (&preview["deployed"], &preview["name"]),
        (&Value::Null, &json!("order-processing"))
    );
    let deployed = ask("cloud_deploy", request.clone());
    let machine_arn = deployed["machineArn"].as_str().expect("arn").to_string();
    let again = ask("cloud_deploy_preview", request);
    assert!(
        again["unchanged"] == true && again["comparison"].is_object(),
        "{again}"
    );
    let link: Option<CloudLink> =
        serde_json::from_value(ask("cloud_link", Value::Null)).expect("link");
    assert_eq!(link.map(|l| l.arn), Some(machine_arn.clone()));

    let run: CloudRun = serde_json::from_value(ask(
        "cloud_start",
        json!({"arn": null, "input": r#"{"orderId": "42"}"#, "name": "ipc-check"}),
    ))
    .expect("run");
    let deadline = Instant::now() + Duration::from_secs(20);
    let ended = loop {
        let runs: Vec<RunSummary> =
            serde_json::from_value(ask("list_runs", Value::Null)).expect("runs");
        if let Some(r) = runs
            .into_iter()
            .find(|r| r.id == run.run_id && r.status != RunStatus::Running)
        {
            break r;
        }
        assert!(Instant::now() < deadline, "the cloud run did not end");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(ended.origin, RunOrigin::Cloud);
    assert!(ended.event_count > 2, "{ended:?}");
    ask("open_run", json!(run.run_id));

    // The inspector's preview, run by TestState: the local preview's shape, the mock used.
    let preview = json!({"pointer": "/States/Validate Order", "input": r#"{"order": {"orderId": "42"}}"#,
        "result": r#"{"Payload": {"valid": true, "reasons": []}}"#, "error": null, "cause": null, "variables": ""});
    let aws = ask(
        "cloud_preview_state",
        json!({"request": preview, "level": "DEBUG"}),
    );
    let local = ask("preview_state", preview);
    assert_eq!(aws["status"], "SUCCEEDED", "{aws}");
    assert_eq!(
        (&aws["output"], &aws["nextState"]),
        (&local["output"], &local["nextState"])
    );
    assert_eq!(aws["nextState"], "Is Order Valid?");
    assert!(
        aws["stages"].as_array().is_some_and(|s| s.len() >= 5),
        "{aws}"
    );

    let page = ask("cloud_machines", json!({"query": "order", "token": null}));
    assert_eq!(page["items"][0]["arn"], machine_arn.as_str());
    ask("cloud_machine", json!(machine_arn));
    let executions = ask(
        "cloud_executions",
        json!({"machineArn": machine_arn, "status": null, "token": null}),
    );
    assert_eq!(executions["items"][0]["arn"], run.execution_arn.as_str());
    let view = ask(
        "cloud_open_machine",
        json!({"arn": machine_arn, "discard": true}),
    );
    assert!(view["states"].as_array().is_some_and(|s| !s.is_empty()));
    ask("cloud_status", Value::Null);

    let crossed = crossed.lock().expect("lock");
    assert!(
        crossed.len() > 12,
        "{} replies and events kept",
        crossed.len()
    );
    for text in crossed.iter() {
        assert!(
            !text.contains(SECRET) && !text.contains(KEY_ID),
            "a credential crossed: {text}"
        );
    }
}

#[test]
fn a_command_before_connecting_says_to_connect() {
    let (_data, _app, webview) = app_on_order_example();
    let refused: Result<Value, Value> = call(
        &webview,
        "cloud_machines",
        json!({"query": "", "token": null}),
    );
    let error = refused.expect_err("not connected");
    assert_eq!(error["code"], "cloud");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("connect")),
        "{error}"
    );
}
