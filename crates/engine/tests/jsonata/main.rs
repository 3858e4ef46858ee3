//! JSONata states end to end: each table row a machine, its input, and what AWS's rules say
//! it gives (AWS guide, "Transforming data with JSONata in Step Functions", "Passing data
//! between states with variables", "Choice workflow state", "Map workflow state").

use serde_json::{json, Value};
use std::sync::Arc;
use stepwise_engine::history::Details;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::test_state::{test_state, TestStateInput, TestStatus};
use stepwise_engine::{run_blocking, ExecutionConfig, Outcome, StatesError, Status};

mod failures;

/// Tasks named "Fail*" fail with `Service.Down`; every other Task returns
/// `{"got": <its arguments>, "timeout": <its TimeoutSeconds>}`... the arguments only.
struct Echo;

impl TaskHandler for Echo {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            if req.state_name.starts_with("Fail") {
                return Err(StatesError::new("Service.Down", "it is down"));
            }
            Ok(json!({"got": req.input}))
        })
    }
}

fn run(def: Value, input: Value) -> Outcome {
    let machine = stepwise_asl::StateMachine::from_value(&def).expect("valid definition");
    let mut config = ExecutionConfig::new(Arc::new(Echo));
    config.start_time_ms = Some(1_700_000_000_000);
    config.seed = Some(7);
    run_blocking(Arc::new(machine), input, config)
}

fn jsonata(states: Value, start: &str) -> Value {
    json!({"QueryLanguage": "JSONata", "StartAt": start, "States": states})
}

fn ok(o: &Outcome) -> Value {
    assert_eq!(o.status, Status::Succeeded, "{:?}", o.error);
    o.output.clone().unwrap_or(Value::Null)
}

fn failed(o: &Outcome) -> (String, String) {
    assert_eq!(o.status, Status::Failed, "output {:?}", o.output);
    let e = o.error.clone().expect("an error");
    (e.error, e.cause.unwrap_or_default())
}

#[test]
fn outputs_follow_the_rules_of_each_field() {
    let cases: Vec<(&str, Value, Value, Value)> = vec![
        (
            "a string that is entirely {% %} is evaluated, others are literal",
            json!({"P": {"Type": "Pass", "End": true, "Output": {
                "a": "{% $states.input.n * 2 %}", "b": "n is {% $states.input.n %}", "c": "{%no", "d": 5}}}),
            json!({"n": 3}),
            json!({"a": 6, "b": "n is {% $states.input.n %}", "c": "{%no", "d": 5}),
        ),
        (
            "nested in objects and arrays",
            json!({"P": {"Type": "Pass", "End": true, "Output": {
                "list": [1, "{% $states.input.n %}", {"deep": ["{% $states.input.n + 1 %}"]}]}}}),
            json!({"n": 3}),
            json!({"list": [1, 3, {"deep": [4]}]}),
        ),
        (
            "no Output: the input passes through a Pass",
            json!({"P": {"Type": "Pass", "End": true}}),
            json!({"n": 3}),
            json!({"n": 3}),
        ),
        (
            "Output may be any JSON value, null included",
            json!({"P": {"Type": "Pass", "End": true, "Output": null}}),
            json!({"n": 3}),
            json!(null),
        ),
        (
            "a Task's Output reads $states.result and $states.input; the default is the result",
            json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "U",
                    "Arguments": {"x": "{% $states.input.n %}"},
                    "Output": {"r": "{% $states.result.got.x %}", "i": "{% $states.input.n %}"}},
                   "U": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Arguments": "{% $states.input %}"}}),
            json!({"n": 3}),
            json!({"got": {"r": 3, "i": 3}}),
        ),
        (
            "Parallel: Arguments is every branch's input, the result the array of outputs",
            json!({"P": {"Type": "Parallel", "End": true, "Arguments": {"v": "{% $states.input.n %}"},
            "Output": "{% $states.result.v %}",
            "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true, "Output": {"v": "{% $states.input.v * 10 %}"}}}}
            ]}}),
            json!({"n": 3}),
            json!([3, 30]),
        ),
        (
            "Succeed takes an Output",
            json!({"S": {"Type": "Succeed", "Output": "{% $states.input.n + 1 %}"}}),
            json!({"n": 3}),
            json!(4),
        ),
        (
            "AWS's functions: $partition, $range, $hash, $parse",
            json!({"P": {"Type": "Pass", "End": true, "Output": {
                "p": "{% $partition([1,2,3,4,5], 2) %}",
                "r": "{% $range(0, 10, 5) %}",
                "one": "{% $range(7, 7, 1) %}",
                "h": "{% $hash('input data', 'SHA-1') %}",
                "j": "{% $parse('{\"a\": [1, 2.5]}') %}"}}}),
            json!({}),
            json!({"p": [[1, 2], [3, 4], [5]], "r": [0, 5, 10], "one": 7,
                   "h": "aaff4a450a104cd177d28d18d74485e8cae074b7", "j": {"a": [1, 2.5]}}),
        ),
        (
            "$states.context is the context object",
            json!({"P": {"Type": "Pass", "End": true, "Output": {
                "name": "{% $states.context.State.Name %}",
                "input": "{% $states.context.Execution.Input.n %}"}}}),
            json!({"n": 3}),
            json!({"name": "P", "input": 3}),
        ),
    ];
    for (why, states, input, want) in cases {
        let start = states
            .as_object()
            .and_then(|m| m.keys().next().cloned())
            .unwrap_or_default();
        assert_eq!(ok(&run(jsonata(states, &start), input)), want, "{why}");
    }
}

