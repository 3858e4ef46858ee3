//! Paste: clipboard states pasted into a scope, renamed on collision.

use crate::common::{assert_valid, assert_valid_but_unreachable, chain, edit, map, refuse, s};
use serde_json::{json, Map, Value};
use stepwise_asl::edit::{Edit, EditError};

fn clipboard(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => unreachable!("clipboards are objects"),
    }
}

#[test]
fn paste_renames_on_collision_and_follows_the_copies() {
    let mut v = chain();
    let states = clipboard(json!({
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "Elsewhere"}
    }));
    let o = edit(
        &mut v,
        Edit::Paste {
            scope: s(""),
            states,
        },
    );
    assert_eq!(o.label, "Paste 2 states");
    assert_eq!(o.select, vec!["/States/A 2", "/States/B 2"]);
    assert_eq!(v["States"]["A 2"]["Next"], "B 2");
    assert_eq!(v["States"]["B 2"]["Next"], "Elsewhere");
}

#[test]
fn paste_into_an_empty_branch_starts_at_the_head() {
    let mut v = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "", "States": {}}], "End": true},
        "Second": {"Type": "Pass", "End": true}
    }});
    let states = clipboard(json!({
        "Second": {"Type": "Pass", "End": true},
        "First": {"Type": "Pass", "Next": "Second"}
    }));
    let o = edit(
        &mut v,
        Edit::Paste {
            scope: s("/States/P/Branches/0"),
            states,
        },
    );
    assert_eq!(
        o.select,
        vec![
            "/States/P/Branches/0/States/Second 2",
            "/States/P/Branches/0/States/First"
        ]
    );
    let b = &v["States"]["P"]["Branches"][0];
    assert_eq!(b["StartAt"], "First");
    assert_eq!(b["States"]["First"]["Next"], "Second 2");
    assert_valid_but_unreachable(&v, &["/States/Second"]);
}

#[test]
fn paste_a_map_renames_nested_states() {
    let mut v = map();
    let states = clipboard(json!({"Each": map()["States"]["Each"].clone()}));
    edit(
        &mut v,
        Edit::Paste {
            scope: s(""),
            states,
        },
    );
    let p = &v["States"]["Each 2"]["ItemProcessor"];
    assert_eq!(p["StartAt"], "I1 2");
    assert_eq!(p["States"]["I1 2"]["Next"], "I2 2");
    assert_valid_but_unreachable(&v, &["/States/Each 2"]);
}

#[test]
fn paste_a_whole_chain_validates() {
    let mut v = json!({"States": {}});
    let states = clipboard(chain()["States"].clone());
    let o = edit(
        &mut v,
        Edit::Paste {
            scope: s(""),
            states,
        },
    );
    assert_eq!(o.select.len(), 3);
    assert_eq!(v["StartAt"], "A");
    assert_valid(&v);
}

#[test]
fn paste_refusals() {
    let mut v = chain();
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Paste {
                scope: s(""),
                states: clipboard(json!({"X": 1}))
            }
        ),
        EditError::BadState { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Paste {
                scope: s(""),
                states: Map::new()
            }
        ),
        EditError::NotApplicable { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Paste {
                scope: s("/States/Q/Branches/0"),
                states: clipboard(json!({"X": {"Type": "Pass"}}))
            }
        ),
        EditError::NoScope { .. }
    ));
}
