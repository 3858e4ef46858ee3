//! Tauri commands: thin wrappers over the [`Workspace`]. They live in their own module: a
//! `#[tauri::command]` defined in `lib.rs` collides with the macro-generated items (E0255).

use crate::ipc::{window_title, ConflictChoice, DocumentView, EditReply, ExampleInfo, ExportKind};
use crate::workspace::Workspace;
use crate::{examples, recent, watch};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use stepwise_asl::edit::Edit;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// Event carrying a [`DocumentView`] that Rust pushes on its own (the file changed on disk).
pub const DOCUMENT_CHANGED: &str = "document-changed";
/// Event asking the window to confirm closing with unsaved edits.
pub const CLOSE_REQUESTED: &str = "close-requested";
/// With this set, Save and Export dialogs are not shown: the file goes into this folder under
/// the suggested name. The end-to-end tests use it, since WebDriver cannot drive a native
/// dialog.
pub const SAVE_DIR_ENV: &str = "STEPWISE_SAVE_DIR";

/// The open document and its file watcher, shared by all commands.
#[derive(Default)]
pub struct AppState {
    workspace: Mutex<Option<Workspace>>,
    watcher: Mutex<Option<watch::FileWatcher>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves a complete value behind; keep using it.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Runs `f` on the open document; `Err` when there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Workspace) -> T) -> Result<T, String> {
        let mut guard = lock(&self.workspace);
        let ws = guard.as_mut().ok_or("no document is open")?;
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
}

/// Makes `ws` the open document: watches its file, remembers it, titles the window.
fn install<R: Runtime>(app: &AppHandle<R>, ws: Workspace) -> DocumentView {
    let path = ws.path().map(Path::to_path_buf);
    let state = app.state::<AppState>();
    let view = state.replace(ws);
    follow(app, path.as_deref(), view.error.is_none());
    set_title(app, Some(&view));
    view
}

/// Points the watcher at `path` and puts it first in the recent files.
fn follow<R: Runtime>(app: &AppHandle<R>, path: Option<&Path>, remember: bool) {
    let state = app.state::<AppState>();
    let mut watcher = lock(&state.watcher);
    *watcher = None;
    let Some(path) = path else { return };
    match watch::FileWatcher::new(app.clone(), path) {
        Ok(w) => *watcher = Some(w),
        Err(err) => eprintln!("stepwise: cannot watch {}: {err}", path.display()),
    }
    if remember {
        if let Ok(dir) = app.path().app_config_dir() {
            if let Err(err) = recent::remember(&dir, path) {
                eprintln!("stepwise: cannot update the recent files: {err}");
            }
        }
    }
}

/// Sets "Stepwise — <file name>" as the window title. A failure only costs the title.
pub fn set_title<R: Runtime>(app: &AppHandle<R>, view: Option<&DocumentView>) {
    if let Some(window) = app.get_webview_window("main") {
        if let Err(err) = window.set_title(&window_title(view)) {
            eprintln!("stepwise: could not set the window title: {err}");
        }
    }
}

/// Sends a view the window did not ask for (an outside edit, a conflict).
pub fn push_view<R: Runtime>(app: &AppHandle<R>, view: &DocumentView) {
    set_title(app, Some(view));
    if let Err(err) = app.emit(DOCUMENT_CHANGED, view) {
        eprintln!("stepwise: could not notify the window: {err}");
    }
}

/// Opens the file the app was started with, if any (called from `setup`).
pub fn open_initial<R: Runtime>(app: &AppHandle<R>, path: Option<&Path>) {
    if let Some(p) = path {
        install(app, Workspace::open(p));
    }
}

/// What a command that replaces the open document answers when that document has unsaved
/// edits and the window did not say to discard them.
pub const UNSAVED_EDITS: &str =
    "the open document has unsaved edits: save them or choose to discard them first";

/// Refuses to replace a document holding unsaved edits unless the user chose to discard them.
/// The window asks first (Save / Don't save / Cancel); this is the backstop that keeps a
/// slip in the UI from losing work.
fn may_replace(state: &AppState, discard: Option<bool>) -> Result<(), String> {
    if state.is_dirty() && discard != Some(true) {
        return Err(UNSAVED_EDITS.to_string());
    }
    Ok(())
}

