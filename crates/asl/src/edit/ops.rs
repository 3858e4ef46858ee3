//! Edits of single states: add, add a branch, rename, set a field. Also the helpers every
//! edit that creates states shares (turning a template into a named state, placing it).

use super::names::{self, CopyStyle};
use super::scope::{self, StateAddr};
use super::transitions::{rename_key, rename_scope_refs};
use super::{EditError, EditOutcome};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};

/// Where a new state goes in its scope's `States` (key order only: JSON readers see it
/// there; the graph does not care).
#[derive(Debug, Clone, Copy)]
pub(super) enum Place<'a> {
    First,
    After(&'a str),
    Last,
}

/// A template made into a state: a fresh machine-unique name (from the wish, else its Type)
/// and the states nested in it renamed to fresh names as well.
pub(super) fn prepare(
    template: &Value,
    wish: &str,
    taken: &mut HashSet<String>,
    scope_ptr: &str,
) -> Result<(String, Map<String, Value>), EditError> {
    let Value::Object(state) = template else {
        return Err(EditError::BadState {
            pointer: scope_ptr.to_string(),
            reason: "a state is a JSON object".into(),
        });
    };
    let wish = names::wish(wish, names::type_name(template))?;
    let name = names::take_name(&wish, taken);
    let mut state = state.clone();
    names::rename_nested(&mut state, taken, CopyStyle::Same);
    Ok((name, state))
}

/// Whether a scope has nothing to start at: no states, or no `StartAt` string.
pub(super) fn needs_start(scope: &Map<String, Value>) -> bool {
    let empty = scope::states_of(scope).is_none_or(Map::is_empty);
    empty || !scope.get("StartAt").is_some_and(Value::is_string)
}

/// Adds a named state to a scope at `place`; returns its address. The caller has made the
/// name unique.
pub(super) fn place_state(
    root: &mut Value,
    scope_tokens: &[String],
    name: &str,
    state: Value,
    place: Place<'_>,
) -> Result<StateAddr, EditError> {
    let scope_obj = scope::scope_mut(root, scope_tokens)?;
    let states = scope::states_mut(scope_obj, scope_tokens)?;
    let index = match place {
        Place::First => 0,
        Place::Last => states.len(),
        Place::After(prev) => states
            .keys()
            .position(|k| k == prev)
            .map_or(states.len(), |i| i + 1),
    };
    states.shift_insert(index, name.to_string(), state);
    Ok(StateAddr {
        scope: scope_tokens.to_vec(),
        name: name.to_string(),
    })
}

/// Points a scope's `StartAt` at `name`, keeping its position when it exists.
pub(super) fn set_start_at(scope: &mut Map<String, Value>, name: &str) {
    scope.insert("StartAt".into(), Value::String(name.to_string()));
}

pub(super) fn add_state(
    root: &mut Value,
    scope_ptr: &str,
    wish: &str,
    template: &Value,
) -> Result<EditOutcome, EditError> {
    let scope_tokens = scope::resolve_scope(root, scope_ptr)?;
    let mut taken = scope::machine_names(root);
    let (name, mut state) = prepare(template, wish, &mut taken, scope_ptr)?;
    super::language::adapt_new_state(&mut state, super::language::machine_language(root));
    let has_flow = state.contains_key("Next") || state.contains_key("End");
    if !has_flow && scope::takes_next_or_end(&state) {
        state.insert("End".into(), Value::Bool(true));
    }
    let start = needs_start(scope::scope_mut(root, &scope_tokens)?);
    let addr = place_state(
        root,
        &scope_tokens,
        &name,
        Value::Object(state),
        Place::Last,
    )?;
    if start {
        set_start_at(scope::scope_mut(root, &scope_tokens)?, &name);
    }
    Ok(EditOutcome::new(
        vec![addr.pointer()],
        format!("Add {name}"),
    ))
}

