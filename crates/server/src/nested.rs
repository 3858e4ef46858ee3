//! `arn:aws:states:::states:startExecution` (and `.sync`, `.sync:2`): a nested execution on
//! this server, answered as AWS answers the integration.

use crate::arn::machine_ref;
use crate::executions::{describe_value, start_in, wait_done};
use crate::store::Registry;
use serde_json::{json, Value};
use std::sync::Arc;
use stepwise_engine::task::TaskRequest;
use stepwise_engine::StatesError;

pub async fn start(reg: Arc<Registry>, req: TaskRequest) -> Result<Value, StatesError> {
    let sync2 = req.resource.ends_with(".sync:2");
    let sync = sync2 || req.resource.ends_with(".sync");
    let p = &req.input;
    let machine = p
        .get("StateMachineArn")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            StatesError::new("States.Runtime", "StartExecution needs a StateMachineArn")
        })?;
    let machine = machine_ref(machine)
        .map_err(|e| StatesError::new("StepFunctions.InvalidArnException", e.message))?;
    // Input may be given as JSON text or as a JSON value.
    let input = match p.get("Input") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(v) => Some(v.to_string()),
    };
    let name = p.get("Name").and_then(Value::as_str);
    let child = start_in(&reg, &machine, name, input.as_deref()).map_err(|e| {
        StatesError::new(
            format!(
                "StepFunctions.{}Exception",
                e.kind.trim_end_matches("Exception")
            ),
            e.message,
        )
    })?;
    if !sync {
        return Ok(json!({"ExecutionArn": child.arn, "StartDate": child.start_ms}));
    }
    wait_done(&child).await;
    let d = describe_value(&child);
    // AWS's .sync result: DescribeExecution in PascalCase; `.sync:2` parses Output as JSON.
    let mut out = json!({
        "ExecutionArn": d["executionArn"], "StateMachineArn": d["stateMachineArn"],
        "Name": d["name"], "Status": d["status"], "StartDate": child.start_ms,
        "StopDate": d.get("stopDate").and_then(Value::as_f64).map(|s| (s * 1000.0) as i64),
        "Input": if sync2 { serde_json::from_str(&child.input).unwrap_or(Value::Null) } else { json!(child.input) },
        "InputDetails": {"Included": true},
    });
    let status = d["status"].as_str().unwrap_or("");
    if status == "SUCCEEDED" {
        let text = d["output"].as_str().unwrap_or("null");
        out["Output"] = if sync2 {
            serde_json::from_str(text).unwrap_or(Value::Null)
        } else {
            json!(text)
        };
        out["OutputDetails"] = json!({"Included": true});
        Ok(out)
    } else {
        let error = match status {
            "TIMED_OUT" => "States.Timeout",
            "ABORTED" => "StepFunctions.ExecutionAbortedException",
            _ => "States.TaskFailed",
        };
        Err(StatesError::new(error, out.to_string()))
    }
}
