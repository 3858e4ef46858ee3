//! The workspace: its view, edits, undo and typing in the code view.

use super::*;

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
