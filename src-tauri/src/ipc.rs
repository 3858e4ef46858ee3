//! The types that cross the IPC boundary. Each derives `ts_rs::TS`; the TypeScript
//! declarations in `ui/src/bindings/` are generated from them (see the `bindings` test) and
//! must never be edited by hand.

use serde::{Deserialize, Serialize};
use std::path::Path;
use stepwise_asl::SourceFormat;
use stepwise_layout::Diagram;
use ts_rs::TS;

/// What the window shows of the open definition: everything the canvas, the inspector, the
/// code view and the problems list draw. Rust sends a fresh view after every change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DocumentView {
    /// Absolute path of the file; `null` for a new document not saved yet.
    pub path: Option<String>,
    /// The last component of `path`; for a document not saved yet, the name Save offers
    /// ("Untitled.asl.json", or the example's file name).
    pub file_name: String,
    /// The window's title for this document ("Stepwise — • order.asl.json" while unsaved).
    pub title: String,
    /// The format Save writes.
    pub format: DocumentFormat,
    /// Counts changes; a view with a lower revision than the one shown is stale.
    pub revision: u32,
    /// Edits not saved yet.
    pub dirty: bool,
    /// The definition as JSON text: the code view's content. After a canvas edit it is the
    /// pretty-printed definition; after typing in the code view it is what was typed.
    pub text: String,
    /// A syntax error in `text`: the canvas then shows the last definition that parsed.
    pub text_error: Option<TextError>,
    /// The top-level `Comment`, when it is a string.
    pub comment: Option<String>,
    /// The top-level `StartAt`, when it is a string.
    pub start_at: Option<String>,
    /// Every state, nested ones included, in document order.
    pub states: Vec<StateRow>,
    /// Everything the validator reports.
    pub problems: Vec<ProblemRow>,
    /// The laid-out diagram of the definition.
    pub diagram: Diagram,
    pub can_undo: bool,
    pub can_redo: bool,
    /// What Undo / Redo would do ("Add Pass"), for menus and tooltips.
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
    /// The file changed on disk while this window held unsaved edits: the user chooses.
    pub conflict: bool,
    /// Why the file could not be opened at all (unreadable, not JSON/YAML); `null` otherwise.
    pub error: Option<String>,
    /// The project machine this definition was opened from (a SAM or CloudFormation
    /// template, Terraform); `null` for a definition file of its own.
    pub project: Option<crate::project::ProjectSource>,
    /// Why the definition cannot be changed (the CDK's output, `Fn::Join`, `jsonencode`);
    /// editing and saving are refused, running and testing are not.
    pub read_only: Option<String>,
    /// The definition's `${Name}` placeholders and what each stands for.
    pub substitutions: Vec<crate::project::SubstitutionRow>,
}

/// A syntax error in the code view's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct TextError {
    pub message: String,
    /// 1-based line and column.
    pub line: u32,
    pub column: u32,
    /// Offset in UTF-16 code units (CodeMirror's positions).
    pub offset: u32,
}

/// The reply to an edit: the new view and what to select.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct EditReply {
    pub view: DocumentView,
    /// State pointers to select (the new state, the renamed one, ...).
    pub select: Vec<String>,
}

/// A bundled example the empty screen offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ExampleInfo {
    /// File name, e.g. `order-processing.asl.json`; what `open_example` takes.
    pub id: String,
    /// A few words for the card's title.
    pub title: String,
    /// One line under the title: what the example shows.
    pub summary: String,
    /// The definition's own `Comment` (a paragraph), for the card's tooltip.
    pub comment: Option<String>,
    pub states: u32,
}

/// What Export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename_all = "lowercase")]
pub enum ExportKind {
    Json,
    Yaml,
    Svg,
    Png,
}

/// What Copy as image put on the clipboard: the diagram as Export → PNG draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopiedImage {
    /// In pixels.
    pub width: u32,
    pub height: u32,
}

/// How a conflict between unsaved edits and a changed file is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename_all = "lowercase")]
pub enum ConflictChoice {
    /// Keep the window's edits; the next Save overwrites the file.
    Mine,
    /// Load the file from disk; the window's edits stay reachable through Undo.
    Theirs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename_all = "lowercase")]
pub enum DocumentFormat {
    Json,
    Yaml,
}

/// One state of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct StateRow {
    /// JSON Pointer of the state, e.g. `/States/Fork/Branches/0/States/A`.
    pub pointer: String,
    pub name: String,
    /// The `Type` as written (may be empty or invalid).
    pub state_type: String,
    /// 0 for top-level states, 1 inside a Parallel branch or Map processor, ...
    pub depth: u32,
    /// Where the state's definition is in `DocumentView::text`, in UTF-16 code units.
    pub from: Option<u32>,
    pub to: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename_all = "lowercase")]
pub enum ProblemSeverity {
    Error,
    Warning,
}

/// One diagnostic of the validator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ProblemRow {
    pub severity: ProblemSeverity,
    /// Stable kebab-case code, e.g. `next-not-found`.
    pub code: String,
    pub message: String,
    /// JSON Pointer into the definition; empty for the whole document.
    pub pointer: String,
    /// The innermost state the pointer is in, for selecting it and marking it on the canvas.
    pub state: Option<String>,
    /// Where the pointer's value is in `DocumentView::text`, in UTF-16 code units.
    pub from: Option<u32>,
    pub to: Option<u32>,
}

impl From<SourceFormat> for DocumentFormat {
    fn from(f: SourceFormat) -> Self {
        match f {
            SourceFormat::Json => DocumentFormat::Json,
            SourceFormat::Yaml => DocumentFormat::Yaml,
        }
    }
}

impl From<stepwise_asl::Severity> for ProblemSeverity {
    fn from(s: stepwise_asl::Severity) -> Self {
        match s {
            stepwise_asl::Severity::Error => ProblemSeverity::Error,
            stepwise_asl::Severity::Warning => ProblemSeverity::Warning,
        }
    }
}

impl From<stepwise_asl::StateSummary> for StateRow {
    fn from(s: stepwise_asl::StateSummary) -> Self {
        StateRow {
            pointer: s.pointer,
            name: s.name,
            state_type: s.state_type,
            depth: u32::try_from(s.depth).unwrap_or(u32::MAX),
            from: None,
            to: None,
        }
    }
}

/// The last component of a path, or the whole path when it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The window title for a view: "Stepwise — <file name>" (with a bullet when unsaved), or
/// "Stepwise" with no document.
pub fn window_title(view: Option<&DocumentView>) -> String {
    match view {
        Some(v) if v.dirty => format!("Stepwise — • {}", v.file_name),
        Some(v) => format!("Stepwise — {}", v.file_name),
        None => "Stepwise".to_string(),
    }
}
