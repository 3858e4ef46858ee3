//! AddState: a new state (or template) in a scope, named uniquely.

use crate::common::{
    assert_valid, assert_valid_but_unreachable, chain, edit, keys, parallel, pass, refuse, s,
};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError};

#[test]
fn add_state_numbers_taken_names_and_appends() {
    let mut v = chain();
    let a = edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("A"),
            state: pass(),
        },
    );
    assert_eq!(a.select, vec!["/States/A 2"]);
    assert_eq!(a.label, "Add A 2");
    let b = edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("A"),
            state: pass(),
        },
    );
    assert_eq!(b.select, vec!["/States/A 3"]);
    assert_eq!(keys(&v, "/States"), vec!["A", "B", "C", "A 2", "A 3"]);
    assert_eq!(
        keys(&v, ""),
        vec!["Comment", "StartAt", "States", "TimeoutSeconds"]
    );
    assert_valid_but_unreachable(&v, &["/States/A 2", "/States/A 3"]);
}

#[test]
fn add_state_ends_a_template_without_a_transition() {
    let mut v = chain();
    edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("X"),
            state: json!({"Type": "Task", "Resource": "r"}),
        },
    );
    assert_eq!(
        v["States"]["X"],
        json!({"Type": "Task", "Resource": "r", "End": true})
    );
    edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("Y"),
            state: json!({"Type": "Pass", "Next": "A"}),
        },
    );
    assert_eq!(v["States"]["Y"], json!({"Type": "Pass", "Next": "A"}));
    edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("Z"),
            state: json!({"Type": "Succeed"}),
        },
    );
    assert_eq!(v["States"]["Z"], json!({"Type": "Succeed"}));
}

#[test]
fn add_state_without_a_name_uses_the_type() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s(""),
            state: json!({"Type": "Wait", "Seconds": 1, "End": true}),
        },
    );
    assert_eq!(o.select, vec!["/States/Wait"]);
}

#[test]
fn add_state_names_are_unique_across_branches() {
    let mut v = parallel();
    let o = edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("B1"),
            state: pass(),
        },
    );
    assert_eq!(o.select, vec!["/States/B1 2"]);
    let o = edit(
        &mut v,
        Edit::AddState {
            scope: s("/States/Fork/Branches/1"),
            name: s("Done"),
            state: pass(),
        },
    );
    assert_eq!(o.select, vec!["/States/Fork/Branches/1/States/Done 2"]);
}

#[test]
fn add_state_to_an_empty_scope_sets_start_at() {
    let mut v = json!({"Comment": "new"});
    let o = edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("First"),
            state: json!({"Type": "Pass", "End": true}),
        },
    );
    assert_eq!(o.select, vec!["/States/First"]);
    assert_eq!(v["StartAt"], "First");
    assert_valid(&v);

    let mut v = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{}], "End": true}}});
    edit(
        &mut v,
        Edit::AddState {
            scope: s("/States/P/Branches/0"),
            name: s("Inner"),
            state: json!({"Type": "Pass", "End": true}),
        },
    );
    assert_eq!(v["States"]["P"]["Branches"][0]["StartAt"], "Inner");
    assert_valid(&v);
}

#[test]
fn add_state_renames_states_nested_in_the_template() {
    let mut v = parallel();
    let template = json!({"Type": "Parallel", "Branches": [
        {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "B2"}, "B2": {"Type": "Pass", "End": true}}}
    ], "End": true});
    edit(
        &mut v,
        Edit::AddState {
            scope: s(""),
            name: s("Fork"),
            state: template,
        },
    );
    let branch = &v["States"]["Fork 2"]["Branches"][0];
    assert_eq!(branch["StartAt"], "B1 2");
    assert_eq!(branch["States"]["B1 2"]["Next"], "B2 2");
    assert_valid_but_unreachable(&v, &["/States/Fork 2"]);
}

#[test]
fn add_state_refuses_bad_input() {
    let mut v = chain();
    assert!(matches!(
        refuse(&mut v, Edit::AddState { scope: s("/States/A"), name: s("X"), state: pass() }),
        EditError::NoScope { pointer } if pointer == "/States/A"
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::AddState {
                scope: s(""),
                name: s("X"),
                state: json!("Pass")
            }
        ),
        EditError::BadState { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::AddState {
                scope: s(""),
                name: s("X\n"),
                state: pass()
            }
        ),
        EditError::BadName { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::AddState {
                scope: s("nope"),
                name: s("X"),
                state: pass()
            }
        ),
        EditError::BadPointer { .. }
    ));
}
