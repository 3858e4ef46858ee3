//! The studio watching the Step Functions API: its own server started from the toolbar, and
//! a server running elsewhere it attaches to. Clients here are plain API calls; the real
//! clients (AWS CLI) drive it in `e2e/server.test.mjs`.

use super::commands_in_tauri::call;
use crate::run::ipc::{RunOrigin, RunRecord, RunSetup, RunStatus, RunSummary};
use crate::server::ipc::{ServerMode, ServerStatus};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

const ORDER: &str = include_str!("../../../examples/order-processing.asl.json");

fn api(url: &str, action: &str, body: Value) -> Value {
    let client = reqwest::Client::new();
    tauri::async_runtime::block_on(crate::server::attach::call(&client, url, action, body))
        .unwrap_or_else(|e| panic!("{action}: {e}"))
}

fn app_on_order_example() -> (
    tempfile::TempDir,
    tauri::App<MockRuntime>,
    WebviewWindow<MockRuntime>,
    RunSetup,
) {
    let (data, app, webview) = super::commands_in_tauri::app_on_order_example();
    let setup: RunSetup = call(&webview, "run_setup", Value::Null).expect("setup");
    (data, app, webview, setup)
}

/// Waits for a run of the open document matching `f` (20 s is a hang).
fn wait_run(
    webview: &WebviewWindow<MockRuntime>,
    what: &str,
    f: impl Fn(&RunSummary) -> bool,
) -> RunSummary {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let runs: Vec<RunSummary> = call(webview, "list_runs", Value::Null).expect("runs");
        if let Some(r) = runs.into_iter().find(|r| f(r)) {
            return r;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_status(url: &str, arn: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let d = api(url, "DescribeExecution", json!({ "executionArn": arn }));
        if d["status"] == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{arn} is {} not {want}",
            d["status"]
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_studios_server_shows_a_clients_execution_and_pauses_it_at_a_breakpoint() {
    let (_data, _app, webview, setup) = app_on_order_example();
    let () = call(&webview, "set_breakpoints", json!(["Charge Payment"])).expect("breakpoint");
    let status: ServerStatus = call(
        &webview,
        "start_server",
        json!({"port": 0, "mockConfig": setup.files[0].path}),
    )
    .expect("start the server");
    assert_eq!(status.mode, ServerMode::Serving);
    let url = status.url.expect("url");
    let again = call::<ServerStatus>(
        &webview,
        "start_server",
        json!({"port": 0, "mockConfig": null}),
    );
    assert_eq!(again.expect_err("one server at a time")["code"], "server");

    // A suite's machine, named as its mock config names it.
    let machine = api(
        &url,
        "CreateStateMachine",
        json!({"name": "order-processing", "definition": ORDER, "roleArn": "arn:aws:iam::123456789012:role/r"}),
    );
    let started = api(
        &url,
        "StartExecution",
        json!({"stateMachineArn": format!("{}#HappyPath", machine["stateMachineArn"].as_str().unwrap_or("")), "name": "suite-1", "input": setup.input}),
    );
    let arn = started["executionArn"].as_str().expect("arn").to_string();

    let paused = wait_run(&webview, "the execution paused at the breakpoint", |r| {
        r.name == "suite-1" && r.status == RunStatus::Paused
    });
    assert_eq!(paused.origin, RunOrigin::Server);
    wait_status(&url, &arn, "RUNNING");
    let () = call(
        &webview,
        "resume_run",
        json!({"mode": "continue", "input": null}),
    )
    .expect("resume from the studio");
    wait_status(&url, &arn, "SUCCEEDED");
    let done = wait_run(&webview, "the kept run", |r| {
        r.name == "suite-1" && r.status == RunStatus::Succeeded
    });
    let record: RunRecord = call(&webview, "open_run", json!(done.id)).expect("open");
    // The studio's run is the server's history, event for event.
    let history = api(&url, "GetExecutionHistory", json!({ "executionArn": arn }));
    let types = |v: &[Value]| -> Vec<String> {
        v.iter()
            .map(|e| e["type"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let kept: Vec<Value> = record
        .events
        .iter()
        .map(|e| json!({ "type": e.event_type }))
        .collect();
    assert_eq!(
        types(&kept),
        types(
            history["events"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or(&[])
        )
    );
    assert_eq!(done.event_count as usize, record.events.len());

    // Stop in the studio is StopExecution on the server.
    let () = call(&webview, "set_breakpoints", json!(["Save Order"])).expect("breakpoint");
    let second = api(
        &url,
        "StartExecution",
        json!({"stateMachineArn": format!("{}#HappyPath", machine["stateMachineArn"].as_str().unwrap_or("")), "name": "suite-2", "input": setup.input}),
    );
    wait_run(&webview, "the second pause", |r| {
        r.name == "suite-2" && r.status == RunStatus::Paused
    });
    let () = call(&webview, "stop_run", Value::Null).expect("stop");
    wait_status(
        &url,
        second["executionArn"].as_str().unwrap_or(""),
        "ABORTED",
    );

    // Another machine's execution is not this document's.
    let other = api(
        &url,
        "CreateStateMachine",
        json!({"name": "Other", "definition": r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#, "roleArn": "arn:aws:iam::123456789012:role/r"}),
    );
    let o = api(
        &url,
        "StartExecution",
        json!({"stateMachineArn": other["stateMachineArn"], "name": "other-1"}),
    );
    wait_status(&url, o["executionArn"].as_str().unwrap_or(""), "SUCCEEDED");
    let runs: Vec<RunSummary> = call(&webview, "list_runs", Value::Null).expect("runs");
    assert!(runs.iter().all(|r| r.name != "other-1"));
    let status: ServerStatus = call(&webview, "server_status", Value::Null).expect("status");
    assert_eq!(status.executions, 3);

    let stopped: ServerStatus = call(&webview, "stop_server", Value::Null).expect("stop");
    assert_eq!(stopped.mode, ServerMode::Off);
    assert!(tauri::async_runtime::block_on(crate::server::attach::call(
        &reqwest::Client::new(),
        &url,
        "ListStateMachines",
        json!({})
    ))
    .is_err());
}

#[test]
fn attached_to_a_server_elsewhere_the_studio_follows_its_executions() {
    let (_data, _app, webview, setup) = app_on_order_example();
    // `stepwise serve` as a separate server (on this process's runtime, on a free port).
    let config = stepwise_server::store::Config {
        mock_config: Some(std::sync::Arc::new(
            stepwise_engine::task::MockConfig::from_json(
                &crate::run::files::read(&setup.files[0].path).expect("mocks"),
            )
            .expect("mocks"),
        )),
        wait_time_scale: 0.0,
        ..Default::default()
    };
    let registry = stepwise_server::store::Registry::new(config);
    let listener =
        tauri::async_runtime::block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tauri::async_runtime::spawn(stepwise_server::serve(listener, registry));
    let url = format!("http://127.0.0.1:{port}");

    let bad = call::<ServerStatus>(&webview, "attach_server", json!("127.0.0.1:1"));
    assert_eq!(bad.expect_err("nothing there")["code"], "server");
    let attached: ServerStatus = call(
        &webview,
        "attach_server",
        json!(format!("127.0.0.1:{port}")),
    )
    .expect("attach");
    assert_eq!(attached.mode, ServerMode::Attached);
    assert_eq!(attached.url.as_deref(), Some(url.as_str()));

    let machine = api(
        &url,
        "CreateStateMachine",
        json!({"name": "order-processing", "definition": ORDER, "roleArn": "arn:aws:iam::123456789012:role/r"}),
    );
    for (name, case) in [("happy", "HappyPath"), ("declined", "PaymentDeclined")] {
        api(
            &url,
            "StartExecution",
            json!({"stateMachineArn": format!("{}#{case}", machine["stateMachineArn"].as_str().unwrap_or("")), "name": name, "input": setup.input}),
        );
    }
    let happy = wait_run(&webview, "the happy run", |r| {
        r.name == "happy" && r.status == RunStatus::Succeeded
    });
    assert_eq!(happy.origin, RunOrigin::Server);
    let record: RunRecord = call(&webview, "open_run", json!(happy.id)).expect("open");
    assert!(record.events.len() > 20, "{} events", record.events.len());
    let declined = wait_run(&webview, "the declined run's end", |r| {
        r.name == "declined" && r.status != RunStatus::Running
    });
    assert_eq!(declined.status, RunStatus::Failed, "{declined:?}");
    let () = call::<ServerStatus>(&webview, "stop_server", Value::Null)
        .map(|_| ())
        .expect("detach");
}
