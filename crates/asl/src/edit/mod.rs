//! Typed edits of a definition, applied to the raw JSON value so that key order and unknown
//! fields survive. The desktop app sends these from the canvas and the inspector; the CLI and
//! tests can drive every one without a window.
//!
//! Pointers are JSON Pointers into the definition. A *state pointer* names a state
//! (`/States/Fork/Branches/0/States/A`); a *scope pointer* names the object that holds a
//! `States` map and its `StartAt`: `""` for the machine, `/States/Fork/Branches/0` for a
//! Parallel branch, `/States/Each/ItemProcessor` (or `/Iterator`) for a Map.

mod copy;
pub mod language;
mod names;
mod ops;
mod remove;
mod scope;
mod transitions;
mod wiring;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

/// Which outgoing transition of a state an edit is about. The layout's edges carry the same
/// information (`kind` plus `rule`), so the UI can turn an edge into a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Slot {
    /// The scope's `StartAt` (the edge from the Start marker). `source` is the scope pointer.
    Start,
    /// `Next` (or `End: true` when the edge goes to the End marker).
    Next,
    /// A Choice's `Default`.
    Default,
    /// The `Next` of Choice rule `index`.
    Choice { index: usize },
    /// The `Next` of Catcher `index`.
    Catch { index: usize },
    /// A new Choice rule (a placeholder condition the user then edits) or, for `Connect` on
    /// a Choice with rules and no Default yet, the Default. For `Connect` and `InsertOnEdge`.
    NewChoice,
    /// A new Catcher (`States.ALL`, or before an existing `States.ALL`). For `Connect` and
    /// `InsertOnEdge`.
    NewCatch,
}

/// One edit. Every edit is atomic: it applies completely or not at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Edit {
    /// Adds an unconnected state to a scope. `name` is a wish: a taken name gets a number
    /// (`Pass 2`). A scope with no states gets `StartAt` pointing at it. A state that can
    /// have `Next` but has neither `Next` nor `End` gets `End: true`.
    AddState {
        scope: String,
        name: String,
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        state: Value,
    },
    /// Puts a new state on the edge `source`/`slot`: the slot now leads to the new state and
    /// the new state leads where the slot led (or ends, when the edge went to the End marker).
    /// With `NewChoice` the new state is the target of a Choice's first rule that leads
    /// nowhere, else of a new placeholder rule (never the Default); with `NewCatch`, of a new
    /// catcher. Such a new state ends.
    InsertOnEdge {
        source: String,
        slot: Slot,
        name: String,
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        state: Value,
    },
    /// Points `slot` of state `source` at the state named `target` (removing `End`). The
    /// target must be in the same scope. `NewChoice` fills the first rule that leads nowhere
    /// (no or an empty `Next`); else, on a Choice with rules but no Default, sets the Default;
    /// else appends a placeholder rule (`"Variable": "$", "IsPresent": true`, or
    /// `"Condition": "{% true %}"` in JSONata). `NewCatch` appends a `States.ALL` catcher, or
    /// a `States.TaskFailed` one before an existing final `States.ALL`.
    Connect {
        source: String,
        slot: Slot,
        target: String,
    },
    /// Removes a transition: `Next` becomes `End: true`, a Choice rule or Catcher is removed,
    /// `Default` is removed.
    Disconnect { source: String, slot: Slot },
    /// Renames a state and every reference to it (`StartAt`, `Next`, `Default`, rules,
    /// catchers).
    Rename { pointer: String, name: String },
    /// Sets (or, with `null`/absent `value`, removes) the value at any pointer inside the
    /// definition: the inspector's edits.
    SetValue {
        pointer: String,
        #[cfg_attr(feature = "ts", ts(type = "unknown", optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<Value>,
    },
    /// Deletes states. Transitions into a deleted state are re-routed to where it led, so a
    /// chain stays connected (as Workflow Studio does). When it led nowhere (End, Succeed,
    /// Fail, Choice), a `Next` into it becomes `End: true`, `StartAt` moves to the first
    /// remaining state, and Choice rules, Defaults and catchers keep naming it (the validator
    /// reports them). A Parallel or Map goes with the states nested in it.
    Delete { pointers: Vec<String> },
    /// Moves a state into another scope (a Parallel branch, a Map processor, the machine).
    /// Its old scope is re-wired as by `Delete`; its own transitions that would cross the
    /// boundary are dropped (`Next` becomes `End: true`, a Default or catcher goes, a Choice
    /// rule keeps its condition but loses its `Next`).
    MoveIntoBranch { pointer: String, scope: String },
    /// Adds a branch (with one Pass state) to a Parallel.
    AddBranch { pointer: String },
    /// Copies states next to the originals, with fresh names (`A copy`, `A copy 2`; states
    /// nested in a copied Parallel/Map too); transitions among the copies follow the copies.
    Duplicate { pointers: Vec<String> },
    /// Adds states copied earlier (`name -> state`) to a scope, renaming on collision.
    Paste {
        scope: String,
        #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
        states: Map<String, Value>,
    },
    /// Switches the machine to a query language: every state's fields are converted where the
    /// conversion is exact ([`language`]); otherwise nothing changes and the error lists the
    /// fields that stop it.
    SetQueryLanguage {
        #[cfg_attr(feature = "ts", ts(type = "\"JSONPath\" | \"JSONata\""))]
        language: crate::model::QueryLanguage,
    },
}

