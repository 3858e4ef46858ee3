//! The query language of a state: how its data moves in and out. Chosen once per state, from
//! its `QueryLanguage`, else the machine's (AWS guide, "QueryLanguage"); each state type asks
//! it for its stages and never looks at which language it is.
//!
//! - JSONPath: InputPath → Parameters → (work) → ResultSelector → Assign → ResultPath →
//!   OutputPath, `$` the data and `$$` the context object.
//! - JSONata: Arguments → (work) → Assign and Output, each reading `$states.input`,
//!   `$states.result`, `$states.errorOutput` and `$states.context` where AWS provides them.
//!
//! Workflow variables are the same in both: a JSONPath state may assign what a JSONata state
//! reads and the reverse; a state's output is the next state's input whatever their languages.

mod jsonata;
mod jsonpath;

use super::context::MapItem;
use super::flow::{Entered, Frame};
use super::Shared;
use crate::StatesError;
use serde_json::{Map, Value};
use std::borrow::Cow;
use stepwise_asl::model::{
    Catcher, ChoiceRule, ChoiceState, Common, FailState, MapState, NumberOrExpr, PassState,
    QueryLanguage, State, WaitState,
};

/// The state being run, as its language needs it.
pub(crate) struct Cx<'a> {
    pub sh: &'a Shared,
    pub entered: &'a Entered<'a>,
    /// The context object (`$$`, `$states.context`); `Null` when the state does not read it.
    pub ctx: &'a Value,
}

/// The fields that shape what a state hands its work: `Parameters` (JSONPath) or
/// `Arguments` (JSONata).
#[derive(Clone, Copy)]
pub(crate) struct Payload<'a> {
    pub parameters: Option<&'a Value>,
    pub arguments: Option<&'a Value>,
    /// The field's name in errors: `Arguments`, or `ItemReader/Arguments`.
    pub prefix: &'a str,
}

/// The tail of a state that produces a result (Task, Parallel, Map).
pub(crate) struct Tail<'a> {
    pub common: &'a Common,
    pub result_selector: Option<&'a Value>,
    pub result_path: Option<&'a Value>,
}

/// Whole-number fields: each takes a literal, an expression (JSONata) or a `*Path`
/// (JSONPath), with AWS's rules and causes for its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quantity {
    TimeoutSeconds,
    HeartbeatSeconds,
    MaxConcurrency,
    ToleratedFailureCount,
    MaxItemsPerBatch,
    MaxInputBytesPerBatch,
    /// ItemReader's `ReaderConfig.MaxItems`: how many items the reader passes on.
    MaxItems,
}

impl Quantity {
    pub fn field(self) -> &'static str {
        match self {
            Quantity::TimeoutSeconds => "TimeoutSeconds",
            Quantity::HeartbeatSeconds => "HeartbeatSeconds",
            Quantity::MaxConcurrency => "MaxConcurrency",
            Quantity::ToleratedFailureCount => "ToleratedFailureCount",
            Quantity::MaxItemsPerBatch => "ItemBatcher/MaxItemsPerBatch",
            Quantity::MaxInputBytesPerBatch => "ItemBatcher/MaxInputBytesPerBatch",
            Quantity::MaxItems => "ItemReader/ReaderConfig/MaxItems",
        }
    }
}

pub(crate) type Exit = (Value, Option<Map<String, Value>>);

