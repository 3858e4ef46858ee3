//! How well a diagram reads, in numbers a test can hold (issue 15): bends, edge ends that
//! stack on one point, edges that run through or graze boxes they do not connect, labels that
//! collide, and how much of the containers is empty. All are computed from the laid-out
//! [`Diagram`] alone, so they measure what is drawn, whoever drew it.
//!
//! The definitions, which the tests pin down:
//! - `bends`: corners of all edge polylines (a point where the direction changes; repeated
//!   points and straight-through points are not corners).
//! - `stacked_ends`: edge ends (first point, on the source; last point, on the target) within
//!   [`NEAR`] px of an end of another edge on the same node. Each such end counts once, so two
//!   arrowheads on one point count 2. The one exception is a bundle (a bus: edges into one
//!   state that the layout merges into one trunk on purpose, Catch edges into a shared
//!   handler): edges stroked alike (Catch dashed, Default dotted, the rest solid) that arrive
//!   at one point along one line are drawn as one line with one arrowhead. Edges leaving a
//!   state never bundle, nor a `Next` with a Catch.
//! - `edge_node_hits`: (edge, node) pairs where a segment of the edge enters the node's box
//!   grown by [`NEAR`] px on every side. The edge's own source and target do not count, nor
//!   the containers (Parallel/Map) around them: an edge inside a container is in it, not
//!   through it. Every other box counts: states, Start/End markers, placeholders, containers.
//! - `label_overlaps`: pairs of a label and something it covers: a box (its containers
//!   excepted, as above), a segment of another edge (not one of a bundle riding through the label it shares), or another label. Touching is not
//!   overlapping.
//! - `empty_area`: percent of the containers' lane area outside the bounding box of what the
//!   lane holds (its states, its edges and their labels). Lane padding and the lane's title
//!   band count as empty, so a tight lane still scores ~20-40%; a branch stretched to its
//!   tallest sibling scores far more. 0 when there are no containers.

use crate::diagram::{Diagram, Edge, EdgeKind, Node, Point};
use std::collections::HashMap;

/// "Within 4 px" (4 included): how close counts as touching for stacked ends and grazed boxes.
pub const NEAR: f64 = 4.0;
/// Coordinates are half pixels: growing a box by a quarter more makes "4 px away" count.
const HALF_PIXEL: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quality {
    pub bends: usize,
    pub stacked_ends: usize,
    pub edge_node_hits: usize,
    pub label_overlaps: usize,
    /// Percent, 0 to 100.
    pub empty_area: f64,
}

impl Quality {
    pub fn of(d: &Diagram) -> Quality {
        let index: HashMap<&str, usize> = d
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        Quality {
            bends: d.edges.iter().map(|e| bends(&e.points)).sum(),
            stacked_ends: stacked_ends(d),
            edge_node_hits: edge_node_hits(d, &index),
            label_overlaps: label_overlaps(d, &index),
            empty_area: empty_area(d),
        }
    }
}

/// An axis-aligned box, open: its border is not inside.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn of_node(n: &Node) -> Rect {
        Rect {
            x0: n.x,
            y0: n.y,
            x1: n.x + n.width,
            y1: n.y + n.height,
        }
    }

    fn grown(self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    fn overlaps(self, o: Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn area(self) -> f64 {
        (self.x1 - self.x0).max(0.0) * (self.y1 - self.y0).max(0.0)
    }

    /// Liang–Barsky clipping: does the segment pass through the open box?
    fn hit_by(self, a: Point, b: Point) -> bool {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.x - self.x0),
            (dx, self.x1 - a.x),
            (-dy, a.y - self.y0),
            (dy, self.y1 - a.y),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t0 < t1
    }
}

fn label_rect(e: &Edge) -> Option<Rect> {
    e.label.as_ref().map(|l| Rect {
        x0: l.x - l.width / 2.0,
        y0: l.y - l.height / 2.0,
        x1: l.x + l.width / 2.0,
        y1: l.y + l.height / 2.0,
    })
}

