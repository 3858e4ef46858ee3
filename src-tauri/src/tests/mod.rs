//! Tests of the shell: the workspace (edits, undo, text, saves, outside changes, conflicts)
//! and the commands through Tauri's mock runtime.

use crate::ipc::{ConflictChoice, DocumentFormat, ExportKind, ProblemSeverity};
use crate::workspace::Workspace;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use stepwise_asl::edit::{Edit, Slot};

mod cloud_in_tauri;
pub(crate) mod commands_in_tauri;
mod compare;
mod editing;
mod files;
mod projects;
mod server_in_tauri;

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