pub(super) fn add_branch(root: &mut Value, pointer: &str) -> Result<EditOutcome, EditError> {
    let addr = scope::resolve_state(root, pointer)?;
    let mut taken = scope::machine_names(root);
    let state = scope::state_mut(root, &addr)?;
    if scope::state_type(state) != "Parallel" {
        return Err(EditError::NotApplicable {
            pointer: addr.pointer(),
            reason: "only a Parallel state has branches".into(),
        });
    }
    let name = names::take_name("Pass", &mut taken);
    let branches = state
        .entry("Branches")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(branches) = branches else {
        return Err(EditError::NotApplicable {
            pointer: format!("{}/Branches", addr.pointer()),
            reason: "Branches is not an array".into(),
        });
    };
    branches.push(json!({
        "StartAt": name,
        "States": { name.clone(): { "Type": "Pass", "End": true } }
    }));
    let mut scope_tokens = addr.tokens();
    scope_tokens.push("Branches".into());
    scope_tokens.push((branches.len() - 1).to_string());
    Ok(EditOutcome::new(
        vec![scope::state_pointer(&scope_tokens, &name)],
        format!("Add branch to {}", addr.name),
    ))
}

pub(super) fn rename(
    root: &mut Value,
    pointer: &str,
    name: &str,
) -> Result<EditOutcome, EditError> {
    let addr = scope::resolve_state(root, pointer)?;
    names::check_name(name)?;
    let old = addr.name.clone();
    let new_addr = addr.sibling(name);
    let label = format!("Rename {old} to {name}");
    if old == name {
        return Ok(EditOutcome::new(vec![new_addr.pointer()], label));
    }
    if scope::machine_names(root).contains(name) {
        return Err(EditError::BadName {
            name: name.to_string(),
            reason: "another state already has it (names are unique in the whole machine)".into(),
        });
    }
    let scope_obj = scope::scope_mut(root, &addr.scope)?;
    let states = scope::states_mut(scope_obj, &addr.scope)?;
    rename_key(states, &old, name);
    rename_scope_refs(scope_obj, &HashMap::from([(old, name.to_string())]));
    Ok(EditOutcome::new(vec![new_addr.pointer()], label))
}

pub(super) fn set_value(
    root: &mut Value,
    pointer: &str,
    value: Option<&Value>,
) -> Result<EditOutcome, EditError> {
    let mut tokens = scope::parse_pointer(pointer)?;
    let bad = |reason: &str| EditError::BadPointer {
        pointer: pointer.to_string(),
        reason: reason.to_string(),
    };
    let Some(last) = tokens.pop() else {
        return Err(bad("the whole definition cannot be set; edit its fields"));
    };
    match scope::get_mut(root, &tokens) {
        Some(Value::Object(obj)) => match value {
            Some(v) => {
                obj.insert(last.clone(), v.clone());
            }
            None => {
                obj.shift_remove(&last);
            }
        },
        Some(Value::Array(items)) => {
            let index = if last == "-" {
                Some(items.len())
            } else {
                scope::parse_index(&last)
            };
            match (index, value) {
                (Some(i), Some(v)) if i < items.len() => items[i] = v.clone(),
                (Some(i), Some(v)) if i == items.len() => items.push(v.clone()),
                (Some(i), None) if i < items.len() => {
                    items.remove(i);
                }
                _ => return Err(bad("no such array element")),
            }
        }
        Some(_) => return Err(bad("the parent is neither an object nor an array")),
        None => return Err(bad("the parent does not exist")),
    }
    tokens.push(last);
    Ok(edit_outcome(root, &tokens))
}

/// Select the innermost state that holds `tokens`; name it and the field in the label.
fn edit_outcome(root: &Value, tokens: &[String]) -> EditOutcome {
    for k in (2..=tokens.len()).rev() {
        let (holder, rest) = tokens.split_at(k);
        let scope_part = &holder[..k - 2];
        if holder[k - 2] != "States" || !scope::is_scope_path(scope_part) {
            continue;
        }
        if !scope::get(root, holder).is_some_and(Value::is_object) {
            continue;
        }
        let name = &holder[k - 1];
        let label = match rest.first() {
            Some(field) => format!("Edit {field} of {name}"),
            None => format!("Edit {name}"),
        };
        return EditOutcome::new(vec![scope::render(holder)], label);
    }
    EditOutcome::new(Vec::new(), "Edit definition")
}
