//! Execution semantics end to end, each test named for the AWS behaviour it pins down.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use stepwise_engine::history::{Details, HistoryEvent};
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{run_blocking, ExecutionConfig, Outcome, StatesError, Status};

/// Answers each Task by its state name: "Fail*" fails the first `failures` times, "Slow*"
/// takes two real seconds, "Echo*" returns its input and context, anything else `{"ok": name}`.
struct Script {
    failures: u32,
    calls: AtomicU32,
}

impl Script {
    fn new(failures: u32) -> Arc<Self> {
        Arc::new(Script {
            failures,
            calls: AtomicU32::new(0),
        })
    }
}

impl TaskHandler for Script {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move {
            if req.state_name.starts_with("Fail") && n < self.failures {
                return Err(StatesError::new("Service.Unavailable", format!("call {n}")));
            }
            if req.state_name.starts_with("Slow") {
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            if req.state_name.starts_with("Echo") {
                return Ok(
                    json!({"input": req.input, "context": req.context, "attempt": req.attempt}),
                );
            }
            Ok(json!({"ok": req.state_name}))
        })
    }
}

fn run(def: Value, input: Value, handler: Arc<dyn TaskHandler>) -> Outcome {
    let machine = stepwise_asl::StateMachine::from_value(&def).expect("valid definition");
    let mut config = ExecutionConfig::new(handler);
    config.start_time_ms = Some(1_700_000_000_000);
    config.seed = Some(3);
    run_blocking(Arc::new(machine), input, config)
}

fn types(events: &[HistoryEvent]) -> Vec<&str> {
    events.iter().map(|e| e.event_type).collect()
}

fn ms(e: &HistoryEvent) -> i64 {
    let iso = e.timestamp.to_string().replace("000+00:00", "Z");
    stepwise_asl::timestamp::parse_millis(&iso).expect("event timestamp")
}

#[test]
fn pass_parameters_result_path_output_path_in_aws_order() {
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.in",
        "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)", "fixed": 1}, "ResultPath": "$.r", "OutputPath": "$.r", "End": true}}});
    let out = run(def, json!({"in": {"n": 21}, "other": true}), Script::new(0));
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    // ResultPath places the result into the state's *raw* input; OutputPath then selects it.
    assert_eq!(out.output, Some(json!({"doubled": 42, "fixed": 1})));
}

#[test]
fn retry_backs_off_in_virtual_time_then_succeeds() {
    let def = json!({"StartAt": "FailTwice", "States": {"FailTwice": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Retry": [{"ErrorEquals": ["Service.Unavailable"], "IntervalSeconds": 3, "BackoffRate": 2, "MaxAttempts": 2}], "End": true}}});
    let started = std::time::Instant::now();
    let out = run(def, json!({}), Script::new(2));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "virtual time must not sleep for real"
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    let scheduled: Vec<i64> = out
        .events
        .iter()
        .filter(|e| e.event_type == "TaskScheduled")
        .map(ms)
        .collect();
    assert_eq!(scheduled.len(), 3);
    // 3 s, then 3 × 2 = 6 s.
    assert_eq!(scheduled[1] - scheduled[0], 3_000);
    assert_eq!(scheduled[2] - scheduled[1], 6_000);
}

#[test]
fn retries_exhausted_go_to_catch_with_error_output_at_result_path() {
    let def = json!({"StartAt": "FailAlways", "States": {
        "FailAlways": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "IntervalSeconds": 1}],
            "Catch": [{"ErrorEquals": ["Service.Unavailable"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
        "Handled": {"Type": "Succeed"}}});
    let out = run(def, json!({"order": 7}), Script::new(100));
    assert_eq!(out.status, Status::Succeeded);
    assert_eq!(
        out.output,
        Some(json!({"order": 7, "error": {"Error": "Service.Unavailable", "Cause": "call 1"}}))
    );
    assert_eq!(
        types(&out.events)
            .iter()
            .filter(|t| **t == "TaskFailed")
            .count(),
        2
    );
}

#[test]
fn states_all_does_not_catch_states_runtime() {
    // AWS: "A retry or catch on States.ALL won't catch States.Runtime errors."
    let def = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.missing",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.status, Status::Failed);
    let e = out.error.expect("error");
    assert_eq!(e.error, "States.Runtime");
    assert!(
        e.cause.as_deref().unwrap_or("").starts_with(
            "An error occurred while executing the state 'T' (entered at the event id #2)."
        ),
        "{e:?}"
    );
}

#[test]
fn task_timeout_is_states_timeout_and_catchable() {
    let def = json!({"StartAt": "Slow", "States": {
        "Slow": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 1,
            "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.err", "Next": "Late"}], "End": true},
        "Late": {"Type": "Pass", "End": true}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert_eq!(
        out.output,
        Some(json!({"err": {"Error": "States.Timeout"}}))
    );
    assert!(types(&out.events).contains(&"TaskTimedOut"));
}

#[test]
fn parallel_outputs_in_branch_order_and_first_failure_fails_the_state() {
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "Next": "A2"}, "A2": {"Type": "Pass", "Result": "a", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.output, Some(json!(["a", "b"])));
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "b"}}}]}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.status, Status::Failed);
    assert_eq!(out.error.map(|e| e.error), Some("Branch.Broke".into()));
    assert!(types(&out.events).contains(&"ParallelStateFailed"));
}

