//! Layering: every state gets a layer (longest path from the start, with room for a label
//! row under labelled edges), then long edges are cut into chains of dummy vertices, one
//! per layer they cross, so that ordering and positioning only ever see adjacent layers.
//!
//! Forward edges into the same state share their dummies ("bus"): the thirty Catch edges
//! into one error handler become one line that the others join, not thirty parallel lines.

use crate::graph::LGraph;
use petgraph::algo::toposort;
use petgraph::graph::{DiGraph, NodeIndex};

/// The layered graph with dummies. Vertices `0..real` are the graph's nodes.
pub(crate) struct Proper {
    pub real: usize,
    pub layer_of: Vec<usize>,
    pub w: Vec<f64>,
    pub h: Vec<f64>,
    pub is_label: Vec<bool>,
    /// Extra room kept clear on both sides (for a self-loop and its label).
    pub margin: Vec<f64>,
    /// Neighbours in the layer above / below, with the weight positioning gives the edge.
    pub up: Vec<Vec<(usize, f64)>>,
    pub down: Vec<Vec<(usize, f64)>>,
    /// Vertices per layer, in left-to-right order once ordering has run.
    pub layers: Vec<Vec<usize>>,
    pub chains: Vec<Chain>,
}

/// How one edge of the graph runs through the layers.
pub(crate) struct Chain {
    /// From the upper end to the lower end; empty for a self-loop.
    pub path: Vec<usize>,
    /// The dummy that carries the edge's label.
    pub label: Option<usize>,
    /// Drawn upwards: the edge closes a loop.
    pub reversed: bool,
}

impl Proper {
    fn add_vertex(&mut self, layer: usize, w: f64, h: f64, is_label: bool) -> usize {
        let v = self.layer_of.len();
        self.layer_of.push(layer);
        self.w.push(w);
        self.h.push(h);
        self.is_label.push(is_label);
        self.margin.push(0.0);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.layers[layer].push(v);
        v
    }

    fn connect(&mut self, a: usize, b: usize, weight: f64) {
        let dummies = usize::from(a >= self.real) + usize::from(b >= self.real);
        // Long edges should run straight: the more of an edge is dummy, the harder it pulls.
        let w = weight * [1.0, 1.0, 2.0][dummies];
        if let Some(e) = self.down[a].iter_mut().find(|(x, _)| *x == b) {
            e.1 = e.1.max(w);
            if let Some(e) = self.up[b].iter_mut().find(|(x, _)| *x == a) {
                e.1 = e.1.max(w);
            }
            return;
        }
        self.down[a].push((b, w));
        self.up[b].push((a, w));
    }
}

/// Layer of every node: longest path with minimum lengths, sources pulled down next to their
/// successors, and the sink (the End marker) alone on the last layer.
pub(crate) fn ranks(g: &LGraph, back: &[bool], late: bool) -> Vec<usize> {
    let n = g.nodes.len();
    let mut dg: DiGraph<(), usize> = DiGraph::with_capacity(n, g.edges.len());
    for _ in 0..n {
        dg.add_node(());
    }
    let mut has_in = vec![false; n];
    for (e, &rev) in g.edges.iter().zip(back) {
        if e.src == e.dst {
            continue;
        }
        let (a, b) = if rev { (e.dst, e.src) } else { (e.src, e.dst) };
        dg.add_edge(NodeIndex::new(a), NodeIndex::new(b), e.min_len());
        has_in[b] = true;
    }
    let order: Vec<usize> = match toposort(&dg, None) {
        Ok(o) => o.into_iter().map(|v| v.index()).collect(),
        // Cycle breaking leaves no cycle; should it ever, index order still terminates.
        Err(_) => (0..n).collect(),
    };
    let mut rank = vec![0usize; n];
    for &v in &order {
        for e in dg.edges(NodeIndex::new(v)) {
            let t = petgraph::visit::EdgeRef::target(&e).index();
            rank[t] = rank[t].max(rank[v] + *e.weight());
        }
    }
    for &v in order.iter().rev() {
        // Sources always sit just above their successors; with `late`, every state does
        // (as late as possible), which shortens edges that skip ahead to a rejoin.
        if (has_in[v] && !late) || g.roots.first() == Some(&v) || Some(v) == g.sink {
            continue;
        }
        let below = dg
            .edges(NodeIndex::new(v))
            .map(|e| rank[petgraph::visit::EdgeRef::target(&e).index()] - *e.weight())
            .min();
        if let Some(r) = below {
            rank[v] = rank[v].max(r);
        }
    }
    if let Some(s) = g.sink {
        let deepest = (0..n).filter(|&v| v != s).map(|v| rank[v]).max();
        if let Some(d) = deepest {
            rank[s] = rank[s].max(d + 1);
        }
    }
    rank
}

