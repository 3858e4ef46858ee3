//! Checking a test's expectations against what its execution did. Each unmet expectation is
//! one [`Failure`], which names the expectation by its JSON Pointer in the tests file.

use crate::diff::{self, differences, Difference, Mode};
use crate::spec::{ExpectedStatus, StateExpect, TestDef};
use crate::trace::Trace;
use serde::Serialize;
use serde_json::Value;
use stepwise_engine::{Outcome, Status};

/// An expectation the execution did not meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// The expectation, as a JSON Pointer into the tests file (`/tests/2/expect/output`).
    pub pointer: String,
    pub message: String,
    /// For value expectations: where the values differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
}

impl Failure {
    fn new(pointer: String, message: impl Into<String>) -> Self {
        Failure {
            pointer,
            message: message.into(),
            differences: Vec::new(),
        }
    }
}

pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::Succeeded => "SUCCEEDED",
        Status::Failed => "FAILED",
        Status::TimedOut => "TIMED_OUT",
        Status::Aborted => "ABORTED",
    }
}

fn expected_name(s: ExpectedStatus) -> &'static str {
    match s {
        ExpectedStatus::Succeeded => "SUCCEEDED",
        ExpectedStatus::Failed => "FAILED",
        ExpectedStatus::TimedOut => "TIMED_OUT",
        ExpectedStatus::Aborted => "ABORTED",
    }
}

/// Every unmet expectation of `test` (at `at` in its file), in the order they are written.
pub fn check(test: &TestDef, at: &str, outcome: &Outcome, trace: &Trace) -> Vec<Failure> {
    let e = &test.expect;
    let at = format!("{at}/expect");
    let mut out = Vec::new();
    let want = e.status();
    if expected_name(want) != status_name(outcome.status) {
        let why = match (&outcome.error, outcome.status) {
            (Some(err), Status::Failed | Status::TimedOut) => {
                let name = err.name().unwrap_or("");
                match &err.cause {
                    Some(c) => format!(" ({name}: {c})"),
                    None => format!(" ({name})"),
                }
            }
            _ => String::new(),
        };
        out.push(Failure::new(
            format!("{at}/status"),
            format!(
                "expected the execution to end {}, it ended {}{why}",
                expected_name(want),
                status_name(outcome.status)
            ),
        ));
    }
    let actual_output = outcome.output.as_ref().unwrap_or(&Value::Null);
    if let Some(expected) = &e.output {
        value_check(
            &mut out,
            format!("{at}/output"),
            "the output",
            expected,
            actual_output,
            Mode::Exact,
        );
    }
    if let Some(expected) = &e.output_matches {
        value_check(
            &mut out,
            format!("{at}/outputMatches"),
            "the output",
            expected,
            actual_output,
            Mode::Contains,
        );
    }
    let error = outcome.error.as_ref();
    if let Some(name) = &e.error {
        let actual = error.and_then(|e| e.name());
        if actual != Some(name.as_str()) {
            out.push(Failure::new(
                format!("{at}/error"),
                format!("expected the error {name:?}, got {}", shown(actual)),
            ));
        }
    }
    let cause = error.and_then(|e| e.cause.as_deref());
    if let Some(want) = &e.cause {
        if cause != Some(want.as_str()) {
            out.push(Failure::new(
                format!("{at}/cause"),
                format!("expected the cause {want:?}, got {}", shown(cause)),
            ));
        }
    }
    if let Some(part) = &e.cause_contains {
        if !cause.is_some_and(|c| c.contains(part.as_str())) {
            out.push(Failure::new(
                format!("{at}/causeContains"),
                format!(
                    "expected the cause to contain {part:?}, got {}",
                    shown(cause)
                ),
            ));
        }
    }
    let path: Vec<&str> = trace.path().collect();
    if let Some(want) = &e.path {
        if path.iter().ne(want.iter()) {
            let first = path
                .iter()
                .zip(want.iter())
                .position(|(a, b)| a != b)
                .unwrap_or(path.len().min(want.len()));
            let at_step = |names: &[&str]| match names.get(first) {
                Some(n) => format!("{n:?}"),
                None => "the end".to_string(),
            };
            let want_names: Vec<&str> = want.iter().map(String::as_str).collect();
            out.push(Failure::new(
                format!("{at}/path"),
                format!(
                    "at step {}, expected {}, got {} (expected {}, got {})",
                    first + 1,
                    at_step(&want_names),
                    at_step(&path),
                    list(want_names.iter().copied()),
                    list(path.iter().copied())
                ),
            ));
        }
    }
    if let Some(want) = &e.visits {
        let mut rest = path.iter();
        if let Some(missing) = want.iter().find(|w| !rest.any(|p| p == w)) {
            out.push(Failure::new(
                format!("{at}/visits"),
                format!(
                    "expected the states {} to be entered in this order; {missing:?} was not entered after the ones before it (entered: {})",
                    list(want.iter().map(String::as_str)),
                    list(path.iter().copied())
                ),
            ));
        }
    }
    if let Some(never) = &e.not_visited {
        for (i, name) in never.iter().enumerate() {
            let times = path.iter().filter(|p| **p == name).count();
            if times > 0 {
                out.push(Failure::new(
                    format!("{at}/notVisited/{i}"),
                    format!(
                        "expected {name:?} never to be entered, it was entered {times} time(s)"
                    ),
                ));
            }
        }
    }
    for (i, s) in e.states.iter().enumerate() {
        state_check(&mut out, &format!("{at}/states/{i}"), s, trace);
    }
    if let Some(vars) = &e.variables {
        for (name, expected) in vars {
            let pointer = format!("{at}/variables/{}", escape(name));
            match trace.variables.get(name) {
                Some(actual) => value_check(
                    &mut out,
                    pointer,
                    &format!("the variable ${name}"),
                    expected,
                    actual,
                    Mode::Exact,
                ),
                None => out.push(Failure::new(
                    pointer,
                    format!(
                        "expected the variable ${name} to be {}, it was never assigned",
                        diff::compact(expected)
                    ),
                )),
            }
        }
    }
    for (name, want) in &e.attempts {
        let pointer = format!("{at}/attempts/{}", escape(name));
        match trace.visit(name, 1) {
            Some(v) if v.attempts == *want => {}
            Some(v) => out.push(Failure::new(
                pointer,
                format!(
                    "expected {want} attempt(s) of {name:?}, it took {}",
                    v.attempts
                ),
            )),
            None => out.push(Failure::new(pointer, format!("{name:?} was never entered"))),
        }
    }
    out
}

