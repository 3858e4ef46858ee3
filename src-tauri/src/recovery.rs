//! Unsaved edits survive a crash or a kill.
//!
//! While the open document has unsaved edits, its text is written to a recovery file in the
//! app's data folder (`recovery/<key>.json`, atomically), at most [`EVERY`] behind the last
//! change. A save, a "Don't save" or a clean close removes it. At the next start the window
//! lists what was left ([`Recovery::list`]) and offers each file back, as editors do.
//!
//! Only the files this session wrote are ever removed by it: a recovery file left by a crash
//! stays until the user restores or discards it, even when its document is opened again.

use crate::error::AppError;
use crate::state::{lock, AppState};
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use ts_rs::TS;

/// How often the open document is checked for edits to write: the most a crash can lose.
pub const EVERY: Duration = Duration::from_millis(1000);

/// A document's unsaved edits, as kept on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Saved {
    /// The document's file; `None` for a document never saved.
    path: Option<String>,
    /// The name Save offers for a document never saved ("Untitled.asl.json").
    file_name: String,
    /// The code view's text at the time: the definition with the edits.
    text: String,
    /// When it was written, in milliseconds since the epoch.
    saved_at_ms: u64,
    /// For a project's machine: the project opened and the machine's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    project: Option<(String, String)>,
}

/// A document the last session left with unsaved edits, as the window lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct RecoveredDocument {
    /// What `restore_recovered` and `discard_recovered` take.
    pub id: String,
    /// The document's file; `null` for a document never saved.
    pub path: Option<String>,
    pub file_name: String,
    /// When the edits were last written, in milliseconds since the epoch.
    #[ts(type = "number")]
    pub saved_at_ms: u64,
}

/// Where recovery files go, and which one this session is writing.
#[derive(Default)]
pub struct Recovery {
    dir: Mutex<Option<PathBuf>>,
    /// The key and revision this session last wrote.
    written: Mutex<Option<(String, u32)>>,
    /// The key of a document never saved, fixed for the session.
    untitled: Mutex<Option<String>>,
}

