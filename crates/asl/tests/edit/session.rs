//! Edits in sequence: a longer session keeps the machine valid and its unknown fields.

use crate::common::{assert_valid, edit, errors, keys, pass, s};
use serde_json::json;
use stepwise_asl::edit::{Edit, Slot};
use stepwise_asl::Code;

#[test]
fn a_session_of_edits_keeps_the_machine_valid() {
    let mut v = json!({"Comment": "built by hand"});
    let seq = [
        Edit::AddState {
            scope: s(""),
            name: s("Start"),
            state: json!({"Type": "Pass", "End": true}),
        },
        Edit::InsertOnEdge {
            source: s("/States/Start"),
            slot: Slot::Next,
            name: s("Fan out"),
            state: json!({"Type": "Parallel", "Branches": [
            {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}}
        ], "End": true}),
        },
        Edit::AddBranch {
            pointer: s("/States/Fan out"),
        },
        Edit::InsertOnEdge {
            source: s("/States/Fan out"),
            slot: Slot::Next,
            name: s("Work"),
            state: json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"}),
        },
        Edit::InsertOnEdge {
            source: s("/States/Work"),
            slot: Slot::Next,
            name: s("Done"),
            state: json!({"Type": "Succeed"}),
        },
        Edit::AddState {
            scope: s(""),
            name: s("Handle"),
            state: json!({"Type": "Fail", "Error": "Boom"}),
        },
        Edit::Connect {
            source: s("/States/Work"),
            slot: Slot::NewCatch,
            target: s("Handle"),
        },
        Edit::Rename {
            pointer: s("/States/Fan out/Branches/0/States/Pass"),
            name: s("Left"),
        },
        Edit::InsertOnEdge {
            source: s("/States/Fan out/Branches/1"),
            slot: Slot::Start,
            name: s("Right"),
            state: pass(),
        },
        Edit::Rename {
            pointer: s("/States/Work"),
            name: s("Do the work"),
        },
        Edit::SetValue {
            pointer: s("/States/Do the work/TimeoutSeconds"),
            value: Some(json!(30)),
        },
    ];
    for e in seq {
        edit(&mut v, e);
        // A state just added is unreachable until it is connected; nothing else may break.
        let broken: Vec<_> = errors(&v)
            .into_iter()
            .filter(|d| d.code != Code::UnreachableState)
            .collect();
        assert!(broken.is_empty(), "{broken:#?}");
    }
    assert_valid(&v);
    assert_eq!(keys(&v, ""), vec!["Comment", "States", "StartAt"]);
    assert_eq!(
        keys(&v, "/States"),
        vec!["Start", "Fan out", "Do the work", "Done", "Handle"]
    );
    assert_eq!(v["States"]["Do the work"]["Catch"][0]["Next"], "Handle");
    let b1 = &v["States"]["Fan out"]["Branches"][1];
    assert_eq!(b1["StartAt"], "Right");
    assert_eq!(b1["States"]["Right"]["Next"], "Pass 2");

    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Fan out")],
        },
    );
    assert_eq!(v["States"]["Start"]["Next"], "Do the work");
    assert_valid(&v);
}

#[test]
fn unknown_fields_survive_every_op() {
    let mut v = json!({
        "X-Top": 1,
        "StartAt": "A",
        "States": {
            "A": {"X-a": [1], "Type": "Pass", "Next": "B"},
            "B": {"Type": "Task", "Resource": "r", "X-b": {"k": "v"}, "Next": "C"},
            "C": {"Type": "Parallel", "X-c": true, "Branches": [
                {"X-branch": 1, "StartAt": "D", "States": {"D": {"Type": "Pass", "X-d": 0, "End": true}}}
            ], "End": true}
        }
    });
    let seq = [
        Edit::InsertOnEdge {
            source: s("/States/A"),
            slot: Slot::Next,
            name: s("N"),
            state: pass(),
        },
        Edit::Rename {
            pointer: s("/States/B"),
            name: s("B2"),
        },
        Edit::Connect {
            source: s("/States/B2"),
            slot: Slot::NewCatch,
            target: s("C"),
        },
        Edit::Disconnect {
            source: s("/States/B2"),
            slot: Slot::Catch { index: 0 },
        },
        Edit::Duplicate {
            pointers: vec![s("/States/C")],
        },
        Edit::AddBranch {
            pointer: s("/States/C"),
        },
        Edit::Delete {
            pointers: vec![s("/States/N")],
        },
        Edit::Rename {
            pointer: s("/States/C/Branches/0/States/D"),
            name: s("D2"),
        },
    ];
    for e in seq {
        edit(&mut v, e);
    }
    assert_eq!(keys(&v, ""), vec!["X-Top", "StartAt", "States"]);
    assert_eq!(keys(&v, "/States/A"), vec!["X-a", "Type", "Next"]);
    assert_eq!(
        keys(&v, "/States/B2"),
        vec!["Type", "Resource", "X-b", "Next"]
    );
    assert_eq!(
        keys(&v, "/States/C"),
        vec!["Type", "X-c", "Branches", "End"]
    );
    assert_eq!(
        keys(&v, "/States/C/Branches/0"),
        vec!["X-branch", "StartAt", "States"]
    );
    assert_eq!(
        keys(&v, "/States/C/Branches/0/States/D2"),
        vec!["Type", "X-d", "End"]
    );
    assert_eq!(
        keys(&v, "/States/C copy/Branches/0/States/D copy"),
        vec!["Type", "X-d", "End"]
    );
    assert_eq!(keys(&v, "/States"), vec!["A", "B2", "C", "C copy"]);
    assert_eq!(v["States"]["A"]["Next"], "B2");
}
