//! The document's Tauri commands: thin wrappers over the [`Workspace`]. Each is declared in
//! [`crate::contract`], which checks its signature: `(app, request) -> Result<_, AppError>`.
//! They live in their own module: a `#[tauri::command]` defined in `lib.rs` collides with the
//! macro-generated items (E0255).

use crate::contract::{emit, OpenDocument, OpenExample, Replace};
use crate::error::AppError;
use crate::ipc::{
    window_title, ConflictChoice, CopiedImage, DocumentView, EditReply, ExampleInfo, ExportKind,
};
use crate::project::Opened;
use crate::recovery::{RecoveredDocument, Recovery};
use crate::state::AppState;
use crate::workspace::{Opening, Workspace};
use crate::{examples, recent, watch};
use std::path::{Path, PathBuf};
use stepwise_asl::edit::language::Blocker;
use stepwise_asl::edit::Edit;
use stepwise_asl::model::QueryLanguage;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// With this set, Save and Export dialogs are not shown: the file goes into this folder under
/// the suggested name. The end-to-end tests use it, since WebDriver cannot drive a native
/// dialog.
pub const SAVE_DIR_ENV: &str = "STEPWISE_SAVE_DIR";

/// Makes `ws` the open document: watches its file, remembers it, titles the window.
pub(crate) fn install<R: Runtime>(app: &AppHandle<R>, ws: Workspace) -> DocumentView {
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
    state.set_watcher(None);
    let Some(path) = path else { return };
    let handle = app.clone();
    let watched = watch::FileWatcher::new(path, move |file, bytes| {
        let view = handle
            .state::<AppState>()
            .with(|ws| (ws.path() == Some(file) && ws.disk_changed(bytes)).then(|| ws.view()));
        if let Ok(Some(view)) = view {
            push_view(&handle, &view);
        }
    });
    match watched {
        Ok(w) => state.set_watcher(Some(w)),
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
        let title = view.map_or_else(|| window_title(None), |v| v.title.clone());
        if let Err(err) = window.set_title(&title) {
            eprintln!("stepwise: could not set the window title: {err}");
        }
    }
}

/// Sends a view the window did not ask for (an outside edit, a conflict).
pub fn push_view<R: Runtime>(app: &AppHandle<R>, view: &DocumentView) {
    set_title(app, Some(view));
    if let Err(err) = emit::document_changed(app, view) {
        eprintln!("stepwise: could not notify the window: {err}");
    }
}

/// Opens the file the app was started with, if any (called from `setup`).
/// A project with several machines opens its first; the project banner switches machines.
pub fn open_initial<R: Runtime>(app: &AppHandle<R>, path: Option<&Path>) {
    if let Some(p) = path {
        install(app, crate::workspace::project::open_first(p));
    }
}

/// Opens `path` (a definition, or a project's `machine`), or answers the project's machines
/// for the window to choose from.
fn open_or_choose<R: Runtime>(app: &AppHandle<R>, path: &Path, machine: Option<&str>) -> Opened {
    match crate::workspace::open_path(path, machine) {
        Opening::Document(ws) => Opened::Document {
            view: Box::new(install(app, *ws)),
        },
        Opening::Choose(project) => Opened::Choose { project },
    }
}

/// Refuses to replace a document holding unsaved edits unless the user chose to discard them.
/// The window asks first (Save / Don't save / Cancel); this is the backstop that keeps a
/// slip in the UI from losing work.
/// Once allowed, the edits being dropped leave no recovery file behind.
pub(crate) fn may_replace<R: Runtime>(app: &AppHandle<R>, discard: bool) -> Result<(), AppError> {
    if !discard && app.state::<AppState>().is_dirty() {
        return Err(AppError::UnsavedEdits);
    }
    app.state::<Recovery>().forget_current()
}

/// Opens a definition file. Errors reading or parsing it are reported in the view's `error`,
/// not as a rejected promise; only unsaved edits in the open document refuse it.
#[tauri::command]
pub fn open_document<R: Runtime>(
    app: AppHandle<R>,
    request: OpenDocument,
) -> Result<Opened, AppError> {
    let path = absolute(&request.path);
    // Listing a project's machines replaces nothing: only opening one asks first.
    match crate::workspace::open_path(&path, request.machine.as_deref()) {
        Opening::Choose(project) => Ok(Opened::Choose { project }),
        Opening::Document(ws) => {
            may_replace(&app, request.discard)?;
            Ok(Opened::Document {
                view: Box::new(install(&app, *ws)),
            })
        }
    }
}

