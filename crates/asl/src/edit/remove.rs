//! Taking states out of a scope: Delete, and MoveIntoBranch (which takes a state out the
//! same way and puts it in another scope). Transitions into a removed state are re-routed to
//! where it led, so a chain stays connected.

use super::ops::{self, Place};
use super::scope::{self, StateAddr};
use super::transitions::{for_each_ref, for_each_ref_mut, set_end, successor, RefKind};
use super::{EditError, EditOutcome};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// Names of states of one scope.
pub(super) struct ScopeGroup {
    pub scope: Vec<String>,
    pub names: Vec<String>,
}

/// Resolves state pointers, drops repeats and states inside another listed state (they go
/// with it), and groups them by scope, in the order given.
pub(super) fn resolve_many(
    root: &Value,
    pointers: &[String],
) -> Result<Vec<ScopeGroup>, EditError> {
    let mut addrs: Vec<StateAddr> = Vec::new();
    for p in pointers {
        let a = scope::resolve_state(root, p)?;
        if !addrs.contains(&a) {
            addrs.push(a);
        }
    }
    let outer: Vec<&StateAddr> = addrs
        .iter()
        .filter(|a| {
            let t = a.tokens();
            !addrs.iter().any(|b| b != *a && b.contains(&t))
        })
        .collect();
    let mut groups: Vec<ScopeGroup> = Vec::new();
    for a in outer {
        match groups.iter_mut().find(|g| g.scope == a.scope) {
            Some(g) => g.names.push(a.name.clone()),
            None => groups.push(ScopeGroup {
                scope: a.scope.clone(),
                names: vec![a.name.clone()],
            }),
        }
    }
    Ok(groups)
}

/// Where a reference to a removed state should go: the first state that is not removed
/// along the removed states' `Next` chain, or `None` when the chain ends (End, Succeed,
/// Fail, Choice, a loop of removed states).
fn reroutes(
    states: &Map<String, Value>,
    removed: &HashSet<&str>,
) -> HashMap<String, Option<String>> {
    let mut out = HashMap::new();
    for &name in removed {
        let mut seen = HashSet::new();
        let mut cur = name;
        let target = loop {
            if !removed.contains(cur) {
                break Some(cur.to_string());
            }
            if !seen.insert(cur) {
                break None;
            }
            match states
                .get(cur)
                .and_then(Value::as_object)
                .and_then(successor)
            {
                Some(next) => cur = next,
                None => break None,
            }
        };
        out.insert(name.to_string(), target);
    }
    out
}

/// Removes states from one scope, re-routing references to them: to their successor when
/// there is one; otherwise a `Next` becomes `End: true`, `StartAt` moves to the first
/// remaining state (or goes when none remain), and Choice rules, Defaults and catchers are
/// left naming the removed state (the validator reports them; user logic is not dropped).
/// Returns the removed states in scope order.
fn remove_from_scope(
    root: &mut Value,
    scope_tokens: &[String],
    names: &[String],
) -> Result<Vec<(String, Value)>, EditError> {
    let scope_obj = scope::scope_mut(root, scope_tokens)?;
    let states = scope::states_mut(scope_obj, scope_tokens)?;
    let removed: HashSet<&str> = names.iter().map(String::as_str).collect();
    let routes = reroutes(states, &removed);
    let mut taken_out = Vec::new();
    for (name, state) in std::mem::take(states) {
        if removed.contains(name.as_str()) {
            taken_out.push((name, state));
        } else {
            states.insert(name, state);
        }
    }
    for state in states.values_mut().filter_map(Value::as_object_mut) {
        let mut ends = false;
        for_each_ref_mut(state, |kind, t| match routes.get(t.as_str()) {
            Some(Some(to)) => t.clone_from(to),
            Some(None) if kind == RefKind::Next => ends = true,
            _ => {}
        });
        if ends {
            set_end(state);
        }
    }
    let first = states.keys().next().cloned();
    let start = scope_obj
        .get("StartAt")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(start) = start {
        match routes.get(&start) {
            Some(Some(to)) => ops::set_start_at(scope_obj, to),
            Some(None) => match first {
                Some(first) => ops::set_start_at(scope_obj, &first),
                None => {
                    scope_obj.shift_remove("StartAt");
                }
            },
            None => {}
        }
    }
    Ok(taken_out)
}

