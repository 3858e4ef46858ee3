//! `stepwise diff --format svg`: the new version's diagram with the changes coloured. Added
//! states and transitions green, changed states amber, renamed states amber with a dashed
//! outline and a "renamed from" note, removed states red dashed ghosts.
//!
//! Ghosts need a place, so what is laid out is the **union** of both versions: the new
//! definition with each removed state put back into its old scope (when that scope still
//! exists; a removed Parallel or Map brings its branches with it), its transitions following
//! renames. The ghost's own transitions (out of it) are drawn red dashed. Transitions *into*
//! a removed state, and other removed transitions between surviving states, cannot be
//! drawn: a state has one `Next`, and the new version's one is what the drawing shows. Those
//! are listed by the text output. Laying out the union moves the new version's states a
//! little from where `stepwise layout` puts them, which is what keeps the ghosts beside
//! their old neighbours. The lenient model is used, so a half-edited side still draws.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use stepwise_asl::diff::{Change, MachineDiff};
use stepwise_layout::{layout, to_svg_with, Diagram, EdgeKind, Mark, NodeKind, Overlay};

pub fn svg(old: &Value, new: &Value, d: &MachineDiff) -> String {
    let renames: BTreeMap<&str, &str> = d
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Renamed { from, to, .. } => Some((from.as_str(), to.as_str())),
            _ => None,
        })
        .collect();
    let union = union(old, new, d, &renames);
    let machine = stepwise_asl::lenient_machine(&union);
    let diagram = layout(&machine);
    let overlay = Overlay {
        marks: marks(&diagram, d),
        ..Overlay::default()
    };
    to_svg_with(&diagram, &overlay)
}

/// The new definition with the removed states put back where they were.
fn union(old: &Value, new: &Value, d: &MachineDiff, renames: &BTreeMap<&str, &str>) -> Value {
    let mut union = new.clone();
    for c in &d.changes {
        let Change::Removed { state, pointer, .. } = c else {
            continue;
        };
        let (Some(body), Some((scope, _))) = (old.pointer(pointer), pointer.rsplit_once('/'))
        else {
            continue;
        };
        let mut ghost = body.clone();
        follow_renames(&mut ghost, renames);
        if let Some(Value::Object(states)) = union.pointer_mut(scope) {
            states.entry(state.clone()).or_insert(ghost);
        }
    }
    union
}

/// A ghost's transitions name states as the old version did; point them at the new names.
fn follow_renames(state: &mut Value, renames: &BTreeMap<&str, &str>) {
    let rename = |v: &mut Value| {
        if let Some(to) = v.as_str().and_then(|n| renames.get(n)) {
            *v = Value::String((*to).to_string());
        }
    };
    let Value::Object(o) = state else { return };
    for key in ["Next", "Default"] {
        if let Some(v) = o.get_mut(key) {
            rename(v);
        }
    }
    for list in ["Choices", "Catch"] {
        if let Some(Value::Array(items)) = o.get_mut(list) {
            for item in items {
                if let Some(v) = item.get_mut("Next") {
                    rename(v);
                }
            }
        }
    }
}

/// The diff's changes as marks on the union's nodes and edges.
fn marks(diagram: &Diagram, d: &MachineDiff) -> stepwise_layout::Marks {
    let mut marks = stepwise_layout::Marks::default();
    let named = |name: &str| {
        diagram
            .nodes
            .iter()
            .find(|n| n.name == name && !n.kind.is_marker() && n.kind != NodeKind::Missing)
    };
    let mut removed = BTreeSet::new();
    for c in &d.changes {
        let (name, mark) = match c {
            Change::Added { state, .. } => (state, Mark::Added),
            Change::Changed { state, .. } => (state, Mark::Changed),
            Change::Renamed { to, .. } => (to, Mark::Renamed),
            Change::Removed { state, .. } => (state, Mark::Removed),
        };
        let Some(node) = named(name) else { continue };
        marks.nodes.insert(node.id.clone(), mark);
        match c {
            Change::Renamed { from, .. } => {
                marks
                    .notes
                    .insert(node.id.clone(), format!("renamed from {from}"));
            }
            Change::Removed { .. } => {
                removed.insert(node.id.clone());
            }
            _ => {}
        }
    }
    let by_id: BTreeMap<&str, _> = diagram.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let added: BTreeSet<(Option<&str>, &str, &str)> = d
        .edges_added
        .iter()
        .map(|e| (e.from.as_deref(), e.to.as_str(), e.kind.as_str()))
        .collect();
    for e in &diagram.edges {
        let (Some(source), Some(target)) =
            (by_id.get(e.source.as_str()), by_id.get(e.target.as_str()))
        else {
            continue;
        };
        if removed.contains(&e.source) || removed.contains(&e.target) {
            marks.edges.insert(e.id.clone(), Mark::Removed);
            continue;
        }
        let kind = match e.kind {
            EdgeKind::Start => "start",
            EdgeKind::Next => "next",
            EdgeKind::Choice => "choice",
            EdgeKind::Default => "default",
            EdgeKind::Catch => "catch",
            EdgeKind::End => continue,
        };
        let from = (source.kind != NodeKind::Start).then_some(source.name.as_str());
        if added.contains(&(from, target.name.as_str(), kind)) {
            marks.edges.insert(e.id.clone(), Mark::Added);
        }
    }
    marks
}
