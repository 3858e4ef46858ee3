//! The document and its file: what Save writes, saving, and a file changed on disk (taken,
//! or held as a conflict while there are unsaved edits).

use super::{parse_bytes, Workspace, WorkspaceError};
use crate::ipc::{ConflictChoice, TextError};
use std::path::Path;
use stepwise_asl::{fsutil, preserve, SourceFormat};

impl Workspace {
    /// What Save writes: for JSON, the code view's text (the file's own text, patched by each
    /// edit, so its indentation and key order stay); for YAML, the file's text as last read
    /// or written patched to the definition (comments, quotes, block scalars and layout stay
    /// where nothing changed), or the definition written afresh for a file that was not YAML.
    pub fn save_bytes(&self) -> Result<Vec<u8>, WorkspaceError> {
        if let Some((_, e)) = &self.broken_text {
            return Err(WorkspaceError::SyntaxError {
                line: e.line,
                column: e.column,
                message: e.message.clone(),
            });
        }
        match self.format {
            SourceFormat::Json => {
                let mut t = self.current().text.as_str().to_string();
                if !t.ends_with('\n') {
                    t.push('\n');
                }
                Ok(t.into_bytes())
            }
            SourceFormat::Yaml => {
                if let Some(text) = self.patched_yaml() {
                    return Ok(text.into_bytes());
                }
                stepwise_asl::to_yaml_string(self.value())
                    .map(String::into_bytes)
                    .map_err(|e| WorkspaceError::Export(e.to_string()))
            }
        }
    }

    /// The YAML on disk patched to the current definition; `None` when there is no YAML text
    /// to start from or it cannot be patched (then the whole file is written afresh).
    fn patched_yaml(&self) -> Option<String> {
        if self.disk_format != SourceFormat::Yaml {
            return None;
        }
        let bytes = self.disk.as_deref()?;
        let text = std::str::from_utf8(bytes).ok()?;
        let (old, _) = stepwise_asl::parse_value(bytes, Some(SourceFormat::Yaml)).ok()?;
        match preserve::patch(text, SourceFormat::Yaml, &old, self.value()) {
            Ok(p) => {
                if !p.reemitted.is_empty() {
                    eprintln!(
                        "stepwise: saving {}: written whole in the file's style: {}",
                        self.path
                            .as_deref()
                            .map(Path::display)
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                        p.reemitted.join(", ")
                    );
                }
                Some(p.text)
            }
            Err(err) => {
                eprintln!("stepwise: the YAML could not be patched ({err}); writing it afresh");
                None
            }
        }
    }

    /// Saves to the file it came from.
    pub fn save(&mut self) -> Result<(), WorkspaceError> {
        if self.project.is_some() {
            return self.save_project();
        }
        let path = self.path.clone().ok_or(WorkspaceError::NoPath)?;
        self.save_as(&path)
    }

    /// Saves to `path` (atomically), which becomes the document's file. The format follows
    /// the new name's extension.
    pub fn save_as(&mut self, path: &Path) -> Result<(), WorkspaceError> {
        if let Some(f) = SourceFormat::from_path(path) {
            self.format = f;
        }
        let bytes = self.save_bytes()?;
        fsutil::write_atomic(path, &bytes).map_err(|source| WorkspaceError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // A definition saved on its own is no longer the project's.
        self.project = None;
        self.path = Some(path.to_path_buf());
        self.disk = Some(bytes);
        self.disk_format = self.format;
        self.saved_id = Some(self.current().id);
        self.conflict = None;
        self.changed();
        Ok(())
    }

    /// The file changed on disk (the watcher saw it). Returns whether the view changed.
    /// Our own saves and touches that keep the bytes are ignored; without unsaved edits the
    /// file is taken (as an undoable step); with them, the conflict is held for the user.
    pub fn disk_changed(&mut self, bytes: Vec<u8>) -> bool {
        if self.project.is_some() {
            return self.project_file_changed(bytes);
        }
        self.definition_changed(bytes)
    }

    /// The definition's text changed (the file's, or the project's definition as read again).
    pub(super) fn definition_changed(&mut self, bytes: Vec<u8>) -> bool {
        if self.disk.as_deref() == Some(bytes.as_slice()) {
            return false;
        }
        if self.conflict.as_deref() == Some(bytes.as_slice()) {
            return false;
        }
        if self.is_dirty() && self.open_error.is_none() {
            self.conflict = Some(bytes);
            self.changed();
            return true;
        }
        self.take_disk(bytes, "Reload from disk");
        true
    }

    fn take_disk(&mut self, bytes: Vec<u8>, label: &str) {
        let path = self.path.clone();
        match parse_bytes(path.as_deref(), self.format_hint(), &bytes) {
            Ok((value, format, text)) => {
                self.format = format;
                self.disk_format = format;
                if self.open_error.take().is_some() {
                    let project = self.project.take();
                    *self = Workspace::with_step(path.as_deref(), format, value, text, "Open");
                    self.project = project;
                } else {
                    self.push(value, text, label.to_string(), None);
                    self.saved_id = Some(self.current().id);
                }
            }
            Err(err) => {
                // A half-written or broken file: keep the definition, show the text as it is
                // on disk with its error, so nothing of either side is lost.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let te = TextError {
                    message: err.to_string(),
                    line: 1,
                    column: 1,
                    offset: 0,
                };
                self.broken_text = Some((text, te));
            }
        }
        self.disk = Some(bytes);
        self.conflict = None;
        self.changed();
    }

    pub fn resolve_conflict(&mut self, choice: ConflictChoice) {
        let Some(bytes) = self.conflict.take() else {
            return;
        };
        match choice {
            ConflictChoice::Mine => {
                // The disk now holds their version; ours stays unsaved until the next Save.
                self.disk = Some(bytes);
                self.saved_id = None;
                self.changed();
            }
            ConflictChoice::Theirs => self.take_disk(bytes, "Take the file from disk"),
        }
    }
}
