//! The runner and its expectations, as a table: a machine, a test, and the pointers of the
//! expectations that must fail (none: the test passes).

use serde_json::{json, Value};
use std::sync::Arc;
use stepwise_testing::coverage::{MachineCoverage, TransitionKind};
use stepwise_testing::load::Suite;
use stepwise_testing::run::{run_all, run_test, Options, Verdict};
use stepwise_testing::spec::TestFile;

fn suite(machine: Value, tests: Value) -> Suite {
    let file: TestFile = serde_json::from_value(json!({ "tests": tests })).expect("tests");
    Suite {
        tests_file: None,
        machine_path: "machine.asl.json".into(),
        machine: Arc::new(stepwise_asl::StateMachine::from_value(&machine).expect("machine")),
        machine_name: "machine".into(),
        file,
        mock_config: None,
    }
}

/// Charge (a Task with a Retry and a Catch) then a Choice on the amount.
fn shop() -> Value {
    json!({
        "StartAt": "Charge",
        "States": {
            "Charge": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                "ResultSelector": {"amount.$": "$.Payload.amount"},
                "ResultPath": "$.charge",
                "Assign": {"charged.$": "$.amount"},
                "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 5, "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Refund"}],
                "Next": "Big?"
            },
            "Big?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.charge.amount", "NumericGreaterThan": 100, "Next": "Review"}],
                "Default": "Done"
            },
            "Review": {"Type": "Pass", "Result": "review", "ResultPath": "$.note", "Next": "Done"},
            "Refund": {"Type": "Fail", "Error": "Refunded", "Cause": "The charge failed"},
            "Done": {"Type": "Succeed"}
        }
    })
}

fn charged(amount: u32) -> Value {
    json!({"0": {"Return": {"Payload": {"amount": amount}}}})
}

