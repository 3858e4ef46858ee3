//! Tests of the shell: the workspace (edits, undo, text, saves, outside changes, conflicts)
//! and the commands through Tauri's mock runtime.

use crate::ipc::{ConflictChoice, DocumentFormat, ExportKind, ProblemSeverity};
use crate::workspace::Workspace;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use stepwise_asl::edit::{Edit, Slot};

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

fn open(text: &str) -> (tempfile::TempDir, PathBuf, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.json", text);
    let ws = Workspace::open(&path);
    (dir, path, ws)
}

fn insert_pass_after_validate() -> Edit {
    Edit::InsertOnEdge {
        source: "/States/Validate".into(),
        slot: Slot::Next,
        name: "Pass".into(),
        state: json!({"Type": "Pass"}),
    }
}

fn saved(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

#[test]
fn the_view_carries_the_window_title_with_a_bullet_while_unsaved() {
    let (_dir, _path, mut ws) = open(MACHINE);
    assert_eq!(ws.view().title, "Stepwise — orders.asl.json");
    ws.apply(&insert_pass_after_validate()).expect("edit");
    assert_eq!(ws.view().title, "Stepwise — • orders.asl.json");
    let untitled =
        Workspace::untitled(json!({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}));
    assert_eq!(
        Workspace::view(&mut { untitled }).title,
        "Stepwise — Untitled.asl.json"
    );
}

#[test]
fn a_view_has_states_problems_diagram_and_spans() {
    let (_dir, path, mut ws) = open(MACHINE);
    let v = ws.view();
    assert_eq!(v.error, None);
    assert_eq!(v.file_name, "orders.asl.json");
    assert_eq!(v.path.as_deref(), Some(path.display().to_string().as_str()));
    assert_eq!(v.format, DocumentFormat::Json);
    assert_eq!(v.comment.as_deref(), Some("Orders"));
    assert_eq!(v.text, MACHINE);
    assert!(!v.dirty && !v.can_undo && !v.can_redo);
    let names: Vec<&str> = v.states.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Validate", "Fork", "Charge", "Done"]);
    assert_eq!(v.states[2].depth, 1);
    // The state's span in the text starts at its definition's brace.
    let charge = &v.states[2];
    let from = charge.from.expect("a span") as usize;
    assert!(MACHINE[from..].starts_with("{ \"Type\": \"Task\""));
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    // Start, End and the four states are in the diagram.
    assert_eq!(v.diagram.nodes.len(), 6);
    assert!(v
        .diagram
        .nodes
        .iter()
        .any(|n| n.id == "/States/Fork/Branches/0/States/Charge"));
}

#[test]
fn an_edit_changes_text_diagram_and_can_be_undone_and_redone() {
    let (_dir, _path, mut ws) = open(MACHINE);
    let before = ws.view();
    let out = ws.apply(&insert_pass_after_validate()).expect("applies");
    assert_eq!(out.select, ["/States/Pass"]);
    let v = ws.view();
    assert!(v.dirty && v.can_undo && !v.can_redo);
    assert!(v.revision > before.revision);
    let value: Value = serde_json::from_str(&v.text).expect("text is JSON");
    assert_eq!(value["States"]["Validate"]["Next"], "Pass");
    assert_eq!(value["States"]["Pass"]["Next"], "Fork");
    assert!(v.diagram.nodes.iter().any(|n| n.id == "/States/Pass"));
    assert_eq!(v.undo_label.as_deref(), Some(out.label.as_str()));

    assert!(ws.undo());
    let u = ws.view();
    assert_eq!(u.text, MACHINE, "undo restores the exact text");
    assert!(!u.dirty, "back at the saved step");
    assert!(u.can_redo);
    assert!(ws.redo());
    assert_eq!(ws.view().text, v.text);
}

#[test]
fn a_dangling_next_is_a_problem_on_its_state_until_undone() {
    let (_dir, _path, mut ws) = open(MACHINE);
    ws.apply(&Edit::SetValue {
        pointer: "/States/Validate/Next".into(),
        value: Some(json!("Nowhere")),
    })
    .expect("applies");
    let v = ws.view();
    let p = v
        .problems
        .iter()
        .find(|p| p.severity == ProblemSeverity::Error)
        .expect("an error");
    assert_eq!(p.pointer, "/States/Validate/Next");
    assert_eq!(p.state.as_deref(), Some("/States/Validate"));
    let (from, to) = (p.from.expect("from") as usize, p.to.expect("to") as usize);
    assert_eq!(&v.text[from..to], "\"Nowhere\"");
    ws.undo();
    assert!(ws.view().problems.is_empty());
}

#[test]
fn a_failed_edit_changes_nothing() {
    let (_dir, _path, mut ws) = open(MACHINE);
    let before = ws.view();
    let err = ws
        .apply(&Edit::Delete {
            pointers: vec!["/States/Missing".into()],
        })
        .expect_err("no such state");
    assert!(err.to_string().contains("/States/Missing"), "{err}");
    assert_eq!(ws.view(), before);
}

#[test]
fn typing_valid_json_updates_the_definition_and_broken_json_keeps_the_last_good_one() {
    let (_dir, _path, mut ws) = open(MACHINE);
    let renamed = MACHINE.replace("\"Comment\": \"Orders\"", "\"Comment\": \"Invoices\"");
    ws.set_text(renamed.clone());
    let v = ws.view();
    assert_eq!(v.comment.as_deref(), Some("Invoices"));
    assert_eq!(v.text, renamed);
    assert!(v.dirty);

    let broken = renamed.replace(
        "\"Done\": { \"Type\": \"Succeed\" }",
        "\"Done\": { \"Type\": ",
    );
    ws.set_text(broken.clone());
    let b = ws.view();
    assert_eq!(b.text, broken, "the typed text is kept as typed");
    let te = b.text_error.expect("a syntax error");
    assert!(te.line > 1 && te.column > 0);
    assert_eq!(
        b.comment.as_deref(),
        Some("Invoices"),
        "the last good definition stays"
    );
    assert_eq!(b.diagram.nodes.len(), 6);
    let err = ws.save_bytes().expect_err("broken text is not saved");
    assert!(err.to_string().contains("line"), "{err}");
    // Undo drops the broken text first.
    ws.undo();
    assert_eq!(ws.view().text, renamed);
}

#[test]
fn quick_typing_is_one_undo_step() {
    let (_dir, _path, mut ws) = open(MACHINE);
    for c in ["A", "AB", "ABC"] {
        ws.set_text(MACHINE.replace("Orders", c));
    }
    assert_eq!(ws.view().comment.as_deref(), Some("ABC"));
    ws.undo();
    assert_eq!(ws.view().text, MACHINE);
    assert!(!ws.view().can_undo);
}

#[test]
fn save_writes_atomically_what_the_canvas_shows() {
    let (dir, path, mut ws) = open(MACHINE);
    ws.apply(&insert_pass_after_validate()).expect("applies");
    ws.save().expect("saves");
    assert!(!ws.view().dirty);
    let on_disk = saved(&path);
    assert_eq!(on_disk["States"]["Pass"]["Next"], "Fork");
    assert!(stepwise_asl::validate(&on_disk)
        .iter()
        .all(|d| !d.is_error()));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files left");
    // Our own save, seen by the watcher, is not an outside change.
    let bytes = std::fs::read(&path).expect("read");
    assert!(!ws.disk_changed(bytes));
}

#[test]
fn an_outside_edit_reloads_when_nothing_is_unsaved() {
    let (_dir, path, mut ws) = open(MACHINE);
    let theirs = MACHINE.replace("Orders", "Edited elsewhere");
    std::fs::write(&path, &theirs).expect("write");
    assert!(ws.disk_changed(theirs.clone().into_bytes()));
    let v = ws.view();
    assert_eq!(v.comment.as_deref(), Some("Edited elsewhere"));
    assert!(!v.dirty && !v.conflict);
    assert!(v.can_undo, "the reload is a step that can be undone");
}

#[test]
fn an_outside_edit_with_unsaved_edits_is_a_conflict_the_user_settles() {
    let (_dir, _path, mut ws) = open(MACHINE);
    ws.apply(&insert_pass_after_validate()).expect("applies");
    let mine = ws.view().text;
    let theirs = MACHINE.replace("Orders", "Theirs");
    assert!(ws.disk_changed(theirs.clone().into_bytes()));
    let v = ws.view();
    assert!(v.conflict);
    assert_eq!(v.text, mine, "nothing is replaced before the user chooses");

    // Take theirs: their file is shown, and mine is one Undo away.
    ws.resolve_conflict(ConflictChoice::Theirs);
    let t = ws.view();
    assert!(!t.conflict && !t.dirty);
    assert_eq!(t.comment.as_deref(), Some("Theirs"));
    ws.undo();
    assert_eq!(ws.view().text, mine);

    // Keep mine: the window keeps its edits, still unsaved.
    let (_dir2, _path2, mut ws2) = open(MACHINE);
    ws2.apply(&insert_pass_after_validate()).expect("applies");
    ws2.disk_changed(theirs.into_bytes());
    ws2.resolve_conflict(ConflictChoice::Mine);
    let m = ws2.view();
    assert!(!m.conflict && m.dirty);
    assert_eq!(m.text, mine);
}

#[test]
fn yaml_files_are_edited_as_json_and_saved_as_yaml() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n";
    let path = write(dir.path(), "m.asl.yaml", yaml);
    let mut ws = Workspace::open(&path);
    let v = ws.view();
    assert_eq!(v.format, DocumentFormat::Yaml);
    assert!(v.text.trim_start().starts_with('{'));
    ws.apply(&Edit::SetValue {
        pointer: "/Comment".into(),
        value: Some(json!("From the app")),
    })
    .expect("applies");
    ws.save().expect("saves");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("Comment: From the app"), "{text}");
    assert!(!text.trim_start().starts_with('{'));
}

