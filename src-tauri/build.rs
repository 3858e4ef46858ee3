/// The app's own commands, declared so that the capability file can allow exactly these and a
/// webview can call nothing else (Tauri allows every app command when none are declared).
const COMMANDS: &[&str] = &[
    "open_document",
    "open_with_dialog",
    "new_document",
    "list_examples",
    "open_example",
    "recent_files",
    "current_document",
    "apply_edit",
    "set_text",
    "undo",
    "redo",
    "save",
    "save_as",
    "export_as",
    "resolve_conflict",
    "copy_states",
    "close_window",
    "request_close",
    "watch_runs",
    "run_setup",
    "pick_run_file",
    "save_input",
    "delete_input",
    "start_run",
    "stop_run",
    "pause_run",
    "resume_run",
    "set_breakpoints",
    "answer_task",
    "redrive_run",
    "list_runs",
    "open_run",
    "delete_run",
    "export_history",
    "import_history",
    "preview_state",
    "evaluate_expression",
    "language_blockers",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
