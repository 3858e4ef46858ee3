//! Every state machine in `../shared/realworld/` is one that AWS accepts: the 105 definitions
//! at its top level were deployed as they are, and the ASL files of `projects/` are deployed
//! once CloudFormation or Terraform substitutes their `${...}` placeholders. The validator
//! must report no error for any of them: placeholders are checked as what they stand for.

use std::path::{Path, PathBuf};
use stepwise_asl::{Document, SourceFormat};

fn realworld_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld")
}

fn is_definition_format(p: &Path) -> bool {
    SourceFormat::from_path(p).is_some()
}

/// An ASL file of a project: `*.asl.json` / `*.asl.yaml`, anything JSON or YAML in a
/// `statemachine`/`statemachines` folder, or a file named like `statemachine.json`. Templates
/// and Terraform files are the loader's business, not this test's.
fn is_project_asl(p: &Path) -> bool {
    if !is_definition_format(p) {
        return false;
    }
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let in_sm_dir = p
        .parent()
        .and_then(|d| d.file_name())
        .and_then(|d| d.to_str())
        .is_some_and(|d| {
            d.eq_ignore_ascii_case("statemachine") || d.eq_ignore_ascii_case("statemachines")
        });
    name.contains(".asl.") || in_sm_dir || name.starts_with("statemachine.")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if is_project_asl(&p) {
            out.push(p);
        }
    }
}

/// The errors of one file, and how many warnings it has.
fn errors_of(path: &Path) -> (Vec<String>, usize) {
    let doc = match Document::load(path) {
        Ok(doc) => doc,
        Err(e) => return (vec![format!("  does not load: {e}")], 0),
    };
    let warnings = doc.diagnostics.iter().filter(|d| !d.is_error()).count();
    let mut errors: Vec<String> = doc
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("  {d}"))
        .collect();
    if doc.machine().is_none() {
        errors.push(format!("  no typed model: {:?}", doc.model_error()));
    }
    (errors, warnings)
}

#[test]
fn every_realworld_definition_validates_without_errors() {
    let root = realworld_root();
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is not here (it sits beside the repository in CI)",
            root.display()
        );
        return;
    }
    let mut top: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("read realworld")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_definition_format(p))
        .collect();
    top.sort();
    let mut projects = Vec::new();
    walk(&root.join("projects"), &mut projects);
    projects.sort();
    assert!(
        top.len() >= 105,
        "expected 105 definitions, found {}",
        top.len()
    );
    assert!(
        projects.len() >= 56,
        "expected an ASL file per project, found {}",
        projects.len()
    );
    let mut failures = Vec::new();
    let mut warnings = 0;
    for f in top.iter().chain(&projects) {
        let (errors, w) = errors_of(f);
        warnings += w;
        if !errors.is_empty() {
            failures.push(format!("{}\n{}", f.display(), errors.join("\n")));
        }
    }
    eprintln!(
        "validated {} top-level definitions and {} project ASL files; {} with errors, {warnings} warnings",
        top.len(),
        projects.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "AWS accepts these (after substitution), the validator says otherwise:\n{}",
        failures.join("\n")
    );
}