/// A YAML definition as people write them: comments, quoted strings, a `|` block.
const COMMENTED_YAML: &str = r#"# Orders: validate, then charge.
Comment: |
  Takes an order through validation
  and payment.
StartAt: Validate   # the entry point
States:
  # Checks the order first.
  Validate:
    Type: Pass
    Result: 'validated'
    Next: Charge

  Charge:
    Type: Task
    Resource: "arn:aws:lambda:us-east-1:123456789012:function:charge"
    TimeoutSeconds: 30
    Next: Done

  Done:
    Type: Succeed   # all good
"#;

#[test]
fn a_yaml_save_rewrites_only_the_lines_that_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.yaml", COMMENTED_YAML);
    let mut ws = Workspace::open(&path);
    ws.apply(&Edit::Rename {
        pointer: "/States/Validate".into(),
        name: "Check Order".into(),
    })
    .expect("renames");
    ws.apply(&Edit::SetValue {
        pointer: "/States/Charge/TimeoutSeconds".into(),
        value: Some(json!(60)),
    })
    .expect("sets");
    ws.save().expect("saves");
    let want = COMMENTED_YAML
        .replace("StartAt: Validate   #", "StartAt: Check Order   #")
        .replace("  Validate:\n", "  Check Order:\n")
        .replace("TimeoutSeconds: 30", "TimeoutSeconds: 60");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), want);

    // Undo both and save: the file is byte for byte what it was.
    ws.undo();
    ws.undo();
    ws.save().expect("saves");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        COMMENTED_YAML
    );
}

