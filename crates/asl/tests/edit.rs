//! Typed edits on raw definitions: every op at the top level, in a Parallel branch and in a
//! Map processor; key order and unknown fields kept; atomic on error; results validate.

use serde_json::{json, Map, Value};
use stepwise_asl::edit::{apply, Edit, EditError, EditOutcome, Slot};
use stepwise_asl::{Code, Diagnostic};

#[track_caller]
fn edit(v: &mut Value, e: Edit) -> EditOutcome {
    match apply(v, &e) {
        Ok(o) => o,
        Err(err) => panic!("{e:?} failed: {err}"),
    }
}

#[track_caller]
fn refuse(v: &mut Value, e: Edit) -> EditError {
    let before = v.clone();
    let err = apply(v, &e).expect_err("the edit should fail");
    assert_eq!(
        *v, before,
        "a failed edit must leave the definition unchanged"
    );
    err
}

fn errors(v: &Value) -> Vec<Diagnostic> {
    stepwise_asl::validate(v)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[track_caller]
fn assert_valid(v: &Value) {
    let errs = errors(v);
    assert!(
        errs.is_empty(),
        "expected no errors, got {errs:#?}\nin {v:#}"
    );
}

/// Valid but for states nothing leads to yet (a new or copied state).
#[track_caller]
fn assert_valid_but_unreachable(v: &Value, unreachable: &[&str]) {
    let errs = errors(v);
    let other: Vec<_> = errs
        .iter()
        .filter(|d| d.code != Code::UnreachableState)
        .collect();
    assert!(other.is_empty(), "unexpected errors {other:#?}\nin {v:#}");
    let mut got: Vec<&str> = errs.iter().map(|d| d.pointer.as_str()).collect();
    got.sort_unstable();
    let mut want = unreachable.to_vec();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[track_caller]
fn keys(v: &Value, pointer: &str) -> Vec<String> {
    v.pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no object at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

fn s(x: &str) -> String {
    x.to_string()
}

fn pass() -> Value {
    json!({"Type": "Pass"})
}

/// A → B → C, with a Comment and an unknown field kept through edits.
fn chain() -> Value {
    json!({
        "Comment": "chain",
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C", "Comment": "keep me"},
            "C": {"Type": "Pass", "Result": 1, "End": true}
        },
        "TimeoutSeconds": 60
    })
}

/// A Parallel with two branches, then a Succeed.
fn parallel() -> Value {
    json!({
        "StartAt": "Fork",
        "States": {
            "Fork": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "B1", "States": {
                        "B1": {"Type": "Pass", "Next": "B2"},
                        "B2": {"Type": "Pass", "End": true}}},
                    {"StartAt": "C1", "States": {"C1": {"Type": "Pass", "End": true}}}
                ],
                "Next": "Done"
            },
            "Done": {"Type": "Succeed"}
        }
    })
}

/// A Map whose processor is a two-state chain.
fn map() -> Value {
    json!({
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "I1",
                    "States": {
                        "I1": {"Type": "Pass", "Next": "I2"},
                        "I2": {"Type": "Pass", "End": true}
                    }
                },
                "End": true
            }
        }
    })
}

/// A Choice with two rules, a Default, and a Task with catchers.
fn branching() -> Value {
    json!({
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Next": "Pick",
                "Catch": [
                    {"ErrorEquals": ["States.Timeout"], "Next": "Oops"},
                    {"ErrorEquals": ["States.ALL"], "Next": "Oops"}
                ]
            },
            "Pick": {
                "Type": "Choice",
                "Choices": [
                    {"Variable": "$.n", "NumericGreaterThan": 3, "Next": "Big"},
                    {"Not": {"Variable": "$.n", "IsNull": true}, "Next": "Small"}
                ],
                "Default": "Small"
            },
            "Big": {"Type": "Succeed"},
            "Small": {"Type": "Succeed"},
            "Oops": {"Type": "Fail", "Error": "E"}
        }
    })
}

// ---------------------------------------------------------------- AddState

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

// ---------------------------------------------------------------- InsertOnEdge

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

// ---------------------------------------------------------------- Connect / Disconnect

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

// ---------------------------------------------------------------- Rename

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

// ---------------------------------------------------------------- SetValue

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

// ---------------------------------------------------------------- Delete

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

// ---------------------------------------------------------------- MoveIntoBranch

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

// ---------------------------------------------------------------- AddBranch

