//! What changed between two versions of a state machine, state by state: the states added,
//! removed, renamed and changed (with the fields that changed in each, as JSON Pointers
//! relative to the state), the machine's own fields, and the transitions added and removed.
//!
//! States are matched by name, which ASL makes unique in the whole machine (nested branches
//! and Map processors included), so a state that moved into a Parallel branch is the same
//! state, moved. A state that is gone under one name while a new one appears under another
//! with the same body (its transitions aside, which may name renamed states too) is a
//! rename, not a removal and an addition; the states that point at it have not changed.
//!
//! ```
//! use serde_json::json;
//! use stepwise_asl::diff::{diff, Change};
//!
//! let before = json!({"StartAt": "A", "States": {
//!     "A": {"Type": "Pass", "Result": 1, "Next": "B"}, "B": {"Type": "Wait", "Seconds": 5, "End": true}}});
//! let after = json!({"StartAt": "A", "States": {
//!     "A": {"Type": "Pass", "Result": 2, "Next": "Pause"}, "Pause": {"Type": "Wait", "Seconds": 5, "End": true}}});
//! let d = diff(&before, &after);
//! // A's Next names the renamed state: only its Result changed.
//! assert!(matches!(&d.changes[0], Change::Changed { state, fields, .. }
//!     if state == "A" && fields.len() == 1 && fields[0].pointer == "/Result"));
//! assert!(matches!(&d.changes[1], Change::Renamed { from, to, .. } if from == "B" && to == "Pause"));
//! ```

use crate::pointer::Pointer;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// Every change from one version to the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MachineDiff {
    /// The machine's own fields (`StartAt`, `Comment`, `TimeoutSeconds`, `QueryLanguage`, ...).
    pub machine: Vec<FieldChange>,
    /// Per state, in the new version's order, then the removed states in the old one's.
    pub changes: Vec<Change>,
    /// Transitions only in the new version, and only in the old one (old names renamed).
    pub edges_added: Vec<Edge>,
    pub edges_removed: Vec<Edge>,
}

impl MachineDiff {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.machine.is_empty()
            && self.changes.is_empty()
            && self.edges_added.is_empty()
            && self.edges_removed.is_empty()
    }
}

/// What happened to one state.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Change {
    Added {
        state: String,
        pointer: String,
        state_type: String,
    },
    Removed {
        state: String,
        pointer: String,
        state_type: String,
    },
    /// The same body under a new name; `fields` are the changes besides the name (none when
    /// only transitions to other renamed states differ).
    Renamed {
        from: String,
        to: String,
        pointer: String,
        fields: Vec<FieldChange>,
    },
    Changed {
        state: String,
        pointer: String,
        /// Where it was, when it moved to another scope.
        moved_from: Option<String>,
        fields: Vec<FieldChange>,
    },
}

impl Change {
    /// The state's name in the new version (the old one for a removed state).
    pub fn state(&self) -> &str {
        match self {
            Change::Added { state, .. }
            | Change::Removed { state, .. }
            | Change::Changed { state, .. } => state,
            Change::Renamed { to, .. } => to,
        }
    }
}

/// One field that differs, by its pointer relative to the state (or the machine).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub pointer: String,
    /// Absent when the field was added.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub before: Option<Value>,
    /// Absent when the field was removed.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub after: Option<Value>,
}

/// A transition between two states (or from a scope's start), by state names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// The diagram's `Edge` (stepwise-layout) has the TypeScript name already.
#[cfg_attr(feature = "ts", ts(rename = "DiffEdge"))]
#[serde(rename_all = "camelCase")]
pub struct Edge {
    /// The state it leaves; `None` for a scope's `StartAt`.
    pub from: Option<String>,
    pub to: String,
    /// `start`, `next`, `default`, `choice`, `catch`.
    pub kind: String,
}

/// A state as found in one version: where it is, and its body without nested states.
struct Found {
    pointer: String,
    state_type: String,
    body: Value,
}

