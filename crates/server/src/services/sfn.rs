//! `arn:aws:states:::states:startExecution` (`.sync`, `.sync:2`) when `STEP_FUNCTIONS_ENDPOINT`
//! names another Step Functions API: StartExecution there through `aws-sdk-sfn`, then, for
//! `.sync`, DescribeExecution until the execution ends; answered as nested executions on this
//! server are (`crate::nested`).

use super::response::Service;
use super::Pattern;
use crate::nested::{sync_answer, Finished, StartParams};
use aws_sdk_sfn::primitives::DateTime;
use aws_sdk_sfn::types::ExecutionStatus;
use serde_json::{json, Value};
use std::time::Duration;
use stepwise_engine::StatesError;

const SFN: Service = Service::StepFunctions;

/// How often a `.sync` Task asks for its execution's status.
const POLL: Duration = Duration::from_millis(50);

fn millis(d: Option<&DateTime>) -> Option<i64> {
    d.and_then(|d| d.to_millis().ok())
}

pub async fn start_execution(
    client: aws_sdk_sfn::Client,
    pattern: Pattern,
    p: Value,
) -> Result<Value, StatesError> {
    let params = StartParams::read(&p)?;
    let started = client
        .start_execution()
        .state_machine_arn(params.machine)
        .set_name(params.name)
        .set_input(params.input)
        .set_trace_header(
            p.get("TraceHeader")
                .and_then(Value::as_str)
                .map(str::to_string),
        )
        .send()
        .await
        .map_err(|e| SFN.error(e))?;
    let start_ms = millis(Some(started.start_date())).unwrap_or(0);
    let sync2 = match pattern {
        Pattern::Sync => false,
        Pattern::Sync2 => true,
        Pattern::RequestResponse | Pattern::WaitForTaskToken => {
            return Ok(json!({"ExecutionArn": started.execution_arn(), "StartDate": start_ms}))
        }
    };
    loop {
        let d = client
            .describe_execution()
            .execution_arn(started.execution_arn())
            .send()
            .await
            .map_err(|e| SFN.error(e))?;
        if *d.status() != ExecutionStatus::Running && *d.status() != ExecutionStatus::PendingRedrive
        {
            return sync_answer(
                Finished {
                    arn: d.execution_arn().to_string(),
                    machine_arn: d.state_machine_arn().to_string(),
                    name: d.name().unwrap_or("").to_string(),
                    status: d.status().as_str().to_string(),
                    start_ms: millis(Some(d.start_date())).unwrap_or(start_ms),
                    stop_ms: millis(d.stop_date()),
                    input: d.input().unwrap_or("null").to_string(),
                    output: d.output().map(str::to_string),
                },
                sync2,
            );
        }
        tokio::time::sleep(POLL).await;
    }
}
