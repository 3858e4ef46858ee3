//! Watching the open file, so that an edit in another editor reaches the canvas.
//!
//! The parent folder is watched, not the file: editors often save by writing a new file and
//! renaming it over the old one, which ends a watch on the old inode. The watcher knows
//! nothing of the app: it hands the file's new bytes to a callback.

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Quiet time after the last change before the file is read: long enough to fold an editor's
/// burst of writes into one reload, short enough to feel immediate.
const SETTLE: Duration = Duration::from_millis(150);

pub struct FileWatcher {
    _debouncer: Debouncer<RecommendedWatcher>,
}

impl FileWatcher {
    /// Calls `on_change` with the file's bytes after each settled change to `path`.
    pub fn new(
        path: &Path,
        on_change: impl Fn(&Path, Vec<u8>) + Send + 'static,
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
                // A file being replaced may be missing for a moment; the next event brings
                // it back.
                if let Ok(bytes) = std::fs::read(&file) {
                    on_change(&file, bytes);
                }
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
