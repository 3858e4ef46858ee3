//! The drawing of a visual diff: ghosts, every removed transition drawn, and the marks.

use serde_json::{json, Value};
use stepwise_asl::diff::diff;
use stepwise_layout::diff::{diff_drawing, diff_marks};
use stepwise_layout::{layout, to_svg_with, EdgeKind, Mark, Overlay};

/// Old: Check catches into Failed and goes on to Save -> Audit -> Done.
fn old() -> Value {
    json!({"StartAt": "Check", "States": {
        "Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Save",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
        "Save": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Audit",
                 "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Failed"}]},
        "Audit": {"Type": "Pass", "Next": "Done"},
        "Done": {"Type": "Succeed"},
        "Failed": {"Type": "Fail"}
    }})
}

/// New: Check no longer catches (a transition dropped between two states still there), and
/// Audit is gone (Save goes to Done).
fn new() -> Value {
    json!({"StartAt": "Check", "States": {
        "Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Save"},
        "Save": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                 "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Failed"}]},
        "Done": {"Type": "Succeed"},
        "Failed": {"Type": "Fail"}
    }})
}

fn edge_mark(
    d: &stepwise_layout::Diagram,
    marks: &stepwise_layout::Marks,
    from: &str,
    to: &str,
    kind: EdgeKind,
) -> Option<Option<Mark>> {
    let e = d
        .edges
        .iter()
        .find(|e| e.source == from && e.target == to && e.kind == kind)?;
    Some(marks.edges.get(&e.id).copied())
}

#[test]
fn every_removed_transition_is_drawn_and_marked_removed_the_kept_ones_are_not() {
    let (old, new) = (old(), new());
    let d = diff(&old, &new);
    let drawing = diff_drawing(&old, &new, &d);
    assert_eq!(drawing.ghosts.len(), 1);
    assert_eq!(drawing.ghosts[0].name, "Audit");
    assert_eq!(drawing.ghosts[0].pointer, "/States/Audit");
    let marks = diff_marks(&drawing.diagram, &d);
    for (from, to, kind, mark) in [
        // Between two states that are both still there.
        (
            "/States/Check",
            "/States/Failed",
            EdgeKind::Catch,
            Some(Mark::Removed),
        ),
        // Into the ghost, and out of it.
        (
            "/States/Save",
            "/States/Audit",
            EdgeKind::Next,
            Some(Mark::Removed),
        ),
        (
            "/States/Audit",
            "/States/Done",
            EdgeKind::Next,
            Some(Mark::Removed),
        ),
        (
            "/States/Save",
            "/States/Done",
            EdgeKind::Next,
            Some(Mark::Added),
        ),
        // Unchanged ones are drawn plain.
        ("/States/Check", "/States/Save", EdgeKind::Next, None),
        ("/States/Save", "/States/Failed", EdgeKind::Catch, None),
    ] {
        assert_eq!(
            edge_mark(&drawing.diagram, &marks, from, to, kind),
            Some(mark),
            "{from} -> {to} ({kind:?})"
        );
    }
    assert_eq!(marks.nodes.get("/States/Audit"), Some(&Mark::Removed));
}

#[test]
fn the_union_s_own_edges_keep_their_ids_the_removed_ones_come_after() {
    let (old, new) = (old(), new());
    let d = diff(&old, &new);
    let drawing = diff_drawing(&old, &new, &d);
    let plain = layout(&stepwise_asl::lenient_machine(&drawing.union));
    let ids =
        |d: &stepwise_layout::Diagram| d.edges.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    let drawn = ids(&drawing.diagram);
    let own = ids(&plain);
    for id in &own {
        assert!(drawn.contains(id), "{id} kept in {drawn:?}");
    }
    // Check->Failed (catch) and Save->Audit (next): not in the union, drawn as extras.
    assert_eq!(drawn.len(), own.len() + 2, "{drawn:?}");
}

#[test]
fn in_a_diff_drawing_only_removed_transitions_are_red() {
    let (old, new) = (old(), new());
    let d = diff(&old, &new);
    let drawing = diff_drawing(&old, &new, &d);
    let overlay = Overlay {
        marks: diff_marks(&drawing.diagram, &d),
        ..Overlay::default()
    };
    let svg = to_svg_with(&drawing.diagram, &overlay);
    let kept_catch = drawing
        .diagram
        .edges
        .iter()
        .find(|e| e.source == "/States/Save" && e.kind == EdgeKind::Catch)
        .map(|e| e.id.replace('>', "&gt;"))
        .expect("Save's Catch");
    let path = svg
        .lines()
        .find(|l| l.starts_with("<path") && l.contains(&format!("<title>{kept_catch}</title>")))
        .expect("the kept Catch is drawn");
    assert!(!path.contains("#dc2626"), "{path}");
    assert!(
        path.contains("stroke-dasharray=\"6 4\""),
        "a Catch keeps its dash: {path}"
    );
    // Outside a diff, a Catch is red.
    let plain = stepwise_layout::to_svg(&drawing.diagram);
    let path = plain
        .lines()
        .find(|l| l.starts_with("<path") && l.contains(&format!("<title>{kept_catch}</title>")))
        .expect("the Catch is drawn");
    assert!(path.contains("#dc2626"), "{path}");
}
