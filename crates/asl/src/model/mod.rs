//! The typed model of a state machine. Every field AWS accepts today is a typed field;
//! anything else lands in `extra` so that nothing is lost on the way back out.
//!
//! Struct fields are declared in the order AWS's documentation lists them, which is the
//! order the exporter uses for fields the source did not have.

mod choice;
mod map;
mod states;

pub use choice::{ChoiceRule, Comparison, ComparisonOperator, Condition, OperandKind};
pub use map::{
    ItemBatcher, ItemProcessor, ItemReader, MapState, ProcessorConfig, ProcessorMode, ResultWriter,
};

pub use states::{
    ChoiceState, FailState, ParallelState, PassState, SucceedState, TaskState, WaitState,
};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Fields the model does not know, kept in source order.
pub type Extra = Map<String, Value>;

/// `JSONPath` or `JSONata`, at machine level or per state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum QueryLanguage {
    #[default]
    #[serde(rename = "JSONPath")]
    JsonPath,
    #[serde(rename = "JSONata")]
    Jsonata,
}

impl QueryLanguage {
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

impl fmt::Display for QueryLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A number, or (in JSONata states) a `{% ... %}` expression that yields one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumberOrExpr {
    Number(Number),
    Expression(String),
}

/// A whole state machine, or the body of a Parallel branch or Map processor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateMachine {
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(
        rename = "QueryLanguage",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub query_language: Option<QueryLanguage>,
    #[serde(rename = "StartAt")]
    pub start_at: String,
    #[serde(rename = "States")]
    pub states: IndexMap<String, State>,
    #[serde(rename = "Version", skip_serializing_if = "Option::is_none", default)]
    pub version: Option<String>,
    #[serde(
        rename = "TimeoutSeconds",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub timeout_seconds: Option<Number>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The eight state types. The `Type` field is the tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "Type")]
pub enum State {
    Task(TaskState),
    Pass(PassState),
    Choice(ChoiceState),
    Wait(WaitState),
    Succeed(SucceedState),
    Fail(FailState),
    Parallel(ParallelState),
    Map(Box<MapState>),
}

/// The eight values of `Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    pub const ALL: [StateType; 8] = [
        StateType::Task,
        StateType::Pass,
        StateType::Choice,
        StateType::Wait,
        StateType::Succeed,
        StateType::Fail,
        StateType::Parallel,
        StateType::Map,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        StateType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StateType::Task => "Task",
            StateType::Pass => "Pass",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
        }
    }

    /// Succeed and Fail end an execution (or a branch); Choice transitions through its rules.
    pub fn is_terminal(self) -> bool {
        matches!(self, StateType::Succeed | StateType::Fail)
    }

    /// Whether a state of this type hands over with `Next` or `End` (all but Choice, Succeed
    /// and Fail). The editor, the validator and the window's palette (through a generated
    /// table) all ask this.
    pub fn takes_next_or_end(self) -> bool {
        !self.is_terminal() && self != StateType::Choice
    }
}

impl fmt::Display for StateType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a state hands over: to a named state, or by ending its scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    Next(String),
    End,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Retrier {
    #[serde(rename = "ErrorEquals")]
    pub error_equals: Vec<String>,
    #[serde(
        rename = "IntervalSeconds",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub interval_seconds: Option<Number>,
    #[serde(
        rename = "MaxAttempts",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_attempts: Option<Number>,
    #[serde(
        rename = "BackoffRate",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub backoff_rate: Option<Number>,
    #[serde(
        rename = "MaxDelaySeconds",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_delay_seconds: Option<Number>,
    #[serde(
        rename = "JitterStrategy",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub jitter_strategy: Option<JitterStrategy>,
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JitterStrategy {
    #[serde(rename = "FULL")]
    Full,
    #[serde(rename = "NONE")]
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catcher {
    #[serde(rename = "ErrorEquals")]
    pub error_equals: Vec<String>,
    #[serde(rename = "Next")]
    pub next: String,
    #[serde(
        rename = "ResultPath",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable"
    )]
    pub result_path: Option<Value>,
    #[serde(rename = "Output", skip_serializing_if = "Option::is_none", default)]
    pub output: Option<Value>,
    #[serde(rename = "Assign", skip_serializing_if = "Option::is_none", default)]
    pub assign: Option<Value>,
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Fields shared by every state type that has them. Which apply to which type (and query
/// language) is the validator's business; the model just carries them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Common {
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(
        rename = "QueryLanguage",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub query_language: Option<QueryLanguage>,
    /// `InputPath`: a path, or `null` to discard the input (so `Some(Value::Null)` is kept).
    #[serde(
        rename = "InputPath",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable"
    )]
    pub input_path: Option<Value>,
    #[serde(
        rename = "OutputPath",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable"
    )]
    pub output_path: Option<Value>,
    #[serde(rename = "Assign", skip_serializing_if = "Option::is_none", default)]
    pub assign: Option<Value>,
    /// JSONata `Output`: any JSON value, `null` included (so `Some(Value::Null)` is kept: AWS
    /// outputs `null`, recorded in shared/conformance/extra/outputdecl/base_output_any_non_dict__NULL).
    #[serde(
        rename = "Output",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable"
    )]
    pub output: Option<Value>,
}

