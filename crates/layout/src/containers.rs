//! Containers: Parallel branches and Map processors are laid out first (bottom-up, to any
//! depth), their size becomes the size of the Parallel/Map node in its own scope, and once
//! that scope is placed their contents are moved into the container's lanes.

use crate::diagram::{Container, Edge, Label, Lane, Node, Point};
use crate::graph::{self, ExtraEdge, Scope};
use crate::labels::{self, node_size};
use crate::pipeline;
use crate::text::text_width;
use stepwise_asl::model::{State, StateMachine};

/// The band at the top of a container with the state's name and type.
pub const HEADER: f64 = 40.0;
/// The band at the top of a lane with "Branch 1" / "Item processor".
pub const LANE_LABEL: f64 = 24.0;
pub const LANE_PAD: f64 = 16.0;
pub const LANE_GAP: f64 = 12.0;
pub const OUTER_PAD: f64 = 10.0;

/// A laid-out scope, coordinates relative to its own top-left corner.
pub(crate) struct Placed {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub width: f64,
    pub height: f64,
}

struct Inner {
    lanes: Vec<(String, Placed)>,
    /// Width and height of each lane: each sized to its own content, so a one-state branch
    /// is not stretched to the height of its tallest sibling (the container is as tall as
    /// the tallest).
    lane_w: Vec<f64>,
    lane_h: Vec<f64>,
    width: f64,
    height: f64,
}

fn inner_of(state: &State, id: &str, depth: usize, extra: &[ExtraEdge]) -> Option<Inner> {
    let lanes: Vec<(String, Placed)> = match state {
        State::Parallel(p) => p
            .branches
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let base = format!("{id}/Branches/{i}");
                (
                    format!("Branch {}", i + 1),
                    place(b, &base, depth + 1, false, extra),
                )
            })
            .collect(),
        State::Map(m) => {
            let (field, sm) = m.processor_with_field()?;
            let base = format!("{id}/{field}");
            vec![(
                "Item processor".to_string(),
                place(sm, &base, depth + 1, false, extra),
            )]
        }
        _ => return None,
    };
    let lane_w: Vec<f64> = lanes
        .iter()
        .map(|(label, p)| {
            let min = text_width(label, labels::SUB_SIZE, true) + 2.0 * LANE_PAD;
            (p.width + 2.0 * LANE_PAD).max(min).ceil()
        })
        .collect();
    let lane_h: Vec<f64> = lanes
        .iter()
        .map(|(_, p)| (LANE_LABEL + p.height + LANE_PAD).ceil())
        .collect();
    let tallest = lane_h.iter().copied().fold(LANE_LABEL + LANE_PAD, f64::max);
    let gaps = LANE_GAP * lanes.len().saturating_sub(1) as f64;
    let width = 2.0 * OUTER_PAD + lane_w.iter().sum::<f64>() + gaps;
    let height = HEADER + tallest + OUTER_PAD;
    Some(Inner {
        lanes,
        lane_w,
        lane_h,
        width,
        height,
    })
}

