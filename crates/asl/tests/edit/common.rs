//! What every edit test uses: applying an edit (or expecting a refusal), validating the result, and
//! the machines the tests start from.

use serde_json::{json, Value};
use stepwise_asl::edit::{apply, Edit, EditError, EditOutcome};
use stepwise_asl::{Code, Diagnostic};

#[track_caller]
pub fn edit(v: &mut Value, e: Edit) -> EditOutcome {
    match apply(v, &e) {
        Ok(o) => o,
        Err(err) => panic!("{e:?} failed: {err}"),
    }
}

#[track_caller]
pub fn refuse(v: &mut Value, e: Edit) -> EditError {
    let before = v.clone();
    let err = apply(v, &e).expect_err("the edit should fail");
    assert_eq!(
        *v, before,
        "a failed edit must leave the definition unchanged"
    );
    err
}

pub fn errors(v: &Value) -> Vec<Diagnostic> {
    stepwise_asl::validate(v)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[track_caller]
pub fn assert_valid(v: &Value) {
    let errs = errors(v);
    assert!(
        errs.is_empty(),
        "expected no errors, got {errs:#?}\nin {v:#}"
    );
}

/// Valid but for states nothing leads to yet (a new or copied state).
#[track_caller]
pub fn assert_valid_but_unreachable(v: &Value, unreachable: &[&str]) {
    let errs = errors(v);
    let other: Vec<_> = errs
        .iter()
        .filter(|d| d.code != Code::UnreachableState)
        .collect();
    assert!(other.is_empty(), "unexpected errors {other:#?}\nin {v:#}");
    let mut got: Vec<&str> = errs.iter().map(|d| d.pointer.as_str()).collect();
    got.sort_unstable();
    let mut want = unreachable.to_vec();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[track_caller]
pub fn keys(v: &Value, pointer: &str) -> Vec<String> {
    v.pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no object at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

pub fn s(x: &str) -> String {
    x.to_string()
}

pub fn pass() -> Value {
    json!({"Type": "Pass"})
}

/// A → B → C, with a Comment and an unknown field kept through edits.
pub fn chain() -> Value {
    json!({
        "Comment": "chain",
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C", "Comment": "keep me"},
            "C": {"Type": "Pass", "Result": 1, "End": true}
        },
        "TimeoutSeconds": 60
    })
}

/// A Parallel with two branches, then a Succeed.
pub fn parallel() -> Value {
    json!({
        "StartAt": "Fork",
        "States": {
            "Fork": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "B1", "States": {
                        "B1": {"Type": "Pass", "Next": "B2"},
                        "B2": {"Type": "Pass", "End": true}}},
                    {"StartAt": "C1", "States": {"C1": {"Type": "Pass", "End": true}}}
                ],
                "Next": "Done"
            },
            "Done": {"Type": "Succeed"}
        }
    })
}

/// A Map whose processor is a two-state chain.
pub fn map() -> Value {
    json!({
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "I1",
                    "States": {
                        "I1": {"Type": "Pass", "Next": "I2"},
                        "I2": {"Type": "Pass", "End": true}
                    }
                },
                "End": true
            }
        }
    })
}

/// A Choice with two rules, a Default, and a Task with catchers.
pub fn branching() -> Value {
    json!({
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Next": "Pick",
                "Catch": [
                    {"ErrorEquals": ["States.Timeout"], "Next": "Oops"},
                    {"ErrorEquals": ["States.ALL"], "Next": "Oops"}
                ]
            },
            "Pick": {
                "Type": "Choice",
                "Choices": [
                    {"Variable": "$.n", "NumericGreaterThan": 3, "Next": "Big"},
                    {"Not": {"Variable": "$.n", "IsNull": true}, "Next": "Small"}
                ],
                "Default": "Small"
            },
            "Big": {"Type": "Succeed"},
            "Small": {"Type": "Succeed"},
            "Oops": {"Type": "Fail", "Error": "E"}
        }
    })
}
