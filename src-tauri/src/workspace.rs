//! The open document as the app holds it: the definition, the code view's text, undo/redo,
//! what is on disk and whether the two differ. No Tauri in here, so every edit, save and
//! conflict can be tested without a window.

use crate::ipc::{DocumentFormat, DocumentView, ExportKind, TextError};
use crate::view;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stepwise_asl::edit::{self, Edit, EditOutcome};
use stepwise_asl::{preserve, SourceFormat};
use thiserror::Error;

mod disk;
pub mod project;

pub use project::{open_path, Opening};

/// Revisions count across documents, so a view of a newly opened file never carries the
/// revision of the one before (the UI keys its caches on it).
static REVISION: AtomicU32 = AtomicU32::new(1);

fn next_revision() -> u32 {
    REVISION.fetch_add(1, Ordering::Relaxed)
}

/// How many steps Undo remembers.
const UNDO_DEPTH: usize = 200;
/// Typing in the code view within this long of the last keystroke batch is one undo step.
const TEXT_COALESCE: Duration = Duration::from_millis(1500);

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error("{0}")]
    Edit(#[from] edit::EditError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("the code has a syntax error at line {line}, column {column}: {message}; fix it before saving")]
    SyntaxError {
        line: u32,
        column: u32,
        message: String,
    },
    #[error("the document has no file yet; use Save As")]
    NoPath,
    #[error("could not export: {0}")]
    Export(String),
    /// The definition opens read-only; the reason says why and where to change it.
    #[error("read-only: {0}")]
    ReadOnly(String),
    /// The project the definition belongs to could not be read or written.
    #[error("{0}")]
    Project(String),
}

/// One step of the undo history.
#[derive(Debug, Clone)]
struct Snapshot {
    id: u64,
    value: Arc<Value>,
    text: Arc<String>,
    /// What produced this step ("Add Pass"), shown as "Undo Add Pass".
    label: String,
    /// Set for steps made by typing in the code view, so that typing coalesces.
    typed_at: Option<Instant>,
}

#[derive(Debug)]
pub struct Workspace {
    path: Option<PathBuf>,
    format: SourceFormat,
    steps: Vec<Snapshot>,
    /// Index of the current step in `steps`.
    cursor: usize,
    next_id: u64,
    /// The id of the step last saved or loaded; `None` when no step matches the disk.
    saved_id: Option<u64>,
    /// Text typed in the code view that does not parse; the current step keeps the last
    /// definition that did.
    broken_text: Option<(String, TextError)>,
    /// The bytes on disk as last read or written: a watcher event with these bytes is our own
    /// save, not an outside edit. A YAML save patches them, so their comments and layout stay.
    disk: Option<Vec<u8>>,
    /// The format `disk` is written in (a Save As to another format changes `format` first).
    disk_format: SourceFormat,
    /// Bytes of an outside edit that arrived while there were unsaved edits.
    conflict: Option<Vec<u8>>,
    revision: u32,
    /// Why the file could not be opened; the view then shows only this.
    open_error: Option<String>,
    /// The name shown, and offered by Save, while there is no path.
    untitled_name: String,
    /// The project machine the document was opened from (a template's or Terraform's).
    project: Option<project::Held>,
    cached: Option<DocumentView>,
}

/// The name of a new document until it is saved.
pub const UNTITLED: &str = "Untitled.asl.json";

impl Workspace {
    /// A new, unsaved document.
    pub fn untitled(value: Value) -> Workspace {
        Workspace::untitled_named(value, UNTITLED)
    }

    /// A new document that Save offers to write as `name` (an example's file name). It has
    /// nothing unsaved until it is edited: replacing or closing it untouched loses nothing.
    pub fn untitled_named(value: Value, name: &str) -> Workspace {
        let text = stepwise_asl::to_json_string(&value);
        let mut ws = Workspace::with_step(None, SourceFormat::Json, value, text, "New document");
        ws.untitled_name = name.to_string();
        ws
    }

