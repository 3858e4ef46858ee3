//! Edge routing. Forward edges leave a state at a port on its bottom border and enter the
//! next at a port on its top border (one per edge, see [`crate::ports`]), passing every layer in between at their dummy's
//! x: vertically through the layer band (where the states are), and square across the gaps
//! between layers (where there are none) on tracks of their own, so no edge cuts through a
//! state. Back-edges leave
//! from the side, climb along their dummies beside the states, and enter from the side.

use crate::graph::LGraph;
use crate::layering::Proper;
use crate::positioning::Coords;

/// Horizontal run out of a state's side before a back-edge turns.
const SIDE_STUB: f64 = 12.0;
/// Vertical stub at both ends of a forward edge, so arrows leave and arrive straight.
const END_STUB: f64 = 10.0;
/// Size of a self-loop.
const LOOP: f64 = 18.0;

pub(crate) struct Route {
    pub points: Vec<(f64, f64)>,
    /// Centre of the label, when the edge has one.
    pub label: Option<(f64, f64)>,
}

pub(crate) fn routes(g: &LGraph, p: &Proper, c: &Coords) -> Vec<Route> {
    let ports = side_ports(p, c);
    let downward: Vec<bool> = g
        .edges
        .iter()
        .zip(&p.chains)
        .zip(&ports)
        .map(|((e, ch), side)| e.src != e.dst && !(ch.reversed && side.is_some()))
        .collect();
    let ends = crate::ports::forward_ports(p, c, &downward);
    let mut slot = vec![0usize; p.layer_of.len()];
    for layer in &p.layers {
        for (k, &v) in layer.iter().enumerate() {
            slot[v] = k;
        }
    }
    let mut routes: Vec<Route> = g
        .edges
        .iter()
        .zip(&p.chains)
        .enumerate()
        .map(|(i, (e, chain))| {
            if e.src == e.dst {
                return self_loop(p, c, e.src, e.label);
            }
            let label = chain.label.map(|d| (c.x[d], c.layer_y[p.layer_of[d]]));
            let mut points = match (chain.reversed, &ports[i]) {
                (true, Some(ports)) => {
                    let label_x = chain.label.map(|d| c.x[d]);
                    back_channel(p, c, &slot, &chain.path, ports, label_x)
                        .unwrap_or_else(|| back_route(p, c, &chain.path, ports))
                }
                _ => forward_route(p, c, &chain.path, ends[i]),
            };
            simplify(&mut points);
            Route { points, label }
        })
        .collect();
    orthogonalise(&mut routes);
    routes
}

/// A diagonal across the gap between two layers: segment `seg` of route `route`, from
/// `top_x` on the gap's upper line `y_top` to `bottom_x` on its lower line (whichever way the
/// edge runs).
struct Jog {
    route: usize,
    seg: usize,
    top_x: f64,
    bottom_x: f64,
}

