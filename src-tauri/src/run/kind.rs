//! What a history event means, classified once from AWS's event type.
//!
//! AWS names its history events by convention (`<StateType>StateEntered`, `Task*`,
//! `LambdaFunction*`, `MapIteration*`, ...). Rust reads that convention here, in one place, and
//! the window switches over [`EventKind`] (exhaustively, checked by the TypeScript compiler)
//! instead of matching suffixes of the type.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The eight state types, as a run event names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum StateType {
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}

impl StateType {
    fn parse(name: &str) -> Option<StateType> {
        use stepwise_asl::model::StateType as Asl;
        Some(match Asl::parse(name)? {
            Asl::Task => StateType::Task,
            Asl::Pass => StateType::Pass,
            Asl::Choice => StateType::Choice,
            Asl::Wait => StateType::Wait,
            Asl::Succeed => StateType::Succeed,
            Asl::Fail => StateType::Fail,
            Asl::Parallel => StateType::Parallel,
            Asl::Map => StateType::Map,
        })
    }
}

/// How far a Map state, a Parallel state or a Map iteration got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum Phase {
    Started,
    Succeeded,
    Failed,
    Aborted,
}

/// How far an execution (the run's, or a Distributed Map child's) got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum ExecutionPhase {
    Started,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
    /// Run again from its failed states.
    Redriven,
}

/// How far a Distributed Map's Map Run got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum MapRunPhase {
    Started,
    Succeeded,
    Failed,
    Aborted,
    Redriven,
}

/// Who does a Task state's work: a service integration (`Task*`), a Lambda function named by
/// ARN (`LambdaFunction*`) or an activity worker (`Activity*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum TaskWorker {
    Task,
    LambdaFunction,
    Activity,
}

/// How far a Task state's work got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum TaskPhase {
    Scheduled,
    ScheduleFailed,
    Started,
    StartFailed,
    Submitted,
    SubmitFailed,
    Succeeded,
    Failed,
    TimedOut,
}

impl TaskPhase {
    /// The task failed (or could not be scheduled, started or submitted, or timed out).
    pub fn failed(self) -> bool {
        matches!(
            self,
            TaskPhase::ScheduleFailed
                | TaskPhase::StartFailed
                | TaskPhase::SubmitFailed
                | TaskPhase::Failed
                | TaskPhase::TimedOut
        )
    }
}

/// What a history event means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "is", rename_all = "camelCase")]
#[ts(tag = "is", rename_all = "camelCase")]
pub enum EventKind {
    /// `Execution*`: of the run, or of a Distributed Map child execution (`RunEvent::child`).
    Execution { phase: ExecutionPhase },
    /// `<Type>StateEntered`.
    #[serde(rename_all = "camelCase")]
    #[ts(rename_all = "camelCase")]
    StateEntered { state_type: StateType },
    /// `<Type>StateExited`.
    #[serde(rename_all = "camelCase")]
    #[ts(rename_all = "camelCase")]
    StateExited { state_type: StateType },
    /// `TaskStateAborted`, `WaitStateAborted`, ...: the state was stopped while it ran.
    #[serde(rename_all = "camelCase")]
    #[ts(rename_all = "camelCase")]
    StateAborted { state_type: StateType },
    /// The work of a Task state.
    Task {
        worker: TaskWorker,
        phase: TaskPhase,
    },
    /// `MapState{Started,Succeeded,Failed,Aborted}`: the Map state's processing of its items.
    Map { phase: Phase },
    /// `ParallelState{Started,Succeeded,Failed,Aborted}`: its branches.
    Parallel { phase: Phase },
    /// `MapIteration*`: one item of an inline Map.
    Iteration { phase: Phase },
    /// `MapRun*`: a Distributed Map's run of child executions.
    MapRun { phase: MapRunPhase },
    /// `EvaluationFailed`: an expression of the state could not be evaluated.
    EvaluationFailed,
    /// A type this app does not know (a newer AWS event): shown, not folded.
    Other,
}