/// Opens a definition file. Errors reading or parsing it are reported in the view's `error`,
/// not as a rejected promise; only unsaved edits in the open document refuse it.
#[tauri::command]
pub fn open_document<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    discard: Option<bool>,
) -> Result<DocumentView, String> {
    may_replace(&app.state::<AppState>(), discard)?;
    Ok(install(&app, Workspace::open(&absolute(&path))))
}

/// Shows the Open dialog; `null` when cancelled.
#[tauri::command]
pub async fn open_with_dialog<R: Runtime>(
    app: AppHandle<R>,
    discard: Option<bool>,
) -> Result<Option<DocumentView>, String> {
    may_replace(&app.state::<AppState>(), discard)?;
    let picked = app
        .dialog()
        .file()
        .set_title("Open a state machine")
        .add_filter("State machines", &["json", "yaml", "yml"])
        .add_filter("All files", &["*"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    Ok(Some(install(&app, Workspace::open(&path))))
}

#[tauri::command]
pub fn new_document<R: Runtime>(
    app: AppHandle<R>,
    discard: Option<bool>,
) -> Result<DocumentView, String> {
    may_replace(&app.state::<AppState>(), discard)?;
    Ok(install(&app, Workspace::untitled(examples::blank())))
}

#[tauri::command]
pub fn list_examples() -> Vec<ExampleInfo> {
    examples::list()
}

#[tauri::command]
pub fn open_example<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    discard: Option<bool>,
) -> Result<DocumentView, String> {
    may_replace(&app.state::<AppState>(), discard)?;
    let value = examples::load(&id).ok_or_else(|| format!("no example named {id:?}"))?;
    Ok(install(&app, Workspace::untitled_named(value, &id)))
}

#[tauri::command]
pub fn recent_files<R: Runtime>(app: AppHandle<R>) -> Vec<String> {
    app.path()
        .app_config_dir()
        .map(|dir| recent::existing(recent::load(&dir)))
        .unwrap_or_default()
}

/// The current document, or `null` when none is open.
#[tauri::command]
pub fn current_document(state: State<'_, AppState>) -> Option<DocumentView> {
    state.current()
}

/// Applies an edit; the reply carries the new view and what to select.
#[tauri::command]
pub fn apply_edit<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    edit: Edit,
) -> Result<EditReply, String> {
    let reply = state.with(|ws| {
        let outcome = ws.apply(&edit).map_err(|e| e.to_string())?;
        Ok::<_, String>(EditReply {
            view: ws.view(),
            select: outcome.select,
        })
    })??;
    set_title(&app, Some(&reply.view));
    Ok(reply)
}

/// The code view's text changed.
#[tauri::command]
pub fn set_text<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    text: String,
) -> Result<DocumentView, String> {
    let view = state.with(|ws| {
        ws.set_text(text);
        ws.view()
    })?;
    set_title(&app, Some(&view));
    Ok(view)
}

#[tauri::command]
pub fn undo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<DocumentView, String> {
    let view = state.with(|ws| {
        ws.undo();
        ws.view()
    })?;
    set_title(&app, Some(&view));
    Ok(view)
}

#[tauri::command]
pub fn redo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<DocumentView, String> {
    let view = state.with(|ws| {
        ws.redo();
        ws.view()
    })?;
    set_title(&app, Some(&view));
    Ok(view)
}

/// Saves to the document's file, or asks where for a new document; `null` when cancelled.
#[tauri::command]
pub async fn save<R: Runtime>(app: AppHandle<R>) -> Result<Option<DocumentView>, String> {
    let state = app.state::<AppState>();
    let has_path = state.with(|ws| ws.path().is_some())?;
    if !has_path {
        return save_as(app).await;
    }
    let view = state.with(|ws| {
        ws.save().map_err(|e| e.to_string())?;
        Ok::<_, String>(ws.view())
    })??;
    set_title(&app, Some(&view));
    Ok(Some(view))
}

