//! Mocked responses in the AWS Step Functions Local mock-config format ("Using mocked service
//! integrations for testing in Step Functions Local"), so existing `MockConfigFile.json` files
//! work unchanged:
//!
//! ```json
//! {
//!   "StateMachines": {
//!     "LambdaSQSIntegration": {
//!       "TestCases": {
//!         "HappyPath": { "LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess" }
//!       }
//!     }
//!   },
//!   "MockedResponses": {
//!     "MockedLambdaSuccess": { "0": { "Return": { "StatusCode": 200, "Payload": {} } } },
//!     "MockedSQSSuccess": {
//!       "0": { "Throw": { "Error": "SQS.Busy", "Cause": "try again" } },
//!       "1-2": { "Return": { "MessageId": "m-1" } }
//!     }
//!   }
//! }
//! ```
//!
//! Rules, as AWS documents them:
//! - A test case maps Task state names to mocked response names. States it does not name are
//!   not mocked (Step Functions Local calls the real service; the [`Router`](super::Router)
//!   tries the handlers file).
//! - A mocked response maps invocation numbers to an outcome. The keys are 0-based invocation
//!   numbers of that state within the execution (`"0"`, `"3"`) or inclusive ranges (`"1-2"`:
//!   the same outcome for invocations 1 and 2). Every attempt counts, retries included, and
//!   so does every Map iteration and every loop back into the state: AWS's own example
//!   answers a retrying state's attempts with `"0"` Throw, `"1-2"` Throw, `"3"` Return
//!   (`MockedLambdaRetry` of its RetryPath test case).
//! - Each entry holds exactly one of `Return` (the task result, any JSON value) or `Throw`
//!   (`{"Error": ..., "Cause": ...}`, the task's error).
//! - "When you mock a Task, you must specify a mocked response for every invocation ... If you
//!   do not specify a mocked response, the state machine execution will fail." So an
//!   invocation no key covers (past the last key, or in a gap) fails the task with
//!   `States.Runtime`, which no `Catch` of `States.ALL` hides; the cause names the state, the
//!   mocked response and the invocation number. The last entry is *not* repeated.
//!
//! Stepwise is stricter than the documentation in a few places, always at load time with a
//! message saying where: keys that are not numbers or ranges, ranges that run backwards or
//! overlap, entries with neither or both of `Return`/`Throw` or with other fields, and `Throw`
//! without a string `Error`. `Cause` may be left out (the error then has no cause). A test
//! case naming a mocked response that does not exist is reported when that test case is
//! selected, so one broken test case does not stop the others from running.

use super::{TaskFuture, TaskHandler, TaskRequest, NO_TASK_HANDLER};
use crate::error::StatesError;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

mod parse;

use parse::{escape, invalid, object, parse_response};

#[derive(Debug, thiserror::Error)]
pub enum MockConfigError {
    #[error("cannot read mock config {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("mock config is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The file is JSON but not a valid mock config; `at` is a JSON Pointer to the problem.
    #[error("mock config, at {at}: {message}")]
    Invalid { at: String, message: String },
    #[error(
        "state machine '{name}' is not in the mock config (it has: {})",
        list(available)
    )]
    StateMachineNotFound {
        name: String,
        available: Vec<String>,
    },
    #[error("{}", test_case_not_found(test_case, state_machine.as_deref(), available))]
    TestCaseNotFound {
        test_case: String,
        state_machine: Option<String>,
        available: Vec<String>,
    },
    #[error(
        "test case '{test_case}' is in several state machines of the mock config ({}): name the state machine",
        list(state_machines)
    )]
    AmbiguousTestCase {
        test_case: String,
        state_machines: Vec<String>,
    },
    #[error(
        "test case '{test_case}' of state machine '{state_machine}' maps state '{state}' to mocked response '{response}', which is not in MockedResponses"
    )]
    UnknownMockedResponse {
        state_machine: String,
        test_case: String,
        state: String,
        response: String,
    },
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

fn test_case_not_found(test_case: &str, machine: Option<&str>, available: &[String]) -> String {
    match machine {
        Some(m) => format!(
            "state machine '{m}' has no test case '{test_case}' in the mock config (it has: {})",
            list(available)
        ),
        None => format!(
            "no state machine in the mock config has a test case '{test_case}' (test cases: {})",
            list(available)
        ),
    }
}

/// What one invocation of a mocked state gives.
#[derive(Debug, Clone, PartialEq)]
pub enum MockedResult {
    Return(Value),
    Throw(StatesError),
}

/// One entry of `MockedResponses`: outcomes by invocation number.
#[derive(Debug, Clone, PartialEq)]
pub struct MockedResponse {
    name: String,
    /// `(first, last, outcome)`, inclusive, sorted, not overlapping.
    entries: Vec<(u32, u32, MockedResult)>,
}

