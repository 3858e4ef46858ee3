//! Where `stepwise serve` does what Step Functions Local does: Tasks nothing answers, mocked
//! invocations counted as the mock-config docs count them, `.waitForTaskToken` mocks; and
//! memory staying bounded with `--data` over thousands of executions.

mod common;

use common::{call, ROLE};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
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

async fn create(reg: &Arc<Registry>, name: &str, def: &Value) -> String {
    let r = call(
        reg,
        "CreateStateMachine",
        json!({"name": name, "definition": def.to_string(), "roleArn": ROLE}),
    )
    .await;
    r["stateMachineArn"].as_str().expect("arn").to_string()
}

async fn start(reg: &Arc<Registry>, machine: &str) -> String {
    let r = call(reg, "StartExecution", json!({"stateMachineArn": machine})).await;
    r["executionArn"].as_str().expect("arn").to_string()
}

async fn finished(reg: &Arc<Registry>, arn: &str) -> Value {
    for _ in 0..2000 {
        let d = call(reg, "DescribeExecution", json!({"executionArn": arn})).await;
        if d["status"] != "RUNNING" {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("{arn} did not finish");
}

async fn events(reg: &Arc<Registry>, arn: &str) -> Vec<Value> {
    let h = call(reg, "GetExecutionHistory", json!({"executionArn": arn})).await;
    h["events"].as_array().expect("events").clone()
}

/// Step Functions Local fails a call it cannot make as an ordinary task failure named after
/// the service (`Lambda.SdkClientException`, "Unable to execute HTTP request: ...", seen in
/// localstack/localstack#7061): a Catch of States.ALL catches it, uncaught it fails the
/// execution with that error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unmocked_calls_fail_as_step_functions_local_fails_an_unreachable_service() {
    let reg = registry(None);
    let cases = [
        (
            "arn:aws:states:::lambda:invoke",
            "Lambda.SdkClientException",
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:charge",
            "Lambda.SdkClientException",
        ),
        (
            "arn:aws:states:::dynamodb:putItem",
            "DynamoDB.SdkClientException",
        ),
        ("arn:aws:states:::sns:publish", "SNS.SdkClientException"),
        (
            "arn:aws:states:::aws-sdk:s3:getObject",
            "S3.SdkClientException",
        ),
    ];
    for (i, (resource, want)) in cases.iter().enumerate() {
        let task = |catch: bool| {
            let mut t = json!({"Type": "Task", "Resource": resource,
                "Parameters": {"FunctionName": "charge", "TableName": "t", "Item": {}},
                "End": true});
            let mut def = json!({"StartAt": "Call", "States": {}});
            if catch {
                t["Catch"] = json!([{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]);
                def["States"]["Handled"] = json!({"Type": "Pass", "End": true});
            }
            def["States"]["Call"] = t;
            def
        };
        let uncaught = create(&reg, &format!("uncaught{i}"), &task(false)).await;
        let caught = create(&reg, &format!("caught{i}"), &task(true)).await;
        let (u, c) = (start(&reg, &uncaught).await, start(&reg, &caught).await);
        let d = finished(&reg, &u).await;
        assert_eq!(
            (d["status"].as_str(), d["error"].as_str()),
            (Some("FAILED"), Some(*want)),
            "{resource}"
        );
        let cause = d["cause"].as_str().unwrap_or_default();
        assert!(
            cause.starts_with("Unable to execute HTTP request:"),
            "{cause}"
        );
        let failed = events(&reg, &u).await;
        assert!(
            failed
                .iter()
                .any(|e| e["type"] == "TaskFailed" || e["type"] == "LambdaFunctionFailed"),
            "{resource}: a task failure event"
        );
        let d = finished(&reg, &c).await;
        assert_eq!(d["status"], "SUCCEEDED", "{resource}: caught");
        let output: Value =
            serde_json::from_str(d["output"].as_str().expect("output")).expect("json");
        assert_eq!(output["Error"], *want, "{resource}: caught");
    }
}

/// "Using mocked service integrations for testing in Step Functions Local": its mock config's
/// RetryPath answers LambdaState with MockedLambdaRetry, `"0"` Throw, `"1-2"` Throw, `"3"`
/// Return, so a state that retries consumes one invocation per attempt: retries count. So do
/// Map iterations (one count per state across them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mocked_invocations_count_retries_as_the_mock_config_docs_do() {
    let mocks = json!({
        "StateMachines": {"LambdaSQSIntegration": {"TestCases": {
            "RetryPath": {"LambdaState": "MockedLambdaRetry", "Item": "PerItem"}}}},
        "MockedResponses": {
            "MockedLambdaRetry": {
                "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
                "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
                "3": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
            },
            "PerItem": {"0": {"Return": "a"}, "1": {"Return": "b"}, "2": {"Return": "c"}}
        }
    });
    let reg = registry(Some(mocks));
    let def = json!({"StartAt": "LambdaState", "States": {
        "LambdaState": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "HelloFunction"},
            "Retry": [{"ErrorEquals": ["Lambda.ResourceNotReadyException", "Lambda.TimeoutException"],
                       "IntervalSeconds": 1, "MaxAttempts": 3}],
            "ResultSelector": {"body.$": "$.Payload.body"}, "ResultPath": "$.lambda",
            "Next": "Each"},
        "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
            "ItemProcessor": {"StartAt": "Item", "States": {
                "Item": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"FunctionName": "f"}, "End": true}}},
            "ResultPath": "$.mapped", "End": true}}});
    let machine = create(&reg, "LambdaSQSIntegration", &def).await;
    let run = call(
        &reg,
        "StartExecution",
        json!({"stateMachineArn": format!("{machine}#RetryPath"), "input": "{\"items\": [1, 2, 3]}"}),
    )
    .await;
    let arn = run["executionArn"].as_str().expect("arn");
    let d = finished(&reg, arn).await;
    assert_eq!(d["status"], "SUCCEEDED", "{d}");
    let out: Value = serde_json::from_str(d["output"].as_str().expect("output")).expect("json");
    assert_eq!(out["lambda"]["body"], "Hello from Lambda!");
    assert_eq!(
        out["mapped"],
        json!(["a", "b", "c"]),
        "one count across the Map's items"
    );
    let tries = events(&reg, arn)
        .await
        .iter()
        .filter(|e| e["type"] == "TaskScheduled")
        .count();
    assert_eq!(tries, 4 + 3, "one invocation per attempt, one per item");
}