#[test]
fn map_keeps_item_order_and_gives_item_context_to_item_selector() {
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.xs", "MaxConcurrency": 2,
        "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag"},
        "ItemProcessor": {"StartAt": "W", "States": {
            "W": {"Type": "Wait", "SecondsPath": "$.value", "Next": "Out"},
            "Out": {"Type": "Pass", "Parameters": {"i.$": "$.index", "t.$": "$.tag"}, "End": true}}},
        "ResultPath": "$.out", "End": true}}});
    let out = run(def, json!({"xs": [3, 1, 2], "tag": "x"}), Script::new(0));
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert_eq!(
        out.output.expect("output")["out"],
        json!([{"i": 0, "t": "x"}, {"i": 1, "t": "x"}, {"i": 2, "t": "x"}])
    );
    let started = out
        .events
        .iter()
        .find(|e| e.event_type == "MapStateStarted")
        .expect("MapStateStarted");
    assert_eq!(
        serde_json::to_value(started).expect("ser")["mapStateStartedEventDetails"],
        json!({"length": 3})
    );
}

#[test]
fn map_input_must_be_an_array() {
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}, "End": true}}});
    let out = run(def, json!({"not": "a list"}), Script::new(0));
    assert_eq!(out.status, Status::Failed);
    assert!(out
        .error
        .and_then(|e| e.cause)
        .unwrap_or_default()
        .contains("Map state input must be an array"));
}

#[test]
fn tolerated_failures_let_a_distributed_map_succeed() {
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Bad"}], "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "Item.Bad"}, "Good": {"Type": "Succeed"}}}, "End": true}}});
    let out = run(def.clone(), json!([1, 2, 3]), Script::new(0));
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    let out = run(def, json!([2, 2, 3]), Script::new(0));
    assert_eq!(
        out.error.map(|e| e.error),
        Some("States.ExceedToleratedFailureThreshold".into())
    );
}

#[test]
fn no_choice_matched_without_default() {
    let def = json!({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": "y", "Next": "D"}]}, "D": {"Type": "Succeed"}}});
    let out = run(def, json!({"x": "z"}), Script::new(0));
    assert_eq!(
        out.error.map(|e| e.error),
        Some("States.NoChoiceMatched".into())
    );
}

#[test]
fn output_over_256_kib_is_data_limit_exceeded() {
    let def = json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}});
    let out = run(def, json!({"blob": "x".repeat(300 * 1024)}), Script::new(0));
    assert_eq!(
        out.error.map(|e| e.error),
        Some("States.DataLimitExceeded".into())
    );
}

