//! Disconnect: a transition removed from each kind of slot.

use crate::common::{branching, edit, keys, refuse, s};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError, Slot};

#[test]
fn disconnect_each_slot() {
    let mut v = branching();
    let o = edit(
        &mut v,
        Edit::Disconnect {
            source: s("/States/Work"),
            slot: Slot::Next,
        },
    );
    assert_eq!(o.label, "Disconnect Work");
    assert_eq!(v["States"]["Work"]["End"], true);
    assert!(v["States"]["Work"].get("Next").is_none());
    assert_eq!(
        keys(&v, "/States/Work"),
        vec!["Type", "Resource", "End", "Catch"]
    );

    edit(
        &mut v,
        Edit::Disconnect {
            source: s("/States/Pick"),
            slot: Slot::Default,
        },
    );
    assert!(v["States"]["Pick"].get("Default").is_none());
    edit(
        &mut v,
        Edit::Disconnect {
            source: s("/States/Pick"),
            slot: Slot::Choice { index: 0 },
        },
    );
    assert_eq!(
        v["States"]["Pick"]["Choices"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(v["States"]["Pick"]["Choices"][0]["Next"], "Small");
    // The last rule goes too; the validator reports the empty Choices.
    edit(
        &mut v,
        Edit::Disconnect {
            source: s("/States/Pick"),
            slot: Slot::Choice { index: 0 },
        },
    );
    assert_eq!(v["States"]["Pick"]["Choices"], json!([]));

    edit(
        &mut v,
        Edit::Disconnect {
            source: s("/States/Work"),
            slot: Slot::Catch { index: 1 },
        },
    );
    edit(
        &mut v,
        Edit::Disconnect {
            source: s("/States/Work"),
            slot: Slot::Catch { index: 0 },
        },
    );
    assert!(v["States"]["Work"].get("Catch").is_none());
}

#[test]
fn disconnect_refusals() {
    let mut v = branching();
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Disconnect {
                source: s(""),
                slot: Slot::Start
            }
        ),
        EditError::NotApplicable { .. }
    ));
    assert!(matches!(
        refuse(&mut v, Edit::Disconnect { source: s("/States/Work"), slot: Slot::Catch { index: 2 } }),
        EditError::NotApplicable { pointer, .. } if pointer == "/States/Work/Catch/2"
    ));
    v["States"]["Pick"]
        .as_object_mut()
        .expect("obj")
        .remove("Default");
    assert!(matches!(
        refuse(&mut v, Edit::Disconnect { source: s("/States/Pick"), slot: Slot::Default }),
        EditError::NotApplicable { pointer, .. } if pointer == "/States/Pick/Default"
    ));
}