#[tauri::command]
pub async fn open_with_dialog<R: Runtime>(
    app: AppHandle<R>,
    request: Replace,
) -> Result<Option<Opened>, AppError> {
    may_replace(&app, request.discard)?;
    let Some(path) = pick_machine_file(&app, "Open a state machine or a project") else {
        return Ok(None);
    };
    Ok(Some(open_or_choose(&app, &path, None)))
}

/// The Open dialog for a definition or a project holding machines; `None` when cancelled.
pub(crate) fn pick_machine_file<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(
            "State machines and projects (SAM, CloudFormation, Terraform)",
            &["json", "yaml", "yml", "tf"],
        )
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

#[tauri::command]
pub fn new_document<R: Runtime>(
    app: AppHandle<R>,
    request: Replace,
) -> Result<DocumentView, AppError> {
    may_replace(&app, request.discard)?;
    Ok(install(&app, Workspace::untitled(examples::blank())))
}

#[tauri::command]
pub fn list_examples<R: Runtime>(
    _app: AppHandle<R>,
    _request: (),
) -> Result<Vec<ExampleInfo>, AppError> {
    Ok(examples::list())
}

#[tauri::command]
pub fn open_example<R: Runtime>(
    app: AppHandle<R>,
    request: OpenExample,
) -> Result<DocumentView, AppError> {
    may_replace(&app, request.discard)?;
    let value = examples::load(&request.id).ok_or(AppError::NoExample(request.id.clone()))?;
    Ok(install(&app, Workspace::untitled_named(value, &request.id)))
}

#[tauri::command]
pub fn recent_files<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<Vec<String>, AppError> {
    Ok(app
        .path()
        .app_config_dir()
        .map(|dir| recent::existing(recent::load(&dir)))
        .unwrap_or_default())
}

#[tauri::command]
pub fn current_document<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<Option<DocumentView>, AppError> {
    Ok(app.state::<AppState>().current())
}

/// Runs `f` on the open document, then titles the window after the view it returns.
fn change<R: Runtime>(
    app: &AppHandle<R>,
    f: impl FnOnce(&mut Workspace) -> Result<DocumentView, AppError>,
) -> Result<DocumentView, AppError> {
    let view = app.state::<AppState>().with(f)??;
    set_title(app, Some(&view));
    Ok(view)
}

#[tauri::command]
pub fn apply_edit<R: Runtime>(app: AppHandle<R>, request: Edit) -> Result<EditReply, AppError> {
    let mut select = Vec::new();
    let view = change(&app, |ws| {
        select = ws.apply(&request)?.select;
        Ok(ws.view())
    })?;
    Ok(EditReply { view, select })
}

#[tauri::command]
pub fn set_text<R: Runtime>(app: AppHandle<R>, request: String) -> Result<DocumentView, AppError> {
    change(&app, |ws| {
        ws.refuse_if_read_only()?;
        ws.set_text(request);
        Ok(ws.view())
    })
}

#[tauri::command]
pub fn undo<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<DocumentView, AppError> {
    change(&app, |ws| {
        ws.undo();
        Ok(ws.view())
    })
}

#[tauri::command]
pub fn redo<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<DocumentView, AppError> {
    change(&app, |ws| {
        ws.redo();
        Ok(ws.view())
    })
}

#[tauri::command]
pub async fn save<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<Option<DocumentView>, AppError> {
    let has_path = app.state::<AppState>().with(|ws| ws.path().is_some())?;
    if !has_path {
        return save_as(app, ()).await;
    }
    let view = change(&app, |ws| {
        ws.save()?;
        Ok(ws.view())
    })?;
    saved(&app);
    Ok(Some(view))
}

/// After a save: the recovery file goes now, not at the next tick.
fn saved<R: Runtime>(app: &AppHandle<R>) {
    if let Err(err) = app.state::<Recovery>().sync(&app.state::<AppState>()) {
        eprintln!("stepwise: could not update the recovery file: {err}");
    }
}

#[tauri::command]
pub async fn save_as<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<Option<DocumentView>, AppError> {
    let state = app.state::<AppState>();
    let suggested = state.with(|ws| ws.export_name(ws_kind(ws)))?;
    let Some(path) = ask_save_path(&app, &suggested, "State machine", &["json", "yaml", "yml"])
    else {
        return Ok(None);
    };
    let view = change(&app, |ws| {
        ws.save_as(&path)?;
        Ok(ws.view())
    })?;
    follow(&app, Some(&path), true);
    saved(&app);
    Ok(Some(view))
}

fn ws_kind(ws: &Workspace) -> ExportKind {
    match ws.format() {
        crate::ipc::DocumentFormat::Json => ExportKind::Json,
        crate::ipc::DocumentFormat::Yaml => ExportKind::Yaml,
    }
}

