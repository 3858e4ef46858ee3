//! The server types that cross the IPC boundary (exported to `ui/src/bindings/`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub enum ServerMode {
    Off,
    /// The studio serves the Step Functions API itself.
    Serving,
    /// The studio follows a server running elsewhere.
    Attached,
}

/// What the toolbar shows of the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ServerStatus {
    pub mode: ServerMode,
    /// Where clients reach it (`--endpoint-url`).
    pub url: Option<String>,
    pub port: Option<u16>,
    /// Executions seen since it was started or attached.
    pub executions: u32,
    /// Why the attached server does not answer, while it does not.
    pub error: Option<String>,
}

/// `start_server`'s request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct StartServer {
    /// `null`: 8083, Step Functions Local's port; 0: any free port.
    pub port: Option<u16>,
    /// A mock config (Step Functions Local format) for `#TestCase` executions.
    pub mock_config: Option<String>,
}
