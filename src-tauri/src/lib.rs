//! Stepwise desktop shell: a thin Tauri layer over the core crates.
//!
//! The document lives in Rust ([`workspace`]): the web UI sends edits and gets views back
//! through the commands in [`commands`], whose argument and result types ([`ipc`], and the
//! edit and diagram types of the core crates) are exported to TypeScript with ts-rs into
//! `ui/src/bindings/`.

pub mod commands;
pub mod error;
pub mod examples;
pub mod ipc;
pub mod launch;
mod png;
pub mod recent;
pub mod run;
pub mod view;
mod watch;
pub mod workspace;

use tauri::{Emitter, Manager, Runtime, WindowEvent};

/// Registers the app's state and commands on a builder (the real one or Tauri's mock).
pub fn configure<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(commands::AppState::default())
        .manage(run::manager::Runs::default())
        .manage(run::commands::RunChannel::default())
        .invoke_handler(tauri::generate_handler![
            commands::open_document,
            commands::open_with_dialog,
            commands::new_document,
            commands::list_examples,
            commands::open_example,
            commands::recent_files,
            commands::current_document,
            commands::apply_edit,
            commands::set_text,
            commands::undo,
            commands::redo,
            commands::save,
            commands::save_as,
            commands::export_as,
            commands::resolve_conflict,
            commands::copy_states,
            commands::close_window,
            commands::request_close,
            run::commands::watch_runs,
            run::commands::run_setup,
            run::commands::pick_run_file,
            run::commands::save_input,
            run::commands::delete_input,
            run::commands::start_run,
            run::commands::stop_run,
            run::commands::pause_run,
            run::commands::resume_run,
            run::commands::set_breakpoints,
            run::commands::answer_task,
            run::commands::redrive_run,
            run::commands::list_runs,
            run::commands::open_run,
            run::commands::delete_run,
            run::commands::export_history,
            run::commands::import_history,
            run::commands::preview_state,
            run::commands::evaluate_expression,
            commands::language_blockers,
        ])
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                let state = window.state::<commands::AppState>();
                if state.is_dirty() {
                    // The window asks the user (save / discard / cancel) and closes itself.
                    api.prevent_close();
                    if let Err(err) = window.emit(commands::CLOSE_REQUESTED, ()) {
                        eprintln!("stepwise: could not ask about unsaved edits: {err}");
                    }
                }
            }
        })
}

/// Starts the desktop app: opens the file named on the command line or in `STEPWISE_OPEN`.
pub fn run() {
    let result = configure(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let initial = launch::initial_path(
                std::env::args_os().skip(1),
                std::env::var_os(launch::OPEN_ENV),
            );
            commands::open_initial(app.handle(), initial.as_deref());
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
