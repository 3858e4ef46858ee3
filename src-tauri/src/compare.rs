//! Compare mode: the open document against another version of it (its last saved state, a
//! git revision of its file, another file), as the canvas draws it.
//!
//! The canvas draws the new version with the removed states put back as ghosts and the
//! removed transitions drawn: `stepwise_layout::diff`'s drawing, the same as `stepwise diff
//! --format svg`'s; the colours are the UI's (`ui/src/diff/decorations.ts`).

use crate::error::AppError;
use crate::ipc::DocumentView;
use crate::state::AppState;
use crate::view;
use crate::workspace::{open_path, Opening, Workspace};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use stepwise_asl::diff::{diff, Change, MachineDiff};
use stepwise_asl::SourceFormat;
use stepwise_project::git::{at_revision, GitError};
use stepwise_project::subst::Substitutions;
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

/// What the open document is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CompareWith {
    /// The file as it is on disk (the last save, or an edit made outside).
    Saved,
    /// The document's file at a git revision: `HEAD`, a branch, a tag, a commit.
    Revision { rev: String },
    /// Another file; `null` shows the Open dialog.
    File { path: Option<String> },
}

/// The comparison the canvas, the change list and the inspector show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct Comparison {
    /// What the document was compared with, for the panel's title ("last saved",
    /// "HEAD:flows/order.asl.json", a path).
    pub against: String,
    pub diff: MachineDiff,
    /// The new version with the removed states put back where they were (see the module
    /// comment): what the canvas draws. Its problems are left out (ghosts are unreachable).
    pub view: DocumentView,
    /// Per entry of `diff.changes`, in the same order: the state's JSON before and after.
    pub sides: Vec<StateSides>,
    /// The removed states, drawn as ghosts: their name and their pointer in `view`.
    pub ghosts: Vec<Ghost>,
}

/// One state's JSON in each version (`null` where it does not exist).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct StateSides {
    #[ts(type = "unknown")]
    pub before: Option<Value>,
    #[ts(type = "unknown")]
    pub after: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Ghost {
    pub name: String,
    pub pointer: String,
}

#[tauri::command]
pub async fn compare<R: Runtime>(
    app: AppHandle<R>,
    request: CompareWith,
) -> Result<Option<Comparison>, AppError> {
    let request = match request {
        CompareWith::File { path: None } => {
            match crate::commands::pick_machine_file(
                &app,
                "Compare with a state machine or a project",
            ) {
                Some(p) => CompareWith::File {
                    path: Some(p.display().to_string()),
                },
                None => return Ok(None),
            }
        }
        other => other,
    };
    let (new, source) = app.state::<AppState>().with(|ws| {
        let source = Source {
            path: ws.path().map(Path::to_path_buf),
            project: ws
                .project_machine()
                .map(|(p, m)| (p.to_path_buf(), m.to_string())),
        };
        (ws.value().clone(), source)
    })?;
    let (old, against) = old_version(&source, &request)?;
    Ok(Some(comparison(&old, &new, against)))
}

/// Where the open document comes from.
pub struct Source {
    pub path: Option<PathBuf>,
    /// The project path and machine id, for a machine of a template or Terraform.
    pub project: Option<(PathBuf, String)>,
}

impl Source {
    /// The file to read again: the project (its machine picked by id), or the definition.
    fn file(&self) -> Result<(&Path, Option<&str>), AppError> {
        match (&self.project, &self.path) {
            (Some((p, m)), _) => Ok((p, Some(m))),
            (None, Some(p)) => Ok((p, None)),
            (None, None) => Err(AppError::invalid(
                "The document has no file yet: save it, then compare",
            )),
        }
    }
}