#[tauri::command]
pub async fn export_as<R: Runtime>(
    app: AppHandle<R>,
    request: ExportKind,
) -> Result<Option<String>, AppError> {
    let kind = request;
    let (suggested, bytes) = app
        .state::<AppState>()
        .with(|ws| Ok::<_, AppError>((ws.export_name(kind), ws.export(kind)?)))??;
    let (what, exts): (&str, &[&str]) = match kind {
        ExportKind::Json => ("ASL JSON", &["json"]),
        ExportKind::Yaml => ("ASL YAML", &["yaml", "yml"]),
        ExportKind::Svg => ("SVG image", &["svg"]),
        ExportKind::Png => ("PNG image", &["png"]),
    };
    let Some(path) = ask_save_path(&app, &suggested, what, exts) else {
        return Ok(None);
    };
    stepwise_asl::fsutil::write_atomic(&path, &bytes).map_err(|source| AppError::File {
        path: path.clone(),
        source,
    })?;
    Ok(Some(path.display().to_string()))
}

/// Copy as image: the diagram's pixels (the PNG export's drawing) on the system clipboard,
/// through the clipboard plugin, which keeps serving them while the app runs (X11 has no
/// clipboard of its own: the owner answers each paste).
#[tauri::command]
pub async fn copy_image<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<CopiedImage, AppError> {
    let raster = app.state::<AppState>().with(|ws| ws.raster())??;
    let clipboard = app
        .try_state::<tauri_plugin_clipboard_manager::Clipboard<R>>()
        .ok_or_else(|| AppError::Clipboard("there is no clipboard in this window".into()))?;
    let image = tauri::image::Image::new(&raster.rgba, raster.width, raster.height);
    clipboard
        .write_image(&image)
        .map_err(|e| AppError::Clipboard(e.to_string()))?;
    Ok(CopiedImage {
        width: raster.width,
        height: raster.height,
    })
}

#[tauri::command]
pub fn resolve_conflict<R: Runtime>(
    app: AppHandle<R>,
    request: ConflictChoice,
) -> Result<DocumentView, AppError> {
    change(&app, |ws| {
        ws.resolve_conflict(request);
        Ok(ws.view())
    })
}

#[tauri::command]
pub fn copy_states<R: Runtime>(
    app: AppHandle<R>,
    request: Vec<String>,
) -> Result<serde_json::Map<String, serde_json::Value>, AppError> {
    app.state::<AppState>().with(|ws| ws.copy_states(&request))
}

/// The machine inspector lists these next to its Switch button.
#[tauri::command]
pub fn language_blockers<R: Runtime>(
    app: AppHandle<R>,
    request: QueryLanguage,
) -> Result<Vec<Blocker>, AppError> {
    app.state::<AppState>().with(|ws| {
        stepwise_asl::edit::language::switch_machine(ws.value(), request)
            .err()
            .unwrap_or_default()
    })
}

/// The UI calls it after the user saved or chose not to: no recovery file stays behind.
#[tauri::command]
pub fn close_window<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<(), AppError> {
    app.state::<Recovery>().forget_current()?;
    if let Some(window) = app.get_webview_window("main") {
        window.destroy().map_err(AppError::window)?;
    }
    Ok(())
}

/// As Ctrl+Q: with unsaved edits the close is held and the window asks first.
#[tauri::command]
pub fn request_close<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<(), AppError> {
    if let Some(window) = app.get_webview_window("main") {
        // `close` raises CloseRequested, like the window manager's close button.
        window.close().map_err(AppError::window)?;
    }
    Ok(())
}

/// What an earlier session left with unsaved edits (it was killed, or crashed).
#[tauri::command]
pub fn list_recovered<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<Vec<RecoveredDocument>, AppError> {
    Ok(app.state::<Recovery>().list())
}

/// Opens a recovered document with its edits, unsaved.
#[tauri::command]
pub fn restore_recovered<R: Runtime>(
    app: AppHandle<R>,
    request: OpenExample,
) -> Result<DocumentView, AppError> {
    may_replace(&app, request.discard)?;
    let ws = app
        .state::<Recovery>()
        .restore(&request.id, examples::blank())?;
    Ok(install(&app, ws))
}

/// Drops a recovered document's edits; answers what is left to offer.
#[tauri::command]
pub fn discard_recovered<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<Vec<RecoveredDocument>, AppError> {
    let recovery = app.state::<Recovery>();
    recovery.discard(&request)?;
    Ok(recovery.list())
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
