//! SetValue: a field set, created or removed at a pointer.

use crate::common::{branching, chain, edit, keys, parallel, refuse, s};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError};

#[test]
fn set_value_sets_creates_and_removes() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/B/Resource"),
            value: Some(json!("arn:aws:states:::sns:publish")),
        },
    );
    assert_eq!(o.select, vec!["/States/B"]);
    assert_eq!(o.label, "Edit Resource of B");
    assert_eq!(
        keys(&v, "/States/B"),
        vec!["Type", "Resource", "Next", "Comment"]
    );

    edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/B/TimeoutSeconds"),
            value: Some(json!(30)),
        },
    );
    assert_eq!(
        keys(&v, "/States/B"),
        vec!["Type", "Resource", "Next", "Comment", "TimeoutSeconds"]
    );

    let o = edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/B/Next"),
            value: None,
        },
    );
    assert_eq!(o.label, "Edit Next of B");
    assert_eq!(
        keys(&v, "/States/B"),
        vec!["Type", "Resource", "Comment", "TimeoutSeconds"]
    );

    let o = edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/Comment"),
            value: Some(json!("new")),
        },
    );
    assert_eq!(o.select, Vec::<String>::new());
    assert_eq!(o.label, "Edit definition");
    assert_eq!(keys(&v, "")[0], "Comment");

    // Removing what is not there is harmless.
    edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/B/Nope"),
            value: None,
        },
    );
}

#[test]
fn set_value_in_arrays_and_escaped_keys() {
    let mut v = branching();
    edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Work/Catch/0/ErrorEquals/1"),
            value: Some(json!("States.TaskFailed")),
        },
    );
    assert_eq!(
        v["States"]["Work"]["Catch"][0]["ErrorEquals"],
        json!(["States.Timeout", "States.TaskFailed"])
    );
    edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Work/Catch/0/ErrorEquals/0"),
            value: None,
        },
    );
    assert_eq!(
        v["States"]["Work"]["Catch"][0]["ErrorEquals"],
        json!(["States.TaskFailed"])
    );
    edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Work/Catch/0/ErrorEquals/-"),
            value: Some(json!("X")),
        },
    );
    assert_eq!(
        v["States"]["Work"]["Catch"][0]["ErrorEquals"],
        json!(["States.TaskFailed", "X"])
    );
    assert!(matches!(
        refuse(
            &mut v,
            Edit::SetValue {
                pointer: s("/States/Work/Catch/0/ErrorEquals/5"),
                value: Some(json!(1))
            }
        ),
        EditError::BadPointer { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::SetValue {
                pointer: s("/States/Work/Catch/0/ErrorEquals/01"),
                value: Some(json!(1))
            }
        ),
        EditError::BadPointer { .. }
    ));

    let o = edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Work/Parameters"),
            value: Some(json!({"a/b": 1, "c~d": 2})),
        },
    );
    assert_eq!(o.select, vec!["/States/Work"]);
    edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Work/Parameters/a~1b"),
            value: Some(json!(10)),
        },
    );
    edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Work/Parameters/c~0d"),
            value: None,
        },
    );
    assert_eq!(v["States"]["Work"]["Parameters"], json!({"a/b": 10}));
}

#[test]
fn set_value_selects_the_innermost_state() {
    let mut v = parallel();
    let o = edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Fork/Branches/0/States/B1/Comment"),
            value: Some(json!("c")),
        },
    );
    assert_eq!(o.select, vec!["/States/Fork/Branches/0/States/B1"]);
    assert_eq!(o.label, "Edit Comment of B1");
    let o = edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Fork/Branches/0/Comment"),
            value: Some(json!("b")),
        },
    );
    assert_eq!(o.select, vec!["/States/Fork"]);
    assert_eq!(o.label, "Edit Branches of Fork");
    let o = edit(
        &mut v,
        Edit::SetValue {
            pointer: s("/States/Done/Type"),
            value: Some(json!("Pass")),
        },
    );
    assert_eq!(o.label, "Edit Type of Done");
}

#[test]
fn set_value_refusals() {
    let mut v = chain();
    assert!(matches!(
        refuse(&mut v, Edit::SetValue { pointer: s(""), value: Some(json!({})) }),
        EditError::BadPointer { pointer, .. } if pointer.is_empty()
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::SetValue {
                pointer: s("/States/Z/Comment"),
                value: Some(json!("x"))
            }
        ),
        EditError::BadPointer { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::SetValue {
                pointer: s("/Comment/x"),
                value: Some(json!("x"))
            }
        ),
        EditError::BadPointer { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::SetValue {
                pointer: s("States/A"),
                value: Some(json!("x"))
            }
        ),
        EditError::BadPointer { .. }
    ));
}
