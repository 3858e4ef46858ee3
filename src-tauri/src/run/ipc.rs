//! The run and debug types that cross the IPC boundary (exported to `ui/src/bindings/`).
//!
//! Events are AWS's `GetExecutionHistory` events, normalised in Rust into [`RunEvent`]: the
//! same rows for a live run, a run read back from the database and a history exported from
//! AWS, so the canvas animates all three the same way.

use serde::{Deserialize, Serialize};
use stepwise_engine::observe::Stage;
use ts_rs::TS;

pub use super::kind::{
    EventKind, ExecutionPhase, MapRunPhase, Phase, StateType, TaskPhase, TaskWorker,
};

/// How the Task states of a run are answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(tag = "kind", rename_all = "camelCase")]
pub enum TaskSource {
    /// A Step Functions Local mock config and one of its test cases.
    #[serde(rename_all = "camelCase")]
    #[ts(rename_all = "camelCase")]
    Mocks { path: String, test_case: String },
    /// A handlers file (local commands, a local Lambda emulator).
    Handlers { path: String },
    /// Pause at each Task and ask the user for its result or error.
    Ask,
}

/// What Run starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunRequest {
    /// The execution input as JSON text.
    pub input: String,
    pub tasks: TaskSource,
    /// State names to pause before entering.
    pub breakpoints: Vec<String>,
    /// Pause before the first state (Step from the start).
    pub pause_at_start: bool,
    /// Run from this state of the machine's top level instead of `StartAt` ("Run from here"),
    /// with the input as that state's input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub start_at: Option<String>,
    /// Values for the definition's `${Name}` placeholders, over what the project gives them
    /// (the run panel's placeholder fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub substitutions: Option<std::collections::BTreeMap<String, String>>,
}

/// A mock config or handlers file found next to the document or picked by the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunFile {
    pub path: String,
    pub kind: RunFileKind,
    /// The test cases a mock config has for this state machine (all of them when it names
    /// none after this file).
    pub test_cases: Vec<String>,
    /// Why the file cannot be used (unreadable, not a mock config, ...).
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename_all = "lowercase")]
pub enum RunFileKind {
    Mocks,
    Handlers,
}

/// An input saved under a name for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SavedInput {
    pub name: String,
    pub input: String,
}

/// What the run panel shows before a run: the last input, saved inputs, the task sources
/// found, the runs kept for this document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunSetup {
    /// The input of the last run of this document, else its example input, else `{}`.
    pub input: String,
    pub saved_inputs: Vec<SavedInput>,
    /// Mock configs and handlers files found next to the document, and those picked before.
    pub files: Vec<RunFile>,
    /// The task source of the last run, when there was one.
    pub last_tasks: Option<TaskSource>,
    pub breakpoints: Vec<String>,
    pub runs: Vec<RunSummary>,
    /// The run going on now, if any.
    pub active: Option<RunStatusUpdate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum RunStatus {
    Running,
    Paused,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

/// Where a run came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum RunOrigin {
    /// Run here.
    Local,
    /// Run here again from a failed state of another run (like AWS redrive).
    Redrive,
    /// A history exported from AWS (`get-execution-history`), opened for replay.
    Imported,
    /// The execution of a test of the Tests panel.
    Test,
    /// An execution a client started through the Step Functions API (`stepwise serve` in the
    /// studio, or a server it is attached to).
    Server,
    /// An execution in an AWS account (or an endpoint standing for one), replayed from its
    /// history or followed live.
    Cloud,
}

/// One run in the list of runs kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunSummary {
    pub id: String,
    /// The execution name (as `$$.Execution.Name`).
    pub name: String,
    pub status: RunStatus,
    pub origin: RunOrigin,
    /// Milliseconds since the epoch.
    pub started_ms: f64,
    /// `null` while running.
    pub duration_ms: Option<f64>,
    pub event_count: u32,
    pub input: String,
    /// The execution output as JSON text, when it succeeded.
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// For a redrive, the run it started from.
    pub redrive_of: Option<String>,
}

