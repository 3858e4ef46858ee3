//! Validator behaviour that the corpus does not show on its own: every problem reported at
//! once with precise pointers, and hostile input handled without a panic.

use serde_json::{json, Value};
use stepwise_asl::{Code, Diagnostic, Document, Severity};

mod aws_rules;
mod jsonata;

fn diagnostics(v: &Value) -> Vec<Diagnostic> {
    stepwise_asl::validate(v)
}

fn has(d: &[Diagnostic], code: Code, pointer: &str) -> bool {
    d.iter().any(|x| x.code == code && x.pointer == pointer)
}

#[track_caller]
fn assert_has(d: &[Diagnostic], code: Code, pointer: &str) {
    assert!(
        has(d, code, pointer),
        "expected {code} at {pointer:?}, got:\n{d:#?}"
    );
}

#[test]
fn a_valid_machine_has_no_diagnostics() {
    let v = json!({
        "Comment": "ok",
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "Next": "B"},
            "B": {"Type": "Choice", "Choices": [{"Variable": "$.r.x", "NumericEquals": 1, "Next": "C"}], "Default": "D"},
            "C": {"Type": "Succeed"},
            "D": {"Type": "Fail", "Error": "E", "Cause": "c"}
        }
    });
    assert_eq!(diagnostics(&v), vec![]);
}

#[test]
fn reports_every_problem_at_once() {
    let v = json!({
        "StartAt": "A",
        "States": {
            "A": {"Type": "Task", "Resource": 5, "Next": "Nowhere"},
            "B": {"Type": "Wait", "Next": "A"},
            "C": {"Type": "Pass", "End": true, "Retry": []}
        }
    });
    let d = diagnostics(&v);
    assert_has(&d, Code::WrongType, "/States/A/Resource");
    assert_has(&d, Code::NextNotFound, "/States/A/Next");
    assert_has(&d, Code::WaitTiming, "/States/B");
    assert_has(&d, Code::FieldNotAllowed, "/States/C/Retry");
    assert_has(&d, Code::UnreachableState, "/States/B");
    assert_has(&d, Code::UnreachableState, "/States/C");
}

#[test]
fn pointers_escape_slash_and_tilde_in_state_names() {
    let v = json!({"StartAt": "a/b~c", "States": {"a/b~c": {"Type": "Pass", "Next": "missing"}}});
    let d = diagnostics(&v);
    assert_has(&d, Code::NextNotFound, "/States/a~1b~0c/Next");
}

#[test]
fn next_into_another_branch_is_out_of_scope() {
    let v = json!({
        "StartAt": "P",
        "States": {
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}
            ]}
        }
    });
    let d = diagnostics(&v);
    assert_has(
        &d,
        Code::NextOutOfScope,
        "/States/P/Branches/0/States/A/Next",
    );
}

#[test]
fn duplicate_names_across_branches() {
    let v = json!({
        "StartAt": "P",
        "States": {
            "P": {"Type": "Parallel", "Next": "X", "Branches": [
                {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}
            ]},
            "X": {"Type": "Succeed"}
        }
    });
    let d = diagnostics(&v);
    assert_has(&d, Code::DuplicateStateName, "/States/X");
}

#[test]
fn loop_without_exit_is_a_warning_only() {
    // The machine can end (C), so AWS accepts it; the A-B loop never ends once entered.
    let v = json!({
        "StartAt": "S",
        "States": {
            "S": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "A"}], "Default": "C"},
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Wait", "Seconds": 1, "Next": "A"},
            "C": {"Type": "Succeed"}
        }
    });
    let d = diagnostics(&v);
    assert!(d.iter().all(|x| x.severity == Severity::Warning), "{d:#?}");
    assert_has(&d, Code::NoTerminalPath, "/States/A");
    assert_has(&d, Code::NoTerminalPath, "/States/B");
}

#[test]
fn no_terminal_state_at_all_is_missing_end_state() {
    // AWS: MISSING_END_STATE, "The workflow does not have a terminal state" (Step Functions
    // API reference, ValidateStateMachineDefinitionDiagnostic), for the machine and for each
    // Parallel branch and Map processor.
    let v = json!({
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Wait", "Seconds": 1, "Next": "A"}
        }
    });
    let d = diagnostics(&v);
    assert_has(&d, Code::MissingEndState, "/States");
    assert!(d.iter().all(|x| x.code != Code::NoTerminalPath), "{d:#?}");
    assert!(d
        .iter()
        .any(|x| x.is_error() && x.message.contains("MISSING_END_STATE")));
    // A Next to a state not written yet is that problem only: the missing state may end.
    let v = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}});
    let d = diagnostics(&v);
    assert_has(&d, Code::NextNotFound, "/States/A/Next");
    assert!(d.iter().all(|x| x.code != Code::MissingEndState), "{d:#?}");
}

#[test]
fn choice_rules_shapes_and_operands() {
    let v = json!({
        "StartAt": "C",
        "States": {
            "C": {"Type": "Choice", "Default": "E", "Choices": [
                {"Variable": "$.n", "NumericEquals": "3", "Next": "E"},
                {"Variable": "$.n", "NumericEquals": 3, "StringEquals": "x", "Next": "E"},
                {"Not": {"Variable": "$.b", "BooleanEquals": true, "Next": "E"}, "Next": "E"},
                {"Variable": "$.t", "TimestampEquals": "yesterday", "Next": "E"},
                {"Variable": "$.s", "StringEquals": "x"}
            ]},
            "E": {"Type": "Succeed"}
        }
    });
    let d = diagnostics(&v);
    assert_has(
        &d,
        Code::ChoiceOperandType,
        "/States/C/Choices/0/NumericEquals",
    );
    assert_has(&d, Code::InvalidChoiceRule, "/States/C/Choices/1");
    assert_has(&d, Code::InvalidChoiceRule, "/States/C/Choices/2/Not");
    assert_has(
        &d,
        Code::InvalidTimestamp,
        "/States/C/Choices/3/TimestampEquals",
    );
    assert_has(&d, Code::MissingField, "/States/C/Choices/4");
}