#[test]
fn expectations_pass_and_fail_where_they_should() {
    let busy_then = json!({
        "0": {"Throw": {"Error": "Busy", "Cause": "try again"}},
        "1": {"Return": {"Payload": {"amount": 5}}}
    });
    let cases: &[(&str, Value, &[&str])] = &[
        (
            "default expectations: succeeds",
            json!({"mocks": {"Charge": charged(5)}}),
            &[],
        ),
        (
            "exact output",
            json!({"input": {"id": 1}, "mocks": {"Charge": charged(5)},
            "expect": {"output": {"id": 1, "charge": {"amount": 5}}}}),
            &[],
        ),
        (
            "exact output, one field off",
            json!({"input": {"id": 1}, "mocks": {"Charge": charged(5)},
            "expect": {"output": {"id": 2, "charge": {"amount": 5}}}}),
            &["/tests/0/expect/output"],
        ),
        (
            "partial output ignores other fields",
            json!({"input": {"id": 1}, "mocks": {"Charge": charged(5)},
            "expect": {"outputMatches": {"charge": {}}}}),
            &[],
        ),
        (
            "path in order",
            json!({"mocks": {"Charge": charged(500)},
            "expect": {"path": ["Charge", "Big?", "Review", "Done"]}}),
            &[],
        ),
        (
            "path with a state missing",
            json!({"mocks": {"Charge": charged(5)},
            "expect": {"path": ["Charge", "Big?", "Review", "Done"]}}),
            &["/tests/0/expect/path"],
        ),
        (
            "visits are a subsequence",
            json!({"mocks": {"Charge": charged(500)},
            "expect": {"visits": ["Charge", "Done"], "notVisited": ["Refund"]}}),
            &[],
        ),
        (
            "visits out of order",
            json!({"mocks": {"Charge": charged(500)},
            "expect": {"visits": ["Done", "Charge"], "notVisited": ["Review"]}}),
            &["/tests/0/expect/visits", "/tests/0/expect/notVisited/0"],
        ),
        (
            "error, cause and implied FAILED",
            json!({"mocks": {"Charge": {"0": {"Throw": {"Error": "Declined"}}}},
            "expect": {"error": "Refunded", "cause": "The charge failed", "causeContains": "charge"}}),
            &[],
        ),
        (
            "wrong error and status",
            json!({"mocks": {"Charge": charged(5)},
            "expect": {"error": "Refunded"}}),
            &["/tests/0/expect/status", "/tests/0/expect/error"],
        ),
        (
            "attempts of a retried Task",
            json!({"mocks": {"Charge": busy_then},
            "expect": {"attempts": {"Charge": 2}, "states": [{"state": "Charge", "attempts": 2}]}}),
            &[],
        ),
        (
            "attempts off by one",
            json!({"mocks": {"Charge": busy_then},
            "expect": {"attempts": {"Charge": 1}}}),
            &["/tests/0/expect/attempts/Charge"],
        ),
        (
            "a state's input and output at a visit",
            json!({"input": {"id": 3}, "mocks": {"Charge": charged(500)},
            "expect": {"states": [
                {"state": "Review", "input": {"id": 3, "charge": {"amount": 500}}, "outputMatches": {"note": "review"}},
                {"state": "Review", "visit": 2}
            ]}}),
            &["/tests/0/expect/states/1"],
        ),
        (
            "variables at the end",
            json!({"mocks": {"Charge": charged(7)},
            "expect": {"variables": {"charged": 7}}}),
            &[],
        ),
        (
            "a variable never assigned",
            json!({"mocks": {"Charge": charged(7)},
            "expect": {"variables": {"charged": 8, "other": 1}}}),
            &[
                "/tests/0/expect/variables/charged",
                "/tests/0/expect/variables/other",
            ],
        ),
        (
            "an unmocked Task fails the run",
            json!({"expect": {"status": "SUCCEEDED"}}),
            &["/tests/0/expect/status"],
        ),
    ];
    for (name, test, failing) in cases {
        let s = suite(shop(), json!([merge(json!({"name": name}), test.clone())]));
        let run = run_test(&s, 0, &Options::default());
        let got: Vec<&str> = run
            .result
            .failures
            .iter()
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(got, *failing, "{name}: {:#?}", run.result.failures);
        let verdict = if failing.is_empty() {
            Verdict::Passed
        } else {
            Verdict::Failed
        };
        assert_eq!(run.result.verdict, verdict, "{name}");
    }
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

#[test]
fn a_failing_output_names_the_paths_that_differ() {
    let s = suite(
        shop(),
        json!([{"name": "t", "input": {"a": {"b": [1, 2]}}, "mocks": {"Charge": charged(5)},
            "expect": {"outputMatches": {"a": {"b": [1, 3]}, "charge": {"amount": 6, "currency": "EUR"}}}}]),
    );
    let run = run_test(&s, 0, &Options::default());
    let diffs: Vec<(String, Option<Value>, Option<Value>)> = run.result.failures[0]
        .differences
        .iter()
        .map(|d| (d.pointer.clone(), d.expected.clone(), d.actual.clone()))
        .collect();
    assert_eq!(
        diffs,
        vec![
            ("/a/b/1".into(), Some(json!(3)), Some(json!(2))),
            ("/charge/amount".into(), Some(json!(6)), Some(json!(5))),
            ("/charge/currency".into(), Some(json!("EUR")), None),
        ]
    );
}

#[test]
fn a_test_that_cannot_be_set_up_is_an_error_naming_the_field() {
    let s = suite(shop(), json!([{"name": "t", "testCase": "HappyPath"}]));
    let run = run_test(&s, 0, &Options::default());
    assert_eq!(run.result.verdict, Verdict::Error);
    assert_eq!(run.result.failures[0].pointer, "/tests/0/testCase");
    assert!(run.outcome.is_none());
}

#[test]
fn the_filter_selects_tests_by_name_and_results_keep_file_order() {
    let tests: Vec<Value> = (0..50)
        .map(|i| json!({"name": format!("case {i}"), "mocks": {"Charge": charged(i)}}))
        .collect();
    let s = suite(shop(), Value::Array(tests));
    let all = run_all(std::slice::from_ref(&s), &Options::default());
    let names: Vec<String> = all.iter().map(|r| r.result.name.clone()).collect();
    let want: Vec<String> = (0..50).map(|i| format!("case {i}")).collect();
    assert_eq!(names, want);
    let some = run_all(
        &[s],
        &Options {
            filter: Some("case 4".into()),
            ..Options::default()
        },
    );
    let names: Vec<&str> = some.iter().map(|r| r.result.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "case 4", "case 40", "case 41", "case 42", "case 43", "case 44", "case 45", "case 46",
            "case 47", "case 48", "case 49"
        ]
    );
}

