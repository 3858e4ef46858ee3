//! The validation corpus: definitions AWS accepts (`tests/corpus/valid/`, `examples/`),
//! definitions AWS rejects (`tests/corpus/invalid/`), and definitions AWS accepts but a
//! careful author wants warned about (`tests/corpus/warning/`).
//!
//! Invalid and warning files are wrappers:
//!
//! ```json
//! {"description": "Next names a state that does not exist",
//!  "expect": [{"code": "next-not-found", "pointer": "/States/Check/Next"}],
//!  "definition": {"StartAt": "Check", "States": {}}}
//! ```
//!
//! An expectation's `code` is one code, or (rarely, where two codes are equally right) an
//! array of codes any one of which satisfies it. `severity` is `"error"` unless it says
//! `"warning"`. The diagnostics may contain more than the expectations (inherent
//! consequences of the one intended problem); they must contain every expectation.
//!
//! Every test collects all failures and reports them together, with file names.

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stepwise_asl::{
    Code, Diagnostic, Document, ExportFormat, Severity, SourceFormat, StateMachine,
};

mod round_trip;
mod well_formed;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir(sub: &str) -> PathBuf {
    manifest_dir().join("tests").join("corpus").join(sub)
}

fn examples_dir() -> PathBuf {
    manifest_dir().join("..").join("..").join("examples")
}

/// Definition files (`.json`, `.yaml`, `.yml`) directly in `dir`, sorted by name.
fn definition_files(dir: &Path) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            // The examples' tests files (`*.tests.json`) sit beside them; not definitions.
            p.is_file()
                && !p.to_string_lossy().contains(".tests.")
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json") | Some("yaml") | Some("yml")
                )
        })
        .collect();
    files.sort();
    files
}

/// Every definition AWS accepts: the valid corpus and the examples.
fn accepted_files() -> Vec<PathBuf> {
    let mut files = definition_files(&corpus_dir("valid"));
    files.extend(definition_files(&examples_dir()));
    files
}

fn display_name(path: &Path) -> String {
    let root = manifest_dir();
    let root = root.parent().and_then(Path::parent).unwrap_or(&root);
    let canon = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    canon
        .strip_prefix(&root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.display().to_string())
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn list_diagnostics(diags: &[Diagnostic]) -> String {
    if diags.is_empty() {
        return "    (no diagnostics)\n".to_string();
    }
    let mut s = String::new();
    for d in diags {
        let _ = writeln!(s, "    {d}");
    }
    s
}

fn finish(test: &str, checked: usize, failures: Vec<String>) {
    assert!(checked > 0, "{test}: no files were checked");
    if !failures.is_empty() {
        panic!(
            "{test}: {} of {checked} files failed:\n\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// One expected diagnostic of a wrapper file.
#[derive(Debug)]
struct Expectation {
    codes: Vec<String>,
    pointer: String,
    severity: Severity,
}

impl Expectation {
    fn matches(&self, d: &Diagnostic) -> bool {
        d.severity == self.severity
            && d.pointer == self.pointer
            && self.codes.iter().any(|c| c == d.code.as_str())
    }
}

impl std::fmt::Display for Expectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ptr = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{ptr}: {}[{}]", self.severity, self.codes.join(" | "))
    }
}

/// A wrapper file of the invalid or warning corpus.
struct Case {
    path: PathBuf,
    description: String,
    expect: Vec<Expectation>,
    definition: Value,
}

fn load_case(path: &Path) -> Result<Case, String> {
    let value: Value = serde_json::from_slice(&read(path)).map_err(|e| format!("not JSON: {e}"))?;
    let description = value
        .get("description")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or("no \"description\" string")?
        .to_string();
    let definition = value
        .get("definition")
        .cloned()
        .ok_or("no \"definition\"")?;
    let raw = value
        .get("expect")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or("no non-empty \"expect\" array")?;
    let mut expect = Vec::new();
    for (i, e) in raw.iter().enumerate() {
        let codes: Vec<String> = match e.get("code") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) if !a.is_empty() => a
                .iter()
                .map(|c| {
                    c.as_str()
                        .map(str::to_string)
                        .ok_or(format!("expect[{i}].code has a non-string"))
                })
                .collect::<Result<_, _>>()?,
            _ => {
                return Err(format!(
                    "expect[{i}] has no \"code\" (string or non-empty array)"
                ))
            }
        };
        for c in &codes {
            if !Code::ALL.iter().any(|k| k.as_str() == c) {
                return Err(format!("expect[{i}].code {c:?} is not a validator code"));
            }
        }
        let pointer = e
            .get("pointer")
            .and_then(Value::as_str)
            .ok_or(format!("expect[{i}] has no \"pointer\" string"))?
            .to_string();
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(format!(
                "expect[{i}].pointer {pointer:?} is not a JSON Pointer"
            ));
        }
        if definition.pointer(&pointer).is_none() {
            return Err(format!(
                "expect[{i}].pointer {pointer:?} names nothing in the definition"
            ));
        }
        let severity = match e.get("severity").and_then(Value::as_str) {
            None | Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some(other) => {
                return Err(format!(
                    "expect[{i}].severity {other:?} is neither error nor warning"
                ))
            }
        };
        expect.push(Expectation {
            codes,
            pointer,
            severity,
        });
    }
    Ok(Case {
        path: path.to_path_buf(),
        description,
        expect,
        definition,
    })
}

