//! Rename: a state renamed in place, every reference following it.

use crate::common::{assert_valid, branching, edit, keys, map, parallel, refuse, s};
use stepwise_asl::edit::{Edit, EditError};

#[test]
fn rename_keeps_position_and_updates_every_reference() {
    let mut v = branching();
    let o = edit(
        &mut v,
        Edit::Rename {
            pointer: s("/States/Small"),
            name: s("Tiny"),
        },
    );
    assert_eq!(o.select, vec!["/States/Tiny"]);
    assert_eq!(o.label, "Rename Small to Tiny");
    assert_eq!(
        keys(&v, "/States"),
        vec!["Work", "Pick", "Big", "Tiny", "Oops"]
    );
    assert_eq!(v["States"]["Pick"]["Choices"][1]["Next"], "Tiny");
    assert_eq!(v["States"]["Pick"]["Default"], "Tiny");
    // A Next inside a nested condition is not a transition and stays.
    edit(
        &mut v,
        Edit::Rename {
            pointer: s("/States/Oops"),
            name: s("Failed"),
        },
    );
    assert_eq!(v["States"]["Work"]["Catch"][0]["Next"], "Failed");
    assert_eq!(v["States"]["Work"]["Catch"][1]["Next"], "Failed");
    edit(
        &mut v,
        Edit::Rename {
            pointer: s("/States/Work"),
            name: s("Do it"),
        },
    );
    assert_eq!(v["StartAt"], "Do it");
    assert_eq!(keys(&v, "/States")[0], "Do it");
    assert_valid(&v);
}

#[test]
fn rename_in_a_branch_and_a_processor() {
    let mut v = parallel();
    edit(
        &mut v,
        Edit::Rename {
            pointer: s("/States/Fork/Branches/0/States/B2"),
            name: s("Second"),
        },
    );
    let b = &v["States"]["Fork"]["Branches"][0];
    assert_eq!(b["States"]["B1"]["Next"], "Second");
    edit(
        &mut v,
        Edit::Rename {
            pointer: s("/States/Fork/Branches/0/States/B1"),
            name: s("a/b~c"),
        },
    );
    assert_eq!(v["States"]["Fork"]["Branches"][0]["StartAt"], "a/b~c");
    assert!(v
        .pointer("/States/Fork/Branches/0/States/a~1b~0c")
        .is_some());
    assert_valid(&v);

    let mut v = map();
    let o = edit(
        &mut v,
        Edit::Rename {
            pointer: s("/States/Each/ItemProcessor/States/I1"),
            name: s("First"),
        },
    );
    assert_eq!(o.select, vec!["/States/Each/ItemProcessor/States/First"]);
    assert_eq!(v["States"]["Each"]["ItemProcessor"]["StartAt"], "First");
    assert_valid(&v);
}

#[test]
fn rename_refuses_taken_and_bad_names() {
    let mut v = parallel();
    // Taken in another branch: names are unique in the whole machine.
    assert!(matches!(
        refuse(&mut v, Edit::Rename { pointer: s("/States/Fork/Branches/0/States/B1"), name: s("C1") }),
        EditError::BadName { name, .. } if name == "C1"
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Rename {
                pointer: s("/States/Done"),
                name: s("Fork")
            }
        ),
        EditError::BadName { .. }
    ));
    for bad in ["", "tab\there", &"x".repeat(81)] {
        assert!(matches!(
            refuse(
                &mut v,
                Edit::Rename {
                    pointer: s("/States/Done"),
                    name: s(bad)
                }
            ),
            EditError::BadName { .. }
        ));
    }
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Rename {
                pointer: s("/States/Fork/Branches/0"),
                name: s("X")
            }
        ),
        EditError::NoState { .. }
    ));
    // 80 characters is fine; renaming to the same name is a no-op.
    let ok = "y".repeat(80);
    edit(
        &mut v,
        Edit::Rename {
            pointer: s("/States/Done"),
            name: ok.clone(),
        },
    );
    let before = v.clone();
    edit(
        &mut v,
        Edit::Rename {
            pointer: format!("/States/{ok}"),
            name: ok,
        },
    );
    assert_eq!(v, before);
}
