//! Compare mode: the comparison of two versions, and the command on files and git history.

use super::commands_in_tauri::{app_and_window, call};
use super::write;
use crate::compare::{comparison, Comparison};
use crate::ipc::{DocumentView, EditReply};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use stepwise_asl::diff::Change;

fn old() -> Value {
    json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": 1, "Next": "Fork"},
        "Fork": {"Type": "Parallel", "Next": "Wait", "Branches": [{"StartAt": "In", "States": {
            "In": {"Type": "Pass", "Next": "Gone"},
            "Gone": {"Type": "Pass", "End": true}}}]},
        "Wait": {"Type": "Wait", "Seconds": 5, "End": true}}})
}

fn new() -> Value {
    json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": 2, "Next": "Fork"},
        "Fork": {"Type": "Parallel", "Next": "Pause", "Branches": [{"StartAt": "In", "States": {
            "In": {"Type": "Pass", "End": true}}}]},
        "Pause": {"Type": "Wait", "Seconds": 5, "End": true},
        "Extra": {"Type": "Succeed"}}})
}

fn kinds(c: &Comparison) -> Vec<(String, &'static str)> {
    c.diff
        .changes
        .iter()
        .map(|c| {
            let kind = match c {
                Change::Added { .. } => "added",
                Change::Removed { .. } => "removed",
                Change::Renamed { .. } => "renamed",
                Change::Changed { .. } => "changed",
            };
            (c.state().to_string(), kind)
        })
        .collect()
}

#[test]
fn removed_states_are_drawn_where_they_were_and_each_change_has_both_sides() {
    let c = comparison(&old(), &new(), "last saved".into());
    let mut got = kinds(&c);
    got.sort();
    assert_eq!(
        got,
        [
            ("A".to_string(), "changed"),
            ("Extra".to_string(), "added"),
            ("Gone".to_string(), "removed"),
            ("In".to_string(), "changed"),
            ("Pause".to_string(), "renamed"),
        ]
    );
    // The ghost is back in its branch, and drawn there.
    assert_eq!(c.ghosts.len(), 1);
    assert_eq!(c.ghosts[0].pointer, "/States/Fork/Branches/0/States/Gone");
    assert!(c
        .view
        .diagram
        .nodes
        .iter()
        .any(|n| n.id == c.ghosts[0].pointer));
    assert!(c.view.states.iter().any(|s| s.name == "Gone"));
    assert!(
        c.view.problems.is_empty(),
        "ghosts are unreachable: no problems shown"
    );
    // Sides, in the order of the changes.
    for (change, sides) in c.diff.changes.iter().zip(&c.sides) {
        match change {
            Change::Added { .. } => assert!(sides.before.is_none() && sides.after.is_some()),
            Change::Removed { .. } => assert!(sides.before.is_some() && sides.after.is_none()),
            _ => assert!(sides.before.is_some() && sides.after.is_some()),
        }
    }
    let a = c
        .diff
        .changes
        .iter()
        .position(|x| x.state() == "A")
        .expect("A");
    assert_eq!(
        c.sides[a].before.as_ref().map(|v| &v["Result"]),
        Some(&json!(1))
    );
    assert_eq!(
        c.sides[a].after.as_ref().map(|v| &v["Result"]),
        Some(&json!(2))
    );
}

#[test]
fn a_ghost_whose_scope_is_gone_goes_to_the_top_and_follows_renames() {
    let before = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "W", "Branches": [{"StartAt": "X", "States": {
            "X": {"Type": "Pass", "Next": "Y"}, "Y": {"Type": "Pass", "End": true}}}]},
        "W": {"Type": "Wait", "Seconds": 1, "End": true}}});
    let after =
        json!({"StartAt": "W2", "States": {"W2": {"Type": "Wait", "Seconds": 1, "End": true}}});
    let c = comparison(&before, &after, "x".into());
    let mut ghosts: Vec<&str> = c.ghosts.iter().map(|g| g.pointer.as_str()).collect();
    ghosts.sort_unstable();
    assert_eq!(
        ghosts,
        [
            "/States/P",
            "/States/P/Branches/0/States/X",
            "/States/P/Branches/0/States/Y"
        ]
    );
    // P's Next named W, now W2: the ghost's edge goes to W2, not to a missing state.
    assert!(c
        .view
        .diagram
        .edges
        .iter()
        .any(|e| e.source == "/States/P" && e.target == "/States/W2"));
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .expect("git runs")
        .success();
    assert!(ok, "git {args:?}");
}

/// The changes as the window receives them: (state, kind).
fn wire_kinds(reply: &Value) -> Vec<(String, String)> {
    reply["diff"]["changes"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .map(|c| {
                    let name = c
                        .get("state")
                        .or_else(|| c.get("to"))
                        .and_then(Value::as_str);
                    (
                        name.unwrap_or_default().to_string(),
                        c["kind"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn compare_with_head_last_saved_and_another_file_through_the_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    git(dir.path(), &["init", "-q"]);
    let path = write(dir.path(), "flow.asl.json", &old().to_string());
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "one"]);
    std::fs::write(&path, new().to_string()).expect("write");
    let other = write(dir.path(), "other.asl.json", &old().to_string());

    let (_app, webview) = app_and_window();
    let _: Value = call(
        &webview,
        "open_document",
        json!({"path": path, "discard": false}),
    )
    .expect("open");
    let _: EditReply = call(
        &webview,
        "apply_edit",
        json!({"op": "delete", "pointers": ["/States/Extra"]}),
    )
    .expect("edit");

    let head: Value = call(
        &webview,
        "compare",
        json!({"kind": "revision", "rev": "HEAD"}),
    )
    .expect("compare");
    assert_eq!(head["against"], "HEAD:flow.asl.json");
    assert!(wire_kinds(&head).contains(&("Pause".to_string(), "renamed".to_string())));
    assert!(
        !wire_kinds(&head).iter().any(|(s, _)| s == "Extra"),
        "the unsaved edit is compared"
    );

    let saved: Value = call(&webview, "compare", json!({"kind": "saved"})).expect("compare");
    assert_eq!(
        wire_kinds(&saved),
        [("Extra".to_string(), "removed".to_string())]
    );

    let file: Value =
        call(&webview, "compare", json!({"kind": "file", "path": other})).expect("compare");
    assert_eq!(wire_kinds(&file), wire_kinds(&head));

    let errors = [
        (
            json!({"kind": "revision", "rev": "no-such-branch"}),
            "no-such-branch: no such revision",
        ),
        (
            json!({"kind": "revision", "rev": "  "}),
            "Name a git revision",
        ),
        (
            json!({"kind": "file", "path": dir.path().join("missing.json")}),
            "missing.json",
        ),
    ];
    for (request, wanted) in errors {
        let err = call::<Value>(&webview, "compare", request.clone()).expect_err("fails");
        let message = err["message"].as_str().unwrap_or_default();
        assert!(message.contains(wanted), "{request}: {err}");
    }
    // A file git does not have at that revision.
    let _: Value = call(
        &webview,
        "open_document",
        json!({"path": other, "discard": true}),
    )
    .expect("open");
    let err = call::<Value>(
        &webview,
        "compare",
        json!({"kind": "revision", "rev": "HEAD"}),
    )
    .expect_err("fails");
    assert_eq!(
        err["message"],
        "HEAD:other.asl.json: the file is not in that revision"
    );
    // A new document has no file to compare with.
    let _: DocumentView = call(&webview, "new_document", json!({"discard": true})).expect("new");
    let err = call::<Value>(&webview, "compare", json!({"kind": "saved"})).expect_err("fails");
    assert_eq!(err["code"], "invalid-request");
}