/// Answers every Task with a 300 KiB result.
struct Big;

impl TaskHandler for Big {
    fn invoke(&self, _req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async { Ok(json!({"blob": "x".repeat(300 * 1024), "id": 1})) })
    }
}

#[test]
fn a_task_result_or_input_over_256_kib_is_data_limit_exceeded_and_not_caught_by_states_all() {
    // AWS guide, "Handling errors", States.DataLimitExceeded: reported when "the output of a
    // connector is larger than payload size quota" or "the input of a state is larger than
    // payload size quota, after processing Parameters"; States.ALL does not catch it.
    let catch_all = json!([{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]);
    // (task fields, handler, input, events that must not appear)
    let cases: Vec<(Value, Arc<dyn TaskHandler>, Value, &str)> = vec![
        (
            json!({"ResultSelector": {"id.$": "$.id"}}),
            Arc::new(Big),
            json!({}),
            "TaskSucceeded",
        ),
        (
            json!({"Parameters": {"copy.$": "$.blob"}}),
            Script::new(0),
            json!({"blob": "y".repeat(300 * 1024)}),
            "TaskScheduled",
        ),
    ];
    for (fields, handler, input, absent) in cases {
        let mut task = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Catch": catch_all, "End": true});
        for (k, v) in fields.as_object().unwrap() {
            task[k] = v.clone();
        }
        let def =
            json!({"StartAt": "T", "States": {"T": task, "Caught": {"Type": "Pass", "End": true}}});
        let out = run(def, input, handler);
        assert_eq!(
            out.error.as_ref().map(|e| e.error.as_str()),
            Some("States.DataLimitExceeded"),
            "{fields}"
        );
        assert!(!types(&out.events).contains(&absent), "{fields}: {absent}");
    }
}

#[test]
fn a_runaway_loop_ends_at_the_event_limit() {
    let def = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.status, Status::Failed);
    assert!(out.events.len() <= 25_002, "{}", out.events.len());
    assert!(out
        .error
        .and_then(|e| e.cause)
        .unwrap_or_default()
        .contains("25000"));
}

#[test]
fn execution_timeout_times_out() {
    let def = json!({"TimeoutSeconds": 10, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.status, Status::TimedOut);
    assert_eq!(types(&out.events).last(), Some(&"ExecutionTimedOut"));
}

#[test]
fn context_object_and_task_token() {
    let def = json!({"StartAt": "Echo", "States": {"Echo": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"token.$": "$$.Task.Token", "name.$": "$$.State.Name", "exec.$": "$$.Execution.Id", "start.$": "$$.Execution.StartTime"}, "End": true}}});
    let out = run(def, json!({"a": 1}), Script::new(0));
    let o = out.output.expect("output");
    assert_eq!(o["input"]["name"], "Echo");
    assert_eq!(o["input"]["start"], "2023-11-14T22:13:20.000Z");
    assert!(o["input"]["exec"]
        .as_str()
        .unwrap_or("")
        .starts_with("arn:aws:states:us-east-1:123456789012:execution:"));
    assert_eq!(o["input"]["token"].as_str().map(str::len), Some(36));
    assert_eq!(o["context"]["Execution"]["Input"], json!({"a": 1}));
}

#[test]
fn history_ids_chain_and_every_state_enters_and_exits() {
    let def = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(
        types(&out.events),
        vec![
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "SucceedStateEntered",
            "SucceedStateExited",
            "ExecutionSucceeded"
        ]
    );
    for (i, e) in out.events.iter().enumerate() {
        assert_eq!(e.id, i as u64 + 1);
        assert_eq!(e.previous_event_id, i as u64);
    }
    match &out.events[1].details {
        Some(Details::StateEntered { name, .. }) => assert_eq!(name, "A"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn variables_assigned_are_read_by_later_states() {
    let def = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": {"id": 9}, "Assign": {"orderId.$": "$.id", "constant": "c"}, "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"id.$": "$orderId", "c.$": "$constant"}, "End": true}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.output, Some(json!({"id": 9, "c": "c"})));
}

