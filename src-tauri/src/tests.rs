//! Tests of the shell: views of files, the commands through Tauri's mock runtime, and the
//! freshness of the committed TypeScript bindings.

use crate::commands::{open_initial, AppState};
use crate::ipc::{
    window_title, DocumentFormat, DocumentView, ProblemRow, ProblemSeverity, StateRow,
};
use std::path::{Path, PathBuf};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;
use ts_rs::TS;

const MACHINE: &str = r#"{
  "Comment": "Orders",
  "StartAt": "Validate",
  "States": {
    "Validate": { "Type": "Pass", "Next": "Fork" },
    "Fork": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "Charge", "States": { "Charge": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge", "End": true } } }
      ],
      "Next": "Done"
    },
    "Done": { "Type": "Succeed" }
  }
}"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the test file");
    path
}

fn state(pointer: &str, name: &str, ty: &str, depth: u32) -> StateRow {
    StateRow {
        pointer: pointer.into(),
        name: name.into(),
        state_type: ty.into(),
        depth,
    }
}

#[test]
fn view_lists_states_with_depth_and_header_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.json", MACHINE);
    let view = DocumentView::load(&path);
    assert_eq!(view.error, None);
    assert_eq!(view.file_name, "orders.asl.json");
    assert_eq!(view.path, path.display().to_string());
    assert_eq!(view.format, Some(DocumentFormat::Json));
    assert_eq!(view.comment.as_deref(), Some("Orders"));
    assert_eq!(view.start_at.as_deref(), Some("Validate"));
    assert_eq!(
        view.states,
        vec![
            state("/States/Validate", "Validate", "Pass", 0),
            state("/States/Fork", "Fork", "Parallel", 0),
            state("/States/Fork/Branches/0/States/Charge", "Charge", "Task", 1),
            state("/States/Done", "Done", "Succeed", 0),
        ]
    );
}

#[test]
fn yaml_files_are_read_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "m.yaml",
        "StartAt: A\nStates:\n  A:\n    Type: Succeed\n",
    );
    let view = DocumentView::load(&path);
    assert_eq!(view.format, Some(DocumentFormat::Yaml));
    assert_eq!(view.states, vec![state("/States/A", "A", "Succeed", 0)]);
}

#[test]
fn unreadable_and_malformed_files_give_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.asl.json");
    let view = DocumentView::load(&missing);
    let err = view.error.expect("an error for a missing file");
    assert!(err.contains("missing.asl.json"), "{err}");
    assert!(view.states.is_empty() && view.format.is_none());

    let broken = write(dir.path(), "broken.json", "{ \"StartAt\": ");
    let view = DocumentView::load(&broken);
    assert!(view.error.is_some());
    assert_eq!(view.file_name, "broken.json");
}

#[test]
fn problems_carry_code_and_pointer() {
    let d = stepwise_asl::Diagnostic::error(
        stepwise_asl::Code::NextNotFound,
        "/States/A/Next",
        "no state B",
    );
    let row = ProblemRow::from(&d);
    assert_eq!(
        row,
        ProblemRow {
            severity: ProblemSeverity::Error,
            code: "next-not-found".into(),
            message: "no state B".into(),
            pointer: "/States/A/Next".into(),
        }
    );
    let json = serde_json::to_value(&row).expect("serialize");
    assert_eq!(json["severity"], "error");
}

#[test]
fn views_serialize_in_camel_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.json", MACHINE);
    let json = serde_json::to_value(DocumentView::load(&path)).expect("serialize");
    assert_eq!(json["fileName"], "orders.asl.json");
    assert_eq!(json["startAt"], "Validate");
    assert_eq!(json["format"], "json");
    assert_eq!(json["states"][2]["stateType"], "Task");
    assert_eq!(json["error"], serde_json::Value::Null);
}

#[test]
fn titles_name_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let view = DocumentView::load(&write(dir.path(), "orders.asl.json", MACHINE));
    assert_eq!(window_title(Some(&view)), "Stepwise — orders.asl.json");
    assert_eq!(window_title(None), "Stepwise");
}

fn invoke(cmd: &str, body: serde_json::Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

#[test]
fn commands_open_and_return_the_current_document_over_ipc() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.json", MACHINE);
    let app = crate::configure(mock_builder())
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window");

    let none = get_ipc_response(&window, invoke("current_document", serde_json::json!({})))
        .expect("current_document answers")
        .deserialize::<Option<DocumentView>>()
        .expect("an optional view");
    assert_eq!(none, None);

    let opened = get_ipc_response(
        &window,
        invoke(
            "open_document",
            serde_json::json!({ "path": path.display().to_string() }),
        ),
    )
    .expect("open_document answers")
    .deserialize::<DocumentView>()
    .expect("a view");
    assert_eq!(opened.file_name, "orders.asl.json");
    assert_eq!(opened.states.len(), 4);
    // The mock runtime does not keep window titles; `window_title` is tested on its own.

    let current = get_ipc_response(&window, invoke("current_document", serde_json::json!({})))
        .expect("current_document answers")
        .deserialize::<Option<DocumentView>>()
        .expect("an optional view");
    assert_eq!(current, Some(opened.clone()));

    std::fs::write(
        &path,
        r#"{"StartAt":"Only","States":{"Only":{"Type":"Succeed"}}}"#,
    )
    .expect("rewrite");
    let reloaded = get_ipc_response(&window, invoke("reload_document", serde_json::json!({})))
        .expect("reload_document answers")
        .deserialize::<Option<DocumentView>>()
        .expect("an optional view")
        .expect("a view after reload");
    assert_eq!(
        reloaded.states,
        vec![state("/States/Only", "Only", "Succeed", 0)]
    );
}

#[test]
fn initial_document_is_opened_into_the_state() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.json", MACHINE);
    let state = AppState::default();
    assert_eq!(open_initial(&state, None), None);
    assert_eq!(state.current(), None);
    let view = open_initial(&state, Some(&path)).expect("a view");
    assert_eq!(state.current(), Some(view));
}

/// Every IPC type and the file it is exported to.
fn bindings() -> Vec<(PathBuf, String)> {
    fn one<T: TS + 'static>(cfg: &ts_rs::Config) -> (PathBuf, String) {
        let path = T::output_path().expect("an exportable type");
        let text = T::export_to_string(cfg).expect("generate bindings");
        (path, text)
    }
    let cfg = ts_rs::Config::new();
    vec![
        one::<DocumentView>(&cfg),
        one::<DocumentFormat>(&cfg),
        one::<StateRow>(&cfg),
        one::<ProblemRow>(&cfg),
        one::<ProblemSeverity>(&cfg),
    ]
}

/// Fails when `ui/src/bindings/` differs from what the Rust types generate. Run with
/// `STEPWISE_WRITE_BINDINGS=1 cargo test -p stepwise-app bindings` to regenerate them.
#[test]
fn bindings_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let write = std::env::var_os("STEPWISE_WRITE_BINDINGS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    let expected = bindings();
    for (rel, text) in &expected {
        let file = dir.join(rel);
        if write {
            std::fs::create_dir_all(&dir).expect("create ui/src/bindings");
            std::fs::write(&file, text).expect("write a binding");
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(rel.display().to_string());
        }
    }
    let known: Vec<String> = expected
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ts") && !known.contains(n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/bindings is stale (changed or missing: {stale:?}; not generated: {extra:?}); \
         run `STEPWISE_WRITE_BINDINGS=1 cargo test -p stepwise-app bindings` and commit the result"
    );
}
