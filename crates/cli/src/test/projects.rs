//! `stepwise test` on projects: a template's or Terraform configuration's machines are
//! tested through their definition files, with the placeholders the project (then `--sub`
//! and `--subs`) gives them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stepwise_asl::Document;
use stepwise_project::subst::{self, Substitutions};
use stepwise_project::{Project, ProjectError, Source};
use stepwise_testing::load::{self, Suite};

/// The paths to search, a project replaced by its machines' definition files; and each such
/// file's substitutions.
pub fn expand(
    paths: &[PathBuf],
) -> Result<(Vec<PathBuf>, HashMap<PathBuf, Substitutions>), ProjectError> {
    let mut out = Vec::new();
    let mut subs = HashMap::new();
    for p in paths {
        if !Project::is_project(p) {
            out.push(p.clone());
            continue;
        }
        let project = Project::open(p)?;
        for m in &project.machines {
            if let Source::File { path } = &m.source {
                subs.insert(canonical(path), m.substitutions.clone());
                out.push(path.clone());
            }
        }
        out.extend(project.loose_files());
    }
    Ok((out, subs))
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// A suite whose machine has its placeholders substituted, when there are any to give.
pub fn load_substituted(
    source: &load::Source,
    project: &HashMap<PathBuf, Substitutions>,
    given: &Substitutions,
) -> Result<Suite, String> {
    let mut suite = load::load(source).map_err(|e| e.to_string())?;
    let mut subs = project
        .get(&canonical(&suite.machine_path))
        .cloned()
        .unwrap_or_default();
    subs.overlay(given);
    if subs.is_empty() {
        return Ok(suite);
    }
    let path = suite.machine_path.clone();
    let doc = Document::load(&path).map_err(|e| e.to_string())?;
    let applied = subst::apply(&doc.value, &subs);
    if let Some(p) = applied.unresolved_numbers.first() {
        return Err(format!(
            "{}{}: ${{{}}} must be a number to run; give it with --sub {}=N",
            path.display(),
            p.pointers.first().map(String::as_str).unwrap_or(""),
            p.name,
            p.name
        ));
    }
    let doc = Document::from_value(applied.definition, doc.format, 0);
    if let Some(d) = doc.diagnostics.iter().find(|d| d.is_error()) {
        return Err(format!("{}:{}: {}", path.display(), d.pointer, d.message));
    }
    let machine = doc
        .machine()
        .cloned()
        .ok_or_else(|| format!("{}: not a state machine", path.display()))?;
    suite.machine = Arc::new(machine);
    Ok(suite)
}
