//! Transitions and the state graph of each scope: targets exist and stay in their scope,
//! every state is reachable from StartAt, and every state can reach an end.

use super::member;
use super::{Ctx, Scope};
use crate::diagnostic::Code;
use crate::pointer::{Loc, Pointer};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed};
use petgraph::Direction;
use rustc_hash::FxHashMap as HashMap;
use serde_json::{Map, Value};

/// Where a transition is written, relative to its state.
#[derive(Clone, Copy)]
enum Field {
    Next,
    Default,
    ChoiceNext(usize),
    CatchNext(usize),
}

impl Field {
    fn pointer(self, state: &Pointer) -> Pointer {
        match self {
            Field::Next => state.key("Next"),
            Field::Default => state.key("Default"),
            Field::ChoiceNext(i) => state.key("Choices").index(i).key("Next"),
            Field::CatchNext(i) => state.key("Catch").index(i).key("Next"),
        }
    }

    /// How a message names the field ("Default names ...").
    fn describe(self) -> String {
        match self {
            Field::Next => "Next names".to_string(),
            Field::Default => "Default names".to_string(),
            Field::ChoiceNext(i) => format!("the Next of Choice rule {} names", i + 1),
            Field::CatchNext(i) => format!("the Next of catcher {} names", i + 1),
        }
    }
}

/// Every transition of a state: where it is written and the target name.
fn transitions<'a>(state: &'a Map<String, Value>) -> Vec<(Field, &'a str)> {
    let mut out = Vec::new();
    let mut push = |f: Field, v: Option<&'a Value>| {
        if let Some(Value::String(s)) = v {
            out.push((f, s.as_str()));
        }
    };
    let is_choice = member(state, "Type").and_then(Value::as_str) == Some("Choice");
    if is_choice {
        if let Some(Value::Array(rules)) = member(state, "Choices") {
            for (i, r) in rules.iter().enumerate() {
                push(Field::ChoiceNext(i), r.get("Next"));
            }
        }
        push(Field::Default, member(state, "Default"));
    } else {
        push(Field::Next, member(state, "Next"));
    }
    if let Some(Value::Array(catchers)) = member(state, "Catch") {
        for (i, c) in catchers.iter().enumerate() {
            push(Field::CatchNext(i), c.get("Next"));
        }
    }
    out
}

/// A state ends its scope: Succeed, Fail, or `End: true`.
fn is_terminal(state: &Map<String, Value>) -> bool {
    matches!(
        member(state, "Type").and_then(Value::as_str),
        Some("Succeed" | "Fail")
    ) || member(state, "End").is_some_and(|v| v == &Value::Bool(true) || super::is_placeholder(v))
}

pub(crate) fn check_transitions(ctx: &mut Ctx, scope: &Scope) {
    let mut graph: DiGraph<usize, ()> =
        DiGraph::with_capacity(scope.states.len(), scope.states.len() * 2);
    let index: HashMap<&str, NodeIndex> = scope
        .states
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, graph.add_node(i)))
        .collect();
    let mut dangling = false;
    for (name, state) in &scope.states {
        for (field, target) in transitions(state) {
            match index.get(target) {
                Some(&to) => {
                    graph.update_edge(index[name], to, ());
                }
                None => {
                    dangling = true;
                    report_missing(
                        ctx,
                        &field.pointer(&scope.state_pointer(name)),
                        target,
                        &field.describe(),
                    )
                }
            }
        }
    }
    let has_terminal = scope.states.iter().any(|(_, s)| is_terminal(s));
    // A Next to a state that does not exist yet is reported as such; the missing state may
    // well be the end.
    if !scope.states.is_empty() && !has_terminal && !dangling {
        report_missing_end(ctx, scope);
    }
    let Some(start) = scope.start_at else {
        return;
    };
    let Some(&start_ix) = index.get(start) else {
        if !scope.states.is_empty() {
            report_missing(ctx, &scope.ptr.key("StartAt"), start, "StartAt names");
        }
        return;
    };
    let mut reachable = vec![false; graph.node_count()];
    let mut bfs = Bfs::new(&graph, start_ix);
    while let Some(n) = bfs.next(&graph) {
        reachable[n.index()] = true;
    }
    for (i, (name, _)) in scope.states.iter().enumerate() {
        if !reachable[i] {
            ctx.error(
                Code::UnreachableState,
                &Loc::Base(&scope.state_pointer(name)),
                format!("state {name:?} cannot be reached from StartAt {start:?}; AWS rejects unreachable states"),
            );
        }
    }
    if has_terminal {
        check_ends(ctx, scope, &graph, &reachable);
    }
}

/// AWS rejects a machine, Parallel branch or Map processor none of whose states is a
/// Succeed, a Fail or has `End: true`: MISSING_END_STATE, "The workflow does not have a
/// terminal state" (Step Functions API reference, ValidateStateMachineDefinitionDiagnostic).
/// The per-state warnings of [`check_ends`] would only repeat it, so they are left out.
fn report_missing_end(ctx: &mut Ctx, scope: &Scope) {
    let what = if scope.ptr.as_str().is_empty() {
        "the state machine".to_string()
    } else {
        format!("the branch or processor at {}", scope.ptr.as_str())
    };
    ctx.error(
        Code::MissingEndState,
        &Loc::Base(&scope.ptr.key("States")),
        format!("{what} does not have a terminal state: no Succeed, no Fail, no \"End\": true (AWS rejects it: MISSING_END_STATE)"),
    );
}

/// Warns on reachable states from which no Succeed, Fail or End can be reached: an
/// execution that gets there loops until it times out or hits the history limit.
fn check_ends(ctx: &mut Ctx, scope: &Scope, graph: &DiGraph<usize, ()>, reachable: &[bool]) {
    let mut can_end = vec![false; graph.node_count()];
    let reversed = Reversed(graph);
    for n in graph.node_indices() {
        let (_, state) = scope.states[n.index()];
        if is_terminal(state) && !can_end[n.index()] {
            let mut bfs = Bfs::new(&reversed, n);
            while let Some(m) = bfs.next(&reversed) {
                can_end[m.index()] = true;
            }
        }
    }
    for n in graph.node_indices() {
        let i = n.index();
        let (name, state) = &scope.states[i];
        // A state with no way out at all already has a missing-transition error.
        let has_exit = graph
            .neighbors_directed(n, Direction::Outgoing)
            .next()
            .is_some();
        if reachable[i] && !can_end[i] && has_exit && !is_terminal(state) {
            ctx.warning(
                Code::NoTerminalPath,
                &Loc::Base(&scope.state_pointer(name)),
                format!("no path leads from state {name:?} to a Succeed, Fail or End state: an execution that gets here never finishes"),
            );
        }
    }
}

/// A target that is not in this scope: out of scope if another branch or processor (or the
/// enclosing machine) has it, else not found.
fn report_missing(ctx: &mut Ctx, field: &Pointer, target: &str, what: &str) {
    let field = &Loc::Base(field);
    if let Some(elsewhere) = ctx.first_definition(target) {
        ctx.error(
            Code::NextOutOfScope,
            field,
            format!("{what} {target:?}, which is defined at {elsewhere}, outside this state's branch or processor; transitions cannot cross Parallel branch or Map processor boundaries"),
        );
    } else {
        let code = if what.starts_with("StartAt") {
            Code::StartAtNotFound
        } else {
            Code::NextNotFound
        };
        ctx.error(
            code,
            field,
            format!("{what} {target:?}, but there is no state with that name"),
        );
    }
}
