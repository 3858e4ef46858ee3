//! Task handlers: what answers a `Task` state when Stepwise runs a machine locally.
//!
//! The interpreter builds a [`TaskRequest`] for every attempt of a Task state (after
//! `InputPath` and `Parameters`/`Arguments`) and awaits a [`TaskHandler`]. The result goes on
//! through `ResultSelector`/`ResultPath`; an `Err` is matched against `Retry` and `Catch` like
//! any AWS error. Dropping the future cancels the task (that is how `TimeoutSeconds` works): a
//! command is killed, an HTTP request is abandoned.
//!
//! Handlers, chosen by configuration and combined by a [`Router`] in this order:
//!
//! 1. **Mocks** — a [`MockedTestCase`] picked from a [`MockConfig`], the AWS Step Functions
//!    Local mock-config format, unchanged (see [`mock`]). Only states named by the test case
//!    are mocked.
//! 2. **Handlers** — a [`HandlersConfig`] file: a local command per resource
//!    ([`CommandHandler`]) or a local Lambda emulator over the Lambda Invoke HTTP API
//!    ([`LambdaHandler`]). The format is below.
//! 3. **A local S3 folder** — with [`Router::with_local_s3`] (`--s3-dir DIR`), a [`LocalS3`]
//!    answers `arn:aws:states:::s3:getObject`, `s3:listObjectsV2` and `s3:putObject`, the
//!    resources through which a Distributed Map's ItemReader reads and its ResultWriter writes,
//!    from and into `DIR/BUCKET/KEY`. Mocks and handlers still come first, except that a
//!    ResultWriter's `s3:putObject` skips the mocks (a mocked Distributed Map's mock answers
//!    its ItemReader; its result files go into the folder).
//! 4. **Fallback** — an optional handler of the embedder's choosing (the desktop app pauses and
//!    asks the user for the result).
//! 5. Otherwise the task fails with [`NO_TASK_HANDLER`] and a cause naming the state and the
//!    resource.
//!
//! # The handlers file
//!
//! ```json
//! {
//!   "handlers": [
//!     { "state": "Charge",
//!       "lambda": { "endpoint": "http://127.0.0.1:3001", "function": "charge" } },
//!     { "resource": "arn:aws:states:::lambda:invoke", "function": "ValidateOrder",
//!       "command": ["python3", "validate.py"], "cwd": "handlers", "env": { "STAGE": "local" } },
//!     { "resource": "arn:aws:states:::lambda:invoke*",
//!       "lambda": { "endpoint": "http://127.0.0.1:3001" } },
//!     { "resource": "arn:aws:states:::dynamodb:*", "command": ["./fake-dynamo.sh"] }
//!   ]
//! }
//! ```
//!
//! Each entry has optional **match** fields; an entry applies when every match field it has
//! matches, and the **first** entry that applies wins (an entry with no match field applies to
//! every Task):
//!
//! - `state`: the Task state's name, exactly.
//! - `resource`: the `Resource` as written in the definition; `*` matches any run of
//!   characters (`arn:aws:states:::lambda:invoke*` also covers `.waitForTaskToken`).
//! - `function`: the Lambda function's name — from `FunctionName` of a
//!   `arn:aws:states:::lambda:invoke[.waitForTaskToken]` task, or from a direct
//!   `arn:aws:lambda:...:function:NAME` resource. A full ARN, a partial ARN and `NAME:alias` all
//!   reduce to `NAME` first. Tasks that call no Lambda function never match `function`.
//!
//! and exactly one **action**:
//!
//! - `command`: `[program, args...]`, run without a shell. The effective task input is written
//!   to stdin as JSON; stdout, parsed as JSON, is the task result (empty stdout is `null`).
//!   A non-zero exit fails the task: with `{"Error": ..., "Cause": ...}` (or Lambda's
//!   `{"errorType": ..., "errorMessage": ...}`) printed on stdout that error, otherwise
//!   [`COMMAND_FAILED`] with the exit status and the end of stderr as the cause. Stdout that
//!   is not JSON fails with [`COMMAND_OUTPUT_INVALID`]. Options:
//!   - `cwd`: working directory; relative to the handlers file's directory, which is also the
//!     default when the file was loaded from disk.
//!   - `env`: extra environment variables. Every command also gets `STEPWISE_STATE_NAME`,
//!     `STEPWISE_RESOURCE`, `STEPWISE_ATTEMPT` (0 on the first try), `STEPWISE_CONTEXT` (the
//!     context object as JSON) and, when the context has one, `STEPWISE_TASK_TOKEN`.
//!   - `mode`: `"raw"` (default; stdin/stdout as above) or `"lambda"`: the command stands in
//!     for a Lambda function — stdin gets the Lambda payload (`Payload` of a `lambda:invoke`
//!     task, the whole input for a direct function ARN) and a `lambda:invoke` result is
//!     wrapped as AWS wraps it (`Payload`, `StatusCode`, ...), exactly as [`LambdaHandler`]
//!     does.
//! - `lambda`: `{"endpoint": "http://127.0.0.1:3001", "function": "name"}` — POST to
//!   `{endpoint}/2015-03-31/functions/{name}/invocations` as `sam local start-lambda` and
//!   `cargo lambda watch` serve it. `function` defaults to the task's function name; it is
//!   required for Tasks that are not Lambda tasks (the whole input is then the payload and the
//!   payload is the result). See [`LambdaHandler`] for the result and error shapes.
//!
//! Unknown fields are rejected so a typo does not silently change what runs.
//!
//! # Error names Stepwise adds
//!
//! - [`NO_TASK_HANDLER`] is `States.Runtime`: a Task nothing answers, or a mocked state whose
//!   mocked response has no entry for this invocation, is a configuration problem, not a task
//!   failure. Like AWS's own runtime errors it is not caught by `States.ALL`, so a catch-all
//!   `Catch` cannot turn a missing mock into a "passing" failure path. The cause always names
//!   the state and the resource.
//! - [`COMMAND_FAILED`], [`COMMAND_OUTPUT_INVALID`]: a command handler failed; ordinary task
//!   errors (`States.ALL` and `States.TaskFailed` match them).
//! - Lambda errors use AWS's names (`Lambda.ServiceException`, the function's `errorType`,
//!   `Lambda.Unknown`, ...), see [`LambdaHandler`].

