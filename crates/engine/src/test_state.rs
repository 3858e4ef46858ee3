//! One state on its own, as AWS's TestState API runs it with `inspectionLevel: DEBUG`: the
//! state's input, every processing stage (`inspectionData`: JSONPath's `afterInputPath` ...
//! `afterResultPath`, JSONata's `afterArguments`, `result` and `variables`), its output or
//! error, the next
//! state, and a status of `SUCCEEDED`, `FAILED`, `RETRIABLE` (a retrier matches the error) or
//! `CAUGHT_ERROR` (a catcher matches).
//!
//! It runs on the real interpreter, not a copy of its rules: the state's scope starts at the
//! state, an observer collects the stages and stops the run before the next state is entered.
//! <https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html>

use crate::exec::{run_blocking, ExecutionConfig, Status};
use crate::history::HistoryEvent;
use crate::observe::{ChildRef, Observer, PauseAt, Resume, Stage};
use crate::task::{TaskFuture, TaskHandler, TaskRequest};
use crate::StatesError;
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use stepwise_asl::model::{State, StateMachine};
use tokio::sync::watch;

/// What a state is tested with.
#[derive(Debug, Clone, Default)]
pub struct TestStateInput {
    pub input: Value,
    /// What every Task invocation returns (or fails with); `None` fails a Task with a cause
    /// saying a result is needed.
    pub task_result: Option<Result<Value, StatesError>>,
    pub variables: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestStatus {
    Succeeded,
    Failed,
    Retriable,
    CaughtError,
}

#[derive(Debug, Clone)]
pub struct TestStateOutcome {
    pub status: TestStatus,
    /// The state's output; for a caught error, what the catcher passes on.
    pub output: Option<Value>,
    pub error: Option<StatesError>,
    pub next_state: Option<String>,
    /// The stages in the order the engine computed them.
    pub stages: Vec<(Stage, Value)>,
}

/// Tests state `name` of `scope` (the machine, or the Parallel branch / Map processor the
/// state is in). `None` when the scope has no such state.
pub fn test_state(
    scope: &StateMachine,
    name: &str,
    with: TestStateInput,
) -> Option<TestStateOutcome> {
    // Only these have Catch; when one catches, the state's output is the catcher's, and the
    // state never reached ResultPath.
    let catchable = matches!(
        scope.states.get(name)?,
        State::Task(_) | State::Parallel(_) | State::Map(_)
    );
    let (stop, abort) = watch::channel(false);
    let probe = Arc::new(Probe {
        top_level: scope.states.keys().cloned().collect(),
        stop,
        seen: Mutex::new(Seen::default()),
    });
    let handler = Arc::new(Fixed {
        result: with.task_result,
        calls: AtomicU32::new(0),
        probe: probe.clone(),
    });
    let mut config = ExecutionConfig::new(handler);
    config.observer = Some(probe.clone());
    config.abort = Some(abort);
    config.start_at = Some(name.to_string());
    config.variables = with.variables;
    config.seed = Some(0);
    let outcome = run_blocking(Arc::new(scope.clone()), with.input, config);
    let seen = match probe.seen.lock() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    };
    let (status, output, error) = if seen.retriable {
        (TestStatus::Retriable, None, seen.task_error)
    } else if seen.next_state.is_some() {
        // A state that finished its own processing reached ResultPath (JSONPath) or applied
        // its Assign (JSONata, whose `variables` stage comes last).
        let reached_result_path = seen
            .stages
            .iter()
            .any(|(s, _)| matches!(s, Stage::AfterResultPath | Stage::Variables));
        if catchable && !reached_result_path {
            (TestStatus::CaughtError, seen.next_input, seen.task_error)
        } else {
            (TestStatus::Succeeded, seen.output, None)
        }
    } else {
        match outcome.status {
            Status::Succeeded => (TestStatus::Succeeded, outcome.output, None),
            _ => (TestStatus::Failed, None, outcome.error),
        }
    };
    Some(TestStateOutcome {
        status,
        output,
        error,
        next_state: seen.next_state,
        stages: seen.stages,
    })
}

#[derive(Default, Clone)]
struct Seen {
    first_entered: Option<u64>,
    stages: Vec<(Stage, Value)>,
    output: Option<Value>,
    next_state: Option<String>,
    next_input: Option<Value>,
    retriable: bool,
    task_error: Option<StatesError>,
}

struct Probe {
    top_level: Vec<String>,
    stop: watch::Sender<bool>,
    seen: Mutex<Seen>,
}

impl Probe {
    fn with<T>(&self, f: impl FnOnce(&mut Seen) -> T) -> T {
        match self.seen.lock() {
            Ok(mut g) => f(&mut g),
            Err(p) => f(&mut p.into_inner()),
        }
    }
}

impl Observer for Probe {
    fn event(&self, child: Option<ChildRef>, event: &HistoryEvent) {
        if child.is_some() {
            return;
        }
        self.with(|s| {
            if s.first_entered.is_none() && event.event_type.ends_with("StateEntered") {
                s.first_entered = Some(event.id);
            }
        });
    }

    fn stage(&self, child: Option<ChildRef>, entered_id: u64, stage: Stage, value: &Value) {
        if child.is_some() {
            return;
        }
        self.with(|s| {
            if s.first_entered == Some(entered_id) {
                s.stages.push((stage, value.clone()));
                if stage == Stage::Output {
                    s.output = Some(value.clone());
                }
            }
        });
    }

    fn wants_pause(&self, name: &str) -> bool {
        self.with(|s| s.first_entered.is_some()) && self.top_level.iter().any(|n| n == name)
    }

    fn pause(&self, at: PauseAt<'_>) -> Resume {
        if at.child.is_some() {
            return Resume::Continue(None);
        }
        self.with(|s| {
            s.next_state = Some(at.name.to_string());
            s.next_input = Some(at.input.clone());
        });
        let _ = self.stop.send(true);
        Resume::Abort
    }
}

/// Answers every Task with the given result; a second invocation of the tested state is a
/// retry, which TestState reports as `RETRIABLE` instead of running.
struct Fixed {
    result: Option<Result<Value, StatesError>>,
    calls: AtomicU32,
    probe: Arc<Probe>,
}

impl TaskHandler for Fixed {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        if call > 0 && req.attempt > 0 {
            // Stop before the retry runs; the backoff's sleep lets the abort win.
            self.probe.with(|s| s.retriable = true);
            let _ = self.probe.stop.send(true);
        }
        let result = match &self.result {
            Some(r) => r.clone(),
            None => Err(StatesError::new(
                crate::error::names::RUNTIME,
                format!(
                    "Give the result (or error) the task of state '{}' returns to preview it",
                    req.state_name
                ),
            )),
        };
        if let Err(e) = &result {
            self.probe.with(|s| s.task_error = Some(e.clone()));
        }
        Box::pin(async move { result })
    }
}
