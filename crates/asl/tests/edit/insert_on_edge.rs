//! InsertOnEdge: a new state placed on an existing transition.

use crate::common::{assert_valid, branching, chain, edit, keys, map, parallel, pass, refuse, s};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError, Slot};

#[test]
fn insert_on_next_edge() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/A"),
            slot: Slot::Next,
            name: s("Mid"),
            state: json!({"Type": "Pass", "End": true}),
        },
    );
    assert_eq!(o.select, vec!["/States/Mid"]);
    assert_eq!(o.label, "Insert Mid");
    assert_eq!(v["States"]["A"]["Next"], "Mid");
    assert_eq!(v["States"]["Mid"], json!({"Type": "Pass", "Next": "B"}));
    assert_eq!(keys(&v, "/States"), vec!["A", "Mid", "B", "C"]);
    assert_eq!(v["States"]["B"]["Comment"], "keep me");
    assert_valid(&v);
}

#[test]
fn insert_on_the_edge_to_the_end_marker() {
    let mut v = chain();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/C"),
            slot: Slot::Next,
            name: s("Last"),
            state: json!({"Type": "Pass", "Next": "A"}),
        },
    );
    assert_eq!(keys(&v, "/States/C"), vec!["Type", "Result", "Next"]);
    assert_eq!(v["States"]["C"]["Next"], "Last");
    assert_eq!(v["States"]["Last"], json!({"Type": "Pass", "End": true}));
    assert_valid(&v);
}

#[test]
fn insert_on_the_start_edge() {
    let mut v = chain();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s(""),
            slot: Slot::Start,
            name: s("Init"),
            state: pass(),
        },
    );
    assert_eq!(v["StartAt"], "Init");
    assert_eq!(v["States"]["Init"]["Next"], "A");
    assert_eq!(keys(&v, "/States")[0], "Init");
    assert_valid(&v);
}

#[test]
fn insert_in_a_branch_and_in_a_processor() {
    let mut v = parallel();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Fork/Branches/0/States/B1"),
            slot: Slot::Next,
            name: s("Pass"),
            state: pass(),
        },
    );
    let b = &v["States"]["Fork"]["Branches"][0]["States"];
    assert_eq!(b["B1"]["Next"], "Pass");
    assert_eq!(b["Pass"]["Next"], "B2");
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Fork/Branches/1"),
            slot: Slot::Start,
            name: s("Pass"),
            state: pass(),
        },
    );
    assert_eq!(v["States"]["Fork"]["Branches"][1]["StartAt"], "Pass 2");
    assert_valid(&v);

    let mut v = map();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Each/ItemProcessor/States/I2"),
            slot: Slot::Next,
            name: s("Tail"),
            state: pass(),
        },
    );
    assert_eq!(
        v["States"]["Each"]["ItemProcessor"]["States"]["Tail"]["End"],
        true
    );
    assert_eq!(
        keys(&v, "/States/Each/ItemProcessor"),
        vec!["ProcessorConfig", "StartAt", "States"]
    );
    assert_valid(&v);
}

#[test]
fn insert_terminal_and_choice_states() {
    let mut v = chain();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/A"),
            slot: Slot::Next,
            name: s("Stop"),
            state: json!({"Type": "Succeed", "Next": "X", "End": true}),
        },
    );
    assert_eq!(v["States"]["Stop"], json!({"Type": "Succeed"}));
    assert_eq!(v["States"]["A"]["Next"], "Stop");

    let mut v = chain();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/A"),
            slot: Slot::Next,
            name: s("Check"),
            state: json!({"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "C"}], "End": true}),
        },
    );
    assert_eq!(v["States"]["Check"]["Default"], "B");
    assert!(v["States"]["Check"].get("End").is_none());
    assert_valid(&v);
}

#[test]
fn insert_on_rule_default_and_catch_edges() {
    let mut v = branching();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Pick"),
            slot: Slot::Choice { index: 1 },
            name: s("Log"),
            state: pass(),
        },
    );
    assert_eq!(v["States"]["Pick"]["Choices"][1]["Next"], "Log");
    assert_eq!(v["States"]["Log"]["Next"], "Small");
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Pick"),
            slot: Slot::Default,
            name: s("Log"),
            state: pass(),
        },
    );
    assert_eq!(v["States"]["Pick"]["Default"], "Log 2");
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Work"),
            slot: Slot::Catch { index: 0 },
            name: s("Notify"),
            state: pass(),
        },
    );
    assert_eq!(v["States"]["Work"]["Catch"][0]["Next"], "Notify");
    assert_eq!(v["States"]["Notify"]["Next"], "Oops");
    assert_valid(&v);
}

#[test]
fn insert_refuses_slots_that_do_not_exist() {
    let mut v = branching();
    let err = refuse(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Pick"),
            slot: Slot::Choice { index: 5 },
            name: s("X"),
            state: pass(),
        },
    );
    assert_eq!(
        err,
        EditError::NotApplicable {
            pointer: s("/States/Pick/Choices/5"),
            reason: s("there is no Choices entry 5")
        }
    );
    assert!(matches!(
        refuse(&mut v, Edit::InsertOnEdge { source: s("/States/Big"), slot: Slot::Next, name: s("X"), state: pass() }),
        EditError::NotApplicable { pointer, .. } if pointer == "/States/Big"
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::InsertOnEdge {
                source: s("/States/Big"),
                slot: Slot::NewChoice,
                name: s("X"),
                state: pass()
            }
        ),
        EditError::NotApplicable { .. }
    ));
}
