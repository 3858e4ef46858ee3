//! The JSON form of edits, as the desktop app sends them.

use crate::common::{pass, s};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditOutcome, Slot};

#[test]
fn edits_have_the_documented_json_form() {
    let e: Edit = serde_json::from_value(json!({
        "op": "insertOnEdge", "source": "/States/A", "slot": {"kind": "choice", "index": 2},
        "name": "X", "state": {"Type": "Pass"}
    }))
    .expect("insertOnEdge");
    assert_eq!(
        e,
        Edit::InsertOnEdge {
            source: s("/States/A"),
            slot: Slot::Choice { index: 2 },
            name: s("X"),
            state: pass()
        }
    );
    let e: Edit =
        serde_json::from_value(json!({"op": "setValue", "pointer": "/Comment"})).expect("setValue");
    assert_eq!(
        e,
        Edit::SetValue {
            pointer: s("/Comment"),
            value: None
        }
    );
    let e: Edit = serde_json::from_value(
        json!({"op": "moveIntoBranch", "pointer": "/States/A", "scope": ""}),
    )
    .expect("move");
    assert!(matches!(e, Edit::MoveIntoBranch { .. }));
    assert_eq!(
        serde_json::to_value(Slot::NewCatch).expect("slot"),
        json!({"kind": "newCatch"})
    );
    assert_eq!(
        serde_json::to_value(EditOutcome {
            select: vec![s("/States/A")],
            label: s("Add A")
        })
        .expect("outcome"),
        json!({"select": ["/States/A"], "label": "Add A"})
    );
}