fn state_check(out: &mut Vec<Failure>, at: &str, s: &StateExpect, trace: &Trace) {
    let n = s.visit.unwrap_or(1);
    let Some(visit) = trace.visit(&s.state, n) else {
        let times = trace.path().filter(|p| *p == s.state).count();
        out.push(Failure::new(
            at.to_string(),
            format!(
                "expected visit {n} of {:?}; it was entered {times} time(s)",
                s.state
            ),
        ));
        return;
    };
    let what = |field: &str| format!("the {field} of {:?} at visit {n}", s.state);
    let input = visit.input.as_ref().unwrap_or(&Value::Null);
    if let Some(want) = &s.input {
        value_check(
            out,
            format!("{at}/input"),
            &what("input"),
            want,
            input,
            Mode::Exact,
        );
    }
    if let Some(want) = &s.input_matches {
        value_check(
            out,
            format!("{at}/inputMatches"),
            &what("input"),
            want,
            input,
            Mode::Contains,
        );
    }
    let wants_output = s.output.is_some() || s.output_matches.is_some();
    match (&visit.output, wants_output) {
        (Some(output), _) => {
            if let Some(want) = &s.output {
                value_check(
                    out,
                    format!("{at}/output"),
                    &what("output"),
                    want,
                    output,
                    Mode::Exact,
                );
            }
            if let Some(want) = &s.output_matches {
                value_check(
                    out,
                    format!("{at}/outputMatches"),
                    &what("output"),
                    want,
                    output,
                    Mode::Contains,
                );
            }
        }
        (None, true) => out.push(Failure::new(
            format!("{at}/output"),
            format!("{} has no output: the state failed", what("output")),
        )),
        (None, false) => {}
    }
    if let Some(want) = s.attempts {
        if visit.attempts != want {
            out.push(Failure::new(
                format!("{at}/attempts"),
                format!(
                    "expected {want} attempt(s) of {:?} at visit {n}, it took {}",
                    s.state, visit.attempts
                ),
            ));
        }
    }
}

fn value_check(
    out: &mut Vec<Failure>,
    pointer: String,
    what: &str,
    expected: &Value,
    actual: &Value,
    mode: Mode,
) {
    let diffs = differences(expected, actual, mode);
    if diffs.is_empty() {
        return;
    }
    let how = match mode {
        Mode::Exact => "is not as expected",
        Mode::Contains => "does not contain what is expected",
    };
    out.push(Failure {
        pointer,
        message: format!("{what} {how} ({} difference(s))", diffs.len()),
        differences: diffs,
    });
}

fn shown(v: Option<&str>) -> String {
    match v {
        Some(v) => format!("{v:?}"),
        None => "none".to_string(),
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    format!("[{}]", names.join(" → "))
}

/// A JSON Pointer token (RFC 6901).
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