/// The changes from `before` to `after`, two definitions as JSON values. Values that are not
/// definitions (no `States` object) count as machines without states.
pub fn diff(before: &Value, after: &Value) -> MachineDiff {
    let old = states_of(before);
    let new = states_of(after);
    let renames = renames(&old, &new);
    let rename = |name: &str| -> String {
        renames
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let renamed_to: BTreeSet<&str> = renames.values().map(String::as_str).collect();
    let mut changes = Vec::new();
    for (name, n) in &new {
        let old_name = renames
            .iter()
            .find(|(_, to)| *to == name)
            .map(|(from, _)| from.as_str())
            .unwrap_or(name);
        let Some(o) = old.get(old_name) else {
            changes.push(Change::Added {
                state: name.clone(),
                pointer: n.pointer.clone(),
                state_type: n.state_type.clone(),
            });
            continue;
        };
        let fields = field_changes(&with_targets_renamed(&o.body, &rename), &n.body);
        if renamed_to.contains(name.as_str()) {
            changes.push(Change::Renamed {
                from: old_name.to_string(),
                to: name.clone(),
                pointer: n.pointer.clone(),
                fields,
            });
        } else {
            let moved = moved(&o.pointer, &n.pointer, &rename);
            if !fields.is_empty() || moved {
                changes.push(Change::Changed {
                    state: name.clone(),
                    pointer: n.pointer.clone(),
                    moved_from: moved.then(|| o.pointer.clone()),
                    fields,
                });
            }
        }
    }
    for (name, o) in &old {
        if !new.contains_key(name) && !renames.contains_key(name) {
            changes.push(Change::Removed {
                state: name.clone(),
                pointer: o.pointer.clone(),
                state_type: o.state_type.clone(),
            });
        }
    }
    let old_edges: BTreeSet<Edge> = edges(before)
        .into_iter()
        .map(|e| Edge {
            from: e.from.as_deref().map(&rename),
            to: rename(&e.to),
            kind: e.kind,
        })
        .collect();
    let new_edges: BTreeSet<Edge> = edges(after).into_iter().collect();
    MachineDiff {
        machine: field_changes(
            &with_targets_renamed(&machine_fields(before), &rename),
            &machine_fields(after),
        ),
        changes,
        edges_added: new_edges.difference(&old_edges).cloned().collect(),
        edges_removed: old_edges.difference(&new_edges).cloned().collect(),
    }
}

/// A removed state put back into the union of two versions (see [`with_ghosts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ghost {
    pub name: String,
    /// Its pointer in the union.
    pub pointer: String,
}

/// The union of two versions, for a drawing of their differences: `new` with each state
/// removed since `old` put back (a ghost) in the scope it was in, or at the top level when
/// that scope is gone too. A removed Parallel or Map brings its branches with it. A ghost's
/// transitions name states as `old` did, so they follow the renames in `d`.
///
/// Transitions *into* a ghost, and removed transitions between states that are still there,
/// cannot be written into the union (a state has one `Next`, the new one); a drawing adds
/// them from [`MachineDiff::edges_removed`].
pub fn with_ghosts(old: &Value, new: &Value, d: &MachineDiff) -> (Value, Vec<Ghost>) {
    let renames: HashMap<&str, &str> = d
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Renamed { from, to, .. } => Some((from.as_str(), to.as_str())),
            _ => None,
        })
        .collect();
    let rename = |n: &str| {
        renames
            .get(n)
            .map_or_else(|| n.to_string(), |t| t.to_string())
    };
    let mut union = new.clone();
    let mut ghosts = Vec::new();
    for c in &d.changes {
        let Change::Removed { state, pointer, .. } = c else {
            continue;
        };
        let Some(body) = old.pointer(pointer) else {
            continue;
        };
        let body = with_targets_renamed(body, &rename);
        if let Some(at) = put_back(&mut union, state, pointer, body) {
            ghosts.push(Ghost {
                name: state.clone(),
                pointer: at,
            });
        }
    }
    (union, ghosts)
}

/// Puts a state into `union` under `name`, in the scope `pointer` (its old place) names when
/// that scope is still there, else at the top level; answers its pointer in `union`.
fn put_back(union: &mut Value, name: &str, pointer: &str, body: Value) -> Option<String> {
    let mut tokens = crate::pointer::split(pointer);
    // `.../States/<name>`: the scope is what comes before.
    tokens.truncate(tokens.len().saturating_sub(2));
    let scope = tokens.iter().fold(Pointer::root(), |p, t| p.key(t));
    let states_at = scope.key("States");
    let states_at = if union
        .pointer(&states_at.to_string())
        .is_some_and(Value::is_object)
    {
        states_at
    } else {
        let root = union.as_object_mut()?;
        if !root.get("States").is_some_and(Value::is_object) {
            root.insert("States".into(), Value::Object(serde_json::Map::new()));
        }
        Pointer::root().key("States")
    };
    union
        .pointer_mut(&states_at.to_string())?
        .as_object_mut()?
        .insert(name.to_string(), body);
    Some(states_at.key(name).to_string())
}

/// Every state of a definition by name, nested ones included, in document order.
fn states_of(def: &Value) -> IndexMap<String, Found> {
    let mut out = IndexMap::new();
    collect(def, &Pointer::root(), &mut out);
    out
}

fn collect(scope: &Value, at: &Pointer, out: &mut IndexMap<String, Found>) {
    let Some(states) = scope.get("States").and_then(Value::as_object) else {
        return;
    };
    let states_at = at.key("States");
    for (name, state) in states {
        let pointer = states_at.key(name);
        // A name used twice is a validation error; the first keeps the name here.
        out.entry(name.clone()).or_insert_with(|| Found {
            pointer: pointer.to_string(),
            state_type: state
                .get("Type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            body: without_nested_states(state),
        });
        for (i, branch) in state
            .get("Branches")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            collect(branch, &pointer.key("Branches").index(i), out);
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(processor) = state.get(key) {
                collect(processor, &pointer.key(key), out);
            }
        }
    }
}

