//! The typed model of a definition that has errors, so that the canvas can still draw it.
//!
//! [`StateMachine::from_value`] stops at the first field of the wrong shape. Here every state
//! is built on its own (nested branches and processors too), and a state that does not
//! deserialize keeps what does: its fields are added one at a time and a field that breaks
//! the state is left out; a Choice keeps the `Next` of a rule it cannot read, a catcher it
//! cannot read keeps its `Next`. A state whose `Type` is missing or unknown becomes a Pass
//! state with its `Next`/`End`. The validator still reports every problem; this only makes
//! sure the picture has every state and as many edges as can be read.

use crate::model::{
    ChoiceRule, Flow, ItemProcessor, PassState, ProcessorConfig, State, StateMachine, StateType,
};
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// Builds the typed model of `value` whatever its errors. A valid definition gives the same
/// model as [`StateMachine::from_value`]; a missing `StartAt` becomes `""`; anything that is
/// not an object gives an empty machine.
pub fn lenient_machine(value: &Value) -> StateMachine {
    if let Ok(m) = StateMachine::from_value(value) {
        return m;
    }
    match value {
        Value::Object(body) => lenient_body(body),
        _ => empty_machine(),
    }
}

fn empty_machine() -> StateMachine {
    StateMachine {
        comment: None,
        query_language: None,
        start_at: String::new(),
        states: IndexMap::new(),
        version: None,
        timeout_seconds: None,
        extra: Map::new(),
    }
}

/// Starts from `skeleton` (which must deserialize) and adds the members of `fields` one at a
/// time, keeping each that still lets the whole deserialize.
fn salvage<'a, T: DeserializeOwned>(
    mut skeleton: Map<String, Value>,
    fields: impl IntoIterator<Item = (&'a String, &'a Value)>,
) -> Option<T> {
    for (k, v) in fields {
        let mut candidate = skeleton.clone();
        candidate.insert(k.clone(), v.clone());
        if T::deserialize(&Value::Object(candidate.clone())).is_ok() {
            skeleton = candidate;
        }
    }
    T::deserialize(&Value::Object(skeleton)).ok()
}

fn lenient_body(body: &Map<String, Value>) -> StateMachine {
    let skeleton = match json!({"StartAt": "", "States": {}}) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let header = body
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "StartAt" | "States"));
    let mut machine: StateMachine = salvage(skeleton, header).unwrap_or_else(empty_machine);
    machine.start_at = body
        .get("StartAt")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if let Some(Value::Object(states)) = body.get("States") {
        for (name, state) in states {
            machine.states.insert(name.clone(), lenient_state(state));
        }
    }
    machine
}

/// One state, as much of it as can be read.
pub fn lenient_state(value: &Value) -> State {
    if let Ok(state) = State::deserialize(value) {
        return state;
    }
    let Value::Object(obj) = value else {
        return pass_keeping_flow(&Map::new());
    };
    let Some(ty) = obj
        .get("Type")
        .and_then(Value::as_str)
        .and_then(StateType::parse)
    else {
        return pass_keeping_flow(obj);
    };
    let mut obj = obj.clone();
    match ty {
        StateType::Parallel => {
            let branches: Vec<StateMachine> = match obj.shift_remove("Branches") {
                Some(Value::Array(bs)) => bs.iter().map(lenient_machine).collect(),
                _ => Vec::new(),
            };
            obj.insert("Branches".into(), Value::Array(Vec::new()));
            match salvage_state(ty, &obj) {
                Some(State::Parallel(mut p)) => {
                    p.branches = branches;
                    State::Parallel(p)
                }
                _ => pass_keeping_flow(&obj),
            }
        }
        StateType::Map => {
            let item_processor = obj.shift_remove("ItemProcessor");
            let iterator = obj.shift_remove("Iterator");
            match salvage_state(ty, &obj) {
                Some(State::Map(mut m)) => {
                    m.item_processor = item_processor.as_ref().and_then(lenient_processor);
                    m.iterator = iterator.as_ref().and_then(lenient_processor);
                    State::Map(m)
                }
                _ => pass_keeping_flow(&obj),
            }
        }
        _ => salvage_state(ty, &obj).unwrap_or_else(|| pass_keeping_flow(&obj)),
    }
}