#[test]
fn variables_are_scoped_as_aws_scopes_them() {
    let cases: Vec<(&str, Value, Value)> = vec![
        (
            "Assign evaluates every expression before assigning any (the swap)",
            jsonata(
                json!({
                    "Init": {"Type": "Pass", "Next": "Swap", "Assign": {"a": 1, "b": 2}},
                    "Swap": {"Type": "Pass", "Next": "Show", "Assign": {"a": "{% $b %}", "b": "{% $a %}"}},
                    "Show": {"Type": "Pass", "End": true, "Output": ["{% $a %}", "{% $b %}"]}
                }),
                "Init",
            ),
            json!([2, 1]),
        ),
        (
            "Output of the assigning state still reads the old value",
            jsonata(
                json!({
                    "Init": {"Type": "Pass", "Next": "Set", "Assign": {"x": "old"}},
                    "Set": {"Type": "Pass", "End": true, "Assign": {"x": "new"}, "Output": "{% $x %}"}
                }),
                "Init",
            ),
            json!("old"),
        ),
        (
            "a Map iteration sees outer variables; its own assignments stay inside",
            jsonata(
                json!({
                    "Init": {"Type": "Pass", "Next": "M", "Assign": {"base": 10, "inner": "outer"}},
                    "M": {"Type": "Map", "Items": [1, 2], "Next": "After",
                        "ItemProcessor": {"StartAt": "Add", "States": {
                            "Add": {"Type": "Pass", "Next": "Read", "Assign": {"inner": "{% $states.input %}"}},
                            "Read": {"Type": "Pass", "End": true, "Output": "{% $base + $inner %}"}}}},
                    "After": {"Type": "Pass", "End": true, "Output": {"results": "{% $states.input %}", "inner": "{% $inner %}"}}
                }),
                "Init",
            ),
            json!({"results": [11, 12], "inner": "outer"}),
        ),
        (
            "a Map's Assign reads $states.result after the iterations",
            jsonata(
                json!({
                    "M": {"Type": "Map", "Items": "{% [1, 2, 3] %}", "Next": "After",
                        "Assign": {"total": "{% $sum($states.result) %}"},
                        "ItemProcessor": {"StartAt": "Id", "States": {"Id": {"Type": "Pass", "End": true}}}},
                    "After": {"Type": "Pass", "End": true, "Output": "{% $total %}"}
                }),
                "M",
            ),
            json!(6),
        ),
        (
            "JSONPath assigns, JSONata reads, and the reverse",
            json!({"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "B", "Assign": {"fromPath.$": "$.n"}},
                "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Next": "C", "Assign": {"fromJsonata": "{% $fromPath * 2 %}"}},
                "C": {"Type": "Pass", "End": true, "Parameters": {"both.$": "States.Array($fromPath, $fromJsonata)"}}
            }}),
            json!({"both": [3, 6]}),
        ),
        (
            "a JSONPath state's output is the next JSONata state's $states.input",
            json!({"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "B", "Parameters": {"m.$": "$.n"}},
                "B": {"Type": "Pass", "QueryLanguage": "JSONata", "End": true, "Output": "{% $states.input.m %}"}
            }}),
            json!(3),
        ),
    ];
    for (why, def, want) in cases {
        assert_eq!(ok(&run(def, json!({"n": 3}))), want, "{why}");
    }
}

