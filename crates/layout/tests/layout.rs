//! Geometry checks on every example and on synthetic machines: no overlaps, containers hold
//! their children, edges start and end on borders and never cut through a state, labels are
//! clear of states and of each other, and the output is the same byte for byte.

use std::path::{Path, PathBuf};
use stepwise_asl::{Document, StateMachine};
use stepwise_layout::{layout, to_svg, Diagram, EdgeKind, Node, NodeKind, Point, Stats};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            p.is_file() && (name.ends_with(".asl.json") || name.ends_with(".asl.yaml"))
        })
        .collect();
    v.sort();
    assert!(v.len() >= 6, "examples missing");
    v
}

fn machine_of(path: &Path) -> StateMachine {
    let doc = Document::load(path).expect("loads");
    doc.machine().expect("has a model").clone()
}

fn synth(n: usize) -> StateMachine {
    let v = stepwise_layout::synth::machine(n);
    StateMachine::from_value(&v).expect("synthetic machine builds")
}

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

fn check(name: &str, d: &Diagram) {
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

#[test]
fn every_example_lays_out_cleanly() {
    for path in examples() {
        let m = machine_of(&path);
        let d = layout(&m);
        let name = path.display().to_string();
        // Every state is a node, plus Start and End.
        assert_eq!(d.nodes.len(), m.walk().len() + 2, "{name}");
        check(&name, &d);
        let svg = to_svg(&d);
        assert!(svg.starts_with("<svg") && svg.contains("viewBox"), "{name}");
        assert!(
            !svg.contains("url(http"),
            "{name}: SVG must be self-contained"
        );
    }
}

#[test]
fn synthetic_machines_lay_out_cleanly() {
    for n in [20, 200] {
        let m = synth(n);
        let d = layout(&m);
        check(&format!("synth {n}"), &d);
    }
}

#[test]
fn output_is_deterministic() {
    for path in examples() {
        let m1 = machine_of(&path);
        let m2 = machine_of(&path);
        let a = serde_json::to_string(&layout(&m1)).expect("json");
        let b = serde_json::to_string(&layout(&m2)).expect("json");
        assert_eq!(a, b, "{}", path.display());
        assert_eq!(to_svg(&layout(&m1)), to_svg(&layout(&m2)));
    }
    let a = serde_json::to_string(&layout(&synth(200))).expect("json");
    let b = serde_json::to_string(&layout(&synth(200))).expect("json");
    assert_eq!(a, b);
}

#[test]
fn main_path_of_a_chain_is_straight() {
    let m = machine_of(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/polling-loop.asl.json"),
    );
    let d = layout(&m);
    let cx = |name: &str| {
        let n = d.nodes.iter().find(|n| n.name == name).expect(name);
        n.x + n.width / 2.0
    };
    let x = cx("Start Transcription");
    for name in [
        "Wait Before Polling",
        "Get Job Status",
        "Count Attempt",
        "Job Finished?",
    ] {
        assert!((cx(name) - x).abs() <= 1.0, "{name} is off the main line");
    }
    // The loop back is marked and leaves from the side.
    let back: Vec<_> = d.edges.iter().filter(|e| e.back_edge).collect();
    assert_eq!(back.len(), 1);
}

#[test]
fn nested_containers_hold_their_children_at_any_depth() {
    let m = synth(200);
    let d = layout(&m);
    let deepest = d.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    assert!(
        deepest >= 3,
        "synthetic machine should nest 3 deep, got {deepest}"
    );
}

/// A diagram drawn by hand, whose figures are known: two edges crossing as an X (50 px
/// each), an L-shaped edge (30 + 40 px) and one that only touches the X at its ends (40 px).
fn hand_drawn() -> Diagram {
    let node = |id: &str| {
        serde_json::json!({"id": id, "name": id, "type": "Pass", "x": 0, "y": 0,
            "width": 10, "height": 10, "depth": 0})
    };
    let edge = |id: &str, points: &[(f64, f64)]| {
        let points: Vec<_> = points
            .iter()
            .map(|(x, y)| serde_json::json!({"x": x, "y": y}))
            .collect();
        serde_json::json!({"id": id, "source": "a", "target": "b", "kind": "next",
            "back_edge": false, "points": points})
    };
    serde_json::from_value(serde_json::json!({
        "width": 150.5, "height": 80,
        "nodes": [node("a"), node("b"), node("c")],
        "edges": [
            edge("x1", &[(0.0, 0.0), (30.0, 40.0)]),
            edge("x2", &[(30.0, 0.0), (0.0, 40.0)]),
            edge("l", &[(100.0, 0.0), (100.0, 30.0), (140.0, 30.0)]),
            edge("side", &[(0.0, 0.0), (0.0, 40.0)]),
        ],
    }))
    .expect("a diagram")
}

#[test]
fn stats_line_gives_the_figures_of_a_known_diagram() {
    let stats = Stats::of(&hand_drawn(), 3.0);
    assert_eq!(
        stats.to_string(),
        "nodes=3 edges=4 crossings=1 edge_length=210 width=150.5 height=80 ms=3.0"
    );
}

#[test]
fn stats_of_a_laid_out_chain() {
    // Three Pass states in a row: Start, the three, End; four straight edges down the middle,
    // none crossing, each as long as the gap between the states it joins.
    let v = serde_json::json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "C"},
        "C": {"Type": "Pass", "End": true}}});
    let d = layout(&StateMachine::from_value(&v).expect("model"));
    let stats = Stats::of(&d, 0.0);
    let node = |id: &str| d.nodes.iter().find(|n| n.id == id).expect(id);
    let gaps: f64 = [
        ("#start", "/States/A"),
        ("/States/A", "/States/B"),
        ("/States/B", "/States/C"),
        ("/States/C", "#end"),
    ]
    .iter()
    .map(|(a, b)| node(b).y - (node(a).y + node(a).height))
    .sum();
    assert_eq!((stats.nodes, stats.edges, stats.crossings), (5, 4, 0));
    assert!(gaps > 0.0);
    assert_eq!(stats.edge_length, gaps);
    assert_eq!((stats.width, stats.height), (d.width, d.height));
}

