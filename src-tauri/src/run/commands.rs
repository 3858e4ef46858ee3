//! The run panel's Tauri commands: thin wrappers over [`Runs`]. Each is declared in
//! [`crate::contract`], which checks its signature: `(app, request) -> Result<_, AppError>`.

use super::files::Origin;
use super::ipc::*;
use super::manager::{preview, Runs, Subject};
use super::session::{Emit, Outgoing};
use crate::commands::ask_save_path;
use crate::contract::{Answer, NamedInput, Resume};
use crate::error::AppError;
use crate::state::{lock, AppState};
use crate::workspace::{Workspace, UNTITLED};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// With this set, the Open dialogs of the run panel are not shown: they answer this path.
/// The end-to-end tests use it, since WebDriver cannot drive a native dialog.
pub const PICK_FILE_ENV: &str = "STEPWISE_PICK_FILE";

pub(crate) fn origin(ws: &Workspace) -> Origin {
    match ws.path() {
        Some(p) => Origin::File(p.to_path_buf()),
        None if ws.untitled_name() != UNTITLED => Origin::Example(ws.untitled_name().to_string()),
        None => Origin::Untitled,
    }
}

/// The runs state, with its data folder set on first use.
pub(crate) fn runs<R: Runtime>(app: &AppHandle<R>) -> State<'_, Runs> {
    let runs = app.state::<Runs>();
    if let Some(dir) = crate::state::data_dir(app) {
        runs.set_data_dir(dir);
    }
    runs
}

/// The open document: where it comes from, and its definition.
pub(crate) fn document<R: Runtime>(
    app: &AppHandle<R>,
) -> Result<(Origin, serde_json::Value), AppError> {
    app.state::<AppState>()
        .with(|ws| (origin(ws), ws.value().clone()))
}

/// The document's definition as a run executes it: its placeholders replaced by what its
/// project gives them (a redrive, the Tests panel).
pub(crate) fn deployed<R: Runtime>(
    app: &AppHandle<R>,
) -> Result<(Origin, serde_json::Value), AppError> {
    let (origin, definition, subs) = app
        .state::<AppState>()
        .with(|ws| (origin(ws), ws.value().clone(), ws.substitutions().clone()))?;
    Ok((origin, substituted(&definition, &subs)?))
}

/// The definition a run executes: its placeholders replaced by their values. A placeholder
/// alone in a number field needs one ([`AppError::NotRunnable`] names where it is).
pub(crate) fn substituted(
    definition: &serde_json::Value,
    subs: &stepwise_project::subst::Substitutions,
) -> Result<serde_json::Value, AppError> {
    let applied = stepwise_project::subst::apply(definition, subs);
    if let Some(p) = applied.unresolved_numbers.first() {
        let pointer = p.pointers.first().cloned().unwrap_or_default();
        return Err(AppError::NotRunnable {
            message: format!(
                "${{{}}} at {pointer} must be a number to run: give it a value in the run panel",
                p.name
            ),
            pointer: Some(pointer),
        });
    }
    Ok(applied.definition)
}

/// The window's channel for run events. A channel, not an event: Tauri hands a large
/// message to the webview to fetch instead of evaluating it as a script on the UI thread,
/// which is what a 10,000-item Map run sends.
#[derive(Default)]
pub struct RunChannel(Mutex<Option<Channel<RunMessage>>>);

pub(crate) fn emitter<R: Runtime>(app: &AppHandle<R>) -> Emit {
    let app = app.clone();
    Arc::new(move |out| {
        // Events and statuses share the channel, so the window gets them in the order sent.
        // The window opens the channel before it starts a run; with none, nobody listens.
        let Some(channel) = lock(&app.state::<RunChannel>().0).clone() else {
            return;
        };
        let sent = match out {
            Outgoing::Events(batch) => channel.send(RunMessage::Events(batch)),
            Outgoing::Status(update) => channel.send(RunMessage::Status(update)),
        };
        if let Err(e) = sent {
            eprintln!("stepwise: could not send run events to the window: {e}");
        }
    })
}

