//! Copies of states: Duplicate (next to the originals) and Paste (states copied earlier).
//! Copies get fresh machine-unique names, the states nested in them too; transitions among
//! the copies follow the copies, transitions to other states stay.

use super::names::{self, CopyStyle};
use super::ops::{self, Place};
use super::remove::resolve_many;
use super::scope;
use super::transitions::{rename_refs, targets};
use super::{EditError, EditOutcome};
use serde_json::{Map, Value};
use std::collections::HashMap;

fn count_label(verb: &str, names: &[String]) -> String {
    match names {
        [one] => format!("{verb} {one}"),
        many => format!("{verb} {} states", many.len()),
    }
}

pub(super) fn duplicate(root: &mut Value, pointers: &[String]) -> Result<EditOutcome, EditError> {
    let groups = resolve_many(root, pointers)?;
    if groups.is_empty() {
        return Err(EditError::NotApplicable {
            pointer: String::new(),
            reason: "no states to duplicate".into(),
        });
    }
    let mut taken = scope::machine_names(root);
    // Every copy's own name first, so nested states cannot take a name a copy wishes for.
    let copy_names: Vec<HashMap<String, String>> = groups
        .iter()
        .map(|g| {
            g.names
                .iter()
                .map(|o| {
                    (
                        o.clone(),
                        names::take_name(&CopyStyle::Copy.wish(o), &mut taken),
                    )
                })
                .collect()
        })
        .collect();
    let mut select = Vec::new();
    let mut originals_all = Vec::new();
    for (group, map) in groups.iter().zip(&copy_names) {
        for original in &group.names {
            let addr = scope::StateAddr {
                scope: group.scope.clone(),
                name: original.clone(),
            };
            let mut copy = scope::state_ref(root, &addr)?.clone();
            rename_refs(&mut copy, map);
            names::rename_nested(&mut copy, &mut taken, CopyStyle::Copy);
            let name = map.get(original).cloned().unwrap_or_default();
            let placed = ops::place_state(
                root,
                &group.scope,
                &name,
                Value::Object(copy),
                Place::After(original),
            )?;
            select.push(placed.pointer());
            originals_all.push(original.clone());
        }
    }
    Ok(EditOutcome::new(
        select,
        count_label("Duplicate", &originals_all),
    ))
}

pub(super) fn paste(
    root: &mut Value,
    scope_ptr: &str,
    states: &Map<String, Value>,
) -> Result<EditOutcome, EditError> {
    let scope_tokens = scope::resolve_scope(root, scope_ptr)?;
    if states.is_empty() {
        return Err(EditError::NotApplicable {
            pointer: scope_ptr.to_string(),
            reason: "nothing to paste".into(),
        });
    }
    let mut taken = scope::machine_names(root);
    let mut map = HashMap::new();
    for (name, state) in states {
        if !state.is_object() {
            return Err(EditError::BadState {
                pointer: scope_ptr.to_string(),
                reason: format!("the pasted state {name:?} is not a JSON object"),
            });
        }
        let wish = names::wish(name, names::type_name(state))?;
        map.insert(name.clone(), names::take_name(&wish, &mut taken));
    }
    let mut pasted: Vec<(String, Map<String, Value>)> = Vec::new();
    for (name, state) in states {
        let mut copy = state.as_object().cloned().unwrap_or_default();
        rename_refs(&mut copy, &map);
        names::rename_nested(&mut copy, &mut taken, CopyStyle::Same);
        pasted.push((map.get(name).cloned().unwrap_or_default(), copy));
    }
    // The head of the pasted chain: the first state no other pasted state leads to.
    let head = pasted
        .iter()
        .find(|(name, _)| {
            !pasted
                .iter()
                .any(|(other, s)| other != name && targets(s).contains(name))
        })
        .or(pasted.first())
        .map(|(name, _)| name.clone());
    let start = ops::needs_start(scope::scope_mut(root, &scope_tokens)?);
    let mut select = Vec::new();
    let mut new_names = Vec::new();
    for (name, state) in pasted {
        let addr = ops::place_state(
            root,
            &scope_tokens,
            &name,
            Value::Object(state),
            Place::Last,
        )?;
        select.push(addr.pointer());
        new_names.push(name);
    }
    if let (true, Some(head)) = (start, head) {
        ops::set_start_at(scope::scope_mut(root, &scope_tokens)?, &head);
    }
    Ok(EditOutcome::new(select, count_label("Paste", &new_names)))
}