#[test]
fn odd_machines_still_lay_out_cleanly() {
    let cases = [
        // A Choice that loops on itself, and a state nothing reaches.
        r#"{"StartAt": "Poll", "States": {
            "Poll": {"Type": "Choice", "Choices": [{"Variable": "$.again", "BooleanEquals": true, "Next": "Poll"}], "Default": "Done"},
            "Orphan": {"Type": "Pass", "Next": "Done"},
            "Done": {"Type": "Succeed"}}}"#,
        // A transition to a state that does not exist (a placeholder), names with / and ~.
        r#"{"StartAt": "a/b", "States": {
            "a/b": {"Type": "Pass", "Next": "c~d"},
            "c~d": {"Type": "Pass", "Next": "Nowhere"}}}"#,
        // Two loops sharing a head, a Parallel with an empty-named state inside.
        r#"{"StartAt": "Head", "States": {
            "Head": {"Type": "Pass", "Next": "Work"},
            "Work": {"Type": "Parallel", "Branches": [{"StartAt": " ", "States": {" ": {"Type": "Pass", "End": true}}}], "Next": "Again?"},
            "Again?": {"Type": "Choice", "Choices": [
                {"Variable": "$.x", "NumericEquals": 1, "Next": "Head"},
                {"Variable": "$.x", "NumericEquals": 2, "Next": "Work"}], "Default": "End"},
            "End": {"Type": "Succeed"}}}"#,
    ];
    for (i, text) in cases.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(text).expect("case parses");
        let m = StateMachine::from_value(&v).expect("model builds");
        let d = layout(&m);
        check(&format!("odd case {i}"), &d);
        let ghosts = usize::from(i == 1);
        assert_eq!(d.nodes.len(), m.walk().len() + 2 + ghosts);
        let again = serde_json::to_string(&layout(&m)).expect("json");
        assert_eq!(serde_json::to_string(&d).expect("json"), again);
    }
    let ids: Vec<String> = {
        let v: serde_json::Value = serde_json::from_str(cases[1]).expect("parses");
        let m = StateMachine::from_value(&v).expect("builds");
        layout(&m).nodes.into_iter().map(|n| n.id).collect()
    };
    assert!(ids.contains(&"/States/a~1b".to_string()), "{ids:?}");
    assert!(ids.contains(&"/States/c~0d".to_string()), "{ids:?}");
}