use crate::error::StatesError;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub mod command;
pub mod handlers;
pub mod heartbeat;
pub mod lambda;
pub mod local_s3;
pub mod mock;
pub mod shape;
mod submission;

pub use command::{CommandHandler, CommandMode};
pub use handlers::{HandlerEntry, HandlerMatch, HandlersConfig, HandlersConfigError};
pub use heartbeat::Heartbeat;
pub use lambda::{FunctionName, LambdaHandler};
pub use local_s3::LocalS3;
pub use mock::{MockConfig, MockConfigError, MockedResponse, MockedResult, MockedTestCase};
pub use shape::{result_shape, FieldRead, ResultShape, Wrapper};
pub use submission::Submission;

/// The error of a Task that no handler answers, and of a mocked state whose mocked response has
/// no entry for the current invocation. `States.Runtime`, so `States.ALL` does not catch it.
pub const NO_TASK_HANDLER: &str = crate::error::names::RUNTIME;
/// A command handler could not be started, exited with a non-zero status or was killed,
/// without printing an error of its own.
pub const COMMAND_FAILED: &str = "Stepwise.CommandFailed";
/// A command handler exited successfully but its stdout is not JSON.
pub const COMMAND_OUTPUT_INVALID: &str = "Stepwise.CommandOutputInvalid";

/// One attempt of a Task state, as a handler sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRequest {
    /// The Task state's name.
    pub state_name: String,
    /// `Resource` as written in the definition, e.g. `arn:aws:states:::lambda:invoke`,
    /// `arn:aws:states:::lambda:invoke.waitForTaskToken`,
    /// `arn:aws:lambda:us-east-1:123456789012:function:f`, `arn:aws:states:::dynamodb:putItem`.
    pub resource: String,
    /// The effective input: the state input after `InputPath` and `Parameters`/`Arguments`.
    pub input: Value,
    /// The context object (`$$`), including `Task.Token` for `.waitForTaskToken` resources.
    pub context: Value,
    /// 0 on the first try, +1 per retry.
    pub attempt: u32,
    /// Beating it restarts the Task's `HeartbeatSeconds` clock (SendTaskHeartbeat).
    pub heartbeat: Heartbeat,
    /// For `.waitForTaskToken`: the service's response once the request was sent
    /// (AWS's `TaskSubmitted`).
    pub submitted: Submission,
}

impl TaskRequest {
    /// A first attempt with an empty context object; handy in tests and previews.
    pub fn new(state_name: impl Into<String>, resource: impl Into<String>, input: Value) -> Self {
        TaskRequest {
            state_name: state_name.into(),
            resource: resource.into(),
            input,
            context: Value::Object(Default::default()),
            attempt: 0,
            heartbeat: Heartbeat::default(),
            submitted: Submission::default(),
        }
    }

    /// The task token in the context object (`$$.Task.Token`), if any.
    pub fn task_token(&self) -> Option<&str> {
        self.context.get("Task")?.get("Token")?.as_str()
    }

    /// The Lambda function this task calls, if it is a Lambda task: `FunctionName` of a
    /// `lambda:invoke` task, or the function of a direct `arn:aws:lambda:...:function:` ARN.
    pub fn lambda_function(&self) -> Option<FunctionName> {
        match lambda::LambdaResource::classify(&self.resource) {
            lambda::LambdaResource::Invoke { .. } => self
                .input
                .get("FunctionName")
                .and_then(Value::as_str)
                .and_then(FunctionName::parse),
            lambda::LambdaResource::Direct(f) => Some(f),
            lambda::LambdaResource::Other => None,
        }
    }
}