/// A stable name for a path: FNV-1a, not `DefaultHasher`, whose output may change between
/// Rust releases and would orphan the files of an older build.
fn key_of(path: &Path) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("file-{hash:016x}")
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// An id from the window names a file of the recovery folder, nothing else.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Recovery {
    /// Sets the folder (`<data dir>/recovery`) once the app knows its data folder.
    pub fn set_dir(&self, data_dir: &Path) {
        let mut dir = lock(&self.dir);
        if dir.is_none() {
            *dir = Some(data_dir.join("recovery"));
        }
    }

    fn dir(&self) -> Option<PathBuf> {
        lock(&self.dir).clone()
    }

    fn key(&self, ws: &Workspace) -> String {
        if let Some((project, machine)) = ws.project_machine() {
            // Two machines of one template are two documents.
            return key_of(&project.join(format!("#{machine}")));
        }
        match ws.path() {
            Some(p) => key_of(p),
            None => lock(&self.untitled)
                .get_or_insert_with(|| format!("untitled-{}-{}", now_ms(), std::process::id()))
                .clone(),
        }
    }

    /// Brings the recovery file of the open document up to date: written when it has
    /// unsaved edits newer than the last write, removed (if this session wrote it) when it
    /// has none. Called every [`EVERY`] and after saves.
    pub fn sync(&self, state: &AppState) -> Result<(), AppError> {
        let Some(dir) = self.dir() else {
            return Ok(());
        };
        let wanted = state.with(|ws| {
            let key = self.key(ws);
            ws.is_dirty().then(|| {
                let saved = Saved {
                    path: ws.path().map(|p| p.display().to_string()),
                    file_name: match ws.project_machine() {
                        Some((p, m)) => format!("{} › {m}", crate::ipc::file_name(p)),
                        None => ws
                            .path()
                            .map_or_else(|| ws.untitled_name().to_string(), crate::ipc::file_name),
                    },
                    text: ws.text().to_string(),
                    saved_at_ms: now_ms(),
                    project: ws
                        .project_machine()
                        .map(|(p, m)| (p.display().to_string(), m.to_string())),
                };
                (key, ws.revision(), saved)
            })
        });
        let mut written = lock(&self.written);
        match wanted {
            Ok(Some((key, revision, saved))) => {
                if written.as_ref() == Some(&(key.clone(), revision)) {
                    return Ok(());
                }
                if let Some((old, _)) = written.as_ref().filter(|(old, _)| *old != key) {
                    remove(&dir, old)?;
                }
                std::fs::create_dir_all(&dir).map_err(|source| AppError::File {
                    path: dir.clone(),
                    source,
                })?;
                let path = dir.join(format!("{key}.json"));
                let bytes =
                    serde_json::to_vec(&saved).map_err(|e| AppError::BadFile(e.to_string()))?;
                stepwise_asl::fsutil::write_atomic(&path, &bytes)
                    .map_err(|source| AppError::File { path, source })?;
                *written = Some((key, revision));
            }
            // Nothing unsaved (or no document): what this session wrote is no longer needed.
            Ok(None) | Err(AppError::NoDocument) => {
                if let Some((old, _)) = written.take() {
                    remove(&dir, &old)?;
                }
            }
            Err(other) => return Err(other),
        }
        Ok(())
    }

    /// Forgets the open document's unsaved edits (the user chose not to save them).
    pub fn forget_current(&self) -> Result<(), AppError> {
        let (Some(dir), Some((old, _))) = (self.dir(), lock(&self.written).take()) else {
            return Ok(());
        };
        remove(&dir, &old)
    }

    /// What earlier sessions left, newest first. Unreadable files are skipped, not removed.
    pub fn list(&self) -> Vec<RecoveredDocument> {
        let Some(dir) = self.dir() else {
            return Vec::new();
        };
        let mine = lock(&self.written).as_ref().map(|(k, _)| k.clone());
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut found: Vec<RecoveredDocument> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let id = name.strip_suffix(".json")?.to_string();
                if !valid_id(&id) || mine.as_deref() == Some(id.as_str()) {
                    return None;
                }
                let saved = read(&dir, &id).ok()?;
                Some(RecoveredDocument {
                    id,
                    path: saved.path,
                    file_name: saved.file_name,
                    saved_at_ms: saved.saved_at_ms,
                })
            })
            .collect();
        found.sort_by_key(|d| std::cmp::Reverse(d.saved_at_ms));
        found
    }

    /// The document of recovery file `id` with its edits, unsaved; the recovery file stays
    /// until the edits are saved or discarded (this session now owns it).
    pub fn restore(&self, id: &str, blank: serde_json::Value) -> Result<Workspace, AppError> {
        let dir = self.dir().ok_or(AppError::NoDataFolder)?;
        let saved = read(&dir, id)?;
        let mut ws = match (&saved.project, &saved.path) {
            (Some((project, machine)), _) => {
                match crate::workspace::open_path(Path::new(project), Some(machine)) {
                    crate::workspace::Opening::Document(ws) => *ws,
                    crate::workspace::Opening::Choose(_) => {
                        Workspace::failed(Path::new(project), format!("no machine {machine}"))
                    }
                }
            }
            (None, Some(p)) => Workspace::open(Path::new(p)),
            (None, None) => Workspace::untitled_named(blank, &saved.file_name),
        };
        ws.set_text(saved.text);
        if saved.path.is_none() {
            *lock(&self.untitled) = Some(id.to_string());
        }
        // The file is this session's now: the next sync rewrites or removes it.
        *lock(&self.written) = Some((id.to_string(), 0));
        Ok(ws)
    }

    /// Drops recovery file `id` without restoring it.
    pub fn discard(&self, id: &str) -> Result<(), AppError> {
        let dir = self.dir().ok_or(AppError::NoDataFolder)?;
        if !valid_id(id) {
            return Err(AppError::invalid(format!("no recovered document {id:?}")));
        }
        remove(&dir, id)
    }
}

fn read(dir: &Path, id: &str) -> Result<Saved, AppError> {
    if !valid_id(id) {
        return Err(AppError::invalid(format!("no recovered document {id:?}")));
    }
    let path = dir.join(format!("{id}.json"));
    let bytes = std::fs::read(&path).map_err(|source| AppError::File { path, source })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| AppError::BadFile(format!("recovery file {id}: {e}")))
}

