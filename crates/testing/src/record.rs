//! A run turned into a test ("Save as test"): its input, the answers its Tasks got, in the
//! mock config's `Return`/`Throw` shape, and how it ended. Works on the history as AWS
//! writes it (`GetExecutionHistory` JSON), so a run recorded on AWS becomes a test as well
//! as a local one.

use crate::spec::{Expect, ExpectedStatus, MockedError, MockedResult, TestDef};
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::HashMap;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};

/// The test that replays `events` (AWS's history events, in order): the Task answers the
/// history shows. (A Distributed Map's child executions and an ItemReader's reads are not in
/// a history: for a local run, [`test_from_recording`] has them.)
pub fn test_from_history(name: &str, events: &[Value]) -> TestDef {
    from_events(events, TestDef::named(name))
}

/// `events` read into `test`: its input, start, Task answers and end.
fn from_events(events: &[Value], mut test: TestDef) -> TestDef {
    // The state each event belongs to: a `*StateEntered` names it, and every later event of
    // the same scope points back, through previousEventId, to one of its own.
    let mut state_of: HashMap<u64, String> = HashMap::new();
    let mut answers: IndexMap<String, Vec<MockedResult>> = IndexMap::new();
    for e in events {
        let id = e.get("id").and_then(Value::as_u64).unwrap_or(0);
        let prev = e
            .get("previousEventId")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let kind = e.get("type").and_then(Value::as_str).unwrap_or("");
        let state = match details(e, "stateEnteredEventDetails").and_then(|d| d.get("name")) {
            Some(Value::String(n)) => Some(n.clone()),
            _ => state_of.get(&prev).cloned(),
        };
        if let Some(s) = &state {
            state_of.insert(id, s.clone());
        }
        let answer = match kind {
            "ExecutionStarted" => {
                test.input = json_field(details(e, "executionStartedEventDetails"), "input");
                // The run's own start, so `$$.Execution.StartTime` and timestamps replay.
                test.start_time = start_time(e.get("timestamp"));
                None
            }
            "TaskSucceeded" => Some(MockedResult::Return(
                json_field(details(e, "taskSucceededEventDetails"), "output")
                    .unwrap_or(Value::Null),
            )),
            "TaskFailed" => Some(thrown(
                details(e, "taskFailedEventDetails"),
                "States.TaskFailed",
            )),
            "TaskTimedOut" => Some(thrown(
                details(e, "taskTimedOutEventDetails"),
                "States.Timeout",
            )),
            "ExecutionSucceeded" => {
                test.expect = Expect {
                    output: json_field(details(e, "executionSucceededEventDetails"), "output"),
                    ..Expect::default()
                };
                None
            }
            "ExecutionFailed" | "ExecutionTimedOut" | "ExecutionAborted" => {
                let key = match kind {
                    "ExecutionFailed" => "executionFailedEventDetails",
                    "ExecutionTimedOut" => "executionTimedOutEventDetails",
                    _ => "executionAbortedEventDetails",
                };
                let d = details(e, key);
                let text = |k: &str| {
                    d.and_then(|d| d.get(k))
                        .and_then(Value::as_str)
                        .map(str::to_string)
                };
                test.expect = Expect {
                    status: Some(match kind {
                        "ExecutionFailed" => ExpectedStatus::Failed,
                        "ExecutionTimedOut" => ExpectedStatus::TimedOut,
                        _ => ExpectedStatus::Aborted,
                    }),
                    error: text("error"),
                    cause: text("cause"),
                    ..Expect::default()
                };
                None
            }
            _ => None,
        };
        if let (Some(answer), Some(state)) = (answer, state) {
            answers.entry(state).or_default().push(answer);
        }
    }
    test.mocks = answers
        .into_iter()
        .map(|(state, results)| (state, by_invocation(results)))
        .collect();
    test
}

/// The test that replays a local run exactly: its input and end from its history, and the
/// answers its Tasks got as a [`Recording`] saw them, in invocation order — the reads of a
/// Map's ItemReader and the Tasks of a Distributed Map's child executions included, which no
/// history shows.
pub fn test_from_recording(
    name: &str,
    events: &[Value],
    answers: &[(String, MockedResult)],
) -> TestDef {
    let mut test = from_events(events, TestDef::named(name));
    let mut by_state: IndexMap<String, Vec<MockedResult>> = IndexMap::new();
    for (state, answer) in answers {
        by_state
            .entry(state.clone())
            .or_default()
            .push(answer.clone());
    }
    test.mocks = by_state
        .into_iter()
        .map(|(state, results)| (state, by_invocation(results)))
        .collect();
    test
}

/// A task handler that remembers every answer the one it wraps gives (mocks, handlers, a
/// person's), by state, in the order they come.
pub struct Recording<H> {
    inner: H,
    answers: std::sync::Mutex<Vec<(String, MockedResult)>>,
}

impl<H> Recording<H> {
    pub fn new(inner: H) -> Self {
        Recording {
            inner,
            answers: std::sync::Mutex::new(Vec::new()),
        }
    }

