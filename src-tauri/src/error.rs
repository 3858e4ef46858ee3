//! The one error type at the edge between Rust and the window.
//!
//! Every command answers `Result<_, AppError>`. The window receives it as
//! `{code, message, pointer}` ([`ErrorReply`]): it branches on `code` (an [`ErrorCode`], a
//! closed set the TypeScript compiler knows) and shows `message`; it never parses the message.
//! The core crates keep their own typed errors; they are wrapped here, once.

use crate::run::store::StoreError;
use crate::workspace::WorkspaceError;
use serde::{Serialize, Serializer};
use std::path::PathBuf;
use stepwise_asl::edit::EditError;
use ts_rs::TS;

/// Why a command could not do what the window asked.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("no document is open")]
    NoDocument,
    /// A command that replaces the open document was called while it has unsaved edits and
    /// the window did not say to discard them.
    #[error("the open document has unsaved edits: save them or choose to discard them first")]
    UnsavedEdits,
    #[error("no example named {0:?}")]
    NoExample(String),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Text the user typed (an input, a task's answer, variables) is not JSON.
    #[error("The {what} is not valid JSON (line {line}, column {column}): {message}")]
    InvalidJson {
        what: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A request the user filled in is incomplete or names something that is not there; the
    /// message says what to change, `pointer` where in the definition when it is about a state.
    #[error("{message}")]
    InvalidRequest {
        message: String,
        pointer: Option<String>,
    },
    /// The definition has errors that keep it from running (the first ones, with pointers).
    #[error("{message}")]
    NotRunnable {
        message: String,
        pointer: Option<String>,
    },
    #[error("no run is going on")]
    NoActiveRun,
    #[error("A run is going on; stop it first")]
    RunGoingOn,
    #[error("the run is not paused")]
    NotPaused,
    #[error("the run has ended")]
    RunEnded,
    #[error("no run {0}")]
    NoRun(String),
    /// The run cannot be redriven (it succeeded, or failed before entering a state).
    #[error("{0}")]
    NotRedrivable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the app's data folder is not known")]
    NoDataFolder,
    /// A file picked as an execution history, mock config or handlers file is not one.
    #[error("{0}")]
    BadFile(String),
    /// The engine stopped while previewing a state or evaluating an expression.
    #[error("the preview stopped: {0}")]
    Preview(String),
    /// The system would not start the thread a run goes on.
    #[error("could not start the run: {0}")]
    StartRun(#[source] std::io::Error),
    /// The window system refused (a title, a close): nothing the user did.
    #[error("the window: {0}")]
    Window(String),
    /// The studio's Step Functions API server could not start, or the server to attach to
    /// does not answer.
    #[error("{0}")]
    Server(String),
    /// The system clipboard refused the image (no clipboard, no display).
    #[error("could not put the image on the clipboard: {0}")]
    Clipboard(String),
    /// A call to AWS (or the endpoint that stands for it) failed, or nothing is connected.
    #[error("{0}")]
    Cloud(String),
}

impl From<stepwise_cloud::CloudError> for AppError {
    fn from(e: stepwise_cloud::CloudError) -> Self {
        AppError::Cloud(e.to_string())
    }
}

/// What the window branches on: one name per kind of failure, stable across wording changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename_all = "kebab-case")]
pub enum ErrorCode {
    NoDocument,
    UnsavedEdits,
    NoExample,
    EditRefused,
    SyntaxError,
    NoPath,
    Export,
    File,
    InvalidJson,
    InvalidRequest,
    NotRunnable,
    NoActiveRun,
    RunGoingOn,
    NotPaused,
    RunEnded,
    NoRun,
    NotRedrivable,
    RunsDatabase,
    BadFile,
    Preview,
    RunNotStarted,
    Window,
    Server,
    /// The document's definition cannot be changed (the CDK's output, `Fn::Join`,
    /// `jsonencode`): the message says why.
    ReadOnly,
    /// A project (template, Terraform) could not be read or written back.
    Project,
    Clipboard,
    /// AWS, or the endpoint standing for it, refused or did not answer.
    Cloud,
}

/// An [`AppError`] as the window receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "AppError")]
pub struct ErrorReply {
    pub code: ErrorCode,
    /// A sentence for the user.
    pub message: String,
    /// Where in the definition the problem is (a JSON Pointer), when it is about one place.
    pub pointer: Option<String>,
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::NoDocument => ErrorCode::NoDocument,
            AppError::UnsavedEdits => ErrorCode::UnsavedEdits,
            AppError::NoExample(_) => ErrorCode::NoExample,
            AppError::Edit(_) => ErrorCode::EditRefused,
            AppError::Workspace(w) => match w {
                WorkspaceError::Edit(_) => ErrorCode::EditRefused,
                WorkspaceError::Io { .. } | WorkspaceError::Parse { .. } => ErrorCode::File,
                WorkspaceError::SyntaxError { .. } => ErrorCode::SyntaxError,
                WorkspaceError::NoPath => ErrorCode::NoPath,
                WorkspaceError::Export(_) => ErrorCode::Export,
                WorkspaceError::ReadOnly(_) => ErrorCode::ReadOnly,
                WorkspaceError::Project(_) => ErrorCode::Project,
            },
            AppError::File { .. } => ErrorCode::File,
            AppError::InvalidJson { .. } => ErrorCode::InvalidJson,
            AppError::InvalidRequest { .. } => ErrorCode::InvalidRequest,
            AppError::NotRunnable { .. } => ErrorCode::NotRunnable,
            AppError::NoActiveRun => ErrorCode::NoActiveRun,
            AppError::RunGoingOn => ErrorCode::RunGoingOn,
            AppError::NotPaused => ErrorCode::NotPaused,
            AppError::RunEnded => ErrorCode::RunEnded,
            AppError::NoRun(_) | AppError::Store(StoreError::NoRun(_)) => ErrorCode::NoRun,
            AppError::NotRedrivable(_) => ErrorCode::NotRedrivable,
            AppError::Store(_) | AppError::NoDataFolder => ErrorCode::RunsDatabase,
            AppError::BadFile(_) => ErrorCode::BadFile,
            AppError::Preview(_) => ErrorCode::Preview,
            AppError::StartRun(_) => ErrorCode::RunNotStarted,
            AppError::Window(_) => ErrorCode::Window,
            AppError::Server(_) => ErrorCode::Server,
            AppError::Clipboard(_) => ErrorCode::Clipboard,
            AppError::Cloud(_) => ErrorCode::Cloud,
        }
    }

    /// The JSON Pointer the error is about, when there is one.
    pub fn pointer(&self) -> Option<String> {
        let edit = |e: &EditError| match e {
            EditError::NoState { pointer }
            | EditError::NoScope { pointer }
            | EditError::BadPointer { pointer, .. }
            | EditError::NotApplicable { pointer, .. }
            | EditError::BadState { pointer, .. } => Some(pointer.clone()),
            EditError::BadName { .. } => None,
        };
        match self {
            AppError::Edit(e) | AppError::Workspace(WorkspaceError::Edit(e)) => edit(e),
            AppError::InvalidRequest { pointer, .. } | AppError::NotRunnable { pointer, .. } => {
                pointer.clone()
            }
            _ => None,
        }
        .filter(|p| !p.is_empty())
    }

    /// An incomplete or wrong request, with no place in the definition.
    pub fn invalid(message: impl Into<String>) -> AppError {
        AppError::InvalidRequest {
            message: message.into(),
            pointer: None,
        }
    }

    /// `text` parsed as JSON, or an [`AppError::InvalidJson`] naming `what` it was.
    pub fn parse_json<T: serde::de::DeserializeOwned>(
        text: &str,
        what: &str,
    ) -> Result<T, AppError> {
        serde_json::from_str(text).map_err(|e| AppError::InvalidJson {
            what: what.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    pub fn window(err: impl std::fmt::Display) -> AppError {
        AppError::Window(err.to_string())
    }

    pub fn reply(&self) -> ErrorReply {
        ErrorReply {
            code: self.code(),
            message: self.to_string(),
            pointer: self.pointer(),
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.reply().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_window_gets_code_message_and_pointer() {
        let err = AppError::Edit(EditError::NoState {
            pointer: "/States/Check".into(),
        });
        assert_eq!(
            serde_json::to_value(&err).expect("serialise"),
            json!({"code": "edit-refused", "message": "/States/Check: no such state", "pointer": "/States/Check"})
        );
    }

    #[test]
    fn an_error_about_no_place_has_a_null_pointer() {
        assert_eq!(
            serde_json::to_value(AppError::UnsavedEdits).expect("serialise"),
            json!({"code": "unsaved-edits", "message": AppError::UnsavedEdits.to_string(), "pointer": null})
        );
    }

    #[test]
    fn invalid_json_names_what_and_where() {
        let err =
            AppError::parse_json::<serde_json::Value>("{\n  \"a\": ", "input").expect_err("bad");
        assert_eq!(err.code(), ErrorCode::InvalidJson);
        assert!(
            err.to_string()
                .starts_with("The input is not valid JSON (line 2, column"),
            "{err}"
        );
    }
}
