//! The graph handed to other layout engines (elkjs, dagre in bench-compare/): the same
//! nodes with the same sizes, the same edges with the same label sizes, and containers as
//! lanes of nested scopes, so that every engine lays out exactly the same problem.

use crate::containers::{HEADER, LANE_GAP, LANE_LABEL, LANE_PAD, OUTER_PAD};
use crate::graph::{self, Scope};
use crate::labels::{self, node_size};
use crate::MARGIN;
use serde_json::{json, Value};
use stepwise_asl::model::{State, StateMachine};

/// The machine as nested scopes of sized nodes and edges (JSON).
pub fn graph_json(machine: &StateMachine) -> Value {
    json!({
        "constants": {
            "header": HEADER, "lane_label": LANE_LABEL, "lane_pad": LANE_PAD,
            "lane_gap": LANE_GAP, "outer_pad": OUTER_PAD, "margin": MARGIN
        },
        "root": scope_json(machine, "", true),
    })
}

fn scope_json(sm: &StateMachine, base: &str, markers: bool) -> Value {
    let scope: Scope<'_> = graph::scope(sm, base, markers);
    let nodes: Vec<Value> = scope
        .nodes
        .iter()
        .map(|n| {
            let sub = labels::node_subtitle(n.kind, n.state);
            let (w, h) = node_size(n.kind, &n.name, sub.as_deref());
            let lanes: Vec<Value> = match n.state {
                Some(State::Parallel(p)) => p
                    .branches
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        json!({"label": format!("Branch {}", i + 1),
                               "scope": scope_json(b, &format!("{}/Branches/{i}", n.id), false)})
                    })
                    .collect(),
                Some(State::Map(m)) => m
                    .processor_with_field()
                    .map(|(field, p)| {
                        json!({"label": "Item processor",
                               "scope": scope_json(p, &format!("{}/{field}", n.id), false)})
                    })
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            };
            let mut v = json!({"id": n.id, "type": n.kind.as_str(), "width": w, "height": h});
            if !lanes.is_empty() {
                v["lanes"] = Value::Array(lanes);
            }
            v
        })
        .collect();
    let edges: Vec<Value> = scope
        .edges
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let mut v = json!({
                "id": format!("e{k}"),
                "source": scope.nodes[e.src].id,
                "target": scope.nodes[e.dst].id,
                "kind": e.kind,
            });
            if let Some(l) = &e.label {
                let (w, h) = labels::label_size(l);
                v["label"] = json!({"width": w, "height": h});
            }
            v
        })
        .collect();
    json!({"nodes": nodes, "edges": edges})
}