/// Corners of a polyline.
pub fn bends(pts: &[Point]) -> usize {
    let mut dirs: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for w in pts.windows(2) {
        let (dx, dy) = (w[1].x - w[0].x, w[1].y - w[0].y);
        if dx.abs() > 1e-9 || dy.abs() > 1e-9 {
            dirs.push((dx, dy));
        }
    }
    dirs.windows(2)
        .filter(|w| {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            let cross = ax * by - ay * bx;
            let dot = ax * bx + ay * by;
            cross.abs() > 1e-9 || dot < 0.0
        })
        .count()
}

/// How an edge is stroked: Catch dashed, Default dotted, the rest solid. Only edges drawn
/// alike can merge into one line.
fn stroke(kind: EdgeKind) -> u8 {
    match kind {
        EdgeKind::Catch => 1,
        EdgeKind::Default => 2,
        _ => 0,
    }
}

fn stacked_ends(d: &Diagram) -> usize {
    // (node, arriving, edge, the end, the point before it), sorted by node so that each
    // node's ends are compared among themselves.
    let mut ends: Vec<(&str, bool, usize, Point, Point)> = Vec::with_capacity(d.edges.len() * 2);
    for (i, e) in d.edges.iter().enumerate() {
        let n = e.points.len();
        if n >= 2 {
            ends.push((e.source.as_str(), false, i, e.points[0], e.points[1]));
            ends.push((e.target.as_str(), true, i, e.points[n - 1], e.points[n - 2]));
        }
    }
    ends.sort_by(|a, b| a.0.cmp(b.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    let same = |p: Point, q: Point| (p.x - q.x).abs() < 1e-9 && (p.y - q.y).abs() < 1e-9;
    // From the end back along the last segment: the same way for both edges of a bundle.
    let along = |p: Point, p1: Point, q1: Point| {
        let (ax, ay, bx, by) = (p1.x - p.x, p1.y - p.y, q1.x - p.x, q1.y - p.y);
        (ax * by - ay * bx).abs() < 1e-9 && ax * bx + ay * by > 0.0
    };
    let mut count = 0;
    for group in ends.chunk_by(|a, b| a.0 == b.0) {
        for (k, &(_, arriving, i, p, p1)) in group.iter().enumerate() {
            let stacked = group
                .iter()
                .enumerate()
                .any(|(m, &(_, arriving2, j, q, q1))| {
                    let near = (p.x - q.x).hypot(p.y - q.y) <= NEAR + 1e-9;
                    let bundle = arriving
                        && arriving2
                        && stroke(d.edges[i].kind) == stroke(d.edges[j].kind)
                        && same(p, q)
                        && along(p, p1, q1);
                    m != k && j != i && near && !bundle
                });
            count += usize::from(stacked);
        }
    }
    count
}

/// The ids of the containers around a node, innermost first.
fn ancestors<'a>(d: &'a Diagram, index: &HashMap<&str, usize>, id: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut cur = index.get(id).and_then(|&i| d.nodes[i].parent.as_deref());
    while let Some(p) = cur {
        out.push(p);
        cur = index.get(p).and_then(|&i| d.nodes[i].parent.as_deref());
    }
    out
}

/// What an edge may touch without it counting: its ends and the containers around them.
fn own<'a>(d: &'a Diagram, index: &HashMap<&str, usize>, e: &'a Edge) -> Vec<&'a str> {
    let mut v = vec![e.source.as_str(), e.target.as_str()];
    v.extend(ancestors(d, index, &e.source));
    v.extend(ancestors(d, index, &e.target));
    v
}

fn edge_node_hits(d: &Diagram, index: &HashMap<&str, usize>) -> usize {
    let boxes: Vec<Rect> = d
        .nodes
        .iter()
        .map(|n| Rect::of_node(n).grown(NEAR + HALF_PIXEL / 2.0))
        .collect();
    let mut count = 0;
    for e in &d.edges {
        let own = own(d, index, e);
        let (lo, hi) = bounds(&e.points);
        for (n, r) in d.nodes.iter().zip(&boxes) {
            if !r.overlaps(Rect {
                x0: lo.x - 1.0,
                y0: lo.y - 1.0,
                x1: hi.x + 1.0,
                y1: hi.y + 1.0,
            }) || own.contains(&n.id.as_str())
            {
                continue;
            }
            count += usize::from(e.points.windows(2).any(|w| r.hit_by(w[0], w[1])));
        }
    }
    count
}

fn bounds(pts: &[Point]) -> (Point, Point) {
    let mut lo = Point {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut hi = Point {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    for p in pts {
        lo.x = lo.x.min(p.x);
        lo.y = lo.y.min(p.y);
        hi.x = hi.x.max(p.x);
        hi.y = hi.y.max(p.y);
    }
    (lo, hi)
}

fn label_overlaps(d: &Diagram, index: &HashMap<&str, usize>) -> usize {
    let labels: Vec<(usize, Rect)> = d
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| label_rect(e).map(|r| (i, r)))
        .collect();
    let mut count = 0;
    for (k, &(i, r)) in labels.iter().enumerate() {
        let e = &d.edges[i];
        let containers = ancestors(d, index, &e.source);
        count += d
            .nodes
            .iter()
            .filter(|n| !containers.contains(&n.id.as_str()) && r.overlaps(Rect::of_node(n)))
            .count();
        count += d
            .edges
            .iter()
            .enumerate()
            .filter(|&(j, o)| {
                j != i && !bundled_with(e, o) && o.points.windows(2).any(|w| r.hit_by(w[0], w[1]))
            })
            .count();
        count += labels[k + 1..]
            .iter()
            .filter(|(_, o)| r.overlaps(*o))
            .count();
    }
    count
}

/// `other` rides on the trunk that `labelled`'s label is drawn on: a Catch edge into the same
/// handler whose label the bundle shows once (see `crate::layering::proper`).
fn bundled_with(labelled: &Edge, other: &Edge) -> bool {
    labelled.kind == EdgeKind::Catch
        && other.kind == EdgeKind::Catch
        && other.target == labelled.target
        && other.label.is_none()
}

fn empty_area(d: &Diagram) -> f64 {
    let mut lane_area = 0.0;
    let mut used = 0.0;
    // Content bounding box per (container, lane).
    let mut content: HashMap<(&str, usize), Rect> = HashMap::new();
    let by_id: HashMap<&str, &Node> = d.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    for n in &d.nodes {
        if let Some(key) = lane_of(n) {
            grow(&mut content, key, Rect::of_node(n));
        }
    }
    for e in &d.edges {
        let Some(key) = by_id.get(e.source.as_str()).and_then(|n| lane_of(n)) else {
            continue;
        };
        if !e.points.is_empty() {
            let (lo, hi) = bounds(&e.points);
            let r = Rect {
                x0: lo.x,
                y0: lo.y,
                x1: hi.x,
                y1: hi.y,
            };
            grow(&mut content, key, r);
        }
        if let Some(r) = label_rect(e) {
            grow(&mut content, key, r);
        }
    }
    for n in &d.nodes {
        let Some(c) = &n.container else { continue };
        for (k, lane) in c.lanes.iter().enumerate() {
            let lr = Rect {
                x0: lane.x,
                y0: lane.y,
                x1: lane.x + lane.width,
                y1: lane.y + lane.height,
            };
            lane_area += lr.area();
            if let Some(cr) = content.get(&(n.id.as_str(), k)) {
                // Clipped to the lane: a stray edge outside it is not lane space used.
                used += Rect {
                    x0: cr.x0.max(lr.x0),
                    y0: cr.y0.max(lr.y0),
                    x1: cr.x1.min(lr.x1),
                    y1: cr.y1.min(lr.y1),
                }
                .area();
            }
        }
    }
    if lane_area <= 0.0 {
        return 0.0;
    }
    (100.0 * (lane_area - used) / lane_area).clamp(0.0, 100.0)
}

fn lane_of(n: &Node) -> Option<(&str, usize)> {
    n.parent.as_deref().map(|p| (p, n.lane.unwrap_or(0)))
}

fn grow<'a>(content: &mut HashMap<(&'a str, usize), Rect>, key: (&'a str, usize), r: Rect) {
    content
        .entry(key)
        .and_modify(|c| {
            c.x0 = c.x0.min(r.x0);
            c.y0 = c.y0.min(r.y0);
            c.x1 = c.x1.max(r.x1);
            c.y1 = c.y1.max(r.y1);
        })
        .or_insert(r);
}

#[cfg(test)]
#[path = "quality_tests.rs"]
mod tests;
