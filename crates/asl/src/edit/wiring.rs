//! Edits of the edges: insert a state on an edge, connect a slot to a state, disconnect it.

use super::ops::{self, Place};
use super::scope::{self, StateAddr};
use super::transitions::{set_end, set_next};
use super::{EditError, EditOutcome, Slot};
use serde_json::{json, Map, Value};

/// Where a slot's edge leads now.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    State(String),
    /// The End marker (`End: true`).
    End,
    /// Nowhere: the slot is not set.
    Nothing,
}

fn not_applicable(pointer: String, reason: &str) -> EditError {
    EditError::NotApplicable {
        pointer,
        reason: reason.to_string(),
    }
}

/// Checks that a state of type `ty` has `slot`.
fn check_slot(ty: &str, slot: Slot, pointer: &str) -> Result<(), EditError> {
    let ok = match slot {
        Slot::Start => false,
        Slot::Next => crate::model::StateType::parse(ty)
            .is_none_or(crate::model::StateType::takes_next_or_end),
        Slot::Default | Slot::Choice { .. } | Slot::NewChoice => ty == "Choice",
        Slot::Catch { .. } | Slot::NewCatch => matches!(ty, "Task" | "Parallel" | "Map"),
    };
    if ok {
        return Ok(());
    }
    let reason = match slot {
        Slot::Start => "the Start slot belongs to a scope: give the scope pointer".to_string(),
        Slot::Next if ty == "Choice" => {
            "a Choice state has no Next; use its rules or Default".to_string()
        }
        Slot::Next => format!("a {ty} state ends its branch and has no Next"),
        Slot::Default | Slot::Choice { .. } | Slot::NewChoice => {
            "only a Choice state has rules and a Default".to_string()
        }
        Slot::Catch { .. } | Slot::NewCatch => {
            "only Task, Parallel and Map states can catch errors".to_string()
        }
    };
    Err(not_applicable(pointer.to_string(), &reason))
}

/// The member `index` of array `field`, as an object.
fn item_mut<'a>(
    state: &'a mut Map<String, Value>,
    field: &str,
    index: usize,
    state_ptr: &str,
) -> Result<&'a mut Map<String, Value>, EditError> {
    state
        .get_mut(field)
        .and_then(Value::as_array_mut)
        .and_then(|items| items.get_mut(index))
        .and_then(Value::as_object_mut)
        .ok_or_else(|| {
            not_applicable(
                format!("{state_ptr}/{field}/{index}"),
                &format!("there is no {field} entry {index}"),
            )
        })
}

fn string_target(v: Option<&Value>) -> Target {
    match v {
        Some(Value::String(s)) => Target::State(s.clone()),
        _ => Target::Nothing,
    }
}

/// Where a state's slot leads.
fn read_slot(
    state: &mut Map<String, Value>,
    slot: Slot,
    state_ptr: &str,
) -> Result<Target, EditError> {
    Ok(match slot {
        Slot::Next => match state.get("Next") {
            Some(Value::String(s)) => Target::State(s.clone()),
            _ if state.get("End") == Some(&Value::Bool(true)) => Target::End,
            _ => Target::Nothing,
        },
        Slot::Default => string_target(state.get("Default")),
        Slot::Choice { index } => {
            string_target(item_mut(state, "Choices", index, state_ptr)?.get("Next"))
        }
        Slot::Catch { index } => {
            string_target(item_mut(state, "Catch", index, state_ptr)?.get("Next"))
        }
        Slot::Start | Slot::NewChoice | Slot::NewCatch => {
            return Err(not_applicable(
                state_ptr.to_string(),
                "a new rule or catcher has no edge yet: connect it instead",
            ))
        }
    })
}

/// Points an existing slot of a state at `target`.
fn write_slot(
    state: &mut Map<String, Value>,
    slot: Slot,
    target: &str,
    state_ptr: &str,
) -> Result<(), EditError> {
    let t = Value::String(target.to_string());
    match slot {
        Slot::Next => set_next(state, target),
        Slot::Default => {
            state.insert("Default".into(), t);
        }
        Slot::Choice { index } => {
            item_mut(state, "Choices", index, state_ptr)?.insert("Next".into(), t);
        }
        Slot::Catch { index } => {
            item_mut(state, "Catch", index, state_ptr)?.insert("Next".into(), t);
        }
        Slot::Start | Slot::NewChoice | Slot::NewCatch => {
            return Err(not_applicable(
                state_ptr.to_string(),
                "not an existing slot",
            ))
        }
    }
    Ok(())
}

/// The source of an edge: a scope (for the Start slot) or a state.
enum Source {
    Scope(Vec<String>),
    State(StateAddr),
}

