//! Cycle breaking: a depth-first search from the start marks the edges that close a loop;
//! layering treats them as reversed and routing draws them back up along the side.

use crate::graph::LGraph;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{depth_first_search, Control, DfsEvent};

/// `true` for every edge that points back to a state already on the search path. Self-loops
/// are not reported here: they never take part in layering.
pub(crate) fn back_edges(g: &LGraph) -> Vec<bool> {
    let mut dg: DiGraph<(), ()> = DiGraph::with_capacity(g.nodes.len(), g.edges.len());
    for _ in &g.nodes {
        dg.add_node(());
    }
    // petgraph walks a node's out-edges newest first; adding them in reverse makes the
    // search follow each state's edges in reading order (Next before Catch), so that the
    // edge that returns to the loop's head is the one reversed, not the loop's main path.
    for e in g.edges.iter().rev() {
        if e.src != e.dst {
            dg.add_edge(NodeIndex::new(e.src), NodeIndex::new(e.dst), ());
        }
    }
    let mut back_pairs: Vec<(usize, usize)> = Vec::new();
    let roots = g.roots.iter().copied().chain(0..g.nodes.len());
    depth_first_search(&dg, roots.map(NodeIndex::new), |ev| {
        if let DfsEvent::BackEdge(u, v) = ev {
            back_pairs.push((u.index(), v.index()));
        }
        Control::<()>::Continue
    });
    back_pairs.sort_unstable();
    g.edges
        .iter()
        .map(|e| e.src != e.dst && back_pairs.binary_search(&(e.src, e.dst)).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{LEdge, LNode};

    fn graph(n: usize, edges: &[(usize, usize)]) -> LGraph {
        LGraph {
            nodes: vec![LNode { w: 10.0, h: 10.0 }; n],
            edges: edges
                .iter()
                .map(|&(src, dst)| LEdge::plain(src, dst))
                .collect(),
            roots: vec![0],
            sink: None,
        }
    }

    #[test]
    fn the_edge_back_to_the_loop_head_is_reversed() {
        // 0 -> 1 -> 2 -> 3, 3 -> 1 (poll again)
        let g = graph(4, &[(0, 1), (1, 2), (2, 3), (3, 1)]);
        assert_eq!(back_edges(&g), vec![false, false, false, true]);
    }

    #[test]
    fn acyclic_graphs_keep_every_edge() {
        let g = graph(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert!(back_edges(&g).iter().all(|b| !b));
    }
}
