//! The AWS Step Functions API on localhost, over the Stepwise engine: `stepwise serve`, a
//! drop-in for Step Functions Local. The AWS JSON 1.0 protocol (`POST /` with
//! `X-Amz-Target: AWSStepFunctions.<Action>`), AWS's error types, mock configs with the
//! `#TestCase` suffix, task tokens, activities and nested executions.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8083").await?;
//! let registry = stepwise_server::store::Registry::new(Default::default());
//! stepwise_server::serve(listener, registry).await
//! # }
//! ```

pub mod activities;
pub mod activity_events;
pub mod arn;
pub mod executions;
pub mod machines;
pub mod nested;
pub mod paging;
pub mod persist;
pub mod protocol;
pub mod run;
pub mod services;
pub mod store;
pub mod tasks;
pub mod test_state;
pub mod unreachable;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use protocol::{AwsError, Fields};
use serde_json::Value;
use std::sync::Arc;
use store::Registry;

/// Serves until the listener fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    registry: Arc<Registry>,
) -> std::io::Result<()> {
    axum::serve(listener, app(registry)).await
}

/// The HTTP application: every action is a `POST` to any path (clients post to `/`).
pub fn app(registry: Arc<Registry>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(registry)
}

async fn handle(State(reg): State<Arc<Registry>>, headers: HeaderMap, body: Bytes) -> Response {
    match answer(&reg, &headers, &body).await {
        Ok(v) => protocol::ok(v),
        Err(e) => e.into_response(),
    }
}

async fn answer(reg: &Arc<Registry>, headers: &HeaderMap, body: &[u8]) -> Result<Value, AwsError> {
    let action = protocol::action(headers)?;
    let req = protocol::body(body)?;
    dispatch(reg, &action, &req).await
}

/// One action.
pub async fn dispatch(reg: &Arc<Registry>, action: &str, req: &Value) -> Result<Value, AwsError> {
    match action {
        "CreateStateMachine" => machines::create(reg, req),
        "DescribeStateMachine" => machines::describe(reg, req),
        "ListStateMachines" => machines::list(reg, req),
        "UpdateStateMachine" => machines::update(reg, req),
        "DeleteStateMachine" => machines::delete(reg, req),
        "ValidateStateMachineDefinition" => machines::validate(req),
        "DescribeStateMachineForExecution" => machines::for_execution(reg, req),
        "TagResource" | "UntagResource" | "ListTagsForResource" => machines::tags(reg, action, req),
        "StartExecution" => executions::start(reg, req),
        "StartSyncExecution" => executions::start_sync(reg, req).await,
        "DescribeExecution" => executions::describe(reg, req),
        "ListExecutions" => executions::list(reg, req),
        "StopExecution" => executions::stop(reg, req),
        "GetExecutionHistory" => executions::history(reg, req),
        "SendTaskSuccess" => {
            let token = req.required_str("taskToken")?;
            let output = req.required_str("output")?;
            let value: Value = serde_json::from_str(output)
                .map_err(|e| AwsError::new("InvalidOutput", format!("Invalid Output: '{e}'")))?;
            tasks::token_ready(reg, token).await;
            tasks::send(reg, token, Ok(value))
        }
        "SendTaskFailure" => {
            let token = req.required_str("taskToken")?;
            let error = req.opt_str("error")?.unwrap_or("");
            let cause = req.opt_str("cause")?.map(str::to_string);
            tasks::token_ready(reg, token).await;
            tasks::send(
                reg,
                token,
                Err(stepwise_engine::StatesError {
                    error: error.to_string(),
                    cause,
                }),
            )
        }
        "SendTaskHeartbeat" => {
            let token = req.required_str("taskToken")?;
            tasks::token_ready(reg, token).await;
            tasks::heartbeat(reg, token)
        }
        "CreateActivity" => activities::create(reg, req),
        "DescribeActivity" => activities::describe(reg, req),
        "DeleteActivity" => activities::delete(reg, req),
        "ListActivities" => activities::list(reg, req),
        "GetActivityTask" => activities::get_task(reg, req, activities::LONG_POLL).await,
        "TestState" => test_state::run(req).await,
        "RedriveExecution" => executions::redrive(reg, req),
        other => Err(AwsError::new(
            "UnknownOperationException",
            format!("Unknown operation {other}"),
        )),
    }
}
