//! Histories saved as AWS's `get-execution-history` JSON and opened again for replay.

use super::*;

#[test]
fn a_saved_history_is_aws_json_and_opens_again_for_replay() {
    let (_dir, runs) = runs();
    let (w, end) = run_order(&runs, "HappyPath");
    let text = runs.history_json(&end.summary.id).expect("history");
    let v: Value = serde_json::from_str(&text).expect("json");
    let events = v["events"].as_array().expect("events");
    let first = &events[0];
    assert_eq!(first["type"], "ExecutionStarted");
    assert_eq!(first["id"], 1);
    assert_eq!(first["previousEventId"], 0);
    assert!(first["timestamp"]
        .as_str()
        .is_some_and(|t| t.ends_with("+00:00")));
    assert!(first["executionStartedEventDetails"]["input"].is_string());
    let def = order();
    let record = runs
        .import(
            Subject {
                origin: example(),
                definition: &def,
            },
            "saved.history.json",
            &text,
        )
        .expect("import");
    assert_eq!(record.summary.origin, RunOrigin::Imported);
    assert_eq!(record.summary.status, RunStatus::Succeeded);
    let live = w.events.lock().unwrap().clone();
    assert_eq!(record.events.len(), live.len());
    for (a, b) in record.events.iter().zip(live.iter()) {
        assert_eq!(
            (a.id, &a.event_type, &a.state),
            (b.id, &b.event_type, &b.state)
        );
    }
    assert_eq!(runs.list(&example()).expect("list").len(), 2);
    let other = json!({"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}});
    let wrong = runs.import(
        Subject {
            origin: example(),
            definition: &other,
        },
        "saved.history.json",
        &text,
    );
    let wrong = wrong.expect_err("another machine's history");
    assert_eq!(wrong.code(), ErrorCode::BadFile);
    assert!(wrong.to_string().contains("'Validate Order'"));
    let bad = runs.import(
        Subject {
            origin: example(),
            definition: &def,
        },
        "x",
        "{\"events\": [{\"id\": 1}]}",
    );
    let bad = bad.expect_err("not a history");
    assert_eq!(bad.code(), ErrorCode::BadFile);
    assert!(bad.to_string().contains("/events/0"));
}

/// Each member of AWS's `HistoryEvent` details types (Step Functions API reference) and the
/// JSON type AWS gives it.
fn aws_details_fields(key: &str) -> Option<&'static [(&'static str, &'static str)]> {
    const ERR: &[(&str, &str)] = &[("error", "string"), ("cause", "string")];
    const TASK_ERR: &[(&str, &str)] = &[
        ("resourceType", "string"),
        ("resource", "string"),
        ("error", "string"),
        ("cause", "string"),
    ];
    const ITERATION: &[(&str, &str)] = &[("name", "string"), ("index", "number")];
    Some(match key {
        "executionStartedEventDetails" => &[
            ("input", "string"),
            ("inputDetails", "object"),
            ("roleArn", "string"),
            ("stateMachineAliasArn", "string"),
            ("stateMachineVersionArn", "string"),
        ],
        "executionSucceededEventDetails" => &[("output", "string"), ("outputDetails", "object")],
        "executionFailedEventDetails"
        | "executionAbortedEventDetails"
        | "executionTimedOutEventDetails" => ERR,
        "executionRedrivenEventDetails" => &[("redriveCount", "number")],
        "stateEnteredEventDetails" => &[
            ("name", "string"),
            ("input", "string"),
            ("inputDetails", "object"),
        ],
        "stateExitedEventDetails" => &[
            ("name", "string"),
            ("output", "string"),
            ("outputDetails", "object"),
            ("assignedVariables", "object"),
            ("assignedVariablesDetails", "object"),
        ],
        "taskScheduledEventDetails" => &[
            ("resourceType", "string"),
            ("resource", "string"),
            ("region", "string"),
            ("parameters", "string"),
            ("timeoutInSeconds", "number"),
            ("heartbeatInSeconds", "number"),
            ("taskCredentials", "object"),
        ],
        "taskStartedEventDetails" => &[("resourceType", "string"), ("resource", "string")],
        "taskSucceededEventDetails" => &[
            ("resourceType", "string"),
            ("resource", "string"),
            ("output", "string"),
            ("outputDetails", "object"),
        ],
        "taskFailedEventDetails" | "taskTimedOutEventDetails" => TASK_ERR,
        "mapStateStartedEventDetails" => &[("length", "number")],
        "mapIterationStartedEventDetails"
        | "mapIterationSucceededEventDetails"
        | "mapIterationFailedEventDetails"
        | "mapIterationAbortedEventDetails" => ITERATION,
        "mapRunStartedEventDetails" => &[("mapRunArn", "string")],
        "mapRunFailedEventDetails" => ERR,
        _ => return None,
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Object(_) => "object",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Null => "null",
    }
}

/// Checks a saved history against AWS's `GetExecutionHistory` output, member by member.
fn assert_aws_history(text: &str) {
    let v: Value = serde_json::from_str(text).expect("json");
    let obj = v.as_object().expect("an object");
    assert_eq!(
        obj.keys().collect::<Vec<_>>(),
        ["events"],
        "only `events`, as the CLI prints it"
    );
    for (i, e) in v["events"].as_array().expect("events").iter().enumerate() {
        let e = e.as_object().expect("an event object");
        assert_eq!(e["id"], json!(i + 1));
        assert!(e["previousEventId"].as_u64().is_some_and(|p| p <= i as u64));
        assert!(e["type"].is_string());
        let ts = e["timestamp"].as_str().expect("timestamp");
        assert!(stepwise_asl::timestamp::parse_millis(ts).is_some(), "{ts}");
        for (key, value) in e {
            if ["id", "previousEventId", "type", "timestamp"].contains(&key.as_str()) {
                continue;
            }
            let fields = aws_details_fields(key)
                .unwrap_or_else(|| panic!("event {}: {key} is not an AWS member", i + 1));
            for (field, v) in value.as_object().expect("details object") {
                let (_, ty) = fields
                    .iter()
                    .find(|(f, _)| f == field)
                    .unwrap_or_else(|| panic!("{key}.{field} is not in AWS's {key}"));
                assert_eq!(json_type(v), *ty, "{key}.{field}");
                if field.ends_with("Details") && field != "assignedVariablesDetails" {
                    assert_eq!(v, &json!({"truncated": false}), "{key}.{field}");
                }
            }
        }
    }
}

#[test]
fn saved_histories_match_aws_get_execution_history_member_by_member() {
    let (_dir, runs) = runs();
    for case in [
        "HappyPath",
        "PaymentDeclined",
        "GatewayDown",
        "ConfirmationDenied",
    ] {
        let (_, end) = run_order(&runs, case);
        assert_aws_history(&runs.history_json(&end.summary.id).expect("history"));
    }
    let fanout = json!({
        "StartAt": "Fork",
        "States": {
            "Fork": {"Type": "Parallel", "Branches": [
                {"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}},
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                    "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}, "End": true}}}
            ], "Next": "Boom"},
            "Boom": {"Type": "Fail", "Error": "Done", "Cause": "on purpose"}
        }
    });
    let (w, emit) = window();
    start(
        &runs,
        &fanout,
        request("{\"items\": [1, 2, 3]}", TaskSource::Ask, &[]),
        emit,
    );
    let id = w.ended().summary.id;
    let text = runs.history_json(&id).expect("history");
    assert_aws_history(&text);
    for ty in [
        "ParallelStateStarted",
        "MapStateStarted",
        "MapIterationSucceeded",
        "WaitStateExited",
        "ExecutionFailed",
    ] {
        assert!(text.contains(&format!("\"type\": \"{ty}\"")), "{ty}");
    }
}
