//! Figures of a diagram, as `stepwise layout --stats` prints them (with those of
//! [`crate::quality`]), and the crossing counter that the elkjs/dagre comparison
//! (bench-compare/) reimplements line for line.
//!
//! A crossing is a proper intersection of two straight segments of two different edges:
//! a point inside both segments. Edges that touch at a shared port, or run along the same
//! line (a shared bus), do not cross.

use crate::diagram::{Diagram, Point};
use crate::quality::Quality;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub nodes: usize,
    pub edges: usize,
    pub crossings: usize,
    pub edge_length: f64,
    pub width: f64,
    pub height: f64,
    /// Bends, stacked ends, hits, label overlaps, empty container area ([`crate::quality`]).
    pub quality: Quality,
    /// Milliseconds the layout took (not part of the diagram, so not deterministic).
    pub ms: f64,
}

impl Stats {
    pub fn of(d: &Diagram, ms: f64) -> Stats {
        let lines: Vec<&[Point]> = d.edges.iter().map(|e| e.points.as_slice()).collect();
        Stats {
            nodes: d.nodes.len(),
            edges: d.edges.len(),
            crossings: count_crossings(&lines),
            edge_length: lines.iter().map(|l| polyline_length(l)).sum(),
            width: d.width,
            height: d.height,
            quality: Quality::of(d),
            ms,
        }
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "nodes={} edges={} crossings={} edge_length={:.0} width={} height={} bends={} \
             stacked_ends={} edge_node_hits={} label_overlaps={} empty_area={:.1} ms={:.1}",
            self.nodes,
            self.edges,
            self.crossings,
            self.edge_length,
            self.width,
            self.height,
            self.quality.bends,
            self.quality.stacked_ends,
            self.quality.edge_node_hits,
            self.quality.label_overlaps,
            self.quality.empty_area,
            self.ms
        )
    }
}

pub fn polyline_length(pts: &[Point]) -> f64 {
    pts.windows(2)
        .map(|w| ((w[1].x - w[0].x).powi(2) + (w[1].y - w[0].y).powi(2)).sqrt())
        .sum()
}

struct Seg {
    line: usize,
    a: Point,
    b: Point,
    min_y: f64,
    max_y: f64,
    min_x: f64,
    max_x: f64,
}

fn orient(a: Point, b: Point, c: Point) -> f64 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// Tolerance for "on the line": coordinates are half pixels, so anything this small is 0.
const EPS: f64 = 1e-7;

/// Whether two segments cross at a point interior to both.
pub fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let o1 = orient(a, b, c);
    let o2 = orient(a, b, d);
    let o3 = orient(c, d, a);
    let o4 = orient(c, d, b);
    ((o1 > EPS && o2 < -EPS) || (o1 < -EPS && o2 > EPS))
        && ((o3 > EPS && o4 < -EPS) || (o3 < -EPS && o4 > EPS))
}

/// Crossings between the polylines, each pair of crossing segments counted once.
/// Sweep over y: segments sorted by their top, each compared only with those still open.
pub fn count_crossings(lines: &[&[Point]]) -> usize {
    let mut segs: Vec<Seg> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        for w in l.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a.x == b.x && a.y == b.y {
                continue;
            }
            segs.push(Seg {
                line: i,
                a,
                b,
                min_y: a.y.min(b.y),
                max_y: a.y.max(b.y),
                min_x: a.x.min(b.x),
                max_x: a.x.max(b.x),
            });
        }
    }
    segs.sort_by(|s, t| s.min_y.total_cmp(&t.min_y));
    let mut open: Vec<usize> = Vec::new();
    let mut count = 0;
    for i in 0..segs.len() {
        let s = &segs[i];
        open.retain(|&j| segs[j].max_y >= s.min_y);
        for &j in &open {
            let t = &segs[j];
            if t.line == s.line || t.max_x < s.min_x || s.max_x < t.min_x {
                continue;
            }
            if segments_cross(s.a, s.b, t.a, t.b) {
                count += 1;
            }
        }
        open.push(i);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    #[test]
    fn an_x_is_one_crossing() {
        let a = [p(0.0, 0.0), p(10.0, 10.0)];
        let b = [p(10.0, 0.0), p(0.0, 10.0)];
        assert_eq!(count_crossings(&[&a, &b]), 1);
    }
}