#[test]
fn choice_conditions_assign_and_output() {
    let def = |input_cond: &str| {
        jsonata(
            json!({
                "C": {"Type": "Choice", "Default": "D", "Assign": {"via": "state", "both": "state"},
                    "Output": "default output",
                    "Choices": [
                        {"Condition": input_cond, "Next": "R", "Assign": {"both": "rule"}, "Output": {"rule": "{% $states.input.n %}"}},
                        {"Condition": "{% $states.input.n > 100 %}", "Next": "R"}
                    ]},
                "R": {"Type": "Pass", "End": true, "Output": {"in": "{% $states.input %}", "via": "{% $via %}", "both": "{% $both %}"}},
                "D": {"Type": "Pass", "End": true, "Output": {"in": "{% $states.input %}", "both": "{% $both %}"}}
            }),
            "C",
        )
    };
    assert_eq!(
        ok(&run(def("{% $states.input.n = 3 %}"), json!({"n": 3}))),
        json!({"in": {"rule": 3}, "via": "state", "both": "rule"}),
        "the matched rule's Assign wins over the state's, its Output replaces the input"
    );
    assert_eq!(
        ok(&run(def("{% $states.input.n = 4 %}"), json!({"n": 3}))),
        json!({"in": "default output", "both": "state"}),
        "Default: the state's Assign and Output"
    );
    let (error, cause) = failed(&run(def("{% $states.input.n %}"), json!({"n": 3})));
    assert_eq!(error, "States.QueryEvaluationError");
    assert!(
        cause.ends_with("The JSONata expression '$states.input.n' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 3"),
        "{cause}"
    );
}

#[test]
fn fields_that_take_expressions() {
    let cases: Vec<(&str, Value, Value)> = vec![
        (
            "Wait Seconds",
            json!({"W": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "End": true}}),
            json!({"s": 30}),
        ),
        (
            "Wait Timestamp",
            json!({"W": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true}}),
            json!({"t": "2023-11-14T22:14:00Z"}),
        ),
        (
            "Task TimeoutSeconds and HeartbeatSeconds",
            json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "TimeoutSeconds": "{% $states.input.s %}", "HeartbeatSeconds": "{% $states.input.s - 1 %}",
                "Output": "{% $states.input %}"}}),
            json!({"s": 30}),
        ),
        (
            "Map MaxConcurrency, ToleratedFailureCount, ToleratedFailurePercentage",
            json!({"M": {"Type": "Map", "End": true, "Items": "{% [$states.input] %}",
                "MaxConcurrency": "{% $states.input.s %}",
                "ToleratedFailureCount": "{% 1 %}", "ToleratedFailurePercentage": "{% 50 %}",
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
                "Output": "{% $states.input %}"}}),
            json!({"s": 30}),
        ),
    ];
    for (why, states, input) in cases {
        let start = states
            .as_object()
            .and_then(|m| m.keys().next().cloned())
            .unwrap_or_default();
        assert_eq!(
            ok(&run(jsonata(states, &start), input.clone())),
            input,
            "{why}"
        );
    }
    // The Wait really waits what the expression says (virtual time).
    let o = run(
        jsonata(
            json!({"W": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "End": true}}),
            "W",
        ),
        json!({"s": 30}),
    );
    let first = o
        .events
        .first()
        .map(|e| e.timestamp.to_string())
        .unwrap_or_default();
    let last = o
        .events
        .last()
        .map(|e| e.timestamp.to_string())
        .unwrap_or_default();
    assert_eq!((&first[11..19], &last[11..19]), ("22:13:20", "22:13:50"));
    // Fail Error and Cause.
    let (error, cause) = failed(&run(
        jsonata(
            json!({"F": {"Type": "Fail", "Error": "{% 'E.' & $states.input.s %}", "Cause": "{% 'because ' & $states.input.s %}"}}),
            "F",
        ),
        json!({"s": "x"}),
    ));
    assert_eq!((error.as_str(), cause.as_str()), ("E.x", "because x"));
}