#[test]
fn retry_and_catch_rules() {
    let v = json!({
        "StartAt": "T",
        "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true,
                "Retry": [
                    {"ErrorEquals": ["States.ALL"]},
                    {"ErrorEquals": ["States.Timeout", "States.ALL"], "MaxAttempts": -1, "BackoffRate": 0.5, "JitterStrategy": "SOME"}
                ],
                "Catch": [{"ErrorEquals": ["States.ALL"]}]
            }
        }
    });
    let d = diagnostics(&v);
    assert_has(
        &d,
        Code::StatesAllPosition,
        "/States/T/Retry/0/ErrorEquals/0",
    );
    assert_has(
        &d,
        Code::StatesAllPosition,
        "/States/T/Retry/1/ErrorEquals/1",
    );
    assert_has(&d, Code::InvalidValue, "/States/T/Retry/1/MaxAttempts");
    assert_has(&d, Code::InvalidValue, "/States/T/Retry/1/BackoffRate");
    assert_has(&d, Code::InvalidValue, "/States/T/Retry/1/JitterStrategy");
    assert_has(&d, Code::MissingField, "/States/T/Catch/0");
}

#[test]
fn query_language_field_sets() {
    let v = json!({
        "QueryLanguage": "JSONata",
        "StartAt": "T",
        "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {}, "Output": "{% $states.result %}", "Next": "P"},
            "P": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}
        }
    });
    let d = diagnostics(&v);
    assert_has(&d, Code::FieldNotInQueryLanguage, "/States/T/Parameters");
    assert_has(&d, Code::InvalidQueryLanguage, "/States/P/QueryLanguage");
    let v = json!({"StartAt": "T", "States": {"T": {"Type": "Pass", "Output": {}, "End": true}}});
    assert_has(
        &diagnostics(&v),
        Code::FieldNotInQueryLanguage,
        "/States/T/Output",
    );
}

#[test]
fn timeouts() {
    let v = json!({
        "StartAt": "T",
        "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
            "TimeoutSeconds": 10, "HeartbeatSeconds": 10}}
    });
    assert_has(
        &diagnostics(&v),
        Code::InvalidTimeout,
        "/States/T/HeartbeatSeconds",
    );
    let v = json!({
        "StartAt": "T",
        "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
            "TimeoutSeconds": 0, "TimeoutSecondsPath": "$.t"}}
    });
    let d = diagnostics(&v);
    assert_has(&d, Code::InvalidTimeout, "/States/T/TimeoutSeconds");
    assert_has(&d, Code::MutuallyExclusive, "/States/T");
}

#[test]
fn wrong_types_everywhere_never_panic() {
    let samples = [
        json!(null),
        json!([]),
        json!("StartAt"),
        json!({"StartAt": 1, "States": []}),
        json!({"StartAt": "A", "States": {"A": []}}),
        json!({"StartAt": "A", "States": {"A": {"Type": 7}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": {"x": 1}, "Default": 3}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [1, null, [], {"And": 5, "Next": 1}]}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": [1, {"StartAt": [], "States": 1}], "End": "yes"}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": 1, "StartAt": "B", "States": {"B": 1}}, "Next": 1}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::x", "Retry": [1, {"ErrorEquals": "x"}], "Catch": {"a": 1}, "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"a.$": 1, "b.$": "States.Nope(", "c": [{"d.$": "no path"}]}, "Assign": [], "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": -1, "Timestamp": 5, "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": 1, "CausePath": 2}}}),
    ];
    for v in samples {
        let d = diagnostics(&v);
        assert!(d.iter().any(Diagnostic::is_error), "no error for {v}");
        // The typed model must refuse (or accept) without panicking too.
        let _ = stepwise_asl::StateMachine::from_value(&v);
    }
}

#[test]
fn hostile_files_are_errors_not_crashes() {
    for bytes in [
        &b""[..],
        b"   ",
        b"\xff\xfe\x00",
        b"{\"StartAt\": ",
        b"not json at all: [",
        b"[1, 2",
    ] {
        assert!(
            Document::parse(bytes, None).is_err(),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    let deep = format!("{{\"StartAt\":\"A\",\"States\":{{\"A\":{{\"Type\":\"Pass\",\"End\":true,\"Result\":{}1{}}}}}}}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(Document::parse(deep.as_bytes(), None).is_err());
}

#[test]
fn fifty_megabytes_is_reported_as_too_large() {
    // 50 MB of states: parsed and validated without running out of stack or time, and
    // reported as larger than AWS's 1 MiB limit.
    let mut s = String::from("{\"StartAt\":\"S0\",\"States\":{");
    let n = 400_000;
    for i in 0..n {
        let next = if i + 1 == n {
            "\"End\":true".to_string()
        } else {
            format!("\"Next\":\"S{}\"", i + 1)
        };
        s.push_str(&format!(
            "\"S{i}\":{{\"Type\":\"Pass\",\"Comment\":\"{}\",{next}}}",
            "x".repeat(80)
        ));
        if i + 1 < n {
            s.push(',');
        }
    }
    s.push_str("}}");
    assert!(s.len() > 50_000_000, "{}", s.len());
    let doc = Document::parse(s.as_bytes(), None).expect("parses");
    assert_eq!(
        doc.diagnostics.first().map(|d| d.code),
        Some(Code::DefinitionTooLarge)
    );
    assert_eq!(doc.states().len(), n);
}
