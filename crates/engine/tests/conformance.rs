//! Runs every execution recorded against real AWS in `../shared/conformance/` (format in
//! its README) as `stepwise run --seed 1 --format json` would, and compares what the CLI
//! prints, unnormalised, with what AWS recorded (status, output or error and cause), and the
//! states entered. Each folder must run every case it holds, JSONPath and JSONata alike;
//! cases whose definition uses JSONata are also counted apart.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stepwise_asl::{Document, SourceFormat};
use stepwise_engine::task::Router;
use stepwise_engine::{run_blocking, ExecutionConfig, ExecutionIdentity};

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

/// Runs one case as the CLI does (parse and validate, refuse an invalid definition, an
/// empty handler router, virtual time, the machine named after the file) and compares the
/// JSON it prints with AWS's record; `Err` says what differs.
fn check(stem: &str, case: &Value) -> Result<(), String> {
    let definition = &case["definition"];
    let text = serde_json::to_vec(definition).map_err(|e| format!("definition: {e}"))?;
    let doc = Document::parse(&text, Some(SourceFormat::Json)).map_err(|e| e.to_string())?;
    if doc.has_errors() {
        let problems: Vec<String> = doc
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {}", d.pointer, d.message))
            .collect();
        return Err(format!(
            "the CLI refuses to run it: {}",
            problems.join("; ")
        ));
    }
    let machine = doc
        .machine()
        .cloned()
        .ok_or_else(|| format!("model: {}", doc.model_error().unwrap_or("?")))?;
    let mut config = ExecutionConfig::new(Arc::new(Router::new()));
    config.identity = ExecutionIdentity {
        state_machine_name: stem.to_string(),
        ..ExecutionIdentity::default()
    };
    config.seed = Some(1);
    let outcome = run_blocking(Arc::new(machine), case["input"].clone(), config);
    // What `--format json` prints, read back as a reader of that line would.
    let printed = outcome.summary().to_string();
    let mut actual: Value = serde_json::from_str(&printed).map_err(|e| e.to_string())?;
    let mut expected = case["expected"].clone();
    let ignore: Vec<&str> = case["ignore"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for p in &ignore {
        remove(&mut actual, p);
        remove(&mut expected, p);
    }
    if actual != expected {
        return Err(format!("expected {expected}\n      printed  {printed}"));
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

/// What one folder held and what became of its cases.
#[derive(Default)]
struct Tally {
    holds: usize,
    ran: usize,
    passed: usize,
    jsonata: usize,
    failures: Vec<String>,
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn run_folder(dir: &Path) -> Tally {
    let files = json_files(dir);
    let mut t = Tally {
        holds: files.len(),
        ..Tally::default()
    };
    for f in &files {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let case: Value = match std::fs::read_to_string(f)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
        {
            Ok(case) => case,
            Err(e) => {
                t.failures
                    .push(format!("{}: unreadable case: {e}", f.display()));
                continue;
            }
        };
        if uses_jsonata(&case["definition"]) {
            t.jsonata += 1;
        }
        t.ran += 1;
        match check(&stem, &case) {
            Ok(()) => t.passed += 1,
            Err(why) => t.failures.push(format!(
                "{}\n      {why}",
                case["name"].as_str().unwrap_or(&stem)
            )),
        }
    }
    t
}

/// Every folder of `../shared/conformance/`, with the number of cases it holds and how many
/// of them use JSONata. A folder that is missing, holds another number of cases, or runs
/// fewer than it holds fails the test: no case is skipped silently.
const FOLDERS: &[(&str, usize, usize)] = &[
    ("cases/assign", 21, 3),
    ("cases/base", 11, 0),
    ("cases/context_object", 1, 0),
    ("cases/intrinsic_functions", 34, 3),
    ("cases/outputdecl", 4, 4),
    ("cases/query_language", 3, 3),
    ("cases/scenarios", 41, 12),
    ("extra/assign", 1, 0),
    ("extra/base", 9, 0),
    ("extra/choice_operators", 245, 0),
    ("extra/context_object", 4, 0),
    ("extra/error_handling", 1, 0),
    ("extra/evaluate_jsonata", 4, 4),
    ("extra/intrinsic_functions", 56, 11),
    ("extra/outputdecl", 3, 3),
    ("extra/scenarios", 16, 12),
];

#[test]
fn recorded_aws_executions_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance");
    assert!(
        root.is_dir(),
        "{} is not here: the recorded AWS executions sit beside the repository (shared/)",
        root.display()
    );
    let mut problems = Vec::new();
    let (mut ran, mut passed, mut jsonata, mut holds) = (0, 0, 0, 0);
    println!("folder                     holds  ran  pass  fail  JSONata");
    for &(folder, want_holds, want_jsonata) in FOLDERS {
        let t = run_folder(&root.join(folder));
        println!(
            "{folder:<26} {:>5} {:>4} {:>5} {:>5} {:>8}",
            t.holds,
            t.ran,
            t.passed,
            t.failures.len(),
            t.jsonata
        );
        if t.holds != want_holds || t.jsonata != want_jsonata {
            problems.push(format!(
                "{folder}: holds {} cases ({} JSONata), expected {want_holds} ({want_jsonata})",
                t.holds, t.jsonata
            ));
        }
        if t.ran != t.holds {
            problems.push(format!("{folder}: ran {} of {} cases", t.ran, t.holds));
        }
        problems.extend(t.failures.iter().map(|f| format!("{folder}: {f}")));
        ran += t.ran;
        passed += t.passed;
        jsonata += t.jsonata;
        holds += t.holds;
    }
    println!(
        "conformance: {passed} of {ran} cases pass ({jsonata} of them JSONata); {holds} cases in all"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
