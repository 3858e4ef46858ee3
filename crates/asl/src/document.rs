//! A definition as a tool holds it: the raw JSON value (the truth for round trips), the typed
//! model when it can be built, and every diagnostic.

use crate::diagnostic::Diagnostic;
use crate::export::{self, ExportError, ExportFormat};
use crate::model::StateMachine;
use crate::pointer::Pointer;
use crate::source::{self, ParseError, SourceFormat};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Parse {
        path: PathBuf,
        #[source]
        source: ParseError,
    },
}

#[derive(Debug, Clone)]
pub struct Document {
    pub format: SourceFormat,
    /// The parsed source, key order kept.
    pub value: Value,
    pub diagnostics: Vec<Diagnostic>,
    /// The typed model, built on first use: the validator and the state list work on the
    /// raw value, and only the engine and the layout need the model.
    machine: OnceLock<Result<StateMachine, String>>,
}

/// One state as a list shows it (the app's state list, the CLI's summaries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateSummary {
    pub pointer: String,
    pub name: String,
    /// The `Type` as written (may be invalid).
    pub state_type: String,
    /// 0 for top-level states, 1 inside a Parallel branch or Map processor, ...
    pub depth: usize,
}

impl Document {
    /// Parses and validates source bytes. Only unreadable text is an `Err`; everything a
    /// definition can get wrong is a diagnostic.
    pub fn parse(bytes: &[u8], hint: Option<SourceFormat>) -> Result<Self, ParseError> {
        let (value, format) = source::parse_value(bytes, hint)?;
        let mut diagnostics = crate::validate::validate(&value);
        if bytes.len() > crate::validate::MAX_DEFINITION_BYTES {
            diagnostics.insert(0, crate::validate::too_large(bytes.len()));
        }
        Ok(Document {
            format,
            value,
            diagnostics,
            machine: OnceLock::new(),
        })
    }

    /// Validates a definition already in memory (an edited one), as if read from `format`
    /// text of `len` bytes (for the size limit).
    pub fn from_value(value: Value, format: SourceFormat, len: usize) -> Self {
        let mut diagnostics = crate::validate::validate(&value);
        if len > crate::validate::MAX_DEFINITION_BYTES {
            diagnostics.insert(0, crate::validate::too_large(len));
        }
        Document {
            format,
            value,
            diagnostics,
            machine: OnceLock::new(),
        }
    }

    /// Reads and parses a file; the format comes from its extension, else from its text.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Document::parse(&bytes, SourceFormat::from_path(path)).map_err(|source| LoadError::Parse {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The typed model; `None` when the value does not have the shape of a state machine
    /// (the diagnostics say why, and [`Document::model_error`] names the first problem).
    pub fn machine(&self) -> Option<&StateMachine> {
        self.model().as_ref().ok()
    }

    /// The typed model even when the definition has errors (see
    /// [`crate::lenient::lenient_machine`]): what the canvas draws. Borrowed when the strict
    /// model exists.
    pub fn lenient_machine(&self) -> Cow<'_, StateMachine> {
        match self.machine() {
            Some(m) => Cow::Borrowed(m),
            None => Cow::Owned(crate::lenient::lenient_machine(&self.value)),
        }
    }

    pub fn model_error(&self) -> Option<&str> {
        self.model().as_ref().err().map(String::as_str)
    }

    fn model(&self) -> &Result<StateMachine, String> {
        self.machine
            .get_or_init(|| match StateMachine::from_value(&self.value) {
                Ok(m) => Ok(m),
                // A number field holding a `${Name}` placeholder (a template's ASL file before
                // substitution) has the machine's shape once it is substituted.
                Err(e) => crate::placeholder::with_numeric_stand_ins(&self.value)
                    .and_then(|v| StateMachine::from_value(&v).ok())
                    .ok_or_else(|| e.to_string()),
            })
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every state, nested ones included, read from the raw value so that even a definition
    /// the typed model rejects can be listed.
    pub fn states(&self) -> Vec<StateSummary> {
        let mut out = Vec::new();
        summarise(&self.value, &Pointer::root(), 0, &mut out);
        out
    }

    /// The definition as text. Exports the typed model (in source key order) when there is
    /// one, else the raw value unchanged.
    pub fn export(&self, format: ExportFormat) -> Result<String, ExportError> {
        let value = match self.machine() {
            Some(m) => export::machine_to_value(m, Some(&self.value))?,
            None => self.value.clone(),
        };
        match format {
            ExportFormat::Json => Ok(export::to_json_string(&value)),
            ExportFormat::Yaml => export::to_yaml_string(&value),
        }
    }
}

fn summarise(scope: &Value, base: &Pointer, depth: usize, out: &mut Vec<StateSummary>) {
    let Some(states) = scope.get("States").and_then(Value::as_object) else {
        return;
    };
    let states_ptr = base.key("States");
    for (name, state) in states {
        let ptr = states_ptr.key(name);
        let ty = state
            .get("Type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        out.push(StateSummary {
            pointer: ptr.to_string(),
            name: name.clone(),
            state_type: ty,
            depth,
        });
        if let Some(branches) = state.get("Branches").and_then(Value::as_array) {
            for (i, b) in branches.iter().enumerate() {
                summarise(b, &ptr.key("Branches").index(i), depth + 1, out);
            }
        }
        for field in ["ItemProcessor", "Iterator"] {
            if let Some(p) = state.get(field) {
                summarise(p, &ptr.key(field), depth + 1, out);
            }
        }
    }
}
