//! One scope (the machine, a branch, a processor) through the layered pipeline.

use crate::graph::LGraph;
use crate::routing::Route;
use crate::{cycles, layering, ordering, positioning, routing};

pub(crate) struct GraphLayout {
    /// Centre of every node.
    pub centres: Vec<(f64, f64)>,
    pub routes: Vec<Route>,
    pub back: Vec<bool>,
    pub width: f64,
    pub height: f64,
}

pub(crate) fn layout_graph(g: &LGraph) -> GraphLayout {
    let back = cycles::back_edges(g);
    let rank = layering::ranks(g, &back);
    let mut p = layering::proper(g, &back, &rank);
    ordering::order(&mut p, &g.roots);
    let c = positioning::coordinates(&p);
    let mut routes = routing::routes(g, &p, &c);
    let centres: Vec<(f64, f64)> = (0..g.nodes.len())
        .map(|v| (c.x[v], c.layer_y[p.layer_of[v]]))
        .collect();
    // Self-loops and back-edges stick out of the states' bounds; widen the box to hold them.
    let mut min_x: f64 = 0.0;
    let mut max_x = c.width;
    for r in &routes {
        for &(x, _) in &r.points {
            min_x = min_x.min(x);
            max_x = max_x.max(x);
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
