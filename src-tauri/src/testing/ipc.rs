//! The Tests panel's types that cross the IPC boundary (exported to `ui/src/bindings/`), besides
//! the library's own (`TestFile`, `TestResult`, `MachineCoverage`, ...).

use serde::{Deserialize, Serialize};
use stepwise_testing::coverage::MachineCoverage;
use stepwise_testing::run::TestResult;
use stepwise_testing::spec::TestFile;
use ts_rs::TS;

/// Where the open document's tests come from and are written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum TestsHome {
    /// The tests file next to the machine (`path`); saving writes it.
    File,
    /// No tests file yet: the tests are the mock config's test cases, each of which must
    /// succeed. Saving (or Save as test) creates the tests file at `path`.
    MockConfig,
    /// A bundled example or a document never saved: the tests are kept with this window and
    /// written next to the machine (as `<name>.tests.json`) when it is saved to a file.
    Memory,
}

/// What the Tests panel shows of the open document's tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TestsView {
    pub home: TestsHome,
    /// The tests file (it may not exist yet); `null` for [`TestsHome::Memory`].
    pub path: Option<String>,
    pub file: TestFile,
    /// The mock config tests take `testCase`s from, if any, and its test cases.
    pub mock_config: Option<String>,
    pub test_cases: Vec<String>,
    /// Why the tests file could not be read (then `file` is empty and saving would lose it:
    /// the panel refuses to save).
    pub error: Option<String>,
}

/// `run_tests`' request: which tests (`null`: all of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RunTests {
    pub names: Option<Vec<String>>,
}

/// The results of a run of tests, in file order, and what they covered of the machine.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TestsRun {
    pub results: Vec<TestResult>,
    /// The states and transitions the tests that ran exercised.
    pub coverage: MachineCoverage,
    /// Whether every test of the file ran (its coverage is the suite's).
    pub all: bool,
    /// Wall time of the whole run.
    pub millis: f64,
}

/// `save_run_as_test`'s request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SaveRunAsTest {
    /// A kept run's id.
    pub run_id: String,
    /// The new test's name; made unique in the file (`name 2`, ...).
    pub name: String,
}

/// A test added: the tests as they are now, and the new test's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TestAdded {
    pub view: TestsView,
    pub index: u32,
}
