//! Each figure on hand-drawn diagrams whose value can be read off the drawing.

use super::*;
use crate::diagram::{Container, EdgeKind, Label, Lane, NodeKind};

fn node(id: &str, x: f64, y: f64, w: f64, h: f64) -> Node {
    Node {
        id: id.to_string(),
        name: id.to_string(),
        kind: NodeKind::Pass,
        subtitle: None,
        x,
        y,
        width: w,
        height: h,
        parent: None,
        lane: None,
        depth: 0,
        container: None,
    }
}

/// A container at (x, y) with one lane filling it below a 40 px header.
fn container(id: &str, x: f64, y: f64, w: f64, h: f64) -> Node {
    let mut n = node(id, x, y, w, h);
    n.kind = NodeKind::Parallel;
    n.container = Some(Container {
        header_height: 40.0,
        lanes: vec![Lane {
            label: "Branch 1".into(),
            x,
            y: y + 40.0,
            width: w,
            height: h - 40.0,
        }],
    });
    n
}

fn inside(mut n: Node, parent: &str) -> Node {
    n.parent = Some(parent.to_string());
    n.lane = Some(0);
    n.depth = 1;
    n
}

fn edge(source: &str, target: &str, pts: &[(f64, f64)]) -> Edge {
    Edge {
        id: format!("{source}->{target}"),
        source: source.into(),
        target: target.into(),
        kind: EdgeKind::Next,
        back_edge: false,
        rule: None,
        errors: Vec::new(),
        label: None,
        points: pts.iter().map(|&(x, y)| Point { x, y }).collect(),
    }
}

fn labelled(mut e: Edge, x: f64, y: f64, w: f64, h: f64) -> Edge {
    e.label = Some(Label {
        text: "l".into(),
        full: None,
        x,
        y,
        width: w,
        height: h,
    });
    e
}

fn diagram(nodes: Vec<Node>, edges: Vec<Edge>) -> Diagram {
    Diagram {
        width: 1000.0,
        height: 1000.0,
        nodes,
        edges,
    }
}

/// `a` above `b`, 60 px apart, and `c` to their right.
fn abc() -> Vec<Node> {
    vec![
        node("a", 0.0, 0.0, 100.0, 40.0),
        node("b", 0.0, 100.0, 100.0, 40.0),
        node("c", 200.0, 0.0, 100.0, 140.0),
    ]
}

#[test]
fn a_clean_diagram_scores_zero_on_every_figure() {
    let mut nodes = abc();
    nodes.push(container("P", 400.0, 0.0, 200.0, 200.0));
    nodes.push(inside(node("x", 400.0, 40.0, 200.0, 160.0), "P"));
    let edges = vec![labelled(
        edge("a", "b", &[(50.0, 40.0), (50.0, 100.0)]),
        50.0,
        70.0,
        40.0,
        18.0,
    )];
    let q = Quality::of(&diagram(nodes, edges));
    assert_eq!(q, Quality::default());
}

/// A named case: a polyline and its expected figure.
type Case<'a> = (&'a str, &'a [(f64, f64)], usize);

#[test]
fn bends_are_the_corners_of_the_polylines() {
    let cases: &[Case] = &[
        ("straight", &[(0.0, 0.0), (0.0, 10.0)], 0),
        (
            "straight through a point",
            &[(0.0, 0.0), (0.0, 10.0), (0.0, 20.0)],
            0,
        ),
        (
            "repeated point",
            &[(0.0, 0.0), (0.0, 10.0), (0.0, 10.0), (0.0, 20.0)],
            0,
        ),
        ("L", &[(0.0, 0.0), (0.0, 10.0), (10.0, 10.0)], 1),
        (
            "Z",
            &[(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 20.0)],
            2,
        ),
        ("diagonal kink", &[(0.0, 0.0), (0.0, 10.0), (5.0, 20.0)], 1),
        ("turning back", &[(0.0, 0.0), (0.0, 10.0), (0.0, 5.0)], 1),
    ];
    for &(name, pts, want) in cases {
        let d = diagram(abc(), vec![edge("a", "b", pts)]);
        assert_eq!(Quality::of(&d).bends, want, "{name}");
    }
}

