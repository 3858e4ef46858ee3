//! What the server holds: state machines, executions (with their histories as AWS writes
//! them), activities and the task tokens Tasks wait on.

use crate::arn::Place;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use stepwise_asl::StateMachine;
use stepwise_engine::task::MockConfig;
use stepwise_engine::StatesError;
use tokio::sync::{oneshot, watch, Notify};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub place: Place,
    pub mock_config: Option<Arc<MockConfig>>,
    /// `WAIT_TIME_SCALE`: 0 lets Waits, retry backoffs and timeouts pass at once (virtual
    /// time); anything else runs them in real time, as Step Functions Local does by default.
    pub wait_time_scale: f64,
    /// `LAMBDA_ENDPOINT`: where Lambda tasks are invoked (`sam local start-lambda`).
    pub lambda_endpoint: Option<String>,
    /// Executions kept; the oldest finished ones beyond it are forgotten.
    pub retention: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            place: Place::new("us-east-1", "123456789012"),
            mock_config: None,
            wait_time_scale: 1.0,
            lambda_endpoint: None,
            retention: 10_000,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Machine {
    pub arn: String,
    pub name: String,
    pub definition: String,
    pub model: Arc<StateMachine>,
    pub role_arn: String,
    /// `STANDARD` or `EXPRESS`.
    pub kind: String,
    pub created_ms: i64,
    pub updated_ms: Option<i64>,
    pub revision: u64,
    pub logging: Value,
    pub tracing: Value,
    pub tags: IndexMap<String, String>,
}

/// One execution; its mutable part behind a lock the engine's thread writes to.
pub struct Execution {
    pub arn: String,
    pub name: String,
    pub machine_arn: String,
    pub machine_name: String,
    /// The definition it runs, as it was when it started.
    pub definition: String,
    pub role_arn: String,
    pub input: String,
    pub start_ms: i64,
    pub express: bool,
    pub state: Mutex<ExecState>,
    /// Turns `true` when the execution ends.
    pub done: watch::Sender<bool>,
    /// StopExecution sets it.
    pub abort: watch::Sender<bool>,
    /// What StartExecution was asked, to answer a repeat of it as AWS does.
    pub request_input: String,
    /// The machine as it started, for a redrive.
    pub model: Arc<StateMachine>,
    /// The mock-config test case it runs with (`#TestCase` on the ARN it was started with);
    /// kept so a redrive goes on counting its invocations.
    pub mocks: Option<Arc<stepwise_engine::task::MockedTestCase>>,
}

#[derive(Debug, Clone)]
pub struct ExecState {
    /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`.
    pub status: &'static str,
    /// History events as `GetExecutionHistory` returns them (timestamps in epoch seconds).
    pub events: Vec<Value>,
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    pub stop_ms: Option<i64>,
    /// The top-level variables as the execution left them (what a redrive starts from).
    pub variables: serde_json::Map<String, Value>,
    /// Times redriven.
    pub redrive_count: u32,
    pub redrive_ms: Option<i64>,
}

impl Execution {
    pub fn lock(&self) -> MutexGuard<'_, ExecState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A Task waiting for SendTaskSuccess / SendTaskFailure.
pub struct Waiting {
    pub execution: String,
    pub reply: oneshot::Sender<Result<Value, StatesError>>,
}

/// An activity and the tasks waiting for a worker.
pub struct Activity {
    pub arn: String,
    pub name: String,
    pub created_ms: i64,
    pub tags: IndexMap<String, String>,
    /// `(task token, input JSON text)` in arrival order.
    pub queue: VecDeque<(String, String)>,
}

#[derive(Default)]
pub struct Inner {
    pub machines: IndexMap<String, Machine>,
    pub executions: IndexMap<String, Arc<Execution>>,
    pub activities: IndexMap<String, Activity>,
    pub tokens: HashMap<String, Waiting>,
}

pub struct Registry {
    pub config: Config,
    inner: Mutex<Inner>,
    /// Woken when an activity gets a task.
    pub activity_ready: Notify,
}

impl Registry {
    pub fn new(config: Config) -> Arc<Registry> {
        Arc::new(Registry {
            config,
            inner: Mutex::new(Inner::default()),
            activity_ready: Notify::new(),
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets the oldest finished executions beyond the retention limit, so a long-lived
    /// server's memory stays bounded.
    pub fn trim(&self) {
        let mut inner = self.lock();
        let limit = self.config.retention;
        if inner.executions.len() <= limit {
            return;
        }
        let mut excess = inner.executions.len() - limit;
        inner.executions.retain(|_, e| {
            if excess > 0 && e.lock().status != "RUNNING" {
                excess -= 1;
                false
            } else {
                true
            }
        });
    }
}