#[test]
fn a_task_taking_real_time_does_not_let_virtual_timers_fire_early() {
    // Under virtual time an idle runtime jumps to its next timer; while a handler works for
    // real, that must not be the execution's TimeoutSeconds.
    let def = json!({"TimeoutSeconds": 3600, "StartAt": "Slow", "States": {
        "Slow": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}});
    let out = run(def, json!({}), Script::new(0));
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
}

#[test]
fn history_events_stream_while_the_execution_runs() {
    let def = json!({"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}});
    let machine = Arc::new(stepwise_asl::StateMachine::from_value(&def).expect("valid"));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut config = ExecutionConfig::new(Script::new(0));
    config.sink = Some(tx);
    let running = std::thread::spawn(move || run_blocking(machine, json!({}), config));
    // The handler takes two real seconds; the events up to TaskStarted arrive before that.
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    while !seen.contains(&"TaskStarted") {
        match rx.try_recv() {
            Ok(e) => seen.push(e.event_type),
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
        assert!(
            started.elapsed() < Duration::from_millis(1500),
            "no live events: {seen:?}"
        );
    }
    assert!(
        !running.is_finished(),
        "the execution should still be running"
    );
    let outcome = running.join().expect("execution thread");
    assert_eq!(outcome.status, Status::Succeeded);
    while let Ok(e) = rx.try_recv() {
        seen.push(e.event_type);
    }
    assert_eq!(seen, types(&outcome.events));
}

#[test]
fn distributed_map_items_are_child_executions_outside_the_parent_history() {
    // AWS runs each item of a Distributed Map as a child execution with its own history; the
    // parent records the Map Run. So 5,000 items of 3 states stay under 25,000 events.
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Items", "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Pass", "End": true}}}}}});
    let items: Vec<Value> = (0..5000).map(|i| json!(i)).collect();
    let out = run(def, Value::Array(items), Script::new(0));
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert_eq!(
        out.output.map(|o| o.as_array().map(Vec::len)),
        Some(Some(5000))
    );
    assert_eq!(
        types(&out.events),
        vec![
            "ExecutionStarted",
            "MapStateEntered",
            "MapRunStarted",
            "MapRunSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
    let run_started = serde_json::to_value(&out.events[2]).expect("ser");
    assert!(run_started["mapRunStartedEventDetails"]["mapRunArn"]
        .as_str()
        .is_some_and(|a| a.contains(":mapRun:StateMachine/Items:")));
}

/// What `stepwise run --format json` prints keeps the four endings apart, in the shape of
/// AWS's DescribeExecution: a timed-out run is not "FAILED", a stopped one has no error, and a
/// Fail state without `Error` has none either (not an empty name).
#[test]
fn the_summary_keeps_each_ending_apart() {
    let timed_out = run(
        json!({"TimeoutSeconds": 1, "StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 5, "End": true}}}),
        json!({}),
        Script::new(0),
    );
    assert_eq!(
        timed_out.summary(),
        json!({"status": "TIMED_OUT", "error": "States.Timeout", "cause": null})
    );

    let machine = stepwise_asl::StateMachine::from_value(&json!({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 5, "End": true}}}))
    .expect("valid definition");
    let (stop, stopped) = tokio::sync::watch::channel(true);
    let mut config = ExecutionConfig::new(Script::new(0));
    config.abort = Some(stopped);
    let aborted = run_blocking(Arc::new(machine), json!({}), config);
    drop(stop);
    assert_eq!(
        aborted.summary(),
        json!({"status": "ABORTED", "error": null, "cause": null})
    );

    let bare_fail = run(
        json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "Cause": "why"}}}),
        json!({}),
        Script::new(0),
    );
    assert_eq!(
        bare_fail.summary(),
        json!({"status": "FAILED", "error": null, "cause": "why"})
    );
    let succeeded = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}),
        json!({"a": 1}),
        Script::new(0),
    );
    assert_eq!(
        succeeded.summary(),
        json!({"status": "SUCCEEDED", "output": {"a": 1}})
    );
}