impl MockedResponse {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The outcome for the `invocation`th call (0-based), if a key covers it.
    pub fn get(&self, invocation: u32) -> Option<&MockedResult> {
        self.entries
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&invocation))
            .map(|(_, _, r)| r)
    }

    /// The keys as written (`"0"`, `"1-2"`), in invocation order; for messages.
    pub fn keys(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|(a, b, _)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect()
    }
}

/// A test case as written: (state name, mocked response name), in file order.
type StateMocks = Vec<(String, String)>;
/// A state machine's test cases: (test case name, its state mocks), in file order.
type TestCases = Vec<(String, StateMocks)>;

/// A parsed Step Functions Local mock config.
#[derive(Debug, Clone, Default)]
pub struct MockConfig {
    /// state machine -> test case -> state -> mocked response name; in file order.
    state_machines: Vec<(String, TestCases)>,
    responses: HashMap<String, Arc<MockedResponse>>,
}

impl MockConfig {
    pub fn from_json(text: &str) -> Result<MockConfig, MockConfigError> {
        let value: Value = serde_json::from_str(text)?;
        MockConfig::from_value(&value)
    }

    pub fn load(path: impl AsRef<Path>) -> Result<MockConfig, MockConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| MockConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        MockConfig::from_json(&text)
    }

    pub fn from_value(value: &Value) -> Result<MockConfig, MockConfigError> {
        let root = object(value, "")?;
        let mut config = MockConfig::default();
        for key in root.keys() {
            if key != "StateMachines" && key != "MockedResponses" {
                return Err(invalid(
                    "",
                    format!("unknown field '{key}' (expected StateMachines and MockedResponses)"),
                ));
            }
        }
        if let Some(machines) = root.get("StateMachines") {
            for (machine, body) in object(machines, "/StateMachines")? {
                let at = format!("/StateMachines/{}", escape(machine));
                let body = object(body, &at)?;
                let mut test_cases = Vec::new();
                for (key, value) in body {
                    if key != "TestCases" {
                        return Err(invalid(
                            &at,
                            format!("unknown field '{key}' (expected TestCases)"),
                        ));
                    }
                    let at = format!("{at}/TestCases");
                    for (case, states) in object(value, &at)? {
                        let at = format!("{at}/{}", escape(case));
                        let mut mapping = Vec::new();
                        for (state, response) in object(states, &at)? {
                            let response = response.as_str().ok_or_else(|| {
                                invalid(
                                    &format!("{at}/{}", escape(state)),
                                    "expected the name of a mocked response (a string)",
                                )
                            })?;
                            mapping.push((state.clone(), response.to_string()));
                        }
                        test_cases.push((case.clone(), mapping));
                    }
                }
                config.state_machines.push((machine.clone(), test_cases));
            }
        }
        if let Some(responses) = root.get("MockedResponses") {
            for (name, body) in object(responses, "/MockedResponses")? {
                let at = format!("/MockedResponses/{}", escape(name));
                let response = parse_response(name, body, &at)?;
                config.responses.insert(name.clone(), Arc::new(response));
            }
        }
        Ok(config)
    }

    /// State machine names, in file order.
    pub fn state_machines(&self) -> Vec<&str> {
        self.state_machines
            .iter()
            .map(|(m, _)| m.as_str())
            .collect()
    }

    /// Test case names of one state machine, in file order.
    pub fn test_cases(&self, state_machine: &str) -> Vec<&str> {
        self.state_machines
            .iter()
            .find(|(m, _)| m == state_machine)
            .map(|(_, cases)| cases.iter().map(|(c, _)| c.as_str()).collect())
            .unwrap_or_default()
    }

    pub fn mocked_response(&self, name: &str) -> Option<&MockedResponse> {
        self.responses.get(name).map(|r| r.as_ref())
    }

    /// The test case to run: in `state_machine` if given, else in the one state machine that
    /// has a test case of that name. Each call returns a fresh test case (invocation counts at
    /// zero): take one per execution.
    pub fn test_case(
        &self,
        state_machine: Option<&str>,
        test_case: &str,
    ) -> Result<MockedTestCase, MockConfigError> {
        let (machine, states) = match state_machine {
            Some(name) => {
                let (_, cases) = self
                    .state_machines
                    .iter()
                    .find(|(m, _)| m == name)
                    .ok_or_else(|| MockConfigError::StateMachineNotFound {
                        name: name.to_string(),
                        available: self.state_machines.iter().map(|(m, _)| m.clone()).collect(),
                    })?;
                let (_, states) = cases.iter().find(|(c, _)| c == test_case).ok_or_else(|| {
                    MockConfigError::TestCaseNotFound {
                        test_case: test_case.to_string(),
                        state_machine: Some(name.to_string()),
                        available: cases.iter().map(|(c, _)| c.clone()).collect(),
                    }
                })?;
                (name, states)
            }
            None => {
                let found: Vec<_> = self
                    .state_machines
                    .iter()
                    .filter_map(|(m, cases)| {
                        cases
                            .iter()
                            .find(|(c, _)| c == test_case)
                            .map(|(_, states)| (m.as_str(), states))
                    })
                    .collect();
                match found.as_slice() {
                    [one] => *one,
                    [] => {
                        let mut available: Vec<String> = self
                            .state_machines
                            .iter()
                            .flat_map(|(m, cases)| {
                                cases.iter().map(move |(c, _)| format!("{m}/{c}"))
                            })
                            .collect();
                        available.dedup();
                        return Err(MockConfigError::TestCaseNotFound {
                            test_case: test_case.to_string(),
                            state_machine: None,
                            available,
                        });
                    }
                    many => {
                        return Err(MockConfigError::AmbiguousTestCase {
                            test_case: test_case.to_string(),
                            state_machines: many.iter().map(|(m, _)| m.to_string()).collect(),
                        })
                    }
                }
            }
        };
        let mut mocked = BTreeMap::new();
        for (state, response) in states {
            let r = self.responses.get(response).ok_or_else(|| {
                MockConfigError::UnknownMockedResponse {
                    state_machine: machine.to_string(),
                    test_case: test_case.to_string(),
                    state: state.clone(),
                    response: response.clone(),
                }
            })?;
            mocked.insert(state.clone(), Arc::clone(r));
        }
        Ok(MockedTestCase {
            state_machine: machine.to_string(),
            name: test_case.to_string(),
            states: mocked,
            invocations: Mutex::new(HashMap::new()),
        })
    }
}

