//! A local folder standing in for S3 (`--s3-dir`): a Distributed Map's ItemReader reads from
//! it and its ResultWriter writes into it, `s3://BUCKET/KEY` being `DIR/BUCKET/KEY` (AWS guide,
//! "ItemReader (Map)" and "ResultWriter (Map)").

use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use stepwise_engine::task::local_s3::{S3_INVALID_PATH, S3_NO_SUCH_BUCKET, S3_NO_SUCH_KEY};
use stepwise_engine::task::{LocalS3, Router, TaskHandler, TaskRequest};
use stepwise_engine::{run_blocking, ExecutionConfig, Outcome, Status};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn run(def: Value, dir: &Path) -> Outcome {
    let machine = stepwise_asl::StateMachine::from_value(&def).expect("valid definition");
    let router = Router::new().with_local_s3(LocalS3::new(dir));
    let mut config = ExecutionConfig::new(Arc::new(router));
    config.start_time_ms = Some(1_700_000_000_000);
    run_blocking(Arc::new(machine), json!({}), config)
}

/// A Distributed Map reading with `reader`, its children returning their input.
fn map(reader: Value, writer: Option<Value>) -> Value {
    let mut m = json!({
        "Type": "Map",
        "ItemReader": reader,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Echo",
            "States": {"Echo": {"Type": "Pass", "End": true}}
        },
        "End": true
    });
    if let Some(w) = writer {
        m["ResultWriter"] = w;
    }
    json!({"StartAt": "Map", "States": {"Map": m}})
}

fn get_object(key: &str, config: Value) -> Value {
    json!({"Resource": "arn:aws:states:::s3:getObject",
           "ReaderConfig": config,
           "Parameters": {"Bucket": "in", "Key": key}})
}

#[test]
fn the_item_reader_reads_each_input_type_from_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "in/a.json", r#"[{"id": 1}, {"id": 2}]"#);
    write(dir.path(), "in/a.jsonl", "{\"id\": 1}\n{\"id\": 2}\n");
    write(dir.path(), "in/a.csv", "id,name\n1,Ann\n2,\"Bo, B\"\n");
    write(dir.path(), "in/deep/x.txt", "xyz");
    for (reader, items) in [
        (
            get_object("a.json", json!({})),
            json!([{"id": 1}, {"id": 2}]),
        ),
        (
            get_object("a.jsonl", json!({"InputType": "JSONL"})),
            json!([{"id": 1}, {"id": 2}]),
        ),
        (
            get_object(
                "a.csv",
                json!({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}),
            ),
            json!([{"id": "1", "name": "Ann"}, {"id": "2", "name": "Bo, B"}]),
        ),
        (
            get_object("a.json", json!({"MaxItems": 1})),
            json!([{"id": 1}]),
        ),
    ] {
        let out = run(map(reader.clone(), None), dir.path());
        assert_eq!(out.status, Status::Succeeded, "{reader}: {:?}", out.error);
        assert_eq!(out.output, Some(items), "{reader}");
    }
    // listObjectsV2: one item per object under the prefix, in key order, shaped as AWS's.
    let list = json!({"Resource": "arn:aws:states:::s3:listObjectsV2",
                      "Parameters": {"Bucket": "in", "Prefix": "a."}});
    let out = run(map(list, None), dir.path());
    let items = out.output.expect("an output");
    let keys: Vec<&Value> = items
        .as_array()
        .map(|a| a.iter().map(|i| &i["Key"]).collect())
        .unwrap_or_default();
    assert_eq!(keys, [&json!("a.csv"), &json!("a.json"), &json!("a.jsonl")]);
    assert_eq!(items[1]["Size"], 22);
    assert_eq!(items[1]["StorageClass"], "STANDARD");
    assert_eq!(
        items[1]["Etag"].as_str().map(str::len),
        Some(34),
        "a quoted MD5"
    );
    assert!(items[1]["LastModified"].as_u64().is_some_and(|t| t > 0));
}

#[test]
fn the_result_writer_writes_its_files_into_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "in/items.json", "[1, 2, 3]");
    let writer = json!({"Resource": "arn:aws:states:::s3:putObject",
                        "Parameters": {"Bucket": "out", "Prefix": "runs"}});
    let out = run(
        map(get_object("items.json", json!({})), Some(writer)),
        dir.path(),
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    let run_dir = dir.path().join("out/runs/local-execution");
    let read = |name: &str| -> Value {
        let text = std::fs::read_to_string(run_dir.join(name)).expect(name);
        serde_json::from_str(&text).expect("JSON")
    };
    let manifest = read("manifest.json");
    assert_eq!(manifest["DestinationBucket"], "out");
    let size = std::fs::metadata(run_dir.join("SUCCEEDED_0.json"))
        .expect("SUCCEEDED_0.json")
        .len();
    assert_eq!(
        manifest["ResultFiles"]["SUCCEEDED"],
        json!([{"Key": "runs/local-execution/SUCCEEDED_0.json", "Size": size}])
    );
    let succeeded = read("SUCCEEDED_0.json");
    let outputs: Vec<&Value> = succeeded
        .as_array()
        .map(|a| a.iter().map(|e| &e["Output"]).collect())
        .unwrap_or_default();
    assert_eq!(outputs, [&json!("1"), &json!("2"), &json!("3")]);
    let mut names: Vec<String> = std::fs::read_dir(&run_dir)
        .expect("run folder")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["SUCCEEDED_0.json", "manifest.json"],
        "no temporary files left"
    );
}

