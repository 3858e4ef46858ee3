//! Every project of `../shared/realworld/projects/` (published SAM, CloudFormation and
//! Terraform projects, placeholders left in) opens through the loader: every state machine
//! is found, every definition is valid once its placeholders are substituted, and saving a
//! definition without an edit changes no byte of any file.

use std::path::{Path, PathBuf};
use stepwise_asl::{Document, Severity};
use stepwise_project::{subst, Project, Source};

fn projects_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld/projects");
    assert!(
        root.is_dir(),
        "{} is not here: the published projects sit beside the repository (shared/)",
        root.display()
    );
    root
}

/// A definition's problems once `subs` are applied, as `pointer: message` lines.
fn errors_after_substitution(text: &str, subs: &subst::Substitutions) -> Vec<String> {
    let doc = match Document::parse(text.as_bytes(), None) {
        Ok(d) => d,
        Err(e) => return vec![format!("parse: {e}")],
    };
    let applied = subst::apply(&doc.value, subs);
    let doc = Document::from_value(applied.definition, doc.format, text.len());
    doc.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.pointer, d.message))
        .collect()
}

#[test]
fn every_published_project_opens_validates_and_round_trips() {
    let root = projects_root();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let (mut projects, mut machines, mut substituted) = (0, 0, 0);
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let project = match Project::open(dir) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        projects += 1;
        if project.machines.is_empty() {
            // A machine defined in code (a CDK app before `cdk synth`): its ASL file is
            // offered on its own.
            let loose = project.loose_files();
            if loose.is_empty() {
                failures.push(format!("{name}: no state machine found"));
            }
            for f in loose {
                let text = std::fs::read_to_string(&f).unwrap();
                for e in errors_after_substitution(&text, &subst::Substitutions::default()) {
                    failures.push(format!("{name}/{}: {e}", f.display()));
                }
            }
        }
        for m in &project.machines {
            machines += 1;
            // A definition kept in S3 is checked through the project's local ASL files.
            let defs: Vec<(String, String)> = match &m.source {
                Source::Remote { candidates, .. } => {
                    if candidates.is_empty() {
                        failures.push(format!("{name}/{}: in S3 and no local file", m.id));
                    }
                    candidates
                        .iter()
                        .map(|c| (c.display().to_string(), std::fs::read_to_string(c).unwrap()))
                        .collect()
                }
                _ => match m.definition() {
                    Ok(def) => {
                        // Saving without an edit writes the very bytes that are there.
                        if def.read_only.is_none() {
                            match m.render(&def, &def.text) {
                                Ok(w) => {
                                    let before = std::fs::read_to_string(&w.path).unwrap();
                                    if w.text != before {
                                        failures.push(format!(
                                            "{name}/{}: saving without an edit changes {}",
                                            m.id,
                                            w.path.display()
                                        ));
                                    }
                                }
                                Err(e) => failures.push(format!("{name}/{}: {e}", m.id)),
                            }
                        }
                        vec![(m.id.clone(), def.text)]
                    }
                    Err(e) => {
                        failures.push(format!("{name}/{}: {e}", m.id));
                        continue;
                    }
                },
            };
            substituted += m.substitutions.0.len();
            for (what, text) in defs {
                for e in errors_after_substitution(&text, &m.substitutions) {
                    failures.push(format!("{name}/{what}: {e}"));
                }
            }
        }
    }
    println!(
        "{projects} projects of {}, {machines} state machines, {substituted} substitutions",
        dirs.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(projects, dirs.len());
}

/// Broken templates (cut short, a line dropped, a line doubled) give an error or a project,
/// never a panic; and a definition that opens can be saved back or refused with a reason.
#[test]
fn damaged_templates_never_panic() {
    let root = projects_root();
    let mut templates: Vec<PathBuf> = Vec::new();
    for d in std::fs::read_dir(&root).unwrap().flatten() {
        for name in ["template.yaml", "template.yml", "main.tf"] {
            let p = d.path().join(name);
            if p.is_file() {
                templates.push(p);
            }
        }
    }
    templates.sort();
    let mut tried = 0;
    for t in &templates {
        let text = std::fs::read_to_string(t).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let name = t.file_name().unwrap().to_str().unwrap();
        let mut variants: Vec<String> = Vec::new();
        for cut in [text.len() / 3, text.len() / 2, text.len() * 9 / 10] {
            let mut at = cut;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            variants.push(text[..at].to_string());
        }
        for i in (0..lines.len()).step_by(31) {
            let mut dropped = lines.clone();
            dropped.remove(i);
            variants.push(dropped.join("\n"));
            let mut doubled = lines.clone();
            doubled.insert(i, lines[i]);
            variants.push(doubled.join("\n"));
        }
        for v in variants {
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join(name);
            std::fs::write(&copy, v).unwrap();
            let opened = if name.ends_with(".tf") {
                Project::open(dir.path())
            } else {
                Project::open(&copy)
            };
            if let Ok(p) = opened {
                for m in &p.machines {
                    if let Ok(def) = m.definition() {
                        let _ = m.render(&def, &def.text);
                    }
                }
            }
            tried += 1;
        }
    }
    assert!(tried > 300, "{tried}");
}
