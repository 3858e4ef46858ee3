//! Replays recorded AWS executions whose definition is one JSONPath Pass state through the
//! data-flow functions alone: InputPath → Parameters (or Result) → ResultPath → OutputPath,
//! compared with what AWS returned. See shared/conformance/README.md for the case format.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use stepwise_engine::dataflow::{
    apply_input_path, apply_output_path, apply_result_path, evaluate_template, no_variables,
    PathEnv,
};
use stepwise_engine::rng::Random;
use stepwise_engine::StatesError;

fn cases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cases")
}

/// The context object a fresh execution of the case would see.
fn context_for(input: &Value) -> Value {
    json!({
        "Execution": {
            "Id": "arn:aws:states:us-east-1:111111111111:execution:Conformance-Machine:exec-0001",
            "Input": input,
            "Name": "exec-0001",
            "RoleArn": "arn:aws:iam::111111111111:role/StepwiseRole",
            "StartTime": "2026-01-01T00:00:00.000Z",
            "RedriveCount": 0
        },
        "State": {"Name": "State_0", "EnteredTime": "2026-01-01T00:00:00.010Z", "RetryCount": 0},
        "StateMachine": {
            "Id": "arn:aws:states:us-east-1:111111111111:stateMachine:Conformance-Machine",
            "Name": "Conformance-Machine"
        },
        "Task": {}
    })
}

/// The single Pass state of a JSONPath definition, if that is what the case is.
fn single_pass_state(definition: &Value) -> Option<(&String, &Map<String, Value>)> {
    let states = definition.get("States")?.as_object()?;
    if states.len() != 1 || definition.get("QueryLanguage") == Some(&json!("JSONata")) {
        return None;
    }
    let (name, state) = states.iter().next()?;
    let state = state.as_object()?;
    let is_pass = state.get("Type") == Some(&json!("Pass"));
    let jsonata = state.get("QueryLanguage") == Some(&json!("JSONata"));
    (is_pass && !jsonata).then_some((name, state))
}

fn run_pass(state: &Map<String, Value>, input: &Value) -> Result<Value, StatesError> {
    let context = context_for(input);
    let mut rng = Random::seeded(0);
    let env = PathEnv::new(input, &context, &no_variables);
    let effective = apply_input_path(state.get("InputPath"), &env)?;
    let result = match (state.get("Parameters"), state.get("Result")) {
        (Some(template), _) => evaluate_template(template, &env.with_input(&effective), &mut rng)?,
        (None, Some(result)) => result.clone(),
        (None, None) => effective,
    };
    let output = apply_result_path(state.get("ResultPath"), input, result)?;
    apply_output_path(state.get("OutputPath"), &env.with_input(&output))
}

/// Removes a simple `$.a.b` path from `value`.
fn remove_path(value: &mut Value, path: &str) {
    let Some(rest) = path.strip_prefix("$.") else {
        return;
    };
    let parts: Vec<&str> = rest.split('.').collect();
    let mut node = value;
    for (i, part) in parts.iter().enumerate() {
        let Some(map) = node.as_object_mut() else {
            return;
        };
        if i + 1 == parts.len() {
            map.remove(*part);
            return;
        }
        match map.get_mut(*part) {
            Some(next) => node = next,
            None => return,
        }
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(k, x)| ys.get(k).is_some_and(|y| json_eq(x, y)))
        }
        _ => a == b,
    }
}

/// Drops AWS's `An error occurred while executing the state '…' (entered at the event id
/// #N). ` prefix, which the executor adds, not the data-flow functions.
fn strip_state_prefix(cause: &str) -> &str {
    if cause.starts_with("An error occurred while executing the state '") {
        if let Some(i) = cause.find("). ") {
            return &cause[i + 3..];
        }
    }
    cause
}

enum Verdict {
    Pass,
    Skip(String),
    Fail(String),
}

