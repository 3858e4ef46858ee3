//! `arn:aws:states:::states:startExecution` (and `.sync`, `.sync:2`): a nested execution on
//! this server, answered as AWS answers the integration. With `STEP_FUNCTIONS_ENDPOINT` set,
//! `services::sfn` starts it there instead and answers with the same shapes (below).

use crate::arn::machine_ref;
use crate::executions::{describe_value, start_in, wait_done};
use crate::store::Registry;
use serde_json::{json, Value};
use std::sync::Arc;
use stepwise_engine::task::TaskRequest;
use stepwise_engine::StatesError;

/// A `states:startExecution` Task's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct StartParams {
    pub machine: String,
    pub name: Option<String>,
    /// Input may be given as JSON text or as a JSON value; this is its text.
    pub input: Option<String>,
}

impl StartParams {
    pub fn read(p: &Value) -> Result<StartParams, StatesError> {
        let machine = p
            .get("StateMachineArn")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                StatesError::new("States.Runtime", "StartExecution needs a StateMachineArn")
            })?;
        let input = match p.get("Input") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(v) => Some(v.to_string()),
        };
        Ok(StartParams {
            machine: machine.to_string(),
            name: p.get("Name").and_then(Value::as_str).map(str::to_string),
            input,
        })
    }
}

/// A nested execution that ended, as `.sync` reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub arn: String,
    pub machine_arn: String,
    pub name: String,
    pub status: String,
    pub start_ms: i64,
    pub stop_ms: Option<i64>,
    pub input: String,
    pub output: Option<String>,
}

/// AWS's `.sync` result: DescribeExecution in PascalCase; `.sync:2` parses Input and Output
/// as JSON. An execution that did not succeed fails the Task.
pub fn sync_answer(f: Finished, sync2: bool) -> Result<Value, StatesError> {
    let text = |t: &str| {
        if sync2 {
            serde_json::from_str(t).unwrap_or(Value::Null)
        } else {
            json!(t)
        }
    };
    let mut out = json!({
        "ExecutionArn": f.arn, "StateMachineArn": f.machine_arn,
        "Name": f.name, "Status": f.status, "StartDate": f.start_ms,
        "StopDate": f.stop_ms,
        "Input": text(&f.input),
        "InputDetails": {"Included": true},
    });
    if f.status == "SUCCEEDED" {
        out["Output"] = text(f.output.as_deref().unwrap_or("null"));
        out["OutputDetails"] = json!({"Included": true});
        Ok(out)
    } else {
        let error = match f.status.as_str() {
            "TIMED_OUT" => "States.Timeout",
            "ABORTED" => "StepFunctions.ExecutionAbortedException",
            _ => "States.TaskFailed",
        };
        Err(StatesError::new(error, out.to_string()))
    }
}

pub async fn start(reg: Arc<Registry>, req: TaskRequest) -> Result<Value, StatesError> {
    let sync2 = req.resource.ends_with(".sync:2");
    let sync = sync2 || req.resource.ends_with(".sync");
    let p = StartParams::read(&req.input)?;
    let machine = machine_ref(&p.machine)
        .map_err(|e| StatesError::new("StepFunctions.InvalidArnException", e.message))?;
    let child = start_in(&reg, &machine, p.name.as_deref(), p.input.as_deref()).map_err(|e| {
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
    let str_of = |k: &str| d[k].as_str().unwrap_or("").to_string();
    sync_answer(
        Finished {
            arn: str_of("executionArn"),
            machine_arn: str_of("stateMachineArn"),
            name: str_of("name"),
            status: str_of("status"),
            start_ms: child.start_ms,
            stop_ms: d
                .get("stopDate")
                .and_then(Value::as_f64)
                .map(|s| (s * 1000.0) as i64),
            input: child.input.clone(),
            output: d["output"].as_str().map(str::to_string),
        },
        sync2,
    )
}
