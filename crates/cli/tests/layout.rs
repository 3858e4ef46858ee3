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

#[test]
fn stats_alone_prints_one_line_of_figures() {
    let o = stepwise(&["layout", &example("order-processing.asl.json"), "--stats"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    let line = out.trim_end();
    let keys: Vec<&str> = line
        .split(' ')
        .map(|kv| kv.split('=').next().unwrap_or_default())
        .collect();
    assert_eq!(
        keys,
        [
            "nodes",
            "edges",
            "crossings",
            "edge_length",
            "width",
            "height",
            "ms"
        ]
    );
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
    assert!(nodes.iter().any(|n| n.get("lanes").is_some()));
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
