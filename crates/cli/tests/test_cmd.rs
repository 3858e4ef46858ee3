//! `stepwise test` as CI runs it: exit codes, the report lines, JUnit, JSON, coverage and
//! the coverage drawing.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stepwise(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run stepwise")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).expect("json")).expect("write");
    p
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A Task that doubles a number, then a Choice: small enough to know every edge.
fn machine() -> Value {
    json!({
        "StartAt": "Double",
        "States": {
            "Double": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"Payload.$": "$"}, "OutputPath": "$.Payload",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Broken"}],
                "Next": "Big?"
            },
            "Big?": {"Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}],
                "Default": "Small"},
            "Big": {"Type": "Succeed"},
            "Small": {"Type": "Succeed"},
            "Broken": {"Type": "Fail", "Error": "Broken"}
        }
    })
}

fn doubled(n: i64) -> Value {
    json!({"0": {"Return": {"Payload": {"n": n * 2}}}})
}

fn project(tests: Value) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "double.asl.json", &machine());
    write(dir.path(), "double.tests.json", &json!({"tests": tests}));
    dir
}

#[test]
fn every_example_passes_and_writes_junit() {
    let out = tempfile::tempdir().expect("tempdir");
    let junit = out.path().join("junit.xml");
    let o = stepwise(
        &repo(),
        &["test", "examples", "--junit", junit.to_str().expect("utf8")],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let xml = std::fs::read_to_string(&junit).expect("junit written");
    let cases = xml.matches("<testcase ").count();
    assert!(cases >= 20, "{cases} test cases in the JUnit report");
    assert!(
        !xml.contains("<failure") && !xml.contains("<error"),
        "{xml}"
    );
    assert!(text(&o.stdout).contains(&format!("{cases} passed, 0 failed")));
}

#[test]
fn a_failing_test_exits_one_and_shows_where_the_output_differs() {
    let dir = project(json!([
        {"name": "doubles", "input": {"n": 3}, "mocks": {"Double": doubled(3)},
         "expect": {"output": {"n": 7}, "path": ["Double", "Big?", "Big"]}},
        {"name": "passes", "input": {"n": 1}, "mocks": {"Double": doubled(1)}}
    ]));
    let o = stepwise(dir.path(), &["test"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("FAIL  ./double.tests.json › doubles"), "{out}");
    assert!(
        out.contains("/tests/0/expect/output the output is not as expected"),
        "{out}"
    );
    assert!(out.contains("/n: expected 7, got 6"), "{out}");
    assert!(out.contains("/tests/0/expect/path"), "{out}");
    assert!(out.contains("PASS  ./double.tests.json › passes"), "{out}");
    assert!(out.contains("1 passed, 1 failed, 0 could not run"), "{out}");
}

#[test]
fn json_format_and_filter() {
    let dir = project(json!([
        {"name": "small", "input": {"n": 1}, "mocks": {"Double": doubled(1)}},
        {"name": "big", "input": {"n": 9}, "mocks": {"Double": doubled(9)}}
    ]));
    let o = stepwise(dir.path(), &["test", "--format", "json", "--filter", "big"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["summary"]["tests"], 1);
    assert_eq!(v["results"][0]["name"], "big");
    assert_eq!(v["results"][0]["verdict"], "passed");
    assert_eq!(v["results"][0]["output"], json!({"n": 18}));
}

#[test]
fn coverage_is_reported_gated_and_drawn() {
    let dir = project(json!([
        {"name": "small", "input": {"n": 1}, "mocks": {"Double": doubled(1)}}
    ]));
    let o = stepwise(dir.path(), &["test", "--coverage", "--min-coverage", "50"]);
    let out = text(&o.stdout);
    // Double→Big? and Big?→Small of 4 transitions (Next, Catch, rule 1, Default).
    assert!(
        out.contains("states 3/5 (60.0%)  transitions 2/4 (50.0%)"),
        "{out}"
    );
    assert!(out.contains("never taken: Big? --rule 1--> Big"), "{out}");
    assert!(
        out.contains("never taken: Double --Catch 1--> Broken"),
        "{out}"
    );
    assert!(out.contains("never entered: Broken"), "{out}");
    assert_eq!(
        o.status.code(),
        Some(0),
        "50% reaches --min-coverage 50: {out}"
    );

    let o = stepwise(dir.path(), &["test", "--coverage", "--min-coverage", "75"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("transition coverage 50.0% is below --min-coverage 75%"));

    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("stepwise-coverage.json")).expect("report"),
    )
    .expect("JSON report");
    assert_eq!(report["machines"][0]["summary"]["transitionsTaken"], 2);

    let o = stepwise(
        dir.path(),
        &[
            "layout",
            "double.asl.json",
            "--coverage",
            "stepwise-coverage.json",
            "--format",
            "svg",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let svg = text(&o.stdout);
    assert_eq!(
        svg.matches("class=\"untaken\"").count(),
        2,
        "rule 1 and the Catch"
    );
    assert_eq!(
        svg.matches("class=\"unentered\"").count(),
        2,
        "Big and Broken"
    );
}

#[test]
fn a_mock_config_without_a_tests_file_makes_each_test_case_a_test() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "double.asl.json", &machine());
    write(
        dir.path(),
        "double.mocks.json",
        &json!({
            "StateMachines": {"double": {"TestCases": {
                "Works": {"Double": "Twelve"}, "Breaks": {"Double": "Crash"}
            }}},
            "MockedResponses": {
                "Twelve": {"0": {"Return": {"Payload": {"n": 12}}}},
                "Crash": {"0": {"Throw": {"Error": "Oops"}}}
            }
        }),
    );
    let o = stepwise(dir.path(), &["test", "double.asl.json"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("PASS  ./double.asl.json › Works")
            || out.contains("PASS  double.asl.json › Works"),
        "{out}"
    );
    assert!(out.contains("› Breaks"), "{out}");
    assert!(out.contains("it ended FAILED (Broken)"), "{out}");
}

#[test]
fn a_malformed_tests_file_is_named_by_pointer() {
    let dir = project(json!([{"name": "t", "expect": {"status": "DONE"}}]));
    let o = stepwise(dir.path(), &["test"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("double.tests.json:/tests/0/expect/status: unknown variant `DONE`"),
        "{err}"
    );
}
