//! Transitions as written in the raw definition: every reference to a state name
//! (`StartAt`, `Next`, `Default`, `Choices[i].Next`, `Catch[i].Next`), read and rewritten in
//! place so that key order survives.

use serde_json::{Map, Value};
use std::collections::HashMap;

/// Which transition of a state a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    Next,
    Default,
    Choice(usize),
    Catch(usize),
}

/// Calls `f` with every transition target a state writes as a string. Only top-level Choice
/// rules carry `Next` (rules nested in And/Or/Not hold conditions only).
pub(crate) fn for_each_ref(state: &Map<String, Value>, mut f: impl FnMut(RefKind, &str)) {
    if let Some(Value::String(s)) = state.get("Next") {
        f(RefKind::Next, s);
    }
    if let Some(Value::String(s)) = state.get("Default") {
        f(RefKind::Default, s);
    }
    for (field, kind) in [
        ("Choices", RefKind::Choice as fn(usize) -> RefKind),
        ("Catch", RefKind::Catch),
    ] {
        if let Some(Value::Array(items)) = state.get(field) {
            for (i, item) in items.iter().enumerate() {
                if let Some(Value::String(s)) = item.get("Next") {
                    f(kind(i), s);
                }
            }
        }
    }
}

/// [`for_each_ref`], with each target writable.
pub(crate) fn for_each_ref_mut(
    state: &mut Map<String, Value>,
    mut f: impl FnMut(RefKind, &mut String),
) {
    if let Some(Value::String(s)) = state.get_mut("Next") {
        f(RefKind::Next, s);
    }
    if let Some(Value::String(s)) = state.get_mut("Default") {
        f(RefKind::Default, s);
    }
    for (field, kind) in [
        ("Choices", RefKind::Choice as fn(usize) -> RefKind),
        ("Catch", RefKind::Catch),
    ] {
        if let Some(Value::Array(items)) = state.get_mut(field) {
            for (i, item) in items.iter_mut().enumerate() {
                if let Some(Value::String(s)) = item.get_mut("Next") {
                    f(kind(i), s);
                }
            }
        }
    }
}

/// Every target a state names, in the order [`for_each_ref`] meets them.
pub(crate) fn targets(state: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for_each_ref(state, |_, t| out.push(t.to_string()));
    out
}

/// Rewrites the references of one state through `map` (names not in it stay).
pub(crate) fn rename_refs(state: &mut Map<String, Value>, map: &HashMap<String, String>) {
    for_each_ref_mut(state, |_, t| {
        if let Some(new) = map.get(t.as_str()) {
            t.clone_from(new);
        }
    });
}

/// Rewrites every reference of a scope (`StartAt` and its states' transitions) through
/// `map`.
pub(crate) fn rename_scope_refs(scope: &mut Map<String, Value>, map: &HashMap<String, String>) {
    if let Some(Value::String(s)) = scope.get_mut("StartAt") {
        if let Some(new) = map.get(s.as_str()) {
            s.clone_from(new);
        }
    }
    if let Some(Value::Object(states)) = scope.get_mut("States") {
        for state in states.values_mut().filter_map(Value::as_object_mut) {
            rename_refs(state, map);
        }
    }
}

/// Replaces the member `old` by `new_key: value`, at the same position (or appends it when
/// `old` is absent). Keeps the order of every other member.
pub(crate) fn replace_key(map: &mut Map<String, Value>, old: &str, new_key: &str, value: Value) {
    if !map.contains_key(old) {
        map.shift_remove(new_key);
        map.insert(new_key.to_string(), value);
        return;
    }
    let mut value = Some(value);
    let members = std::mem::take(map);
    for (k, v) in members {
        if k == old {
            if let Some(value) = value.take() {
                map.insert(new_key.to_string(), value);
            }
        } else if k != new_key {
            map.insert(k, v);
        }
    }
}

/// Renames the member `old` to `new_key` at the same position, moving its value. Does nothing
/// when `old` is absent.
pub(crate) fn rename_key(map: &mut Map<String, Value>, old: &str, new_key: &str) {
    if !map.contains_key(old) {
        return;
    }
    let members = std::mem::take(map);
    for (k, v) in members {
        if k == old {
            map.insert(new_key.to_string(), v);
        } else if k != new_key {
            map.insert(k, v);
        }
    }
}

/// Points a state's `Next` at `target`; an `End` is replaced in place.
pub(crate) fn set_next(state: &mut Map<String, Value>, target: &str) {
    let target = Value::String(target.to_string());
    if state.contains_key("Next") {
        state.insert("Next".into(), target);
        state.shift_remove("End");
    } else {
        replace_key(state, "End", "Next", target);
    }
}

/// Makes a state end its scope: `Next` is replaced in place by `End: true`.
pub(crate) fn set_end(state: &mut Map<String, Value>) {
    if state.contains_key("End") {
        state.insert("End".into(), Value::Bool(true));
        state.shift_remove("Next");
    } else {
        replace_key(state, "Next", "End", Value::Bool(true));
    }
}

/// Where a state leads when control passes through it: its `Next`, or nothing when it ends
/// (End, Succeed, Fail) or branches (a Choice).
pub(crate) fn successor(state: &Map<String, Value>) -> Option<&str> {
    if !super::scope::takes_next_or_end(state) {
        return None;
    }
    state.get("Next").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("test objects"),
        }
    }

    #[test]
    fn finds_every_reference() {
        let s = obj(json!({
            "Type": "Choice",
            "Choices": [
                {"Not": {"Variable": "$.a", "IsPresent": true, "Next": "Nested"}, "Next": "A"},
                {"Variable": "$.b", "IsNull": true, "Next": "B"}
            ],
            "Default": "D",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}]
        }));
        assert_eq!(targets(&s), vec!["D", "A", "B", "C"]);
    }

    #[test]
    fn end_and_next_swap_in_place() {
        let mut s = obj(json!({"Type": "Pass", "End": true, "Comment": "x"}));
        set_next(&mut s, "B");
        assert_eq!(
            serde_json::to_string(&s).expect("json"),
            r#"{"Type":"Pass","Next":"B","Comment":"x"}"#
        );
        set_end(&mut s);
        assert_eq!(
            serde_json::to_string(&s).expect("json"),
            r#"{"Type":"Pass","End":true,"Comment":"x"}"#
        );
    }

    #[test]
    fn replace_key_keeps_order() {
        let mut m = obj(json!({"a": 1, "b": 2, "c": 3}));
        replace_key(&mut m, "b", "z", json!(9));
        assert_eq!(
            serde_json::to_string(&m).expect("json"),
            r#"{"a":1,"z":9,"c":3}"#
        );
    }
}
