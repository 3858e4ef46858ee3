//! Transitions and the state graph of each scope: targets exist and stay in their scope,
//! every state is reachable from StartAt, and every state can reach an end.

use super::{Ctx, Scope};
use crate::diagnostic::Code;
use crate::pointer::Pointer;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed};
use petgraph::Direction;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Every transition of a state: (pointer of the field, target name).
fn transitions(state: &Map<String, Value>, ptr: &Pointer) -> Vec<(Pointer, String)> {
    let mut out = Vec::new();
    let mut push = |p: Pointer, v: Option<&Value>| {
        if let Some(Value::String(s)) = v {
            out.push((p, s.clone()));
        }
    };
    let is_choice = state.get("Type").and_then(Value::as_str) == Some("Choice");
    if is_choice {
        if let Some(Value::Array(rules)) = state.get("Choices") {
            for (i, r) in rules.iter().enumerate() {
                push(ptr.key("Choices").index(i).key("Next"), r.get("Next"));
            }
        }
        push(ptr.key("Default"), state.get("Default"));
    } else {
        push(ptr.key("Next"), state.get("Next"));
    }
    if let Some(Value::Array(catchers)) = state.get("Catch") {
        for (i, c) in catchers.iter().enumerate() {
            push(ptr.key("Catch").index(i).key("Next"), c.get("Next"));
        }
    }
    out
}

/// A state ends its scope: Succeed, Fail, or `End: true`.
fn is_terminal(state: &Map<String, Value>) -> bool {
    matches!(state.get("Type").and_then(Value::as_str), Some("Succeed" | "Fail"))
        || state.get("End") == Some(&Value::Bool(true))
}

pub(crate) fn check_transitions(ctx: &mut Ctx, scope: &Scope) {
    let mut graph: DiGraph<usize, ()> = DiGraph::with_capacity(scope.states.len(), scope.states.len() * 2);
    let index: HashMap<&str, NodeIndex> = scope
        .states
        .iter()
        .enumerate()
        .map(|(i, (name, _, _))| (*name, graph.add_node(i)))
        .collect();
    for (name, ptr, state) in &scope.states {
        for (field, target) in transitions(state, ptr) {
            match index.get(target.as_str()) {
                Some(&to) => {
                    graph.update_edge(index[name], to, ());
                }
                None => report_missing(ctx, &field, &target, "names"),
            }
        }
    }
    let Some((start, start_ptr)) = &scope.start_at else {
        return;
    };
    let Some(&start_ix) = index.get(start) else {
        if !scope.states.is_empty() {
            report_missing(ctx, start_ptr, start, "StartAt names");
        }
        return;
    };
    let mut reachable = vec![false; graph.node_count()];
    let mut bfs = Bfs::new(&graph, start_ix);
    while let Some(n) = bfs.next(&graph) {
        reachable[n.index()] = true;
    }
    for (i, (name, ptr, _)) in scope.states.iter().enumerate() {
        if !reachable[i] {
            ctx.error(
                Code::UnreachableState,
                ptr,
                format!("state {name:?} cannot be reached from StartAt {start:?}; AWS rejects unreachable states"),
            );
        }
    }
    check_ends(ctx, scope, &graph, &reachable);
}

/// Warns on reachable states from which no Succeed, Fail or End can be reached: an
/// execution that gets there loops until it times out or hits the history limit.
fn check_ends(ctx: &mut Ctx, scope: &Scope, graph: &DiGraph<usize, ()>, reachable: &[bool]) {
    let mut can_end = vec![false; graph.node_count()];
    let reversed = Reversed(graph);
    for n in graph.node_indices() {
        let (_, _, state) = scope.states[n.index()];
        if is_terminal(state) && !can_end[n.index()] {
            let mut bfs = Bfs::new(&reversed, n);
            while let Some(m) = bfs.next(&reversed) {
                can_end[m.index()] = true;
            }
        }
    }
    for n in graph.node_indices() {
        let i = n.index();
        let (name, ptr, state) = &scope.states[i];
        // A state with no way out at all already has a missing-transition error.
        let has_exit = graph.neighbors_directed(n, Direction::Outgoing).next().is_some();
        if reachable[i] && !can_end[i] && has_exit && !is_terminal(state) {
            ctx.warning(
                Code::NoTerminalPath,
                ptr,
                format!("no path leads from state {name:?} to a Succeed, Fail or End state: an execution that gets here never finishes"),
            );
        }
    }
}

/// A target that is not in this scope: out of scope if another branch or processor (or the
/// enclosing machine) has it, else not found.
fn report_missing(ctx: &mut Ctx, field: &Pointer, target: &str, what: &str) {
    if let Some(elsewhere) = ctx.names.get(target).cloned() {
        ctx.error(
            Code::NextOutOfScope,
            field,
            format!("{what} {target:?}, which is defined at {elsewhere}, outside this state's branch or processor; transitions cannot cross Parallel branch or Map processor boundaries"),
        );
    } else {
        let code = if what.starts_with("StartAt") { Code::StartAtNotFound } else { Code::NextNotFound };
        ctx.error(code, field, format!("{what} {target:?}, but there is no state with that name"));
    }
}