/// A state's own fields: nested states are compared as states of their own, so a branch's
/// or processor's `States` is left out (its `StartAt` and other fields stay).
fn without_nested_states(state: &Value) -> Value {
    let mut body = state.clone();
    if let Some(branches) = body.get_mut("Branches").and_then(Value::as_array_mut) {
        for b in branches {
            if let Some(o) = b.as_object_mut() {
                o.shift_remove("States");
            }
        }
    }
    for key in ["ItemProcessor", "Iterator"] {
        if let Some(o) = body.get_mut(key).and_then(Value::as_object_mut) {
            o.shift_remove("States");
        }
    }
    body
}

/// The machine's fields other than its states.
fn machine_fields(def: &Value) -> Value {
    let mut fields = def.as_object().cloned().unwrap_or_default();
    fields.shift_remove("States");
    Value::Object(fields)
}

/// The fields of a state (or a machine) that name other states: `Next`, `Default`, each
/// Choice rule's and Catcher's `Next`, and `StartAt` (of the machine, a branch, a processor).
fn targets_mut(body: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    let Some(o) = body.as_object_mut() else {
        return;
    };
    for key in ["Next", "Default", "StartAt"] {
        if let Some(v) = o.get_mut(key) {
            f(v);
        }
    }
    for list in ["Choices", "Catch"] {
        for item in o
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(v) = item.get_mut("Next") {
                f(v);
            }
        }
    }
    for b in o
        .get_mut("Branches")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(v) = b.get_mut("StartAt") {
            f(v);
        }
    }
    for key in ["ItemProcessor", "Iterator"] {
        if let Some(v) = o.get_mut(key).and_then(|p| p.get_mut("StartAt")) {
            f(v);
        }
    }
}

fn with_targets_renamed(body: &Value, rename: &dyn Fn(&str) -> String) -> Value {
    let mut body = body.clone();
    targets_mut(&mut body, &mut |v| {
        if let Some(name) = v.as_str() {
            *v = Value::String(rename(name));
        }
    });
    body
}

/// A body with every state it names blanked: what stays the same across renames.
fn shape(body: &Value) -> Value {
    let mut body = body.clone();
    targets_mut(&mut body, &mut |v| *v = Value::Null);
    body
}

/// Old name → new name, for each state gone from `old` whose body (its targets aside) is
/// that of a state new in `new`, of the same type. Each is paired once, in document order.
fn renames(
    old: &IndexMap<String, Found>,
    new: &IndexMap<String, Found>,
) -> HashMap<String, String> {
    let mut added: Vec<(&String, Value)> = new
        .iter()
        .filter(|(name, _)| !old.contains_key(*name))
        .map(|(name, f)| (name, shape(&f.body)))
        .collect();
    let mut out = HashMap::new();
    for (name, o) in old.iter().filter(|(name, _)| !new.contains_key(*name)) {
        let s = shape(&o.body);
        if let Some(i) = added.iter().position(|(_, shape)| *shape == s) {
            let (to, _) = added.remove(i);
            out.insert(name.clone(), to.clone());
        }
    }
    out
}

/// Whether a state's scope changed, other than by its own or its container's rename.
fn moved(old: &str, new: &str, rename: &dyn Fn(&str) -> String) -> bool {
    let scope = |p: &str| {
        let mut tokens = crate::pointer::split(p);
        tokens.pop();
        tokens
    };
    let old_scope: Vec<String> = scope(old).iter().map(|t| rename(t)).collect();
    old_scope != scope(new)
}

/// The fields that differ between two bodies, as pointers into them.
fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    json_patch::diff(before, after)
        .0
        .into_iter()
        .map(|op| {
            use json_patch::PatchOperation as Op;
            let (path, after_value) = match op {
                Op::Add(a) => (a.path, Some(a.value)),
                Op::Replace(r) => (r.path, Some(r.value)),
                Op::Remove(r) => (r.path, None),
                Op::Move(m) => (m.path, None),
                Op::Copy(c) => (c.path, None),
                Op::Test(t) => (t.path, Some(t.value)),
            };
            let pointer = path.to_string();
            FieldChange {
                before: before.pointer(&pointer).cloned(),
                after: after_value,
                pointer,
            }
        })
        .collect()
}

/// Every transition of a definition, nested scopes included.
fn edges(def: &Value) -> Vec<Edge> {
    let mut out = Vec::new();
    scope_edges(def, &mut out);
    out
}

fn scope_edges(scope: &Value, out: &mut Vec<Edge>) {
    if let Some(start) = scope.get("StartAt").and_then(Value::as_str) {
        out.push(Edge {
            from: None,
            to: start.to_string(),
            kind: "start".into(),
        });
    }
    let Some(states) = scope.get("States").and_then(Value::as_object) else {
        return;
    };
    for (name, state) in states {
        let mut push = |to: Option<&Value>, kind: &str| {
            if let Some(to) = to.and_then(Value::as_str) {
                out.push(Edge {
                    from: Some(name.clone()),
                    to: to.to_string(),
                    kind: kind.into(),
                });
            }
        };
        push(state.get("Next"), "next");
        push(state.get("Default"), "default");
        for list in [("Choices", "choice"), ("Catch", "catch")] {
            for item in state
                .get(list.0)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                push(item.get("Next"), list.1);
            }
        }
        for b in state
            .get("Branches")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            scope_edges(b, out);
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(p) = state.get(key) {
                scope_edges(p, out);
            }
        }
    }
}
