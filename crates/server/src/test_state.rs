//! TestState: one state run on its own, with the inspection data of its input and output
//! processing, as AWS's TestState API answers it.

use crate::protocol::{AwsError, Fields};
use serde_json::{json, Map, Value};
use stepwise_asl::StateMachine;
use stepwise_engine::observe::Stage;
use stepwise_engine::test_state::{test_state, TestStateInput, TestStatus};
use stepwise_engine::StatesError;

pub async fn run(req: &Value) -> Result<Value, AwsError> {
    let definition = req.required_str("definition")?;
    let def: Value = serde_json::from_str(definition).map_err(|e| {
        AwsError::new(
            "InvalidDefinition",
            format!("Invalid State Machine Definition: '{e}'"),
        )
    })?;
    // A whole machine with `stateName`, or one state.
    let (scope, name) = match (def.get("States"), req.opt_str("stateName")?) {
        (Some(_), Some(name)) => (def.clone(), name.to_string()),
        (Some(_), None) => {
            let start = def
                .get("StartAt")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            (def.clone(), start)
        }
        (None, _) => (single(def), "TestState".to_string()),
    };
    let machine = StateMachine::from_value(&scope).map_err(|e| {
        AwsError::new(
            "InvalidDefinition",
            format!("Invalid State Machine Definition: '{e}'"),
        )
    })?;
    let input: Value = match req.opt_str("input")? {
        Some(t) => serde_json::from_str(t)
            .map_err(|e| AwsError::new("InvalidExecutionInput", format!("Invalid input: '{e}'")))?,
        None => json!({}),
    };
    let variables: Map<String, Value> = match req.opt_str("variables")? {
        Some(t) => serde_json::from_str(t)
            .map_err(|e| AwsError::validation(format!("Invalid variables: {e}")))?,
        None => Map::new(),
    };
    let task_result = match req.get("mock") {
        Some(m) => match (
            m.get("result").and_then(Value::as_str),
            m.get("errorOutput"),
        ) {
            (Some(r), _) => Some(Ok(serde_json::from_str(r)
                .map_err(|e| AwsError::validation(format!("Invalid mock result: {e}")))?)),
            (None, Some(err)) => Some(Err(StatesError {
                error: err.opt_str("error")?.unwrap_or("").to_string(),
                cause: err.opt_str("cause")?.map(str::to_string),
            })),
            _ => None,
        },
        None => None,
    };
    let level = req.opt_str("inspectionLevel")?.unwrap_or("INFO");
    let with = TestStateInput {
        input,
        task_result,
        variables,
    };
    let outcome = tokio::task::spawn_blocking(move || test_state(&machine, &name, with))
        .await
        .map_err(|e| AwsError::new("InternalFailure", e.to_string()))?
        .ok_or_else(|| AwsError::validation("The state to test is not in the definition"))?;
    let mut out = json!({
        "status": match outcome.status {
            TestStatus::Succeeded => "SUCCEEDED",
            TestStatus::Failed => "FAILED",
            TestStatus::Retriable => "RETRIABLE",
            TestStatus::CaughtError => "CAUGHT_ERROR",
        }
    });
    if let Some(o) = &outcome.output {
        out["output"] = json!(o.to_string());
    }
    if let Some(e) = &outcome.error {
        out["error"] = json!(e.error);
        if let Some(c) = &e.cause {
            out["cause"] = json!(c);
        }
    }
    if let Some(n) = &outcome.next_state {
        out["nextState"] = json!(n);
    }
    if level == "DEBUG" || level == "TRACE" {
        let mut data = Map::new();
        for (stage, value) in &outcome.stages {
            if *stage == Stage::Output {
                continue;
            }
            data.insert(stage.aws_name().to_string(), json!(value.to_string()));
        }
        out["inspectionData"] = Value::Object(data);
    }
    Ok(out)
}

/// One state as a machine: the states it moves to stand in as Succeed states, so the run
/// stops where the state hands over, as TestState does.
fn single(state: Value) -> Value {
    let mut states = Map::new();
    let mut targets: Vec<String> = Vec::new();
    for key in ["Next", "Default"] {
        if let Some(n) = state.get(key).and_then(Value::as_str) {
            targets.push(n.to_string());
        }
    }
    for list in ["Catch", "Choices"] {
        for item in state
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(n) = item.get("Next").and_then(Value::as_str) {
                targets.push(n.to_string());
            }
        }
    }
    for t in targets {
        if t != "TestState" {
            states.insert(t, json!({"Type": "Succeed"}));
        }
    }
    states.insert("TestState".into(), state);
    json!({"StartAt": "TestState", "States": states})
}
