//! The tests file, `<machine>.tests.json` (or `.yaml`), as people write it. The JSON Schema in
//! `schemas/stepwise-tests.schema.json` is generated from these types, and so are the
//! TypeScript types of the app's test forms: one description of the format, three uses.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A tests file: which machine it tests, where Tasks get their answers by default, and the
/// tests.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Stepwise tests file")]
pub struct TestFile {
    /// The JSON Schema of this format, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub schema: Option<String>,
    /// The state machine under test, relative to this file. Default: the file next to it with
    /// the same stem (`order.tests.json` tests `order.asl.json`, `.asl.yaml`, `.json`, `.yaml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub state_machine: Option<String>,
    /// A Step Functions Local mock config (relative to this file) whose test cases tests name
    /// with `testCase`. Default: `<stem>.mocks.json`, `run/<stem>.mocks.json` or
    /// `MockConfigFile.json` next to the machine, when one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mock_config: Option<String>,
    /// A handlers file (relative to this file) for every test that does not name its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub handlers: Option<String>,
    pub tests: Vec<TestDef>,
}

/// One test: an input, how Tasks are answered, and what must come out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestDef {
    /// Unique in its file.
    pub name: String,
    /// The execution input (default `{}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub input: Option<Value>,
    /// A test case of the mock config: its mocked responses answer the Tasks it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub test_case: Option<String>,
    /// Mocked responses by state name, in the mock config's `MockedResponses` shape:
    /// `{"Charge": {"0": {"Throw": {"Error": "E", "Cause": "c"}}, "1-2": {"Return": {...}}}}`.
    /// They come before the test case's.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(
        feature = "ts",
        ts(
            optional,
            as = "Option<IndexMap<String, IndexMap<String, MockedResult>>>"
        )
    )]
    pub mocks: IndexMap<String, IndexMap<String, MockedResult>>,
    /// A handlers file (relative to the tests file) for the Tasks no mock answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub handlers: Option<String>,
    /// When the execution starts (ISO 8601, e.g. `2026-01-01T00:00:00Z`): what `$$.Execution.StartTime`
    /// and the state timestamps read. Default: now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub start_time: Option<String>,
    /// Seed for retry jitter, `States.UUID` and `States.MathRandom` (default 0): the same seed
    /// gives the same values every run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub seed: Option<u64>,
    #[serde(default)]
    pub expect: Expect,
}

/// One invocation's answer, as in a mock config: a result, or an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum MockedResult {
    Return(#[cfg_attr(feature = "ts", ts(type = "unknown"))] Value),
    Throw(MockedError),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct MockedError {
    #[serde(rename = "Error")]
    pub error: String,
    #[serde(rename = "Cause", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cause: Option<String>,
}

/// How an execution ends, as AWS's DescribeExecution names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExpectedStatus {
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

/// What the test checks. Everything is optional; with nothing given the execution must
/// succeed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Expect {
    /// Default: `FAILED` when `error` or `cause` is given, else `SUCCEEDED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<ExpectedStatus>,
    /// The output, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub output: Option<Value>,
    /// The output contains this: objects may have more fields; arrays match element by
    /// element and must have the same length; other values are equal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub output_matches: Option<Value>,
    /// The execution's error name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error: Option<String>,
    /// The execution's cause, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cause: Option<String>,
    /// The cause contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cause_contains: Option<String>,
    /// Every state entered, in order: nested states included, as the history lists them, and
    /// the states of a Distributed Map's child executions (which AWS keeps in their own
    /// histories) where they are entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub path: Option<Vec<String>>,
    /// These states were entered in this order, others possibly in between.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visits: Option<Vec<String>>,
    /// These states were never entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub not_visited: Option<Vec<String>>,
    /// A state's input, output or attempts at one of its visits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<StateExpect>>"))]
    pub states: Vec<StateExpect>,
    /// Workflow variables at the end of the execution (top-level scope); others are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "Record<string, unknown>"))]
    pub variables: Option<Map<String, Value>>,
    /// Attempts of a Task (or Parallel, Map) at its first visit: 1 + the retries it took.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<IndexMap<String, u32>>"))]
    pub attempts: IndexMap<String, u32>,
}

/// Checks on one visit of one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StateExpect {
    pub state: String,
    /// Which visit, counting from 1 (default 1), in the order of the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visit: Option<u32>,
    /// The state's input, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub input: Option<Value>,
    /// The state's input contains this (as `outputMatches`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub input_matches: Option<Value>,
    /// The state's output, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub output: Option<Value>,
    /// The state's output contains this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub output_matches: Option<Value>,
    /// Attempts at this visit: 1 + the retries it took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub attempts: Option<u32>,
}

impl Expect {
    /// The status the test expects, explicit or implied.
    pub fn status(&self) -> ExpectedStatus {
        match self.status {
            Some(s) => s,
            None if self.error.is_some()
                || self.cause.is_some()
                || self.cause_contains.is_some() =>
            {
                ExpectedStatus::Failed
            }
            None => ExpectedStatus::Succeeded,
        }
    }
}

impl TestDef {
    /// A test that only needs to succeed.
    pub fn named(name: impl Into<String>) -> Self {
        TestDef {
            name: name.into(),
            input: None,
            test_case: None,
            mocks: IndexMap::new(),
            handlers: None,
            start_time: None,
            seed: None,
            expect: Expect::default(),
        }
    }
}

/// The JSON Schema of the tests file.
pub fn json_schema() -> Value {
    let schema = schemars::schema_for!(TestFile);
    serde_json::to_value(&schema).unwrap_or(Value::Null)
}
