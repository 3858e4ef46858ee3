//! State names: the rules AWS applies to them, fresh unique names (`Pass`, `Pass 2`, ...),
//! and giving the states nested in a new or copied Parallel/Map fresh names too. Names are
//! unique in the whole machine, nested branches and processors included.

use super::scope::{self, nested_bodies_mut};
use super::transitions::rename_scope_refs;
use super::EditError;
use crate::validate::MAX_STATE_NAME_CHARS;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// Checks a name a user typed (Rename): not empty, at most 80 characters (as AWS), no
/// control characters.
pub(crate) fn check_name(name: &str) -> Result<(), EditError> {
    let bad = |reason: &str| EditError::BadName {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    if name.is_empty() {
        return Err(bad("a state name cannot be empty"));
    }
    let len = name.chars().count();
    if len > MAX_STATE_NAME_CHARS {
        return Err(bad(&format!(
            "it is {len} characters long; AWS allows at most {MAX_STATE_NAME_CHARS}"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(bad("a state name cannot contain control characters"));
    }
    Ok(())
}

/// A wished-for name (AddState, InsertOnEdge, Paste): control characters are refused, an
/// empty wish becomes `fallback` (the state's Type, say).
pub(crate) fn wish(name: &str, fallback: &str) -> Result<String, EditError> {
    if name.chars().any(char::is_control) {
        return Err(EditError::BadName {
            name: name.to_string(),
            reason: "a state name cannot contain control characters".into(),
        });
    }
    if name.trim().is_empty() {
        let fallback = if fallback.trim().is_empty() || fallback.chars().any(char::is_control) {
            "State"
        } else {
            fallback
        };
        return Ok(fallback.to_string());
    }
    Ok(name.to_string())
}

/// The first `max` characters of `s`.
fn clamp(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `"Pass 2"` → `("Pass", 3)`; `"Pass"` → `("Pass", 2)`: where numbering continues.
fn stem_and_next(name: &str) -> (&str, u64) {
    if let Some((stem, n)) = name.rsplit_once(' ') {
        let canonical =
            !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit());
        if canonical && !stem.is_empty() {
            if let Some(next) = n.parse::<u64>().ok().and_then(|n| n.checked_add(1)) {
                return (stem, next);
            }
        }
    }
    (name, 2)
}

/// `wish` when free, else the wish numbered (`Pass 2`, `Pass 3`, ...; a wish that already
/// ends in a number continues from it). Never longer than AWS allows.
pub(crate) fn unique_name(wish: &str, taken: &HashSet<String>) -> String {
    let wish = clamp(wish, MAX_STATE_NAME_CHARS);
    if !taken.contains(wish) {
        return wish.to_string();
    }
    let (stem, first) = stem_and_next(wish);
    let mut n = first;
    loop {
        let suffix = format!(" {n}");
        let room = MAX_STATE_NAME_CHARS.saturating_sub(suffix.chars().count());
        let candidate = format!("{}{suffix}", clamp(stem, room));
        if !taken.contains(&candidate) {
            return candidate;
        }
        n = n.saturating_add(1);
    }
}

/// Takes a unique name for `wish` and records it as taken.
pub(crate) fn take_name(wish: &str, taken: &mut HashSet<String>) -> String {
    let name = unique_name(wish, taken);
    taken.insert(name.clone());
    name
}

/// How a copied name is wished for: the same name (Paste) or `"<name> copy"` (Duplicate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CopyStyle {
    Same,
    Copy,
}

impl CopyStyle {
    pub fn wish(self, name: &str) -> String {
        match self {
            CopyStyle::Same => name.to_string(),
            CopyStyle::Copy => format!("{name} copy"),
        }
    }
}

/// Gives every state nested in `state` (Parallel branches, Map processor, at any depth) a
/// fresh machine-unique name, rewriting the references inside each nested body to match.
/// The names handed out are added to `taken`.
pub(crate) fn rename_nested(
    state: &mut Map<String, Value>,
    taken: &mut HashSet<String>,
    style: CopyStyle,
) {
    for body in nested_bodies_mut(state) {
        rename_body(body, taken, style);
    }
}

fn rename_body(body: &mut Map<String, Value>, taken: &mut HashSet<String>, style: CopyStyle) {
    let Some(Value::Object(states)) = body.get_mut("States") else {
        return;
    };
    let mut map = HashMap::new();
    let old = std::mem::take(states);
    for (name, mut state) in old {
        let new = take_name(&style.wish(&name), taken);
        if let Some(obj) = state.as_object_mut() {
            rename_nested(obj, taken, style);
        }
        states.insert(new.clone(), state);
        map.insert(name, new);
    }
    rename_scope_refs(body, &map);
}

/// The name a new state would get for its Type (`Pass`, `Task`, ...).
pub(crate) fn type_name(state: &Value) -> &str {
    state
        .as_object()
        .map(scope::state_type)
        .filter(|t| !t.is_empty())
        .unwrap_or("State")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(names: &[&str]) -> HashSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbers_taken_names() {
        assert_eq!(unique_name("Pass", &set(&[])), "Pass");
        assert_eq!(unique_name("Pass", &set(&["Pass"])), "Pass 2");
        assert_eq!(unique_name("Pass", &set(&["Pass", "Pass 2"])), "Pass 3");
        assert_eq!(unique_name("Pass 2", &set(&["Pass", "Pass 2"])), "Pass 3");
        assert_eq!(unique_name("A copy", &set(&["A copy"])), "A copy 2");
        assert_eq!(unique_name("Step 007", &set(&["Step 007"])), "Step 007 2");
    }

    #[test]
    fn numbered_names_fit_the_limit() {
        let long = "x".repeat(80);
        let name = unique_name(&long, &set(&[long.as_str()]));
        assert_eq!(name.chars().count(), 80);
        assert!(name.ends_with(" 2"));
        let longer = "é".repeat(100);
        assert_eq!(unique_name(&longer, &set(&[])).chars().count(), 80);
    }

    #[test]
    fn checks_names() {
        assert!(check_name("Ok name").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a\nb").is_err());
        assert!(check_name(&"y".repeat(81)).is_err());
        assert_eq!(wish("", "Task").expect("wish"), "Task");
        assert!(wish("a\u{7}", "Task").is_err());
    }

    #[test]
    fn renames_nested_states_and_their_references() {
        let mut state = match json!({"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Pass", "End": true}}}
        ], "End": true})
        {
            Value::Object(m) => m,
            _ => unreachable!(),
        };
        let mut taken = set(&["A", "B", "P"]);
        rename_nested(&mut state, &mut taken, CopyStyle::Copy);
        let branch = &state["Branches"][0];
        assert_eq!(branch["StartAt"], "A copy");
        assert_eq!(branch["States"]["A copy"]["Next"], "B copy");
        assert!(taken.contains("B copy"));
    }
}
