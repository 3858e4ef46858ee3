//! Watching the open file, so that an edit in another editor reaches the canvas.
//!
//! The parent folder is watched, not the file: editors often save by writing a new file and
//! renaming it over the old one, which ends a watch on the old inode.

use crate::commands::{push_view, AppState};
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// Quiet time after the last change before the file is read: long enough to fold an editor's
/// burst of writes into one reload, short enough to feel immediate.
const SETTLE: Duration = Duration::from_millis(150);

pub struct FileWatcher {
    _debouncer: Debouncer<RecommendedWatcher>,
}

impl FileWatcher {
    pub fn new<R: Runtime>(
        app: AppHandle<R>,
        path: &Path,
    ) -> notify_debouncer_mini::notify::Result<Self> {
        let file = path.to_path_buf();
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path.file_name().map(|n| n.to_os_string());
        let mut debouncer = new_debouncer(SETTLE, move |res: DebounceEventResult| {
            let Ok(events) = res else { return };
            if events
                .iter()
                .any(|e| e.path.file_name().map(|n| n.to_os_string()) == name)
            {
                on_change(&app, &file);
            }
        })?;
        debouncer
            .watcher()
            .watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(FileWatcher {
            _debouncer: debouncer,
        })
    }
}

fn on_change<R: Runtime>(app: &AppHandle<R>, file: &Path) {
    // A file being replaced may be missing for a moment; the next event brings it back.
    let Ok(bytes) = std::fs::read(file) else {
        return;
    };
    let state = app.state::<AppState>();
    let view =
        state.with(|ws| (ws.path() == Some(file) && ws.disk_changed(bytes)).then(|| ws.view()));
    if let Ok(Some(view)) = view {
        push_view(app, &view);
    }
}
