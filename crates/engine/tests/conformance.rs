//! Runs every execution recorded against real AWS in `../shared/conformance/` (format in
//! its README) and compares status, output or error and cause, and the states entered.
//! Cases whose definition uses the JSONata query language are counted apart: this engine
//! runs JSONPath states only, so they cannot pass yet.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{run_blocking, ExecutionConfig, StatesError, Status};

/// The recorded cases need no AWS service; a Task reaching this is a failure of the test.
struct NoTasks;

impl TaskHandler for NoTasks {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            Err(StatesError::new(
                "Test.NoTasks",
                format!("unexpected Task {}", req.state_name),
            ))
        })
    }
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// Removes a `$.a.b` / `$.a[0]` path from a JSON value (the `ignore` list).
fn remove(root: &mut Value, path: &str) {
    let Some(rest) = path.strip_prefix('$') else {
        return;
    };
    let mut tokens = Vec::new();
    for part in rest.split('.').filter(|s| !s.is_empty()) {
        let mut p = part;
        while let Some(i) = p.find('[') {
            if i > 0 {
                tokens.push(p[..i].to_string());
            }
            let end = p[i..].find(']').map(|e| i + e).unwrap_or(p.len());
            tokens.push(p[i + 1..end].trim_matches('\'').to_string());
            p = if end < p.len() { &p[end + 1..] } else { "" };
        }
        if !p.is_empty() {
            tokens.push(p.to_string());
        }
    }
    let Some((last, parents)) = tokens.split_last() else {
        return;
    };
    let mut cur = root;
    for t in parents {
        cur = match cur {
            Value::Object(m) => match m.get_mut(t) {
                Some(v) => v,
                None => return,
            },
            Value::Array(a) => match t.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                Some(v) => v,
                None => return,
            },
            _ => return,
        };
    }
    match cur {
        Value::Object(m) => {
            m.shift_remove(last);
        }
        Value::Array(a) => {
            if let Some(i) = last.parse::<usize>().ok().filter(|i| *i < a.len()) {
                a[i] = Value::Null;
            }
        }
        _ => {}
    }
}

fn uses_jsonata(v: &Value) -> bool {
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, v)| (k == "QueryLanguage" && v == "JSONata") || uses_jsonata(v)),
        Value::Array(a) => a.iter().any(uses_jsonata),
        _ => false,
    }
}

fn entered_states(events: &[stepwise_engine::history::HistoryEvent]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.event_type.ends_with("StateEntered"))
        .filter_map(|e| match &e.details {
            Some(stepwise_engine::history::Details::StateEntered { name, .. }) => {
                Some(name.clone())
            }
            _ => None,
        })
        .collect()
}

fn multiset(v: &[String]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for s in v {
        *m.entry(s.as_str()).or_default() += 1;
    }
    m
}

/// Compares one case; `Err` says what differs.
fn check(case: &Value) -> Result<(), String> {
    let definition = &case["definition"];
    let machine =
        stepwise_asl::StateMachine::from_value(definition).map_err(|e| format!("model: {e}"))?;
    let mut config = ExecutionConfig::new(Arc::new(NoTasks));
    config.seed = Some(1);
    let outcome = run_blocking(Arc::new(machine), case["input"].clone(), config);
    let ignore: Vec<&str> = case["ignore"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let expected = &case["expected"];
    let mut actual = match outcome.status {
        Status::Succeeded => serde_json::json!({"status": "SUCCEEDED", "output": outcome.output}),
        _ => {
            let e = outcome
                .error
                .clone()
                .unwrap_or_else(|| StatesError::bare(""));
            serde_json::json!({"status": "FAILED", "error": if e.error.is_empty() { Value::Null } else { Value::String(e.error) }, "cause": e.cause})
        }
    };
    let mut expected = expected.clone();
    if expected["status"] == "FAILED" && expected.get("cause").is_none() {
        expected["cause"] = Value::Null;
    }
    for p in &ignore {
        remove(&mut actual, p);
        remove(&mut expected, p);
    }
    if actual != expected {
        return Err(format!("expected {expected}\n      actual   {actual}"));
    }
    let want: Vec<String> = case["states"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let got = entered_states(&outcome.events);
    let concurrent = definition.to_string().contains("\"Parallel\"")
        || definition.to_string().contains("\"Map\"");
    let same = if concurrent {
        multiset(&want) == multiset(&got)
    } else {
        want == got
    };
    if !same {
        return Err(format!(
            "states entered: expected {want:?}\n      actual   {got:?}"
        ));
    }
    Ok(())
}

#[test]
fn recorded_aws_executions_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cases");
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is not here (it sits beside the repository in CI)",
            root.display()
        );
        return;
    }
    let mut files = Vec::new();
    cases(&root, &mut files);
    files.sort();
    let (mut passed, mut jsonata) = (0usize, 0usize);
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read case");
        let case: Value = serde_json::from_str(&text).expect("case JSON");
        if uses_jsonata(&case["definition"]) {
            jsonata += 1;
            continue;
        }
        match check(&case) {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!(
                "{}\n      {why}",
                case["name"].as_str().unwrap_or("?")
            )),
        }
    }
    println!(
        "conformance: {passed} of {} cases pass; {} JSONPath cases fail; {jsonata} need JSONata (not run)",
        files.len(),
        failures.len()
    );
    assert!(files.len() >= 100, "found only {} cases", files.len());
    assert!(
        failures.is_empty(),
        "{} JSONPath cases differ from AWS:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
