use super::*;
use crate::ipc::{DocumentView, EditReply};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

/// Calls a command as the window does (`{request}`); a failure is the `{code, message,
/// pointer}` the window receives.
pub(crate) fn call<T: serde::de::DeserializeOwned>(
    webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    request: Value,
) -> Result<T, Value> {
    let body = json!({ "request": request });
    let res = get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    );
    match res {
        Ok(body) => Ok(body.deserialize::<T>().expect("deserialize the reply")),
        Err(e) => Err(e),
    }
}

/// The app as `main.rs` configures it (mock runtime) and its main window.
pub(crate) fn app_and_window() -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    let app = crate::configure(mock_builder())
        .build(mock_context(noop_assets()))
        .expect("build the app");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("build the window");
    (app, webview)
}

/// The app with a data folder of its own (kept runs), its window, the order example open.
pub(crate) fn app_on_order_example() -> (
    tempfile::TempDir,
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    let data = tempfile::tempdir().expect("temp dir");
    std::env::set_var(crate::state::DATA_DIR_ENV, data.path());
    let (app, webview) = app_and_window();
    let _: DocumentView = call(
        &webview,
        "open_example",
        json!({"id": "order-processing.asl.json", "discard": false}),
    )
    .expect("example");
    (data, app, webview)
}

#[test]
fn open_edit_undo_and_save_through_the_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.json", MACHINE);
    let (_app, webview) = app_and_window();

    let none: Option<DocumentView> =
        call(&webview, "current_document", Value::Null).expect("current");
    assert!(none.is_none());
    let opened: crate::project::Opened = call(
        &webview,
        "open_document",
        json!({"path": path.display().to_string(), "discard": false}),
    )
    .expect("open");
    let crate::project::Opened::Document { view: opened } = opened else {
        panic!("a definition file opens as a document: {opened:?}");
    };
    assert_eq!(opened.states.len(), 4);

    let reply: EditReply = call(
        &webview,
        "apply_edit",
        json!({"op": "insertOnEdge", "source": "/States/Validate", "slot": {"kind": "next"}, "name": "Pass", "state": {"Type": "Pass"}}),
    )
    .expect("edit");
    assert_eq!(reply.select, ["/States/Pass"]);
    assert!(reply.view.dirty);

    let bad = call::<EditReply>(
        &webview,
        "apply_edit",
        json!({"op": "delete", "pointers": ["/States/Nope"]}),
    );
    // The window gets the code to branch on and the pointer the edit was about.
    let bad = bad.expect_err("an error");
    assert_eq!(bad["code"], "edit-refused");
    assert_eq!(bad["pointer"], "/States/Nope");

    let undone: DocumentView = call(&webview, "undo", Value::Null).expect("undo");
    assert!(!undone.dirty);
    let redone: DocumentView = call(&webview, "redo", Value::Null).expect("redo");
    assert!(redone.dirty);

    let text: DocumentView = call(
        &webview,
        "set_text",
        json!(MACHINE.replace("Orders", "Typed")),
    )
    .expect("set text");
    assert_eq!(text.comment.as_deref(), Some("Typed"));

    let examples: Vec<crate::ipc::ExampleInfo> =
        call(&webview, "list_examples", Value::Null).expect("examples");
    assert!(examples.len() >= 7);
    // The typed text is unsaved: opening anything else is refused unless the user chose
    // to discard it, and the document is kept as it was.
    for (cmd, args) in [
        (
            "open_example",
            json!({"id": "order-processing.asl.json", "discard": false}),
        ),
        ("new_document", json!({"discard": false})),
        (
            "open_document",
            json!({"path": path.display().to_string(), "discard": false}),
        ),
        ("open_with_dialog", json!({"discard": false})),
    ] {
        let refused = call::<Value>(&webview, cmd, args).expect_err(cmd);
        assert_eq!(refused["code"], "unsaved-edits", "{cmd}: {refused}");
    }
    let kept: Option<DocumentView> =
        call(&webview, "current_document", Value::Null).expect("current");
    let kept = kept.expect("still open");
    assert!(kept.dirty);
    assert_eq!(kept.comment.as_deref(), Some("Typed"));

    let ex: DocumentView = call(
        &webview,
        "open_example",
        json!({"id": "order-processing.asl.json", "discard": true}),
    )
    .expect("example");
    // An opened example has nothing unsaved until it is edited.
    assert!(!ex.dirty);
    assert_eq!(ex.path, None);
    // An example keeps its name until it is saved: the title shows it, Save offers it.
    assert_eq!(ex.file_name, "order-processing.asl.json");
    assert!(ex
        .problems
        .iter()
        .all(|p| p.severity != ProblemSeverity::Error));
    let missing = call::<DocumentView>(
        &webview,
        "open_example",
        json!({"id": "nope", "discard": false}),
    );
    assert_eq!(missing.expect_err("no such example")["code"], "no-example");
}