#[test]
fn add_branch_to_a_parallel() {
    let mut v = parallel();
    v["States"]["Pass"] = json!({"Type": "Pass", "End": true});
    let o = edit(
        &mut v,
        Edit::AddBranch {
            pointer: s("/States/Fork"),
        },
    );
    assert_eq!(o.select, vec!["/States/Fork/Branches/2/States/Pass 2"]);
    assert_eq!(o.label, "Add branch to Fork");
    assert_eq!(
        v["States"]["Fork"]["Branches"][2],
        json!({"StartAt": "Pass 2", "States": {"Pass 2": {"Type": "Pass", "End": true}}})
    );
    assert_valid_but_unreachable(&v, &["/States/Pass"]);
    assert!(matches!(
        refuse(
            &mut v,
            Edit::AddBranch {
                pointer: s("/States/Done")
            }
        ),
        EditError::NotApplicable { .. }
    ));
}

// ---------------------------------------------------------------- Duplicate

#[test]
fn duplicate_next_to_the_original() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/B")],
        },
    );
    assert_eq!(o.select, vec!["/States/B copy"]);
    assert_eq!(o.label, "Duplicate B");
    assert_eq!(keys(&v, "/States"), vec!["A", "B", "B copy", "C"]);
    assert_eq!(v["States"]["B copy"], v["States"]["B"]);
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/B")],
        },
    );
    assert_eq!(o.select, vec!["/States/B copy 2"]);
    assert_valid_but_unreachable(&v, &["/States/B copy", "/States/B copy 2"]);
}

#[test]
fn duplicated_states_lead_to_each_other() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/A"), s("/States/B")],
        },
    );
    assert_eq!(o.label, "Duplicate 2 states");
    assert_eq!(o.select, vec!["/States/A copy", "/States/B copy"]);
    assert_eq!(v["States"]["A copy"]["Next"], "B copy");
    assert_eq!(v["States"]["B copy"]["Next"], "C");
    assert_eq!(keys(&v, "/States"), vec!["A", "A copy", "B", "B copy", "C"]);
    assert_valid_but_unreachable(&v, &["/States/A copy", "/States/B copy"]);
}

#[test]
fn duplicate_a_parallel_renames_its_nested_states() {
    let mut v = parallel();
    edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/Fork")],
        },
    );
    let copy = &v["States"]["Fork copy"];
    assert_eq!(copy["Next"], "Done");
    assert_eq!(copy["Branches"][0]["StartAt"], "B1 copy");
    assert_eq!(copy["Branches"][0]["States"]["B1 copy"]["Next"], "B2 copy");
    assert_eq!(copy["Branches"][1]["StartAt"], "C1 copy");
    assert_valid_but_unreachable(&v, &["/States/Fork copy"]);

    // Inside a branch, and a Map processor with its ProcessorConfig.
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/Fork/Branches/0/States/B2")],
        },
    );
    assert_eq!(o.select, vec!["/States/Fork/Branches/0/States/B2 copy 2"]);

    let mut v = map();
    edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/Each")],
        },
    );
    let p = &v["States"]["Each copy"]["ItemProcessor"];
    assert_eq!(
        keys(&v, "/States/Each copy/ItemProcessor"),
        vec!["ProcessorConfig", "StartAt", "States"]
    );
    assert_eq!(p["StartAt"], "I1 copy");
    assert_eq!(p["States"]["I1 copy"]["Next"], "I2 copy");
    assert_valid_but_unreachable(&v, &["/States/Each copy"]);
}

// ---------------------------------------------------------------- Paste

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

// ---------------------------------------------------------------- serde form

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

// ---------------------------------------------------------------- a longer session

