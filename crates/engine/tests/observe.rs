//! The debugger's view of an execution: processing stages, pauses before states, stopping,
//! re-running from a state, Distributed Map child events, and TestState.

use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use stepwise_asl::StateMachine;
use stepwise_engine::history::HistoryEvent;
use stepwise_engine::observe::{ChildRef, Observer, PauseAt, Resume, Stage};
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::test_state::{test_state, TestStateInput, TestStatus};
use stepwise_engine::{run_blocking, ExecutionConfig, Outcome, StatesError, Status};
use tokio::sync::watch;

/// Echoes the task input back under `echo`.
struct Echo;

impl TaskHandler for Echo {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move { Ok(json!({"Payload": {"echo": req.input}, "StatusCode": 200})) })
    }
}

#[derive(Default)]
struct Log {
    events: Mutex<Vec<(Option<ChildRef>, String)>>,
    stages: Mutex<Vec<(u64, Stage, Value)>>,
    pause_at: Vec<String>,
    paused: Mutex<Vec<(String, Value)>>,
    replace_input: Option<Value>,
    stop: Option<watch::Sender<bool>>,
}

impl Observer for Log {
    fn event(&self, child: Option<ChildRef>, event: &HistoryEvent) {
        self.events
            .lock()
            .unwrap()
            .push((child, event.event_type.to_string()));
    }
    fn stage(&self, child: Option<ChildRef>, entered_id: u64, stage: Stage, value: &Value) {
        if child.is_none() {
            self.stages
                .lock()
                .unwrap()
                .push((entered_id, stage, value.clone()));
        }
    }
    fn wants_pause(&self, name: &str) -> bool {
        self.pause_at.iter().any(|n| n == name)
    }
    fn pause(&self, at: PauseAt<'_>) -> Resume {
        self.paused
            .lock()
            .unwrap()
            .push((at.name.to_string(), at.input.clone()));
        if let Some(stop) = &self.stop {
            let _ = stop.send(true);
            return Resume::Abort;
        }
        Resume::Continue(self.replace_input.clone())
    }
}

fn machine(def: Value) -> Arc<StateMachine> {
    Arc::new(StateMachine::from_value(&def).expect("valid definition"))
}

fn run_observed(
    def: Value,
    input: Value,
    log: Arc<Log>,
    abort: Option<watch::Receiver<bool>>,
) -> Outcome {
    let mut config = ExecutionConfig::new(Arc::new(Echo));
    config.seed = Some(1);
    config.start_time_ms = Some(1_700_000_000_000);
    config.observer = Some(log);
    config.abort = abort;
    run_blocking(machine(def), input, config)
}

fn task_machine() -> Value {
    json!({
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "InputPath": "$.order",
                "Parameters": {"FunctionName": "f", "Payload": {"id.$": "$.id"}},
                "ResultSelector": {"got.$": "$.Payload.echo.Payload.id"},
                "ResultPath": "$.result",
                "OutputPath": "$.result",
                "Next": "Done"
            },
            "Done": {"Type": "Succeed"}
        }
    })
}

#[test]
fn stages_follow_aws_processing_order() {
    let log = Arc::new(Log::default());
    let out = run_observed(
        task_machine(),
        json!({"order": {"id": 7}}),
        log.clone(),
        None,
    );
    assert_eq!(out.status, Status::Succeeded);
    let stages = log.stages.lock().unwrap();
    let call: Vec<(Stage, Value)> = stages
        .iter()
        .filter(|(id, _, _)| *id == 2)
        .map(|(_, s, v)| (*s, v.clone()))
        .collect();
    assert_eq!(
        call,
        vec![
            (Stage::Input, json!({"order": {"id": 7}})),
            (Stage::AfterInputPath, json!({"id": 7})),
            (
                Stage::AfterParameters,
                json!({"FunctionName": "f", "Payload": {"id": 7}})
            ),
            (
                Stage::Result,
                json!({"Payload": {"echo": {"FunctionName": "f", "Payload": {"id": 7}}}, "StatusCode": 200})
            ),
            (Stage::AfterResultSelector, json!({"got": 7})),
            (
                Stage::AfterResultPath,
                json!({"order": {"id": 7}, "result": {"got": 7}})
            ),
            (Stage::Output, json!({"got": 7})),
        ]
    );
}

#[test]
fn pause_before_a_state_can_replace_its_input() {
    let log = Arc::new(Log {
        pause_at: vec!["Done".into()],
        replace_input: Some(json!({"edited": true})),
        ..Log::default()
    });
    let out = run_observed(
        task_machine(),
        json!({"order": {"id": 7}}),
        log.clone(),
        None,
    );
    assert_eq!(out.status, Status::Succeeded);
    assert_eq!(out.output, Some(json!({"edited": true})));
    assert_eq!(
        *log.paused.lock().unwrap(),
        vec![("Done".to_string(), json!({"got": 7}))]
    );
}

