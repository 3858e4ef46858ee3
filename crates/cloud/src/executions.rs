//! Executions: listed by status, described, started, stopped and redriven.

use crate::error::sdk;
use crate::machines::{millis, Page};
use crate::{Cloud, CloudError};
use aws_sdk_sfn::types::ExecutionStatus;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExecutionSummary {
    pub arn: String,
    pub name: String,
    /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`, `PENDING_REDRIVE`.
    pub status: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start_ms: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub stop_ms: Option<i64>,
}

/// One execution, as `DescribeExecution` tells it. Input and output are JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Execution {
    pub arn: String,
    pub name: String,
    pub machine_arn: String,
    pub status: String,
    pub input: Option<String>,
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start_ms: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub stop_ms: Option<i64>,
    pub redrive_count: Option<i32>,
}

impl Execution {
    /// Whether it has ended; a `PENDING_REDRIVE` execution is about to run again.
    pub fn ended(&self) -> bool {
        !matches!(self.status.as_str(), "RUNNING" | "PENDING_REDRIVE")
    }
}

/// The statuses `ListExecutions` filters by.
pub const STATUSES: [&str; 6] = [
    "RUNNING",
    "SUCCEEDED",
    "FAILED",
    "TIMED_OUT",
    "ABORTED",
    "PENDING_REDRIVE",
];

impl Cloud {
    /// A page of a machine's executions, newest first; `status` filters (one of
    /// [`STATUSES`]).
    pub async fn executions(
        &self,
        machine_arn: &str,
        status: Option<&str>,
        token: Option<String>,
    ) -> Result<Page<ExecutionSummary>, CloudError> {
        let filter = match status.filter(|s| !s.is_empty()) {
            Some(s) if STATUSES.contains(&s) => Some(ExecutionStatus::from(s)),
            Some(s) => {
                return Err(CloudError::Invalid(format!(
                    "status {s:?} is not one of {}",
                    STATUSES.join(", ")
                )))
            }
            None => None,
        };
        let page = self
            .client
            .list_executions()
            .state_machine_arn(machine_arn)
            .set_status_filter(filter)
            .max_results(100)
            .set_next_token(token)
            .send()
            .await
            .map_err(sdk("ListExecutions"))?;
        Ok(Page {
            items: page
                .executions()
                .iter()
                .map(|e| ExecutionSummary {
                    arn: e.execution_arn().to_string(),
                    name: e.name().to_string(),
                    status: e.status().as_str().to_string(),
                    start_ms: millis(Some(e.start_date())),
                    stop_ms: e.stop_date().map(|d| millis(Some(d))),
                })
                .collect(),
            next_token: page.next_token().map(str::to_string),
        })
    }

    pub async fn execution(&self, arn: &str) -> Result<Execution, CloudError> {
        let e = self
            .client
            .describe_execution()
            .execution_arn(arn)
            .send()
            .await
            .map_err(sdk("DescribeExecution"))?;
        Ok(Execution {
            arn: e.execution_arn().to_string(),
            name: e
                .name()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| e.execution_arn().rsplit(':').next().unwrap_or_default())
                .to_string(),
            machine_arn: e.state_machine_arn().to_string(),
            status: e.status().as_str().to_string(),
            input: e.input().map(str::to_string),
            output: e.output().map(str::to_string),
            error: e.error().map(str::to_string),
            cause: e.cause().map(str::to_string),
            start_ms: millis(Some(e.start_date())),
            stop_ms: e.stop_date().map(|d| millis(Some(d))),
            redrive_count: e.redrive_count(),
        })
    }

    /// Starts the machine (or version, or alias) `arn` with `input` (JSON text, checked here so
    /// that a typo is named before anything runs); the new execution's ARN. Without a name it
    /// gets a UUID, as AWS gives one (some emulators name every such execution alike).
    pub async fn start(
        &self,
        arn: &str,
        input: &str,
        name: Option<&str>,
    ) -> Result<String, CloudError> {
        serde_json::from_str::<serde_json::Value>(input)
            .map_err(|e| CloudError::Invalid(format!("the input is not JSON: {e}")))?;
        let started = self
            .client
            .start_execution()
            .state_machine_arn(arn)
            .input(input)
            .name(
                name.map(str::to_string)
                    .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            )
            .send()
            .await
            .map_err(sdk("StartExecution"))?;
        Ok(started.execution_arn().to_string())
    }

    pub async fn stop(
        &self,
        arn: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<(), CloudError> {
        self.client
            .stop_execution()
            .execution_arn(arn)
            .set_error(error.map(str::to_string))
            .set_cause(cause.map(str::to_string))
            .send()
            .await
            .map_err(sdk("StopExecution"))?;
        Ok(())
    }

    /// Restarts a failed, timed-out or aborted Standard execution from where it failed.
    pub async fn redrive(&self, arn: &str) -> Result<(), CloudError> {
        self.client
            .redrive_execution()
            .execution_arn(arn)
            .send()
            .await
            .map_err(sdk("RedriveExecution"))?;
        Ok(())
    }
}
