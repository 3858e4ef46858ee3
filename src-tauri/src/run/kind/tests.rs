use super::*;
use serde_json::json;
use std::sync::Arc;
use stepwise_asl::model::StateMachine;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{run_blocking, ExecutionConfig, StatesError};

/// Every history event type AWS documents (`HistoryEventType`), with what it means.
fn aws_event_types() -> Vec<(&'static str, EventKind)> {
    use EventKind as K;
    use StateType as S;
    let task = |worker, phase| K::Task { worker, phase };
    let (t, l, a) = (
        TaskWorker::Task,
        TaskWorker::LambdaFunction,
        TaskWorker::Activity,
    );
    vec![
        ("ActivityFailed", task(a, TaskPhase::Failed)),
        ("ActivityScheduled", task(a, TaskPhase::Scheduled)),
        ("ActivityScheduleFailed", task(a, TaskPhase::ScheduleFailed)),
        ("ActivityStarted", task(a, TaskPhase::Started)),
        ("ActivitySucceeded", task(a, TaskPhase::Succeeded)),
        ("ActivityTimedOut", task(a, TaskPhase::TimedOut)),
        (
            "ChoiceStateEntered",
            K::StateEntered {
                state_type: S::Choice,
            },
        ),
        (
            "ChoiceStateExited",
            K::StateExited {
                state_type: S::Choice,
            },
        ),
        ("EvaluationFailed", K::EvaluationFailed),
        (
            "ExecutionAborted",
            K::Execution {
                phase: ExecutionPhase::Aborted,
            },
        ),
        (
            "ExecutionFailed",
            K::Execution {
                phase: ExecutionPhase::Failed,
            },
        ),
        (
            "ExecutionRedriven",
            K::Execution {
                phase: ExecutionPhase::Redriven,
            },
        ),
        (
            "ExecutionStarted",
            K::Execution {
                phase: ExecutionPhase::Started,
            },
        ),
        (
            "ExecutionSucceeded",
            K::Execution {
                phase: ExecutionPhase::Succeeded,
            },
        ),
        (
            "ExecutionTimedOut",
            K::Execution {
                phase: ExecutionPhase::TimedOut,
            },
        ),
        (
            "FailStateEntered",
            K::StateEntered {
                state_type: S::Fail,
            },
        ),
        (
            "FailStateExited",
            K::StateExited {
                state_type: S::Fail,
            },
        ),
        ("LambdaFunctionFailed", task(l, TaskPhase::Failed)),
        ("LambdaFunctionScheduled", task(l, TaskPhase::Scheduled)),
        (
            "LambdaFunctionScheduleFailed",
            task(l, TaskPhase::ScheduleFailed),
        ),
        ("LambdaFunctionStarted", task(l, TaskPhase::Started)),
        ("LambdaFunctionStartFailed", task(l, TaskPhase::StartFailed)),
        ("LambdaFunctionSucceeded", task(l, TaskPhase::Succeeded)),
        ("LambdaFunctionTimedOut", task(l, TaskPhase::TimedOut)),
        (
            "MapIterationAborted",
            K::Iteration {
                phase: Phase::Aborted,
            },
        ),
        (
            "MapIterationFailed",
            K::Iteration {
                phase: Phase::Failed,
            },
        ),
        (
            "MapIterationStarted",
            K::Iteration {
                phase: Phase::Started,
            },
        ),
        (
            "MapIterationSucceeded",
            K::Iteration {
                phase: Phase::Succeeded,
            },
        ),
        (
            "MapRunAborted",
            K::MapRun {
                phase: MapRunPhase::Aborted,
            },
        ),
        (
            "MapRunFailed",
            K::MapRun {
                phase: MapRunPhase::Failed,
            },
        ),
        (
            "MapRunRedriven",
            K::MapRun {
                phase: MapRunPhase::Redriven,
            },
        ),
        (
            "MapRunStarted",
            K::MapRun {
                phase: MapRunPhase::Started,
            },
        ),
        (
            "MapRunSucceeded",
            K::MapRun {
                phase: MapRunPhase::Succeeded,
            },
        ),
        (
            "MapStateAborted",
            K::Map {
                phase: Phase::Aborted,
            },
        ),
        ("MapStateEntered", K::StateEntered { state_type: S::Map }),
        ("MapStateExited", K::StateExited { state_type: S::Map }),
        (
            "MapStateFailed",
            K::Map {
                phase: Phase::Failed,
            },
        ),
        (
            "MapStateStarted",
            K::Map {
                phase: Phase::Started,
            },
        ),
        (
            "MapStateSucceeded",
            K::Map {
                phase: Phase::Succeeded,
            },
        ),
        (
            "ParallelStateAborted",
            K::Parallel {
                phase: Phase::Aborted,
            },
        ),
        (
            "ParallelStateEntered",
            K::StateEntered {
                state_type: S::Parallel,
            },
        ),
        (
            "ParallelStateExited",
            K::StateExited {
                state_type: S::Parallel,
            },
        ),
        (
            "ParallelStateFailed",
            K::Parallel {
                phase: Phase::Failed,
            },
        ),
        (
            "ParallelStateStarted",
            K::Parallel {
                phase: Phase::Started,
            },
        ),
        (
            "ParallelStateSucceeded",
            K::Parallel {
                phase: Phase::Succeeded,
            },
        ),
        (
            "PassStateEntered",
            K::StateEntered {
                state_type: S::Pass,
            },
        ),
        (
            "PassStateExited",
            K::StateExited {
                state_type: S::Pass,
            },
        ),
        (
            "SucceedStateEntered",
            K::StateEntered {
                state_type: S::Succeed,
            },
        ),
        (
            "SucceedStateExited",
            K::StateExited {
                state_type: S::Succeed,
            },
        ),
        ("TaskFailed", task(t, TaskPhase::Failed)),
        ("TaskScheduled", task(t, TaskPhase::Scheduled)),
        ("TaskStarted", task(t, TaskPhase::Started)),
        ("TaskStartFailed", task(t, TaskPhase::StartFailed)),
        (
            "TaskStateAborted",
            K::StateAborted {
                state_type: S::Task,
            },
        ),
        (
            "TaskStateEntered",
            K::StateEntered {
                state_type: S::Task,
            },
        ),
        (
            "TaskStateExited",
            K::StateExited {
                state_type: S::Task,
            },
        ),
        ("TaskSubmitFailed", task(t, TaskPhase::SubmitFailed)),
        ("TaskSubmitted", task(t, TaskPhase::Submitted)),
        ("TaskSucceeded", task(t, TaskPhase::Succeeded)),
        ("TaskTimedOut", task(t, TaskPhase::TimedOut)),
        (
            "WaitStateAborted",
            K::StateAborted {
                state_type: S::Wait,
            },
        ),
        (
            "WaitStateEntered",
            K::StateEntered {
                state_type: S::Wait,
            },
        ),
        (
            "WaitStateExited",
            K::StateExited {
                state_type: S::Wait,
            },
        ),
    ]
}