    /// Opens a file. A file that cannot be read or parsed still gives a workspace, whose view
    /// says why, so the window can show the error next to the path.
    pub fn open(path: &Path) -> Workspace {
        match std::fs::read(path) {
            Ok(bytes) => match Workspace::from_bytes(Some(path), &bytes) {
                Ok(ws) => ws,
                Err(err) => Workspace::failed(path, err.to_string()),
            },
            Err(source) => {
                let err = WorkspaceError::Io {
                    path: path.to_path_buf(),
                    source,
                };
                Workspace::failed(path, err.to_string())
            }
        }
    }

    pub(crate) fn failed(path: &Path, message: String) -> Workspace {
        let mut ws = Workspace::with_step(
            Some(path),
            SourceFormat::from_path(path).unwrap_or(SourceFormat::Json),
            Value::Object(Default::default()),
            String::new(),
            "Open",
        );
        ws.open_error = Some(message);
        ws
    }

    fn from_bytes(path: Option<&Path>, bytes: &[u8]) -> Result<Workspace, WorkspaceError> {
        Workspace::from_bytes_as(path, bytes, path.and_then(SourceFormat::from_path))
    }

    fn from_bytes_as(
        path: Option<&Path>,
        bytes: &[u8],
        hint: Option<SourceFormat>,
    ) -> Result<Workspace, WorkspaceError> {
        let (value, format, text) = parse_bytes(path, hint, bytes)?;
        let mut ws = Workspace::with_step(path, format, value, text, "Open");
        ws.disk = Some(bytes.to_vec());
        ws.disk_format = format;
        Ok(ws)
    }

    fn with_step(
        path: Option<&Path>,
        format: SourceFormat,
        value: Value,
        text: String,
        label: &str,
    ) -> Workspace {
        Workspace {
            path: path.map(Path::to_path_buf),
            format,
            steps: vec![Snapshot {
                id: 0,
                value: Arc::new(value),
                text: Arc::new(text),
                label: label.to_string(),
                typed_at: None,
            }],
            cursor: 0,
            next_id: 1,
            saved_id: Some(0),
            broken_text: None,
            disk: None,
            disk_format: format,
            conflict: None,
            revision: next_revision(),
            open_error: None,
            untitled_name: UNTITLED.to_string(),
            project: None,
            cached: None,
        }
    }

    /// The name Save offers while the document has no file ("Untitled.asl.json", or the
    /// example's file name).
    pub fn untitled_name(&self) -> &str {
        &self.untitled_name
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Why the file could not be opened, when it could not.
    pub fn open_error(&self) -> Option<&str> {
        self.open_error.as_deref()
    }

    /// A revision no view has had yet (for a view built outside a workspace: a comparison).
    pub fn fresh_revision() -> u32 {
        next_revision()
    }

    /// Counts changes (the view's `revision`).
    pub fn revision(&self) -> u32 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.broken_text.is_some() || self.saved_id != Some(self.current().id)
    }

    pub fn has_conflict(&self) -> bool {
        self.conflict.is_some()
    }

    fn current(&self) -> &Snapshot {
        // `cursor` always indexes `steps`, which is never empty.
        &self.steps[self.cursor]
    }

    pub fn value(&self) -> &Value {
        &self.current().value
    }

    /// The code view's text: what was typed when it does not parse, else the current step's.
    pub fn text(&self) -> &str {
        match &self.broken_text {
            Some((t, _)) => t,
            None => &self.current().text,
        }
    }

    /// The view of the current state, computed once per change.
    pub fn view(&mut self) -> DocumentView {
        if let Some(v) = &self.cached {
            return v.clone();
        }
        let v = self.compute_view();
        self.cached = Some(v.clone());
        v
    }

