//! `stepwise layout` as a user runs it: formats, files, the figures line, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stepwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(args)
        .output()
        .expect("run stepwise")
}

fn example(name: &str) -> String {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    p.to_str().expect("utf8 path").to_string()
}

/// The figures of `--stats` for the order-processing example: one node per state (12) plus
/// Start and End, its 19 edges, no crossings, and the length and size of the diagram that
/// `stepwise layout` prints for the same file.
#[test]
fn stats_alone_prints_the_figures_of_the_diagram() {
    let file = example("order-processing.asl.json");
    let o = stepwise(&["layout", &file, "--stats"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    let figures: Vec<(&str, &str)> = out
        .trim_end()
        .split(' ')
        .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
        .collect();
    let keys: Vec<&str> = figures.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        [
            "nodes",
            "edges",
            "crossings",
            "edge_length",
            "width",
            "height",
            "bends",
            "stacked_ends",
            "edge_node_hits",
            "label_overlaps",
            "empty_area",
            "ms"
        ]
    );
    let value = |key: &str| -> f64 {
        let (_, v) = figures.iter().find(|(k, _)| *k == key).expect(key);
        v.parse().unwrap_or_else(|e| panic!("{key}={v}: {e}"))
    };

    let o = stepwise(&["layout", &file]);
    let diagram: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON diagram");
    let edges = diagram["edges"].as_array().expect("edges");
    let length: f64 = edges
        .iter()
        .flat_map(|e| {
            let p = e["points"].as_array().cloned().unwrap_or_default();
            p.windows(2)
                .map(|w| {
                    let (dx, dy) = (
                        w[1]["x"].as_f64().unwrap_or(0.0) - w[0]["x"].as_f64().unwrap_or(0.0),
                        w[1]["y"].as_f64().unwrap_or(0.0) - w[0]["y"].as_f64().unwrap_or(0.0),
                    );
                    (dx * dx + dy * dy).sqrt()
                })
                .collect::<Vec<_>>()
        })
        .sum();
    assert_eq!(value("nodes"), 14.0);
    assert_eq!(value("edges"), 19.0);
    assert_eq!(edges.len(), 19);
    assert_eq!(value("crossings"), 0.0);
    assert_eq!(value("edge_length"), length.round());
    assert_eq!(value("width"), diagram["width"].as_f64().expect("width"));
    assert_eq!(value("height"), diagram["height"].as_f64().expect("height"));
    // Corners of the routes as the diagram gives them (its polylines have no straight-through
    // points): every point but the two ends of each edge.
    let corners: usize = edges
        .iter()
        .map(|e| {
            e["points"]
                .as_array()
                .map_or(0, |p| p.len().saturating_sub(2))
        })
        .sum();
    assert_eq!(value("bends"), corners as f64);
    assert_eq!(value("label_overlaps"), 0.0);
    assert_eq!(value("edge_node_hits"), 0.0);
    // No Parallel or Map in this machine: no container area at all.
    assert_eq!(value("empty_area"), 0.0);
    assert!(value("ms") > 0.0);
}

#[test]
fn json_is_the_default_and_svg_follows_the_extension() {
    let o = stepwise(&["layout", &example("parallel-fanout.asl.json")]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON diagram");
    assert!(v["nodes"].as_array().is_some_and(|n| n.len() > 5));
    assert!(v["edges"].as_array().is_some());

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("fanout.svg");
    let o = stepwise(&[
        "layout",
        &example("parallel-fanout.asl.json"),
        "-o",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let svg = std::fs::read_to_string(&out).expect("svg written");
    assert!(svg.starts_with("<svg") && svg.contains("Branch 1"));
}

#[test]
fn yaml_definitions_lay_out_and_graph_format_has_lanes() {
    let o = stepwise(&[
        "layout",
        &example("etl-pipeline.asl.yaml"),
        "--format",
        "graph",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("graph JSON");
    let nodes = v["root"]["nodes"].as_array().expect("nodes");
    // The one container, the Distributed Map, has one lane: its item processor, holding the
    // one state inside it.
    let with_lanes: Vec<&serde_json::Value> =
        nodes.iter().filter(|n| n.get("lanes").is_some()).collect();
    assert_eq!(with_lanes.len(), 1, "{with_lanes:?}");
    let map = with_lanes[0];
    assert_eq!(map["id"], "/States/Load Partitions");
    assert_eq!(map["type"], "Map");
    let lanes = map["lanes"].as_array().expect("lanes");
    assert_eq!(lanes.len(), 1);
    assert_eq!(lanes[0]["label"], "Item processor");
    let inside: Vec<&str> = lanes[0]["scope"]["nodes"]
        .as_array()
        .expect("lane nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert_eq!(
        inside,
        ["/States/Load Partitions/ItemProcessor/States/Load Batch"]
    );
}

#[test]
fn broken_definitions_exit_1_and_missing_files_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.asl.json");
    std::fs::write(
        &bad,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#,
    )
    .expect("write");
    let bad = bad.to_str().expect("utf8");
    assert_eq!(stepwise(&["layout", bad]).status.code(), Some(1));
    let o = stepwise(&["layout", bad, "--allow-invalid", "--stats"]);
    assert_eq!(o.status.code(), Some(0));
    let missing = dir.path().join("missing.json");
    let o = stepwise(&["layout", missing.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(2));
}