#[test]
fn a_session_of_edits_keeps_the_machine_valid() {
    let mut v = json!({"Comment": "built by hand"});
    let seq = [
        Edit::AddState {
            scope: s(""),
            name: s("Start"),
            state: json!({"Type": "Pass", "End": true}),
        },
        Edit::InsertOnEdge {
            source: s("/States/Start"),
            slot: Slot::Next,
            name: s("Fan out"),
            state: json!({"Type": "Parallel", "Branches": [
            {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}}
        ], "End": true}),
        },
        Edit::AddBranch {
            pointer: s("/States/Fan out"),
        },
        Edit::InsertOnEdge {
            source: s("/States/Fan out"),
            slot: Slot::Next,
            name: s("Work"),
            state: json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"}),
        },
        Edit::InsertOnEdge {
            source: s("/States/Work"),
            slot: Slot::Next,
            name: s("Done"),
            state: json!({"Type": "Succeed"}),
        },
        Edit::AddState {
            scope: s(""),
            name: s("Handle"),
            state: json!({"Type": "Fail", "Error": "Boom"}),
        },
        Edit::Connect {
            source: s("/States/Work"),
            slot: Slot::NewCatch,
            target: s("Handle"),
        },
        Edit::Rename {
            pointer: s("/States/Fan out/Branches/0/States/Pass"),
            name: s("Left"),
        },
        Edit::InsertOnEdge {
            source: s("/States/Fan out/Branches/1"),
            slot: Slot::Start,
            name: s("Right"),
            state: pass(),
        },
        Edit::Rename {
            pointer: s("/States/Work"),
            name: s("Do the work"),
        },
        Edit::SetValue {
            pointer: s("/States/Do the work/TimeoutSeconds"),
            value: Some(json!(30)),
        },
    ];
    for e in seq {
        edit(&mut v, e);
        // A state just added is unreachable until it is connected; nothing else may break.
        let broken: Vec<_> = errors(&v)
            .into_iter()
            .filter(|d| d.code != Code::UnreachableState)
            .collect();
        assert!(broken.is_empty(), "{broken:#?}");
    }
    assert_valid(&v);
    assert_eq!(keys(&v, ""), vec!["Comment", "States", "StartAt"]);
    assert_eq!(
        keys(&v, "/States"),
        vec!["Start", "Fan out", "Do the work", "Done", "Handle"]
    );
    assert_eq!(v["States"]["Do the work"]["Catch"][0]["Next"], "Handle");
    let b1 = &v["States"]["Fan out"]["Branches"][1];
    assert_eq!(b1["StartAt"], "Right");
    assert_eq!(b1["States"]["Right"]["Next"], "Pass 2");

    edit(
        &mut v,
        Edit::Delete {
            pointers: vec![s("/States/Fan out")],
        },
    );
    assert_eq!(v["States"]["Start"]["Next"], "Do the work");
    assert_valid(&v);
}

#[test]
fn unknown_fields_survive_every_op() {
    let mut v = json!({
        "X-Top": 1,
        "StartAt": "A",
        "States": {
            "A": {"X-a": [1], "Type": "Pass", "Next": "B"},
            "B": {"Type": "Task", "Resource": "r", "X-b": {"k": "v"}, "Next": "C"},
            "C": {"Type": "Parallel", "X-c": true, "Branches": [
                {"X-branch": 1, "StartAt": "D", "States": {"D": {"Type": "Pass", "X-d": 0, "End": true}}}
            ], "End": true}
        }
    });
    let seq = [
        Edit::InsertOnEdge {
            source: s("/States/A"),
            slot: Slot::Next,
            name: s("N"),
            state: pass(),
        },
        Edit::Rename {
            pointer: s("/States/B"),
            name: s("B2"),
        },
        Edit::Connect {
            source: s("/States/B2"),
            slot: Slot::NewCatch,
            target: s("C"),
        },
        Edit::Disconnect {
            source: s("/States/B2"),
            slot: Slot::Catch { index: 0 },
        },
        Edit::Duplicate {
            pointers: vec![s("/States/C")],
        },
        Edit::AddBranch {
            pointer: s("/States/C"),
        },
        Edit::Delete {
            pointers: vec![s("/States/N")],
        },
        Edit::Rename {
            pointer: s("/States/C/Branches/0/States/D"),
            name: s("D2"),
        },
    ];
    for e in seq {
        edit(&mut v, e);
    }
    assert_eq!(keys(&v, ""), vec!["X-Top", "StartAt", "States"]);
    assert_eq!(keys(&v, "/States/A"), vec!["X-a", "Type", "Next"]);
    assert_eq!(
        keys(&v, "/States/B2"),
        vec!["Type", "Resource", "X-b", "Next"]
    );
    assert_eq!(
        keys(&v, "/States/C"),
        vec!["Type", "X-c", "Branches", "End"]
    );
    assert_eq!(
        keys(&v, "/States/C/Branches/0"),
        vec!["X-branch", "StartAt", "States"]
    );
    assert_eq!(
        keys(&v, "/States/C/Branches/0/States/D2"),
        vec!["Type", "X-d", "End"]
    );
    assert_eq!(
        keys(&v, "/States/C copy/Branches/0/States/D copy"),
        vec!["Type", "X-d", "End"]
    );
    assert_eq!(keys(&v, "/States"), vec!["A", "B2", "C", "C copy"]);
    assert_eq!(v["States"]["A"]["Next"], "B2");
}