fn pick_path<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(PICK_FILE_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter("JSON", &["json"])
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

#[tauri::command]
pub fn watch_runs<R: Runtime>(
    app: AppHandle<R>,
    request: Channel<RunMessage>,
) -> Result<(), AppError> {
    *lock(&app.state::<RunChannel>().0) = Some(request);
    Ok(())
}

#[tauri::command]
pub fn run_setup<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<RunSetup, AppError> {
    let (origin, _) = document(&app)?;
    runs(&app).setup(&origin)
}

#[tauri::command]
pub async fn pick_run_file<R: Runtime>(
    app: AppHandle<R>,
    request: RunFileKind,
) -> Result<Option<RunFile>, AppError> {
    let (origin, _) = document(&app)?;
    let title = match request {
        RunFileKind::Mocks => "Choose a mock config (Step Functions Local format)",
        RunFileKind::Handlers => "Choose a handlers file",
    };
    let Some(path) = pick_path(&app, title) else {
        return Ok(None);
    };
    runs(&app).pick_file(&origin, &path, request).map(Some)
}

#[tauri::command]
pub fn save_input<R: Runtime>(
    app: AppHandle<R>,
    request: NamedInput,
) -> Result<Vec<SavedInput>, AppError> {
    let (origin, _) = document(&app)?;
    runs(&app).save_input(&origin, &request.name, &request.input)
}

#[tauri::command]
pub fn delete_input<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<Vec<SavedInput>, AppError> {
    let (origin, _) = document(&app)?;
    runs(&app).delete_input(&origin, &request)
}

#[tauri::command]
pub fn start_run<R: Runtime>(
    app: AppHandle<R>,
    request: RunRequest,
) -> Result<RunStatusUpdate, AppError> {
    let (origin, definition, mut subs) = app
        .state::<AppState>()
        .with(|ws| (origin(ws), ws.value().clone(), ws.substitutions().clone()))?;
    for (name, value) in request.substitutions.iter().flatten() {
        subs.give(name.clone(), value.clone());
    }
    let definition = substituted(&definition, &subs)?;
    let subject = Subject {
        origin,
        definition: &definition,
    };
    runs(&app).start(subject, request, emitter(&app))
}

#[tauri::command]
pub fn stop_run<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<(), AppError> {
    runs(&app).stop()
}

#[tauri::command]
pub fn pause_run<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<(), AppError> {
    runs(&app).pause()
}

#[tauri::command]
pub fn resume_run<R: Runtime>(app: AppHandle<R>, request: Resume) -> Result<(), AppError> {
    runs(&app).resume(request.mode, request.input)
}

#[tauri::command]
pub fn set_breakpoints<R: Runtime>(
    app: AppHandle<R>,
    request: Vec<String>,
) -> Result<(), AppError> {
    let (origin, _) = document(&app)?;
    runs(&app).set_breakpoints(&origin, request)
}

#[tauri::command]
pub fn answer_task<R: Runtime>(app: AppHandle<R>, request: Answer) -> Result<(), AppError> {
    runs(&app).answer(request.id, request.answer)
}

#[tauri::command]
pub fn redrive_run<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<RunStatusUpdate, AppError> {
    let (origin, definition) = deployed(&app)?;
    let subject = Subject {
        origin,
        definition: &definition,
    };
    runs(&app).redrive(subject, &request, emitter(&app))
}

#[tauri::command]
pub fn list_runs<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<Vec<RunSummary>, AppError> {
    let (origin, _) = document(&app)?;
    runs(&app).list(&origin)
}

#[tauri::command]
pub fn open_run<R: Runtime>(app: AppHandle<R>, request: String) -> Result<RunRecord, AppError> {
    runs(&app).open(&request)
}

#[tauri::command]
pub fn delete_run<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<Vec<RunSummary>, AppError> {
    let (origin, _) = document(&app)?;
    runs(&app).delete(&origin, &request)
}

#[tauri::command]
pub async fn export_history<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<Option<String>, AppError> {
    let id = request;
    let (origin, _) = document(&app)?;
    let text = runs(&app).history_json(&id)?;
    let name = runs(&app)
        .list(&origin)?
        .into_iter()
        .find(|r| r.id == id)
        .map(|r| r.name)
        .unwrap_or_else(|| "execution".into());
    let suggested = format!("{}-{}.history.json", origin.stem(), name);
    let Some(path) = ask_save_path(&app, &suggested, "Execution history", &["json"]) else {
        return Ok(None);
    };
    stepwise_asl::fsutil::write_atomic(&path, text.as_bytes()).map_err(|source| {
        AppError::File {
            path: path.clone(),
            source,
        }
    })?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn import_history<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<Option<RunRecord>, AppError> {
    let (origin, definition) = document(&app)?;
    let Some(path) = pick_path(
        &app,
        "Open an execution history (aws stepfunctions get-execution-history)",
    ) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&path).map_err(|source| AppError::File {
        path: path.clone(),
        source,
    })?;
    let name = crate::ipc::file_name(&path);
    let subject = Subject {
        origin,
        definition: &definition,
    };
    runs(&app).import(subject, &name, &text).map(Some)
}

/// The expression editors' live preview: a failure to evaluate is part of the reply.
#[tauri::command]
pub async fn evaluate_expression<R: Runtime>(
    _app: AppHandle<R>,
    request: ExpressionRequest,
) -> Result<ExpressionReply, AppError> {
    // Off the async runtime: an expression may run up to its time limit.
    tauri::async_runtime::spawn_blocking(move || super::expression::evaluate(&request))
        .await
        .map_err(|e| AppError::Preview(e.to_string()))
}

#[tauri::command]
pub async fn preview_state<R: Runtime>(
    app: AppHandle<R>,
    request: PreviewRequest,
) -> Result<PreviewReply, AppError> {
    let (_, definition) = document(&app)?;
    // The preview runs the engine on runtimes of its own: off this async one.
    let reply = tauri::async_runtime::spawn_blocking(move || preview(&definition, &request))
        .await
        .map_err(|e| AppError::Preview(e.to_string()))?;
    reply
}