/// `Next` / `End` of the states that have them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Flow {
    #[serde(rename = "Next", skip_serializing_if = "Option::is_none", default)]
    pub next: Option<String>,
    #[serde(rename = "End", skip_serializing_if = "Option::is_none", default)]
    pub end: Option<bool>,
}

impl Flow {
    pub fn transition(&self) -> Option<Transition> {
        match (&self.next, self.end) {
            (Some(n), _) => Some(Transition::Next(n.clone())),
            (None, Some(true)) => Some(Transition::End),
            _ => None,
        }
    }
}

/// Keeps an explicit JSON `null` as `Some(Value::Null)`: for InputPath, OutputPath and
/// ResultPath, `null` means "discard" and differs from "absent".
fn nullable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl State {
    pub fn state_type(&self) -> StateType {
        match self {
            State::Task(_) => StateType::Task,
            State::Pass(_) => StateType::Pass,
            State::Choice(_) => StateType::Choice,
            State::Wait(_) => StateType::Wait,
            State::Succeed(_) => StateType::Succeed,
            State::Fail(_) => StateType::Fail,
            State::Parallel(_) => StateType::Parallel,
            State::Map(_) => StateType::Map,
        }
    }

    pub fn comment(&self) -> Option<&str> {
        match self {
            State::Fail(f) => f.comment.as_deref(),
            other => other.common().and_then(|c| c.comment.as_deref()),
        }
    }

    /// The fields shared by all states but Fail.
    pub fn common(&self) -> Option<&Common> {
        match self {
            State::Task(s) => Some(&s.common),
            State::Pass(s) => Some(&s.common),
            State::Choice(s) => Some(&s.common),
            State::Wait(s) => Some(&s.common),
            State::Succeed(s) => Some(&s.common),
            State::Fail(_) => None,
            State::Parallel(s) => Some(&s.common),
            State::Map(s) => Some(&s.common),
        }
    }

    /// The query language the state declares, if it declares one.
    pub fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            State::Fail(f) => f.query_language,
            other => other.common().and_then(|c| c.query_language),
        }
    }

    /// `Next`/`End` for states that have them.
    pub fn flow(&self) -> Option<&Flow> {
        match self {
            State::Task(s) => Some(&s.flow),
            State::Pass(s) => Some(&s.flow),
            State::Wait(s) => Some(&s.flow),
            State::Parallel(s) => Some(&s.flow),
            State::Map(s) => Some(&s.flow),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => None,
        }
    }

    pub fn retry(&self) -> &[Retrier] {
        match self {
            State::Task(s) => s.retry.as_deref().unwrap_or(&[]),
            State::Parallel(s) => s.retry.as_deref().unwrap_or(&[]),
            State::Map(s) => s.retry.as_deref().unwrap_or(&[]),
            _ => &[],
        }
    }

    pub fn catch(&self) -> &[Catcher] {
        match self {
            State::Task(s) => s.catch.as_deref().unwrap_or(&[]),
            State::Parallel(s) => s.catch.as_deref().unwrap_or(&[]),
            State::Map(s) => s.catch.as_deref().unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Every state this one can move to, in the order a reader meets them: Choice rules then
    /// Default, `Next`, then Catch targets.
    pub fn successors(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if let State::Choice(c) = self {
            out.extend(c.choices.iter().filter_map(|r| r.next.as_deref()));
            out.extend(c.default.as_deref());
        }
        if let Some(next) = self.flow().and_then(|f| f.next.as_deref()) {
            out.push(next);
        }
        out.extend(self.catch().iter().map(|c| c.next.as_str()));
        out
    }

    /// The nested state machines: Parallel branches, or a Map's processor.
    pub fn children(&self) -> Vec<&StateMachine> {
        match self {
            State::Parallel(p) => p.branches.iter().collect(),
            State::Map(m) => m.processor().into_iter().collect(),
            _ => Vec::new(),
        }
    }
}

impl StateMachine {
    /// Builds the typed model from a JSON value. The validator reports problems with every
    /// pointer; this reports only the first it meets, so run the validator first.
    pub fn from_value(value: &Value) -> Result<Self, serde_json::Error> {
        StateMachine::deserialize(value)
    }

    /// The query language of the machine (JSONPath when unset, as AWS).
    pub fn query_language_or_default(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }

    /// Every state of the machine, nested ones included, with its JSON Pointer, depth-first
    /// in source order.
    pub fn walk(&self) -> Vec<(String, &str, &State)> {
        let mut out = Vec::new();
        walk_into(self, "", &mut out);
        out
    }
}

fn walk_into<'a>(sm: &'a StateMachine, base: &str, out: &mut Vec<(String, &'a str, &'a State)>) {
    let states_ptr = crate::pointer::Pointer::root();
    for (name, state) in &sm.states {
        let ptr = format!("{base}/States{}", states_ptr.key(name));
        out.push((ptr.clone(), name.as_str(), state));
        match state {
            State::Parallel(p) => {
                for (i, b) in p.branches.iter().enumerate() {
                    walk_into(b, &format!("{ptr}/Branches/{i}"), out);
                }
            }
            State::Map(m) => {
                if let Some((field, proc_sm)) = m.processor_with_field() {
                    walk_into(proc_sm, &format!("{ptr}/{field}"), out);
                }
            }
            _ => {}
        }
    }
}
