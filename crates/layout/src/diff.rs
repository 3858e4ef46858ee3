//! The drawing of a visual diff (`stepwise diff --format svg`, the app's compare mode): the
//! new version laid out with the removed states put back as ghosts
//! ([`stepwise_asl::diff::with_ghosts`]), and every removed transition drawn, those into a
//! ghost and those between states that are both still there included; then the marks that
//! colour it.
//!
//! Ghosts are laid out *with* the new version, not placed where the old version's layout had
//! them: the old coordinates belong to another drawing, so a ghost would land on a new state
//! or far from its neighbours. This moves the new version's states a little from where
//! [`crate::layout`] puts them, which is what keeps the ghosts beside their old neighbours.
//! The lenient model is used, so a half-edited side still draws.

use crate::graph::ExtraEdge;
use crate::{layout_with, Diagram, EdgeKind, Mark, Marks, NodeKind};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use stepwise_asl::diff::{with_ghosts, Change, Ghost, MachineDiff};

/// A visual diff laid out.
#[derive(Debug, Clone)]
pub struct DiffDrawing {
    /// The new definition with the ghosts in it.
    pub union: Value,
    pub ghosts: Vec<Ghost>,
    pub diagram: Diagram,
}

/// Lays out the difference `d` from `old` to `new`.
pub fn diff_drawing(old: &Value, new: &Value, d: &MachineDiff) -> DiffDrawing {
    let (union, ghosts) = with_ghosts(old, new, d);
    let ghost_names: BTreeSet<&str> = ghosts.iter().map(|g| g.name.as_str()).collect();
    // A ghost's own transitions are in the union already.
    let extra: Vec<ExtraEdge> = d
        .edges_removed
        .iter()
        .filter(|e| !e.from.as_deref().is_some_and(|f| ghost_names.contains(f)))
        .filter_map(|e| {
            Some(ExtraEdge {
                from: e.from.clone(),
                to: e.to.clone(),
                kind: EdgeKind::from_name(&e.kind)?,
            })
        })
        .collect();
    let diagram = layout_with(&stepwise_asl::lenient_machine(&union), &extra);
    DiffDrawing {
        union,
        ghosts,
        diagram,
    }
}

/// The diff's changes as marks on a [`DiffDrawing`]'s nodes and edges: states added, changed,
/// renamed (with a "renamed from" note) and removed; transitions added, and removed (a
/// ghost's, and the [`ExtraEdge`]s).
pub fn diff_marks(diagram: &Diagram, d: &MachineDiff) -> Marks {
    let mut marks = Marks::default();
    let named = |name: &str| {
        diagram
            .nodes
            .iter()
            .find(|n| n.name == name && !n.kind.is_marker() && n.kind != NodeKind::Missing)
    };
    let mut ghosts = BTreeSet::new();
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
                ghosts.insert(node.id.clone());
            }
            _ => {}
        }
    }
    let by_id: BTreeMap<&str, _> = diagram.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let key = |e: &stepwise_asl::diff::Edge| (e.from.clone(), e.to.clone(), e.kind.clone());
    let added: BTreeSet<_> = d.edges_added.iter().map(key).collect();
    let removed: BTreeSet<_> = d.edges_removed.iter().map(key).collect();
    for e in &diagram.edges {
        let (Some(source), Some(target)) =
            (by_id.get(e.source.as_str()), by_id.get(e.target.as_str()))
        else {
            continue;
        };
        if ghosts.contains(&e.source) || ghosts.contains(&e.target) {
            marks.edges.insert(e.id.clone(), Mark::Removed);
            continue;
        }
        if e.kind == EdgeKind::End {
            continue;
        }
        let from = (source.kind != NodeKind::Start).then(|| source.name.clone());
        let k = (from, target.name.clone(), e.kind.name().to_string());
        if added.contains(&k) {
            marks.edges.insert(e.id.clone(), Mark::Added);
        } else if removed.contains(&k) {
            marks.edges.insert(e.id.clone(), Mark::Removed);
        }
    }
    marks
}
