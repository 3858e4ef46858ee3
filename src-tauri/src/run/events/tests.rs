use super::*;
use serde_json::json;
use std::sync::Arc;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{run_blocking, ExecutionConfig, StatesError};

/// "Bad" fails once; everything else answers `{"ok": true}`.
struct Tasks;
impl TaskHandler for Tasks {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            if req.state_name == "Bad" {
                return Err(StatesError::new("Boom", "bad item"));
            }
            Ok(json!({"ok": true}))
        })
    }
}

fn normalised(def: Value, input: Value) -> Vec<RunEvent> {
    let sm = StateMachine::from_value(&def).expect("definition");
    let mut config = ExecutionConfig::new(Arc::new(Tasks));
    config.seed = Some(1);
    config.start_time_ms = Some(1_700_000_000_000);
    let out = run_blocking(Arc::new(sm.clone()), input, config);
    let mut n = Normalizer::new(Some(&sm));
    out.events
        .iter()
        .filter_map(|e| n.push(&serde_json::to_value(e).expect("json")))
        .collect()
}

fn find<'a>(events: &'a [RunEvent], ty: &str, nth: usize) -> &'a RunEvent {
    events
        .iter()
        .filter(|e| e.event_type == ty)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {ty} #{nth}"))
}

#[test]
fn task_events_belong_to_their_state() {
    let events = normalised(
        json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}),
        json!({"a": 1}),
    );
    for ty in [
        "TaskStateEntered",
        "TaskScheduled",
        "TaskSucceeded",
        "TaskStateExited",
    ] {
        assert_eq!(find(&events, ty, 0).state.as_deref(), Some("T"), "{ty}");
    }
    assert_eq!(find(&events, "ExecutionStarted", 0).state, None);
    assert_eq!(find(&events, "ExecutionSucceeded", 0).state, None);
    let scheduled = find(&events, "TaskScheduled", 0);
    assert_eq!(scheduled.resource.as_deref(), Some("lambda:invoke"));
    assert_eq!(
        find(&events, "ExecutionStarted", 0).input.as_deref(),
        Some("{\"a\":1}")
    );
}

#[test]
fn map_iterations_and_parallel_branches_are_placed() {
    let def = json!({
        "StartAt": "Fork",
        "States": {
            "Fork": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                    {"StartAt": "Each", "States": {"Each": {
                        "Type": "Map",
                        "ItemsPath": "$.items",
                        "ItemProcessor": {"StartAt": "Work", "States": {
                            "Work": {"Type": "Pass", "Next": "Last"},
                            "Last": {"Type": "Pass", "End": true}
                        }},
                        "End": true
                    }}}
                ],
                "Next": "After"
            },
            "After": {"Type": "Pass", "End": true}
        }
    });
    let events = normalised(def, json!({"items": [1, 2]}));
    let fork_id = find(&events, "ParallelStateEntered", 0).id;
    let left = find(&events, "PassStateEntered", 0);
    assert_eq!(left.state.as_deref(), Some("Left"));
    assert_eq!((left.parent, left.branch), (Some(fork_id), Some(0)));
    let each = find(&events, "MapStateEntered", 0);
    assert_eq!((each.parent, each.branch), (Some(fork_id), Some(1)));
    let lasts: Vec<&RunEvent> = events
        .iter()
        .filter(|e| e.event_type == "PassStateExited" && e.state.as_deref() == Some("Last"))
        .collect();
    assert_eq!(lasts.len(), 2);
    let mut indexes: Vec<u32> = lasts.iter().map(|e| e.iterations[0].index).collect();
    indexes.sort();
    assert_eq!(indexes, vec![0, 1]);
    assert!(lasts
        .iter()
        .all(|e| e.iterations[0].map == "Each" && e.parent == Some(each.id)));
    let it_done = find(&events, "MapIterationSucceeded", 1);
    assert_eq!(it_done.state.as_deref(), Some("Each"));
    assert_eq!(it_done.iterations.len(), 1);
    let map_done = find(&events, "MapStateSucceeded", 0);
    assert_eq!(map_done.state.as_deref(), Some("Each"));
    assert!(map_done.iterations.is_empty());
    assert_eq!(map_done.parent, Some(fork_id));
    let fork_done = find(&events, "ParallelStateSucceeded", 0);
    assert_eq!(
        (fork_done.state.as_deref(), fork_done.parent),
        (Some("Fork"), None)
    );
    let after = find(
        &events,
        "PassStateEntered",
        events
            .iter()
            .filter(|e| e.event_type == "PassStateEntered")
            .count()
            - 1,
    );
    assert_eq!(
        (after.state.as_deref(), after.parent),
        (Some("After"), None)
    );
    assert_eq!(find(&events, "MapStateStarted", 0).length, Some(2));
}