pub(crate) trait Language: Sync {
    /// The value the state works on: InputPath's selection, or the input itself.
    fn effective<'i>(
        &self,
        cx: &Cx,
        common: &Common,
        input: &'i Value,
        frame: &Frame,
    ) -> Result<Cow<'i, Value>, StatesError>;

    /// What the state's work gets: Parameters or Arguments applied to the effective input,
    /// or the effective input itself when the state has neither.
    fn arguments(
        &self,
        cx: &Cx,
        payload: Payload,
        effective: Cow<'_, Value>,
        frame: &Frame,
    ) -> Result<Value, StatesError>;

    /// A Pass state's result.
    fn pass_result(
        &self,
        cx: &Cx,
        p: &PassState,
        effective: Cow<'_, Value>,
        frame: &Frame,
    ) -> Result<Value, StatesError>;

    /// After the work: the output and the variables assigned.
    fn finish(
        &self,
        cx: &Cx,
        tail: &Tail,
        raw_input: Value,
        result: Value,
        frame: &Frame,
    ) -> Result<Exit, StatesError>;

    /// Leaving a state that has no result (Wait, Succeed): its Assign, and OutputPath or
    /// Output applied to its input. `effective` is the effective input when it is not the
    /// input itself.
    fn pass_through(
        &self,
        cx: &Cx,
        common: &Common,
        input: Value,
        effective: Option<Value>,
        frame: &Frame,
    ) -> Result<Exit, StatesError>;

    /// The first Choice rule that matches, with its index.
    fn choose<'s>(
        &self,
        cx: &Cx,
        c: &'s ChoiceState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<(usize, &'s ChoiceRule)>, StatesError>;

    /// Leaving a Choice state through `chosen` (`None`: its Default).
    fn choice_exit(
        &self,
        cx: &Cx,
        c: &ChoiceState,
        chosen: Option<(usize, &ChoiceRule)>,
        input: Value,
        effective: Option<Value>,
        frame: &Frame,
    ) -> Result<Exit, StatesError>;

    /// How long a Wait state waits, in milliseconds from now.
    fn wait_millis(
        &self,
        cx: &Cx,
        w: &WaitState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<i64, StatesError>;

    /// The error a Fail state raises.
    fn fail(&self, cx: &Cx, f: &FailState, input: &Value, frame: &Frame) -> StatesError;

    fn count(
        &self,
        cx: &Cx,
        which: Quantity,
        fixed: Option<&NumberOrExpr>,
        path: Option<&str>,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<u64>, StatesError>;

    /// A Map's ToleratedFailurePercentage.
    fn percentage(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<f64>, StatesError>;

    /// A Map's items when it has no ItemReader: ItemsPath or Items, else the effective input.
    fn items(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Vec<Value>, StatesError>;

    /// One Map iteration's input: ItemSelector (or Parameters) for the item, else the item.
    /// `cx` is the Map state's; the context object with `Map.Item` set is the language's to
    /// build, if it reads it.
    fn item_input(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        item: &MapItem,
        frame: &Frame,
    ) -> Result<Value, StatesError>;

    /// A payload template that is not a state's Parameters or Arguments (ItemBatcher's
    /// BatchInput), applied to the effective input.
    fn template(
        &self,
        cx: &Cx,
        field: &str,
        template: &Value,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Value, StatesError>;

    /// Leaving through catcher `index`: the output it passes on and the variables it assigns.
    fn catch_exit(
        &self,
        cx: &Cx,
        catcher: &Catcher,
        index: usize,
        raw_input: &Value,
        error_output: Value,
        frame: &Frame,
    ) -> Result<Exit, StatesError>;

    /// Whether an error of this state gets an `EvaluationFailed` event before it, as AWS
    /// records for a JSONata expression that fails.
    fn records_evaluation_failures(&self) -> bool;
}

static JSONPATH: jsonpath::JsonPath = jsonpath::JsonPath;
static JSONATA: jsonata::Jsonata = jsonata::Jsonata;

/// The language of `state`: its own `QueryLanguage`, else the machine's.
pub(crate) fn of(state: &State, sh: &Shared) -> &'static dyn Language {
    match state.query_language().unwrap_or(sh.machine_language) {
        QueryLanguage::JsonPath => &JSONPATH,
        QueryLanguage::Jsonata => &JSONATA,
    }
}

/// Records AWS's `EvaluationFailed` event for a JSONata expression that failed in the state
/// entered at `cx.entered` (the error already carries the state prefix).
pub(crate) fn record_failure(
    lang: &dyn Language,
    sh: &Shared,
    entered: &Entered,
    error: &StatesError,
    frame: &mut Frame,
) {
    if !lang.records_evaluation_failures()
        || error.error != crate::error::names::QUERY_EVALUATION_ERROR
    {
        return;
    }
    // Only an expression that failed names a field; a Fail state's own error, or a Map's
    // input that is not an array, is not an evaluation failure.
    let Some(location) = error
        .cause
        .as_deref()
        .and_then(crate::jsonata::location_of)
        .map(str::to_string)
    else {
        return;
    };
    frame.last_event = sh.record("EvaluationFailed", frame.last_event, || {
        Some(crate::history::Details::EvaluationFailed {
            error: error.error.clone(),
            cause: error.cause.clone(),
            location: Some(location),
            state: entered.name.to_string(),
        })
    });
}