    pub fn answers(&self) -> Vec<(String, MockedResult)> {
        self.answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

impl<H: TaskHandler> TaskHandler for Recording<H> {
    fn answers_at_once(&self, req: &TaskRequest) -> bool {
        self.inner.answers_at_once(req)
    }

    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        let state = req.state_name.clone();
        let call = self.inner.invoke(req);
        Box::pin(async move {
            let result = call.await;
            let answer = match &result {
                Ok(v) => MockedResult::Return(v.clone()),
                Err(e) => MockedResult::Throw(MockedError {
                    error: e.error.clone(),
                    cause: e.cause.clone(),
                }),
            };
            self.answers
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((state, answer));
            result
        })
    }
}

/// `["a", "a", "b"]` as `{"0-1": "a", "2": "b"}`: the mock config's invocation keys, runs of
/// the same answer written once.
fn by_invocation(results: Vec<MockedResult>) -> IndexMap<String, MockedResult> {
    let mut out = IndexMap::new();
    let mut start = 0;
    for i in 1..=results.len() {
        if i == results.len() || results[i] != results[start] {
            let key = if i - 1 == start {
                start.to_string()
            } else {
                format!("{start}-{}", i - 1)
            };
            out.insert(key, results[start].clone());
            start = i;
        }
    }
    out
}

/// An event's timestamp (the CLI's ISO text, or the API's epoch seconds) as ISO 8601.
fn start_time(ts: Option<&Value>) -> Option<String> {
    let ms = match ts? {
        Value::String(s) => stepwise_asl::timestamp::parse_millis(s)?,
        Value::Number(n) => (n.as_f64()? * 1000.0).round() as i64,
        _ => return None,
    };
    Some(stepwise_asl::timestamp::format_millis(ms))
}

fn details<'a>(e: &'a Value, key: &str) -> Option<&'a Value> {
    e.get(key)
}

/// A payload AWS writes as JSON text (`"input": "{\"a\":1}"`), as a value.
fn json_field(details: Option<&Value>, key: &str) -> Option<Value> {
    match details?.get(key)? {
        Value::String(text) => serde_json::from_str(text)
            .ok()
            .or(Some(Value::String(text.clone()))),
        other => Some(other.clone()),
    }
}

fn thrown(details: Option<&Value>, default_error: &str) -> MockedResult {
    let text = |k: &str| {
        details
            .and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    MockedResult::Throw(MockedError {
        error: text("error").unwrap_or_else(|| default_error.to_string()),
        cause: text("cause"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(id: u64, prev: u64, kind: &str, details: Value) -> Value {
        let mut e = json!({"id": id, "previousEventId": prev, "type": kind});
        if let (Some(o), Value::Object(d)) = (e.as_object_mut(), details) {
            o.extend(d);
        }
        e
    }

    #[test]
    fn a_history_becomes_input_mocks_by_invocation_and_the_end() {
        let events = vec![
            ev(
                1,
                0,
                "ExecutionStarted",
                json!({"executionStartedEventDetails": {"input": "{\"id\":7}"}}),
            ),
            ev(
                2,
                1,
                "TaskStateEntered",
                json!({"stateEnteredEventDetails": {"name": "Charge", "input": "{}"}}),
            ),
            ev(3, 2, "TaskScheduled", json!({})),
            ev(
                4,
                3,
                "TaskFailed",
                json!({"taskFailedEventDetails": {"error": "Busy", "cause": "try later"}}),
            ),
            ev(5, 4, "TaskScheduled", json!({})),
            ev(
                6,
                5,
                "TaskFailed",
                json!({"taskFailedEventDetails": {"error": "Busy", "cause": "try later"}}),
            ),
            ev(7, 6, "TaskScheduled", json!({})),
            ev(
                8,
                7,
                "TaskSucceeded",
                json!({"taskSucceededEventDetails": {"output": "{\"ok\":true}"}}),
            ),
            ev(
                9,
                8,
                "TaskStateExited",
                json!({"stateExitedEventDetails": {"name": "Charge", "output": "{}"}}),
            ),
            ev(
                10,
                9,
                "ExecutionSucceeded",
                json!({"executionSucceededEventDetails": {"output": "{\"done\":1}"}}),
            ),
        ];
        let t = test_from_history("replay", &events);
        assert_eq!(t.input, Some(json!({"id": 7})));
        assert_eq!(
            serde_json::to_value(&t.mocks).unwrap(),
            json!({"Charge": {
                "0-1": {"Throw": {"Error": "Busy", "Cause": "try later"}},
                "2": {"Return": {"ok": true}}
            }})
        );
        assert_eq!(t.expect.output, Some(json!({"done": 1})));
        assert_eq!(t.expect.status(), ExpectedStatus::Succeeded);
    }

    #[test]
    fn a_failed_run_expects_its_error_and_cause() {
        let events = vec![
            ev(
                1,
                0,
                "ExecutionStarted",
                json!({"executionStartedEventDetails": {"input": "{}"}}),
            ),
            ev(
                2,
                1,
                "ExecutionFailed",
                json!({"executionFailedEventDetails": {"error": "E", "cause": "c"}}),
            ),
        ];
        let t = test_from_history("fails", &events);
        assert_eq!(t.expect.status, Some(ExpectedStatus::Failed));
        assert_eq!(
            (t.expect.error.as_deref(), t.expect.cause.as_deref()),
            (Some("E"), Some("c"))
        );
        assert!(t.mocks.is_empty());
    }
}