/// Coverage on a machine built so that exactly known edges are taken: the cheap charge
/// takes Charge→Big? (Next) and Big?→Done (Default); nothing else.
#[test]
fn coverage_counts_exactly_the_transitions_taken() {
    let machine = shop();
    let s = suite(
        machine.clone(),
        json!([{"name": "cheap", "mocks": {"Charge": charged(5)}}]),
    );
    let mut cov = MachineCoverage::new("machine.asl.json", &s.machine);
    let runs = run_all(std::slice::from_ref(&s), &Options::default());
    cov.add(&runs[0].trace);
    let taken: Vec<String> = cov
        .transitions
        .iter()
        .filter(|t| t.taken > 0)
        .map(|t| t.describe())
        .collect();
    assert_eq!(taken, ["Charge --Next--> Big?", "Big? --Default--> Done"]);
    assert_eq!(
        (cov.summary.transitions_taken, cov.summary.transitions_total),
        (2, 6),
        "Next, Retry, Catch of Charge; rule 1 and Default of Big?; Next of Review"
    );
    assert_eq!(
        (cov.summary.states_entered, cov.summary.states_total),
        (3, 5)
    );
    assert_eq!(cov.summary.transitions_percent, 33.3);

    // A busy charge that is retried then declined takes the Retry and the Catch.
    let s = suite(
        machine,
        json!([{"name": "declined", "mocks": {"Charge": {
            "0": {"Throw": {"Error": "Busy"}}, "1": {"Throw": {"Error": "Declined"}}
        }}}]),
    );
    let runs = run_all(std::slice::from_ref(&s), &Options::default());
    cov.add(&runs[0].trace);
    let kinds: Vec<(TransitionKind, u64)> =
        cov.transitions.iter().map(|t| (t.kind, t.taken)).collect();
    assert_eq!(
        kinds,
        [
            (TransitionKind::Next, 1),
            (TransitionKind::Retry, 1),
            (TransitionKind::Catch, 1),
            (TransitionKind::Rule, 0),
            (TransitionKind::Default, 1),
            (TransitionKind::Next, 0),
        ]
    );
    assert_eq!(
        cov.unentered().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["Review"]
    );
}

/// States in a Map's processor and a Parallel's branches are covered as their own states.
#[test]
fn nested_states_are_covered() {
    let machine = json!({
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map", "ItemsPath": "$.items",
                "ItemProcessor": {"StartAt": "Even?", "States": {
                    "Even?": {"Type": "Choice", "Choices": [
                        {"Variable": "$", "NumericEquals": 0, "Next": "Zero"}
                    ], "Default": "Other"},
                    "Zero": {"Type": "Pass", "End": true},
                    "Other": {"Type": "Pass", "End": true}
                }},
                "End": true
            }
        }
    });
    let s = suite(
        machine,
        json!([{"name": "t", "input": {"items": [1, 2, 3]}}]),
    );
    let runs = run_all(std::slice::from_ref(&s), &Options::default());
    assert_eq!(
        runs[0].result.verdict,
        Verdict::Passed,
        "{:?}",
        runs[0].result.failures
    );
    let mut cov = MachineCoverage::new("m", &s.machine);
    cov.add(&runs[0].trace);
    let entered: Vec<(&str, u64)> = cov
        .states
        .iter()
        .map(|s| (s.name.as_str(), s.entered))
        .collect();
    assert_eq!(
        entered,
        [("Each", 1), ("Even?", 3), ("Zero", 0), ("Other", 3)]
    );
    assert_eq!(cov.summary.transitions_taken, 1);
}

/// `startTime` and `seed` pin what a test would otherwise see change from run to run.
#[test]
fn start_time_and_seed_make_outputs_exact() {
    let machine = json!({
        "StartAt": "Stamp",
        "States": {"Stamp": {"Type": "Pass", "Parameters": {
            "started.$": "$$.Execution.StartTime", "id.$": "States.UUID()"
        }, "End": true}}
    });
    let once = |seed: u64| {
        let s = suite(
            machine.clone(),
            json!([{"name": "t", "startTime": "2026-01-02T03:04:05Z", "seed": seed}]),
        );
        run_test(&s, 0, &Options::default())
            .result
            .output
            .expect("output")
    };
    let a = once(7);
    assert_eq!(a["started"], "2026-01-02T03:04:05.000Z");
    assert_eq!(a, once(7), "the same seed gives the same UUID");
    assert_ne!(a["id"], once(8)["id"]);

    let s = suite(machine, json!([{"name": "t", "startTime": "yesterday"}]));
    let run = run_test(&s, 0, &Options::default());
    assert_eq!(run.result.verdict, Verdict::Error);
    assert_eq!(run.result.failures[0].pointer, "/tests/0/startTime");
}