#[test]
fn a_json_file_keeps_its_four_space_indentation_in_the_code_view_and_on_disk() {
    let four = serde_json::from_str::<Value>(MACHINE)
        .map(|v| {
            let mut out = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
            serde::Serialize::serialize(&v, &mut ser).expect("serialise");
            String::from_utf8(out).expect("utf8")
        })
        .expect("json");
    let (_dir, path, mut ws) = open(&four);
    ws.apply(&insert_pass_after_validate()).expect("applies");
    let text = ws.view().text;
    assert!(text.contains("\n        \"Pass\": {\n            \"Type\": \"Pass\",\n            \"Next\": \"Fork\"\n        },"), "{text}");
    ws.save().expect("saves");
    let on_disk = std::fs::read_to_string(&path).expect("read");
    assert_eq!(on_disk, format!("{text}\n"));
    for line in on_disk.lines() {
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent % 4, 0, "{line:?}");
    }
    // Each undo step keeps its own text.
    ws.undo();
    assert_eq!(ws.view().text, four);
    ws.redo();
    assert_eq!(ws.view().text, text);
}

#[cfg(unix)]
#[test]
fn a_save_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, mode) in [
        ("a.asl.yaml", 0o644),
        ("b.asl.json", 0o664),
        ("c.asl.yaml", 0o600),
    ] {
        let path = write(
            dir.path(),
            name,
            if name.ends_with("yaml") {
                COMMENTED_YAML
            } else {
                MACHINE
            },
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let mut ws = Workspace::open(&path);
        ws.apply(&Edit::SetValue {
            pointer: "/Comment".into(),
            value: Some(json!("Saved")),
        })
        .expect("sets");
        ws.save().expect("saves");
        let got = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o7777;
        assert_eq!(got, mode, "{name}");
    }
}

