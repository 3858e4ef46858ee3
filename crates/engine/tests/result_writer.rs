//! A Distributed Map's ResultWriter, each test named for the AWS behaviour it pins down (AWS
//! guide, "ResultWriter (Map)",
//! https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
//! The files are captured from the task handler, through which the engine writes them as
//! `arn:aws:states:::s3:putObject` requests.

use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use stepwise_engine::task::{no_handler_error, TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{run_blocking, ExecutionConfig, Outcome, StatesError, Status};

/// Keeps every putObject request; fails them all when `fail` is set, answers none (as a
/// router with nothing for them) when `unanswered` is.
#[derive(Default)]
struct Capture {
    puts: Mutex<Vec<(String, String, String)>>,
    fail: bool,
    unanswered: bool,
}

impl TaskHandler for Capture {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            assert_eq!(req.resource, "arn:aws:states:::s3:putObject");
            if self.fail {
                return Err(StatesError::new("S3.AccessDenied", "Access Denied"));
            }
            if self.unanswered {
                return Err(no_handler_error(&req, None));
            }
            let field = |f: &str| req.input[f].as_str().unwrap_or_default().to_string();
            let mut puts = self.puts.lock().unwrap_or_else(|e| e.into_inner());
            puts.push((field("Bucket"), field("Key"), field("Body")));
            Ok(json!({"ETag": "\"e\""}))
        })
    }
}

impl Capture {
    fn keys(&self) -> Vec<String> {
        let puts = self.puts.lock().unwrap_or_else(|e| e.into_inner());
        puts.iter().map(|(_, k, _)| k.clone()).collect()
    }

    fn body(&self, key_end: &str) -> String {
        let puts = self.puts.lock().unwrap_or_else(|e| e.into_inner());
        puts.iter()
            .find(|(_, k, _)| k.ends_with(key_end))
            .map(|(_, _, b)| b.clone())
            .unwrap_or_else(|| panic!("no file {key_end} in {:?}", *puts))
    }

    fn json(&self, key_end: &str) -> Value {
        serde_json::from_str(&self.body(key_end)).expect("a JSON file")
    }
}

/// A Distributed Map over `$.items`: an item `{"fail": true}` fails with Item.Bad, an item
/// holding `out` returns it, any other returns itself.
fn machine(writer: Value, extra: Value) -> Value {
    let mut map = json!({
        "Type": "Map",
        "ItemsPath": "$.items",
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Check",
            "States": {
                "Check": {"Type": "Choice", "Choices": [
                    {"Variable": "$.fail", "IsPresent": true, "Next": "Bad"},
                    {"Variable": "$.out", "IsPresent": true, "Next": "Out"}
                ], "Default": "Done"},
                "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "bad item"},
                "Out": {"Type": "Pass", "InputPath": "$.out", "End": true},
                "Done": {"Type": "Pass", "End": true}
            }
        },
        "ResultWriter": writer,
        "End": true
    });
    if let (Some(m), Value::Object(extra)) = (map.as_object_mut(), extra) {
        m.extend(extra);
    }
    json!({"StartAt": "Map", "States": {"Map": map}})
}

fn run(def: Value, items: Value, handler: Arc<dyn TaskHandler>) -> Outcome {
    let machine = stepwise_asl::StateMachine::from_value(&def).expect("valid definition");
    let mut config = ExecutionConfig::new(handler);
    config.start_time_ms = Some(1_700_000_000_000);
    config.seed = Some(3);
    run_blocking(Arc::new(machine), json!({"items": items}), config)
}

fn to_s3() -> Value {
    json!({"Resource": "arn:aws:states:::s3:putObject",
           "Parameters": {"Bucket": "results", "Prefix": "runs"}})
}

const RUN: &str = "arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/Map:local-execution";

#[test]
fn exported_results_go_under_prefix_and_map_run_id_and_the_map_returns_the_manifest_location() {
    let capture = Arc::new(Capture::default());
    let out = run(
        machine(to_s3(), json!({})),
        json!([1, "two"]),
        capture.clone(),
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert_eq!(
        out.output,
        Some(json!({
            "MapRunArn": RUN,
            "ResultWriterDetails": {"Bucket": "results", "Key": "runs/local-execution/manifest.json"}
        }))
    );
    // The result files first, the manifest naming them last; no FAILED or PENDING file when
    // no child failed or was left.
    assert_eq!(
        capture.keys(),
        [
            "runs/local-execution/SUCCEEDED_0.json",
            "runs/local-execution/manifest.json"
        ]
    );
    let succeeded = capture.body("SUCCEEDED_0.json");
    assert_eq!(
        capture.json("manifest.json"),
        json!({
            "DestinationBucket": "results",
            "MapRunArn": RUN,
            "ResultFiles": {
                "FAILED": [],
                "PENDING": [],
                "SUCCEEDED": [{"Key": "runs/local-execution/SUCCEEDED_0.json", "Size": succeeded.len()}]
            }
        })
    );
    let entries = capture.json("SUCCEEDED_0.json");
    let first = &entries[0];
    let keys: Vec<&str> = first
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "ExecutionArn",
            "Input",
            "InputDetails",
            "Name",
            "Output",
            "OutputDetails",
            "RedriveCount",
            "RedriveStatus",
            "RedriveStatusReason",
            "StartDate",
            "StateMachineArn",
            "Status",
            "StopDate"
        ]
    );
    assert_eq!(
        first["ExecutionArn"],
        "arn:aws:states:us-east-1:123456789012:execution:StateMachine/Map:local-execution-item-0"
    );
    assert_eq!(
        first["StateMachineArn"],
        "arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine/Map"
    );
    assert_eq!(first["StartDate"], "2023-11-14T22:13:20.000Z");
    // Input and Output are JSON text, as in DescribeExecution.
    for (entry, text) in [(&entries[0], "1"), (&entries[1], "\"two\"")] {
        assert_eq!(entry["Input"], text);
        assert_eq!(entry["Output"], text);
        assert_eq!(entry["Status"], "SUCCEEDED");
        assert_eq!(entry["InputDetails"], json!({"Included": true}));
    }
}