#[test]
fn stacked_ends_count_each_end_near_another_edges_end_on_the_same_node() {
    // Two edges a -> b: one straight down at x 30, the other from `x1` on a's bottom via
    // (80, 70) to `x2` on b's top (so never along one line, see the bundles below).
    let cases: &[(&str, f64, f64, usize)] = &[
        ("apart at both ends", 60.0, 70.0, 0),
        ("5 px apart is apart", 35.0, 70.0, 0),
        ("4 px apart at the target", 60.0, 34.0, 2),
        ("one point at both ends", 30.0, 30.0, 4),
    ];
    for &(name, x1, x2, want) in cases {
        let d = diagram(
            abc(),
            vec![
                edge("a", "b", &[(30.0, 40.0), (30.0, 100.0)]),
                edge("a", "b", &[(x1, 40.0), (80.0, 70.0), (x2, 100.0)]),
            ],
        );
        assert_eq!(Quality::of(&d).stacked_ends, want, "{name}");
    }
    // Three arrowheads on one point: three stacked ends; a self-loop's own two ends do not
    // stack with each other.
    let three = diagram(
        abc(),
        vec![
            edge("a", "b", &[(50.0, 40.0), (50.0, 100.0)]),
            edge("c", "b", &[(250.0, 140.0), (250.0, 160.0), (50.0, 100.0)]),
            edge("c", "b", &[(260.0, 140.0), (260.0, 170.0), (50.0, 100.0)]),
            edge(
                "a",
                "a",
                &[(100.0, 10.0), (103.0, 10.0), (103.0, 12.0), (100.0, 12.0)],
            ),
        ],
    );
    assert_eq!(Quality::of(&three).stacked_ends, 3);
    // A bundle: two edges that join one trunk and arrive along one line (the second joins
    // it lower down).
    let bundle = diagram(
        abc(),
        vec![
            edge(
                "a",
                "b",
                &[
                    (50.0, 40.0),
                    (50.0, 60.0),
                    (150.0, 80.0),
                    (150.0, 90.0),
                    (50.0, 100.0),
                ],
            ),
            edge(
                "c",
                "b",
                &[(250.0, 140.0), (250.0, 60.0), (100.0, 95.0), (50.0, 100.0)],
            ),
        ],
    );
    assert_eq!(Quality::of(&bundle).stacked_ends, 0);
    // Arriving at one point from two directions is stacking, bundle or not.
    let mut apart = bundle.clone();
    apart.edges[1].points[2] = Point { x: 100.0, y: 90.0 };
    assert_eq!(Quality::of(&apart).stacked_ends, 2);
    // A Catch and a Next along one line are two arrowheads, one dashed over one solid.
    let mut styles = bundle.clone();
    styles.edges[1].kind = EdgeKind::Catch;
    assert_eq!(Quality::of(&styles).stacked_ends, 2);
    // Leaving along one line from one point is stacking too.
    let leaving = diagram(
        abc(),
        vec![
            edge("a", "b", &[(50.0, 40.0), (50.0, 100.0)]),
            edge("a", "c", &[(50.0, 40.0), (50.0, 60.0), (200.0, 60.0)]),
        ],
    );
    assert_eq!(Quality::of(&leaving).stacked_ends, 2);
}

#[test]
fn edge_node_hits_count_boxes_an_edge_runs_through_or_grazes() {
    // a -> b running down at `x`: c spans x 200..300.
    let cases: &[(&str, f64, usize)] = &[
        ("far from c", 150.0, 0),
        ("5 px left of c", 195.0, 0),
        ("4 px left of c", 196.0, 1),
        ("along c's border", 200.0, 1),
        ("through c", 250.0, 1),
    ];
    for &(name, x, want) in cases {
        let d = diagram(
            abc(),
            vec![edge(
                "a",
                "b",
                &[(100.0, 20.0), (x, 20.0), (x, 120.0), (100.0, 120.0)],
            )],
        );
        assert_eq!(Quality::of(&d).edge_node_hits, want, "{name}");
    }
    // Inside a container, an edge is not a hit on it; through another container it is, and
    // on every box it crosses there.
    let nodes = vec![
        container("P", 0.0, 0.0, 200.0, 300.0),
        inside(node("x", 50.0, 60.0, 100.0, 40.0), "P"),
        inside(node("y", 50.0, 200.0, 100.0, 40.0), "P"),
        container("Q", 300.0, 0.0, 200.0, 300.0),
        inside(node("z", 350.0, 60.0, 100.0, 40.0), "Q"),
    ];
    let inner = edge("x", "y", &[(100.0, 100.0), (100.0, 200.0)]);
    let across = edge(
        "x",
        "y",
        &[(150.0, 80.0), (400.0, 80.0), (400.0, 220.0), (150.0, 220.0)],
    );
    assert_eq!(
        Quality::of(&diagram(nodes.clone(), vec![inner])).edge_node_hits,
        0
    );
    assert_eq!(Quality::of(&diagram(nodes, vec![across])).edge_node_hits, 2);
}