#[test]
fn random_and_uuid_replay_under_a_seed() {
    let def = jsonata(
        json!({"P": {"Type": "Pass", "End": true, "Output": {
            "r": "{% $random() %}", "seeded": "{% $random(42) %}", "same": "{% $random(42) %}", "u": "{% $uuid() %}"}}}),
        "P",
    );
    let a = ok(&run(def.clone(), json!({})));
    let b = ok(&run(def, json!({})));
    assert_eq!(a, b, "the same execution seed gives the same draws");
    assert_eq!(a["seeded"], a["same"], "a seed gives the same number");
    let r = a["r"].as_f64().unwrap_or(-1.0);
    assert!((0.0..1.0).contains(&r), "{r}");
    let u = a["u"].as_str().unwrap_or_default();
    assert_eq!((u.len(), &u[14..15]), (36, "4"), "{u}");
}

#[test]
fn test_state_previews_a_jsonata_state() {
    let machine = stepwise_asl::StateMachine::from_value(&jsonata(
        json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Arguments": {"id": "{% $states.input.id %}"},
            "Assign": {"seen": "{% $states.result.id %}"},
            "Output": {"r": "{% $states.result %}", "prev": "{% $prev %}"}}}),
        "T",
    ))
    .expect("machine");
    let mut variables = serde_json::Map::new();
    variables.insert("prev".into(), json!("p"));
    let outcome = test_state(
        &machine,
        "T",
        TestStateInput {
            input: json!({"id": 9}),
            task_result: Some(Ok(json!({"id": 10}))),
            variables,
        },
    )
    .expect("state exists");
    assert_eq!(outcome.status, TestStatus::Succeeded);
    let stages: Vec<(&str, Value)> = outcome
        .stages
        .iter()
        .map(|(s, v)| (s.aws_name(), v.clone()))
        .collect();
    assert_eq!(
        stages,
        vec![
            ("input", json!({"id": 9})),
            ("afterArguments", json!({"id": 9})),
            ("result", json!({"id": 10})),
            ("variables", json!({"prev": "p", "seen": 10})),
            ("output", json!({"r": {"id": 10}, "prev": "p"})),
        ]
    );
}

/// The ItemReader reads ten items (through the task handler, as a mock would answer).
struct TenItems;

impl TaskHandler for TenItems {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            match req.resource.as_str() {
                "arn:aws:states:::s3:getObject" => Ok(json!((1..=10).collect::<Vec<i32>>())),
                _ => Ok(req.input),
            }
        })
    }
}

#[test]
fn reader_config_max_items_limits_the_items_read_in_either_language() {
    // AWS guide, "ItemReader (Map)": "MaxItems: limits the number of data items passed to the
    // Map state"; JSONPath gives it as MaxItemsPath, JSONata as a {% %} expression.
    let cases: Vec<(&str, &str, Value, usize)> = vec![
        ("no ReaderConfig: every item", "JSONata", json!(null), 10),
        ("a number", "JSONata", json!({"MaxItems": 3}), 3),
        (
            "an expression",
            "JSONata",
            json!({"MaxItems": "{% $states.input.n %}"}),
            4,
        ),
        ("a path", "JSONPath", json!({"MaxItemsPath": "$.n"}), 4),
        ("0 reads them all", "JSONPath", json!({"MaxItems": 0}), 10),
        (
            "more than there are",
            "JSONPath",
            json!({"MaxItems": 50}),
            10,
        ),
    ];
    for (what, language, config, want) in cases {
        let mut reader = json!({"Resource": "arn:aws:states:::s3:getObject",
            "Arguments": {"Bucket": "b", "Key": "k"}});
        if language == "JSONPath" {
            reader = json!({"Resource": "arn:aws:states:::s3:getObject",
                "Parameters": {"Bucket": "b", "Key": "k"}});
        }
        if !config.is_null() {
            reader["ReaderConfig"] = config;
        }
        let def = json!({"QueryLanguage": language, "StartAt": "M", "States": {"M": {
            "Type": "Map", "End": true, "ItemReader": reader,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}});
        let machine = stepwise_asl::StateMachine::from_value(&def).expect("valid definition");
        let o = run_blocking(
            Arc::new(machine),
            json!({"n": 4}),
            ExecutionConfig::new(Arc::new(TenItems)),
        );
        let out = ok(&o);
        assert_eq!(out.as_array().map(Vec::len), Some(want), "{what}: {out}");
    }
}