pub(super) fn delete(root: &mut Value, pointers: &[String]) -> Result<EditOutcome, EditError> {
    let groups = resolve_many(root, pointers)?;
    if groups.is_empty() {
        return Err(EditError::NotApplicable {
            pointer: String::new(),
            reason: "no states to delete".into(),
        });
    }
    let mut deleted = Vec::new();
    for g in &groups {
        remove_from_scope(root, &g.scope, &g.names)?;
        deleted.extend(g.names.iter().cloned());
    }
    let label = match deleted.as_slice() {
        [one] => format!("Delete {one}"),
        many => format!("Delete {} states", many.len()),
    };
    Ok(EditOutcome::new(Vec::new(), label))
}

pub(super) fn move_into(
    root: &mut Value,
    pointer: &str,
    scope_ptr: &str,
) -> Result<EditOutcome, EditError> {
    let addr = scope::resolve_state(root, pointer)?;
    let target = scope::resolve_scope(root, scope_ptr)?;
    if target == addr.scope {
        return Err(EditError::NotApplicable {
            pointer: pointer.to_string(),
            reason: "the state is already in that scope".into(),
        });
    }
    if addr.contains(&target) {
        return Err(EditError::NotApplicable {
            pointer: scope_ptr.to_string(),
            reason: "a state cannot be moved into its own branches or processor".into(),
        });
    }
    let mut taken_out = remove_from_scope(root, &addr.scope, std::slice::from_ref(&addr.name))?;
    let Some((name, mut state)) = taken_out.pop() else {
        return Err(EditError::NoState {
            pointer: pointer.to_string(),
        });
    };
    let scope_obj = scope::scope_mut(root, &target)?;
    let start = ops::needs_start(scope_obj);
    let mut here: HashSet<String> = scope::states_of(scope_obj)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    here.insert(name.clone());
    if let Some(obj) = state.as_object_mut() {
        drop_foreign_refs(obj, &here);
    }
    let new_addr = ops::place_state(root, &target, &name, state, Place::Last)?;
    if start {
        ops::set_start_at(scope::scope_mut(root, &target)?, &name);
    }
    Ok(EditOutcome::new(
        vec![new_addr.pointer()],
        format!("Move {name}"),
    ))
}

/// Removes a moved state's transitions to states not in its new scope (they would cross a
/// branch boundary): `Next` becomes `End: true`, a `Default` goes, a Choice rule loses its
/// `Next` (its condition stays for the user to reconnect), a catcher goes.
fn drop_foreign_refs(state: &mut Map<String, Value>, here: &HashSet<String>) {
    let mut foreign = Vec::new();
    for_each_ref(state, |kind, t| {
        if !here.contains(t) {
            foreign.push(kind);
        }
    });
    let mut dropped_catchers = Vec::new();
    for kind in foreign {
        match kind {
            RefKind::Next => set_end(state),
            RefKind::Default => {
                state.shift_remove("Default");
            }
            RefKind::Choice(i) => {
                if let Some(rule) = state
                    .get_mut("Choices")
                    .and_then(|c| c.get_mut(i))
                    .and_then(Value::as_object_mut)
                {
                    rule.shift_remove("Next");
                }
            }
            RefKind::Catch(i) => dropped_catchers.push(i),
        }
    }
    if dropped_catchers.is_empty() {
        return;
    }
    if let Some(Value::Array(catchers)) = state.get_mut("Catch") {
        for i in dropped_catchers.into_iter().rev() {
            catchers.remove(i);
        }
        if catchers.is_empty() {
            state.shift_remove("Catch");
        }
    }
}
