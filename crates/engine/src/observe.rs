//! Watching and steering an execution from outside: the desktop app's debugger.
//!
//! An [`Observer`] sees every history event (also those of a Distributed Map's child
//! executions, which AWS keeps out of the parent history), every processing stage of every
//! state (what AWS's TestState API calls `inspectionData`), and may pause the run before a
//! state is entered, replacing that state's input. A run without an observer pays nothing.

use crate::history::HistoryEvent;
use serde_json::Value;

/// A processing stage of a state, in AWS's order. The names are TestState's
/// `inspectionData` fields. JSONPath states go through `AfterInputPath`, `AfterParameters`,
/// `AfterResultSelector` and `AfterResultPath`; JSONata states through `AfterArguments` and
/// `Variables` (the workflow variables once the state's Assign is applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
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

impl Stage {
    pub fn aws_name(self) -> &'static str {
        match self {
            Stage::Input => "input",
            Stage::AfterInputPath => "afterInputPath",
            Stage::AfterParameters => "afterParameters",
            Stage::AfterArguments => "afterArguments",
            Stage::Result => "result",
            Stage::AfterResultSelector => "afterResultSelector",
            Stage::AfterResultPath => "afterResultPath",
            Stage::Variables => "variables",
            Stage::Output => "output",
        }
    }
}

/// The child execution of a Distributed Map an event or a stage belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildRef {
    /// The id of the parent's `MapStateEntered` event.
    pub map_entered_id: u64,
    pub index: usize,
}

/// A state about to be entered, where the observer may pause.
#[derive(Debug)]
pub struct PauseAt<'a> {
    pub name: &'a str,
    pub input: &'a Value,
    /// The id the `*StateEntered` event will point back to.
    pub previous_event_id: u64,
    pub child: Option<ChildRef>,
}

/// How a paused execution goes on.
#[derive(Debug, Clone, PartialEq)]
pub enum Resume {
    /// Enter the state, with this input instead of its own when given.
    Continue(Option<Value>),
    /// Do not go on: the execution is being stopped through its abort signal.
    Abort,
}

/// Which transition a state left by: what coverage counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Via {
    /// Its `Next`.
    Next,
    /// The Choice rule at this index (0-based).
    Rule(usize),
    /// The Choice's `Default`.
    Default,
    /// The Catcher at this index (0-based).
    Catch(usize),
    /// It ended its scope (`End`, Succeed).
    End,
}

impl Via {
    /// A plain state's way out: its `Next` if it has one, else the end of its scope.
    pub fn of_next(next: Option<&str>) -> Via {
        match next {
            Some(_) => Via::Next,
            None => Via::End,
        }
    }
}

/// A state left successfully, how, and for where.
#[derive(Debug)]
pub struct Transition<'a> {
    pub from: &'a str,
    pub via: Via,
    /// The state entered next; `None` when the scope ends.
    pub to: Option<&'a str>,
    /// The variables the state assigned in its scope (its `Assign`, or its Catcher's).
    pub assigned: Option<&'a serde_json::Map<String, Value>>,
}

pub trait Observer: Send + Sync {
    /// An event was recorded (`child` is set for a Distributed Map child execution's).
    fn event(&self, child: Option<ChildRef>, event: &HistoryEvent) {
        let _ = (child, event);
    }

    /// A stage of the state entered at event `entered_id` produced `value`.
    fn stage(&self, child: Option<ChildRef>, entered_id: u64, stage: Stage, value: &Value) {
        let _ = (child, entered_id, stage, value);
    }

    /// A state was left successfully (also through a Catcher). Not called for a state that
    /// fails its scope.
    fn transition(&self, child: Option<ChildRef>, transition: &Transition<'_>) {
        let _ = (child, transition);
    }

    /// State `name`, entered at event `entered_id`, failed an attempt and its Retrier at
    /// `retrier` (0-based) will retry it.
    fn retried(&self, child: Option<ChildRef>, entered_id: u64, name: &str, retrier: usize) {
        let _ = (child, entered_id, name, retrier);
    }

    /// Whether to pause before entering state `name`; cheap, asked before every state.
    fn wants_pause(&self, name: &str) -> bool {
        let _ = name;
        false
    }

    /// Called on a blocking thread when [`Observer::wants_pause`] said yes; blocks until the
    /// user resumes. While it blocks, virtual time stands still.
    fn pause(&self, at: PauseAt<'_>) -> Resume {
        let _ = at;
        Resume::Continue(None)
    }
}