#[test]
fn stopping_records_execution_aborted() {
    let (stop, abort) = watch::channel(false);
    let log = Arc::new(Log {
        pause_at: vec!["Done".into()],
        stop: Some(stop),
        ..Log::default()
    });
    let out = run_observed(
        task_machine(),
        json!({"order": {"id": 7}}),
        log,
        Some(abort),
    );
    assert_eq!(out.status, Status::Aborted);
    let last = out.events.last().expect("events");
    assert_eq!(last.event_type, "ExecutionAborted");
    assert!(!out
        .events
        .iter()
        .any(|e| e.event_type == "SucceedStateEntered"));
}

#[test]
fn start_at_and_variables_rerun_from_a_state() {
    let def = json!({
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Result": "from A", "Next": "B"},
            "B": {"Type": "Pass", "Parameters": {"v.$": "$x", "in.$": "$"}, "End": true}
        }
    });
    let mut config = ExecutionConfig::new(Arc::new(Echo));
    config.start_at = Some("B".into());
    config.variables.insert("x".into(), json!(42));
    let out = run_blocking(machine(def), json!({"redriven": 1}), config);
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert_eq!(out.output, Some(json!({"v": 42, "in": {"redriven": 1}})));
    assert!(!out
        .events
        .iter()
        .any(|e| format!("{:?}", e.details).contains("\"A\"")));
}

#[test]
fn distributed_map_child_events_reach_the_observer_not_the_history() {
    let def = json!({
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P",
                    "States": {"P": {"Type": "Pass", "End": true}}
                },
                "End": true
            }
        }
    });
    let log = Arc::new(Log::default());
    let out = run_observed(def, json!([1, 2, 3]), log.clone(), None);
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert!(!out
        .events
        .iter()
        .any(|e| e.event_type == "PassStateEntered"));
    let events = log.events.lock().unwrap();
    let children: Vec<usize> = events
        .iter()
        .filter(|(c, t)| c.is_some() && t == "PassStateEntered")
        .map(|(c, _)| c.map(|c| c.index).unwrap_or(99))
        .collect();
    let mut sorted = children.clone();
    sorted.sort();
    assert_eq!(sorted, vec![0, 1, 2]);
}

fn scope(def: Value) -> StateMachine {
    StateMachine::from_value(&def).expect("valid definition")
}

#[test]
fn test_state_succeeded_reports_stages_and_next_state() {
    let sm = scope(task_machine());
    let out = test_state(
        &sm,
        "Call",
        TestStateInput {
            input: json!({"order": {"id": 1}}),
            task_result: Some(Ok(json!({"Payload": {"echo": {"Payload": {"id": 9}}}}))),
            ..Default::default()
        },
    )
    .expect("state exists");
    assert_eq!(out.status, TestStatus::Succeeded);
    assert_eq!(out.output, Some(json!({"got": 9})));
    assert_eq!(out.next_state.as_deref(), Some("Done"));
    let names: Vec<&str> = out.stages.iter().map(|(s, _)| s.aws_name()).collect();
    assert_eq!(
        names,
        [
            "input",
            "afterInputPath",
            "afterParameters",
            "result",
            "afterResultSelector",
            "afterResultPath",
            "output"
        ]
    );
}

fn caught_machine(retry: bool) -> Value {
    let mut task = json!({
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Recover"}],
        "Next": "Done"
    });
    if retry {
        task["Retry"] = json!([{"ErrorEquals": ["Boom"], "MaxAttempts": 2}]);
    }
    json!({
        "StartAt": "Call",
        "States": {
            "Call": task,
            "Recover": {"Type": "Pass", "End": true},
            "Done": {"Type": "Succeed"}
        }
    })
}

#[test]
fn test_state_caught_error_names_the_catchers_next_state() {
    let out = test_state(
        &scope(caught_machine(false)),
        "Call",
        TestStateInput {
            input: json!({"a": 1}),
            task_result: Some(Err(StatesError::new("Boom", "it broke"))),
            ..Default::default()
        },
    )
    .expect("state exists");
    assert_eq!(out.status, TestStatus::CaughtError);
    assert_eq!(out.next_state.as_deref(), Some("Recover"));
    assert_eq!(
        out.output,
        Some(json!({"a": 1, "err": {"Error": "Boom", "Cause": "it broke"}}))
    );
    assert_eq!(out.error.map(|e| e.error).as_deref(), Some("Boom"));
}