impl EventKind {
    /// Classifies AWS's event type.
    pub fn of(event_type: &str) -> EventKind {
        let state = |suffix: &str| event_type.strip_suffix(suffix).and_then(StateType::parse);
        if let Some(state_type) = state("StateEntered") {
            return EventKind::StateEntered { state_type };
        }
        if let Some(state_type) = state("StateExited") {
            return EventKind::StateExited { state_type };
        }
        let phase = |rest: &str| match rest {
            "Started" => Some(Phase::Started),
            "Succeeded" => Some(Phase::Succeeded),
            "Failed" => Some(Phase::Failed),
            "Aborted" => Some(Phase::Aborted),
            _ => None,
        };
        let after = |prefix: &str| event_type.strip_prefix(prefix);
        if let Some(phase) = after("MapState").and_then(phase) {
            return EventKind::Map { phase };
        }
        if let Some(phase) = after("ParallelState").and_then(phase) {
            return EventKind::Parallel { phase };
        }
        if let Some(phase) = after("MapIteration").and_then(phase) {
            return EventKind::Iteration { phase };
        }
        if let Some(state_type) = state("StateAborted") {
            return EventKind::StateAborted { state_type };
        }
        if let Some(phase) = after("MapRun").and_then(|rest| match rest {
            "Redriven" => Some(MapRunPhase::Redriven),
            other => phase(other).map(|p| match p {
                Phase::Started => MapRunPhase::Started,
                Phase::Succeeded => MapRunPhase::Succeeded,
                Phase::Failed => MapRunPhase::Failed,
                Phase::Aborted => MapRunPhase::Aborted,
            }),
        }) {
            return EventKind::MapRun { phase };
        }
        if let Some(phase) = after("Execution").and_then(|rest| match rest {
            "Started" => Some(ExecutionPhase::Started),
            "Succeeded" => Some(ExecutionPhase::Succeeded),
            "Failed" => Some(ExecutionPhase::Failed),
            "TimedOut" => Some(ExecutionPhase::TimedOut),
            "Aborted" => Some(ExecutionPhase::Aborted),
            "Redriven" => Some(ExecutionPhase::Redriven),
            _ => None,
        }) {
            return EventKind::Execution { phase };
        }
        let task_phase = |rest: &str| match rest {
            "Scheduled" => Some(TaskPhase::Scheduled),
            "ScheduleFailed" => Some(TaskPhase::ScheduleFailed),
            "Started" => Some(TaskPhase::Started),
            "StartFailed" => Some(TaskPhase::StartFailed),
            "Submitted" => Some(TaskPhase::Submitted),
            "SubmitFailed" => Some(TaskPhase::SubmitFailed),
            "Succeeded" => Some(TaskPhase::Succeeded),
            "Failed" => Some(TaskPhase::Failed),
            "TimedOut" => Some(TaskPhase::TimedOut),
            _ => None,
        };
        for (prefix, worker) in [
            ("Task", TaskWorker::Task),
            ("LambdaFunction", TaskWorker::LambdaFunction),
            ("Activity", TaskWorker::Activity),
        ] {
            if let Some(phase) = after(prefix).and_then(task_phase) {
                return EventKind::Task { worker, phase };
            }
        }
        if event_type == "EvaluationFailed" {
            return EventKind::EvaluationFailed;
        }
        EventKind::Other
    }

    /// The event ends a state or one try of it, so it carries that try's processing stages:
    /// an exit, a Fail state's entry, or a failure of the state itself (its task, its Map or
    /// Parallel, an expression), not of a Map item, a Map Run or an execution.
    pub fn ends_state(self) -> bool {
        match self {
            EventKind::StateExited { .. } | EventKind::EvaluationFailed => true,
            EventKind::StateEntered { state_type } => state_type == StateType::Fail,
            EventKind::Task { phase, .. } => phase.failed(),
            EventKind::Map { phase } | EventKind::Parallel { phase } => phase == Phase::Failed,
            EventKind::Execution { .. }
            | EventKind::StateAborted { .. }
            | EventKind::Iteration { .. }
            | EventKind::MapRun { .. }
            | EventKind::Other => false,
        }
    }
}

#[cfg(test)]
mod tests {
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
        let known: std::collections::HashMap<&str, EventKind> =
            aws_event_types().into_iter().collect();
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
}
