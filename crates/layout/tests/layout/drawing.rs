//! What issue 15 asks of the drawing, on machines small enough to read: every edge its own
//! end, a Default apart from the rules, lanes as tall as their branch, loops in one channel.

use super::*;
use stepwise_layout::Quality;

fn edges_from<'a>(d: &'a Diagram, source: &str) -> Vec<&'a stepwise_layout::Edge> {
    d.edges.iter().filter(|e| e.source == source).collect()
}

fn apart(a: Point, b: Point) -> bool {
    (a.x - b.x).hypot(a.y - b.y) > 4.0
}

/// Length over which two segments run along each other (0 unless they are collinear).
fn shared(a: (Point, Point), b: (Point, Point)) -> f64 {
    let cross =
        |p: Point, q: Point, r: Point| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    if cross(a.0, a.1, b.0).abs() > 1e-6 || cross(a.0, a.1, b.1).abs() > 1e-6 {
        return 0.0;
    }
    let len = (a.1.x - a.0.x).hypot(a.1.y - a.0.y);
    if len == 0.0 {
        return 0.0;
    }
    let (ux, uy) = ((a.1.x - a.0.x) / len, (a.1.y - a.0.y) / len);
    let t = |p: Point| (p.x - a.0.x) * ux + (p.y - a.0.y) * uy;
    let (b0, b1) = (t(b.0).min(t(b.1)), t(b.0).max(t(b.1)));
    (b1.min(len) - b0.max(0.0)).max(0.0)
}

#[test]
fn a_next_and_a_catch_to_one_state_leave_and_arrive_apart() {
    let d = layout_of(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}]},
            "B": {"Type": "Pass", "End": true}}}"#,
    );
    let e = edges_from(&d, "/States/A");
    assert_eq!(e.len(), 2);
    let (p, q) = (&e[0].points, &e[1].points);
    assert!(apart(p[0], q[0]), "they leave A at one point");
    assert!(
        apart(p[p.len() - 1], q[q.len() - 1]),
        "their arrowheads stack on B"
    );
    assert_eq!(Quality::of(&d).stacked_ends, 0);
}

#[test]
fn a_choice_fans_out_and_its_default_shares_no_line_with_a_rule() {
    // Two rules and the Default into Z, one rule elsewhere.
    let d = layout_of(
        r#"{"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [
                {"Variable": "$.a", "NumericEquals": 1, "Next": "Z"},
                {"Variable": "$.a", "NumericEquals": 2, "Next": "Y"},
                {"Variable": "$.a", "NumericEquals": 3, "Next": "Z"}], "Default": "Z"},
            "Y": {"Type": "Pass", "Next": "Z"},
            "Z": {"Type": "Succeed"}}}"#,
    );
    let e = edges_from(&d, "/States/C");
    assert_eq!(e.len(), 4);
    for (i, a) in e.iter().enumerate() {
        for b in &e[i + 1..] {
            assert!(
                apart(a.points[0], b.points[0]),
                "{} and {} leave C at one point",
                a.id,
                b.id
            );
        }
    }
    let default = e
        .iter()
        .find(|x| x.kind == EdgeKind::Default)
        .expect("a Default");
    for rule in e.iter().filter(|x| x.kind == EdgeKind::Choice) {
        for s in default.points.windows(2) {
            for r in rule.points.windows(2) {
                let along = shared((s[0], s[1]), (r[0], r[1]));
                assert!(along < 1.0, "Default runs {along} px along {}", rule.id);
            }
        }
    }
    assert_eq!(Quality::of(&d).stacked_ends, 0);
}

#[test]
fn a_one_state_branch_is_as_tall_as_its_state_not_its_sibling() {
    let d = layout_of(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": true}}},
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Pass", "End": true}}}]}}}"#,
    );
    let p = d.nodes.iter().find(|n| n.id == "/States/P").expect("P");
    let lanes = &p.container.as_ref().expect("a container").lanes;
    // The lane's title band (24), the state (46), the padding below it (16).
    assert_eq!(lanes[0].height, 24.0 + 46.0 + 16.0);
    assert!(lanes[1].height > lanes[0].height + 100.0);
    check("one-state branch", &d);
}

#[test]
fn a_loop_goes_back_up_one_channel_with_two_bends() {
    let m = machine_of(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/polling-loop.asl.json"),
    );
    let d = layout(&m);
    let back: Vec<_> = d.edges.iter().filter(|e| e.back_edge).collect();
    assert_eq!(back.len(), 1);
    assert_eq!(stepwise_layout::quality::bends(&back[0].points), 2);
}

/// Three Tasks in a row whose Catchers all go to one handler, with the given labels.
fn catching_into_one_handler(errors: [&str; 3]) -> Diagram {
    let task = |next: &str, error: &str| {
        format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "{next}",
                "Catch": [{{"ErrorEquals": ["{error}"], "Next": "Handler"}}]}}"#
        )
    };
    layout_of(&format!(
        r#"{{"StartAt": "A", "States": {{"A": {}, "B": {}, "C": {},
            "Done": {{"Type": "Succeed"}}, "Handler": {{"Type": "Fail"}}}}}}"#,
        task("B", errors[0]),
        task("C", errors[1]),
        task("Done", errors[2])
    ))
}

#[test]
fn catch_edges_to_a_shared_handler_bundle_under_one_label_when_they_say_the_same() {
    let cases = [
        ("all States.ALL", ["States.ALL"; 3], 1),
        (
            "each its own error",
            ["States.Timeout", "States.ALL", "States.TaskFailed"],
            3,
        ),
    ];
    for (name, errors, labels) in cases {
        let d = catching_into_one_handler(errors);
        let catches: Vec<_> = d
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Catch)
            .collect();
        assert_eq!(catches.len(), 3, "{name}");
        let labelled = catches.iter().filter(|e| e.label.is_some()).count();
        assert_eq!(labelled, labels, "{name}: labels drawn");
        // Every edge keeps its errors for the app, labelled or not.
        assert!(catches.iter().all(|e| !e.errors.is_empty()), "{name}");
        let q = Quality::of(&d);
        assert_eq!((q.label_overlaps, q.edge_node_hits), (0, 0), "{name}");
    }
}
