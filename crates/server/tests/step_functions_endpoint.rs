//! STEP_FUNCTIONS_ENDPOINT: `states:startExecution` Tasks of one server start their
//! executions on another, a real `stepwise_server::serve` on a loopback port, through
//! `aws-sdk-sfn`; the answers have the shapes of nested executions run in place.
#![cfg(feature = "aws-services")]

mod common;

use common::{call, ROLE};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use stepwise_server::services::{Endpoints, Services};
use stepwise_server::store::{Config, Registry};

fn registry(step_functions: Option<String>) -> Arc<Registry> {
    let endpoints = Endpoints {
        step_functions,
        ..Endpoints::default()
    };
    Registry::new(Config {
        wait_time_scale: 0.0,
        services: Arc::new(Services::new(endpoints, "us-east-1")),
        ..Config::default()
    })
}

async fn serve(reg: Arc<Registry>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(stepwise_server::serve(listener, reg));
    url
}

async fn create(reg: &Arc<Registry>, name: &str, def: Value) -> String {
    let req = json!({"name": name, "definition": def.to_string(), "roleArn": ROLE});
    let r = call(reg, "CreateStateMachine", req).await;
    r["stateMachineArn"].as_str().expect("arn").to_string()
}

async fn run(reg: &Arc<Registry>, machine: &str, input: Value) -> Value {
    let started = call(
        reg,
        "StartExecution",
        json!({"stateMachineArn": machine, "input": input.to_string()}),
    )
    .await;
    let arn = started["executionArn"].as_str().expect("arn").to_string();
    for _ in 0..1000 {
        let d = call(reg, "DescribeExecution", json!({"executionArn": arn})).await;
        if d["status"] != "RUNNING" {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{arn} did not finish");
}

/// A parent with one `states:startExecution` Task whose answer (or caught error) is its output.
fn parent(resource: &str, child: &str) -> Value {
    json!({"StartAt": "Child", "States": {
        "Child": {"Type": "Task", "Resource": resource,
            "Parameters": {"StateMachineArn": child, "Input": {"n.$": "$.n"}},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
            "End": true},
        "Caught": {"Type": "Pass", "End": true}
    }})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_executions_run_on_the_step_functions_endpoint() {
    let remote = registry(None);
    let url = serve(remote.clone()).await;
    let local = registry(Some(url));
    let double = create(
        &remote,
        "double",
        json!({"StartAt": "D", "States": {"D": {
        "Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": true}}}),
    )
    .await;
    let fails = create(
        &remote,
        "fails",
        json!({"StartAt": "F", "States": {"F": {
        "Type": "Fail", "Error": "Nope", "Cause": "no"}}}),
    )
    .await;
    let missing = double.replace(":double", ":missing");

    // (resource, child, what the parent's output must hold)
    type Check = fn(&Value) -> bool;
    let table: [(&str, &str, Check); 5] = [
        (
            "arn:aws:states:::states:startExecution.sync:2",
            &double,
            |o| {
                o["Output"] == json!({"doubled": 42})
                    && o["Input"] == json!({"n": 21})
                    && o["Status"] == "SUCCEEDED"
                    && o["OutputDetails"]["Included"] == true
            },
        ),
        (
            "arn:aws:states:::states:startExecution.sync",
            &double,
            |o| o["Output"] == json!(r#"{"doubled":42}"#) && o["Status"] == "SUCCEEDED",
        ),
        ("arn:aws:states:::states:startExecution", &double, |o| {
            o["ExecutionArn"]
                .as_str()
                .is_some_and(|a| a.contains(":double:"))
                && o["StartDate"].is_i64()
                && o.get("Output").is_none()
        }),
        ("arn:aws:states:::states:startExecution.sync", &fails, |o| {
            o["Error"] == "States.TaskFailed"
                && o["Cause"]
                    .as_str()
                    .is_some_and(|c| c.contains(r#""Status":"FAILED""#))
        }),
        ("arn:aws:states:::states:startExecution", &missing, |o| {
            o["Error"] == "StepFunctions.StateMachineDoesNotExistException"
                && o["Cause"]
                    .as_str()
                    .is_some_and(|c| c.contains("Status Code: 400"))
        }),
    ];
    for (i, (resource, child, check)) in table.into_iter().enumerate() {
        let machine = create(&local, &format!("parent-{i}"), parent(resource, child)).await;
        let d = run(&local, &machine, json!({"n": 21})).await;
        assert_eq!(d["status"], "SUCCEEDED", "{resource} {child}: {d}");
        let output: Value =
            serde_json::from_str(d["output"].as_str().expect("output")).expect("json");
        assert!(check(&output), "{resource} {child}: {output}");
    }
    // The children ran there, not here.
    let ran = call(
        &remote,
        "ListExecutions",
        json!({"stateMachineArn": double}),
    )
    .await;
    assert_eq!(ran["executions"].as_array().map(Vec::len), Some(3));
    let here = call(&local, "ListStateMachines", json!({})).await;
    assert_eq!(here["stateMachines"].as_array().map(Vec::len), Some(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_endpoint_fails_the_task_catchably() {
    // A port nothing listens on any more.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}", l.local_addr().expect("address"))
    };
    let local = registry(Some(closed));
    let child = "arn:aws:states:us-east-1:123456789012:stateMachine:child";
    let machine = create(
        &local,
        "parent",
        parent("arn:aws:states:::states:startExecution", child),
    )
    .await;
    let d = run(&local, &machine, json!({"n": 1})).await;
    let output: Value = serde_json::from_str(d["output"].as_str().expect("output")).expect("json");
    assert_eq!(
        output["Error"], "StepFunctions.SdkClientException",
        "{output}"
    );
    // The SDK's own failure to connect, not the error of a Task nothing here answers.
    let cause = output["Cause"].as_str().expect("cause");
    assert!(
        cause.starts_with("Unable to execute HTTP request: "),
        "{cause}"
    );
    assert!(cause.contains("dispatch failure"), "{cause}");
}
