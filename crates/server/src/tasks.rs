//! Tasks the server answers itself when no mock does: `.waitForTaskToken` integrations and
//! activities wait for SendTaskSuccess / SendTaskFailure; `states:startExecution` starts a
//! nested execution here; Lambda goes to `LAMBDA_ENDPOINT`. Anything else fails as Step
//! Functions Local fails a call it cannot make.

use crate::store::{Registry, Waiting};
use serde_json::{json, Value};
use std::sync::{Arc, Weak};
use stepwise_engine::task::{
    Heartbeat, LambdaHandler, MockedTestCase, TaskFuture, TaskHandler, TaskRequest,
};
use stepwise_engine::StatesError;
use tokio::sync::oneshot;

pub struct ServerTasks {
    reg: Weak<Registry>,
    execution: String,
    /// The mock-config test case; the states it names are answered by it alone.
    mocks: Option<Arc<MockedTestCase>>,
    lambda: Option<LambdaHandler>,
}

impl ServerTasks {
    pub fn new(reg: &Arc<Registry>, execution: &str, mocks: Option<Arc<MockedTestCase>>) -> Self {
        let lambda = reg
            .config
            .lambda_endpoint
            .as_ref()
            .and_then(|e| LambdaHandler::new(e.clone()).ok());
        ServerTasks {
            reg: Arc::downgrade(reg),
            execution: execution.to_string(),
            mocks,
            lambda,
        }
    }
}

fn gone() -> StatesError {
    StatesError::runtime("the server is shutting down")
}

/// Waits for SendTaskSuccess / SendTaskFailure on `token`.
pub(crate) fn wait_for_token(
    reg: &Registry,
    execution: &str,
    token: String,
    heartbeat: &Heartbeat,
) -> oneshot::Receiver<Result<Value, StatesError>> {
    let (tx, rx) = oneshot::channel();
    let mut inner = reg.lock();
    // A StopExecution that came before the task got here has already released the waiting
    // tokens (under this lock): this one must not wait, or the task's blocking thread would
    // hold the stopped execution open for ever. Its dropped sender fails the wait at once.
    let stopping = inner
        .executions
        .get(execution)
        .is_some_and(|e| *e.abort.borrow());
    if !stopping {
        inner.tokens.insert(
            token,
            Waiting {
                execution: execution.to_string(),
                reply: tx,
                heartbeat: heartbeat.clone(),
            },
        );
    }
    rx
}

pub(crate) async fn answer(
    rx: oneshot::Receiver<Result<Value, StatesError>>,
) -> Result<Value, StatesError> {
    match rx.await {
        Ok(result) => result,
        // The execution ended (stopped) while the task waited.
        Err(_) => Err(StatesError::new(
            "States.Runtime",
            "The task token is no longer valid",
        )),
    }
}

impl TaskHandler for ServerTasks {
    fn answers_at_once(&self, req: &TaskRequest) -> bool {
        self.mocks
            .as_ref()
            .is_some_and(|m| m.mocks_state(&req.state_name))
    }

    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        if let Some(mocks) = &self.mocks {
            if mocks.mocks_state(&req.state_name) {
                return mocks.invoke(req);
            }
        }
        let Some(reg) = self.reg.upgrade() else {
            return Box::pin(async { Err(gone()) });
        };
        let resource = req.resource.as_str();
        if crate::arn::resource_type(resource) == Some("activity") {
            let token = uuid::Uuid::new_v4().to_string();
            let rx = wait_for_token(&reg, &self.execution, token.clone(), &req.heartbeat);
            let queued = {
                let mut inner = reg.lock();
                match inner.activities.get_mut(resource) {
                    Some(a) => {
                        a.queue.push_back((token.clone(), req.input.to_string()));
                        true
                    }
                    None => {
                        inner.tokens.remove(&token);
                        false
                    }
                }
            };
            if !queued {
                let arn = resource.to_string();
                return Box::pin(async move {
                    Err(StatesError::new(
                        "States.Runtime",
                        format!("Activity does not exist: '{arn}'"),
                    ))
                });
            }
            reg.activity_ready.notify_waiters();
            return Box::pin(answer(rx));
        }
        if let Some(call) = reg.config.services.call(&req) {
            return crate::services::with_token(call, &reg, &self.execution, &req);
        }
        if resource.starts_with("arn:aws:states:::states:startExecution") {
            return Box::pin(crate::nested::start(reg, req));
        }
        if let Some(token) = req.task_token().map(str::to_string) {
            // The integration itself is not called (no such service here); the token is in the
            // TaskScheduled parameters, where a test reads it to answer.
            let rx = wait_for_token(&reg, &self.execution, token, &req.heartbeat);
            return Box::pin(answer(rx));
        }
        if let Some(lambda) = &self.lambda {
            if req.lambda_function().is_some() {
                return lambda.invoke(req);
            }
        }
        let err = crate::unreachable::error(&req);
        Box::pin(async move { Err(err) })
    }
}

/// How long a token of the engine's form is looked for before it is called unknown.
const TOKEN_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Waits (briefly) until `token` is waited for. The engine records `TaskScheduled`, where a
/// client reads the token, before the task's handler starts waiting for it on another thread:
/// a client that answers at once must not be told the task does not exist.
pub async fn token_ready(reg: &Registry, token: &str) {
    if uuid::Uuid::parse_str(token).is_err() {
        return;
    }
    let deadline = tokio::time::Instant::now() + TOKEN_GRACE;
    while !reg.lock().tokens.contains_key(token) && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
}

/// SendTaskSuccess / SendTaskFailure: hands the answer to the waiting Task.
pub fn send(
    reg: &Registry,
    token: &str,
    result: Result<Value, StatesError>,
) -> Result<Value, crate::protocol::AwsError> {
    let waiting = reg
        .lock()
        .tokens
        .remove(token)
        .ok_or_else(|| invalid_token(token))?;
    let _ = waiting.reply.send(result);
    Ok(json!({}))
}

/// SendTaskHeartbeat: the waiting Task's `HeartbeatSeconds` clock starts again.
pub fn heartbeat(reg: &Registry, token: &str) -> Result<Value, crate::protocol::AwsError> {
    match reg.lock().tokens.get(token) {
        Some(w) => {
            w.heartbeat.beat();
            Ok(json!({}))
        }
        None => Err(invalid_token(token)),
    }
}

fn invalid_token(token: &str) -> crate::protocol::AwsError {
    if uuid::Uuid::parse_str(token).is_ok() {
        crate::protocol::AwsError::new("TaskDoesNotExist", "Task Does Not Exist")
    } else {
        crate::protocol::AwsError::new("InvalidToken", format!("Invalid Token: '{token}'"))
    }
}
