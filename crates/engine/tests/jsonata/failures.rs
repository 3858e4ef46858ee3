//! Failed expressions: how each is worded, and how it is recorded and caught.

use super::*;

#[test]
fn each_failure_is_a_query_evaluation_error_worded_as_aws_words_it() {
    let prefix = |state: &str, id: u32| {
        format!("An error occurred while executing the state '{state}' (entered at the event id #{id}). ")
    };
    let cases: Vec<(&str, Value, String)> = vec![
        (
            "undefined Output",
            json!({"P": {"Type": "Pass", "End": true, "Output": "{% $states.input.absent %}"}}),
            "The JSONata expression '$states.input.absent' specified for the field 'Output' returned nothing (undefined).".into(),
        ),
        (
            "undefined nested in Output names the path",
            json!({"P": {"Type": "Pass", "End": true, "Output": {"a": [1, {"b": "{% $nope %}"}]}}}),
            "The JSONata expression '$nope' specified for the field 'Output/a[1]/b' returned nothing (undefined).".into(),
        ),
        (
            "undefined in Assign",
            json!({"P": {"Type": "Pass", "End": true, "Assign": {"v": "{% $nope %}"}}}),
            "The JSONata expression '$nope' specified for the field 'Assign/v' returned nothing (undefined).".into(),
        ),
        (
            "undefined in a Task's Arguments",
            json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Arguments": {"Payload": {"id": "{% $states.input.id %}"}}}}),
            "The JSONata expression '$states.input.id' specified for the field 'Arguments/Payload/id' returned nothing (undefined).".into(),
        ),
        (
            "an error while evaluating: jsonata-js's code and message",
            json!({"P": {"Type": "Pass", "End": true, "Output": "{% 'a' + 1 %}"}}),
            "The JSONata expression ''a' + 1' specified for the field 'Output' threw an error during evaluation. T2001: The left side of the \"+\" operator must evaluate to a number".into(),
        ),
        (
            "$eval is refused",
            json!({"P": {"Type": "Pass", "End": true, "Output": "{% $eval('1') %}"}}),
            "The JSONata expression '$eval('1')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function".into(),
        ),
        (
            "Items that is not an array",
            json!({"M": {"Type": "Map", "End": true, "Items": "{% 'x' %}",
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}),
            "The JSONata expression ''x'' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: \"x\"".into(),
        ),
        (
            "a Map's input that is not an array",
            json!({"M": {"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}),
            "Map state input must be an array but was: {\"s\":1}".into(),
        ),
        (
            "ItemSelector",
            json!({"M": {"Type": "Map", "End": true, "Items": [1], "ItemSelector": {"v": "{% $nope %}"},
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}),
            "The JSONata expression '$nope' specified for the field 'ItemSelector/v' returned nothing (undefined).".into(),
        ),
        (
            "Wait Seconds of the wrong type",
            json!({"W": {"Type": "Wait", "End": true, "Seconds": "{% 'soon' %}"}}),
            "The JSONata expression ''soon'' specified for the field 'Seconds' returned an unexpected result type. Expected 'number', but was 'string' for value: \"soon\"".into(),
        ),
        (
            "Wait Seconds below zero",
            json!({"W": {"Type": "Wait", "End": true, "Seconds": "{% -1 %}"}}),
            "The JSONata expression '-1' specified for the field 'Seconds' returned -1, but the field must be a non-negative integer.".into(),
        ),
        (
            "a Timestamp that does not parse",
            json!({"W": {"Type": "Wait", "End": true, "Timestamp": "{% 'tomorrow' %}"}}),
            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: tomorrow".into(),
        ),
        (
            "MaxConcurrency",
            json!({"M": {"Type": "Map", "End": true, "Items": [1], "MaxConcurrency": "{% $nope %}",
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}),
            "The JSONata expression '$nope' specified for the field 'MaxConcurrency' returned nothing (undefined).".into(),
        ),
        (
            "Fail Cause of the wrong type",
            json!({"F": {"Type": "Fail", "Cause": "{% 42 %}"}}),
            "The JSONata expression '42' specified for the field 'Cause' returned an unexpected result type. Expected 'string', but was 'number' for value: 42".into(),
        ),
        (
            "$partition with nothing to partition returns nothing",
            json!({"P": {"Type": "Pass", "End": true, "Output": "{% $partition([], 2) %}"}}),
            "The JSONata expression '$partition([], 2)' specified for the field 'Output' returned nothing (undefined).".into(),
        ),
        (
            "$range against the direction returns nothing",
            json!({"P": {"Type": "Pass", "End": true, "Output": "{% $range(3, 1, 1) %}"}}),
            "The JSONata expression '$range(3, 1, 1)' specified for the field 'Output' returned nothing (undefined).".into(),
        ),
    ];
    for (why, states, cause) in cases {
        let start = states
            .as_object()
            .and_then(|m| m.keys().next().cloned())
            .unwrap_or_default();
        let o = run(jsonata(states, &start), json!({"s": 1}));
        let (error, got) = failed(&o);
        assert_eq!(error, "States.QueryEvaluationError", "{why}");
        assert_eq!(got, format!("{}{cause}", prefix(&start, 2)), "{why}");
    }
}

#[test]
fn a_failed_expression_is_recorded_as_evaluation_failed_and_can_be_caught() {
    let def = jsonata(
        json!({
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Arguments": {"v": "{% $nope %}"},
                "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Caught",
                    "Output": {"error": "{% $states.errorOutput.Error %}", "was": "{% $states.input %}"},
                    "Assign": {"failed": true}}]},
            "Caught": {"Type": "Pass", "End": true, "Output": {"out": "{% $states.input %}", "failed": "{% $failed %}"}}
        }),
        "T",
    );
    let o = run(def, json!({"n": 1}));
    assert_eq!(
        ok(&o),
        json!({"out": {"error": "States.QueryEvaluationError", "was": {"n": 1}}, "failed": true})
    );
    let failed: Vec<_> = o
        .events
        .iter()
        .filter(|e| e.event_type == "EvaluationFailed")
        .collect();
    assert_eq!(failed.len(), 1);
    match &failed[0].details {
        Some(Details::EvaluationFailed {
            error,
            location,
            state,
            ..
        }) => {
            assert_eq!(error, "States.QueryEvaluationError");
            assert_eq!(location.as_deref(), Some("Arguments/v"));
            assert_eq!(state, "T");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        failed[0].previous_event_id, 2,
        "right after TaskStateEntered"
    );
    // A Task that fails for its own reasons records none.
    let plain = run(
        jsonata(
            json!({"FailT": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}),
            "FailT",
        ),
        json!({}),
    );
    assert!(plain
        .events
        .iter()
        .all(|e| e.event_type != "EvaluationFailed"));
    assert_eq!(failed_name(&plain), "Service.Down");
    // Nor does a Fail state raising an error of that name.
    let fail = run(
        jsonata(
            json!({"F": {"Type": "Fail", "Error": "States.QueryEvaluationError", "Cause": "mine"}}),
            "F",
        ),
        json!({}),
    );
    assert!(fail
        .events
        .iter()
        .all(|e| e.event_type != "EvaluationFailed"));
    assert_eq!(failed_name(&fail), "States.QueryEvaluationError");
    // A failed Output of a Pass state records one too, then the execution fails.
    let pass = run(
        jsonata(
            json!({"P": {"Type": "Pass", "End": true, "Output": {"v": "{% $nope %}"}}}),
            "P",
        ),
        json!({}),
    );
    let types: Vec<&str> = pass.events.iter().map(|e| e.event_type).collect();
    assert_eq!(
        types,
        vec![
            "ExecutionStarted",
            "PassStateEntered",
            "EvaluationFailed",
            "ExecutionFailed"
        ]
    );
}

fn failed_name(o: &Outcome) -> String {
    o.error
        .as_ref()
        .map(|e| e.error.clone())
        .unwrap_or_default()
}
