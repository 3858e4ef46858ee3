//! Checks of the corpus files themselves.

use super::*;

/// The corpus itself: enough files of each kind, every wrapper well formed (known codes,
/// pointers that resolve inside the definition), no two invalid cases alike.
#[test]
fn corpus_is_well_formed() {
    let mut failures = Vec::new();
    let valid = definition_files(&corpus_dir("valid"));
    let examples = definition_files(&examples_dir());
    let invalid = definition_files(&corpus_dir("invalid"));
    let warning = definition_files(&corpus_dir("warning"));
    if valid.len() < 25 {
        failures.push(format!(
            "only {} valid definitions (want at least 25)\n",
            valid.len()
        ));
    }
    if examples.len() < 7 {
        failures.push(format!(
            "only {} examples (want at least 7)\n",
            examples.len()
        ));
    }
    if invalid.len() < 45 {
        failures.push(format!(
            "only {} invalid definitions (want at least 45)\n",
            invalid.len()
        ));
    }
    if warning.is_empty() {
        failures.push("no warning definitions\n".to_string());
    }
    for path in &invalid {
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            failures.push(format!(
                "{}: invalid cases are JSON wrapper files\n",
                display_name(path)
            ));
        }
    }
    let mut seen = std::collections::HashMap::new();
    for path in invalid.iter().chain(&warning) {
        match load_case(path) {
            Err(e) => failures.push(format!(
                "{}: malformed case file: {e}\n",
                display_name(path)
            )),
            Ok(case) => {
                let key = serde_json::to_string(&case.definition).unwrap_or_default();
                if let Some(other) = seen.insert(key, display_name(path)) {
                    failures.push(format!(
                        "{}: same definition as {other}\n",
                        display_name(path)
                    ));
                }
                let in_warning_dir = path
                    .parent()
                    .and_then(Path::file_name)
                    .and_then(|n| n.to_str())
                    == Some("warning");
                let has_warning = case.expect.iter().any(|e| e.severity == Severity::Warning);
                if in_warning_dir && !has_warning {
                    failures.push(format!(
                        "{}: a warning case expects no warning\n",
                        display_name(path)
                    ));
                }
            }
        }
    }
    for path in valid.iter().chain(&examples) {
        let bytes = read(path);
        let hint = SourceFormat::from_path(path);
        match stepwise_asl::parse_value(&bytes, hint) {
            Err(e) => failures.push(format!("{}: does not parse: {e}\n", display_name(path))),
            Ok((v, _)) => {
                if v.get("Comment")
                    .and_then(Value::as_str)
                    .is_none_or(|c| c.trim().is_empty())
                {
                    failures.push(format!("{}: no top-level Comment\n", display_name(path)));
                }
            }
        }
    }
    let checked = valid.len() + examples.len() + invalid.len() + warning.len();
    assert!(checked > 0, "corpus_is_well_formed: no files found");
    if !failures.is_empty() {
        panic!(
            "corpus_is_well_formed: {} problems:\n\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