    fn compute_view(&self) -> DocumentView {
        let file_name = match (&self.project, &self.path) {
            (Some(held), _) => held.display_name(),
            (None, Some(p)) => crate::ipc::file_name(p),
            (None, None) => self.untitled_name.clone(),
        };
        let undo = (self.cursor > 0).then(|| self.current().label.clone());
        let redo = self.steps.get(self.cursor + 1).map(|s| s.label.clone());
        let mut v = view::build(
            self.value(),
            self.text(),
            self.format,
            self.broken_text.as_ref().map(|(_, e)| e.clone()),
            self.substitutions(),
        );
        v.project = self.project.as_ref().map(|h| h.source.clone());
        v.read_only = self.read_only().map(str::to_string);
        v.path = self.path.as_ref().map(|p| p.display().to_string());
        v.file_name = file_name;
        v.revision = self.revision;
        v.dirty = self.is_dirty();
        v.can_undo = undo.is_some();
        v.can_redo = redo.is_some();
        v.undo_label = undo;
        v.redo_label = redo;
        v.conflict = self.conflict.is_some();
        v.error = self.open_error.clone();
        v.title = crate::ipc::window_title(Some(&v));
        v
    }

    fn changed(&mut self) {
        self.revision = next_revision();
        self.cached = None;
    }

    fn push(&mut self, value: Value, text: String, label: String, typed_at: Option<Instant>) {
        self.steps.truncate(self.cursor + 1);
        let id = self.next_id;
        self.next_id += 1;
        self.steps.push(Snapshot {
            id,
            value: Arc::new(value),
            text: Arc::new(text),
            label,
            typed_at,
        });
        if self.steps.len() > UNDO_DEPTH {
            let drop = self.steps.len() - UNDO_DEPTH;
            self.steps.drain(..drop);
        }
        self.cursor = self.steps.len() - 1;
        self.broken_text = None;
        self.changed();
    }

    /// Applies an edit from the canvas or the inspector. On error nothing changes.
    pub fn apply(&mut self, e: &Edit) -> Result<EditOutcome, WorkspaceError> {
        self.refuse_if_read_only()?;
        if self.open_error.is_some() {
            return Err(WorkspaceError::Export(
                "the file could not be opened, so it cannot be edited".into(),
            ));
        }
        let mut value = self.value().clone();
        let outcome = edit::apply(&mut value, e)?;
        let text = patched_json(&self.current().text, self.value(), &value);
        self.push(value, text, outcome.label.clone(), None);
        Ok(outcome)
    }

    /// The code view's text changed. Text that parses becomes the definition (typing in
    /// quick succession is one undo step); text that does not is kept as typed, with its
    /// syntax error, and the definition stays as it was.
    pub fn set_text(&mut self, text: String) {
        if text == self.text() {
            return;
        }
        match serde_json::from_str::<Value>(&text) {
            Ok(value) => {
                let now = Instant::now();
                let top = self.current();
                let coalesce = self.cursor + 1 == self.steps.len()
                    && self.cursor > 0
                    && Some(top.id) != self.saved_id
                    && top
                        .typed_at
                        .is_some_and(|t| now.duration_since(t) < TEXT_COALESCE);
                if coalesce {
                    let step = &mut self.steps[self.cursor];
                    step.value = Arc::new(value);
                    step.text = Arc::new(text);
                    step.typed_at = Some(now);
                    self.broken_text = None;
                    self.changed();
                } else {
                    self.push(value, text, "Edit code".to_string(), Some(now));
                }
            }
            Err(err) => {
                let te = text_error(&text, &err);
                self.broken_text = Some((text, te));
                self.changed();
            }
        }
    }

    pub fn undo(&mut self) -> bool {
        if self.broken_text.is_some() {
            // Undo first drops the text that does not parse, back to the last that did.
            self.broken_text = None;
            self.changed();
            return true;
        }
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        self.changed();
        true
    }

    pub fn redo(&mut self) -> bool {
        if self.cursor + 1 >= self.steps.len() {
            return false;
        }
        self.cursor += 1;
        self.broken_text = None;
        self.changed();
        true
    }

