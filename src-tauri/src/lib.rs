//! Stepwise desktop shell: a thin Tauri layer over `stepwise-asl`.
//!
//! The document lives in Rust; the web UI asks for views of it through the commands in
//! [`commands`], whose argument and result types ([`ipc`]) are exported to TypeScript with
//! ts-rs into `ui/src/bindings/`.

pub mod commands;
pub mod ipc;
pub mod launch;

use tauri::{Manager, Runtime};

/// Registers the app's state and commands on a builder (the real one or Tauri's mock).
pub fn configure<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(commands::AppState::default())
        .invoke_handler(tauri::generate_handler![
            commands::open_document,
            commands::current_document,
            commands::reload_document,
        ])
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
            let state = app.state::<commands::AppState>();
            let view = commands::open_initial(&state, initial.as_deref());
            if let Some(window) = app.get_webview_window("main") {
                commands::set_title(&window, view.as_ref());
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("stepwise: the window could not be started: {err}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