#[test]
fn test_state_retriable_when_a_retrier_matches() {
    let out = test_state(
        &scope(caught_machine(true)),
        "Call",
        TestStateInput {
            input: json!({}),
            task_result: Some(Err(StatesError::new("Boom", "again"))),
            ..Default::default()
        },
    )
    .expect("state exists");
    assert_eq!(out.status, TestStatus::Retriable);
    assert_eq!(out.next_state, None);
}

#[test]
fn test_state_choice_and_failure() {
    let def = json!({
        "StartAt": "Pick",
        "States": {
            "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"},
            "Big": {"Type": "Succeed"},
            "Small": {"Type": "Fail", "Error": "TooSmall"}
        }
    });
    let sm = scope(def);
    let big = test_state(
        &sm,
        "Pick",
        TestStateInput {
            input: json!({"n": 5}),
            ..Default::default()
        },
    )
    .expect("state exists");
    assert_eq!(
        (big.status, big.next_state.as_deref()),
        (TestStatus::Succeeded, Some("Big"))
    );
    let fail = test_state(&sm, "Small", TestStateInput::default()).expect("state exists");
    assert_eq!(fail.status, TestStatus::Failed);
    assert_eq!(fail.error.map(|e| e.error).as_deref(), Some("TooSmall"));
    assert!(test_state(&sm, "Nope", TestStateInput::default()).is_none());
}

/// Takes 300 real milliseconds.
struct Slow;

impl TaskHandler for Slow {
    fn invoke(&self, _req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            Ok(json!({}))
        })
    }
}

fn event_ms(e: &HistoryEvent) -> i64 {
    let iso = e.timestamp.to_string().replace("000+00:00", "Z");
    stepwise_asl::timestamp::parse_millis(&iso).expect("timestamp")
}

#[test]
fn real_timestamps_count_task_time_but_waits_still_pass_at_once() {
    let def = json!({
        "StartAt": "Nap",
        "States": {
            "Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Work"},
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
        }
    });
    let mut config = ExecutionConfig::new(Arc::new(Slow));
    config.start_time_ms = Some(1_700_000_000_000);
    config.real_timestamps = true;
    let started = std::time::Instant::now();
    let out = run_blocking(machine(def), json!({}), config);
    assert!(
        started.elapsed().as_secs() < 60,
        "the hour's wait was skipped"
    );
    assert_eq!(out.status, Status::Succeeded);
    let at = |ty: &str| {
        event_ms(
            out.events
                .iter()
                .find(|e| e.event_type == ty)
                .expect("event"),
        )
    };
    assert!(at("WaitStateExited") - at("WaitStateEntered") >= 3_600_000);
    assert!(at("TaskSucceeded") - at("TaskStarted") >= 300);
}

/// Stands for a person answering: holds the execution's clock for 1.3 real seconds, working
/// 100 ms of it, then answers.
struct Person {
    held: Arc<stepwise_engine::exec::HeldTime>,
    hold: bool,
}

impl TaskHandler for Person {
    fn invoke(&self, _req: TaskRequest) -> TaskFuture<'_> {
        let hold = self.hold.then(|| self.held.hold());
        Box::pin(async move {
            tokio::time::sleep(std::time::Duration::from_millis(1_300)).await;
            drop(hold);
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            Ok(json!({"answered": true}))
        })
    }
}

fn answered_by_a_person(hold: bool) -> Outcome {
    let def = json!({
        "StartAt": "Ask",
        "States": {
            "Ask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 1, "End": true}
        }
    });
    let held = stepwise_engine::exec::HeldTime::new();
    let mut config = ExecutionConfig::new(Arc::new(Person {
        held: held.clone(),
        hold,
    }));
    config.start_time_ms = Some(1_700_000_000_000);
    config.real_timestamps = true;
    config.held = Some(held);
    run_blocking(machine(def), json!({}), config)
}

#[test]
fn time_held_for_a_person_counts_neither_in_timestamps_nor_against_the_timeout() {
    let out = answered_by_a_person(true);
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    let at = |ty: &str| {
        event_ms(
            out.events
                .iter()
                .find(|e| e.event_type == ty)
                .expect("event"),
        )
    };
    let task = at("TaskSucceeded") - at("TaskStarted");
    // The 100 ms of work count; the 1.3 s the person took do not.
    assert!((100..900).contains(&task), "task took {task} ms");
    assert!(at("ExecutionSucceeded") - at("ExecutionStarted") < 900);
}

#[test]
fn without_the_hold_the_same_wait_times_the_task_out() {
    let out = answered_by_a_person(false);
    assert_eq!(out.status, Status::Failed);
    assert_eq!(
        out.error.map(|e| e.error).as_deref(),
        Some("States.Timeout")
    );
}