/// Lays out one scope and everything nested in it.
pub(crate) fn place(
    sm: &StateMachine,
    base: &str,
    depth: usize,
    markers: bool,
    extra: &[ExtraEdge],
) -> Placed {
    let mut scope: Scope<'_> = graph::scope(sm, base, markers);
    graph::add_extra(&mut scope, sm, markers, extra);
    let mut inners: Vec<Option<Inner>> = Vec::with_capacity(scope.nodes.len());
    let mut subtitles: Vec<Option<String>> = Vec::with_capacity(scope.nodes.len());
    let mut sizes: Vec<(f64, f64)> = Vec::with_capacity(scope.nodes.len());
    for n in &scope.nodes {
        let subtitle = labels::node_subtitle(n.kind, n.state);
        let (mut w, mut h) = node_size(n.kind, &n.name, subtitle.as_deref());
        let inner = n.state.and_then(|s| inner_of(s, &n.id, depth, extra));
        if let Some(inner) = &inner {
            w = w.max(inner.width).ceil();
            h = inner.height.ceil();
        }
        sizes.push((w, h));
        subtitles.push(subtitle);
        inners.push(inner);
    }
    let lg = graph::lgraph(&scope, &sizes);
    let gl = pipeline::layout_graph(&lg);

    let mut nodes = Vec::new();
    let mut nested_edges: Vec<Edge> = Vec::new();
    for (i, n) in scope.nodes.iter().enumerate() {
        let (w, h) = sizes[i];
        let (cx, cy) = gl.centres[i];
        let (x, y) = (cx - w / 2.0, cy - h / 2.0);
        let mut node = Node {
            id: n.id.clone(),
            name: n.name.clone(),
            kind: n.kind,
            subtitle: subtitles[i].clone(),
            x,
            y,
            width: w,
            height: h,
            parent: None,
            lane: None,
            depth,
            container: None,
        };
        let Some(inner) = inners[i].take() else {
            nodes.push(node);
            continue;
        };
        // Centre the lanes when the header is wider than they are.
        let spare = (w - inner.width).max(0.0) / 2.0;
        let mut lx = x + OUTER_PAD + spare;
        let ly = y + HEADER;
        let mut lanes = Vec::with_capacity(inner.lanes.len());
        let mut children: Vec<Node> = Vec::new();
        let mut child_edges: Vec<Edge> = Vec::new();
        for (k, (label, placed)) in inner.lanes.into_iter().enumerate() {
            let lw = inner.lane_w[k];
            lanes.push(Lane {
                label,
                x: lx,
                y: ly,
                width: lw,
                height: inner.lane_h[k],
            });
            let dx = lx + (lw - placed.width) / 2.0;
            let dy = ly + LANE_LABEL;
            for mut c in placed.nodes {
                translate_node(&mut c, dx, dy);
                if c.parent.is_none() {
                    c.parent = Some(n.id.clone());
                    c.lane = Some(k);
                }
                children.push(c);
            }
            for mut e in placed.edges {
                translate_edge(&mut e, dx, dy);
                child_edges.push(e);
            }
            lx += lw + LANE_GAP;
        }
        node.container = Some(Container {
            header_height: HEADER,
            lanes,
        });
        nodes.push(node);
        nodes.extend(children);
        nested_edges.extend(child_edges);
    }

    let mut edges: Vec<Edge> = Vec::with_capacity(scope.edges.len());
    let mut seen: Vec<(usize, usize, usize)> = Vec::new();
    for (k, e) in scope.edges.iter().enumerate() {
        let r = &gl.routes[k];
        let nth = seen
            .iter()
            .filter(|&&(s, d, _)| s == e.src && d == e.dst)
            .count();
        seen.push((e.src, e.dst, k));
        let source = scope.nodes[e.src].id.clone();
        let target = scope.nodes[e.dst].id.clone();
        let label = match (&e.label, r.label) {
            (Some(text), Some((x, y))) => {
                let (w, h) = labels::label_size(text);
                let (shown, full) = labels::shown(text);
                Some(Label {
                    text: shown,
                    full,
                    x,
                    y,
                    width: w,
                    height: h,
                })
            }
            _ => None,
        };
        edges.push(Edge {
            id: format!("{source}->{target}#{nth}"),
            source,
            target,
            kind: e.kind,
            back_edge: gl.back[k],
            rule: e.rule,
            errors: e.errors.clone(),
            label,
            points: r.points.iter().map(|&(x, y)| Point { x, y }).collect(),
        });
    }
    edges.extend(nested_edges);
    Placed {
        nodes,
        edges,
        width: gl.width,
        height: gl.height,
    }
}

fn translate_node(n: &mut Node, dx: f64, dy: f64) {
    n.x += dx;
    n.y += dy;
    if let Some(c) = &mut n.container {
        for l in &mut c.lanes {
            l.x += dx;
            l.y += dy;
        }
    }
}

pub(crate) fn translate_edge(e: &mut Edge, dx: f64, dy: f64) {
    for p in &mut e.points {
        p.x += dx;
        p.y += dy;
    }
    if let Some(l) = &mut e.label {
        l.x += dx;
        l.y += dy;
    }
}

pub(crate) fn translate(placed: &mut Placed, dx: f64, dy: f64) {
    for n in &mut placed.nodes {
        translate_node(n, dx, dy);
    }
    for e in &mut placed.edges {
        translate_edge(e, dx, dy);
    }
}
