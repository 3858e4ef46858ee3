//! Running tests: answering Tasks as each test says, executing in virtual time, checking the
//! expectations; a whole selection in parallel across cores.

use crate::error::SetupError;
use crate::expect::{self, Failure};
use crate::load::Suite;
use crate::spec::TestDef;
use crate::trace::{Collector, Trace};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use stepwise_engine::history::HistoryLevel;
use stepwise_engine::task::{HandlersConfig, LocalS3, MockConfig, Router, TaskHandler};
use stepwise_engine::{run_blocking, ClockMode, ExecutionConfig, ExecutionIdentity, Outcome};

/// A test's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Passed,
    Failed,
    /// The test could not run (a mock it names is missing, a handlers file is unreadable).
    Error,
}

/// One test's result, as the CLI's `--format json` and the app show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TestResult {
    /// The suite: its tests file, or the machine when the tests come from a mock config.
    pub suite: String,
    pub name: String,
    /// Where the test is in its file (`/tests/3`).
    pub pointer: String,
    pub verdict: Verdict,
    pub failures: Vec<Failure>,
    /// How the execution ended (`SUCCEEDED`, ...); absent when it could not run.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub output: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cause: Option<String>,
    /// Wall time to set up, run and check the test.
    pub millis: f64,
}

/// A test's result with the execution behind it.
#[derive(Debug, Clone)]
pub struct TestRun {
    /// Which of the suites given to [`run_all`] the test is of.
    pub suite: usize,
    pub result: TestResult,
    /// `None` when the test could not run.
    pub outcome: Option<Outcome>,
    pub trace: Trace,
}

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep each execution's full history in [`TestRun::outcome`] (the app shows it).
    pub keep_history: bool,
    /// Only tests whose name (or `suite/name`) contains this.
    pub filter: Option<String>,
    /// A folder standing in for S3 (`--s3-dir`): a Distributed Map's ItemReader reads from
    /// it and its ResultWriter writes into it (see [`LocalS3`]).
    pub s3_dir: Option<PathBuf>,
}

impl Options {
    pub fn selects(&self, suite: &Suite, test: &TestDef) -> bool {
        match &self.filter {
            None => true,
            Some(f) => {
                test.name.contains(f.as_str())
                    || format!("{}/{}", suite.label(), test.name).contains(f.as_str())
            }
        }
    }
}

/// Runs every selected test of every suite, in parallel; results in suite and file order.
pub fn run_all(suites: &[Suite], options: &Options) -> Vec<TestRun> {
    let jobs: Vec<(usize, usize)> = suites
        .iter()
        .enumerate()
        .flat_map(|(n, s)| (0..s.file.tests.len()).map(move |i| (n, i)))
        .filter(|(n, i)| options.selects(&suites[*n], &suites[*n].file.tests[*i]))
        .collect();
    jobs.par_iter()
        .map(|(n, i)| {
            let mut run = run_test(&suites[*n], *i, options);
            run.suite = *n;
            run
        })
        .collect()
}

/// Runs test `index` of `suite`.
pub fn run_test(suite: &Suite, index: usize, options: &Options) -> TestRun {
    let started = Instant::now();
    let test = &suite.file.tests[index];
    let at = format!("/tests/{index}");
    let mut result = TestResult {
        suite: suite.label(),
        name: test.name.clone(),
        pointer: at.clone(),
        verdict: Verdict::Error,
        failures: Vec::new(),
        status: None,
        output: None,
        error: None,
        cause: None,
        millis: 0.0,
    };
    let router = match router(suite, test, &at) {
        Ok(r) => match &options.s3_dir {
            Some(dir) => r.with_local_s3(LocalS3::new(dir)),
            None => r,
        },
        Err(e) => {
            result.failures.push(Failure {
                pointer: e.pointer,
                message: e.message,
                differences: Vec::new(),
            });
            result.millis = started.elapsed().as_secs_f64() * 1000.0;
            return TestRun {
                suite: 0,
                result,
                outcome: None,
                trace: Trace::default(),
            };
        }
    };
    let keep: HashSet<String> = test.expect.states.iter().map(|s| s.state.clone()).collect();
    let top: HashSet<String> = suite.machine.states.keys().cloned().collect();
    let collector = Arc::new(Collector::new(keep, top));
    let (handler, recording): (Arc<dyn TaskHandler>, _) = if options.keep_history {
        let r = Arc::new(crate::record::Recording::new(router));
        (r.clone(), Some(r))
    } else {
        (Arc::new(router), None)
    };
    let mut config = ExecutionConfig::new(handler);
    config.identity = ExecutionIdentity {
        state_machine_name: suite.machine_name.clone(),
        execution_name: execution_name(&test.name),
        ..ExecutionIdentity::default()
    };
    config.clock = ClockMode::Virtual;
    // Fixed, so that a test gives the same answer every time (jitter, States.UUID).
    config.seed = Some(test.seed.unwrap_or(0));
    if let Some(text) = &test.start_time {
        match stepwise_asl::timestamp::parse_millis(text) {
            Some(ms) => config.start_time_ms = Some(ms),
            None => {
                result.failures.push(Failure {
                    pointer: format!("{at}/startTime"),
                    message: format!(
                        "{text:?} is not an ISO 8601 timestamp such as 2026-01-01T00:00:00Z"
                    ),
                    differences: Vec::new(),
                });
                result.millis = started.elapsed().as_secs_f64() * 1000.0;
                return TestRun {
                    suite: 0,
                    result,
                    outcome: None,
                    trace: Trace::default(),
                };
            }
        }
    }
    config.history = if options.keep_history {
        HistoryLevel::Full
    } else {
        HistoryLevel::Stream
    };
    config.observer = Some(collector.clone());
    let input = test
        .input
        .clone()
        .unwrap_or_else(|| Value::Object(Map::new()));
    let outcome = run_blocking(suite.machine.clone(), input, config);
    let mut trace = collector.finish();
    if let Some(r) = recording {
        trace.answers = r.answers();
    }
    result.failures = expect::check(test, &at, &outcome, &trace);
    result.verdict = if result.failures.is_empty() {
        Verdict::Passed
    } else {
        Verdict::Failed
    };
    result.status = Some(expect::status_name(outcome.status).to_string());
    result.output = outcome.output.clone();
    result.error = outcome
        .error
        .as_ref()
        .and_then(|e| e.name())
        .map(str::to_string);
    result.cause = outcome.error.as_ref().and_then(|e| e.cause.clone());
    result.millis = started.elapsed().as_secs_f64() * 1000.0;
    TestRun {
        suite: 0,
        result,
        outcome: Some(outcome),
        trace,
    }
}