#[test]
fn save_as_yaml_from_json_writes_the_definition_afresh() {
    let (dir, _path, mut ws) = open(MACHINE);
    let yaml_path = dir.path().join("orders.asl.yaml");
    ws.save_as(&yaml_path).expect("saves");
    let text = std::fs::read_to_string(&yaml_path).expect("read");
    assert!(!text.trim_start().starts_with('{'), "{text}");
    let (back, _) = stepwise_asl::parse_value(text.as_bytes(), None).expect("parses");
    assert_eq!(back, serde_json::from_str::<Value>(MACHINE).expect("json"));
    // The next save patches that YAML.
    ws.apply(&Edit::SetValue {
        pointer: "/Comment".into(),
        value: Some(json!("Again")),
    })
    .expect("sets");
    ws.save().expect("saves");
    let again = std::fs::read_to_string(&yaml_path).expect("read");
    assert_eq!(again, text.replace("Comment: Orders", "Comment: Again"));
}

#[test]
fn an_unreadable_file_gives_a_view_with_the_reason() {
    let (_dir, path, mut ws) = open("{ not json");
    let v = ws.view();
    let err = v.error.expect("an error");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(ws.apply(&insert_pass_after_validate()).is_err());
}

#[test]
fn exports_every_format() {
    let (_dir, _path, ws) = open(MACHINE);
    let json: Value =
        serde_json::from_slice(&ws.export(ExportKind::Json).expect("json")).expect("parses");
    assert_eq!(
        json,
        serde_json::from_str::<Value>(MACHINE).expect("machine")
    );
    let yaml = String::from_utf8(ws.export(ExportKind::Yaml).expect("yaml")).expect("utf8");
    assert!(yaml.contains("StartAt: Validate"));
    let svg = String::from_utf8(ws.export(ExportKind::Svg).expect("svg")).expect("utf8");
    assert!(svg.starts_with("<svg") && svg.contains("Charge"));
    let png = ws.export(ExportKind::Png).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(ws.export_name(ExportKind::Svg), "orders.svg");
    assert_eq!(ws.export_name(ExportKind::Yaml), "orders.asl.yaml");
}

#[test]
fn an_unsaved_document_offers_its_name_to_save_and_export() {
    let mut blank = Workspace::untitled(crate::examples::blank());
    assert_eq!(blank.view().file_name, "Untitled.asl.json");
    assert_eq!(blank.export_name(ExportKind::Png), "Untitled.png");
    let mut example = Workspace::untitled_named(crate::examples::blank(), "polling-loop.asl.json");
    assert_eq!(example.view().file_name, "polling-loop.asl.json");
    assert_eq!(
        example.export_name(ExportKind::Json),
        "polling-loop.asl.json"
    );
    assert_eq!(example.export_name(ExportKind::Svg), "polling-loop.svg");
}

#[test]
fn a_new_document_saves_where_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ws = Workspace::untitled(crate::examples::blank());
    let v = ws.view();
    assert_eq!(v.path, None);
    assert!(!v.dirty, "a new document is not unsaved until it is edited");
    ws.apply(&Edit::AddState {
        scope: String::new(),
        name: "Wait".into(),
        state: json!({"Type": "Wait", "Seconds": 1}),
    })
    .expect("edit");
    assert!(ws.view().dirty);
    assert!(v.problems.is_empty());
    assert!(ws.save().is_err(), "no file yet");
    let path = dir.path().join("new.asl.json");
    ws.save_as(&path).expect("saves");
    let mut expected = crate::examples::blank();
    expected["States"]["Wait"] = json!({"Type": "Wait", "Seconds": 1, "End": true});
    assert_eq!(saved(&path), expected);
    assert!(!ws.view().dirty);
    assert_eq!(ws.view().file_name, "new.asl.json");
}

