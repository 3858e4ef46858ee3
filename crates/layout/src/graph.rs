//! Graph building: one scope of a state machine (the machine itself, a Parallel branch or a
//! Map processor) as nodes and edges, and the plain sized graph the layered layout works on.

use crate::diagram::{EdgeKind, NodeKind, MISSING_PREFIX};
use crate::labels;
use std::collections::HashMap;
use stepwise_asl::model::{State, StateMachine, StateType};
use stepwise_asl::pointer::Pointer;

/// A node as the layered layout sees it: just a size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LNode {
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct LEdge {
    pub src: usize,
    pub dst: usize,
    /// Size of the label box, which gets a row of its own between the two states.
    pub label: Option<(f64, f64)>,
    /// How hard the edge pulls its ends into line (main path strong, Catch weak).
    pub weight: f64,
    /// May share its dummies with other edges into the same state.
    pub concentrate: bool,
    /// Edges share a bus only with edges stroked alike: Catch (dashed) with Catch, Default
    /// (dotted) with Default, the rest (solid) together; a dotted line drawn over a solid one
    /// would hide which is which.
    pub stroke: u8,
    /// A Choice rule or Default: may share a bus in the layout variant that tries it.
    pub choice: bool,
    /// A Catch edge into a handler whose Catch edges all carry this label: when they share a
    /// bus, the label is drawn once, on the trunk, instead of once per edge.
    pub shared_label: bool,
}

impl LEdge {
    #[cfg(test)]
    pub fn plain(src: usize, dst: usize) -> Self {
        LEdge {
            src,
            dst,
            label: None,
            weight: 1.0,
            concentrate: false,
            stroke: 0,
            choice: false,
            shared_label: false,
        }
    }

    /// Layers the edge spans at least: two when its label needs a row.
    pub fn min_len(&self) -> usize {
        if self.label.is_some() {
            2
        } else {
            1
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct LGraph {
    pub nodes: Vec<LNode>,
    pub edges: Vec<LEdge>,
    /// Where the depth-first walks start, in order (the Start marker or StartAt first).
    pub roots: Vec<usize>,
    /// Kept alone on the last layer (the End marker).
    pub sink: Option<usize>,
}

pub(crate) struct ScopeNode<'a> {
    pub id: String,
    pub name: String,
    pub kind: NodeKind,
    pub state: Option<&'a State>,
}

pub(crate) struct ScopeEdge {
    pub src: usize,
    pub dst: usize,
    pub kind: EdgeKind,
    pub rule: Option<usize>,
    pub errors: Vec<String>,
    pub label: Option<String>,
}

pub(crate) struct Scope<'a> {
    pub nodes: Vec<ScopeNode<'a>>,
    pub edges: Vec<ScopeEdge>,
    pub roots: Vec<usize>,
    pub sink: Option<usize>,
}

pub(crate) const START_ID: &str = "#start";
pub(crate) const END_ID: &str = "#end";

/// The nodes and edges of one scope. `base` is the JSON Pointer of the scope (empty for the
/// machine); `markers` adds Start and End, as Workflow Studio draws them around the machine.
/// A transition to a name no state of the scope has (an invalid definition) leads to a
/// [`NodeKind::Missing`] placeholder, one per name, added after the states in the order the
/// transitions name them, so the broken edge stays visible.
pub(crate) fn scope<'a>(sm: &'a StateMachine, base: &str, markers: bool) -> Scope<'a> {
    let mut nodes = Vec::with_capacity(sm.states.len() + 2);
    if markers {
        nodes.push(ScopeNode {
            id: START_ID.to_string(),
            name: "Start".to_string(),
            kind: NodeKind::Start,
            state: None,
        });
    }
    let first_state = nodes.len();
    for (name, state) in &sm.states {
        let ptr = Pointer::root().key("States").key(name);
        nodes.push(ScopeNode {
            id: format!("{base}{ptr}"),
            name: name.clone(),
            kind: node_kind(state.state_type()),
            state: Some(state),
        });
    }
    let end = markers.then(|| {
        nodes.push(ScopeNode {
            id: END_ID.to_string(),
            name: "End".to_string(),
            kind: NodeKind::End,
            state: None,
        });
        nodes.len() - 1
    });
    // Placeholders are looked up by name only (never iterated), so the map's order is moot.
    let mut missing: HashMap<&'a str, usize> = HashMap::new();
    let mut target = |name: &'a str, nodes: &mut Vec<ScopeNode<'a>>| -> usize {
        if let Some(i) = sm.states.get_index_of(name) {
            return i + first_state;
        }
        *missing.entry(name).or_insert_with(|| {
            let ptr = Pointer::root().key("States").key(name);
            nodes.push(ScopeNode {
                id: format!("{MISSING_PREFIX}{base}{ptr}"),
                name: name.to_string(),
                kind: NodeKind::Missing,
                state: None,
            });
            nodes.len() - 1
        })
    };
    let mut edges = Vec::new();
    // An empty StartAt (or an empty machine) has nothing to point at: no placeholder.
    let start_at = if sm.start_at.is_empty() || sm.states.is_empty() {
        None
    } else if markers {
        Some(target(&sm.start_at, &mut nodes))
    } else {
        // Without a Start marker no edge would lead to a placeholder.
        sm.states
            .get_index_of(sm.start_at.as_str())
            .map(|i| i + first_state)
    };
    if markers {
        if let Some(s) = start_at {
            edges.push(ScopeEdge {
                src: 0,
                dst: s,
                kind: EdgeKind::Start,
                rule: None,
                errors: Vec::new(),
                label: None,
            });
        }
    }
    for (i, state) in sm.states.values().enumerate() {
        let src = i + first_state;
        let mut push = |dst: usize, kind, rule, errors: Vec<String>, label| {
            edges.push(ScopeEdge {
                src,
                dst,
                kind,
                rule,
                errors,
                label,
            });
        };
        if let State::Choice(c) = state {
            for (r, rule) in c.choices.iter().enumerate() {
                if let Some(next) = &rule.next {
                    let label = labels::rule_label(rule, r);
                    let dst = target(next, &mut nodes);
                    push(dst, EdgeKind::Choice, Some(r), Vec::new(), Some(label));
                }
            }
            if let Some(d) = &c.default {
                let label = Some("Default".to_string());
                let dst = target(d, &mut nodes);
                push(dst, EdgeKind::Default, None, Vec::new(), label);
            }
        }
        if let Some(next) = state.flow().and_then(|f| f.next.as_deref()) {
            let dst = target(next, &mut nodes);
            push(dst, EdgeKind::Next, None, Vec::new(), None);
        }
        for (ci, c) in state.catch().iter().enumerate() {
            let label = Some(labels::catch_label(&c.error_equals));
            let errors = c.error_equals.clone();
            let dst = target(&c.next, &mut nodes);
            push(dst, EdgeKind::Catch, Some(ci), errors, label);
        }
        let ends =
            state.state_type().is_terminal() || state.flow().and_then(|f| f.end) == Some(true);
        if let (true, Some(end)) = (ends, end) {
            push(end, EdgeKind::End, None, Vec::new(), None);
        }
    }
    let mut roots: Vec<usize> = Vec::new();
    if markers {
        roots.push(0);
    }
    roots.extend(start_at);
    Scope {
        nodes,
        edges,
        roots,
        sink: end,
    }
}

