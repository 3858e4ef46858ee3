//! The Tests panel's Tauri commands, declared in [`crate::contract`]: thin wrappers over
//! [`Tests`] and, for the runs they show or record, [`crate::run::manager::Runs`].

use super::ipc::{RunTests, SaveRunAsTest, TestAdded, TestsRun, TestsView};
use super::Tests;
use crate::error::AppError;
use crate::run::commands::{deployed, document, runs};
use crate::run::ipc::RunRecord;
use crate::run::manager::{runnable, Subject};
use tauri::{AppHandle, Manager, Runtime};

#[tauri::command]
pub fn load_tests<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<TestsView, AppError> {
    let (origin, _) = document(&app)?;
    Ok(app.state::<Tests>().load(&origin))
}

#[tauri::command]
pub fn save_tests<R: Runtime>(
    app: AppHandle<R>,
    request: stepwise_testing::spec::TestFile,
) -> Result<TestsView, AppError> {
    let (origin, _) = document(&app)?;
    app.state::<Tests>().save(&origin, request)
}

#[tauri::command]
pub async fn run_tests<R: Runtime>(
    app: AppHandle<R>,
    request: RunTests,
) -> Result<TestsRun, AppError> {
    let (origin, definition) = deployed(&app)?;
    let machine = runnable(&definition)?;
    let handle = app.clone();
    // Tests run on every core (rayon): off the async runtime, so the window's other commands
    // are answered meanwhile.
    tauri::async_runtime::spawn_blocking(move || {
        handle.state::<Tests>().run(&origin, machine, request.names)
    })
    .await
    .map_err(|e| AppError::Preview(e.to_string()))?
}

/// The test's last execution as a kept run, to show on the canvas (replacing the one kept
/// for the same test before).
#[tauri::command]
pub fn open_test_run<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<RunRecord, AppError> {
    let (origin, definition) = document(&app)?;
    let events = app.state::<Tests>().history(&origin, &request)?;
    runs(&app).keep_test_run(
        Subject {
            origin,
            definition: &definition,
        },
        &request,
        events,
    )
}

/// A kept run as a new test: its input, its Tasks' answers as inline mocks, how it ended.
#[tauri::command]
pub fn save_run_as_test<R: Runtime>(
    app: AppHandle<R>,
    request: SaveRunAsTest,
) -> Result<TestAdded, AppError> {
    let (origin, _) = document(&app)?;
    let events = runs(&app).history_events(&request.run_id)?;
    let test = stepwise_testing::record::test_from_history(&request.name, &events);
    let (view, index) = app.state::<Tests>().add(&origin, test)?;
    Ok(TestAdded { view, index })
}