/// What an edit did, for the UI to follow.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EditOutcome {
    /// State pointers to select after the edit (the new state, the renamed one, ...).
    pub select: Vec<String>,
    /// A short description for the undo menu: "Add Pass", "Rename Check to Verify", ...
    pub label: String,
}

/// Why an edit could not be applied. The definition is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("{pointer}: no such state")]
    NoState { pointer: String },
    #[error("{pointer}: no such scope (a States map with its StartAt)")]
    NoScope { pointer: String },
    #[error("{pointer}: the value cannot be set there: {reason}")]
    BadPointer { pointer: String, reason: String },
    #[error("{pointer}: {reason}")]
    NotApplicable { pointer: String, reason: String },
    #[error("the name {name:?} is not allowed: {reason}")]
    BadName { name: String, reason: String },
    /// A state given to the edit (a template, a pasted state) is not a state: `pointer` is
    /// where it would have gone.
    #[error("{pointer}: not a state: {reason}")]
    BadState { pointer: String, reason: String },
}

/// Applies one edit to a raw definition. Atomic: on error `value` is unchanged.
///
/// Key order and fields the edit does not touch are kept; renamed keys stay where they were.
pub fn apply(value: &mut Value, edit: &Edit) -> Result<EditOutcome, EditError> {
    let mut work = value.clone();
    let outcome = apply_to(&mut work, edit)?;
    *value = work;
    Ok(outcome)
}

fn apply_to(root: &mut Value, edit: &Edit) -> Result<EditOutcome, EditError> {
    match edit {
        Edit::AddState { scope, name, state } => ops::add_state(root, scope, name, state),
        Edit::InsertOnEdge {
            source,
            slot,
            name,
            state,
        } => wiring::insert_on_edge(root, source, *slot, name, state),
        Edit::Connect {
            source,
            slot,
            target,
        } => wiring::connect(root, source, *slot, target),
        Edit::Disconnect { source, slot } => wiring::disconnect(root, source, *slot),
        Edit::Rename { pointer, name } => ops::rename(root, pointer, name),
        Edit::SetValue { pointer, value } => ops::set_value(root, pointer, value.as_ref()),
        Edit::Delete { pointers } => remove::delete(root, pointers),
        Edit::MoveIntoBranch { pointer, scope } => remove::move_into(root, pointer, scope),
        Edit::AddBranch { pointer } => ops::add_branch(root, pointer),
        Edit::Duplicate { pointers } => copy::duplicate(root, pointers),
        Edit::Paste { scope, states } => copy::paste(root, scope, states),
        Edit::SetQueryLanguage { language } => {
            let name = language.as_str();
            *root = language::switch_machine(root, *language).map_err(|blockers| {
                EditError::NotApplicable {
                    pointer: String::new(),
                    reason: format!(
                        "cannot switch to {name} exactly: {}",
                        blockers
                            .iter()
                            .map(|b| format!("{} ({})", b.pointer, b.reason))
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                }
            })?;
            Ok(EditOutcome::new(Vec::new(), format!("Switch to {name}")))
        }
    }
}

impl EditOutcome {
    fn new(select: Vec<String>, label: impl Into<String>) -> Self {
        EditOutcome {
            select,
            label: label.into(),
        }
    }
}
