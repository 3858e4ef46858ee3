//! Connect: a transition set from a slot to a state (new Choice rules and catchers included).

use crate::common::{
    assert_valid, assert_valid_but_unreachable, branching, chain, edit, keys, parallel, refuse, s,
};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError, Slot};

#[test]
fn connect_next_replaces_end_in_place() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::Connect {
            source: s("/States/C"),
            slot: Slot::Next,
            target: s("A"),
        },
    );
    assert_eq!(o.label, "Connect C to A");
    assert_eq!(o.select, vec!["/States/C"]);
    assert_eq!(keys(&v, "/States/C"), vec!["Type", "Result", "Next"]);
    edit(
        &mut v,
        Edit::Connect {
            source: s(""),
            slot: Slot::Start,
            target: s("B"),
        },
    );
    assert_eq!(v["StartAt"], "B");
}

#[test]
fn connect_choice_slots() {
    let mut v = branching();
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::Default,
            target: s("Big"),
        },
    );
    assert_eq!(v["States"]["Pick"]["Default"], "Big");
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::Choice { index: 0 },
            target: s("Small"),
        },
    );
    assert_eq!(v["States"]["Pick"]["Choices"][0]["Next"], "Small");
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            target: s("Oops"),
        },
    );
    assert_eq!(
        v["States"]["Pick"]["Choices"][2],
        json!({"Variable": "$", "IsPresent": true, "Next": "Oops"})
    );
    assert_valid(&v);

    // No Default yet: the new choice is the Default.
    v["States"]["Pick"]
        .as_object_mut()
        .expect("obj")
        .remove("Default");
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            target: s("Big"),
        },
    );
    assert_eq!(v["States"]["Pick"]["Default"], "Big");
    assert_eq!(
        v["States"]["Pick"]["Choices"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn connect_new_choice_fills_a_rule_that_leads_nowhere_first() {
    let mut v = branching();
    v["States"]["Pick"]["Choices"][1]["Next"] = json!("");
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            target: s("Oops"),
        },
    );
    assert_eq!(v["States"]["Pick"]["Choices"][1]["Next"], "Oops");
    assert_eq!(
        v["States"]["Pick"]["Choices"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        v["States"]["Pick"]["Default"], "Small",
        "the Default is kept"
    );

    // A Choice with no rules gets a rule first, not a Default alone.
    v["States"]["Pick"]["Choices"] = json!([]);
    v["States"]["Pick"]
        .as_object_mut()
        .expect("obj")
        .remove("Default");
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            target: s("Big"),
        },
    );
    assert_eq!(
        v["States"]["Pick"]["Choices"],
        json!([{"Variable": "$", "IsPresent": true, "Next": "Big"}])
    );
    assert!(v["States"]["Pick"].get("Default").is_none());
}

#[test]
fn insert_on_a_new_choice_rule_adds_a_branch_and_keeps_the_default() {
    let mut v = branching();
    let out = edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            name: s("Notify"),
            state: json!({"Type": "Pass"}),
        },
    );
    assert_eq!(out.select, ["/States/Notify"]);
    assert_eq!(v["States"]["Pick"]["Default"], "Small", "never replaced");
    assert_eq!(
        v["States"]["Pick"]["Choices"][2],
        json!({"Variable": "$", "IsPresent": true, "Next": "Notify"})
    );
    assert_eq!(v["States"]["Notify"], json!({"Type": "Pass", "End": true}));
    let keys: Vec<&String> = v["States"].as_object().expect("states").keys().collect();
    assert_eq!(
        keys.iter().position(|k| *k == "Notify"),
        Some(2),
        "placed after the Choice"
    );
    assert_valid(&v);

    // A rule waiting for its target is filled instead of adding another.
    v["States"]["Pick"]["Choices"][0]
        .as_object_mut()
        .expect("rule")
        .remove("Next");
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            name: s("Wait"),
            state: json!({"Type": "Wait", "Seconds": 1}),
        },
    );
    assert_eq!(v["States"]["Pick"]["Choices"][0]["Next"], "Wait");
    assert_eq!(
        v["States"]["Pick"]["Choices"].as_array().map(Vec::len),
        Some(3)
    );
    // Big's only rule went to Wait.
    assert_valid_but_unreachable(&v, &["/States/Big"]);
}