/// A kept run, opened: its summary and its whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunRecord {
    pub summary: RunSummary,
    pub events: Vec<RunEvent>,
}

/// One Map iteration an event belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct IterationRef {
    /// The Map state's name.
    pub map: String,
    pub index: u32,
}

/// A processing stage of a state, by TestState's `inspectionData` field name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum StageName {
    Input,
    AfterInputPath,
    AfterParameters,
    AfterArguments,
    Result,
    AfterResultSelector,
    AfterResultPath,
    Variables,
    Output,
}

impl From<Stage> for StageName {
    fn from(stage: Stage) -> StageName {
        match stage {
            Stage::Input => StageName::Input,
            Stage::AfterInputPath => StageName::AfterInputPath,
            Stage::AfterParameters => StageName::AfterParameters,
            Stage::AfterArguments => StageName::AfterArguments,
            Stage::Result => StageName::Result,
            Stage::AfterResultSelector => StageName::AfterResultSelector,
            Stage::AfterResultPath => StageName::AfterResultPath,
            Stage::Variables => StageName::Variables,
            Stage::Output => StageName::Output,
        }
    }
}

impl StageName {
    /// The stage AWS (and a kept run's trace) names `name`; `None` for a name it does not use.
    pub fn parse(name: &str) -> Option<StageName> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}

/// One processing stage of a state, as the engine computed it (TestState's
/// `inspectionData`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct StageValue {
    pub stage: StageName,
    /// The value as compact JSON text (the window indents what it shows).
    pub value: String,
}

/// One history event, normalised for the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunEvent {
    pub id: u32,
    pub previous_event_id: u32,
    /// As AWS writes it.
    pub timestamp: String,
    /// Milliseconds since the execution started ("Started after" in the AWS console).
    pub elapsed_ms: f64,
    /// AWS's event type, e.g. `TaskStateEntered`, `TaskFailed`, `MapIterationStarted`: shown,
    /// exported and searched, never matched on (the window reads `kind`).
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub event_type: String,
    /// What the event means, classified from its type once, here.
    pub kind: EventKind,
    /// The state the event belongs to (the console's "Step" column).
    pub state: Option<String>,
    /// The entered event id of the Map or Parallel state the event is inside; `null` at the
    /// top level.
    pub parent: Option<u32>,
    /// The Map iterations the event is in, outermost first.
    pub iterations: Vec<IterationRef>,
    /// The index of the Parallel branch the event is in, innermost.
    pub branch: Option<u32>,
    /// For a Distributed Map's child executions: their events have ids of their own.
    pub child: bool,
    /// `resourceType:resource` of task events.
    pub resource: Option<String>,
    /// Input or output as compact JSON text, as AWS writes it.
    pub input: Option<String>,
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// `MapStateStarted`'s `length`.
    pub length: Option<u32>,
    /// The processing stages of the state this `*StateExited` (or failure) event ends.
    pub stages: Vec<StageValue>,
    /// The event's details object as AWS writes it, as compact JSON text, less `input` and
    /// `output` (in the fields above); `null` when nothing else is in it.
    pub details: Option<String>,
}

/// Where a run is paused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PauseInfo {
    /// The state about to be entered.
    pub state: String,
    /// Its input, pretty JSON text; the user may edit it before continuing.
    pub input: String,
    pub reason: PauseReason,
    pub iterations: Vec<IterationRef>,
}

/// Why a run paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum PauseReason {
    /// A breakpoint on the state.
    Breakpoint,
    /// Stepping: the run pauses before each state.
    Step,
    /// Step from the start: before the first state.
    Start,
}

/// A Task waiting for the user ("ask me").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TaskQuestion {
    pub id: u32,
    pub state: String,
    pub resource: String,
    /// The effective input (after InputPath and Parameters), pretty JSON text.
    pub input: String,
    /// 0 on the first try.
    pub attempt: u32,
    /// The result the machine expects, from the definition; `null` when it cannot tell.
    pub shape: Option<TaskShape>,
}