/// Cuts long edges into dummy chains (sharing them into buses where they can).
pub(crate) fn proper(g: &LGraph, back: &[bool], rank: &[usize], bus_choice: bool) -> Proper {
    let n = g.nodes.len();
    let depth = rank.iter().copied().max().unwrap_or(0) + 1;
    let mut p = Proper {
        real: n,
        layer_of: Vec::with_capacity(n * 2),
        w: Vec::with_capacity(n * 2),
        h: Vec::with_capacity(n * 2),
        is_label: Vec::with_capacity(n * 2),
        margin: Vec::with_capacity(n * 2),
        up: Vec::with_capacity(n * 2),
        down: Vec::with_capacity(n * 2),
        layers: vec![Vec::new(); depth],
        chains: Vec::with_capacity(g.edges.len()),
    };
    for (v, node) in g.nodes.iter().enumerate() {
        p.add_vertex(rank[v], node.w, node.h, false);
    }
    for e in g.edges.iter().filter(|e| e.src == e.dst) {
        let reach = crate::routing::self_loop_reach(e.label.map(|l| l.0));
        p.margin[e.src] = p.margin[e.src].max(reach);
    }

    // Where each forward edge would join a bus into its target, and how many share each bus.
    let join = |i: usize| -> usize {
        let e = &g.edges[i];
        rank[e.src] + 1 + usize::from(e.label.is_some() && !e.shared_label)
    };
    let bus_key = |i: usize| -> Option<(usize, u8)> {
        let e = &g.edges[i];
        let concentrate = e.concentrate || (bus_choice && e.choice);
        (concentrate && !back[i] && e.src != e.dst && join(i) < rank[e.dst])
            .then_some((e.dst, e.stroke))
    };
    let mut keys: Vec<((usize, u8), usize)> = (0..g.edges.len())
        .filter_map(|i| bus_key(i).map(|k| (k, join(i))))
        .collect();
    keys.sort_unstable();
    // (key, first layer, member count), sorted by key for binary search.
    let mut buses: Vec<((usize, u8), usize, usize)> = Vec::new();
    for (k, j) in keys {
        match buses.last_mut() {
            Some(last) if last.0 == k => {
                last.1 = last.1.min(j);
                last.2 += 1;
            }
            _ => buses.push((k, j, 1)),
        }
    }
    // Bus vertices, made on first use: per bus, one per layer from its first layer down.
    let mut bus_vertices: Vec<Vec<usize>> = vec![Vec::new(); buses.len()];
    // A bus of Catch edges with one label: the label vertex on its last layer, and whether
    // an edge has taken it (the first does; the others ride through it unlabelled).
    let mut bus_label: Vec<(Option<usize>, bool)> = vec![(None, false); buses.len()];

    for (i, e) in g.edges.iter().enumerate() {
        if e.src == e.dst {
            p.chains.push(Chain {
                path: Vec::new(),
                label: None,
                reversed: false,
            });
            continue;
        }
        let rev = back[i];
        let (a, b) = if rev { (e.dst, e.src) } else { (e.src, e.dst) };
        let (lw, lh) = e.label.unwrap_or((0.0, 0.0));
        let mut path = vec![a];
        let mut label = None;
        let mut layer = rank[a] + 1;
        let bus = bus_key(i)
            .and_then(|k| buses.binary_search_by(|x| x.0.cmp(&k)).ok())
            .filter(|&bi| buses[bi].2 >= 2);
        let bundled = bus.is_some() && e.shared_label;
        if e.label.is_some() && !rev && layer < rank[b] && !bundled {
            let d = p.add_vertex(layer, lw, lh, true);
            label = Some(d);
            path.push(d);
            layer += 1;
        }
        match bus {
            Some(bi) => {
                let first = buses[bi].1;
                if bus_vertices[bi].is_empty() {
                    let mut prev: Option<usize> = None;
                    for l in first..rank[b] {
                        let d = if bundled && l + 1 == rank[b] {
                            let d = p.add_vertex(l, lw, lh, true);
                            bus_label[bi].0 = Some(d);
                            d
                        } else {
                            p.add_vertex(l, 0.0, 0.0, false)
                        };
                        if let Some(pv) = prev {
                            // A bus is one straight line that the edges join, not a zigzag
                            // between them: its own links outweigh the joiners.
                            p.connect(pv, d, e.weight * 20.0);
                        }
                        bus_vertices[bi].push(d);
                        prev = Some(d);
                    }
                }
                path.extend_from_slice(&bus_vertices[bi][layer - first..]);
                if bundled && !bus_label[bi].1 {
                    bus_label[bi].1 = true;
                    label = bus_label[bi].0;
                }
            }
            None => {
                while layer < rank[b] {
                    let is_label = e.label.is_some() && rev && layer + 1 == rank[b];
                    let d = if is_label {
                        p.add_vertex(layer, lw, lh, true)
                    } else {
                        p.add_vertex(layer, 0.0, 0.0, false)
                    };
                    if is_label {
                        label = Some(d);
                    }
                    path.push(d);
                    layer += 1;
                }
            }
        }
        path.push(b);
        // A loop's way back must not drag the states it runs beside out of line.
        let weight = if rev { e.weight.min(0.1) } else { e.weight };
        for w in path.windows(2) {
            p.connect(w[0], w[1], weight);
        }
        p.chains.push(Chain {
            path,
            label,
            reversed: rev,
        });
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{LEdge, LNode};

    /// C -> A -> B -> Z, and two labelled Choice edges straight from C to Z, stroked as given:
    /// do their dummies merge into one bus?
    fn shares_a_bus(strokes: (u8, u8)) -> bool {
        let choice = |stroke: u8| LEdge {
            label: Some((40.0, 18.0)),
            choice: true,
            stroke,
            ..LEdge::plain(0, 3)
        };
        let g = LGraph {
            nodes: vec![LNode { w: 10.0, h: 10.0 }; 4],
            edges: vec![
                LEdge::plain(0, 1),
                LEdge::plain(1, 2),
                LEdge::plain(2, 3),
                choice(strokes.0),
                choice(strokes.1),
            ],
            roots: vec![0],
            sink: None,
        };
        let back = vec![false; g.edges.len()];
        let rank = ranks(&g, &back, false);
        let p = proper(&g, &back, &rank, true);
        let (a, b) = (&p.chains[3].path, &p.chains[4].path);
        a.iter().any(|v| *v >= p.real && b.contains(v))
    }

    #[test]
    fn only_edges_stroked_alike_share_a_bus() {
        let cases = [
            ("two solid rules", (0, 0), true),
            ("a rule and the dotted Default", (0, 2), false),
            ("a rule and a dashed Catch", (0, 1), false),
        ];
        for (name, strokes, want) in cases {
            assert_eq!(shares_a_bus(strokes), want, "{name}");
        }
    }
}