fn lenient_processor(value: &Value) -> Option<ItemProcessor> {
    let mut body = value.as_object()?.clone();
    let processor_config = body
        .shift_remove("ProcessorConfig")
        .and_then(|c| ProcessorConfig::deserialize(&c).ok());
    Some(ItemProcessor {
        processor_config,
        machine: lenient_machine(&Value::Object(body)),
    })
}

/// A state of a known type built field by field.
fn salvage_state(ty: StateType, obj: &Map<String, Value>) -> Option<State> {
    let mut skeleton = Map::new();
    skeleton.insert("Type".into(), Value::String(ty.as_str().into()));
    match ty {
        StateType::Task => {
            skeleton.insert("Resource".into(), Value::String(String::new()));
        }
        StateType::Choice => {
            skeleton.insert("Choices".into(), Value::Array(Vec::new()));
        }
        StateType::Parallel => {
            skeleton.insert("Branches".into(), Value::Array(Vec::new()));
        }
        _ => {}
    }
    let mut obj = obj.clone();
    if let Some(Value::Array(rules)) = obj.get_mut("Choices") {
        keep_edges::<ChoiceRule>(rules, |next| json!({ "Next": next }));
    }
    if let Some(Value::Array(catchers)) = obj.get_mut("Catch") {
        keep_edges::<crate::model::Catcher>(
            catchers,
            |next| json!({ "ErrorEquals": [], "Next": next }),
        );
    }
    salvage(skeleton, obj.iter().filter(|(k, _)| k.as_str() != "Type"))
}

/// Replaces each item that does not deserialize as `T` by `stub(next)` when it has a string
/// `Next`, and drops it otherwise, so that the edge survives.
fn keep_edges<T: DeserializeOwned>(items: &mut Vec<Value>, stub: impl Fn(&str) -> Value) {
    items.retain_mut(|item| {
        if T::deserialize(&*item).is_ok() {
            return true;
        }
        match item.get("Next").and_then(Value::as_str) {
            Some(next) => {
                *item = stub(next);
                true
            }
            None => false,
        }
    });
}

/// A Pass state standing in for one that cannot be read: its `Next`/`End` and `Comment`
/// when they have the right JSON type.
fn pass_keeping_flow(obj: &Map<String, Value>) -> State {
    let mut pass = PassState {
        common: Default::default(),
        parameters: None,
        result: None,
        result_path: None,
        flow: Flow {
            next: obj.get("Next").and_then(Value::as_str).map(str::to_string),
            end: obj.get("End").and_then(Value::as_bool),
        },
        extra: Map::new(),
    };
    pass.common.comment = obj
        .get("Comment")
        .and_then(Value::as_str)
        .map(str::to_string);
    State::Pass(pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_definitions_are_unchanged() {
        let v = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}});
        assert_eq!(
            lenient_machine(&v),
            StateMachine::from_value(&v).expect("valid")
        );
    }

    #[test]
    fn non_objects_give_an_empty_machine() {
        let m = lenient_machine(&json!([1, 2]));
        assert_eq!(m.start_at, "");
        assert!(m.states.is_empty());
    }

    #[test]
    fn a_bad_field_is_dropped_not_the_state() {
        let s = lenient_state(&json!({
            "Type": "Task", "Resource": "arn:x", "TimeoutSeconds": [1], "Next": "B",
            "Catch": [{"ErrorEquals": "oops", "Next": "C"}]
        }));
        let State::Task(t) = s else {
            panic!("a Task stays a Task");
        };
        assert_eq!(t.resource, "arn:x");
        assert_eq!(t.flow.next.as_deref(), Some("B"));
        assert!(t.timeout_seconds.is_none());
        assert_eq!(t.catch.as_deref().map(|c| c[0].next.as_str()), Some("C"));
    }
}