/// What a Task's result should look like: the resource's wrapper and the fields the machine
/// reads from it (its ResultSelector, Assign, and the next state through ResultPath).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TaskShape {
    /// A result to start from, pretty JSON text.
    pub template: String,
    /// `lambdaInvoke` when the resource returns AWS's invocation metadata with the function's
    /// result in `Payload`; `null` when the result is returned as is.
    pub wrapper: Option<String>,
    pub reads: Vec<ShapeField>,
}

/// A field of a Task's result the machine reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ShapeField {
    /// Where in the result: `$.Payload.valid`.
    pub path: String,
    /// Who reads it: `ResultSelector "valid.$"`, `Choice "Is Order Valid?" rule 1 (...)`.
    pub readers: Vec<String>,
    /// Why the result as the resource returns it cannot have this field, if it cannot.
    pub problem: Option<String>,
}

/// The user's answer to a [`TaskQuestion`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(tag = "kind", rename_all = "camelCase")]
pub enum TaskAnswer {
    /// The task result, JSON text.
    Return { output: String },
    /// The task fails with this error.
    Throw { error: String, cause: String },
}

/// Sent on the run channel whenever a run starts, pauses, resumes, asks or ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunStatusUpdate {
    pub summary: RunSummary,
    pub pause: Option<PauseInfo>,
    /// Tasks waiting for an answer, oldest first.
    pub questions: Vec<TaskQuestion>,
}

/// Sent on the run channel: events of the active run, in order, a batch at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunEventBatch {
    pub run_id: String,
    pub events: Vec<RunEvent>,
}

/// What the run channel carries, in order: event batches and status updates of the active
/// run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(tag = "kind", rename_all = "camelCase")]
pub enum RunMessage {
    Events(RunEventBatch),
    Status(Box<RunStatusUpdate>),
}

/// How a paused run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum ResumeMode {
    /// Run until the next breakpoint.
    Continue,
    /// Pause again before the next state.
    Step,
}

/// The data-flow preview of one state (AWS TestState with `inspectionLevel: DEBUG`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PreviewRequest {
    /// JSON Pointer of the state.
    pub pointer: String,
    /// The state input, JSON text.
    pub input: String,
    /// For a Task: what the task returns, JSON text; `null` with `error` set to fail it.
    pub result: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// Workflow variables, a JSON object as text; empty for none.
    pub variables: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[ts(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PreviewStatus {
    Succeeded,
    Failed,
    /// A retrier matches the error: the state would run again.
    Retriable,
    /// A catcher matches the error: the run goes on at `nextState`.
    CaughtError,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct PreviewReply {
    pub status: PreviewStatus,
    pub stages: Vec<StageValue>,
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    pub next_state: Option<String>,
}

/// A JSONata field's value evaluated on a sample input: the inspector's live preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ExpressionRequest {
    /// The field as the editor holds it: `{% ... %}`, or JSON whose strings may be `{% ... %}`.
    pub text: String,
    /// `$states.input`, JSON text.
    pub input: String,
    /// `$states.result` (a Task's mocked result), JSON text; `null` when the field has none.
    pub result: Option<String>,
    /// Workflow variables, a JSON object as text; empty for none.
    pub variables: String,
}

/// The value of an [`ExpressionRequest`], or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ExpressionReply {
    /// The value as pretty JSON; `null` for JSONata's undefined (and on an error).
    pub value: Option<String>,
    pub error: Option<ExpressionError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ExpressionError {
    /// JSONata's code (`S0201`, `T2001`, ...), or `input` / `variables` / `result` for sample
    /// text that is not JSON.
    pub code: String,
    pub message: String,
    /// Where in `text` (characters) JSONata puts the error: just after the token at fault.
    pub position: Option<u32>,
}
