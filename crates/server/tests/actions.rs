//! The actions through `dispatch`, the way the HTTP layer calls them (the real AWS clients
//! are driven against `stepwise serve` by the suites in tests/clients/).

mod common;

use common::{call, ROLE};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use stepwise_server::dispatch;
use stepwise_server::store::{Config, Registry};

fn registry(mocks: Option<Value>) -> Arc<Registry> {
    Registry::new(Config {
        wait_time_scale: 0.0,
        mock_config: mocks.map(|m| {
            Arc::new(stepwise_engine::task::MockConfig::from_value(&m).expect("mock config"))
        }),
        ..Config::default()
    })
}

async fn error(reg: &Arc<Registry>, action: &str, req: Value) -> String {
    dispatch(reg, action, &req)
        .await
        .expect_err("an error")
        .kind
        .to_string()
}

async fn create(reg: &Arc<Registry>, name: &str, def: Value) -> String {
    let r = call(
        reg,
        "CreateStateMachine",
        json!({"name": name, "definition": def.to_string(), "roleArn": ROLE}),
    )
    .await;
    r["stateMachineArn"].as_str().expect("arn").to_string()
}

async fn finished(reg: &Arc<Registry>, arn: &str) -> Value {
    for _ in 0..500 {
        let d = call(reg, "DescribeExecution", json!({"executionArn": arn})).await;
        if d["status"] != "RUNNING" {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("{arn} did not finish");
}

fn flaky() -> Value {
    json!({"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done"},
        "Done": {"Type": "Pass", "Result": "done", "End": true}
    }})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_aws_types() {
    let reg = registry(None);
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "CreateStateMachine",
            json!({"name": "x", "definition": "{\"StartAt\": \"A\", \"States\": {}}", "roleArn": ROLE}),
            "InvalidDefinition",
        ),
        (
            "CreateStateMachine",
            json!({"name": "bad name", "definition": flaky().to_string(), "roleArn": ROLE}),
            "InvalidName",
        ),
        (
            "CreateStateMachine",
            json!({"definition": "{}", "roleArn": ROLE}),
            "ValidationException",
        ),
        (
            "DescribeStateMachine",
            json!({"stateMachineArn": "nope"}),
            "InvalidArn",
        ),
        (
            "DescribeStateMachine",
            json!({"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:none"}),
            "StateMachineDoesNotExist",
        ),
        (
            "DescribeExecution",
            json!({"executionArn": "arn:aws:states:us-east-1:123456789012:execution:none:e"}),
            "ExecutionDoesNotExist",
        ),
        (
            "ListStateMachines",
            json!({"nextToken": "garbage"}),
            "InvalidToken",
        ),
        ("Frobnicate", json!({}), "UnknownOperationException"),
    ];
    for (action, req, want) in cases {
        assert_eq!(
            error(&reg, action, req.clone()).await,
            want,
            "{action} {req}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_execution_is_redriven_from_the_state_that_failed() {
    let mocks = json!({
        "StateMachines": {"flaky": {"TestCases": {"FailsOnce": {"Work": "FailThenWork"}}}},
        "MockedResponses": {"FailThenWork": {
            "0": {"Throw": {"Error": "Boom", "Cause": "first"}},
            "1": {"Return": {"ok": true}}
        }}
    });
    let reg = registry(Some(mocks));
    let machine = create(&reg, "flaky", flaky()).await;
    let started = call(
        &reg,
        "StartExecution",
        json!({"stateMachineArn": format!("{machine}#FailsOnce"), "name": "r1"}),
    )
    .await;
    let arn = started["executionArn"].as_str().expect("arn").to_string();
    let d = finished(&reg, &arn).await;
    assert_eq!(
        (d["status"].as_str(), d["error"].as_str()),
        (Some("FAILED"), Some("Boom"))
    );
    let before = call(&reg, "GetExecutionHistory", json!({"executionArn": arn})).await["events"]
        .as_array()
        .expect("events")
        .len();

    call(&reg, "RedriveExecution", json!({"executionArn": arn})).await;
    let d = finished(&reg, &arn).await;
    assert_eq!(d["status"], "SUCCEEDED", "{d}");
    assert_eq!(d["output"], "\"done\"");
    assert_eq!(d["redriveCount"], 1);
    let events = call(&reg, "GetExecutionHistory", json!({"executionArn": arn})).await;
    let events = events["events"].as_array().expect("events");
    let redriven = &events[before];
    assert_eq!(redriven["type"], "ExecutionRedriven");
    assert_eq!(redriven["id"], json!(before + 1));
    assert_eq!(
        events[before + 1]["stateEnteredEventDetails"]["name"],
        "Work"
    );
    assert_eq!(
        error(&reg, "RedriveExecution", json!({"executionArn": arn})).await,
        "ExecutionNotRedrivable"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redrive_reruns_only_the_failed_branch_of_a_parallel() {
    // AWS API reference, RedriveExecution: "For workflows that include an Inline Map or
    // Parallel state, RedriveExecution API action reschedules and redrives only the
    // iterations and branches that failed or aborted."
    let mocks = json!({
        "StateMachines": {"fan": {"TestCases": {"FailsOnce": {"Work": "FailThenWork", "Steady": "Steady"}}}},
        "MockedResponses": {
            "FailThenWork": {
                "0": {"Throw": {"Error": "Boom", "Cause": "first"}},
                "1": {"Return": {"ok": "work"}}
            },
            "Steady": {"0": {"Return": {"ok": "steady"}}}
        }
    });
    let reg = registry(Some(mocks));
    let machine = create(&reg, "fan", json!({"StartAt": "Both", "States": {
        "Both": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Steady", "States": {
                "Steady": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
            {"StartAt": "Later", "States": {
                "Later": {"Type": "Wait", "Seconds": 1, "Next": "Work"},
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
        ]}
    }}))
    .await;
    let arn = call(
        &reg,
        "StartExecution",
        json!({"stateMachineArn": format!("{machine}#FailsOnce"), "input": "{\"n\": 1}"}),
    )
    .await["executionArn"]
        .as_str()
        .expect("arn")
        .to_string();
    assert_eq!(finished(&reg, &arn).await["status"], "FAILED");
    call(&reg, "RedriveExecution", json!({"executionArn": arn})).await;
    let d = finished(&reg, &arn).await;
    // Steady's mock answers once only: a second call would fail the run.
    assert_eq!(d["status"], "SUCCEEDED", "{d}");
    assert_eq!(d["output"], r#"[{"ok":"steady"},{"ok":"work"}]"#);
    let events = call(&reg, "GetExecutionHistory", json!({"executionArn": arn})).await;
    let events = events["events"].as_array().expect("events");
    let redriven = events
        .iter()
        .position(|e| e["type"] == "ExecutionRedriven")
        .expect("ExecutionRedriven");
    let entered: Vec<&str> = events[redriven..]
        .iter()
        .filter_map(|e| e["stateEnteredEventDetails"]["name"].as_str())
        .collect();
    assert_eq!(entered, ["Both", "Work"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_state_inspects_one_state() {
    let reg = registry(None);
    let state = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "InputPath": "$.order", "ResultSelector": {"id.$": "$.Payload.id"}, "ResultPath": "$.saved", "Next": "After"});
    let r = call(
        &reg,
        "TestState",
        json!({
            "definition": state.to_string(), "roleArn": ROLE, "input": "{\"order\": {\"n\": 1}}",
            "inspectionLevel": "DEBUG", "mock": {"result": "{\"Payload\": {\"id\": 7}}"}
        }),
    )
    .await;
    assert_eq!(r["status"], "SUCCEEDED", "{r}");
    assert_eq!(r["nextState"], "After");
    // ResultPath places the result into the raw state input, not the InputPath selection.
    assert_eq!(r["output"], "{\"order\":{\"n\":1},\"saved\":{\"id\":7}}");
    assert_eq!(r["inspectionData"]["afterInputPath"], "{\"n\":1}");
    assert_eq!(r["inspectionData"]["afterResultSelector"], "{\"id\":7}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_token_waits_for_send_task_success() {
    let reg = registry(None);
    let machine = create(&reg, "approve", json!({"StartAt": "Ask", "States": {
        "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}
    }})).await;
    let arn = call(&reg, "StartExecution", json!({"stateMachineArn": machine})).await
        ["executionArn"]
        .as_str()
        .expect("arn")
        .to_string();
    let mut token = None;
    for _ in 0..200 {
        let h = call(&reg, "GetExecutionHistory", json!({"executionArn": arn})).await;
        token = h["events"]
            .as_array()
            .expect("events")
            .iter()
            .find_map(|e| {
                let p = e
                    .get("taskScheduledEventDetails")?
                    .get("parameters")?
                    .as_str()?;
                let p: Value = serde_json::from_str(p).ok()?;
                p["MessageBody"]["token"].as_str().map(str::to_string)
            });
        if token.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let token = token.expect("the token is in TaskScheduled's parameters");
    assert_eq!(
        error(
            &reg,
            "SendTaskSuccess",
            json!({"taskToken": "nope", "output": "{}"})
        )
        .await,
        "InvalidToken"
    );
    call(
        &reg,
        "SendTaskSuccess",
        json!({"taskToken": token, "output": "{\"approved\": true}"}),
    )
    .await;
    let d = finished(&reg, &arn).await;
    assert_eq!(d["output"], "{\"approved\":true}");
}

/// `--data DIR`: what one server kept, the next one reads back; beyond the retention limit,
/// finished executions leave memory but stay listed and readable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn machines_and_executions_outlive_the_server_with_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = || Config {
        wait_time_scale: 0.0,
        retention: 1,
        data: Some(dir.path().to_path_buf()),
        ..Config::default()
    };
    let pass = json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}});
    let arns = {
        let reg = Registry::open(config()).expect("open");
        let machine = create(&reg, "kept", pass).await;
        let mut arns = Vec::new();
        for i in 0..3 {
            let r = call(&reg, "StartExecution", json!({"stateMachineArn": machine, "name": format!("e{i}"), "input": format!("{{\"i\": {i}}}")})).await;
            let arn = r["executionArn"].as_str().expect("arn").to_string();
            finished(&reg, &arn).await;
            arns.push(arn);
        }
        arns
    };
    let reg = Registry::open(config()).expect("reopen");
    let machines = call(&reg, "ListStateMachines", json!({})).await;
    assert_eq!(machines["stateMachines"][0]["name"], "kept");
    let machine = machines["stateMachines"][0]["stateMachineArn"]
        .as_str()
        .expect("arn")
        .to_string();
    let listed = call(&reg, "ListExecutions", json!({"stateMachineArn": machine})).await;
    assert_eq!(listed["executions"].as_array().expect("list").len(), 3);
    for (i, arn) in arns.iter().enumerate() {
        let d = call(&reg, "DescribeExecution", json!({"executionArn": arn})).await;
        assert_eq!(
            (d["status"].as_str(), d["output"].as_str()),
            (Some("SUCCEEDED"), Some(format!("{{\"i\":{i}}}").as_str()))
        );
        let h = call(&reg, "GetExecutionHistory", json!({"executionArn": arn})).await;
        assert_eq!(
            h["events"].as_array().expect("events").len(),
            4,
            "started, entered, exited, succeeded"
        );
    }
    assert_eq!(
        error(
            &reg,
            "StartExecution",
            json!({"stateMachineArn": machine, "name": "e0"})
        )
        .await,
        "ExecutionAlreadyExists"
    );
}

/// The studio's seam: a watcher sees every execution's events and can pause it before a
/// state, as a breakpoint does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watcher_sees_events_and_pauses_before_a_state() {
    use std::sync::Mutex;
    use stepwise_engine::history::HistoryEvent;
    use stepwise_engine::observe::{ChildRef, Observer, PauseAt, Resume};
    use stepwise_server::store::{Execution, Watch};

    #[derive(Default)]
    struct Seen {
        events: Mutex<Vec<String>>,
        paused: Mutex<Vec<String>>,
    }
    impl Observer for Seen {
        fn event(&self, _: Option<ChildRef>, e: &HistoryEvent) {
            self.events
                .lock()
                .expect("lock")
                .push(e.event_type.to_string());
        }
        fn wants_pause(&self, name: &str) -> bool {
            name == "Done"
        }
        fn pause(&self, at: PauseAt<'_>) -> Resume {
            self.paused.lock().expect("lock").push(at.name.to_string());
            Resume::Continue(Some(json!({"edited": true})))
        }
    }
    struct Studio(Arc<Seen>);
    impl Watch for Studio {
        fn started(&self, _: &Execution) -> Option<Arc<dyn Observer>> {
            Some(self.0.clone())
        }
    }
    let seen = Arc::new(Seen::default());
    let reg = Registry::new(Config {
        wait_time_scale: 0.0,
        watch: Some(Arc::new(Studio(seen.clone()))),
        ..Config::default()
    });
    let machine = create(
        &reg,
        "watched",
        json!({"StartAt": "First", "States": {
            "First": {"Type": "Pass", "Next": "Done"},
            "Done": {"Type": "Pass", "End": true}
        }}),
    )
    .await;
    let arn = call(&reg, "StartExecution", json!({"stateMachineArn": machine})).await
        ["executionArn"]
        .as_str()
        .expect("arn")
        .to_string();
    let d = finished(&reg, &arn).await;
    assert_eq!(
        d["output"], "{\"edited\":true}",
        "the input edited at the pause"
    );
    assert_eq!(*seen.paused.lock().expect("lock"), ["Done"]);
    let events = seen.events.lock().expect("lock").clone();
    assert_eq!(events.first().map(String::as_str), Some("ExecutionStarted"));
    assert_eq!(
        events.last().map(String::as_str),
        Some("ExecutionSucceeded")
    );
}