#[test]
fn the_prefix_gets_one_slash_and_no_prefix_puts_the_run_at_the_bucket_root() {
    for (prefix, manifest) in [
        (json!("runs/"), "runs/local-execution/manifest.json"),
        (json!("a/b"), "a/b/local-execution/manifest.json"),
        (json!(""), "local-execution/manifest.json"),
        (Value::Null, "local-execution/manifest.json"),
    ] {
        let mut params = json!({"Bucket": "results"});
        if !prefix.is_null() {
            params["Prefix"] = prefix.clone();
        }
        let writer = json!({"Resource": "arn:aws:states:::s3:putObject", "Parameters": params});
        let capture = Arc::new(Capture::default());
        let out = run(machine(writer, json!({})), json!([1]), capture.clone());
        assert_eq!(
            out.output
                .as_ref()
                .map(|o| o["ResultWriterDetails"]["Key"].clone()),
            Some(json!(manifest)),
            "Prefix {prefix}"
        );
        assert_eq!(capture.keys().last().map(String::as_str), Some(manifest));
    }
}

#[test]
fn writer_config_transforms_the_succeeded_file_and_jsonl_writes_one_entry_a_line() {
    let items = json!([{"out": [1, 2]}, {"out": {"a": 1}}]);
    for (config, body) in [
        // COMPACT: the children's outputs only.
        (
            json!({"Transformation": "COMPACT", "OutputType": "JSON"}),
            "[[1,2],{\"a\":1}]",
        ),
        // FLATTEN: an output that is an array is spread.
        (
            json!({"Transformation": "FLATTEN", "OutputType": "JSON"}),
            "[1,2,{\"a\":1}]",
        ),
        (
            json!({"Transformation": "FLATTEN", "OutputType": "JSONL"}),
            "1\n2\n{\"a\":1}\n",
        ),
        (
            json!({"Transformation": "COMPACT", "OutputType": "JSONL"}),
            "[1,2]\n{\"a\":1}\n",
        ),
    ] {
        let mut writer = to_s3();
        writer["WriterConfig"] = config.clone();
        let capture = Arc::new(Capture::default());
        let out = run(machine(writer, json!({})), items.clone(), capture.clone());
        assert_eq!(
            out.output.as_ref().map(|o| &o["MapRunArn"]),
            Some(&json!(RUN))
        );
        assert_eq!(capture.body("SUCCEEDED_0.json"), body, "{config}");
    }
    // NONE as JSONL: the full entries, one a line.
    let mut writer = to_s3();
    writer["WriterConfig"] = json!({"Transformation": "NONE", "OutputType": "JSONL"});
    let capture = Arc::new(Capture::default());
    run(machine(writer, json!({})), items, capture.clone());
    let lines: Vec<Value> = capture
        .body("SUCCEEDED_0.json")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["Output"], "{\"a\":1}");
}