fn layout_of(text: &str) -> Diagram {
    let v: serde_json::Value = serde_json::from_str(text).expect("case parses");
    let m = StateMachine::from_value(&v).expect("model builds");
    layout(&m)
}

#[test]
fn transitions_to_missing_states_lead_to_placeholders() {
    // A Choice rule, a Default, a Next and a Catcher name states that do not exist; two of them
    // the same name, and a branch names it too (its own scope, its own placeholder).
    let text = r#"{"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Gone"}], "Default": "Rejected"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Gone",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle/Error"}]},
        "Fork": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Next": "Gone"}}}]}}}"#;
    let d = layout_of(text);
    check("missing targets", &d);
    let ghost = |id: &str| {
        d.nodes
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("no node {id}"))
    };
    let gone = ghost("#missing:/States/Gone");
    assert_eq!(gone.kind, NodeKind::Missing);
    assert_eq!(gone.name, "Gone");
    assert_eq!(gone.subtitle.as_deref(), Some("Missing state"));
    assert_eq!(ghost("#missing:/States/Rejected").name, "Rejected");
    assert_eq!(ghost("#missing:/States/Handle~1Error").name, "Handle/Error");
    let inner = ghost("#missing:/States/Fork/Branches/0/States/Gone");
    assert_eq!(inner.parent.as_deref(), Some("/States/Fork"));
    assert_eq!(inner.lane, Some(0));
    // One placeholder per missing name per scope.
    let missing = d
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Missing)
        .count();
    assert_eq!(missing, 4);
    let edge = |source: &str, target: &str, kind: EdgeKind| {
        d.edges
            .iter()
            .find(|e| e.source == source && e.target == target && e.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} edge {source} -> {target}"))
    };
    assert_eq!(
        edge("/States/Check", "#missing:/States/Gone", EdgeKind::Choice).rule,
        Some(0)
    );
    edge(
        "/States/Check",
        "#missing:/States/Rejected",
        EdgeKind::Default,
    );
    edge("/States/Work", "#missing:/States/Gone", EdgeKind::Next);
    assert_eq!(
        edge(
            "/States/Work",
            "#missing:/States/Handle~1Error",
            EdgeKind::Catch
        )
        .rule,
        Some(0)
    );
    edge(
        "/States/Fork/Branches/0/States/Inner",
        "#missing:/States/Fork/Branches/0/States/Gone",
        EdgeKind::Next,
    );
    // The same picture every time, and the SVG draws the ghosts and the broken edges.
    assert_eq!(
        serde_json::to_string(&d).expect("json"),
        serde_json::to_string(&layout_of(text)).expect("json")
    );
    let svg = to_svg(&d);
    assert!(
        svg.contains("<title>#missing:/States/Gone</title>"),
        "{svg}"
    );
    assert_eq!(svg.matches("stroke-dasharray=\"5 3\"").count(), 4, "{svg}");
    assert_eq!(svg.matches("stroke-dasharray=\"3 3\"").count(), 5, "{svg}");
    assert!(svg.contains(">Missing state</text>"), "{svg}");
}

#[test]
fn a_missing_start_at_leads_from_start_to_a_placeholder() {
    let d = layout_of(r#"{"StartAt": "Nope", "States": {"A": {"Type": "Pass", "End": true}}}"#);
    check("missing StartAt", &d);
    let start = d
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::Start)
        .expect("a Start edge");
    assert_eq!(start.source, "#start");
    assert_eq!(start.target, "#missing:/States/Nope");
    // An empty machine has no StartAt to draw.
    let empty = layout_of(r#"{"StartAt": "Nope", "States": {}}"#);
    assert!(empty.nodes.iter().all(|n| n.kind != NodeKind::Missing));
}
