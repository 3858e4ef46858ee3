//! What the server holds: state machines, executions (with their histories as AWS writes
//! them), activities and the task tokens Tasks wait on.

use crate::arn::Place;
use crate::persist::{Persist, Summary};
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
    /// time); any other factor runs in real time with Waits, retry backoffs and the machine's
    /// `TimeoutSeconds` multiplied by it (0.1: a 10 s Wait takes 1 s). 1, real time, is the
    /// default, as in Step Functions Local.
    pub wait_time_scale: f64,
    /// `LAMBDA_ENDPOINT`: where Lambda tasks are invoked (`sam local start-lambda`).
    pub lambda_endpoint: Option<String>,
    /// `SQS_ENDPOINT`, `SNS_ENDPOINT`, `DYNAMODB_ENDPOINT`, `STEP_FUNCTIONS_ENDPOINT`: the
    /// integrations sent to real endpoints, with their SDK clients.
    pub services: Arc<crate::services::Services>,
    /// Executions kept in memory; the oldest finished ones beyond it are forgotten (or,
    /// with `data`, left on disk).
    pub retention: usize,
    /// `--data DIR`: keep machines and finished executions in files across restarts.
    pub data: Option<std::path::PathBuf>,
    /// Something watching every execution (the desktop studio: live canvas, breakpoints).
    pub watch: Option<Arc<dyn Watch>>,
}

/// Watches the executions a server runs, as they start.
pub trait Watch: Send + Sync {
    /// `execution` is starting (or being redriven); the observer returned sees its events,
    /// stages and transitions, and may pause it before a state.
    fn started(&self, execution: &Execution)
        -> Option<Arc<dyn stepwise_engine::observe::Observer>>;

    /// `execution` ended with `outcome`.
    fn ended(&self, execution: &Execution, outcome: &stepwise_engine::Outcome) {
        let _ = (execution, outcome);
    }
}

impl std::fmt::Debug for dyn Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            place: Place::new("us-east-1", "123456789012"),
            mock_config: None,
            wait_time_scale: 1.0,
            lambda_endpoint: None,
            services: Arc::default(),
            retention: 10_000,
            data: None,
            watch: None,
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
    /// Where a redrive goes on from: the state that did not finish, its input and variables,
    /// and the Parallel branches and Map iterations that did (set when it ends unsuccessfully).
    pub redrive_plan: Option<stepwise_engine::RedrivePoint>,
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
    /// SendTaskHeartbeat beats it: the Task's `HeartbeatSeconds` clock starts again.
    pub heartbeat: stepwise_engine::task::Heartbeat,
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
    /// Finished executions only on disk (with `--data`), by ARN, oldest first.
    pub evicted: IndexMap<String, Summary>,
}

pub struct Registry {
    pub config: Config,
    persist: Option<Persist>,
    inner: Mutex<Inner>,
    /// Woken when an activity gets a task.
    pub activity_ready: Notify,
}

impl Registry {
    /// A registry in memory (`config.data` is not read: use [`Registry::open`]).
    pub fn new(config: Config) -> Arc<Registry> {
        Arc::new(Registry {
            config,
            persist: None,
            inner: Mutex::new(Inner::default()),
            activity_ready: Notify::new(),
        })
    }

    /// A registry kept in `config.data` when it is set: what an earlier server kept there
    /// is read back.
    pub fn open(config: Config) -> Result<Arc<Registry>, String> {
        let Some(dir) = config.data.clone() else {
            return Ok(Registry::new(config));
        };
        let persist = Persist::open(&dir)?;
        let mut inner = Inner {
            machines: persist.load_machines()?,
            ..Inner::default()
        };
        for s in persist.summaries() {
            inner.evicted.insert(s.arn.clone(), s);
        }
        Ok(Arc::new(Registry {
            config,
            persist: Some(persist),
            inner: Mutex::new(inner),
            activity_ready: Notify::new(),
        }))
    }

    /// An execution in memory, else read back from disk.
    pub fn execution(&self, arn: &str) -> Option<Arc<Execution>> {
        if let Some(e) = self.lock().executions.get(arn) {
            return Some(Arc::clone(e));
        }
        let persist = self.persist.as_ref()?;
        if !self.lock().evicted.contains_key(arn) {
            return None;
        }
        let e = persist.load_execution(arn)?;
        {
            let mut inner = self.lock();
            inner.evicted.shift_remove(arn);
            inner.executions.insert(arn.to_string(), Arc::clone(&e));
        }
        self.trim();
        Some(e)
    }

    /// Writes the machines (after a change), when kept on disk. A write that fails is
    /// reported on standard error: the server goes on in memory.
    pub fn machines_changed(&self) {
        if let Some(p) = &self.persist {
            if let Err(e) = p.save_machines(&self.lock().machines) {
                eprintln!("stepwise serve: cannot save the state machines: {e}");
            }
        }
    }

    /// Writes a finished execution with its final state `st`, when kept on disk. Called before
    /// `st` is published: an end a client has seen is on disk (and `trim` only evicts saved ones).
    pub fn execution_finished(&self, e: &Execution, st: &ExecState) {
        if let Some(p) = &self.persist {
            if let Err(err) = p.save_execution(e, st) {
                eprintln!("stepwise serve: cannot save {}: {err}", e.arn);
            }
        }
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
        let keep_on_disk = self.persist.is_some();
        let mut evicted = Vec::new();
        inner.executions.retain(|_, e| {
            let st = e.lock();
            if excess > 0 && st.status != "RUNNING" {
                excess -= 1;
                if keep_on_disk {
                    evicted.push(Summary {
                        arn: e.arn.clone(),
                        machine_arn: e.machine_arn.clone(),
                        name: e.name.clone(),
                        status: st.status.to_string(),
                        start_ms: e.start_ms,
                        stop_ms: st.stop_ms,
                    });
                }
                false
            } else {
                true
            }
        });
        for s in evicted {
            inner.evicted.insert(s.arn.clone(), s);
        }
    }
}