fn remove(dir: &Path, key: &str) -> Result<(), AppError> {
    let path = dir.join(format!("{key}.json"));
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(AppError::File { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const MACHINE: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

    fn setup() -> (tempfile::TempDir, PathBuf, AppState, Recovery) {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("m.asl.json");
        std::fs::write(&file, MACHINE).expect("write");
        let state = AppState::default();
        state.replace(Workspace::open(&file));
        let recovery = Recovery::default();
        recovery.set_dir(&dir.path().join("data"));
        (dir, file, state, recovery)
    }

    fn rename_a(state: &AppState) {
        state
            .with(|ws| ws.set_text(MACHINE.replace("\"A\"", "\"Renamed\"")))
            .expect("open");
    }

    #[test]
    fn nothing_is_written_while_nothing_is_unsaved() {
        let (dir, _file, state, recovery) = setup();
        recovery.sync(&state).expect("sync");
        assert!(!dir.path().join("data/recovery").exists());
    }

    #[test]
    fn unsaved_edits_are_written_and_a_later_session_restores_them() {
        let (dir, file, state, recovery) = setup();
        rename_a(&state);
        recovery.sync(&state).expect("sync");

        // A new session (the app was killed): it lists the file and restores the edits.
        let next = Recovery::default();
        next.set_dir(&dir.path().join("data"));
        let listed = next.list();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            listed[0].path.as_deref(),
            Some(file.display().to_string().as_str())
        );
        assert_eq!(listed[0].file_name, "m.asl.json");
        let mut ws = next.restore(&listed[0].id, json!({})).expect("restore");
        assert!(ws.is_dirty(), "restored edits are unsaved");
        assert!(ws.view().states.iter().any(|s| s.name == "Renamed"));
        // Undo goes back to the file as it is on disk.
        ws.undo();
        assert!(ws.view().states.iter().any(|s| s.name == "A"));
    }

    #[test]
    fn unsaved_edits_to_a_projects_machine_come_back_as_that_machine() {
        let dir = tempfile::tempdir().expect("temp dir");
        let template = dir.path().join("template.yaml");
        std::fs::write(
            &template,
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A:\n            Type: Pass\n            End: true\n",
        )
        .expect("write");
        let state = AppState::default();
        let crate::workspace::Opening::Document(ws) = crate::workspace::open_path(&template, None)
        else {
            panic!("one machine opens");
        };
        state.replace(*ws);
        let recovery = Recovery::default();
        recovery.set_dir(&dir.path().join("data"));
        state
            .with(|ws| ws.set_text(MACHINE.replace("\"A\"", "\"Renamed\"")))
            .expect("open");
        recovery.sync(&state).expect("sync");

        let next = Recovery::default();
        next.set_dir(&dir.path().join("data"));
        let listed = next.list();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].file_name, "template.yaml › Flow");
        let mut ws = next.restore(&listed[0].id, json!({})).expect("restore");
        assert_eq!(
            ws.project_machine().map(|(_, m)| m.to_string()).as_deref(),
            Some("Flow")
        );
        assert!(ws.is_dirty());
        assert!(ws.view().states.iter().any(|s| s.name == "Renamed"));
    }

    #[test]
    fn a_save_removes_the_recovery_file() {
        let (_dir, _file, state, recovery) = setup();
        rename_a(&state);
        recovery.sync(&state).expect("sync");
        assert_eq!(Recovery::list_of(&recovery), 1);
        state.with(|ws| ws.save()).expect("open").expect("save");
        recovery.sync(&state).expect("sync");
        assert_eq!(Recovery::list_of(&recovery), 0);
    }

    #[test]
    fn a_file_left_by_an_earlier_session_is_kept_until_the_user_decides() {
        let (dir, _file, state, recovery) = setup();
        rename_a(&state);
        recovery.sync(&state).expect("sync");
        // The next session opens the same file and does not edit it: the left file stays.
        let next = Recovery::default();
        next.set_dir(&dir.path().join("data"));
        let fresh = AppState::default();
        fresh.replace(Workspace::open(&dir.path().join("m.asl.json")));
        next.sync(&fresh).expect("sync");
        let listed = next.list();
        assert_eq!(listed.len(), 1);
        next.discard(&listed[0].id).expect("discard");
        assert!(next.list().is_empty());
    }

    #[test]
    fn ids_from_the_window_cannot_leave_the_folder() {
        let (_dir, _file, _state, recovery) = setup();
        for id in ["../secrets", "", "a/b", "x.json"] {
            assert!(recovery.discard(id).is_err(), "{id}");
            assert!(recovery.restore(id, json!({})).is_err(), "{id}");
        }
    }

    impl Recovery {
        /// How many recovery files are in the folder, this session's included.
        fn list_of(recovery: &Recovery) -> usize {
            recovery
                .dir()
                .and_then(|d| std::fs::read_dir(d).ok())
                .map_or(0, |entries| entries.count())
        }
    }
}