#[test]
fn failures_carry_error_and_stages() {
    let def = json!({"StartAt": "Bad", "States": {"Bad": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}});
    let sm = StateMachine::from_value(&def).expect("definition");
    let mut n = Normalizer::new(Some(&sm));
    n.stage(2, StageName::AfterInputPath, &json!({}));
    let out = run_blocking(
        Arc::new(sm),
        json!({}),
        ExecutionConfig::new(Arc::new(Tasks)),
    );
    let events: Vec<RunEvent> = out
        .events
        .iter()
        .filter_map(|e| n.push(&serde_json::to_value(e).expect("json")))
        .collect();
    let failed = find(&events, "TaskFailed", 0);
    assert_eq!(failed.state.as_deref(), Some("Bad"));
    assert_eq!(
        (failed.error.as_deref(), failed.cause.as_deref()),
        (Some("Boom"), Some("bad item"))
    );
    assert_eq!(failed.stages.len(), 1);
    assert_eq!(
        find(&events, "ExecutionFailed", 0).error.as_deref(),
        Some("Boom")
    );
}

/// Keeps what a run records, as the app's session does.
struct Collect(std::sync::Mutex<Vec<super::super::trace::Trace>>);
impl stepwise_engine::observe::Observer for Collect {
    fn event(
        &self,
        _: Option<stepwise_engine::observe::ChildRef>,
        event: &stepwise_engine::history::HistoryEvent,
    ) {
        let event = serde_json::to_value(event).expect("json");
        self.0
            .lock()
            .expect("lock")
            .push(super::super::trace::Trace::Event { child: None, event });
    }
    fn stage(
        &self,
        _: Option<stepwise_engine::observe::ChildRef>,
        entered: u64,
        stage: stepwise_engine::observe::Stage,
        value: &Value,
    ) {
        self.0
            .lock()
            .expect("lock")
            .push(super::super::trace::Trace::Stage {
                child: None,
                entered,
                stage: stage.aws_name().to_string(),
                value: value.clone(),
            });
    }
}

/// Fails the first try with the attempt number in the cause, answers the second.
struct Flaky;
impl TaskHandler for Flaky {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            if req.attempt == 0 {
                return Err(StatesError::new("Busy", "try 1 of 2"));
            }
            Ok(json!({"n": req.attempt}))
        })
    }
}

#[test]
fn each_attempt_of_a_retried_task_carries_its_own_stages() {
    let def = json!({"StartAt": "T", "States": {"T": {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"x.$": "$.x"},
        "ResultSelector": {"n.$": "$.n"},
        "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1}],
        "End": true
    }}});
    let sm = StateMachine::from_value(&def).expect("definition");
    let collect = Arc::new(Collect(std::sync::Mutex::new(Vec::new())));
    let mut config = ExecutionConfig::new(Arc::new(Flaky));
    config.observer = Some(collect.clone());
    let out = run_blocking(Arc::new(sm.clone()), json!({"x": 1}), config);
    assert_eq!(out.status, stepwise_engine::Status::Succeeded);
    let trace = collect.0.lock().expect("lock").clone();
    let events = super::super::trace::Reader::read_all(Some(&sm), &trace);
    let names = |e: &RunEvent| {
        e.stages
            .iter()
            .map(|s| serde_json::to_value(s.stage).expect("json"))
            .collect::<Vec<_>>()
    };
    let failed = find(&events, "TaskFailed", 0);
    assert_eq!(names(failed), vec!["afterInputPath", "afterParameters"]);
    let exited = find(&events, "TaskStateExited", 0);
    assert_eq!(
        names(exited),
        vec![
            "afterInputPath",
            "afterParameters",
            "result",
            "afterResultSelector",
            "afterResultPath"
        ]
    );
    assert_eq!(
        exited
            .stages
            .iter()
            .find(|s| s.stage == StageName::Result)
            .map(|s| s.value.as_str()),
        Some("{\"n\":1}")
    );
}

#[test]
fn aws_cli_v1_epoch_timestamps_are_read() {
    let mut n = Normalizer::new(None);
    let a = n
        .push(&json!({"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "timestamp": 1700000000.5}))
        .expect("event");
    let b = n
        .push(&json!({"id": 2, "previousEventId": 1, "type": "PassStateEntered", "timestamp": 1700000001.75,
            "stateEnteredEventDetails": {"name": "P", "input": "{}"}}))
        .expect("event");
    assert_eq!(a.elapsed_ms, 0.0);
    assert_eq!(b.elapsed_ms, 1250.0);
    assert_eq!(b.state.as_deref(), Some("P"));
    assert!(n.push(&json!("not an event")).is_none());
}