#[test]
fn label_overlaps_count_what_each_label_covers() {
    let own = || edge("a", "b", &[(50.0, 40.0), (50.0, 100.0)]);
    // `c -> a` runs along y 20 from c to a; a label of `own` at (x, y), 40 x 18.
    let other = || edge("c", "a", &[(200.0, 20.0), (100.0, 20.0)]);
    let cases: &[(&str, f64, f64, usize)] = &[
        ("on its own edge, clear of the rest", 50.0, 70.0, 0),
        ("over box b", 50.0, 100.0, 1),
        ("over box c", 210.0, 70.0, 1),
        ("over the other edge", 150.0, 20.0, 1),
        ("touching b", 50.0, 91.0, 0),
    ];
    for &(name, x, y, want) in cases {
        let d = diagram(abc(), vec![labelled(own(), x, y, 40.0, 18.0), other()]);
        assert_eq!(Quality::of(&d).label_overlaps, want, "{name}");
    }
    let two = diagram(
        abc(),
        vec![
            labelled(own(), 50.0, 70.0, 40.0, 18.0),
            labelled(
                edge("a", "b", &[(45.0, 40.0), (45.0, 100.0)]),
                60.0,
                75.0,
                40.0,
                18.0,
            ),
        ],
    );
    // The two labels overlap (1), and each covers the other's edge (2).
    assert_eq!(Quality::of(&two).label_overlaps, 3);
    // A label inside a container does not overlap that container.
    let nested = diagram(
        vec![
            container("P", 0.0, 0.0, 200.0, 300.0),
            inside(node("x", 50.0, 60.0, 100.0, 40.0), "P"),
            inside(node("y", 50.0, 200.0, 100.0, 40.0), "P"),
        ],
        vec![labelled(
            edge("x", "y", &[(100.0, 100.0), (100.0, 200.0)]),
            100.0,
            150.0,
            40.0,
            18.0,
        )],
    );
    assert_eq!(Quality::of(&nested).label_overlaps, 0);
}

#[test]
fn empty_area_is_the_share_of_lanes_outside_their_content() {
    // One lane of 200 x 200 (below a 40 px header).
    let cases: &[(&str, f64, f64, f64)] = &[
        ("filled", 200.0, 200.0, 0.0),
        ("half as wide", 100.0, 200.0, 50.0),
        ("a quarter", 100.0, 100.0, 75.0),
    ];
    for &(name, w, h, want) in cases {
        let d = diagram(
            vec![
                container("P", 0.0, 0.0, 200.0, 240.0),
                inside(node("x", 0.0, 40.0, w, h), "P"),
            ],
            vec![],
        );
        assert_eq!(Quality::of(&d).empty_area, want, "{name}");
    }
    // An edge in the lane is content too: x's box and the edge down to y span the lane.
    let d = diagram(
        vec![
            container("P", 0.0, 0.0, 200.0, 240.0),
            inside(node("x", 0.0, 40.0, 200.0, 40.0), "P"),
            inside(node("y", 0.0, 200.0, 200.0, 40.0), "P"),
        ],
        vec![edge("x", "y", &[(100.0, 80.0), (100.0, 200.0)])],
    );
    assert_eq!(Quality::of(&d).empty_area, 0.0);
    assert_eq!(Quality::of(&diagram(abc(), vec![])).empty_area, 0.0);
}