/// Asks for a file name and saves there; `null` when cancelled.
#[tauri::command]
pub async fn save_as<R: Runtime>(app: AppHandle<R>) -> Result<Option<DocumentView>, String> {
    let state = app.state::<AppState>();
    let suggested = state.with(|ws| ws.export_name(ws_kind(ws)))?;
    let Some(path) = ask_save_path(&app, &suggested, "State machine", &["json", "yaml", "yml"])
    else {
        return Ok(None);
    };
    let view = state.with(|ws| {
        ws.save_as(&path).map_err(|e| e.to_string())?;
        Ok::<_, String>(ws.view())
    })??;
    follow(&app, Some(&path), true);
    set_title(&app, Some(&view));
    Ok(Some(view))
}

fn ws_kind(ws: &Workspace) -> ExportKind {
    match ws.format() {
        crate::ipc::DocumentFormat::Json => ExportKind::Json,
        crate::ipc::DocumentFormat::Yaml => ExportKind::Yaml,
    }
}

/// Exports the definition or its diagram through a Save dialog; the path written, or `null`
/// when cancelled.
#[tauri::command]
pub async fn export_as<R: Runtime>(
    app: AppHandle<R>,
    kind: ExportKind,
) -> Result<Option<String>, String> {
    let state = app.state::<AppState>();
    let (suggested, bytes) = state.with(|ws| {
        let bytes = ws.export(kind).map_err(|e| e.to_string())?;
        Ok::<_, String>((ws.export_name(kind), bytes))
    })??;
    let (what, exts): (&str, &[&str]) = match kind {
        ExportKind::Json => ("ASL JSON", &["json"]),
        ExportKind::Yaml => ("ASL YAML", &["yaml", "yml"]),
        ExportKind::Svg => ("SVG image", &["svg"]),
        ExportKind::Png => ("PNG image", &["png"]),
    };
    let Some(path) = ask_save_path(&app, &suggested, what, exts) else {
        return Ok(None);
    };
    stepwise_asl::fsutil::write_atomic(&path, &bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some(path.display().to_string()))
}

/// Settles a conflict between unsaved edits and a file changed on disk.
#[tauri::command]
pub fn resolve_conflict<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    choice: ConflictChoice,
) -> Result<DocumentView, String> {
    let view = state.with(|ws| {
        ws.resolve_conflict(choice);
        ws.view()
    })?;
    set_title(&app, Some(&view));
    Ok(view)
}

/// The states at `pointers` as `name -> definition`, for the clipboard.
#[tauri::command]
pub fn copy_states(
    state: State<'_, AppState>,
    pointers: Vec<String>,
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    state.with(|ws| ws.copy_states(&pointers))
}

/// What stops switching the machine to `language` exactly (empty: the switch is exact). The
/// machine inspector lists them next to its Switch button.
#[tauri::command]
pub fn language_blockers(
    state: State<'_, AppState>,
    language: stepwise_asl::model::QueryLanguage,
) -> Result<Vec<stepwise_asl::edit::language::Blocker>, String> {
    state.with(|ws| {
        stepwise_asl::edit::language::switch_machine(ws.value(), language)
            .err()
            .unwrap_or_default()
    })
}

/// Closes the window; the UI calls it after the user confirmed discarding unsaved edits.
#[tauri::command]
pub fn close_window<R: Runtime>(app: AppHandle<R>) -> Result<(), String> {
    if let Some(window) = app.get_webview_window("main") {
        window.destroy().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Closes the window as its close button does (Ctrl+Q): with unsaved edits the close is held
/// and the window asks first.
#[tauri::command]
pub fn request_close<R: Runtime>(app: AppHandle<R>) -> Result<(), String> {
    if let Some(window) = app.get_webview_window("main") {
        // `close` raises CloseRequested, like the window manager's close button.
        window.close().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Where to save: the Save dialog's answer, or with [`SAVE_DIR_ENV`] set, that folder.
pub(crate) fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    suggested: &str,
    what: &str,
    exts: &[&str],
) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(SAVE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(suggested));
    }
    app.dialog()
        .file()
        .set_file_name(suggested)
        .add_filter(what, exts)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

fn absolute(path: &str) -> PathBuf {
    let p = PathBuf::from(path);
    std::path::absolute(&p).unwrap_or(p)
}
