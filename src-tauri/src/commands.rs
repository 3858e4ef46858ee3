//! Tauri commands. They live in their own module: a `#[tauri::command]` defined in `lib.rs`
//! collides with the macro-generated items (E0255).

use crate::ipc::{window_title, DocumentView};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tauri::{Runtime, State, WebviewWindow};

/// The open document, shared by all commands.
#[derive(Debug, Default)]
pub struct AppState {
    current: Mutex<Option<DocumentView>>,
}

impl AppState {
    fn lock(&self) -> MutexGuard<'_, Option<DocumentView>> {
        // A panic while holding the lock leaves a complete value behind; keep using it.
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Loads `path` and makes it the current document.
    pub fn open(&self, path: &Path) -> DocumentView {
        let view = DocumentView::load(path);
        *self.lock() = Some(view.clone());
        view
    }

    pub fn current(&self) -> Option<DocumentView> {
        self.lock().clone()
    }
}

/// Opens the file the app was started with, if any (called from `setup`).
pub fn open_initial(state: &AppState, path: Option<&Path>) -> Option<DocumentView> {
    path.map(|p| state.open(p))
}

/// Sets "Stepwise — <file name>" as the window title. A failure only costs the title.
pub fn set_title<R: Runtime>(window: &WebviewWindow<R>, view: Option<&DocumentView>) {
    if let Err(err) = window.set_title(&window_title(view)) {
        eprintln!("stepwise: could not set the window title: {err}");
    }
}

/// Opens a definition file and makes it the current document. Errors reading or parsing the
/// file are reported in the view's `error`, not as a rejected promise.
#[tauri::command]
pub fn open_document<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    path: String,
) -> DocumentView {
    let view = state.open(&absolute(&path));
    set_title(&window, Some(&view));
    view
}

/// The current document, or `null` when no file is open.
#[tauri::command]
pub fn current_document(state: State<'_, AppState>) -> Option<DocumentView> {
    state.current()
}

/// Reads the current document again from disk; `null` when no file is open.
#[tauri::command]
pub fn reload_document<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> Option<DocumentView> {
    let path = state.current().map(|v| PathBuf::from(v.path))?;
    let view = state.open(&path);
    set_title(&window, Some(&view));
    Some(view)
}

fn absolute(path: &str) -> PathBuf {
    let p = PathBuf::from(path);
    std::path::absolute(&p).unwrap_or(p)
}