fn check_case(path: &Path) -> Verdict {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return Verdict::Fail(format!("unreadable: {e}")),
    };
    let case: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return Verdict::Fail(format!("not JSON: {e}")),
    };
    let Some((_, state)) = case.get("definition").and_then(single_pass_state) else {
        return Verdict::Skip("not a single JSONPath Pass state".to_string());
    };
    let input = case.get("input").cloned().unwrap_or(Value::Null);
    let ignore: Vec<&str> = case
        .get("ignore")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut expected = case.get("expected").cloned().unwrap_or(Value::Null);
    let got = run_pass(state, &input);
    match expected.get("status").and_then(Value::as_str) {
        Some("SUCCEEDED") => {
            let Ok(output) = got else {
                return Verdict::Fail(format!(
                    "expected success, got {}",
                    got.err().map(|e| e.to_string()).unwrap_or_default()
                ));
            };
            let mut actual = json!({"output": output});
            for path in &ignore {
                remove_path(&mut actual, path);
                remove_path(&mut expected, path);
            }
            let want = expected.get("output").cloned().unwrap_or(Value::Null);
            let have = actual.get("output").cloned().unwrap_or(Value::Null);
            if json_eq(&want, &have) {
                Verdict::Pass
            } else {
                Verdict::Fail(format!("output {have} != expected {want}"))
            }
        }
        Some("FAILED") => {
            let Err(err) = got else {
                return Verdict::Fail(format!(
                    "expected failure, got output {}",
                    got.map(|v| v.to_string()).unwrap_or_default()
                ));
            };
            let want_error = expected.get("error").and_then(Value::as_str).unwrap_or("");
            if err.error != want_error {
                return Verdict::Fail(format!("error {} != expected {want_error}", err.error));
            }
            if ignore.contains(&"$.cause") {
                return Verdict::Pass;
            }
            let want_cause = expected
                .get("cause")
                .and_then(Value::as_str)
                .map(strip_state_prefix);
            if err.cause.as_deref() == want_cause {
                Verdict::Pass
            } else {
                Verdict::Fail(format!("cause {:?} != expected {want_cause:?}", err.cause))
            }
        }
        other => Verdict::Fail(format!("unknown expected status {other:?}")),
    }
}

/// Runs every case of `group`: how many passed, which were skipped (why), which failed.
fn run_group(group: &str) -> (usize, Vec<String>, Vec<String>) {
    let dir = cases_root().join(group);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the recorded AWS executions sit beside the repository (shared/)",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut passed, mut skipped, mut failed) = (0, Vec::new(), Vec::new());
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match check_case(file) {
            Verdict::Pass => passed += 1,
            Verdict::Skip(why) => skipped.push(format!("{group}/{name}: {why}")),
            Verdict::Fail(why) => failed.push(format!("{group}/{name}: {why}")),
        }
    }
    (passed, skipped, failed)
}

/// Replays `group` and fails on any difference, and unless exactly `single_pass` of its
/// `holds` cases were replayed: a missing folder, or a case no longer recognised as one
/// Pass state, must not pass by running nothing.
fn assert_group(group: &str, holds: usize, single_pass: usize) {
    let (passed, skipped, failed) = run_group(group);
    let ran = passed + failed.len();
    eprintln!(
        "{group}: {ran} of {} cases replayed ({passed} pass, {} fail), {} not one Pass state",
        ran + skipped.len(),
        failed.len(),
        skipped.len()
    );
    assert!(
        failed.is_empty(),
        "{} of {ran} {group} cases differ from AWS:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert_eq!(
        (ran + skipped.len(), ran),
        (holds, single_pass),
        "{group}: (cases held, replayed) are not as expected; skipped:\n{}",
        skipped.join("\n")
    );
}

#[test]
fn intrinsic_function_cases_match_aws() {
    assert_group("intrinsic_functions", 34, 31);
}

/// The same replay over the other groups: only their single-Pass-state cases are taken on
/// (InputPath/OutputPath errors, template paths that miss, ResultPath placement).
#[test]
fn other_single_pass_cases_match_aws() {
    for (group, holds, single_pass) in [
        ("base", 11, 3),
        ("scenarios", 41, 5),
        ("assign", 21, 5),
        ("context_object", 1, 0),
        ("outputdecl", 4, 0),
        ("query_language", 3, 0),
    ] {
        assert_group(group, holds, single_pass);
    }
}