fn request(resource: &str, input: Value) -> TaskRequest {
    TaskRequest::new("S3", resource, input)
}

#[test]
fn buckets_and_keys_that_would_leave_the_folder_are_refused() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("s3");
    std::fs::create_dir_all(dir.join("b")).expect("mkdir");
    let s3 = LocalS3::new(&dir);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    for (bucket, key) in [
        ("b", "../escape.json"),
        ("b", "a/../../escape.json"),
        ("b", "/etc/passwd"),
        ("b", "./x"),
        ("b", "a//b"),
        ("b", "dir/"),
        ("b", ""),
        ("..", "escape.json"),
        ("a/b", "x"),
        ("", "x"),
    ] {
        for resource in [
            "arn:aws:states:::s3:putObject",
            "arn:aws:states:::s3:getObject",
        ] {
            let input = json!({"Bucket": bucket, "Key": key, "Body": "x"});
            let err = rt
                .block_on(s3.invoke(request(resource, input)))
                .expect_err("refused");
            assert_eq!(err.error, S3_INVALID_PATH, "{bucket} {key} {resource}");
            // The cause names what is wrong: the bucket, else the key.
            let named = if bucket == "b" { key } else { bucket };
            let cause = err.cause.unwrap_or_default();
            assert!(cause.contains(&format!("'{named}'")), "{cause}");
        }
    }
    assert!(!root.path().join("escape.json").exists());
    let names: Vec<_> = std::fs::read_dir(root.path())
        .expect("root")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["s3"], "nothing written outside the folder");
}

#[test]
fn a_missing_object_or_bucket_fails_with_s3s_error_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("b")).expect("mkdir");
    let s3 = LocalS3::new(dir.path());
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    for (resource, bucket, error) in [
        ("arn:aws:states:::s3:getObject", "b", S3_NO_SUCH_KEY),
        ("arn:aws:states:::s3:getObject", "nope", S3_NO_SUCH_BUCKET),
        (
            "arn:aws:states:::s3:listObjectsV2",
            "nope",
            S3_NO_SUCH_BUCKET,
        ),
    ] {
        let input = json!({"Bucket": bucket, "Key": "missing.json"});
        let err = rt
            .block_on(s3.invoke(request(resource, input)))
            .expect_err("missing");
        assert_eq!(err.error, error, "{resource} {bucket}");
    }
    // An ItemReader whose object is missing fails the Map with States.ItemReaderFailed.
    let out = run(map(get_object("missing.json", json!({})), None), dir.path());
    assert_eq!(
        out.error.map(|e| e.error).as_deref(),
        Some("States.ItemReaderFailed")
    );
}

#[test]
fn the_router_sends_only_s3_resources_to_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let def = json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f"}, "End": true}}});
    let out = run(def, dir.path());
    let error = out.error.expect("no handler for a Lambda task");
    assert_eq!(error.error, "States.Runtime");
    let cause = error.cause.unwrap_or_default();
    assert!(
        cause.contains("No handler for Task state 'T'") && !cause.contains("S3"),
        "{cause}"
    );
}

#[test]
fn a_mocked_item_reader_still_writes_its_results_into_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = stepwise_engine::task::MockConfig::from_value(&json!({
        "StateMachines": {"M": {"TestCases": {"T": {"Map": "Items"}}}},
        "MockedResponses": {"Items": {"0": {"Return": [7, 8]}}}
    }))
    .expect("mock config");
    let case = config.test_case(Some("M"), "T").expect("test case");
    let writer = json!({"Resource": "arn:aws:states:::s3:putObject",
                        "Parameters": {"Bucket": "out"}});
    let def = map(get_object("nowhere.json", json!({})), Some(writer));
    let machine = stepwise_asl::StateMachine::from_value(&def).expect("valid definition");
    let router = Router::new()
        .with_mocks(case)
        .with_local_s3(LocalS3::new(dir.path()));
    let out = run_blocking(
        Arc::new(machine),
        json!({}),
        ExecutionConfig::new(Arc::new(router)),
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    // The mock answered the ItemReader (no object was read), the folder got the files.
    let succeeded = dir.path().join("out/local-execution/SUCCEEDED_0.json");
    let text = std::fs::read_to_string(&succeeded).expect("SUCCEEDED_0.json");
    let entries: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(entries[0]["Input"], "7");
    assert_eq!(entries[1]["Input"], "8");
    assert!(dir
        .path()
        .join("out/local-execution/manifest.json")
        .exists());
}
