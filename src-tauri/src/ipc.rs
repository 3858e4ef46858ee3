//! The types that cross the IPC boundary. Each derives `ts_rs::TS`; the TypeScript
//! declarations in `ui/src/bindings/` are generated from them (see the `bindings` test) and
//! must never be edited by hand.

use serde::{Deserialize, Serialize};
use std::path::Path;
use stepwise_asl::{Document, SourceFormat};
use ts_rs::TS;

/// What the window shows of one definition file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DocumentView {
    /// Absolute path of the file.
    pub path: String,
    /// The last component of `path`, for titles and headers.
    pub file_name: String,
    /// The source format; `null` when the file could not be read or parsed.
    pub format: Option<DocumentFormat>,
    /// The top-level `Comment`, when it is a string.
    pub comment: Option<String>,
    /// The top-level `StartAt`, when it is a string.
    pub start_at: Option<String>,
    /// Every state, nested ones included, in document order.
    pub states: Vec<StateRow>,
    /// Everything the validator reports.
    pub problems: Vec<ProblemRow>,
    /// Why the file could not be opened at all (unreadable, not JSON/YAML); `null` otherwise.
    pub error: Option<String>,
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

impl From<&stepwise_asl::Diagnostic> for ProblemRow {
    fn from(d: &stepwise_asl::Diagnostic) -> Self {
        ProblemRow {
            severity: d.severity.into(),
            code: d.code.as_str().to_string(),
            message: d.message.clone(),
            pointer: d.pointer.clone(),
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
        }
    }
}

impl DocumentView {
    /// Reads, parses and validates `path`. Never fails: a file that cannot be opened gives a
    /// view whose `error` says why.
    pub fn load(path: &Path) -> DocumentView {
        match Document::load(path) {
            Ok(doc) => DocumentView::from_document(path, &doc),
            Err(err) => DocumentView {
                error: Some(err.to_string()),
                ..DocumentView::empty(path)
            },
        }
    }

    pub fn from_document(path: &Path, doc: &Document) -> DocumentView {
        let text = |key: &str| {
            doc.value
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        DocumentView {
            format: Some(doc.format.into()),
            comment: text("Comment"),
            start_at: text("StartAt"),
            states: doc.states().into_iter().map(StateRow::from).collect(),
            problems: doc.diagnostics.iter().map(ProblemRow::from).collect(),
            ..DocumentView::empty(path)
        }
    }

    fn empty(path: &Path) -> DocumentView {
        DocumentView {
            path: path.display().to_string(),
            file_name: file_name(path),
            format: None,
            comment: None,
            start_at: None,
            states: Vec::new(),
            problems: Vec::new(),
            error: None,
        }
    }
}

/// The last component of a path, or the whole path when it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The window title for a view: "Stepwise — <file name>", or "Stepwise" with no file.
pub fn window_title(view: Option<&DocumentView>) -> String {
    match view {
        Some(v) => format!("Stepwise — {}", v.file_name),
        None => "Stepwise".to_string(),
    }
}