/// Edges cross the gaps between layers square: each diagonal becomes down (or up) to a track
/// of its own in the gap, across, and on. Per gap, the jogs are ordered top to bottom so that
/// two of them cross only where they must (`jog_crossings`; jogs going the same way never
/// need to), then those whose spans overlap get tracks apart while the others share one;
/// the tracks split the gap evenly. Jogs with the same ends (a bundle's shared trunk) are
/// one.
fn orthogonalise(routes: &mut [Route]) {
    // Ports a fraction of a pixel apart are one line: the lower run moves onto the upper.
    for route in routes.iter_mut() {
        let pts = &mut route.points;
        for k in 0..pts.len().saturating_sub(1) {
            let (xa, xb) = (pts[k].0, pts[k + 1].0);
            if (xa - xb).abs() < 1.0
                && (xa - xb).abs() > 1e-9
                && (pts[k].1 - pts[k + 1].1).abs() >= 2.0
            {
                for p in pts[k + 1..]
                    .iter_mut()
                    .take_while(|p| (p.0 - xb).abs() < 1e-9)
                {
                    p.0 = xa;
                }
            }
        }
        simplify(pts);
    }
    let key = |y: f64| (y * 2.0).round() as i64;
    let mut gaps: std::collections::BTreeMap<(i64, i64), Vec<Jog>> = Default::default();
    for (r, route) in routes.iter().enumerate() {
        for (k, w) in route.points.windows(2).enumerate() {
            let ((xa, ya), (xb, yb)) = (w[0], w[1]);
            if (xa - xb).abs() < 1e-9 || (ya - yb).abs() < 2.0 {
                continue;
            }
            let (top, bottom) = if ya < yb { (w[0], w[1]) } else { (w[1], w[0]) };
            gaps.entry((key(top.1), key(bottom.1)))
                .or_default()
                .push(Jog {
                    route: r,
                    seg: k,
                    top_x: top.0,
                    bottom_x: bottom.0,
                });
        }
    }
    // Per route: (segment, y of its track), to splice in afterwards.
    let mut turns: Vec<Vec<(usize, f64)>> = vec![Vec::new(); routes.len()];
    for ((top, bottom), jogs) in gaps {
        let (y_top, y_bottom) = (top as f64 / 2.0, bottom as f64 / 2.0);
        // One unit per distinct pair of ends, in a fixed order.
        let mut units: Vec<(f64, f64)> = jogs.iter().map(|j| (j.top_x, j.bottom_x)).collect();
        units.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        units.dedup_by(|a, b| (a.0 - b.0).abs() < 0.25 && (a.1 - b.1).abs() < 0.25);
        let order = track_order(&units);
        let tracks = tracks_of(&units, &order);
        let count = tracks.iter().copied().max().map_or(1, |t| t + 1);
        for j in &jogs {
            let Some(u) = units
                .iter()
                .position(|&(t, b)| (t - j.top_x).abs() < 0.25 && (b - j.bottom_x).abs() < 0.25)
            else {
                continue;
            };
            let y = y_top + (y_bottom - y_top) * (tracks[u] + 1) as f64 / (count + 1) as f64;
            turns[j.route].push((j.seg, y));
        }
    }
    for (route, mut at) in routes.iter_mut().zip(turns) {
        if at.is_empty() {
            continue;
        }
        at.sort_by_key(|t| std::cmp::Reverse(t.0));
        for (seg, y) in at {
            let (xa, xb) = (route.points[seg].0, route.points[seg + 1].0);
            let y = (y * 2.0).round() / 2.0;
            route.points.splice(seg + 1..seg + 1, [(xa, y), (xb, y)]);
        }
        // The gap's turning lines are straight-through points now.
        simplify(&mut route.points);
    }
}

/// Whether the jogs `a` (on the upper track) and `b` (on the lower) cross: `a`'s run across
/// passes `b`'s way down, or `b`'s run passes `a`'s way down from it.
fn jog_crossings(a: (f64, f64), b: (f64, f64)) -> usize {
    let inside = |x: f64, (t, u): (f64, f64)| x > t.min(u) + 0.5 && x < t.max(u) - 0.5;
    usize::from(inside(b.0, a)) + usize::from(inside(a.1, b))
}