#[test]
fn insert_on_a_new_catcher_adds_a_handler_before_states_all() {
    let mut v = branching();
    edit(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Work"),
            slot: Slot::NewCatch,
            name: s("Handle"),
            state: json!({"Type": "Fail", "Error": "Handled"}),
        },
    );
    let catch = v["States"]["Work"]["Catch"]
        .as_array()
        .expect("catch")
        .clone();
    assert_eq!(catch.len(), 3);
    assert_eq!(
        catch[1],
        json!({"ErrorEquals": ["States.TaskFailed"], "Next": "Handle"})
    );
    assert_eq!(catch[2]["ErrorEquals"], json!(["States.ALL"]));
    assert_eq!(
        v["States"]["Handle"],
        json!({"Type": "Fail", "Error": "Handled"})
    );
    assert_valid(&v);
    // Only states that catch take a catcher.
    refuse(
        &mut v,
        Edit::InsertOnEdge {
            source: s("/States/Pick"),
            slot: Slot::NewCatch,
            name: s("X"),
            state: json!({"Type": "Pass"}),
        },
    );
}

#[test]
fn connect_new_choice_in_jsonata() {
    let mut v = json!({
        "QueryLanguage": "JSONata",
        "StartAt": "Pick",
        "States": {
            "Pick": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "A"}], "Default": "A"},
            "A": {"Type": "Succeed"},
            "B": {"Type": "Succeed"}
        }
    });
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            target: s("B"),
        },
    );
    assert_eq!(
        v["States"]["Pick"]["Choices"][1],
        json!({"Condition": "{% true %}", "Next": "B"})
    );
    assert_valid(&v);

    // A state's own QueryLanguage counts too.
    let mut v = branching();
    v["States"]["Pick"]["QueryLanguage"] = json!("JSONata");
    v["States"]["Pick"]["Choices"] = json!([{"Condition": "{% true %}", "Next": "Big"}]);
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Pick"),
            slot: Slot::NewChoice,
            target: s("Small"),
        },
    );
    assert_eq!(v["States"]["Pick"]["Choices"][1]["Condition"], "{% true %}");
}

#[test]
fn connect_new_catch() {
    let mut v = branching();
    // The last catcher is States.ALL: the new one goes before it.
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Work"),
            slot: Slot::NewCatch,
            target: s("Big"),
        },
    );
    let catch = v["States"]["Work"]["Catch"]
        .as_array()
        .expect("catch")
        .clone();
    assert_eq!(catch.len(), 3);
    assert_eq!(
        catch[1],
        json!({"ErrorEquals": ["States.TaskFailed"], "Next": "Big"})
    );
    assert_eq!(catch[2]["ErrorEquals"], json!(["States.ALL"]));
    assert_valid(&v);

    let mut v = chain();
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/B"),
            slot: Slot::NewCatch,
            target: s("C"),
        },
    );
    assert_eq!(
        v["States"]["B"]["Catch"],
        json!([{"ErrorEquals": ["States.ALL"], "Next": "C"}])
    );
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/B"),
            slot: Slot::Catch { index: 0 },
            target: s("A"),
        },
    );
    assert_eq!(v["States"]["B"]["Catch"][0]["Next"], "A");
    assert_valid(&v);
}

#[test]
fn connect_refuses_what_asl_does_not_allow() {
    let mut v = branching();
    assert!(matches!(
        refuse(&mut v, Edit::Connect { source: s("/States/Big"), slot: Slot::Next, target: s("Small") }),
        EditError::NotApplicable { pointer, .. } if pointer == "/States/Big"
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Connect {
                source: s("/States/Pick"),
                slot: Slot::Next,
                target: s("Small")
            }
        ),
        EditError::NotApplicable { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Connect {
                source: s("/States/Big"),
                slot: Slot::NewCatch,
                target: s("Small")
            }
        ),
        EditError::NotApplicable { .. }
    ));
    assert!(matches!(
        refuse(
            &mut v,
            Edit::Connect {
                source: s("/States/Work"),
                slot: Slot::Default,
                target: s("Small")
            }
        ),
        EditError::NotApplicable { .. }
    ));
    assert_eq!(
        refuse(
            &mut v,
            Edit::Connect {
                source: s("/States/Work"),
                slot: Slot::Next,
                target: s("Nowhere")
            }
        ),
        EditError::NoState {
            pointer: s("/States/Nowhere")
        }
    );
    assert!(matches!(
        refuse(&mut v, Edit::Connect { source: s("/States/Gone"), slot: Slot::Next, target: s("Big") }),
        EditError::NoState { pointer } if pointer == "/States/Gone"
    ));
}

#[test]
fn connect_stays_inside_the_scope() {
    let mut v = parallel();
    assert_eq!(
        refuse(
            &mut v,
            Edit::Connect {
                source: s("/States/Fork/Branches/0/States/B2"),
                slot: Slot::Next,
                target: s("C1")
            }
        ),
        EditError::NoState {
            pointer: s("/States/Fork/Branches/0/States/C1")
        }
    );
    edit(
        &mut v,
        Edit::Connect {
            source: s("/States/Fork/Branches/0/States/B2"),
            slot: Slot::Next,
            target: s("B1"),
        },
    );
    assert_eq!(
        v["States"]["Fork"]["Branches"][0]["States"]["B2"]["Next"],
        "B1"
    );
}
