//! layout-rs (the Graphviz-like layered layout on the design card) on the same graph as
//! ours, for bench-compare: reads `stepwise layout --format graph` output, lays out every
//! scope with layout-rs (containers bottom-up from their lanes, as compare.mjs does for elk
//! and dagre), and prints the crossings (our counter) and size as one JSON line.
//!
//! `cargo run --release -p stepwise-layout --example layoutrs_baseline -- graph.json`

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point as LPoint;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use serde_json::Value;
use std::time::Instant;
use stepwise_layout::{count_crossings, stats::polyline_length, Point};

/// Keeps the arrows layout-rs draws, as polylines through their on-curve points.
#[derive(Default)]
struct Capture {
    lines: Vec<Vec<Point>>,
}

impl RenderBackend for Capture {
    fn draw_rect(
        &mut self,
        _: LPoint,
        _: LPoint,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }
    fn draw_line(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: LPoint, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        path: &[(LPoint, LPoint)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        _: Option<String>,
        _: &str,
    ) {
        // "M p0.0 C p0.1, p1.0, p1.1 S p2.0, p2.1 ...": the curve passes p0.0 and each p_i.1.
        let mut pts = Vec::with_capacity(path.len());
        if let Some(first) = path.first() {
            pts.push(Point {
                x: first.0.x,
                y: first.0.y,
            });
        }
        for seg in path.iter().skip(1) {
            pts.push(Point {
                x: seg.1.x,
                y: seg.1.y,
            });
        }
        self.lines.push(pts);
    }
    fn create_clip(&mut self, _: LPoint, _: LPoint, _: usize) -> ClipHandle {
        0
    }
}

struct Laid {
    lines: Vec<Vec<Point>>,
    width: f64,
    height: f64,
}

fn num(v: &Value, k: &str) -> f64 {
    v.get(k).and_then(Value::as_f64).unwrap_or(0.0)
}

fn scope(s: &Value, k: &Value) -> Laid {
    let empty = Vec::new();
    let nodes = s["nodes"].as_array().unwrap_or(&empty);
    let edges = s["edges"].as_array().unwrap_or(&empty);
    if nodes.is_empty() {
        return Laid {
            lines: Vec::new(),
            width: 0.0,
            height: 0.0,
        };
    }
    let mut vg = VisualGraph::new(Orientation::TopToBottom);
    let mut handles = Vec::with_capacity(nodes.len());
    let mut inner: Vec<Option<(Vec<Laid>, Vec<f64>)>> = Vec::with_capacity(nodes.len());
    for n in nodes {
        let (mut w, mut h) = (num(n, "width"), num(n, "height"));
        if let Some(lanes) = n["lanes"].as_array() {
            let laid: Vec<Laid> = lanes.iter().map(|l| scope(&l["scope"], k)).collect();
            let lane_w: Vec<f64> = laid
                .iter()
                .map(|l| l.width + 2.0 * num(k, "lane_pad"))
                .collect();
            let lane_h = laid
                .iter()
                .map(|l| num(k, "lane_label") + l.height + num(k, "lane_pad"))
                .fold(0.0, f64::max);
            let gaps = num(k, "lane_gap") * (laid.len().saturating_sub(1)) as f64;
            w = w.max(2.0 * num(k, "outer_pad") + lane_w.iter().sum::<f64>() + gaps);
            h = num(k, "header") + lane_h + num(k, "outer_pad");
            inner.push(Some((laid, lane_w)));
        } else {
            inner.push(None);
        }
        let e = Element::create(
            ShapeKind::new_box(""),
            StyleAttr::simple(),
            Orientation::TopToBottom,
            LPoint::new(w, h),
        );
        handles.push(vg.add_node(e));
    }
    let index = |id: &str| nodes.iter().position(|n| n["id"].as_str() == Some(id));
    for e in edges {
        let (Some(a), Some(b)) = (
            e["source"].as_str().and_then(index),
            e["target"].as_str().and_then(index),
        ) else {
            continue;
        };
        vg.add_edge(Arrow::simple(""), handles[a], handles[b]);
    }
    let mut cap = Capture::default();
    vg.do_it(false, false, false, &mut cap);

    let mut lines = cap.lines;
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut boxes = Vec::with_capacity(nodes.len());
    for &h in &handles {
        let (tl, br) = vg.pos(h).bbox(false);
        x0 = x0.min(tl.x);
        y0 = y0.min(tl.y);
        x1 = x1.max(br.x);
        y1 = y1.max(br.y);
        boxes.push(tl);
    }
    for l in &lines {
        for p in l {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
    }
    for l in &mut lines {
        for p in l.iter_mut() {
            p.x -= x0;
            p.y -= y0;
        }
    }
    for (i, slot) in inner.into_iter().enumerate() {
        let Some((laid, lane_w)) = slot else { continue };
        let mut lx = boxes[i].x - x0 + num(k, "outer_pad");
        let top = boxes[i].y - y0 + num(k, "header") + num(k, "lane_label");
        for (lane, w) in laid.into_iter().zip(lane_w) {
            let dx = lx + (w - lane.width) / 2.0;
            for mut l in lane.lines {
                for p in &mut l {
                    p.x += dx;
                    p.y += top;
                }
                lines.push(l);
            }
            lx += w + num(k, "lane_gap");
        }
    }
    Laid {
        lines,
        width: x1 - x0,
        height: y1 - y0,
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: layoutrs_baseline GRAPH.json");
        std::process::exit(2);
    };
    let graph: Value = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("layoutrs_baseline: {path}: {e}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let laid = scope(&graph["root"], &graph["constants"]);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let refs: Vec<&[Point]> = laid.lines.iter().map(Vec::as_slice).collect();
    let length: f64 = refs.iter().map(|l| polyline_length(l)).sum();
    println!(
        "{{\"crossings\": {}, \"length\": {:.0}, \"width\": {:.0}, \"height\": {:.0}, \"ms\": {:.1}}}",
        count_crossings(&refs),
        length,
        laid.width,
        laid.height,
        ms
    );
}
