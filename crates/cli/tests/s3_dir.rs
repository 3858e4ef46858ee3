//! `--s3-dir DIR`: a folder standing in for S3 for `stepwise run` and `stepwise test`. A
//! Distributed Map's ItemReader reads `s3://BUCKET/KEY` from `DIR/BUCKET/KEY` and its
//! ResultWriter writes AWS's result files there (AWS guide, "ResultWriter (Map)":
//! `<Prefix>/<MapRunId>/manifest.json` and `SUCCEEDED_n.json` / `FAILED_n.json`).

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn stepwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(args)
        .output()
        .expect("run stepwise")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write fixture");
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("JSON")
}

/// Reads orders from a CSV object, fails the ones without a total (tolerating one failure),
/// writes the results under `reports/`.
fn machine() -> Value {
    json!({
        "StartAt": "Orders",
        "States": {"Orders": {
            "Type": "Map",
            "ItemReader": {
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                "Parameters": {"Bucket": "in", "Key": "orders.csv"}
            },
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check",
                "States": {
                    "Check": {"Type": "Choice", "Choices": [
                        {"Variable": "$.total", "StringEquals": "", "Next": "NoTotal"}
                    ], "Default": "Done"},
                    "NoTotal": {"Type": "Fail", "Error": "Order.NoTotal", "Cause": "no total"},
                    "Done": {"Type": "Pass", "End": true}
                }
            },
            "ToleratedFailureCount": 1,
            "ResultWriter": {
                "Resource": "arn:aws:states:::s3:putObject",
                "Parameters": {"Bucket": "out", "Prefix": "reports"}
            },
            "End": true
        }}
    })
}

fn fixture(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("orders.asl.json");
    write(&file, &machine().to_string());
    write(&dir.join("s3/in/orders.csv"), "id,total\n1,10\n2,\n3,30\n");
    file
}

#[test]
fn run_with_s3_dir_reads_items_from_the_folder_and_writes_the_result_files_into_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = fixture(dir.path());
    let s3 = dir.path().join("s3");
    let o = stepwise(&[
        "run",
        file.to_str().expect("utf8"),
        "--s3-dir",
        s3.to_str().expect("utf8"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let output: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    assert_eq!(
        output["ResultWriterDetails"],
        json!({"Bucket": "out", "Key": "reports/local-execution/manifest.json"})
    );
    let run_dir = s3.join("out/reports/local-execution");
    let manifest = read_json(&run_dir.join("manifest.json"));
    assert_eq!(manifest["MapRunArn"], output["MapRunArn"]);
    assert_eq!(
        manifest["ResultFiles"]["FAILED"][0]["Key"],
        "reports/local-execution/FAILED_0.json"
    );
    let succeeded = read_json(&run_dir.join("SUCCEEDED_0.json"));
    let inputs: Vec<&Value> = succeeded
        .as_array()
        .map(|a| a.iter().map(|e| &e["Input"]).collect())
        .unwrap_or_default();
    assert_eq!(
        inputs,
        [
            &json!("{\"id\":\"1\",\"total\":\"10\"}"),
            &json!("{\"id\":\"3\",\"total\":\"30\"}")
        ]
    );
    let failed = read_json(&run_dir.join("FAILED_0.json"));
    assert_eq!(failed[0]["Error"], "Order.NoTotal");
}

#[test]
fn run_without_s3_dir_has_no_handler_for_the_item_reader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = fixture(dir.path());
    let o = stepwise(&["run", file.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("States.ItemReaderFailed"), "{err}");
    assert!(!dir.path().join("s3/out").exists());
}

#[test]
fn test_with_s3_dir_runs_the_tests_against_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    fixture(dir.path());
    let tests = json!({"tests": [{
        "name": "orders are exported",
        "input": {},
        "expect": {"status": "SUCCEEDED", "outputMatches": {
            "ResultWriterDetails": {"Bucket": "out"}
        }}
    }]});
    write(&dir.path().join("orders.tests.json"), &tests.to_string());
    let s3 = dir.path().join("s3");
    let o = stepwise(&[
        "test",
        dir.path().to_str().expect("utf8"),
        "--s3-dir",
        s3.to_str().expect("utf8"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let reports = s3.join("out/reports");
    let runs: Vec<_> = std::fs::read_dir(&reports)
        .expect("the reports folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(runs.len(), 1, "one Map Run");
    let manifest = read_json(&runs[0].path().join("manifest.json"));
    assert_eq!(manifest["DestinationBucket"], "out");
}