    /// The states at `pointers` as `name -> definition`, for the clipboard.
    pub fn copy_states(&self, pointers: &[String]) -> serde_json::Map<String, Value> {
        let mut out = serde_json::Map::new();
        for p in pointers {
            if let Some(state) = self.value().pointer(p) {
                if let Some(name) = stepwise_asl::pointer::split(p).last() {
                    out.insert(name.clone(), state.clone());
                }
            }
        }
        out
    }

    /// The document in another format, for Export.
    pub fn export(&self, kind: ExportKind) -> Result<Vec<u8>, WorkspaceError> {
        let value = self.value();
        match kind {
            ExportKind::Json => Ok((stepwise_asl::to_json_string(value) + "\n").into_bytes()),
            ExportKind::Yaml => stepwise_asl::to_yaml_string(value)
                .map(String::into_bytes)
                .map_err(|e| WorkspaceError::Export(e.to_string())),
            ExportKind::Svg => Ok(stepwise_layout::to_svg(&view::diagram(value)).into_bytes()),
            ExportKind::Png => crate::png::render(&stepwise_layout::to_svg(&view::diagram(value)))
                .map_err(WorkspaceError::Export),
        }
    }

    /// The diagram as Export → PNG draws it, as pixels (Copy as image).
    pub(crate) fn raster(&self) -> Result<crate::png::Raster, WorkspaceError> {
        crate::png::rgba(&stepwise_layout::to_svg(&view::diagram(self.value())))
            .map_err(WorkspaceError::Export)
    }

    /// A file name to suggest in the Save dialog of an export.
    pub fn export_name(&self, kind: ExportKind) -> String {
        let base = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.untitled_name.clone());
        let stem = ["asl.json", "asl.yaml", "asl.yml", "json", "yaml", "yml"]
            .iter()
            .find_map(|ext| base.strip_suffix(&format!(".{ext}")))
            .unwrap_or(&base)
            .to_string();
        match kind {
            ExportKind::Json => format!("{stem}.asl.json"),
            ExportKind::Yaml => format!("{stem}.asl.yaml"),
            ExportKind::Svg => format!("{stem}.svg"),
            ExportKind::Png => format!("{stem}.png"),
        }
    }

    pub fn format(&self) -> DocumentFormat {
        self.format.into()
    }
}

/// Parses file bytes into the definition and the code view's JSON text (the file's own text
/// when it is JSON, so its formatting is kept).
fn parse_bytes(
    path: Option<&Path>,
    hint: Option<SourceFormat>,
    bytes: &[u8],
) -> Result<(Value, SourceFormat, String), WorkspaceError> {
    let (value, format) =
        stepwise_asl::parse_value(bytes, hint).map_err(|e| WorkspaceError::Parse {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            message: e.to_string(),
        })?;
    let text = match (format, std::str::from_utf8(bytes)) {
        (SourceFormat::Json, Ok(t)) => t.trim_end().to_string(),
        _ => stepwise_asl::to_json_string(&value),
    };
    Ok((value, format, text))
}

/// The code view's JSON after an edit: the text before it patched to the new value, so the
/// user's indentation and layout stay; written afresh only when that text cannot be patched.
fn patched_json(text: &str, old: &Value, new: &Value) -> String {
    match preserve::patch(text, SourceFormat::Json, old, new) {
        Ok(p) => p.text,
        Err(_) => stepwise_asl::to_json_string(new),
    }
}

/// serde_json's syntax error as the code view shows it.
fn text_error(text: &str, err: &serde_json::Error) -> TextError {
    let line = err.line().max(1);
    let column = err.column().max(1);
    let byte: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>()
        + column
        - 1;
    let byte = byte.min(text.len());
    let offset = text
        .get(..byte)
        .map(|s| s.encode_utf16().count())
        .unwrap_or(0);
    let message = err.to_string();
    // serde_json appends " at line L column C"; the line and column are shown apart.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    TextError {
        message,
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        offset: u32::try_from(offset).unwrap_or(u32::MAX),
    }
}
