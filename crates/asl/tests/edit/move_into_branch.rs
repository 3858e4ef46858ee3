//! MoveIntoBranch: a state moved into (or out of) a branch or processor.

use crate::common::{
    assert_valid, assert_valid_but_unreachable, branching, edit, keys, parallel, refuse, s,
};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError};

#[test]
fn move_a_state_into_a_branch() {
    let mut v = parallel();
    v["States"]["Fork"]["Next"] = json!("Log");
    v["States"]["Log"] = json!({"Type": "Pass", "Next": "Done"});
    let o = edit(
        &mut v,
        Edit::MoveIntoBranch {
            pointer: s("/States/Log"),
            scope: s("/States/Fork/Branches/1"),
        },
    );
    assert_eq!(o.select, vec!["/States/Fork/Branches/1/States/Log"]);
    assert_eq!(o.label, "Move Log");
    // The old scope is re-wired around it; its Next into the old scope became an End.
    assert_eq!(v["States"]["Fork"]["Next"], "Done");
    let moved = &v["States"]["Fork"]["Branches"][1]["States"]["Log"];
    assert_eq!(*moved, json!({"Type": "Pass", "End": true}));
    assert_eq!(v["States"]["Fork"]["Branches"][1]["StartAt"], "C1");
    assert_valid_but_unreachable(&v, &["/States/Fork/Branches/1/States/Log"]);
}

#[test]
fn move_into_an_empty_processor_and_out_again() {
    let mut v = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "Each"},
        "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "X", "States": {}}, "End": true}
    }});
    edit(
        &mut v,
        Edit::MoveIntoBranch {
            pointer: s("/States/A"),
            scope: s("/States/Each/ItemProcessor"),
        },
    );
    assert_eq!(v["StartAt"], "Each");
    assert_eq!(v["States"]["Each"]["ItemProcessor"]["StartAt"], "A");
    assert_eq!(
        v["States"]["Each"]["ItemProcessor"]["States"]["A"]["End"],
        true
    );
    assert_valid(&v);

    edit(
        &mut v,
        Edit::MoveIntoBranch {
            pointer: s("/States/Each/ItemProcessor/States/A"),
            scope: s(""),
        },
    );
    assert!(v["States"]["Each"]["ItemProcessor"]
        .get("StartAt")
        .is_none());
    assert_eq!(keys(&v, "/States"), vec!["Each", "A"]);
}

#[test]
fn move_drops_transitions_that_would_cross_the_boundary() {
    let mut v = branching();
    v["States"]["Fork"] = json!({"Type": "Parallel", "Branches": [
        {"StartAt": "In", "States": {"In": {"Type": "Pass", "End": true}}}
    ], "End": true});
    edit(
        &mut v,
        Edit::MoveIntoBranch {
            pointer: s("/States/Pick"),
            scope: s("/States/Fork/Branches/0"),
        },
    );
    let moved = &v["States"]["Fork"]["Branches"][0]["States"]["Pick"];
    assert!(moved.get("Default").is_none());
    assert!(moved["Choices"][0].get("Next").is_none());
    assert_eq!(moved["Choices"][0]["NumericGreaterThan"], 3);

    let mut v = branching();
    v["States"]["Fork"] = json!({"Type": "Parallel", "Branches": [
        {"StartAt": "In", "States": {"In": {"Type": "Pass", "End": true}}}
    ], "End": true});
    edit(
        &mut v,
        Edit::MoveIntoBranch {
            pointer: s("/States/Work"),
            scope: s("/States/Fork/Branches/0"),
        },
    );
    let moved = &v["States"]["Fork"]["Branches"][0]["States"]["Work"];
    assert!(moved.get("Catch").is_none());
    assert_eq!(moved["End"], true);
    // StartAt followed Work's Next.
    assert_eq!(v["StartAt"], "Pick");
}

#[test]
fn move_refusals() {
    let mut v = parallel();
    assert!(matches!(
        refuse(
            &mut v,
            Edit::MoveIntoBranch {
                pointer: s("/States/Fork"),
                scope: s("/States/Fork/Branches/0")
            }
        ),
        EditError::NotApplicable { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::MoveIntoBranch {
                pointer: s("/States/Done"),
                scope: s("")
            }
        ),
        EditError::NotApplicable { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::MoveIntoBranch {
                pointer: s("/States/Done"),
                scope: s("/States/Fork/Branches/7")
            }
        ),
        EditError::NoScope { .. }
    ));
}