/// One test case of one state machine, ready to answer its mocked states during one execution.
///
/// Counts invocations per state name (every attempt, across retries, Map iterations and loops)
/// and answers the `n`th with the entry whose key covers `n`. Concurrent Map iterations share
/// the count in the order they reach the state, as in Step Functions Local (AWS advises
/// `MaxConcurrency: 1` for predictable mocks).
#[derive(Debug)]
pub struct MockedTestCase {
    state_machine: String,
    name: String,
    states: BTreeMap<String, Arc<MockedResponse>>,
    invocations: Mutex<HashMap<String, u32>>,
}

impl MockedTestCase {
    pub fn state_machine(&self) -> &str {
        &self.state_machine
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the test case names this state (then it, and nothing else, answers it).
    pub fn mocks_state(&self, state_name: &str) -> bool {
        self.states.contains_key(state_name)
    }

    /// The mocked response a state uses in this test case.
    pub fn mocked_response(&self, state_name: &str) -> Option<&MockedResponse> {
        self.states.get(state_name).map(|r| r.as_ref())
    }

    /// How many times the state has been invoked so far in this execution.
    pub fn invocations(&self, state_name: &str) -> u32 {
        self.lock().get(state_name).copied().unwrap_or(0)
    }

    /// Back to zero invocations, for running the test case again.
    pub fn reset(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, u32>> {
        // A panic while holding this lock cannot leave the map half-updated (each update is
        // one insert), so a poisoned lock is still good.
        self.invocations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts one invocation of `req.state_name` and gives its mocked outcome.
    pub fn respond(&self, req: &TaskRequest) -> Result<Value, StatesError> {
        let Some(response) = self.states.get(&req.state_name) else {
            return Err(StatesError::new(
                NO_TASK_HANDLER,
                format!(
                    "Test case '{}' of state machine '{}' does not mock Task state '{}' (resource {})",
                    self.name, self.state_machine, req.state_name, req.resource
                ),
            ));
        };
        let n = {
            let mut counts = self.lock();
            let count = counts.entry(req.state_name.clone()).or_insert(0);
            let n = *count;
            *count = count.saturating_add(1);
            n
        };
        match response.get(n) {
            Some(MockedResult::Return(v)) => Ok(v.clone()),
            Some(MockedResult::Throw(e)) => Err(e.clone()),
            None => Err(StatesError::new(
                NO_TASK_HANDLER,
                format!(
                    "Mocked response '{}' has no entry for invocation {n} of Task state '{}' \
                     (resource {}); it covers {} (test case '{}' of state machine '{}'). \
                     Mock every invocation, retries included",
                    response.name,
                    req.state_name,
                    req.resource,
                    list(&response.keys()),
                    self.name,
                    self.state_machine
                ),
            )),
        }
    }
}

impl TaskHandler for MockedTestCase {
    fn answers_at_once(&self, req: &TaskRequest) -> bool {
        self.mocks_state(&req.state_name)
    }

    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        // Counted now, when the attempt starts, not when the future is first polled: the order
        // of calls is the order of invocations.
        let result = self.respond(&req);
        Box::pin(async move { result })
    }
}
