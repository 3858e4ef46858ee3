//! Stepwise desktop shell: a thin Tauri layer over the core crates.
//!
//! The document lives in Rust ([`workspace`]): the web UI sends edits and gets views back
//! through the commands declared once in [`contract`] (implemented in [`commands`] and
//! [`run::commands`]), whose request, reply and error types ([`ipc`], [`error`], and the edit
//! and diagram types of the core crates) are exported to TypeScript with ts-rs into
//! `ui/src/bindings/`, with the command table itself.

pub mod cloud;
pub mod commands;
pub mod compare;
pub mod contract;
pub mod error;
pub mod examples;
pub mod ipc;
pub mod launch;
mod png;
pub mod project;
pub mod recent;
pub mod recovery;
pub mod run;
pub mod server;
pub mod state;
pub mod testing;
pub mod view;
mod watch;
pub mod workspace;

use tauri::{Manager, Runtime, WindowEvent};

/// Registers the app's state and commands on a builder (the real one or Tauri's mock).
pub fn configure<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(state::AppState::default())
        .manage(recovery::Recovery::default())
        .manage(run::manager::Runs::default())
        .manage(run::commands::RunChannel::default())
        .manage(testing::Tests::default())
        .manage(server::Server::default())
        .manage(cloud::CloudState::default())
        .invoke_handler(contract::handler())
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                let state = window.state::<state::AppState>();
                if state.is_dirty() {
                    // The window asks the user (save / discard / cancel) and closes itself.
                    api.prevent_close();
                    if let Err(err) = contract::emit::close_requested(window, &()) {
                        eprintln!("stepwise: could not ask about unsaved edits: {err}");
                    }
                }
            }
        })
}

/// Writes the open document's unsaved edits to its recovery file every [`recovery::EVERY`],
/// on a thread of its own for the life of the app.
fn keep_recovery_files<R: Runtime>(app: tauri::AppHandle<R>) {
    if let Some(dir) = state::data_dir(&app) {
        app.state::<recovery::Recovery>().set_dir(&dir);
    }
    let spawned = std::thread::Builder::new()
        .name("recovery".into())
        .spawn(move || {
            let mut last_error = String::new();
            loop {
                std::thread::sleep(recovery::EVERY);
                let result = app
                    .state::<recovery::Recovery>()
                    .sync(&app.state::<state::AppState>());
                // Say a failure once, not every second.
                let error = result.err().map(|e| e.to_string()).unwrap_or_default();
                if !error.is_empty() && error != last_error {
                    eprintln!("stepwise: could not write the recovery file: {error}");
                }
                last_error = error;
            }
        });
    if let Err(err) = spawned {
        eprintln!("stepwise: unsaved edits will not survive a crash: {err}");
    }
}

/// Starts the desktop app: opens the file named on the command line or in `STEPWISE_OPEN`.
pub fn run() {
    let result = configure(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .setup(|app| {
            let initial = launch::initial_path(
                std::env::args_os().skip(1),
                std::env::var_os(launch::OPEN_ENV),
            );
            commands::open_initial(app.handle(), initial.as_deref());
            keep_recovery_files(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("stepwise: the window could not be started: {err}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod tests;
