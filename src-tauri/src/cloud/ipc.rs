//! The cloud types that cross the IPC boundary (exported to `ui/src/bindings/`). None of
//! them can hold a credential: the SDK's providers keep those, in Rust.

use serde::{Deserialize, Serialize};
use stepwise_cloud::{Finding, Machine, Settings};
use ts_rs::TS;

/// What the connection shows: which profile, region and endpoint, or why it failed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CloudStatus {
    pub connected: bool,
    /// The profile asked for (`null`: the default chain).
    pub profile: Option<String>,
    pub region: Option<String>,
    /// `host:port` of an endpoint that is not AWS's own (LocalStack, moto).
    pub endpoint: Option<String>,
    pub error: Option<String>,
}

/// `cloud_machines`' request: a search from a page token on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MachineQuery {
    pub query: String,
    pub token: Option<String>,
}

/// A deployed machine with its versions and aliases (`null` where the endpoint does not
/// answer those actions, as some emulators do not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CloudMachine {
    pub machine: Machine,
    pub versions: Option<Vec<stepwise_cloud::Version>>,
    pub aliases: Option<Vec<stepwise_cloud::Alias>>,
}

/// `cloud_open_machine`'s request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct OpenCloudMachine {
    pub arn: String,
    /// The user chose to drop the open document's unsaved edits.
    pub discard: bool,
}

/// `cloud_executions`' request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ExecutionQuery {
    pub machine_arn: String,
    /// One of `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`, `PENDING_REDRIVE`.
    pub status: Option<String>,
    pub token: Option<String>,
}

/// The deployed machine the open document is linked to: opened from it, or deployed to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CloudLink {
    pub arn: String,
    pub name: String,
}

/// What a deployment of the open document would do, shown before it is done.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct DeployPreview {
    /// The machine updated, or `null` when one named `name` would be created.
    pub deployed: Option<Machine>,
    pub name: String,
    /// The deployed definition against the local one (the canvas's compare drawing).
    pub comparison: Option<crate::compare::Comparison>,
    pub unchanged: bool,
    /// `ValidateStateMachineDefinition`'s findings, each at its JSON Pointer.
    pub findings: Vec<Finding>,
    /// Why AWS's validator was not asked (an endpoint without the action).
    pub findings_note: Option<String>,
}

/// `cloud_deploy_preview`'s and `cloud_deploy`'s request: the machine of this name (created
/// if new), or the linked machine when `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CloudDeploy {
    pub name: Option<String>,
    pub settings: Settings,
}

/// `cloud_start`'s request: the linked machine (or `arn`) with the run panel's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CloudStart {
    pub arn: Option<String>,
    /// JSON text.
    pub input: String,
    pub name: Option<String>,
}

/// An execution the studio follows (or replays) as a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CloudRun {
    pub execution_arn: String,
    /// The run's id in the Runs list.
    pub run_id: String,
}

/// `cloud_preview_state`'s request: the inspector's data-flow preview, run by AWS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct CloudPreview {
    pub request: crate::run::ipc::PreviewRequest,
    pub level: stepwise_cloud::InspectionLevel,
}