impl Source {
    fn resolve(root: &Value, pointer: &str, slot: Slot) -> Result<Self, EditError> {
        if slot == Slot::Start {
            return scope::resolve_scope(root, pointer).map(Source::Scope);
        }
        let addr = scope::resolve_state(root, pointer)?;
        let state = scope::state_ref(root, &addr)?;
        check_slot(scope::state_type(state), slot, pointer)?;
        Ok(Source::State(addr))
    }

    fn scope(&self) -> &[String] {
        match self {
            Source::Scope(s) => s,
            Source::State(a) => &a.scope,
        }
    }

    fn label_name(&self) -> &str {
        match self {
            Source::Scope(_) => "Start",
            Source::State(a) => &a.name,
        }
    }
}

pub(super) fn insert_on_edge(
    root: &mut Value,
    source_ptr: &str,
    slot: Slot,
    wish: &str,
    template: &Value,
) -> Result<EditOutcome, EditError> {
    let source = Source::resolve(root, source_ptr, slot)?;
    let old = match (&source, slot) {
        // A new rule or catcher leads nowhere yet: the new state ends.
        (Source::State(_), Slot::NewChoice | Slot::NewCatch) => Target::Nothing,
        (Source::Scope(s), _) => string_target(scope::scope_mut(root, s)?.get("StartAt")),
        (Source::State(a), _) => read_slot(scope::state_mut(root, a)?, slot, source_ptr)?,
    };
    let scope_tokens = source.scope().to_vec();
    let mut taken = scope::machine_names(root);
    let (name, mut state) =
        ops::prepare(template, wish, &mut taken, &scope::render(&scope_tokens))?;
    super::language::adapt_new_state(&mut state, super::language::machine_language(root));
    match scope::state_type(&state) {
        "Succeed" | "Fail" => {
            state.shift_remove("Next");
            state.shift_remove("End");
        }
        "Choice" => {
            state.shift_remove("Next");
            state.shift_remove("End");
            if let Target::State(t) = &old {
                state.insert("Default".into(), Value::String(t.clone()));
            }
        }
        _ => match &old {
            Target::State(t) => set_next(&mut state, t),
            Target::End | Target::Nothing => set_end(&mut state),
        },
    }
    let place = match &source {
        Source::Scope(_) => Place::First,
        Source::State(a) => Place::After(&a.name),
    };
    let addr = ops::place_state(root, &scope_tokens, &name, Value::Object(state), place)?;
    match (&source, slot) {
        (Source::Scope(s), _) => ops::set_start_at(scope::scope_mut(root, s)?, &name),
        (Source::State(a), Slot::NewChoice) => {
            let jsonata = uses_jsonata(root, scope::state_ref(root, a)?);
            let state = scope::state_mut(root, a)?;
            // A palette click on a Choice adds a branch: a rule, never the Default.
            match empty_rule(state) {
                Some(i) => write_slot(state, Slot::Choice { index: i }, &name, source_ptr)?,
                None => {
                    array_mut(state, "Choices", source_ptr)?.push(placeholder_rule(jsonata, &name))
                }
            }
        }
        (Source::State(a), Slot::NewCatch) => {
            add_catcher(scope::state_mut(root, a)?, &name, source_ptr)?;
        }
        (Source::State(a), _) => {
            write_slot(scope::state_mut(root, a)?, slot, &name, source_ptr)?;
        }
    }
    Ok(EditOutcome::new(
        vec![addr.pointer()],
        format!("Insert {name}"),
    ))
}

/// The first Choice rule that leads nowhere (no `Next`, or an empty one): a rule the user
/// started and has not connected yet.
fn empty_rule(state: &Map<String, Value>) -> Option<usize> {
    state.get("Choices")?.as_array()?.iter().position(|r| {
        r.is_object()
            && r.get("Next")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
    })
}

/// A rule that always matches, for the user to edit: the condition is theirs to write.
fn placeholder_rule(jsonata: bool, target: &str) -> Value {
    if jsonata {
        json!({"Condition": "{% true %}", "Next": target})
    } else {
        json!({"Variable": "$", "IsPresent": true, "Next": target})
    }
}

/// Adds a catcher leading to `target`: `States.ALL`, or `States.TaskFailed` before an existing
/// final `States.ALL` (which must stay last).
fn add_catcher(
    state: &mut Map<String, Value>,
    target: &str,
    state_ptr: &str,
) -> Result<(), EditError> {
    let catchers = array_mut(state, "Catch", state_ptr)?;
    let catches_all = |c: &Value| {
        c.get("ErrorEquals")
            .and_then(Value::as_array)
            .is_some_and(|e| e.iter().any(|e| e == "States.ALL"))
    };
    if catchers.last().is_some_and(catches_all) {
        let at = catchers.len() - 1;
        catchers.insert(
            at,
            json!({"ErrorEquals": ["States.TaskFailed"], "Next": target}),
        );
    } else {
        catchers.push(json!({"ErrorEquals": ["States.ALL"], "Next": target}));
    }
    Ok(())
}