#[test]
fn writer_config_alone_writes_nothing_and_the_map_returns_the_transformed_results() {
    let items = json!([{"out": [1, 2]}, {"out": 3}, {"fail": true}]);
    let tolerate = json!({"ToleratedFailureCount": 1});
    let capture = Arc::new(Capture::default());
    let writer = json!({"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}});
    let out = run(
        machine(writer, tolerate.clone()),
        items.clone(),
        capture.clone(),
    );
    assert!(capture.keys().is_empty());
    let output = out.output.expect("an output");
    // A failed child keeps its full (NONE) entry whatever the transformation.
    assert_eq!(output[0], 1);
    assert_eq!(output[1], 2);
    assert_eq!(output[2], 3);
    assert_eq!(output[3]["Status"], "FAILED");
    assert_eq!(output[3]["Error"], "Item.Bad");
    assert_eq!(output.as_array().map(Vec::len), Some(4));
}

#[test]
fn tolerated_failures_go_to_failed_0_json_with_error_and_cause() {
    let capture = Arc::new(Capture::default());
    let out = run(
        machine(to_s3(), json!({"ToleratedFailureCount": 1})),
        json!([1, {"fail": true}, 3]),
        capture.clone(),
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    let failed = capture.json("FAILED_0.json");
    assert_eq!(failed.as_array().map(Vec::len), Some(1));
    let entry = &failed[0];
    assert_eq!(entry["Status"], "FAILED");
    assert_eq!(entry["Error"], "Item.Bad");
    assert_eq!(entry["Cause"], "bad item");
    assert_eq!(entry["Input"], "{\"fail\":true}");
    assert_eq!(entry["RedriveStatus"], "REDRIVABLE_BY_MAP_RUN");
    assert!(entry.get("Output").is_none(), "{entry}");
    assert_eq!(
        capture.json("SUCCEEDED_0.json").as_array().map(Vec::len),
        Some(2)
    );
    let manifest = capture.json("manifest.json");
    assert_eq!(
        manifest["ResultFiles"]["FAILED"][0]["Key"],
        "runs/local-execution/FAILED_0.json"
    );
    assert_eq!(manifest["ResultFiles"]["PENDING"], json!([]));
}

#[test]
fn items_never_started_after_the_map_run_fails_go_to_pending_0_json() {
    let capture = Arc::new(Capture::default());
    // One at a time: the second item fails past the tolerance of 0, the last two never start.
    let out = run(
        machine(
            to_s3(),
            json!({"MaxConcurrency": 1, "ToleratedFailureCount": 0}),
        ),
        json!([1, {"fail": true}, 3, 4]),
        capture.clone(),
    );
    assert_eq!(out.status, Status::Failed);
    assert_eq!(
        out.error.map(|e| e.error).as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    let pending = capture.json("PENDING_0.json");
    assert_eq!(
        pending,
        json!([
            {"Input": "3", "InputDetails": {"Included": true}, "Status": "PENDING"},
            {"Input": "4", "InputDetails": {"Included": true}, "Status": "PENDING"}
        ])
    );
    assert_eq!(capture.json("FAILED_0.json")[0]["Error"], "Item.Bad");
    assert_eq!(capture.json("SUCCEEDED_0.json")[0]["Input"], "1");
    assert_eq!(
        capture.keys().last().map(String::as_str),
        Some("runs/local-execution/manifest.json")
    );
}

#[test]
fn a_failed_write_fails_the_map_with_states_result_writer_failed() {
    let capture = Arc::new(Capture {
        fail: true,
        ..Capture::default()
    });
    let out = run(machine(to_s3(), json!({})), json!([1]), capture);
    assert_eq!(out.status, Status::Failed);
    let error = out.error.expect("an error");
    assert_eq!(error.error, "States.ResultWriterFailed");
    let cause = error.cause.unwrap_or_default();
    assert!(
        cause.contains("s3://results/runs/local-execution/SUCCEEDED_0.json")
            && cause.contains("S3.AccessDenied"),
        "{cause}"
    );
}

#[test]
fn jsonata_gives_bucket_and_prefix_in_arguments() {
    let mut def = machine(
        json!({"Resource": "arn:aws:states:::s3:putObject",
               "Arguments": {"Bucket": "{% $states.input.bucket %}", "Prefix": "j"}}),
        json!({}),
    );
    def["QueryLanguage"] = json!("JSONata");
    // The JSONata processor: no JSONPath fields.
    def["States"]["Map"]["Items"] = json!("{% $states.input.items %}");
    if let Some(m) = def["States"]["Map"].as_object_mut() {
        m.remove("ItemsPath");
    }
    def["States"]["Map"]["ItemProcessor"]["States"] = json!({
        "Check": {"Type": "Pass", "End": true}
    });
    let machine = stepwise_asl::StateMachine::from_value(&def).expect("valid definition");
    let capture = Arc::new(Capture::default());
    let mut config = ExecutionConfig::new(capture.clone());
    config.start_time_ms = Some(1_700_000_000_000);
    let out = run_blocking(
        Arc::new(machine),
        json!({"items": [1], "bucket": "dyn"}),
        config,
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert_eq!(
        out.output
            .as_ref()
            .map(|o| o["ResultWriterDetails"].clone()),
        Some(json!({"Bucket": "dyn", "Key": "j/local-execution/manifest.json"}))
    );
    let puts = capture.puts.lock().unwrap_or_else(|e| e.into_inner());
    assert!(puts.iter().all(|(b, _, _)| b == "dyn"));
}

#[test]
fn writes_nothing_answers_are_skipped_and_the_map_still_returns_the_manifest_location() {
    // A machine tested with mocks alone (no entry for the writes, no --s3-dir) runs on.
    let capture = Arc::new(Capture {
        unanswered: true,
        ..Capture::default()
    });
    let out = run(machine(to_s3(), json!({})), json!([1]), capture.clone());
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert_eq!(
        out.output.map(|o| o["ResultWriterDetails"]["Key"].clone()),
        Some(json!("runs/local-execution/manifest.json"))
    );
    assert!(capture.keys().is_empty());
}