/// A transition drawn although the machine does not have it: a visual diff's removed
/// transition between two states that are both still drawn. It goes into the scope that has
/// both states (state names are unique in a machine), after the machine's own edges, so
/// their ids do not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraEdge {
    /// The state it leaves; `None` for the machine's start (drawn from the Start marker).
    pub from: Option<String>,
    pub to: String,
    pub kind: EdgeKind,
}

pub(crate) fn add_extra(
    scope: &mut Scope<'_>,
    sm: &StateMachine,
    markers: bool,
    extra: &[ExtraEdge],
) {
    let first = usize::from(markers);
    let index = |name: &str| sm.states.get_index_of(name).map(|i| i + first);
    for e in extra {
        let src = match &e.from {
            Some(from) => index(from),
            None => markers.then_some(0),
        };
        if let (Some(src), Some(dst)) = (src, index(&e.to)) {
            scope.edges.push(ScopeEdge {
                src,
                dst,
                kind: e.kind,
                rule: None,
                errors: Vec::new(),
                label: None,
            });
        }
    }
}

pub(crate) fn node_kind(t: StateType) -> NodeKind {
    match t {
        StateType::Task => NodeKind::Task,
        StateType::Pass => NodeKind::Pass,
        StateType::Choice => NodeKind::Choice,
        StateType::Wait => NodeKind::Wait,
        StateType::Succeed => NodeKind::Succeed,
        StateType::Fail => NodeKind::Fail,
        StateType::Parallel => NodeKind::Parallel,
        StateType::Map => NodeKind::Map,
    }
}

/// The sized graph for the layered layout; `sizes` are the nodes' (width, height).
pub(crate) fn lgraph(scope: &Scope<'_>, sizes: &[(f64, f64)]) -> LGraph {
    // Per handler: the label of its Catch edges when they all have the same one.
    let mut catch_labels: HashMap<usize, Option<&str>> = HashMap::new();
    for e in scope.edges.iter().filter(|e| e.kind == EdgeKind::Catch) {
        let text = e.label.as_deref();
        catch_labels
            .entry(e.dst)
            .and_modify(|t| {
                if *t != text {
                    *t = None;
                }
            })
            .or_insert(text);
    }
    LGraph {
        nodes: sizes.iter().map(|&(w, h)| LNode { w, h }).collect(),
        edges: scope
            .edges
            .iter()
            .map(|e| LEdge {
                src: e.src,
                dst: e.dst,
                label: e.label.as_deref().map(labels::label_size),
                weight: match e.kind {
                    EdgeKind::Catch => 0.1,
                    EdgeKind::End => 0.2,
                    _ => 10.0,
                },
                concentrate: matches!(e.kind, EdgeKind::Catch | EdgeKind::End | EdgeKind::Next),
                stroke: match e.kind {
                    EdgeKind::Catch => 1,
                    EdgeKind::Default => 2,
                    _ => 0,
                },
                choice: matches!(e.kind, EdgeKind::Choice | EdgeKind::Default),
                shared_label: e.kind == EdgeKind::Catch
                    && e.label.is_some()
                    && catch_labels.get(&e.dst).is_some_and(Option::is_some),
            })
            .collect(),
        roots: scope.roots.clone(),
        sink: scope.sink,
    }
}
