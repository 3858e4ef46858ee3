//! What the run panel keeps per document besides runs: the inputs saved under a name, the
//! task source files picked, the breakpoints, and the setup the panel opens with.

use super::{files, parse_json, Runs};
use crate::error::AppError;
use crate::run::files::Origin;
use crate::run::ipc::{RunFile, RunFileKind, RunSetup, SavedInput};
use std::path::Path;

impl Runs {
    pub fn setup(&self, origin: &Origin) -> Result<RunSetup, AppError> {
        let key = origin.key();
        let remembered = self.with_store(|s| s.remembered(&key))?;
        let input = remembered
            .last_input
            .clone()
            .or_else(|| origin.default_input())
            .unwrap_or_else(|| "{}".to_string());
        let active = self
            .active()
            .filter(|s| s.document == key)
            .map(|s| s.update());
        Ok(RunSetup {
            input,
            saved_inputs: self.with_store(|s| s.inputs(&key))?,
            files: files::discover(origin, &remembered.picked_files),
            last_tasks: remembered.last_tasks,
            breakpoints: remembered.breakpoints,
            runs: self.with_store(|s| s.runs(&key))?,
            active,
        })
    }

    /// Adds a file the user picked to the document's task sources.
    pub fn pick_file(
        &self,
        origin: &Origin,
        path: &Path,
        kind: RunFileKind,
    ) -> Result<RunFile, AppError> {
        let key = origin.key();
        let path = path.display().to_string();
        let mut r = self.with_store(|s| s.remembered(&key))?;
        if !r.picked_files.contains(&path) {
            r.picked_files.push(path.clone());
            self.with_store(|s| s.remember(&key, &r))?;
        }
        Ok(files::describe(&path, kind, &origin.stem()))
    }

    pub fn save_input(
        &self,
        origin: &Origin,
        name: &str,
        input: &str,
    ) -> Result<Vec<SavedInput>, AppError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::invalid("Give the input a name"));
        }
        parse_json(input, "input")?;
        let key = origin.key();
        self.with_store(|s| s.save_input(&key, name, input))?;
        self.with_store(|s| s.inputs(&key))
    }

    pub fn delete_input(&self, origin: &Origin, name: &str) -> Result<Vec<SavedInput>, AppError> {
        let key = origin.key();
        self.with_store(|s| s.delete_input(&key, name))?;
        self.with_store(|s| s.inputs(&key))
    }

    pub fn set_breakpoints(&self, origin: &Origin, names: Vec<String>) -> Result<(), AppError> {
        if let Some(s) = self.active() {
            s.set_breakpoints(&names);
        }
        let key = origin.key();
        self.external_breakpoints(&key, &names);
        let mut r = self.with_store(|s| s.remembered(&key))?;
        r.breakpoints = names;
        self.with_store(|s| s.remember(&key, &r))
    }
}
