//! The `stepwise` binary as a user runs it: output lines, JSON, exit codes, files written.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stepwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(args)
        .output()
        .expect("run stepwise")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const VALID: &str =
    r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#;
const DANGLING: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#;

#[test]
fn valid_file_exits_zero_and_prints_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(dir.path(), "ok.asl.json", VALID);
    let o = stepwise(&["validate", f.to_str().expect("utf8 path")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn problems_are_printed_as_file_pointer_severity_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(dir.path(), "bad.asl.json", DANGLING);
    let f = f.to_str().expect("utf8 path");
    let o = stepwise(&["validate", f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let prefix = format!("{f}:/States/A/Next: error[next-not-found]: ");
    assert!(out.lines().any(|l| l.starts_with(&prefix)), "{out}");
}

#[test]
fn json_format_is_an_array_of_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(dir.path(), "bad.json", DANGLING);
    let good = write(dir.path(), "good.json", VALID);
    let o = stepwise(&[
        "validate",
        "--format",
        "json",
        good.to_str().expect("p"),
        bad.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json output");
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 1, "{v}");
    assert_eq!(arr[0]["pointer"], "/States/A/Next");
    assert_eq!(arr[0]["code"], "next-not-found");
    assert_eq!(arr[0]["severity"], "error");
    assert_eq!(arr[0]["file"], bad.to_str().expect("p"));
    let o = stepwise(&["validate", "--format", "json", good.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn a_jsonata_syntax_error_names_its_position_inside_the_expression() {
    // Issue 11's example: `{% 1 + %}` passed silently; jsonata-js puts the error at 5 of " 1 + ".
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(
        dir.path(),
        "jsonata.asl.json",
        r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% 1 + %}", "End": true}}}"#,
    );
    let f = f.to_str().expect("utf8 path");
    let o = stepwise(&["validate", f]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        format!("{f}:/States/A/Output: error[jsonata-syntax]: Unexpected end of expression at 5\n")
    );
    let o = stepwise(&["validate", "--format", "json", f]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json output");
    assert_eq!(v[0]["code"], "jsonata-syntax");
    // Characters of the string value: the closing `%}` where the expression should go on.
    assert_eq!(v[0]["range"], serde_json::json!({"start": 7, "end": 9}));
}

#[test]
fn unreadable_definitions_are_errors_with_exit_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("empty.json", ""),
        ("garbage.json", "{\"StartAt\": ,}"),
        ("list.yaml", "- a\n- b\n"),
    ] {
        let f = write(dir.path(), name, text);
        let o = stepwise(&["validate", f.to_str().expect("p")]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stdout(&o));
        assert!(stdout(&o).contains("error["), "{name}: {}", stdout(&o));
    }
    let f = dir.path().join("latin1.json");
    std::fs::write(&f, b"{\"Comment\": \"caf\xe9\"}").expect("write");
    let o = stepwise(&["validate", f.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error[syntax-error]: the file is not UTF-8"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn missing_file_and_bad_usage_exit_two() {
    let o = stepwise(&["validate", "/definitely/not/here.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/definitely/not/here.json"));
    assert_eq!(stepwise(&["validate"]).status.code(), Some(2));
    assert_eq!(stepwise(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        stepwise(&["validate", "--format", "xml", "x.json"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn version_and_help_with_examples() {
    let o = stepwise(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).trim(),
        format!("stepwise {}", env!("CARGO_PKG_VERSION"))
    );
    for cmd in [
        vec!["--help"],
        vec!["validate", "--help"],
        vec!["export", "--help"],
    ] {
        let o = stepwise(&cmd);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("Examples:"), "{cmd:?}: {}", stdout(&o));
    }
}

#[test]
fn export_yaml_to_json_keeps_order_and_writes_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = "Comment: demo\nStartAt: Z\nStates:\n  Z:\n    Type: Pass\n    Result: {b: 1, a: 2}\n    Next: A\n  A:\n    Type: Succeed\n";
    let src = write(dir.path(), "flow.yaml", yaml);
    let out = dir.path().join("flow.asl.json");
    let o = stepwise(&[
        "export",
        src.to_str().expect("p"),
        "-o",
        out.to_str().expect("p"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("exported file");
    let v: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["States"]["Z"]["Result"]["b"], 1);
    let compact = serde_json::to_string(&v).expect("ser");
    assert_eq!(
        compact,
        r#"{"Comment":"demo","StartAt":"Z","States":{"Z":{"Type":"Pass","Result":{"b":1,"a":2},"Next":"A"},"A":{"Type":"Succeed"}}}"#
    );
    // And back to YAML on stdout.
    let o = stepwise(&["export", out.to_str().expect("p"), "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("Comment: demo\nStartAt: Z\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_refuses_invalid_unless_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = write(dir.path(), "bad.json", DANGLING);
    let o = stepwise(&["export", src.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("next-not-found"));
    let o = stepwise(&["export", src.to_str().expect("p"), "--allow-invalid"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["States"]["A"]["Next"], "Nowhere");
}

#[test]
fn every_example_validates() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<String> = std::fs::read_dir(&examples)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .map(|p| p.to_string_lossy().into_owned())
        // The examples' tests files sit beside them; they are not definitions.
        .filter(|p| !p.contains(".tests."))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let o = stepwise(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn run_with_mocks_prints_the_output_and_writes_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = dir.path().join("history.json");
    let input = format!("file://{}", example("run/order-processing.input.json"));
    let o = stepwise(&[
        "run",
        &example("order-processing.asl.json"),
        "--input",
        &input,
        "--mock-config",
        &example("run/order-processing.mocks.json"),
        "--test-case",
        "HappyPath",
        "--history",
        history.to_str().expect("p"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out: Value = serde_json::from_str(&stdout(&o)).expect("output JSON");
    assert_eq!(
        out["confirmation"]["messageId"],
        "6c1c5e8a-0b5f-4a33-9a51-2f1b2c3d4e5f"
    );
    let h: Value =
        serde_json::from_str(&std::fs::read_to_string(&history).expect("history")).expect("json");
    let events = h["events"].as_array().expect("events");
    assert_eq!(events[0]["type"], "ExecutionStarted");
    assert_eq!(
        events.last().map(|e| e["type"].clone()),
        Some(Value::from("ExecutionSucceeded"))
    );
    // The first charge attempt times out at the gateway and is retried.
    assert_eq!(
        events.iter().filter(|e| e["type"] == "TaskFailed").count(),
        1
    );
}

#[test]
fn run_json_format_reports_failure_with_exit_one() {
    let input = format!("file://{}", example("run/order-processing.input.json"));
    let o = stepwise(&[
        "run",
        &example("order-processing.asl.json"),
        "--input",
        &input,
        "--mock-config",
        &example("run/order-processing.mocks.json"),
        "--test-case",
        "PaymentDeclined",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    // The declined charge is caught, the stock released, then "Payment Failed" fails the run
    // with its own error name and the charge's cause.
    assert_eq!(
        v,
        serde_json::json!({"status": "FAILED", "error": "PaymentFailed", "cause": "The card was declined."})
    );
}

#[test]
fn run_json_format_prints_no_error_for_a_fail_state_without_one() {
    // As AWS reports such an execution: no error name, no cause (not an empty name).
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("fail.asl.json");
    std::fs::write(
        &file,
        r#"{"StartAt": "Stop", "States": {"Stop": {"Type": "Fail"}}}"#,
    )
    .expect("write");
    let o = stepwise(&["run", file.to_str().expect("utf8"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o).trim_end(),
        r#"{"status":"FAILED","error":null,"cause":null}"#
    );
}

#[test]
fn run_text_format_says_only_the_error_and_cause_there_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    // (the Fail state's fields, what stderr says)
    let cases = [
        (r#""Error": "E", "Cause": "why""#, "Failed: E: why"),
        (r#""Error": "E""#, "Failed: E"),
        (r#""Cause": "why""#, "Failed: why"),
        ("", "Failed"),
    ];
    for (fields, said) in cases {
        let sep = if fields.is_empty() { "" } else { ", " };
        let def =
            format!(r#"{{"StartAt": "F", "States": {{"F": {{"Type": "Fail"{sep}{fields}}}}}}}"#);
        let file = write(dir.path(), "fail.asl.json", &def);
        let o = stepwise(&["run", file.to_str().expect("utf8")]);
        assert_eq!(o.status.code(), Some(1), "{def}");
        assert_eq!(String::from_utf8_lossy(&o.stderr).trim_end(), said, "{def}");
    }
}

#[test]
fn run_without_a_handler_names_the_state_and_resource() {
    let input = format!("file://{}", example("run/order-processing.input.json"));
    let o = stepwise(&[
        "run",
        &example("order-processing.asl.json"),
        "--input",
        &input,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let cause = v["cause"].as_str().unwrap_or_default();
    assert!(
        cause.contains("Validate Order") && cause.contains("arn:aws:states:::lambda:invoke"),
        "{cause}"
    );
}

#[test]
fn run_refuses_invalid_definitions_and_bad_input_with_exit_two() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(dir.path(), "bad.json", DANGLING);
    let o = stepwise(&["run", bad.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("next-not-found"));
    let good = write(dir.path(), "good.json", VALID);
    let o = stepwise(&["run", good.to_str().expect("p"), "--input", "{not json"]);
    assert_eq!(o.status.code(), Some(2));
    let o = stepwise(&["run", good.to_str().expect("p"), "--input", "{\"x\": 1}"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o)).expect("json"),
        serde_json::json!({"x": 1})
    );
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    // As `stepwise jsonata ... | head -1`: the pipe closes before the output is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(["jsonata", "[1..2000000]"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run stepwise");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        o.status.signal(),
        Some(13),
        "ended by SIGPIPE, as Unix tools are"
    );
}
