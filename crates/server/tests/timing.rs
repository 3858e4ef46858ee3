//! Time on the server: SendTaskHeartbeat keeping a Task alive past its HeartbeatSeconds
//! (`.waitForTaskToken` and activities), and WAIT_TIME_SCALE factors other than 0 and 1.
//! These run in real time, a few seconds at most, several at once.

mod common;

use common::{call, ROLE};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stepwise_server::dispatch;
use stepwise_server::store::{Config, Registry};

fn registry(scale: f64) -> Arc<Registry> {
    Registry::new(Config {
        wait_time_scale: scale,
        ..Config::default()
    })
}

async fn start(reg: &Arc<Registry>, def: Value) -> String {
    let name = format!("m{}", uuid_ish());
    let m = call(
        reg,
        "CreateStateMachine",
        json!({"name": name, "definition": def.to_string(), "roleArn": ROLE}),
    )
    .await;
    let e = call(
        reg,
        "StartExecution",
        json!({"stateMachineArn": m["stateMachineArn"], "input": "{}"}),
    )
    .await;
    e["executionArn"].as_str().expect("arn").to_string()
}

fn uuid_ish() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

async fn finished(reg: &Arc<Registry>, arn: &str, within: Duration) -> Value {
    let deadline = Instant::now() + within;
    loop {
        let d = call(reg, "DescribeExecution", json!({"executionArn": arn})).await;
        if d["status"] != "RUNNING" {
            return d;
        }
        assert!(Instant::now() < deadline, "{arn} still running");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn events(reg: &Arc<Registry>, arn: &str) -> Vec<Value> {
    let h = call(reg, "GetExecutionHistory", json!({"executionArn": arn})).await;
    h["events"].as_array().expect("events").clone()
}

/// The task token a `.waitForTaskToken` Task sent out, once it is scheduled.
async fn token_of(reg: &Arc<Registry>, arn: &str) -> String {
    for _ in 0..500 {
        for e in events(reg, arn).await {
            if e["type"] == "TaskScheduled" {
                let p: Value = serde_json::from_str(
                    e["taskScheduledEventDetails"]["parameters"]
                        .as_str()
                        .expect("parameters"),
                )
                .expect("json");
                return p["MessageBody"]["token"]
                    .as_str()
                    .expect("token")
                    .to_string();
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("{arn} scheduled no task");
}

#[derive(Clone, Copy, Debug)]
enum Via {
    TaskToken,
    Activity,
}

/// A Task with HeartbeatSeconds 1 (TimeoutSeconds 10) answered after 2.5 s; with `beat`,
/// SendTaskHeartbeat every 0.5 s until then. Returns the execution's description.
async fn heartbeat_run(scale: f64, via: Via, beat: bool) -> Value {
    let reg = registry(scale);
    let resource = match via {
        Via::TaskToken => "arn:aws:states:::sqs:sendMessage.waitForTaskToken".to_string(),
        Via::Activity => {
            let a = call(
                &reg,
                "CreateActivity",
                json!({"name": format!("a{}", uuid_ish())}),
            )
            .await;
            a["activityArn"].as_str().expect("arn").to_string()
        }
    };
    let mut task = json!({"Type": "Task", "Resource": resource, "HeartbeatSeconds": 1,
        "TimeoutSeconds": 10, "End": true});
    if let Via::TaskToken = via {
        task["Parameters"] = json!({"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}});
    }
    let def = json!({"StartAt": "Work", "States": {"Work": task}});
    let arn = start(&reg, def).await;
    let token = match via {
        Via::TaskToken => token_of(&reg, &arn).await,
        Via::Activity => {
            let t = call(&reg, "GetActivityTask", json!({"activityArn": resource})).await;
            t["taskToken"].as_str().expect("a task").to_string()
        }
    };
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(2500) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if beat {
            // Once the Task has timed out the token is gone: that answer is AWS's too.
            let _ = dispatch(&reg, "SendTaskHeartbeat", &json!({"taskToken": token})).await;
        }
    }
    let _ = dispatch(
        &reg,
        "SendTaskSuccess",
        &json!({"taskToken": token, "output": "\"done\""}),
    )
    .await;
    finished(&reg, &arn, Duration::from_secs(10)).await
}

/// SendTaskHeartbeat restarts the HeartbeatSeconds clock (AWS's API reference for it); a
/// silent task still ends with States.HeartbeatTimeout. In virtual time (scale 0) the Task
/// waits on the real-time side, so heartbeats count in real seconds there too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heartbeats_keep_a_waiting_task_alive() {
    let cases = [
        (1.0, Via::TaskToken, true, ("SUCCEEDED", None)),
        (
            1.0,
            Via::TaskToken,
            false,
            ("FAILED", Some("States.HeartbeatTimeout")),
        ),
        (0.0, Via::TaskToken, true, ("SUCCEEDED", None)),
        (
            0.0,
            Via::TaskToken,
            false,
            ("FAILED", Some("States.HeartbeatTimeout")),
        ),
        (1.0, Via::Activity, true, ("SUCCEEDED", None)),
        (
            1.0,
            Via::Activity,
            false,
            ("FAILED", Some("States.HeartbeatTimeout")),
        ),
    ];
    let runs: Vec<_> = cases
        .iter()
        .map(|&(scale, via, beat, _)| tokio::spawn(heartbeat_run(scale, via, beat)))
        .collect();
    for (run, (scale, via, beat, want)) in runs.into_iter().zip(cases) {
        let d = run.await.expect("run");
        assert_eq!(
            (d["status"].as_str().expect("status"), d["error"].as_str()),
            want,
            "scale {scale}, {via:?}, beats {beat}"
        );
    }
}

fn epoch(e: &Value) -> f64 {
    e["timestamp"].as_f64().expect("epoch seconds")
}

/// WAIT_TIME_SCALE 0.1, as Step Functions Local's `-waitTimeScale` ("0.5 means cut the
/// original wait time to half"): a 10 s Wait takes 1 s, a 5 s retry backoff 0.5 s, and the
/// timestamps show the time that really passed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_time_scale_shortens_waits_and_backoffs() {
    let mocks = json!({
        "StateMachines": {"scaled": {"TestCases": {"Flaky": {"Work": "FailOnce"}}}},
        "MockedResponses": {"FailOnce": {
            "0": {"Throw": {"Error": "Busy", "Cause": "try again"}},
            "1": {"Return": {"ok": true}}}}
    });
    let reg = Registry::new(Config {
        wait_time_scale: 0.1,
        mock_config: Some(Arc::new(
            stepwise_engine::task::MockConfig::from_value(&mocks).expect("mocks"),
        )),
        ..Config::default()
    });
    let def = json!({"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 5}], "End": true}}});
    let m = call(
        &reg,
        "CreateStateMachine",
        json!({"name": "scaled", "definition": def.to_string(), "roleArn": ROLE}),
    )
    .await;
    let began = Instant::now();
    let e = call(
        &reg,
        "StartExecution",
        json!({"stateMachineArn": format!("{}#Flaky", m["stateMachineArn"].as_str().expect("arn"))}),
    )
    .await;
    let arn = e["executionArn"].as_str().expect("arn");
    let d = finished(&reg, arn, Duration::from_secs(10)).await;
    let took = began.elapsed();
    assert_eq!(d["status"], "SUCCEEDED", "{d}");
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(5),
        "1 s of Wait and 0.5 s of backoff took {took:?}"
    );
    let h = events(&reg, arn).await;
    let at = |kind: &str, nth: usize| {
        epoch(
            h.iter()
                .filter(|e| e["type"] == kind)
                .nth(nth)
                .unwrap_or_else(|| panic!("no {kind} #{nth}")),
        )
    };
    let waited = at("WaitStateExited", 0) - at("WaitStateEntered", 0);
    let backoff = at("TaskScheduled", 1) - at("TaskFailed", 0);
    assert!((0.9..2.0).contains(&waited), "Wait: {waited} s");
    assert!((0.45..1.5).contains(&backoff), "backoff: {backoff} s");
}

/// The machine's own TimeoutSeconds is scaled with the Waits it races against, so what times
/// out on AWS times out here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_time_scale_scales_the_execution_timeout() {
    let reg = registry(0.1);
    let def = json!({"TimeoutSeconds": 5, "StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 100, "End": true}}});
    let began = Instant::now();
    let arn = start(&reg, def).await;
    let d = finished(&reg, &arn, Duration::from_secs(10)).await;
    assert_eq!(d["status"], "TIMED_OUT", "{d}");
    let took = began.elapsed();
    assert!(
        took >= Duration::from_millis(450) && took < Duration::from_secs(4),
        "{took:?}"
    );
}
