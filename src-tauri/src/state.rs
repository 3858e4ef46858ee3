//! What the app holds between commands: the open document and the watcher on its file.
//!
//! Commands reach it through `app.state::<AppState>()`; every access goes through [`lock`],
//! so a panic in one command never leaves the document unreachable.

use crate::error::AppError;
use crate::ipc::DocumentView;
use crate::watch::FileWatcher;
use crate::workspace::Workspace;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use tauri::{AppHandle, Manager, Runtime};

/// Overrides the app's data folder (runs, recovery files): tests use it.
pub const DATA_DIR_ENV: &str = "STEPWISE_DATA_DIR";

/// The app's data folder: [`DATA_DIR_ENV`], else the platform's (`~/.local/share/<id>`).
pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(d) => Some(PathBuf::from(d)),
        None => app.path().app_data_dir().ok(),
    }
}

/// The open document and its file watcher, shared by all commands.
#[derive(Default)]
pub struct AppState {
    workspace: Mutex<Option<Workspace>>,
    watcher: Mutex<Option<FileWatcher>>,
}

/// Locks `m`. A panic while holding the lock leaves a complete value behind; keep using it.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Runs `f` on the open document; [`AppError::NoDocument`] when there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Workspace) -> T) -> Result<T, AppError> {
        let mut guard = lock(&self.workspace);
        let ws = guard.as_mut().ok_or(AppError::NoDocument)?;
        Ok(f(ws))
    }

    pub fn current(&self) -> Option<DocumentView> {
        lock(&self.workspace).as_mut().map(Workspace::view)
    }

    pub fn is_dirty(&self) -> bool {
        lock(&self.workspace)
            .as_ref()
            .is_some_and(Workspace::is_dirty)
    }

    /// Makes `ws` the open document and returns its view.
    pub fn replace(&self, ws: Workspace) -> DocumentView {
        let mut guard = lock(&self.workspace);
        let ws = guard.insert(ws);
        ws.view()
    }

    /// Replaces the watcher (`None` stops watching).
    pub fn set_watcher(&self, watcher: Option<FileWatcher>) {
        *lock(&self.watcher) = watcher;
    }
}
