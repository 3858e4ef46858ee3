//! The run panel's Tauri commands: thin wrappers over [`Runs`].

use super::files::Origin;
use super::ipc::*;
use super::manager::{preview, Runs, Subject};
use super::session::{Emit, Outgoing};
use crate::commands::{ask_save_path, AppState};
use crate::error::AppError;
use crate::workspace::{Workspace, UNTITLED};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// With this set, the Open dialogs of the run panel are not shown: they answer this path.
/// The end-to-end tests use it, since WebDriver cannot drive a native dialog.
pub const PICK_FILE_ENV: &str = "STEPWISE_PICK_FILE";

fn origin(ws: &Workspace) -> Origin {
    match ws.path() {
        Some(p) => Origin::File(p.to_path_buf()),
        None if ws.untitled_name() != UNTITLED => Origin::Example(ws.untitled_name().to_string()),
        None => Origin::Untitled,
    }
}

/// Overrides where the runs database lives (tests).
pub const DATA_DIR_ENV: &str = "STEPWISE_DATA_DIR";

/// The runs state, with its data folder set on first use.
fn runs<'a, R: Runtime>(app: &'a AppHandle<R>) -> Result<State<'a, Runs>, AppError> {
    let runs = app.state::<Runs>();
    let dir = match std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(d) => Some(PathBuf::from(d)),
        None => app.path().app_data_dir().ok(),
    };
    if let Some(dir) = dir {
        runs.set_data_dir(dir);
    }
    Ok(runs)
}

fn document(state: &AppState) -> Result<(Origin, serde_json::Value), AppError> {
    // Transitional: `AppState::with` still words its error as text (main replaces this file).
    Ok(state.with(|ws| (origin(ws), ws.value().clone()))?)
}

/// The window's channel for run events. A channel, not an event: Tauri hands a large
/// message to the webview to fetch instead of evaluating it as a script on the UI thread,
/// which is what a 10,000-item Map run sends.
#[derive(Default)]
pub struct RunChannel(Mutex<Option<Channel<RunMessage>>>);

fn emitter<R: Runtime>(app: &AppHandle<R>) -> Emit {
    let app = app.clone();
    Arc::new(move |out| {
        // Events and statuses share the channel, so the window gets them in the order sent.
        let channel = app
            .state::<RunChannel>()
            .0
            .lock()
            .map(|c| c.clone())
            .ok()
            .flatten();
        // The window opens the channel before it starts a run: without one, nobody listens.
        let Some(c) = channel else { return };
        let sent = match out {
            Outgoing::Events(batch) => c.send(RunMessage::Events(batch)),
            Outgoing::Status(update) => c.send(RunMessage::Status(update)),
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

/// Sends the active run's events and statuses to `channel` from now on.
#[tauri::command]
pub fn watch_runs(
    state: State<'_, RunChannel>,
    channel: Channel<RunMessage>,
) -> Result<(), AppError> {
    let mut current = state
        .0
        .lock()
        .map_err(|_| AppError::window("the run channel is poisoned"))?;
    *current = Some(channel);
    Ok(())
}

#[tauri::command]
pub fn run_setup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<RunSetup, AppError> {
    let (origin, _) = document(&state)?;
    runs(&app)?.setup(&origin)
}

#[tauri::command]
pub async fn pick_run_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: RunFileKind,
) -> Result<Option<RunFile>, AppError> {
    let (origin, _) = document(&state)?;
    let title = match kind {
        RunFileKind::Mocks => "Choose a mock config (Step Functions Local format)",
        RunFileKind::Handlers => "Choose a handlers file",
    };
    let Some(path) = pick_path(&app, title) else {
        return Ok(None);
    };
    runs(&app)?.pick_file(&origin, &path, kind).map(Some)
}

#[tauri::command]
pub fn save_input<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
    input: String,
) -> Result<Vec<SavedInput>, AppError> {
    let (origin, _) = document(&state)?;
    runs(&app)?.save_input(&origin, &name, &input)
}

#[tauri::command]
pub fn delete_input<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<SavedInput>, AppError> {
    let (origin, _) = document(&state)?;
    runs(&app)?.delete_input(&origin, &name)
}

#[tauri::command]
pub fn start_run<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: RunRequest,
) -> Result<RunStatusUpdate, AppError> {
    let (origin, definition) = document(&state)?;
    runs(&app)?.start(
        Subject {
            origin,
            definition: &definition,
        },
        request,
        emitter(&app),
    )
}

#[tauri::command]
pub fn stop_run<R: Runtime>(app: AppHandle<R>) -> Result<(), AppError> {
    runs(&app)?.stop()
}

#[tauri::command]
pub fn pause_run<R: Runtime>(app: AppHandle<R>) -> Result<(), AppError> {
    runs(&app)?.pause()
}

#[tauri::command]
pub fn resume_run<R: Runtime>(
    app: AppHandle<R>,
    mode: ResumeMode,
    input: Option<String>,
) -> Result<(), AppError> {
    runs(&app)?.resume(mode, input)
}

#[tauri::command]
pub fn set_breakpoints<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    names: Vec<String>,
) -> Result<(), AppError> {
    let (origin, _) = document(&state)?;
    runs(&app)?.set_breakpoints(&origin, names)
}