/// The units top to bottom: each put where it crosses the fewest of those placed before it.
fn track_order(units: &[(f64, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(units.len());
    for u in 0..units.len() {
        let (mut best, mut best_cost) = (order.len(), usize::MAX);
        for at in 0..=order.len() {
            let cost: usize = order[..at]
                .iter()
                .map(|&v| jog_crossings(units[v], units[u]))
                .chain(
                    order[at..]
                        .iter()
                        .map(|&v| jog_crossings(units[u], units[v])),
                )
                .sum();
            if cost < best_cost {
                (best, best_cost) = (at, cost);
            }
        }
        order.insert(best, u);
    }
    order
}

/// Room between the runs across of two jogs on one track.
const JOG_CLEAR: f64 = 6.0;

/// A track per unit (0 the highest): below every unit before it in `order` whose run across
/// comes within [`JOG_CLEAR`] of its own, else as high as it can be.
fn tracks_of(units: &[(f64, f64)], order: &[usize]) -> Vec<usize> {
    let range = |(t, b): (f64, f64)| (t.min(b), t.max(b));
    let mut tracks = vec![0usize; units.len()];
    for (i, &u) in order.iter().enumerate() {
        let (lo, hi) = range(units[u]);
        tracks[u] = order[..i]
            .iter()
            .filter(|&&v| {
                let (l, h) = range(units[v]);
                l < hi + JOG_CLEAR && lo < h + JOG_CLEAR
            })
            .map(|&v| tracks[v] + 1)
            .max()
            .unwrap_or(0);
    }
    tracks
}

/// Where a back-edge leaves its tail and enters its head: side (+1 right, -1 left), y
/// offset from the centre, and how far out it turns.
#[derive(Clone, Copy)]
struct SidePort {
    side: f64,
    dy: f64,
    stub: f64,
}

/// Back-edges sharing a side of a state get their own port each, stacked: those leaving
/// (going up) above those arriving (from below), and stubs nested so that none crosses
/// another next to the state.
fn side_ports(p: &Proper, c: &Coords) -> Vec<Option<(SidePort, SidePort)>> {
    let side = |v: usize, toward: f64| -> f64 {
        if toward >= c.x[v] {
            1.0
        } else {
            -1.0
        }
    };
    // (state, side is right, arriving, order along the side, edge)
    let mut ends: Vec<(usize, bool, bool, f64, usize)> = Vec::new();
    for (i, chain) in p.chains.iter().enumerate() {
        if !chain.reversed || chain.path.len() < 2 {
            continue;
        }
        let path = &chain.path;
        let (head, tail) = (path[0], path[path.len() - 1]);
        let inner = &path[1..path.len() - 1];
        let (su, sv) = match (inner.last(), inner.first()) {
            (Some(&lo), Some(&hi)) => (side(tail, c.x[lo]), side(head, c.x[hi])),
            _ => {
                let s = side(tail, c.x[head]);
                (s, s)
            }
        };
        // Leaving edges heading inwards take the top ports; arriving edges coming from
        // further out take the top ports: then their stubs nest without crossing.
        let next_x = inner.last().map_or(c.x[head], |&d| c.x[d]);
        let prev_x = inner.first().map_or(c.x[tail], |&d| c.x[d]);
        ends.push((tail, su > 0.0, false, su * next_x, i));
        ends.push((head, sv > 0.0, true, -sv * prev_x, i));
    }
    ends.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then(a.3.total_cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    let mut out: Vec<Option<(SidePort, SidePort)>> = vec![None; p.chains.len()];
    let mut tail_port: Vec<Option<SidePort>> = vec![None; p.chains.len()];
    let mut head_port: Vec<Option<SidePort>> = vec![None; p.chains.len()];
    let mut k = 0;
    while k < ends.len() {
        let (v, right, ..) = ends[k];
        let group_end = ends[k..]
            .iter()
            .position(|e| e.0 != v || e.1 != right)
            .map_or(ends.len(), |n| k + n);
        let group = &ends[k..group_end];
        let n = group.len();
        let leaving = group.iter().filter(|e| !e.2).count();
        let room = (p.h[v] / 2.0 - 6.0).max(0.0);
        for (slot, &(_, _, arriving, _, i)) in group.iter().enumerate() {
            let dy = ((slot as f64 - (n as f64 - 1.0) / 2.0) * 8.0).clamp(-room, room);
            // Leaving: the top one turns first. Arriving: the bottom one turns first.
            let rank = if arriving {
                n - 1 - slot
            } else {
                slot.min(leaving)
            };
            let stub = (SIDE_STUB + rank as f64 * 6.0).min(30.0);
            let port = SidePort {
                side: if right { 1.0 } else { -1.0 },
                dy,
                stub,
            };
            if arriving {
                head_port[i] = Some(port);
            } else {
                tail_port[i] = Some(port);
            }
        }
        k = group_end;
    }
    for i in 0..p.chains.len() {
        if let (Some(t), Some(h)) = (tail_port[i], head_port[i]) {
            out[i] = Some((t, h));
        }
    }
    out
}

fn centre_y(p: &Proper, c: &Coords, v: usize) -> f64 {
    c.layer_y[p.layer_of[v]]
}

fn gap_below(c: &Coords, l: usize) -> f64 {
    c.layer_top
        .get(l + 1)
        .map_or(0.0, |t| t - c.layer_bottom[l])
}

/// How far an edge runs straight on past the bottom of layer `l` (and before the top of layer
/// `l + 1`) before it turns: every edge, from a state or a dummy, turns on the same two lines,
/// so its jog across ([`orthogonalise`]) stays inside the gap and never grazes a state's corner.
fn stub_below(c: &Coords, l: usize) -> f64 {
    END_STUB.min(gap_below(c, l) / 3.0)
}

fn stub_above(c: &Coords, l: usize) -> f64 {
    if l == 0 {
        0.0
    } else {
        stub_below(c, l - 1)
    }
}

fn through_dummy(p: &Proper, c: &Coords, d: usize, pts: &mut Vec<(f64, f64)>, upwards: bool) {
    let l = p.layer_of[d];
    let (top, bottom) = (c.layer_top[l], c.layer_bottom[l]);
    let (above, below) = (top - stub_above(c, l), bottom + stub_below(c, l));
    if upwards {
        pts.extend([(c.x[d], below), (c.x[d], above)]);
    } else {
        pts.extend([(c.x[d], above), (c.x[d], below)]);
    }
}

/// `xa`, `xb`: the ports on the bottom of the upper state and the top of the lower one.
fn forward_route(p: &Proper, c: &Coords, path: &[usize], (xa, xb): (f64, f64)) -> Vec<(f64, f64)> {
    let (a, b) = (path[0], path[path.len() - 1]);
    let (la, lb) = (p.layer_of[a], p.layer_of[b]);
    let mut pts = Vec::with_capacity(path.len() * 2 + 4);
    let bottom_a = centre_y(p, c, a) + p.h[a] / 2.0;
    pts.push((xa, bottom_a));
    pts.push((xa, c.layer_bottom[la]));
    let stub_a = stub_below(c, la);
    pts.push((xa, c.layer_bottom[la] + stub_a));
    for &d in &path[1..path.len() - 1] {
        through_dummy(p, c, d, &mut pts, false);
    }
    let top_b = centre_y(p, c, b) - p.h[b] / 2.0;
    let stub_b = stub_above(c, lb);
    pts.push((xb, c.layer_top[lb] - stub_b));
    pts.push((xb, c.layer_top[lb]));
    pts.push((xb, top_b));
    pts
}

/// `path` runs from the loop's head (top) to the state that loops back (bottom); the route
/// runs the other way, as the edge does.
fn back_route(
    p: &Proper,
    c: &Coords,
    path: &[usize],
    (pu, pv): &(SidePort, SidePort),
) -> Vec<(f64, f64)> {
    let (head, tail) = (path[0], path[path.len() - 1]);
    let inner = &path[1..path.len() - 1];
    let mut pts = Vec::with_capacity(path.len() * 2 + 6);
    let (lu, lv) = (p.layer_of[tail], p.layer_of[head]);
    let yu = centre_y(p, c, tail) + pu.dy;
    let xu = c.x[tail] + pu.side * p.w[tail] / 2.0;
    pts.push((xu, yu));
    pts.push((xu + pu.side * pu.stub, yu));
    pts.push((xu + pu.side * pu.stub, c.layer_top[lu] - stub_above(c, lu)));
    for &d in inner.iter().rev() {
        through_dummy(p, c, d, &mut pts, true);
    }
    let yv = centre_y(p, c, head) + pv.dy;
    let xv = c.x[head] + pv.side * p.w[head] / 2.0;
    pts.push((
        xv + pv.side * pv.stub,
        c.layer_bottom[lv] + stub_below(c, lv),
    ));
    pts.push((xv + pv.side * pv.stub, yv));
    pts.push((xv, yv));
    pts
}

/// Room a straight channel keeps from a state (or label) beside it, and from another edge.
const CLEAR_NODE: f64 = 10.0;
const CLEAR_EDGE: f64 = 6.0;

/// A back-edge as one vertical channel beside the states, two bends in all: out of the
/// tail's side, straight up, into the head's side. Taken when some x (the tail's turning
/// point, the head's, or a labelled edge's label) keeps every layer's order and clears
/// every neighbour on the way, so it crosses nothing the dummies' route would not; else
/// `None`, and the edge follows its dummies.
fn back_channel(
    p: &Proper,
    c: &Coords,
    slot: &[usize],
    path: &[usize],
    (pu, pv): &(SidePort, SidePort),
    label_x: Option<f64>,
) -> Option<Vec<(f64, f64)>> {
    if pu.side != pv.side {
        return None;
    }
    let side = pu.side;
    let (head, tail) = (path[0], path[path.len() - 1]);
    let xu = c.x[tail] + side * p.w[tail] / 2.0;
    let xv = c.x[head] + side * p.w[head] / 2.0;
    let (yu, yv) = (centre_y(p, c, tail) + pu.dy, centre_y(p, c, head) + pv.dy);
    let candidates = match label_x {
        Some(x) => vec![x],
        None => vec![xu + side * pu.stub, xv + side * pv.stub],
    };
    // Between the neighbours of `v` in its layer, clear of them.
    let between = |v: usize, cx: f64| {
        let layer = &p.layers[p.layer_of[v]];
        let k = slot[v];
        let clear = |n: usize| {
            if n >= p.real && !p.is_label[n] {
                CLEAR_EDGE
            } else {
                p.w[n] / 2.0 + CLEAR_NODE
            }
        };
        let left = k == 0 || cx >= c.x[layer[k - 1]] + clear(layer[k - 1]);
        let right = k + 1 == layer.len() || cx <= c.x[layer[k + 1]] - clear(layer[k + 1]);
        left && right
    };
    // Beside a state, on the side its port is on, at least a stub away.
    let beside = |v: usize, border: f64, cx: f64| {
        side * (cx - border) >= SIDE_STUB - 1e-9
            && between(v, cx)
            && !(side > 0.0 && cx < c.x[v] || side < 0.0 && cx > c.x[v])
    };
    let cx = candidates.into_iter().find(|&cx| {
        beside(tail, xu, cx)
            && beside(head, xv, cx)
            && path[1..path.len() - 1].iter().all(|&d| {
                // A label rides on its edge: it is where the channel goes.
                (p.is_label[d] && (c.x[d] - cx).abs() < 1e-9) || between(d, cx)
            })
    })?;
    Some(vec![(xu, yu), (cx, yu), (cx, yv), (xv, yv)])
}

/// How far a self-loop (and its label, of this width) reaches beyond the state's side.
pub(crate) fn self_loop_reach(label_w: Option<f64>) -> f64 {
    LOOP + label_w.map_or(0.0, |w| 4.0 + w)
}

fn self_loop(p: &Proper, c: &Coords, v: usize, label: Option<(f64, f64)>) -> Route {
    let (x, y) = (c.x[v] + p.w[v] / 2.0, centre_y(p, c, v));
    let dy = (p.h[v] / 4.0).min(LOOP / 2.0);
    Route {
        points: vec![
            (x, y - dy),
            (x + LOOP, y - dy),
            (x + LOOP, y + dy),
            (x, y + dy),
        ],
        label: label.map(|(w, _)| (x + LOOP + 4.0 + w / 2.0, y)),
    }
}

/// Drops repeated points and the middle of three collinear points.
fn simplify(pts: &mut Vec<(f64, f64)>) {
    pts.dedup_by(|b, a| (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for &q in pts.iter() {
        while out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let cross = (b.0 - a.0) * (q.1 - b.1) - (b.1 - a.1) * (q.0 - b.0);
            let forward = (b.0 - a.0) * (q.0 - b.0) + (b.1 - a.1) * (q.1 - b.1) >= 0.0;
            if cross.abs() < 1e-9 && forward {
                out.pop();
            } else {
                break;
            }
        }
        out.push(q);
    }
    *pts = out;
}