#[test]
fn every_aws_event_type_is_classified() {
    for (ty, kind) in aws_event_types() {
        assert_eq!(EventKind::of(ty), kind, "{ty}");
    }
}

#[test]
fn unknown_types_are_other() {
    for ty in [
        "",
        "Execution",
        "StateEntered",
        "LoopStateEntered",
        "TaskStateExitedLate",
        "MapIterationRedriven",
        "ExecutionPaused",
    ] {
        assert_eq!(EventKind::of(ty), EventKind::Other, "{ty:?}");
    }
}

/// Each event type the engine writes, by the events of machines that use every state type,
/// a retried and a failing task, inline and Distributed Maps, a Parallel, a timeout.
#[test]
fn every_type_the_engine_emits_is_known() {
    let known: std::collections::HashMap<&str, EventKind> = aws_event_types().into_iter().collect();
    let emitted = engine_event_types();
    for ty in &emitted {
        assert!(known.contains_key(ty.as_str()), "{ty} is not in the table");
        assert_ne!(EventKind::of(ty), EventKind::Other, "{ty}");
    }
    // The machines above do reach the kinds the window folds.
    for ty in [
        "ExecutionStarted",
        "ExecutionFailed",
        "TaskStateEntered",
        "TaskScheduled",
        "TaskFailed",
        "MapIterationStarted",
        "MapRunStarted",
        "ParallelStateSucceeded",
        "FailStateEntered",
    ] {
        assert!(emitted.contains(ty), "no {ty} emitted");
    }
}

