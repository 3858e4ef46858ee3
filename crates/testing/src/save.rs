//! Writing a tests file after the app's forms changed it: atomically, and, when the file
//! exists, as a patch of its text, so comments, key order and layout the person wrote stay.

use crate::spec::TestFile;
use std::path::Path;
use stepwise_asl::fsutil::write_atomic;
use stepwise_asl::preserve;
use stepwise_asl::source::{parse_value, SourceFormat};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the tests as {format}: {message}")]
    Encode {
        format: SourceFormat,
        message: String,
    },
}

/// Writes `file` to `path` (JSON, or YAML for `.yaml`/`.yml`).
pub fn save(path: &Path, file: &TestFile) -> Result<(), SaveError> {
    let format = SourceFormat::from_path(path).unwrap_or(SourceFormat::Json);
    let io = |source| SaveError::Io {
        path: path.display().to_string(),
        source,
    };
    let new = serde_json::to_value(file).map_err(|e| SaveError::Encode {
        format,
        message: e.to_string(),
    })?;
    let text = match std::fs::read_to_string(path) {
        Ok(old_text) => match patched(&old_text, format, &new) {
            Some(text) => text,
            None => fresh(format, &new)?,
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => fresh(format, &new)?,
        Err(e) => return Err(io(e)),
    };
    write_atomic(path, text.as_bytes()).map_err(io)
}

/// The old text patched to say `new`, when it can be followed.
fn patched(old_text: &str, format: SourceFormat, new: &serde_json::Value) -> Option<String> {
    let (old, _) = parse_value(old_text.as_bytes(), Some(format)).ok()?;
    preserve::patch(old_text, format, &old, new)
        .ok()
        .map(|p| p.text)
}

fn fresh(format: SourceFormat, value: &serde_json::Value) -> Result<String, SaveError> {
    let encode = |message: String| SaveError::Encode { format, message };
    match format {
        SourceFormat::Json => serde_json::to_string_pretty(value)
            .map(|t| format!("{t}\n"))
            .map_err(|e| encode(e.to_string())),
        SourceFormat::Yaml => serde_yaml_ng::to_string(value).map_err(|e| encode(e.to_string())),
    }
}