/// AWS reads a `...Path` field's number as the text of the value it selects (its messages:
/// "cannot be parsed as a long value", "is not a valid integer"): a string holding an
/// integer counts, anything else fails with AWS's cause.
#[test]
fn numeric_path_fields_read_an_integer_held_in_a_string() {
    let map = |field: &str| {
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", field: "$.n",
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})
    };
    let wait = json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.n", "End": true}}});
    let task = |field: &str| json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", field: "$.n", "End": true}}});
    let cases: Vec<(Value, Value, Result<(), &str>)> = vec![
        (map("MaxConcurrencyPath"), json!("1"), Ok(())),
        (map("MaxConcurrencyPath"), json!(2), Ok(())),
        (map("MaxConcurrencyPath"), json!("NoNumber"), Err("The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.n")),
        (map("MaxConcurrencyPath"), json!({"a": 1}), Err("which is not a valid integer: $.n")),
        (map("ToleratedFailureCountPath"), json!("0"), Ok(())),
        (map("ToleratedFailurePercentagePath"), json!("50"), Ok(())),
        (wait.clone(), json!("3"), Ok(())),
        (wait.clone(), json!("x"), Err("The SecondsPath parameter cannot be parsed as a long value: $.n == x")),
        (wait, json!(1.5), Err("The SecondsPath parameter cannot be parsed as a long value: $.n == 1.5")),
        (task("TimeoutSecondsPath"), json!("30"), Ok(())),
        (task("HeartbeatSecondsPath"), json!("abc"), Err("must be a positive integer")),
    ];
    for (def, n, want) in cases {
        let what = format!("{} = {n}", def["States"]);
        let out = run(def, json!({"items": [1, 2], "n": n}), Script::new(0));
        match want {
            Ok(()) => assert_eq!(out.status, Status::Succeeded, "{what}: {:?}", out.error),
            Err(cause) => {
                let e = out.error.expect(&what);
                assert_eq!(e.error, "States.Runtime", "{what}");
                assert!(e.cause.unwrap_or_default().contains(cause), "{what}");
            }
        }
    }
}

/// AWS: when an iteration of an inline Map fails (beyond any tolerance), the Map fails at
/// once; the iterations still running are stopped (`MapIterationAborted`) and no more start.
#[test]
fn a_failed_inline_map_iteration_stops_the_others() {
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2,
        "ItemProcessor": {"StartAt": "Which", "States": {
            "Which": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "bad", "Next": "Bad"}], "Default": "Slow"},
            "Slow": {"Type": "Wait", "Seconds": 3600, "End": true},
            "Bad": {"Type": "Fail", "Error": "Item.Bad"}}}, "End": true}}});
    let out = run(def, json!(["slow", "bad", "never"]), Script::new(0));
    assert_eq!(out.error.map(|e| e.error), Some("Item.Bad".into()));
    let t = types(&out.events);
    let count = |ty: &str| t.iter().filter(|x| **x == ty).count();
    assert_eq!(count("MapIterationStarted"), 2, "{t:?}");
    assert_eq!(count("MapIterationFailed"), 1);
    assert_eq!(count("MapIterationAborted"), 1);
    assert_eq!(
        count("WaitStateExited"),
        0,
        "the waiting iteration did not run on"
    );
    let aborted = out
        .events
        .iter()
        .position(|e| e.event_type == "MapIterationAborted")
        .unwrap();
    assert_eq!(t[aborted + 1], "MapStateFailed");
    // In virtual time the failure comes at once, not after the hour-long Wait.
    assert!(ms(out.events.last().unwrap()) - ms(&out.events[0]) < 1_000);
}

/// Sends the request, says so (the service's response), then answers as the token's holder
/// would, later.
struct Submits;

impl TaskHandler for Submits {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            req.submitted.submit(json!({"MessageId": "m-1"}));
            tokio::time::sleep(Duration::from_millis(50)).await;
            Ok(json!({"approved": true}))
        })
    }
}