/// AWS execution names: 1–80 characters, no spaces or wildcards; a test name made to fit.
fn execution_name(test: &str) -> String {
    let name: String = test
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    if name.is_empty() {
        "test".to_string()
    } else {
        name
    }
}

/// The Task answers of a test: its inline mocks first, then its mock-config test case, then
/// its handlers file (or the file's).
pub fn router(suite: &Suite, test: &TestDef, at: &str) -> Result<Router, SetupError> {
    let mut router = Router::new();
    if test.test_case.is_some() || !test.mocks.is_empty() {
        let config = merged_mocks(suite, test, at)?;
        let parsed = MockConfig::from_value(&config).map_err(|e| SetupError {
            pointer: format!("{at}/mocks"),
            message: e.to_string(),
        })?;
        let case = parsed
            .test_case(Some(&suite.machine_name), &test.name)
            .map_err(|e| SetupError {
                pointer: at.to_string(),
                message: e.to_string(),
            })?;
        router = router.with_mocks(case);
    }
    let handlers = test
        .handlers
        .as_ref()
        .map(|h| (format!("{at}/handlers"), h))
        .or_else(|| {
            suite
                .file
                .handlers
                .as_ref()
                .map(|h| ("/handlers".to_string(), h))
        });
    if let Some((pointer, rel)) = handlers {
        let path = suite.base_dir().join(rel);
        let config = HandlersConfig::load(&path).map_err(|e| SetupError {
            pointer,
            message: format!("{}: {e}", path.display()),
        })?;
        router = router.with_handlers(Arc::new(config));
    }
    Ok(router)
}

/// One mock config holding exactly this test's mocks: the named test case's states, then
/// the inline mocks (which win), so the engine's mock semantics apply unchanged.
fn merged_mocks(suite: &Suite, test: &TestDef, at: &str) -> Result<Value, SetupError> {
    let mut states = Map::new();
    let mut responses = Map::new();
    if let Some(case) = &test.test_case {
        let Some((path, config)) = &suite.mock_config else {
            return Err(SetupError {
                pointer: format!("{at}/testCase"),
                message: format!(
                    "the test case '{case}' needs a mock config: give \"mockConfig\" in the tests file, or put {}.mocks.json next to the machine",
                    suite.machine_name
                ),
            });
        };
        let parsed = MockConfig::from_value(config).map_err(|e| SetupError {
            pointer: "/mockConfig".to_string(),
            message: format!("{}: {e}", path.display()),
        })?;
        let machine = if parsed
            .test_cases(&suite.machine_name)
            .contains(&case.as_str())
        {
            Some(suite.machine_name.as_str())
        } else {
            None
        };
        let resolved = parsed.test_case(machine, case).map_err(|e| SetupError {
            pointer: format!("{at}/testCase"),
            message: format!("{}: {e}", path.display()),
        })?;
        let raw_case = config
            .pointer(&format!(
                "/StateMachines/{}/TestCases/{}",
                crate::expect::escape(resolved.state_machine()),
                crate::expect::escape(case)
            ))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        states.extend(raw_case);
        if let Some(all) = config.get("MockedResponses").and_then(Value::as_object) {
            responses.extend(all.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    for (state, by_invocation) in &test.mocks {
        // A name no mock config uses: `inline:` cannot clash with a response of the file.
        let name = format!("inline:{state}");
        let body = serde_json::to_value(by_invocation).map_err(|e| SetupError {
            pointer: format!("{at}/mocks/{}", crate::expect::escape(state)),
            message: e.to_string(),
        })?;
        responses.insert(name.clone(), body);
        states.insert(state.clone(), Value::String(name));
    }
    Ok(json!({
        "StateMachines": {suite.machine_name.clone(): {"TestCases": {test.name.clone(): states}}},
        "MockedResponses": responses,
    }))
}