fn parse_definition(definition: &Value) -> Result<Document, String> {
    let bytes =
        serde_json::to_vec_pretty(definition).map_err(|e| format!("cannot serialise: {e}"))?;
    Document::parse(&bytes, Some(SourceFormat::Json)).map_err(|e| format!("does not parse: {e}"))
}

/// Checks one wrapper file; `must_be_rejected` says whether AWS rejects the definition
/// (invalid corpus) or accepts it (warning corpus: no errors allowed).
fn check_case(path: &Path, must_be_rejected: bool) -> Option<String> {
    let name = display_name(path);
    let case = match load_case(path) {
        Ok(c) => c,
        Err(e) => return Some(format!("{name}: malformed case file: {e}\n")),
    };
    let doc = match parse_definition(&case.definition) {
        Ok(d) => d,
        Err(e) => return Some(format!("{name}: {e}\n")),
    };
    let mut problems = Vec::new();
    for e in &case.expect {
        if !doc.diagnostics.iter().any(|d| e.matches(d)) {
            problems.push(format!("missing {e}"));
        }
    }
    let errors = doc.diagnostics.iter().filter(|d| d.is_error()).count();
    if must_be_rejected && errors == 0 {
        problems.push("no error-severity diagnostic, but AWS rejects this definition".to_string());
    }
    if !must_be_rejected && errors > 0 {
        problems.push(format!(
            "{errors} error-severity diagnostic(s), but AWS accepts this definition"
        ));
    }
    if problems.is_empty() {
        return None;
    }
    let mut s = format!("{} ({}):\n", name, case.description);
    for p in problems {
        let _ = writeln!(s, "  {p}");
    }
    s.push_str("  diagnostics:\n");
    s.push_str(&list_diagnostics(&doc.diagnostics));
    debug_assert_eq!(case.path, path);
    Some(s)
}

#[test]
fn accepted_definitions_have_no_errors() {
    let files = accepted_files();
    let mut failures = Vec::new();
    for path in &files {
        let name = display_name(path);
        let bytes = read(path);
        let doc = match Document::parse(&bytes, SourceFormat::from_path(path)) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{name}: does not parse: {e}\n"));
                continue;
            }
        };
        let errors: Vec<Diagnostic> = doc
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if !errors.is_empty() {
            failures.push(format!(
                "{name}: AWS accepts this definition, but the validator reports:\n{}",
                list_diagnostics(&doc.diagnostics)
            ));
        }
    }
    finish("accepted_definitions_have_no_errors", files.len(), failures);
}

#[test]
fn invalid_definitions_report_expected_errors() {
    let files = definition_files(&corpus_dir("invalid"));
    let failures: Vec<String> = files.iter().filter_map(|p| check_case(p, true)).collect();
    finish(
        "invalid_definitions_report_expected_errors",
        files.len(),
        failures,
    );
}

#[test]
fn warning_definitions_report_expected_warnings() {
    let files = definition_files(&corpus_dir("warning"));
    let failures: Vec<String> = files.iter().filter_map(|p| check_case(p, false)).collect();
    finish(
        "warning_definitions_report_expected_warnings",
        files.len(),
        failures,
    );
}
