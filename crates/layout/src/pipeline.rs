//! One scope (the machine, a branch, a processor) through the layered pipeline.

use crate::diagram::Point;
use crate::graph::LGraph;
use crate::routing::Route;
use crate::{cycles, layering, ordering, positioning, routing, stats};

pub(crate) struct GraphLayout {
    /// Centre of every node.
    pub centres: Vec<(f64, f64)>,
    pub routes: Vec<Route>,
    pub back: Vec<bool>,
    pub width: f64,
    pub height: f64,
}

/// One way of laying out the graph: its score (crossings, length), centres, routes, size.
type Candidate = ((usize, f64), Vec<(f64, f64)>, Vec<Route>, f64, f64);

/// Graphs up to this many nodes are laid out several ways and the best kept.
const VARIANTS_MAX: usize = 400;

pub(crate) fn layout_graph(g: &LGraph) -> GraphLayout {
    let back = cycles::back_edges(g);
    // Layering decides which crossings are possible at all, and no one layering is best
    // for every machine: small ones try each and keep the fewest crossings (then the
    // shortest edges). The order of the variants breaks ties, so the result stays fixed.
    let variants: &[(bool, bool)] = if g.nodes.len() <= VARIANTS_MAX {
        &[(false, false), (true, false), (false, true), (true, true)]
    } else {
        &[(false, false)]
    };
    let mut best: Option<Candidate> = None;
    for &(late, bus_choice) in variants {
        let rank = layering::ranks(g, &back, late);
        let mut p = layering::proper(g, &back, &rank, bus_choice);
        ordering::order(&mut p, &g.roots);
        let c = positioning::coordinates(&p);
        let routes = routing::routes(g, &p, &c);
        let centres: Vec<(f64, f64)> = (0..g.nodes.len())
            .map(|v| (c.x[v], c.layer_y[p.layer_of[v]]))
            .collect();
        let score = if variants.len() > 1 {
            score(&routes)
        } else {
            (0, 0.0)
        };
        let better = match &best {
            None => true,
            Some((s, ..)) => score.0 < s.0 || (score.0 == s.0 && score.1 < s.1 - 0.5),
        };
        if better {
            best = Some((score, centres, routes, c.width, c.height));
        }
    }
    let Some((_, centres, mut routes, width, height)) = best else {
        return GraphLayout {
            centres: Vec::new(),
            routes: Vec::new(),
            back,
            width: 0.0,
            height: 0.0,
        };
    };
    let c = Dims { width, height };
    // Self-loops and back-edges stick out of the states' bounds; widen the box to hold them.
    let mut min_x: f64 = 0.0;
    let mut max_x = c.width;
    for (r, e) in routes.iter().zip(&g.edges) {
        for &(x, _) in &r.points {
            min_x = min_x.min(x);
            max_x = max_x.max(x);
        }
        if let (Some((x, _)), Some((w, _))) = (r.label, e.label) {
            min_x = min_x.min(x - w / 2.0);
            max_x = max_x.max(x + w / 2.0);
        }
    }
    let mut centres = centres;
    if min_x < 0.0 {
        for cxy in &mut centres {
            cxy.0 -= min_x;
        }
        for r in &mut routes {
            for pt in &mut r.points {
                pt.0 -= min_x;
            }
            if let Some(l) = &mut r.label {
                l.0 -= min_x;
            }
        }
    }
    GraphLayout {
        centres,
        routes,
        back,
        width: max_x - min_x,
        height: c.height,
    }
}

struct Dims {
    width: f64,
    height: f64,
}

fn score(routes: &[Route]) -> (usize, f64) {
    let lines: Vec<Vec<Point>> = routes
        .iter()
        .map(|r| r.points.iter().map(|&(x, y)| Point { x, y }).collect())
        .collect();
    let refs: Vec<&[Point]> = lines.iter().map(Vec::as_slice).collect();
    let length = refs.iter().map(|l| stats::polyline_length(l)).sum();
    (stats::count_crossings(&refs), length)
}