/// AWS's history of a `.waitForTaskToken` Task: TaskScheduled, TaskStarted, TaskSubmitted
/// (the service's response to the request), then TaskSucceeded when the token is answered.
/// Other Tasks have no TaskSubmitted.
#[test]
fn a_wait_for_task_token_task_writes_task_submitted() {
    let def = |resource: &str| {
        json!({"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": resource,
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}})
    };
    let out = run(
        def("arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
        json!({}),
        Arc::new(Submits),
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    let t = types(&out.events);
    let at = t.iter().position(|x| *x == "TaskStarted").unwrap();
    assert_eq!(
        &t[at..at + 3],
        ["TaskStarted", "TaskSubmitted", "TaskSucceeded"]
    );
    let submitted = serde_json::to_value(&out.events[at + 1]).unwrap();
    let details = &submitted["taskSubmittedEventDetails"];
    assert_eq!(details["resourceType"], "sqs");
    assert_eq!(details["resource"], "sendMessage.waitForTaskToken");
    assert_eq!(details["output"], r#"{"MessageId":"m-1"}"#);
    assert_eq!(submitted["previousEventId"], out.events[at].id);

    let out = run(
        def("arn:aws:states:::sqs:sendMessage"),
        json!({}),
        Arc::new(Submits),
    );
    assert!(!types(&out.events).contains(&"TaskSubmitted"));
}

/// AWS (recorded in shared/conformance, `json_path_array_wildcard_or_slice_with_no_input`):
/// an indefinite path (wildcard, slice, filter, deep scan) that matches nothing selects `[]`;
/// a definite path to a missing field fails the state with States.Runtime.
#[test]
fn an_indefinite_path_matching_nothing_gives_an_empty_array_a_definite_one_fails() {
    // (path, output or None for a States.Runtime failure)
    let cases = [
        ("$.items[*].id", Some(json!([]))),
        ("$.items[1:3]", Some(json!([]))),
        ("$.items[?(@.n > 5)]", Some(json!([]))),
        ("$..missing", Some(json!([]))),
        ("$.items[0].id", None),
        ("$.missing", None),
    ];
    for (path, expected) in cases {
        let def = json!({"StartAt": "P", "States": {"P": {"Type": "Pass",
            "Parameters": {"v.$": path}, "End": true}}});
        let out = run(def, json!({"items": []}), Script::new(0));
        match expected {
            Some(v) => assert_eq!(out.output, Some(json!({"v": v})), "{path}"),
            None => assert_eq!(
                out.error.map(|e| e.error).as_deref(),
                Some("States.Runtime"),
                "{path}"
            ),
        }
    }
}

/// AWS accepts ToleratedFailureCount/Percentage on an inline Map and honours them: failed
/// iterations within the tolerance give their error output; beyond it the Map fails with
/// States.ExceedToleratedFailureThreshold.
#[test]
fn an_inline_map_honours_its_failure_tolerance() {
    let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1,
        "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}},
        "End": true}}});
    let within = run(def.clone(), json!([1]), Script::new(0));
    assert_eq!(within.output, Some(json!([{"Error": "E", "Cause": "c"}])));
    let beyond = run(def, json!([1, 2]), Script::new(0));
    assert_eq!(
        beyond.error.map(|e| e.error).as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
}

/// AWS's cause for a TimestampPath selecting text that is no timestamp names the path and
/// the value (`$.t == ...`), as for other values.
#[test]
fn a_wait_timestamp_path_to_bad_text_names_path_and_value() {
    let def = json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}});
    let out = run(def, json!({"t": "tomorrow"}), Script::new(0));
    let e = out.error.expect("an error");
    assert_eq!(e.error, "States.Runtime");
    assert!(
        e.cause
            .as_deref()
            .is_some_and(|c| c.ends_with("$.t == tomorrow")),
        "{:?}",
        e.cause
    );
}