/// Whether a state (or, when it does not say, the machine) uses JSONata.
fn uses_jsonata(root: &Value, state: &Map<String, Value>) -> bool {
    let lang = state
        .get("QueryLanguage")
        .or_else(|| root.get("QueryLanguage"))
        .and_then(Value::as_str);
    lang == Some("JSONata")
}

pub(super) fn connect(
    root: &mut Value,
    source_ptr: &str,
    slot: Slot,
    target: &str,
) -> Result<EditOutcome, EditError> {
    let source = Source::resolve(root, source_ptr, slot)?;
    let scope_tokens = source.scope().to_vec();
    let target_exists = scope::get(root, &scope_tokens)
        .and_then(Value::as_object)
        .and_then(scope::states_of)
        .is_some_and(|s| s.get(target).is_some_and(Value::is_object));
    if !target_exists {
        return Err(EditError::NoState {
            pointer: scope::state_pointer(&scope_tokens, target),
        });
    }
    let label = format!("Connect {} to {target}", source.label_name());
    let addr = match source {
        Source::Scope(s) => {
            ops::set_start_at(scope::scope_mut(root, &s)?, target);
            return Ok(EditOutcome::new(Vec::new(), label));
        }
        Source::State(addr) => addr,
    };
    let jsonata = uses_jsonata(root, scope::state_ref(root, &addr)?);
    let state = scope::state_mut(root, &addr)?;
    let t = Value::String(target.to_string());
    match slot {
        Slot::NewChoice => {
            let has_rules = state
                .get("Choices")
                .and_then(Value::as_array)
                .is_some_and(|r| !r.is_empty());
            if let Some(i) = empty_rule(state) {
                // A rule waiting for its target gets it before any new rule is made.
                write_slot(state, Slot::Choice { index: i }, target, source_ptr)?;
            } else if has_rules && !state.contains_key("Default") {
                state.insert("Default".into(), t);
            } else {
                // A Choice needs a rule before a Default means anything.
                array_mut(state, "Choices", source_ptr)?.push(placeholder_rule(jsonata, target));
            }
        }
        Slot::NewCatch => add_catcher(state, target, source_ptr)?,
        _ => write_slot(state, slot, target, source_ptr)?,
    }
    Ok(EditOutcome::new(vec![addr.pointer()], label))
}

/// The array `field` of a state, created when missing.
fn array_mut<'a>(
    state: &'a mut Map<String, Value>,
    field: &str,
    state_ptr: &str,
) -> Result<&'a mut Vec<Value>, EditError> {
    state
        .entry(field)
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
        .ok_or_else(|| {
            not_applicable(
                format!("{state_ptr}/{field}"),
                &format!("{field} is not an array"),
            )
        })
}

pub(super) fn disconnect(
    root: &mut Value,
    source_ptr: &str,
    slot: Slot,
) -> Result<EditOutcome, EditError> {
    if slot == Slot::Start {
        return Err(not_applicable(
            source_ptr.to_string(),
            "StartAt cannot be removed; connect it to another state instead",
        ));
    }
    let Source::State(addr) = Source::resolve(root, source_ptr, slot)? else {
        return Err(not_applicable(source_ptr.to_string(), "not a state"));
    };
    let state = scope::state_mut(root, &addr)?;
    match slot {
        Slot::Next => set_end(state),
        Slot::Default => {
            if state.shift_remove("Default").is_none() {
                return Err(not_applicable(
                    format!("{source_ptr}/Default"),
                    "the Choice state has no Default",
                ));
            }
        }
        Slot::Choice { index } | Slot::Catch { index } => {
            let field = if matches!(slot, Slot::Choice { .. }) {
                "Choices"
            } else {
                "Catch"
            };
            item_mut(state, field, index, source_ptr)?;
            let items = array_mut(state, field, source_ptr)?;
            items.remove(index);
            if field == "Catch" && items.is_empty() {
                state.shift_remove("Catch");
            }
        }
        Slot::Start | Slot::NewChoice | Slot::NewCatch => {
            return Err(not_applicable(
                source_ptr.to_string(),
                "a new rule or catcher has no edge to remove",
            ))
        }
    }
    Ok(EditOutcome::new(
        vec![addr.pointer()],
        format!("Disconnect {}", addr.name),
    ))
}