/// The future a handler returns: the task result, or the error Retry/Catch see.
pub type TaskFuture<'a> = Pin<Box<dyn Future<Output = Result<Value, StatesError>> + Send + 'a>>;

/// Answers Task states. `Send + Sync` because Parallel branches and Map iterations call one
/// handler concurrently.
pub trait TaskHandler: Send + Sync {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_>;

    /// Whether this handler answers `req` at once, without I/O or real time (a mocked
    /// response). The executor then calls it in its own, deterministic order rather than on
    /// the real-time task runtime, so the invocation numbers of concurrent Map iterations and
    /// Parallel branches do not depend on thread timing.
    fn answers_at_once(&self, req: &TaskRequest) -> bool {
        let _ = req;
        false
    }
}

impl<T: TaskHandler + ?Sized> TaskHandler for Arc<T> {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        (**self).invoke(req)
    }

    fn answers_at_once(&self, req: &TaskRequest) -> bool {
        (**self).answers_at_once(req)
    }
}

impl<T: TaskHandler + ?Sized> TaskHandler for Box<T> {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        (**self).invoke(req)
    }

    fn answers_at_once(&self, req: &TaskRequest) -> bool {
        (**self).answers_at_once(req)
    }
}

/// The error of a Task nothing answers.
pub fn no_handler_error(req: &TaskRequest, detail: Option<&str>) -> StatesError {
    let mut cause = format!(
        "No handler for Task state '{}' (resource {})",
        req.state_name, req.resource
    );
    if let Some(d) = detail {
        cause.push_str("; ");
        cause.push_str(d);
    }
    cause.push_str(
        ": mock the state in a test case of a mock config (AWS Step Functions Local format) \
         or add a handler for it to the handlers file",
    );
    StatesError::new(NO_TASK_HANDLER, cause)
}

/// Combines the configured handlers: mocks first (for the states the test case names), then
/// the handlers file (first matching entry), then the local S3 folder (for its resources),
/// then the fallback, else [`no_handler_error`].
///
/// Build one per execution: the mocked test case counts invocations per state, and those
/// counts belong to one execution.
#[derive(Default)]
pub struct Router {
    mocks: Option<MockedTestCase>,
    handlers: Option<Arc<HandlersConfig>>,
    local_s3: Option<Arc<LocalS3>>,
    fallback: Option<Arc<dyn TaskHandler>>,
}

impl Router {
    pub fn new() -> Self {
        Router::default()
    }

    pub fn with_mocks(mut self, test_case: MockedTestCase) -> Self {
        self.mocks = Some(test_case);
        self
    }

    /// An `Arc` so one loaded file serves many executions.
    pub fn with_handlers(mut self, handlers: Arc<HandlersConfig>) -> Self {
        self.handlers = Some(handlers);
        self
    }

    /// Answers the S3 resources of a Distributed Map (see [`LocalS3`]) the mocks and the
    /// handlers do not.
    pub fn with_local_s3(mut self, s3: LocalS3) -> Self {
        self.local_s3 = Some(Arc::new(s3));
        self
    }

    /// Consulted when neither the mocks nor the handlers answer the task.
    pub fn with_fallback(mut self, fallback: Arc<dyn TaskHandler>) -> Self {
        self.fallback = Some(fallback);
        self
    }

    pub fn mocks(&self) -> Option<&MockedTestCase> {
        self.mocks.as_ref()
    }
}

impl Router {
    /// Whether the mocks answer `req`: a state they name, except a ResultWriter's write when
    /// there is a local S3 folder (the Map state's mock answers its ItemReader; the files
    /// belong in the folder).
    fn mocked(&self, req: &TaskRequest) -> bool {
        let to_folder = self.local_s3.is_some() && req.resource == local_s3::PUT_OBJECT;
        !to_folder
            && self
                .mocks
                .as_ref()
                .is_some_and(|m| m.mocks_state(&req.state_name))
    }
}

impl TaskHandler for Router {
    fn answers_at_once(&self, req: &TaskRequest) -> bool {
        self.mocked(req)
    }

    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        if let Some(mocks) = self.mocks.as_ref().filter(|_| self.mocked(&req)) {
            return mocks.invoke(req);
        }
        if let Some(handler) = self.handlers.as_ref().and_then(|h| h.find(&req)) {
            return handler.invoke(req);
        }
        if let Some(s3) = &self.local_s3 {
            if LocalS3::answers(&req.resource) {
                return s3.invoke(req);
            }
        }
        if let Some(fallback) = &self.fallback {
            return fallback.invoke(req);
        }
        // Say what was configured, so the user knows which file to edit.
        let detail = self.mocks.as_ref().map(|m| {
            format!(
                "test case '{}' of state machine '{}' does not mock it",
                m.name(),
                m.state_machine()
            )
        });
        let err = no_handler_error(&req, detail.as_deref());
        Box::pin(async move { Err(err) })
    }
}
