//! Geometry checks on every example and on synthetic machines: no overlaps, containers hold
//! their children, edges start and end on borders and never cut through a state, labels are
//! clear of states and of each other, and the output is the same byte for byte.

use std::path::{Path, PathBuf};
use stepwise_asl::{Document, StateMachine};
use stepwise_layout::{layout, to_svg, Diagram, EdgeKind, Node, NodeKind, Point, Stats};

mod check;
mod drawing;

use check::check;

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
    // One corner (the L); x1 and side start on one point of a and end on one point of b (4
    // stacked ends); c, a 10 px box at the origin, is crossed by x1 and side (2 hits).
    let stats = Stats::of(&hand_drawn(), 3.0);
    assert_eq!(
        stats.to_string(),
        "nodes=3 edges=4 crossings=1 edge_length=210 width=150.5 height=80 bends=1 \
         stacked_ends=4 edge_node_hits=2 label_overlaps=0 empty_area=0.0 ms=3.0"
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
