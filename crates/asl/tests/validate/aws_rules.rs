//! Rules AWS enforces at CreateStateMachine, as tables: a definition fragment and the code
//! and pointer the validator must report, each row naming the AWS behaviour it stands for.
//! And the other side: `${Name}` placeholders left in by a template are accepted wherever the
//! substitution can make the definition valid.

use serde_json::{json, Value};
use stepwise_asl::{Code, Diagnostic, Document};

/// A machine whose only state is `state`, named `S`.
fn one_state(state: Value) -> Value {
    json!({"StartAt": "S", "States": {"S": state}})
}

fn errors(v: &Value) -> Vec<Diagnostic> {
    stepwise_asl::validate(v)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[track_caller]
fn assert_table(rows: &[(&str, Value, Code, &str)]) {
    let mut failures = Vec::new();
    for (why, definition, code, pointer) in rows {
        let d = errors(definition);
        if !d.iter().any(|x| x.code == *code && x.pointer == *pointer) {
            failures.push(format!("{why}: expected {code} at {pointer:?}, got {d:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[track_caller]
fn assert_no_errors(rows: &[(&str, Value)]) {
    let mut failures = Vec::new();
    for (why, definition) in rows {
        let d = errors(definition);
        if !d.is_empty() {
            failures.push(format!("{why}: {d:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const FN: &str = "arn:aws:lambda:us-east-1:123456789012:function:Fn";

#[test]
fn duplicate_fields_once_dollar_suffix_is_stripped() {
    // ASL specification, Payload Templates: "A JSON object MUST NOT have duplicate field
    // names after fields ending with the characters .$ are renamed to strip the .$ suffix."
    let rows = [
        (
            "Parameters, top level",
            one_state(json!({"Type": "Task", "Resource": FN, "End": true,
                "Parameters": {"Payload": {}, "Payload.$": "$"}})),
            Code::DuplicateField,
            "/States/S/Parameters/Payload.$",
        ),
        (
            "Parameters, nested object",
            one_state(json!({"Type": "Pass", "End": true,
                "Parameters": {"a": {"b": [{"c.$": "$.x", "c": 1}]}}})),
            Code::DuplicateField,
            "/States/S/Parameters/a/b/0/c",
        ),
        (
            "ResultSelector",
            one_state(json!({"Type": "Task", "Resource": FN, "End": true,
                "ResultSelector": {"x.$": "$.a", "x": 2}})),
            Code::DuplicateField,
            "/States/S/ResultSelector/x",
        ),
        (
            "ItemSelector of a Map",
            one_state(json!({"Type": "Map", "End": true,
                "ItemSelector": {"v.$": "$$.Map.Item.Value", "v": 0},
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}})),
            Code::DuplicateField,
            "/States/S/ItemSelector/v",
        ),
        (
            "the same placeholder key twice",
            one_state(json!({"Type": "Pass", "End": true,
                "Parameters": {"${Key}": 1, "${Key}.$": "$.k"}})),
            Code::DuplicateField,
            "/States/S/Parameters/${Key}.$",
        ),
    ];
    assert_table(&rows);
    assert_no_errors(&[
        (
            "different fields",
            one_state(json!({"Type": "Pass", "End": true,
                "Parameters": {"a": 1, "b.$": "$.b", "c": {"a.$": "$.a"}}})),
        ),
        (
            "two different placeholders may differ once substituted",
            one_state(json!({"Type": "Pass", "End": true,
                "Parameters": {"${A}": 1, "${B}.$": "$.b"}})),
        ),
    ]);
}

#[test]
fn a_value_and_its_path_form_together() {
    // AWS's state references: "you can specify either X or XPath, but not both" (Task
    // TimeoutSeconds/HeartbeatSeconds, Map MaxConcurrency/ToleratedFailure*, ItemReader
    // MaxItems, ItemBatcher MaxItemsPerBatch/MaxInputBytesPerBatch, Fail Error/Cause; a Wait
    // has exactly one of Seconds, SecondsPath, Timestamp, TimestampPath).
    let processor = json!({"StartAt": "P", "States": {"P": {"Type": "Succeed"}}});
    let map = |extra: Value| {
        let mut state = json!({"Type": "Map", "End": true, "ItemProcessor": processor.clone()});
        if let (Some(s), Value::Object(e)) = (state.as_object_mut(), extra) {
            s.extend(e);
        }
        one_state(state)
    };
    let rows = [
        (
            "Task TimeoutSeconds + TimeoutSecondsPath",
            one_state(json!({"Type": "Task", "Resource": FN, "End": true,
                "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t"})),
            Code::MutuallyExclusive,
            "/States/S",
        ),
        (
            "Task HeartbeatSeconds + HeartbeatSecondsPath",
            one_state(json!({"Type": "Task", "Resource": FN, "End": true,
                "HeartbeatSeconds": 5, "HeartbeatSecondsPath": "$.h"})),
            Code::MutuallyExclusive,
            "/States/S",
        ),
        (
            "Map MaxConcurrency + MaxConcurrencyPath",
            map(json!({"MaxConcurrency": 2, "MaxConcurrencyPath": "$.m"})),
            Code::MutuallyExclusive,
            "/States/S",
        ),
        (
            "Map ToleratedFailureCount + Path",
            map(json!({"ToleratedFailureCount": 2, "ToleratedFailureCountPath": "$.m"})),
            Code::MutuallyExclusive,
            "/States/S",
        ),
        (
            "Map ToleratedFailurePercentage + Path",
            map(json!({"ToleratedFailurePercentage": 2, "ToleratedFailurePercentagePath": "$.m"})),
            Code::MutuallyExclusive,
            "/States/S",
        ),
        (
            "ItemReader ReaderConfig MaxItems + MaxItemsPath",
            map(
                json!({"ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "JSON", "MaxItems": 10, "MaxItemsPath": "$.n"}}}),
            ),
            Code::MutuallyExclusive,
            "/States/S/ItemReader/ReaderConfig",
        ),
        (
            "ItemBatcher MaxItemsPerBatch + Path",
            map(json!({"ItemBatcher": {"MaxItemsPerBatch": 10, "MaxItemsPerBatchPath": "$.n"}})),
            Code::MutuallyExclusive,
            "/States/S/ItemBatcher",
        ),
        (
            "ItemBatcher MaxInputBytesPerBatch + Path",
            map(
                json!({"ItemBatcher": {"MaxInputBytesPerBatch": 10, "MaxInputBytesPerBatchPath": "$.n"}}),
            ),
            Code::MutuallyExclusive,
            "/States/S/ItemBatcher",
        ),
        (
            "Wait Seconds + SecondsPath",
            one_state(json!({"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true})),
            Code::WaitTiming,
            "/States/S",
        ),
        (
            "Wait Timestamp + TimestampPath",
            one_state(
                json!({"Type": "Wait", "Timestamp": "2026-01-01T00:00:00Z", "TimestampPath": "$.t", "End": true}),
            ),
            Code::WaitTiming,
            "/States/S",
        ),
        (
            "Fail Error + ErrorPath",
            one_state(json!({"Type": "Fail", "Error": "E", "ErrorPath": "$.e"})),
            Code::MutuallyExclusive,
            "/States/S",
        ),
        (
            "Fail Cause + CausePath",
            one_state(json!({"Type": "Fail", "Cause": "C", "CausePath": "$.c"})),
            Code::MutuallyExclusive,
            "/States/S",
        ),
    ];
    assert_table(&rows);
}

#[test]
fn malformed_resource_arns() {
    // AWS: INVALID_RESOURCE, "The value of a Task-state resource field is invalid" (API
    // reference, ValidateStateMachineDefinitionDiagnostic); formats from the Lambda API
    // reference (function name [a-zA-Z0-9-_]{1,64}, qualifier $LATEST|version|alias) and the
    // Step Functions guide (activities, arn:aws:states:::service:action[.sync|.sync:2|
    // .waitForTaskToken]).
    let task = |r: &str| one_state(json!({"Type": "Task", "Resource": r, "End": true}));
    let bad = [
        "arn:aws:lambda:us-east-1:123456789012:function:Fn:",
        "arn:aws:lambda:us-east-1:123456789012:function:Fn:bad$alias",
        "arn:aws:lambda:us-east-1:123456789012:function:F n",
        "arn:aws:lambda:us-east-1:123456789012:function",
        "arn:aws:lambda:us-east-1:123456789012:function:Fn:1:2",
        "arn:aws:states:::lambda:invoke.later",
        "arn:aws:states:::sqs",
        "arn:aws:states:us-east-1:123456789012:activity:",
        "arn:${AWS::Partition}:states:::batch:submit_job.sync",
        "MyFunction",
    ];
    let rows: Vec<(&str, Value, Code, &str)> = bad
        .iter()
        .map(|r| (*r, task(r), Code::InvalidResource, "/States/S/Resource"))
        .collect();
    assert_table(&rows);
    let good = [
        "arn:aws:lambda:us-east-1:123456789012:function:Fn:$LATEST",
        "arn:aws:lambda:us-east-1:123456789012:function:Fn:7",
        "arn:aws:lambda:us-east-1:123456789012:function:Fn:live",
        "arn:aws:states:us-east-1:123456789012:activity:review",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "arn:aws:states:::aws-sdk:dynamodb:getItem",
        // Placeholders: CloudFormation pseudo parameters are known, others are not.
        "${ProcessFunctionArn}",
        "arn:${partition}:states:::batch:submitJob.sync",
        "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}",
        "arn:aws:states:${AWS::Region}:${AWS::AccountId}:activity:${ActivityName}",
    ];
    let rows: Vec<(&str, Value)> = good.iter().map(|r| (*r, task(r))).collect();
    assert_no_errors(&rows);
}

#[test]
fn intrinsic_literal_arguments_of_the_wrong_type() {
    // asl-validator's invalid-math-add.json: "MathAdd arguments must be paths or numbers";
    // the argument types are the AWS guide's (Intrinsic functions for JSONPath states).
    let pass =
        |expr: &str| one_state(json!({"Type": "Pass", "End": true, "Parameters": {"v.$": expr}}));
    let rows: Vec<(&str, Value, Code, &str)> = [
        "States.MathAdd(1, '-1')",
        "States.ArrayRange('a', 2, 1)",
        "States.StringToJson(3)",
        "States.ArrayLength('abc')",
        "States.JsonMerge($.a, $.b, 'false')",
    ]
    .iter()
    .map(|e| {
        (
            *e,
            pass(e),
            Code::IntrinsicArgType,
            "/States/S/Parameters/v.$",
        )
    })
    .collect();
    assert_table(&rows);
    assert_no_errors(&[
        (
            "paths are typed at run time",
            pass("States.MathAdd($.a, $.b)"),
        ),
        ("numbers", pass("States.MathAdd(1, -1)")),
        (
            "a nested call's result",
            pass("States.ArrayLength(States.StringSplit($.s, ','))"),
        ),
    ]);
}

#[test]
fn placeholders_stand_for_values_of_the_right_type() {
    let rows = [
        (
            "number fields holding one placeholder",
            json!({"StartAt": "W", "TimeoutSeconds": "${MachineTimeout}", "States": {
                "W": {"Type": "Wait", "Seconds": "${ReminderTimeout}", "Next": "T"},
                "T": {"Type": "Task", "Resource": "${Fn}", "TimeoutSeconds": "${T}",
                      "HeartbeatSeconds": "${H}",
                      "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": "${I}",
                                 "MaxAttempts": "${A}", "BackoffRate": "${B}", "MaxDelaySeconds": "${D}"}],
                      "Next": "M"},
                "M": {"Type": "Map", "MaxConcurrency": "${C}", "ToleratedFailureCount": "${F}",
                      "ToleratedFailurePercentage": "${P}",
                      "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}},
                      "Next": "C"},
                "C": {"Type": "Choice", "Choices": [
                        {"Variable": "$.n", "NumericGreaterThan": "${Limit}", "Next": "E"},
                        {"Variable": "$.b", "BooleanEquals": "${Flag}", "Next": "E"}],
                      "Default": "E"},
                "E": {"Type": "Pass", "End": "${IsEnd}"}
            }}),
        ),
        (
            "a placeholder in a path and a timestamp",
            json!({"StartAt": "P", "States": {
                "P": {"Type": "Pass", "Parameters": {"S.$": "$.${PartitionKey}", "i.$": "$.items[${Index}]"},
                      "Next": "W"},
                "W": {"Type": "Wait", "Timestamp": "${Deadline}", "Next": "C"},
                "C": {"Type": "Choice", "Choices": [
                        {"Variable": "$.t", "TimestampLessThan": "${Cutoff}", "Next": "F"}],
                      "Default": "F"},
                "F": {"Type": "Pass", "Parameters": {"m.$": "States.Format('{} in ${AWS::Region}', ${Name})"},
                      "End": true}
            }}),
        ),
        (
            "a placeholder in a JSONata expression",
            json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                "P": {"Type": "Pass", "Output": "{% $states.input.${Key} & '-' & ${Suffix} %}", "End": true}
            }}),
        ),
    ];
    assert_no_errors(&rows);
    // The typed model is there for the canvas and the inspector.
    for (why, v) in &rows {
        let doc = Document::from_value(v.clone(), stepwise_asl::SourceFormat::Json, 0);
        assert!(doc.machine().is_some(), "{why}: {:?}", doc.model_error());
    }
    // A placeholder with text around it is not a number.
    assert_table(&[(
        "text around the placeholder",
        one_state(json!({"Type": "Wait", "Seconds": "${S}s", "End": true})),
        Code::WrongType,
        "/States/S/Seconds",
    )]);
}

#[test]
fn unquoted_word_in_a_filter_is_a_warning() {
    // AWS accepted `$[?(@.TargetLanguageCode==es)]` (aws-samples parallel-translate deploys
    // with it); Jayway JsonPath cannot compile it, so it is a warning, not an error.
    let v = one_state(json!({"Type": "Pass", "End": true,
        "Parameters": {"es.$": "$[?(@.TargetLanguageCode==es)].TranslatedText"}}));
    let d = stepwise_asl::validate(&v);
    assert!(d.iter().all(|x| !x.is_error()), "{d:#?}");
    assert!(
        d.iter()
            .any(|x| x.code == Code::UnquotedFilterString
                && x.pointer == "/States/S/Parameters/es.$"),
        "{d:#?}"
    );
}