/// "Flaky" fails its first try, "Bad" always fails, other tasks answer `{"ok": true}`.
struct Tasks;
impl TaskHandler for Tasks {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            match (req.state_name.as_str(), req.attempt) {
                ("Flaky", 0) | ("Bad", _) => Err(StatesError::new("Boom", "bad")),
                _ => Ok(json!({"ok": true})),
            }
        })
    }
}

fn engine_event_types() -> std::collections::BTreeSet<String> {
    let machines = [
        json!({"StartAt": "Flaky", "States": {
            "Flaky": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 1}],
                "ResultPath": null, "Next": "Route"},
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Hold"}], "Default": "Stop"},
            "Hold": {"Type": "Wait", "Seconds": 0, "Next": "Fork"},
            "Fork": {"Type": "Parallel", "Branches": [
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                    "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Pass", "End": true}}}, "End": true}}}
            ], "ResultPath": null, "Next": "Far"},
            "Far": {"Type": "Map", "ItemsPath": "$.items",
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "D", "States": {"D": {"Type": "Pass", "End": true}}},
                "ResultPath": null, "Next": "Bad"},
            "Bad": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "End": true},
            "Done": {"Type": "Succeed"},
            "Stop": {"Type": "Fail", "Error": "No"}
        }}),
        json!({"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "No"}}}),
        json!({"StartAt": "Fork", "States": {"Fork": {"Type": "Parallel", "Branches": [
            {"StartAt": "Bad", "States": {"Bad": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
        ], "End": true}}}),
        json!({"StartAt": "Each", "States": {"Each": {"Type": "Map",
            "ItemProcessor": {"StartAt": "Bad", "States": {"Bad": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
            "End": true}}}),
    ];
    let mut types = std::collections::BTreeSet::new();
    for def in machines {
        let sm = StateMachine::from_value(&def).expect("definition");
        let out = run_blocking(
            Arc::new(sm),
            json!({"ok": true, "items": [1, 2]}),
            ExecutionConfig::new(Arc::new(Tasks)),
        );
        for e in &out.events {
            let v = serde_json::to_value(e).expect("json");
            types.insert(v["type"].as_str().unwrap_or_default().to_string());
        }
    }
    types
}

#[test]
fn the_window_reads_a_tagged_kind() {
    assert_eq!(
        serde_json::to_value(EventKind::of("TaskStateEntered")).expect("json"),
        json!({"is": "stateEntered", "stateType": "Task"})
    );
    assert_eq!(
        serde_json::to_value(EventKind::of("LambdaFunctionTimedOut")).expect("json"),
        json!({"is": "task", "worker": "lambdaFunction", "phase": "timedOut"})
    );
    assert_eq!(
        serde_json::to_value(EventKind::of("X")).expect("json"),
        json!({"is": "other"})
    );
}

/// The UI tests build histories by AWS type; they read each type's kind from this file,
/// written from the table above, so tests and Rust classify alike.
#[test]
fn bindings_of_event_kinds_for_ui_tests_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/run/__fixtures__/eventKinds.json");
    let table: serde_json::Map<String, serde_json::Value> = aws_event_types()
        .into_iter()
        .map(|(ty, kind)| (ty.to_string(), serde_json::to_value(kind).expect("json")))
        .collect();
    let text = format!("{}\n", serde_json::to_string_pretty(&table).expect("json"));
    if std::env::var_os("STEPWISE_WRITE_BINDINGS").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("the fixtures folder");
        }
        std::fs::write(&path, &text).expect("write the fixture");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "{} is stale: run STEPWISE_WRITE_BINDINGS=1 cargo test -p stepwise-app",
        path.display()
    );
}