#[test]
fn copy_states_gives_name_to_definition() {
    let (_dir, _path, ws) = open(MACHINE);
    let copied = ws.copy_states(&[
        "/States/Done".into(),
        "/States/Fork/Branches/0/States/Charge".into(),
    ]);
    assert_eq!(copied["Done"], json!({"Type": "Succeed"}));
    assert_eq!(copied["Charge"]["Type"], "Task");
}

/// The pointers of every state in `states` (at `base`), nested ones included, in order.
fn state_pointers(states: &Value, base: &str, out: &mut Vec<String>) {
    let Some(states) = states.as_object() else {
        return;
    };
    for (name, state) in states {
        let pointer = format!("{base}/{}", name.replace('~', "~0").replace('/', "~1"));
        out.push(pointer.clone());
        for (i, branch) in state["Branches"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            state_pointers(
                &branch["States"],
                &format!("{pointer}/Branches/{i}/States"),
                out,
            );
        }
        for field in ["ItemProcessor", "Iterator"] {
            state_pointers(
                &state[field]["States"],
                &format!("{pointer}/{field}/States"),
                out,
            );
        }
    }
}

#[test]
fn a_thousand_states_make_a_view() {
    let value = stepwise_asl::synth::machine(1000);
    let mut expected = Vec::new();
    state_pointers(&value["States"], "/States", &mut expected);
    assert!(expected.len() >= 1000, "{} states", expected.len());
    let mut ws = Workspace::untitled(value);
    let v = ws.view();
    // Every state is listed once, in document order, and drawn once; nothing else is drawn
    // but the Start and End markers; the generated machine is valid.
    let listed: Vec<String> = v.states.iter().map(|s| s.pointer.clone()).collect();
    let first_difference = listed.iter().zip(&expected).position(|(a, b)| a != b);
    assert_eq!(
        (listed.len(), first_difference),
        (expected.len(), None),
        "the states listed differ from the definition's"
    );
    let mut drawn: Vec<String> = v
        .diagram
        .nodes
        .iter()
        .filter(|n| !n.kind.is_marker())
        .map(|n| n.id.clone())
        .collect();
    drawn.sort();
    expected.sort();
    assert!(
        drawn == expected,
        "the states drawn differ from the definition's"
    );
    assert_eq!(v.diagram.nodes.len(), expected.len() + 2);
    let errors: Vec<&str> = v
        .problems
        .iter()
        .filter(|p| p.severity == ProblemSeverity::Error)
        .map(|p| p.message.as_str())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

mod commands_in_tauri {
    use super::*;
    use crate::ipc::{DocumentView, EditReply};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::WebviewWindowBuilder;

    /// Calls a command as the window does (`{request}`); a failure is the `{code, message,
    /// pointer}` the window receives.
    fn call<T: serde::de::DeserializeOwned>(
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

    #[test]
    fn open_edit_undo_and_save_through_the_commands() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(dir.path(), "orders.asl.json", MACHINE);
        let app = crate::configure(mock_builder())
            .build(mock_context(noop_assets()))
            .expect("build the app");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("build the window");

        let none: Option<DocumentView> =
            call(&webview, "current_document", Value::Null).expect("current");
        assert!(none.is_none());
        let opened: DocumentView = call(
            &webview,
            "open_document",
            json!({"path": path.display().to_string(), "discard": false}),
        )
        .expect("open");
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
        let data = tempfile::tempdir().expect("temp dir");
        std::env::set_var(crate::state::DATA_DIR_ENV, data.path());
        let app = crate::configure(mock_builder())
            .build(mock_context(noop_assets()))
            .expect("build the app");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("build the window");
        let _: DocumentView = call(
            &webview,
            "open_example",
            json!({"id": "order-processing.asl.json", "discard": false}),
        )
        .expect("example");
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
        let app = crate::configure(mock_builder())
            .build(mock_context(noop_assets()))
            .expect("build the app");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("build the window");
        let _: DocumentView = call(
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
}
