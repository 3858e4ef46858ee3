//! The geometry every diagram must satisfy, checked node by node and edge by edge.

use super::*;

#[derive(Clone, Copy)]
struct R {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn rect(n: &Node) -> R {
    R {
        x0: n.x,
        y0: n.y,
        x1: n.x + n.width,
        y1: n.y + n.height,
    }
}

fn overlap(a: R, b: R) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

fn inside(inner: R, outer: R) -> bool {
    inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1
}

fn shrink(r: R, by: f64) -> R {
    R {
        x0: r.x0 + by,
        y0: r.y0 + by,
        x1: r.x1 - by,
        y1: r.y1 - by,
    }
}

fn on_border(p: Point, r: R) -> bool {
    let tol = 0.51;
    let within_x = p.x >= r.x0 - tol && p.x <= r.x1 + tol;
    let within_y = p.y >= r.y0 - tol && p.y <= r.y1 + tol;
    let on_v = (p.x - r.x0).abs() <= tol || (p.x - r.x1).abs() <= tol;
    let on_h = (p.y - r.y0).abs() <= tol || (p.y - r.y1).abs() <= tol;
    within_x && within_y && (on_v || on_h)
}

/// Liang–Barsky: does the segment enter the open rectangle?
fn segment_hits(a: Point, b: Point, r: R) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.x - r.x0),
        (dx, r.x1 - a.x),
        (-dy, a.y - r.y0),
        (dy, r.y1 - a.y),
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

fn ancestors<'a>(d: &'a Diagram, n: &'a Node) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut cur = n.parent.as_deref();
    while let Some(p) = cur {
        out.push(p);
        cur = d
            .nodes
            .iter()
            .find(|m| m.id == p)
            .and_then(|m| m.parent.as_deref());
    }
    out
}

pub(crate) fn check(name: &str, d: &Diagram) {
    let by_id = |id: &str| d.nodes.iter().find(|n| n.id == id);
    // Unique ids.
    let mut ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), d.nodes.len(), "{name}: duplicate node ids");

    for (i, a) in d.nodes.iter().enumerate() {
        assert!(
            a.width > 0.0 && a.height > 0.0,
            "{name}: {} has no size",
            a.id
        );
        assert!(
            inside(
                rect(a),
                R {
                    x0: 0.0,
                    y0: 0.0,
                    x1: d.width,
                    y1: d.height
                }
            ),
            "{name}: {} outside the drawing",
            a.id
        );
        // Containers contain their children, inside the right lane.
        if let Some(p) = &a.parent {
            let parent = by_id(p).expect("parent exists");
            let lanes = &parent
                .container
                .as_ref()
                .expect("parent is a container")
                .lanes;
            let lane = &lanes[a.lane.expect("lane set")];
            let lr = R {
                x0: lane.x,
                y0: lane.y,
                x1: lane.x + lane.width,
                y1: lane.y + lane.height,
            };
            assert!(inside(rect(a), lr), "{name}: {} not inside its lane", a.id);
            assert!(
                inside(lr, rect(parent)),
                "{name}: lane outside {}",
                parent.id
            );
        }
        // Siblings (same parent) never overlap, containers included.
        for b in &d.nodes[i + 1..] {
            if a.parent == b.parent {
                assert!(
                    !overlap(rect(a), rect(b)),
                    "{name}: {} overlaps {}",
                    a.id,
                    b.id
                );
            }
        }
    }

    let leaves: Vec<&Node> = d.nodes.iter().filter(|n| n.container.is_none()).collect();
    for e in &d.edges {
        let s = by_id(&e.source).expect("source exists");
        let t = by_id(&e.target).expect("target exists");
        assert!(e.points.len() >= 2, "{name}: {} has no route", e.id);
        let first = e.points[0];
        let last = e.points[e.points.len() - 1];
        assert!(
            on_border(first, rect(s)),
            "{name}: {} starts off {}: {first:?}",
            e.id,
            s.id
        );
        assert!(
            on_border(last, rect(t)),
            "{name}: {} ends off {}: {last:?}",
            e.id,
            t.id
        );
        // No segment runs through a state or through a container the edge is not part of.
        let s_anc = ancestors(d, s);
        for n in &d.nodes {
            if n.id == s.id || n.id == t.id {
                continue;
            }
            if n.container.is_some() && s_anc.contains(&n.id.as_str()) {
                continue;
            }
            let r = shrink(rect(n), 1.0);
            for w in e.points.windows(2) {
                assert!(
                    !segment_hits(w[0], w[1], r),
                    "{name}: {} runs through {}",
                    e.id,
                    n.id
                );
            }
        }
        // Labels sit clear of states.
        if let Some(l) = &e.label {
            let lr = R {
                x0: l.x - l.width / 2.0,
                y0: l.y - l.height / 2.0,
                x1: l.x + l.width / 2.0,
                y1: l.y + l.height / 2.0,
            };
            for n in &leaves {
                assert!(
                    !overlap(lr, rect(n)),
                    "{name}: label of {} covers {}",
                    e.id,
                    n.id
                );
            }
            let whole = R {
                x0: 0.0,
                y0: 0.0,
                x1: d.width,
                y1: d.height,
            };
            assert!(
                inside(lr, whole),
                "{name}: label of {} outside the drawing",
                e.id
            );
            // A label inside a container stays inside its lane.
            if let Some(p) = &s.parent {
                let parent = by_id(p).expect("parent exists");
                let lanes = &parent.container.as_ref().expect("container").lanes;
                let lane = &lanes[s.lane.unwrap_or(0)];
                let lane_r = R {
                    x0: lane.x,
                    y0: lane.y,
                    x1: lane.x + lane.width,
                    y1: lane.y + lane.height,
                };
                assert!(
                    inside(lr, lane_r),
                    "{name}: label of {} leaves its lane",
                    e.id
                );
            }
        }
    }
    // Labels do not cover each other.
    let labels: Vec<R> = d
        .edges
        .iter()
        .filter_map(|e| e.label.as_ref())
        .map(|l| R {
            x0: l.x - l.width / 2.0,
            y0: l.y - l.height / 2.0,
            x1: l.x + l.width / 2.0,
            y1: l.y + l.height / 2.0,
        })
        .collect();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!overlap(*a, *b), "{name}: two labels overlap");
        }
    }
}