/// The old version's definition, and what to call it.
pub fn old_version(source: &Source, with: &CompareWith) -> Result<(Value, String), AppError> {
    match with {
        CompareWith::Saved => {
            let (file, machine) = source.file()?;
            Ok((definition_in(file, machine)?, "last saved".into()))
        }
        CompareWith::Revision { rev } => {
            let rev = rev.trim();
            if rev.is_empty() {
                return Err(AppError::invalid(
                    "Name a git revision (HEAD, a branch, a commit)",
                ));
            }
            let (file, machine) = source.file()?;
            let checkout = at_revision(rev, file).map_err(git_error)?;
            let value = definition_in(&checkout.file, machine)?;
            Ok((value, format!("{rev}:{}", checkout.in_repo)))
        }
        CompareWith::File { path } => {
            let Some(path) = path else {
                return Err(AppError::invalid("Choose a file to compare with"));
            };
            let machine = source.project.as_ref().map(|(_, m)| m.as_str());
            let file = Path::new(path);
            // Another project may not have a machine of the same id: then its first one.
            let value = definition_in(file, machine).or_else(|_| definition_in(file, None))?;
            Ok((value, path.clone()))
        }
    }
}

fn git_error(e: GitError) -> AppError {
    AppError::BadFile(e.to_string())
}

/// The definition of `file` (a project's machine `machine`, or its first one).
fn definition_in(file: &Path, machine: Option<&str>) -> Result<Value, AppError> {
    let ws = match open_path(file, machine) {
        Opening::Document(ws) => *ws,
        Opening::Choose(_) => crate::workspace::project::open_first(file),
    };
    match ws.open_error() {
        Some(e) => Err(AppError::BadFile(e.to_string())),
        None => Ok(ws.value().clone()),
    }
}

/// The comparison of two definitions.
pub fn comparison(old: &Value, new: &Value, against: String) -> Comparison {
    let d = diff(old, new);
    let old_states = states_by_name(old);
    let new_states = states_by_name(new);
    let body = |states: &HashMap<String, (String, Value)>, name: &str| {
        states.get(name).map(|(_, v)| v.clone())
    };
    let sides = d
        .changes
        .iter()
        .map(|c| {
            let old_name = match c {
                Change::Renamed { from, .. } => from.as_str(),
                other => other.state(),
            };
            StateSides {
                before: body(&old_states, old_name),
                after: body(&new_states, c.state()),
            }
        })
        .collect();
    let drawing = stepwise_layout::diff::diff_drawing(old, new, &d);
    let union = drawing.union;
    let ghosts = drawing
        .ghosts
        .into_iter()
        .map(|g| Ghost {
            name: g.name,
            pointer: g.pointer,
        })
        .collect();
    let text = stepwise_asl::to_json_string(&union);
    // The drawing holds the removed transitions too, which the union cannot.
    let mut v = view::build_drawn(
        &union,
        &text,
        SourceFormat::Json,
        None,
        &Substitutions::default(),
        drawing.diagram,
    );
    v.problems.clear();
    v.revision = Workspace::fresh_revision();
    Comparison {
        against,
        diff: d,
        view: v,
        sides,
        ghosts,
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Every state, nested ones included: its pointer and its JSON, by name (unique in a machine).
fn states_by_name(machine: &Value) -> HashMap<String, (String, Value)> {
    let mut out = HashMap::new();
    collect(machine, "", &mut out);
    out
}

fn collect(scope: &Value, at: &str, out: &mut HashMap<String, (String, Value)>) {
    let Some(states) = scope.get("States").and_then(Value::as_object) else {
        return;
    };
    for (name, state) in states {
        let pointer = format!("{at}/States/{}", escape(name));
        if let Some(branches) = state.get("Branches").and_then(Value::as_array) {
            for (i, b) in branches.iter().enumerate() {
                collect(b, &format!("{pointer}/Branches/{i}"), out);
            }
        }
        for field in ["ItemProcessor", "Iterator"] {
            if let Some(p) = state.get(field) {
                collect(p, &format!("{pointer}/{field}"), out);
            }
        }
        out.insert(name.clone(), (pointer, state.clone()));
    }
}
