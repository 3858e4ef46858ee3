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
mod tests;