#[tauri::command]
pub fn answer_task<R: Runtime>(
    app: AppHandle<R>,
    id: u32,
    answer: TaskAnswer,
) -> Result<(), AppError> {
    runs(&app)?.answer(id, answer)
}

#[tauri::command]
pub fn redrive_run<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<RunStatusUpdate, AppError> {
    let (origin, definition) = document(&state)?;
    runs(&app)?.redrive(
        Subject {
            origin,
            definition: &definition,
        },
        &id,
        emitter(&app),
    )
}

#[tauri::command]
pub fn list_runs<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Vec<RunSummary>, AppError> {
    let (origin, _) = document(&state)?;
    runs(&app)?.list(&origin)
}

#[tauri::command]
pub fn open_run<R: Runtime>(app: AppHandle<R>, id: String) -> Result<RunRecord, AppError> {
    runs(&app)?.open(&id)
}

#[tauri::command]
pub fn delete_run<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<RunSummary>, AppError> {
    let (origin, _) = document(&state)?;
    runs(&app)?.delete(&origin, &id)
}

/// Saves the run's history as `get-execution-history` JSON; the path, or `null` when the
/// dialog was cancelled.
#[tauri::command]
pub async fn export_history<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<String>, AppError> {
    let (origin, _) = document(&state)?;
    let text = runs(&app)?.history_json(&id)?;
    let name = runs(&app)?
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

/// Opens a history exported from AWS and keeps it as a run of the document for replay.
#[tauri::command]
pub async fn import_history<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<RunRecord>, AppError> {
    let (origin, definition) = document(&state)?;
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
    runs(&app)?
        .import(
            Subject {
                origin,
                definition: &definition,
            },
            &name,
            &text,
        )
        .map(Some)
}

/// The inspector's live preview of a JSONata field on the state's sample input.
#[tauri::command]
pub async fn evaluate_expression(request: ExpressionRequest) -> ExpressionReply {
    // Off the async runtime: an expression may run up to its time limit.
    tauri::async_runtime::spawn_blocking(move || super::expression::evaluate(&request))
        .await
        .unwrap_or_else(|e| ExpressionReply {
            value: None,
            error: Some(ExpressionError {
                code: "preview".into(),
                message: format!("the preview stopped: {e}"),
                position: None,
            }),
        })
}

#[tauri::command]
pub async fn preview_state(
    state: State<'_, AppState>,
    request: PreviewRequest,
) -> Result<PreviewReply, AppError> {
    let (_, definition) = document(&state)?;
    // The preview runs the engine on runtimes of its own: off this async one.
    tauri::async_runtime::spawn_blocking(move || preview(&definition, &request))
        .await
        .map_err(|e| AppError::Preview(e.to_string()))?
}