#[test]
fn a_run_through_the_commands_is_kept_and_previewed() {
    use crate::run::ipc::{
        PreviewReply, RunRecord, RunSetup, RunStatus, RunStatusUpdate, RunSummary,
    };
    let (_data, _app, webview) = app_on_order_example();
    let setup: RunSetup = call(&webview, "run_setup", Value::Null).expect("setup");
    let started: RunStatusUpdate = call(
        &webview,
        "start_run",
        json!({"input": setup.input, "tasks": {"kind": "mocks", "path": setup.files[0].path, "testCase": "HappyPath"}, "breakpoints": [], "pauseAtStart": false}),
    )
    .expect("start");
    let id = started.summary.id;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let done = loop {
        let runs: Vec<RunSummary> = call(&webview, "list_runs", Value::Null).expect("runs");
        if let Some(r) = runs
            .into_iter()
            .find(|r| r.id == id && r.status != RunStatus::Running)
        {
            break r;
        }
        assert!(std::time::Instant::now() < deadline, "the run did not end");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(done.status, RunStatus::Succeeded);
    let record: RunRecord = call(&webview, "open_run", json!(id)).expect("open");
    assert!(record.events.len() > 20);
    let not_paused = call::<()>(
        &webview,
        "resume_run",
        json!({"mode": "continue", "input": null}),
    );
    assert!(not_paused.is_err());
    let preview: PreviewReply = call(
        &webview,
        "preview_state",
        json!({"pointer": "/States/Is Order Valid?", "input": "{\"validation\": {\"valid\": false}}", "result": null, "error": null, "cause": null, "variables": ""}),
    )
    .expect("preview");
    assert_eq!(preview.next_state.as_deref(), Some("Reject Order"));
}

#[test]
fn the_watcher_reloads_an_outside_edit_within_a_second() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.json", MACHINE);
    let (_app, webview) = app_and_window();
    let _: crate::project::Opened = call(
        &webview,
        "open_document",
        json!({"path": path.display().to_string(), "discard": false}),
    )
    .expect("open");
    // Another editor saves the way many do: a new file renamed over the old one.
    let tmp = dir.path().join(".orders.asl.json.swp");
    std::fs::write(&tmp, MACHINE.replace("Orders", "Saved elsewhere")).expect("write");
    std::fs::rename(&tmp, &path).expect("rename");
    let start = std::time::Instant::now();
    loop {
        let v: Option<DocumentView> =
            call(&webview, "current_document", Value::Null).expect("current");
        if v.and_then(|v| v.comment).as_deref() == Some("Saved elsewhere") {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(1),
            "not reloaded within a second"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_project_with_several_machines_answers_its_list_and_replaces_nothing_until_one_is_chosen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let template = write(
        dir.path(),
        "template.yaml",
        "Resources:\n  First:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      StateMachineType: EXPRESS\n      Definition:\n        StartAt: A\n        States:\n          A: {Type: Pass, End: true}\n  Second:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: B\n        States:\n          B: {Type: Pass, End: true}\n",
    );
    let (_data, _app, webview) = app_on_order_example();
    let path = template.display().to_string();
    let opened: crate::project::Opened = call(
        &webview,
        "open_document",
        json!({"path": path, "discard": false}),
    )
    .expect("open");
    let crate::project::Opened::Choose { project } = opened else {
        panic!("two machines: the window asks which");
    };
    let ids: Vec<&str> = project.machines.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["First", "Second"]);
    assert_eq!(project.machines[0].machine_type.as_deref(), Some("Express"));
    assert_eq!(project.machines[0].location, "inline in template.yaml");
    let still: Option<DocumentView> =
        call(&webview, "current_document", Value::Null).expect("current");
    assert_eq!(
        still.map(|v| v.file_name).as_deref(),
        Some("order-processing.asl.json"),
        "nothing was replaced"
    );

    let opened: crate::project::Opened = call(
        &webview,
        "open_document",
        json!({"path": path, "discard": false, "machine": "Second"}),
    )
    .expect("open");
    let crate::project::Opened::Document { view } = opened else {
        panic!("the chosen machine opens");
    };
    assert_eq!(view.title, "Stepwise — template.yaml › Second");
    assert_eq!(view.start_at.as_deref(), Some("B"));
}

#[test]
fn a_run_of_a_projects_machine_uses_its_substitutions_and_the_values_given() {
    use crate::run::ipc::{RunRecord, RunStatus, RunStatusUpdate, RunSummary};
    let dir = tempfile::tempdir().expect("temp dir");
    let template = write(
        dir.path(),
        "template.yaml",
        "Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        Greeting: hello from the template\n      Definition:\n        StartAt: W\n        States:\n          W: {Type: Wait, Seconds: \"${Delay}\", Next: P}\n          P: {Type: Pass, Result: \"${Greeting}\", End: true}\n",
    );
    let (_data, _app, webview) = app_on_order_example();
    let _: crate::project::Opened = call(
        &webview,
        "open_document",
        json!({"path": template.display().to_string(), "discard": true}),
    )
    .expect("open");
    let run = |subs: Value| {
        call::<RunStatusUpdate>(
            &webview,
            "start_run",
            json!({"input": "{}", "tasks": {"kind": "ask"}, "breakpoints": [], "pauseAtStart": false, "substitutions": subs}),
        )
    };
    // A number field's placeholder with no value: refused, naming where it is.
    let refused = run(Value::Null).expect_err("Delay has no value");
    assert_eq!(refused["code"], "not-runnable");
    assert_eq!(refused["pointer"], "/States/W/Seconds");

    let started = run(json!({"Delay": "0"})).expect("start");
    let id = started.summary.id;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let runs: Vec<RunSummary> = call(&webview, "list_runs", Value::Null).expect("runs");
        if let Some(r) = runs
            .into_iter()
            .find(|r| r.id == id && r.status != RunStatus::Running)
        {
            assert_eq!(r.status, RunStatus::Succeeded);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the run did not end");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let record: RunRecord = call(&webview, "open_run", json!(id)).expect("open");
    let events = serde_json::to_string(&record.events).expect("json");
    assert!(
        events.contains("hello from the template"),
        "the template's value reached the run"
    );
}

#[test]
fn copy_as_image_without_a_clipboard_is_an_error_the_window_can_name() {
    let (_data, _app, webview) = app_on_order_example();
    // The mock app has no clipboard plugin: an error with its code, not a panic.
    let refused = call::<Value>(&webview, "copy_image", Value::Null).expect_err("no clipboard");
    assert_eq!(refused["code"], "clipboard", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("could not put the image on the clipboard")),
        "{refused}"
    );
}
