//! Delete: states removed, the transitions into them rewired.

use crate::common::{
    assert_valid, branching, chain, edit, errors, keys, map, parallel, pass, refuse, s,
};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError};
use stepwise_asl::Code;

#[test]
fn delete_middle_of_a_chain() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/B")],
        },
    );
    assert_eq!(o.label, "Delete B");
    assert!(o.select.is_empty());
    assert_eq!(v["States"]["A"]["Next"], "C");
    assert_eq!(keys(&v, "/States"), vec!["A", "C"]);
    assert_eq!(
        keys(&v, ""),
        vec!["Comment", "StartAt", "States", "TimeoutSeconds"]
    );
    assert_valid(&v);
}

#[test]
fn delete_rewires_start_at_and_ends() {
    let mut v = chain();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/A")],
        },
    );
    assert_eq!(v["StartAt"], "B");
    assert_valid(&v);

    let mut v = chain();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/C")],
        },
    );
    assert_eq!(v["States"]["B"]["End"], true);
    assert_eq!(
        keys(&v, "/States/B"),
        vec!["Type", "Resource", "End", "Comment"]
    );
    assert_valid(&v);

    // A chain of deleted states: follow it.
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/A"), s("/States/B")],
        },
    );
    assert_eq!(o.label, "Delete 2 states");
    assert_eq!(v["StartAt"], "C");
    assert_valid(&v);

    // Everything: StartAt goes.
    let mut v = chain();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![
                s("/States/A"),
                s("/States/B"),
                s("/States/C"),
                s("/States/A"),
            ],
        },
    );
    assert!(v.get("StartAt").is_none());
    assert_eq!(v["States"], json!({}));
}

#[test]
fn delete_an_ending_start_state_moves_start_to_the_first_remaining() {
    let mut v = json!({"StartAt": "S", "States": {
        "S": {"Type": "Succeed"},
        "X": {"Type": "Pass", "End": true}
    }});
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/S")],
        },
    );
    assert_eq!(v["StartAt"], "X");
    assert_valid(&v);
}

#[test]
fn delete_keeps_choice_and_catch_references_to_dead_ends() {
    let mut v = branching();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Small")],
        },
    );
    // Nothing to re-route to: the rule and the Default still name it, for the user to fix.
    assert_eq!(v["States"]["Pick"]["Choices"][1]["Next"], "Small");
    assert_eq!(v["States"]["Pick"]["Default"], "Small");
    let errs = errors(&v);
    assert!(errs
        .iter()
        .any(|d| d.code == Code::NextNotFound && d.pointer == "/States/Pick/Default"));

    // A catcher to a state with a successor follows it.
    let mut v = branching();
    v["States"]["Oops"] = json!({"Type": "Pass", "Next": "Small"});
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Oops")],
        },
    );
    assert_eq!(v["States"]["Work"]["Catch"][0]["Next"], "Small");
    assert_valid(&v);

    // Deleting the Choice: Work's Next ends.
    let mut v = branching();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Pick")],
        },
    );
    assert_eq!(v["States"]["Work"]["End"], true);
}

#[test]
fn delete_in_a_branch_and_a_processor() {
    let mut v = parallel();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Fork/Branches/0/States/B1")],
        },
    );
    assert_eq!(v["States"]["Fork"]["Branches"][0]["StartAt"], "B2");
    assert_valid(&v);

    let mut v = map();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Each/ItemProcessor/States/I2")],
        },
    );
    assert_eq!(
        v["States"]["Each"]["ItemProcessor"]["States"]["I1"]["End"],
        true
    );
    assert_valid(&v);
}

#[test]
fn delete_a_parallel_takes_its_states_along() {
    let mut v = parallel();
    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Fork/Branches/0/States/B1"), s("/States/Fork")],
        },
    );
    assert_eq!(v["StartAt"], "Done");
    assert_eq!(keys(&v, "/States"), vec!["Done"]);
    assert_valid(&v);
    // The names are free again.
    let o = edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("B1"),
            state: pass(),
        },
    );
    assert_eq!(o.select, vec!["/States/B1"]);
}

#[test]
fn delete_refuses_unknown_states_atomically() {
    let mut v = chain();
    assert!(matches!(
        refuse(&mut v, Edit::Delete { pointers: vec![s("/States/A"), s("/States/Nope")] }),
        EditError::NoState { pointer } if pointer == "/States/Nope"
    ));
    assert!(matches!(
        refuse(&mut v, Edit::Delete { pointers: vec![] }),
        EditError::NotApplicable { .. }
    ));
}
