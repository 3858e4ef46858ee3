//! Every definition in `../shared/conformance/` ran on real AWS Step Functions, so AWS
//! accepted it: the validator must report no error for any of them.

use serde_json::Value;
use std::path::{Path, PathBuf};
use stepwise_asl::Document;

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

#[test]
fn definitions_recorded_on_aws_validate_without_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cases");
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is not here (it sits beside the repository in CI)",
            root.display()
        );
        return;
    }
    let mut files = Vec::new();
    case_files(&root, &mut files);
    files.sort();
    assert!(
        files.len() >= 100,
        "expected the conformance cases, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read case");
        let case: Value = serde_json::from_str(&text).expect("case is JSON");
        let definition = serde_json::to_vec(&case["definition"]).expect("serialise");
        let doc = Document::parse(&definition, None).expect("definition parses");
        let errors: Vec<String> = doc
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("  {}: [{}] {}", d.pointer, d.code, d.message))
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{}\n{}", f.display(), errors.join("\n")));
        }
        assert!(
            doc.machine().is_some(),
            "{}: {:?}",
            f.display(),
            doc.model_error()
        );
    }
    assert!(
        failures.is_empty(),
        "AWS accepted these, the validator did not:\n{}",
        failures.join("\n")
    );
}
