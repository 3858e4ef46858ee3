//! The lenient model: broken definitions still give every state and as many edges as can be
//! read, for the canvas.

use serde_json::json;
use stepwise_asl::model::{State, StateMachine};
use stepwise_asl::{lenient_machine, Document};

fn successors(m: &StateMachine, name: &str) -> Vec<String> {
    m.states[name]
        .successors()
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn a_valid_machine_is_the_strict_model() {
    let v = json!({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "r", "Next": "B"},
        "B": {"Type": "Succeed"}
    }});
    assert_eq!(
        lenient_machine(&v),
        StateMachine::from_value(&v).expect("valid")
    );
}

#[test]
fn broken_states_keep_their_place_and_edges() {
    let v = json!({
        "StartAt": "A",
        "TimeoutSeconds": "soon",
        "States": {
            "A": {"Type": "Task", "Resource": 5, "Next": "B", "Retry": "bad"},
            "B": {"Type": "Teleport", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [
                {"Variable": "$.x", "NumericEquals": 1, "Next": "D"},
                {"Variable": 7, "Next": "E"},
                "junk"
            ], "Default": 9},
            "D": {"Next": "E"},
            "E": {"Type": "Pass", "End": "yes"},
            "F": "not even an object"
        }
    });
    assert!(StateMachine::from_value(&v).is_err());
    let m = lenient_machine(&v);
    assert_eq!(m.start_at, "A");
    assert!(m.timeout_seconds.is_none());
    let names: Vec<&str> = m.states.keys().map(String::as_str).collect();
    assert_eq!(names, ["A", "B", "C", "D", "E", "F"]);
    match &m.states["A"] {
        State::Task(t) => {
            assert_eq!(t.resource, "", "a bad Resource becomes empty");
            assert_eq!(t.flow.next.as_deref(), Some("B"));
        }
        other => panic!("A should stay a Task, got {other:?}"),
    }
    assert!(matches!(m.states["B"], State::Pass(_)));
    assert_eq!(successors(&m, "B"), ["C"]);
    assert!(matches!(m.states["C"], State::Choice(_)));
    assert_eq!(successors(&m, "C"), ["D", "E"]);
    assert_eq!(successors(&m, "D"), ["E"]);
    match &m.states["E"] {
        State::Pass(p) => assert_eq!(p.flow.end, None),
        other => panic!("E should stay a Pass, got {other:?}"),
    }
    assert!(matches!(m.states["F"], State::Pass(_)));
}

#[test]
fn nested_branches_and_processors_are_lenient_too() {
    let v = json!({
        "StartAt": "Fork",
        "States": {
            "Fork": {"Type": "Parallel", "ResultPath": 12, "Branches": [
                {"StartAt": "X", "States": {"X": {"Type": "Wait", "Seconds": "a while", "Next": "Y"}, "Y": {"Type": "Succeed"}}},
                {"States": {"Z": {"Type": "Nope"}}},
                "not a branch"
            ], "Next": "Each"},
            "Each": {"Type": "Map", "MaxConcurrency": [], "ItemProcessor": {
                "ProcessorConfig": {"Mode": "SIDEWAYS"},
                "StartAt": "I",
                "States": {"I": {"Type": "Task", "Resource": "r", "TimeoutSeconds": {}, "End": true}}
            }, "End": true}
        }
    });
    let m = lenient_machine(&v);
    let State::Parallel(p) = &m.states["Fork"] else {
        panic!("Fork stays a Parallel");
    };
    assert_eq!(p.branches.len(), 3);
    assert_eq!(p.branches[0].start_at, "X");
    assert_eq!(successors(&p.branches[0], "X"), ["Y"]);
    assert_eq!(p.branches[1].start_at, "", "a missing StartAt is empty");
    assert!(p.branches[1].states.contains_key("Z"));
    assert!(p.branches[2].states.is_empty());
    assert_eq!(p.flow.next.as_deref(), Some("Each"));

    let State::Map(map) = &m.states["Each"] else {
        panic!("Each stays a Map");
    };
    let proc = map.processor().expect("processor");
    assert_eq!(proc.start_at, "I");
    assert!(matches!(proc.states["I"], State::Task(_)));
    assert!(map
        .item_processor
        .as_ref()
        .expect("ip")
        .processor_config
        .is_none());
    let walked: Vec<String> = m.walk().into_iter().map(|(p, _, _)| p).collect();
    assert!(walked.contains(&"/States/Each/ItemProcessor/States/I".to_string()));
}

#[test]
fn the_document_offers_the_lenient_model() {
    let good = Document::parse(
        br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
        None,
    )
    .expect("parse");
    assert!(matches!(
        good.lenient_machine(),
        std::borrow::Cow::Borrowed(_)
    ));
    let bad = Document::parse(
        br#"{"States": {"A": {"Type": "Pass", "End": true, "Result": 1, "ResultPath": 5}}}"#,
        None,
    )
    .expect("parse");
    assert!(bad.machine().is_none());
    let m = bad.lenient_machine();
    assert_eq!(m.start_at, "");
    assert!(m.states.contains_key("A"));
}