/// "Step Functions Local automatically generates a task token when you mock a task with
/// .waitForTaskToken" (the same docs): the mock answers at once, and the parameters the Task
/// was scheduled with carry a token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mocked_wait_for_task_token_task_gets_a_token() {
    let mocks = json!({
        "StateMachines": {"approval": {"TestCases": {"Approved": {"Ask": "Yes"}}}},
        "MockedResponses": {"Yes": {"0": {"Return": {"approved": true}}}}
    });
    let reg = registry(Some(mocks));
    let def = json!({"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
        "End": true}}});
    let machine = create(&reg, "approval", &def).await;
    let arn = start(&reg, &format!("{machine}#Approved")).await;
    let d = finished(&reg, &arn).await;
    assert_eq!(d["status"], "SUCCEEDED", "{d}");
    assert_eq!(d["output"], "{\"approved\":true}");
    let scheduled = events(&reg, &arn)
        .await
        .into_iter()
        .find(|e| e["type"] == "TaskScheduled")
        .expect("TaskScheduled");
    let p: Value = serde_json::from_str(
        scheduled["taskScheduledEventDetails"]["parameters"]
            .as_str()
            .expect("parameters"),
    )
    .expect("json");
    let token = p["MessageBody"]["token"].as_str().unwrap_or_default();
    assert!(uuid::Uuid::parse_str(token).is_ok(), "a token: {token:?}");
}

/// With `--data` and a retention of 100, 3,000 executions leave at most about 100 in memory
/// (the rest on disk), every one of them still describable, and reading them back does not
/// let memory grow either.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_stays_bounded_with_data() {
    const RETENTION: usize = 100;
    const BATCH: usize = 300;
    const TOTAL: usize = 3_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let reg = Registry::open(Config {
        wait_time_scale: 0.0,
        retention: RETENTION,
        data: Some(dir.path().to_path_buf()),
        ..Config::default()
    })
    .expect("open");
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}});
    let machine = create(&reg, "many", &def).await;
    let mut arns = Vec::with_capacity(TOTAL);
    let mut most_in_memory = 0;
    for batch in 0..TOTAL / BATCH {
        let mut these = Vec::with_capacity(BATCH);
        for i in 0..BATCH {
            let input = format!("{{\"n\": {}}}", batch * BATCH + i);
            let r = call(
                &reg,
                "StartExecution",
                json!({"stateMachineArn": machine, "input": input}),
            )
            .await;
            these.push(r["executionArn"].as_str().expect("arn").to_string());
        }
        for arn in &these {
            finished(&reg, arn).await;
        }
        arns.extend(these);
        let in_memory = reg.lock().executions.len();
        most_in_memory = most_in_memory.max(in_memory);
        // What a batch still running holds, at most, on top of the retained ones.
        assert!(
            in_memory <= RETENTION + BATCH,
            "batch {batch}: {in_memory} in memory"
        );
    }
    let (in_memory, on_disk) = {
        let inner = reg.lock();
        (inner.executions.len(), inner.evicted.len())
    };
    assert!(in_memory <= RETENTION, "{in_memory} in memory at the end");
    assert_eq!(in_memory + on_disk, TOTAL);
    for (n, arn) in arns.iter().enumerate() {
        let d = call(&reg, "DescribeExecution", json!({"executionArn": arn})).await;
        assert_eq!(d["status"], "SUCCEEDED", "{arn}");
        assert_eq!(d["output"], format!("{{\"n\":{n}}}"), "{arn}");
    }
    let after_reading = reg.lock().executions.len();
    assert!(
        after_reading <= RETENTION,
        "{after_reading} in memory after reading all back"
    );
    println!("most in memory {most_in_memory}, at the end {in_memory}, on disk {on_disk}");
}
