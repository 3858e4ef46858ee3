//! Every definition in `../shared/conformance/` (`cases/` and `extra/`) ran on real AWS Step
//! Functions, so AWS accepted it: the validator must report no error for any of them. The
//! JSONata ones are counted on their own, and a warning that a variable is never assigned is
//! only true where AWS then failed the execution.

use serde_json::Value;
use std::path::{Path, PathBuf};
use stepwise_asl::{Code, Document};

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            case_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// Whether a definition uses JSONata: at the top or in any state.
fn uses_jsonata(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            m.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata")
                || m.values().any(uses_jsonata)
        }
        Value::Array(a) => a.iter().any(uses_jsonata),
        _ => false,
    }
}

#[test]
fn definitions_recorded_on_aws_validate_without_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance");
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is not here (it sits beside the repository in CI)",
            root.display()
        );
        return;
    }
    let mut files = Vec::new();
    case_files(&root.join("cases"), &mut files);
    case_files(&root.join("extra"), &mut files);
    files.sort();
    assert!(
        files.len() >= 400,
        "expected the conformance cases and extras, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    let mut jsonata = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read case");
        let case: Value = serde_json::from_str(&text).expect("case is JSON");
        if uses_jsonata(&case["definition"]) {
            jsonata += 1;
        }
        let definition = serde_json::to_vec(&case["definition"]).expect("serialise");
        let doc = Document::parse(&definition, None).expect("definition parses");
        let failed = case["expected"]["status"] == "FAILED";
        let wrong: Vec<String> = doc
            .diagnostics
            .iter()
            .filter(|d| d.is_error() || (d.code == Code::UndefinedVariable && !failed))
            .map(|d| format!("  {d}"))
            .collect();
        if !wrong.is_empty() {
            failures.push(format!("{}\n{}", f.display(), wrong.join("\n")));
        }
        assert!(
            doc.machine().is_some(),
            "{}: {:?}",
            f.display(),
            doc.model_error()
        );
    }
    assert!(
        jsonata >= 50,
        "expected the JSONata cases among them, found {jsonata}"
    );
    assert!(
        failures.is_empty(),
        "AWS accepted these (and ran them as recorded), the validator says otherwise:\n{}",
        failures.join("\n")
    );
}
