use super::*;
use serde_json::json;

fn machine(v: Value) -> StateMachine {
    StateMachine::from_value(&v).expect("machine")
}

fn paths(shape: &ResultShape) -> Vec<&str> {
    shape.reads.iter().map(|r| r.path.as_str()).collect()
}

#[test]
fn lambda_invoke_wraps_the_fields_read_in_payload() {
    let sm = machine(json!({
        "StartAt": "Validate",
        "States": {
            "Validate": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "validate", "Payload.$": "$"},
                "ResultSelector": {"valid.$": "$.Payload.valid", "reasons.$": "$.Payload.reasons"},
                "ResultPath": "$.validation",
                "Next": "Valid?"
            },
            "Valid?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.validation.valid", "BooleanEquals": true, "Next": "Done"}],
                "Default": "Done"
            },
            "Done": {"Type": "Succeed"}
        }
    }));
    let shape = result_shape(&sm, "Validate").expect("a Task");
    assert_eq!(shape.wrapper, Some(Wrapper::LambdaInvoke));
    assert_eq!(paths(&shape), vec!["$.Payload.valid", "$.Payload.reasons"]);
    assert_eq!(
        shape.reads[0].readers,
        vec![
            "ResultSelector \"valid.$\"".to_string(),
            "Choice \"Valid?\" rule 1 ($.validation.valid BooleanEquals true)".to_string()
        ]
    );
    let t = &shape.template;
    // AWS's wrapper, with the function's result in Payload; the Choice's rule gives the type.
    assert_eq!(t["Payload"], json!({"valid": true, "reasons": null}));
    assert_eq!(t["StatusCode"], json!(200));
    assert_eq!(t["ExecutedVersion"], json!("$LATEST"));
    assert_eq!(t["SdkHttpMetadata"]["HttpStatusCode"], json!(200));
    assert!(t["SdkResponseMetadata"]["RequestId"].is_string());
    assert!(shape.reads.iter().all(|r| r.problem.is_none()));
}

#[test]
fn without_result_selector_the_next_state_reads_through_result_path() {
    let sm = machine(json!({
        "StartAt": "Score",
        "States": {
            "Score": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                "Parameters": {"FunctionName": "score", "Payload": {"token.$": "$$.Task.Token"}},
                "ResultPath": "$.score",
                "Next": "High?"
            },
            "High?": {
                "Type": "Choice",
                "Choices": [
                    {"And": [
                        {"Variable": "$.score.value", "NumericGreaterThan": 80},
                        {"Not": {"Variable": "$.score.flag", "StringEquals": "hold"}}
                    ], "Next": "Done"},
                    {"Variable": "$.other", "IsPresent": true, "Next": "Done"}
                ],
                "Default": "Done"
            },
            "Done": {"Type": "Succeed"}
        }
    }));
    let shape = result_shape(&sm, "Score").expect("a Task");
    // A callback task returns what SendTaskSuccess sends: no wrapper.
    assert_eq!(shape.wrapper, None);
    assert_eq!(paths(&shape), vec!["$.value", "$.flag"]);
    // The rule under Not gives no example: "hold" would not take that rule.
    assert_eq!(shape.template, json!({"value": 80, "flag": null}));
}

#[test]
fn output_path_assign_and_the_next_tasks_parameters_are_traced() {
    let sm = machine(json!({
        "StartAt": "Load",
        "States": {
            "Load": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:getItem",
                "Parameters": {"TableName": "t", "Key": {"id": {"S": "1"}}},
                "ResultSelector": {"item.$": "$.Item", "fixed": 1, "nested": {"n.$": "$.Count"}},
                "Assign": {"seen.$": "$.item.seen.BOOL"},
                "ResultPath": "$.loaded",
                "OutputPath": "$.loaded",
                "Next": "Use"
            },
            "Use": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {
                    "Message.$": "States.Format('{} {}', $.item.name.S, $.nested.n)",
                    "Fixed.$": "$.fixed",
                    "Ctx.$": "$$.Execution.Id"
                },
                "End": true
            }
        }
    }));
    let shape = result_shape(&sm, "Load").expect("a Task");
    assert_eq!(
        paths(&shape),
        vec!["$.Item", "$.Count", "$.Item.seen.BOOL", "$.Item.name.S"]
    );
    assert_eq!(
        shape.template,
        json!({"Item": {"seen": {"BOOL": null}, "name": {"S": null}}, "Count": null})
    );
    assert_eq!(
        shape.reads[3].readers,
        vec!["\"Use\" Parameters \"Message.$\"".to_string()]
    );
}

#[test]
fn a_discarded_result_is_read_by_its_selector_only() {
    let sm = machine(json!({
        "StartAt": "Fire",
        "States": {
            "Fire": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fire",
                "ResultPath": null,
                "Next": "Check"
            },
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Done"},
            "Done": {"Type": "Succeed"}
        }
    }));
    let shape = result_shape(&sm, "Fire").expect("a Task");
    assert!(shape.reads.is_empty());
    assert_eq!(shape.template, json!({}));
    assert_eq!(shape.wrapper, None);
}

#[test]
fn reading_a_lambda_invoke_result_without_payload_is_a_problem() {
    let sm = machine(json!({
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "f"},
                "ResultSelector": {"ok.$": "$.ok", "code.$": "$.StatusCode"},
                "End": true
            }
        }
    }));
    let shape = result_shape(&sm, "Call").expect("a Task");
    assert_eq!(paths(&shape), vec!["$.ok", "$.StatusCode"]);
    assert_eq!(
        shape.reads[0].problem.as_deref(),
        Some("lambda:invoke returns the function's result in Payload: read $.Payload.ok instead")
    );
    assert_eq!(shape.reads[1].problem, None);
    assert!(shape.template.get("ok").is_none());
    assert_eq!(shape.template["Payload"], json!({}));
}

#[test]
fn tasks_in_branches_are_found_and_other_states_are_not_tasks() {
    let sm = machine(json!({
        "StartAt": "Fan",
        "States": {
            "Fan": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "Inner", "States": {
                    "Inner": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "Next": "Wait"},
                    "Wait": {"Type": "Wait", "SecondsPath": "$.Payload.delay", "End": true}
                }}],
                "End": true
            }
        }
    }));
    let shape = result_shape(&sm, "Inner").expect("a nested Task");
    assert_eq!(paths(&shape), vec!["$.Payload.delay"]);
    assert_eq!(shape.template["Payload"], json!({"delay": null}));
    assert!(result_shape(&sm, "Fan").is_none());
    assert!(result_shape(&sm, "Nope").is_none());
}
