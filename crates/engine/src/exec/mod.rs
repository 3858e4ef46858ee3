//! The interpreter: runs a [`StateMachine`] on an input, state by state, as AWS Step
//! Functions does, recording history as it goes.
//!
//! Time is tokio's: under [`ClockMode::Virtual`] the execution runs on a current-thread
//! runtime whose clock is paused, so Waits, retry backoffs and timeouts pass instantly yet
//! in the right order, also across concurrent branches. Task handlers (commands, HTTP) run
//! on a separate real-time runtime, so their own timeouts are real.

mod clock;
mod context;
mod flow;
mod held;
mod item_text;
mod language;
mod limits;
mod map;
mod parallel;
mod readers;
mod redrive;
mod result_writer;
mod retry;
mod runtimes;
mod states;

use crate::history::{Details, HistoryEvent, HistoryLevel, Recorder};
use crate::observe::{ChildRef, Observer, Stage};
use crate::rng::Random;
use crate::task::TaskHandler;
use crate::StatesError;
use serde_json::Map;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stepwise_asl::model::{QueryLanguage, StateMachine};
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

pub use context::ExecutionIdentity;
pub use held::{HeldTime, Hold};
pub(crate) use readers::ContextUse;
use readers::{cached_context_readers, ContextReaders};
pub use redrive::{Part, RedrivePoint};

/// How time passes in an execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClockMode {
    /// Waits, backoffs and timeouts pass instantly and deterministically.
    #[default]
    Virtual,
    /// Wall-clock time, as on AWS.
    Real,
}

/// AWS's limit on events in one execution's history.
pub const DEFAULT_MAX_EVENTS: u64 = 25_000;
/// AWS's limit on the size of a state's input or output, in bytes of JSON.
pub const MAX_PAYLOAD_BYTES: usize = 256 * 1024;

pub struct ExecutionConfig {
    pub identity: ExecutionIdentity,
    pub clock: ClockMode,
    /// Seed for jitter, States.MathRandom and States.UUID; `None` draws one from the OS.
    pub seed: Option<u64>,
    pub handler: Arc<dyn TaskHandler>,
    pub history: HistoryLevel,
    /// The run fails once its history would exceed this many events.
    pub max_events: u64,
    /// Start time in milliseconds since the epoch; `None` means now.
    pub start_time_ms: Option<i64>,
    /// Receives every history event as it happens.
    pub sink: Option<UnboundedSender<HistoryEvent>>,
    /// Watches events and stages and may pause before states (the app's debugger).
    pub observer: Option<Arc<dyn Observer>>,
    /// The execution stops, recording `ExecutionAborted`, once this turns `true` (AWS's
    /// StopExecution).
    pub abort: Option<watch::Receiver<bool>>,
    /// Start at this top-level state instead of `StartAt` (re-running from a failed state).
    pub start_at: Option<String>,
    /// Workflow variables the first state sees.
    pub variables: Map<String, Value>,
    /// Keep where every scope is, so that an unsuccessful run says in [`Outcome::redrive`]
    /// where a redrive goes on from. Costs a copy of each state's input: off by default.
    pub redrivable: bool,
    /// Go on from an earlier run's [`Outcome::redrive`] (AWS's RedriveExecution): its state,
    /// input and variables, and only the Parallel branches and Map iterations that did not
    /// succeed. The input given to the run stays the execution's input (`$$.Execution.Input`).
    /// Takes the place of `start_at` and `variables`.
    pub redrive: Option<RedrivePoint>,
    /// Set on a redrive, for the context object (see [`Redriven`]).
    pub redriven: Option<Redriven>,
    /// Under [`ClockMode::Virtual`], let timestamps also count the real time spent (tasks,
    /// pauses), on top of the waits skipped: a watched run's timeline then shows where the
    /// time went. Off by default, so histories are reproducible.
    pub real_timestamps: bool,
    /// Real time to leave out while it is held (a person answering a Task): with
    /// `real_timestamps` the timestamps do not count it, and a Task's `TimeoutSeconds` and
    /// `HeartbeatSeconds` do not run while its handler holds it.
    pub held: Option<Arc<HeldTime>>,
    /// Multiplies the time the machine itself sets: Wait states, retry backoffs and the
    /// machine's `TimeoutSeconds` (Step Functions Local's `WAIT_TIME_SCALE`: 0.1 turns a
    /// 10 s Wait into 1 s). A Task's `TimeoutSeconds` and `HeartbeatSeconds` are not
    /// scaled: they bound real work (a handler, a worker's heartbeats). Timestamps show the
    /// time that passed. 1 by default; not finite or below 0 counts as 1.
    pub wait_scale: f64,
}

impl ExecutionConfig {
    pub fn new(handler: Arc<dyn TaskHandler>) -> Self {
        ExecutionConfig {
            identity: ExecutionIdentity::default(),
            clock: ClockMode::Virtual,
            seed: None,
            handler,
            history: HistoryLevel::Full,
            max_events: DEFAULT_MAX_EVENTS,
            start_time_ms: None,
            sink: None,
            observer: None,
            abort: None,
            start_at: None,
            variables: Map::new(),
            redrivable: false,
            redrive: None,
            redriven: None,
            real_timestamps: false,
            held: None,
            wait_scale: 1.0,
        }
    }
}

/// A redriven execution: `$$.Execution.RedriveCount` is `count`, `$$.Execution.StartTime`
/// stays the first start and `$$.Execution.RedriveTime` is when this run started ("The
/// RedriveTime context object is only available if you've redriven an execution", AWS guide,
/// "Context object").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redriven {
    pub count: u32,
    /// When the execution first started, in milliseconds since the epoch.
    pub first_start_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

/// How an execution ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    pub output: Option<Value>,
    pub error: Option<StatesError>,
    /// The history, when [`HistoryLevel::Full`].
    pub events: Vec<HistoryEvent>,
    /// Where a redrive of this run goes on from: set when it did not succeed, was
    /// [`ExecutionConfig::redrivable`] and entered a state.
    pub redrive: Option<RedrivePoint>,
}

impl Outcome {
    /// The execution's end as `stepwise run --format json` prints it, in the shape of AWS's
    /// DescribeExecution: `{"status", "output"}` when it succeeded, else `{"status", "error",
    /// "cause"}` with `null` where AWS gives none. A Fail state without `Error` has no error
    /// (AWS's ExecutionFailedEventDetails leaves it out), and a stopped execution carries
    /// neither (StopExecution without an error or cause).
    pub fn summary(&self) -> Value {
        match (self.status, &self.output, &self.error) {
            (Status::Succeeded, Some(output), _) => {
                serde_json::json!({"status": self.status, "output": output})
            }
            (Status::Aborted, _, _) | (_, _, None) => {
                serde_json::json!({"status": self.status, "error": null, "cause": null})
            }
            (_, _, Some(e)) => {
                serde_json::json!({"status": self.status, "error": e.name(), "cause": e.cause})
            }
        }
    }
}

/// What every state of one execution shares.
pub(crate) struct Shared {
    pub recorder: Recorder,
    pub handler: Arc<dyn TaskHandler>,
    pub rng: Mutex<Random>,
    pub identity: ExecutionIdentity,
    pub machine_language: QueryLanguage,
    pub max_events: u64,
    pub start_ms: i64,
    /// Where time is read, and its reading (in nanoseconds) when this execution started.
    pub clock: Arc<clock::PollClock>,
    pub start_nanos: u64,
    /// Set when timestamps count real time too (see [`ExecutionConfig::real_timestamps`]).
    pub real_start: Option<std::time::Instant>,
    /// Real time left out (see [`ExecutionConfig::held`]), and how much was held when this
    /// execution (or Distributed Map child) started.
    pub held: Option<Arc<HeldTime>>,
    pub held_at_start: Duration,
    /// Where task handlers run in virtual-clock mode (real time); `None` runs them inline.
    pub io: Option<Arc<IoRuntime>>,
    /// The execution's input, for `$$.Execution.Input`.
    pub input: Value,
    /// The states (by address) that mention `$$` anywhere; only they get a context object,
    /// which holds a copy of the execution input.
    pub context_readers: Arc<ContextReaders>,
    /// The context object's parts that never change in this execution, built on first use.
    pub context_parts: std::sync::OnceLock<context::FixedParts>,
    pub observer: Option<Arc<dyn Observer>>,
    /// Set in a Distributed Map's child execution.
    pub child: Option<ChildRef>,
    /// See [`ExecutionConfig::wait_scale`].
    pub wait_scale: f64,
    /// See [`ExecutionConfig::redriven`].
    pub redriven: Option<Redriven>,
}

impl Shared {
    /// Whether `state` reads the context object, and whether it may read the execution's
    /// input in it.
    pub fn reads_context(&self, state: &stepwise_asl::model::State) -> ContextUse {
        match self.context_readers.get(&(state as *const _ as usize)) {
            None => ContextUse::None,
            Some(true) => ContextUse::WithInput,
            Some(false) => ContextUse::WithoutInput,
        }
    }

    /// The shared part of a Distributed Map iteration: on AWS each one is a child execution
    /// with its own history, so its events neither appear in nor count toward this one's.
    pub fn child_execution(&self, map_entered_id: u64, index: usize, input: &Value) -> Shared {
        let seed = self.with_rng(|r| r.next_u64());
        let mut identity = self.identity.clone();
        identity.execution_name = format!("{}-item-{index}", identity.execution_name);
        let child = ChildRef {
            map_entered_id,
            index,
        };
        let recorder = match &self.observer {
            Some(o) => {
                Recorder::new(HistoryLevel::Stream, None).with_observer(o.clone(), Some(child))
            }
            None => Recorder::new(HistoryLevel::Off, None),
        };
        Shared {
            recorder,
            handler: self.handler.clone(),
            rng: Mutex::new(Random::seeded(seed)),
            identity,
            machine_language: self.machine_language,
            max_events: self.max_events,
            start_ms: self.now_ms(),
            start_nanos: self.clock.nanos(),
            clock: self.clock.clone(),
            real_start: self.real_start.map(|_| std::time::Instant::now()),
            held: self.held.clone(),
            held_at_start: self.held.as_ref().map_or(Duration::ZERO, |h| h.held()),
            io: self.io.clone(),
            input: input.clone(),
            context_readers: self.context_readers.clone(),
            observer: self.observer.clone(),
            child: Some(child),
            context_parts: std::sync::OnceLock::new(),
            wait_scale: self.wait_scale,
            redriven: self.redriven,
        }
    }

    /// `d`, a duration the machine sets, under [`ExecutionConfig::wait_scale`].
    pub fn scaled(&self, d: Duration) -> Duration {
        scale(d, self.wait_scale)
    }

    /// Hands a processing stage of the state entered at `frame.entered` to the observer.
    pub fn stage(&self, frame: &flow::Frame, stage: Stage, value: &Value) {
        if let Some(o) = &self.observer {
            o.stage(self.child, frame.entered, stage, value);
        }
    }

    pub fn now_ms(&self) -> i64 {
        let real = self.real_start.map_or(0, |r| {
            held::unheld_since(r, self.held.as_deref(), self.held_at_start).as_millis() as i64
        });
        let elapsed_ms = self.clock.nanos().saturating_sub(self.start_nanos) / 1_000_000;
        self.start_ms + elapsed_ms as i64 + real
    }

    pub fn record(
        &self,
        event_type: &'static str,
        previous: u64,
        details: impl FnOnce() -> Option<Details>,
    ) -> u64 {
        self.recorder
            .record(event_type, previous, || self.now_ms(), details)
    }

    /// Fails the run when entering another state would take the history past its limit,
    /// as AWS does.
    pub fn check_event_limit(&self) -> Result<(), StatesError> {
        if self.recorder.count() >= self.max_events {
            return Err(StatesError::new(
                crate::error::names::RUNTIME,
                format!(
                    "The execution reached the maximum number of history events ({}). Use a Distributed Map or a child execution for long loops.",
                    self.max_events
                ),
            ));
        }
        Ok(())
    }

    pub fn random_f64(&self) -> f64 {
        match self.rng.lock() {
            Ok(mut r) => r.next_f64(),
            Err(p) => p.into_inner().next_f64(),
        }
    }

    pub fn with_rng<T>(&self, f: impl FnOnce(&mut Random) -> T) -> T {
        match self.rng.lock() {
            Ok(mut r) => f(&mut r),
            Err(p) => f(&mut p.into_inner()),
        }
    }
}

/// Runs an execution to its end on runtimes of its own: a paused current-thread runtime for
/// virtual time, or a multi-thread one for real time. For callers without a runtime (CLI,
/// tests, benchmarks).
pub fn run_blocking(machine: Arc<StateMachine>, input: Value, config: ExecutionConfig) -> Outcome {
    let main = match config.clock {
        ClockMode::Virtual => runtimes::take_paused(),
        ClockMode::Real => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
    };
    let main = match main {
        Ok(rt) => rt,
        Err(e) => return failed_to_start(&e),
    };
    let io = Arc::new(IoRuntime::default());
    // The runtime's clock is paused under virtual time: readings may be kept for a poll.
    let paused = config.clock == ClockMode::Virtual;
    // Without an observer (which may pause on a blocking thread) and without the task
    // runtime (reached from a blocking thread), nothing of the run outlives it.
    let watched = config.observer.is_some();
    let outcome = main.block_on(run_with(machine, input, config, Some(io.clone()), paused));
    // Shut down here, outside any async context, where dropping a runtime is allowed.
    let mut used_io = true;
    if let Ok(io) = Arc::try_unwrap(io) {
        match io.rt.into_inner() {
            Some(Ok(rt)) => rt.shutdown_background(),
            Some(Err(_)) => {}
            None => used_io = false,
        }
    }
    if paused && !watched && !used_io {
        runtimes::give_back(main);
    }
    outcome
}

/// The real-time runtime task handlers run on, started on first use: most runs of a
/// benchmark or a Task-less machine never need its threads.
#[derive(Default)]
pub(crate) struct IoRuntime {
    rt: std::sync::OnceLock<Result<tokio::runtime::Runtime, String>>,
}

impl IoRuntime {
    pub fn handle(&self) -> Result<tokio::runtime::Handle, StatesError> {
        let rt = self.rt.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("stepwise-tasks")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        });
        match rt {
            Ok(rt) => Ok(rt.handle().clone()),
            Err(e) => Err(StatesError::runtime(format!(
                "could not start the task runtime: {e}"
            ))),
        }
    }
}

fn failed_to_start(e: &std::io::Error) -> Outcome {
    Outcome {
        status: Status::Failed,
        output: None,
        error: Some(StatesError::runtime(format!(
            "could not start the execution runtime: {e}"
        ))),
        events: Vec::new(),
        redrive: None,
    }
}

/// Runs an execution on the current tokio runtime (real time unless the runtime's clock is
/// paused). Task handlers run inline.
pub async fn run(machine: Arc<StateMachine>, input: Value, config: ExecutionConfig) -> Outcome {
    // Whether this runtime's clock is paused is not known here: read it every time.
    run_with(machine, input, config, None, false).await
}

async fn run_with(
    machine: Arc<StateMachine>,
    input: Value,
    config: ExecutionConfig,
    io: Option<Arc<IoRuntime>>,
    paused_clock: bool,
) -> Outcome {
    let clock = clock::PollClock::new(paused_clock);
    let start_ms = config.start_time_ms.unwrap_or_else(wall_clock_ms);
    let rng = match config.seed {
        Some(seed) => Random::seeded(seed),
        None => Random::from_entropy(),
    };
    let mut recorder = Recorder::new(config.history, config.sink);
    if let Some(o) = &config.observer {
        recorder = recorder.with_observer(o.clone(), None);
    }
    let shared = Arc::new(Shared {
        recorder,
        handler: config.handler,
        rng: Mutex::new(rng),
        identity: config.identity,
        machine_language: machine.query_language_or_default(),
        max_events: config.max_events,
        start_ms,
        start_nanos: clock.nanos(),
        clock: clock.clone(),
        real_start: (config.real_timestamps && config.clock == ClockMode::Virtual)
            .then(std::time::Instant::now),
        held_at_start: config.held.as_ref().map_or(Duration::ZERO, |h| h.held()),
        held: config.held,
        io,
        input: input.clone(),
        context_readers: cached_context_readers(&machine),
        observer: config.observer,
        child: None,
        context_parts: std::sync::OnceLock::new(),
        wait_scale: config.wait_scale,
        redriven: config.redriven,
    });
    let started = shared.record("ExecutionStarted", 0, || {
        Some(Details::execution_started(
            &input,
            &shared.identity.role_arn,
        ))
    });
    let mut frame = flow::Frame::top(started);
    let track = config
        .redrivable
        .then(|| Arc::new(redrive::Track::default()));
    frame.track = track.clone();
    let (start_at, first_input) = match config.redrive {
        Some(plan) => {
            frame.variables = plan.variables;
            frame.redo = Some(plan.parts);
            (Some(plan.state), plan.input)
        }
        None => {
            frame.variables = config.variables;
            (config.start_at, input)
        }
    };
    let body = flow::run_scope_from(&shared, &machine, start_at.as_deref(), first_input, frame);
    let body = clock::Polled {
        clock,
        inner: Box::pin(until_aborted(body, config.abort, &shared)),
    };
    let result = match machine.timeout_seconds.as_ref().and_then(|n| n.as_u64()) {
        Some(secs) => {
            match tokio::time::timeout(shared.scaled(Duration::from_secs(secs)), body).await {
                Ok(r) => r,
                Err(_) => Err((
                    Status::TimedOut,
                    flow::Failure {
                        error: StatesError::bare(crate::error::names::TIMEOUT),
                        last_event: shared.recorder.count(),
                    },
                )),
            }
        }
        None => body.await,
    };
    let (status, output, error) = match result {
        Ok((output, last)) => {
            shared.record("ExecutionSucceeded", last, || {
                Some(Details::execution_succeeded(&output))
            });
            (Status::Succeeded, Some(output), None)
        }
        Err((status, failure)) => {
            let (kind, details) = match status {
                Status::Aborted => (
                    "ExecutionAborted",
                    Details::ExecutionAborted(crate::history::ErrorDetails {
                        error: None,
                        cause: None,
                    }),
                ),
                Status::TimedOut => (
                    "ExecutionTimedOut",
                    Details::ExecutionTimedOut(Details::error(&failure.error)),
                ),
                _ => (
                    "ExecutionFailed",
                    Details::ExecutionFailed(Details::error(&failure.error)),
                ),
            };
            shared.record(kind, failure.last_event, || Some(details));
            (status, None, Some(failure.error))
        }
    };
    let redrive = match (&track, status) {
        (Some(track), Status::Failed | Status::TimedOut | Status::Aborted) => track.point(),
        _ => None,
    };
    Outcome {
        status,
        output,
        error,
        events: shared.recorder.take_events(),
        redrive,
    }
}

type ScopeResult = Result<(Value, u64), (Status, flow::Failure)>;

/// Runs the body until it ends or the abort signal turns `true`; an abort drops the body
/// (cancelling its tasks) and reports [`Status::Aborted`].
async fn until_aborted(
    body: flow::ScopeFuture<'_>,
    abort: Option<watch::Receiver<bool>>,
    shared: &Shared,
) -> ScopeResult {
    let Some(mut abort) = abort else {
        return body.await.map_err(|f| (Status::Failed, f));
    };
    tokio::select! {
        // The stop comes first: stopping also ends what the run waits for (a question to the
        // user fails when it is withdrawn), and that failure must not win the race.
        biased;
        // A dropped sender means nobody can stop the run any more: it goes on.
        _ = async {
            if abort.wait_for(|stop| *stop).await.is_err() {
                std::future::pending::<()>().await;
            }
        } => Err((
            Status::Aborted,
            flow::Failure {
                error: StatesError::bare("Stepwise.Aborted"),
                last_event: shared.recorder.count(),
            },
        )),
        r = body => r.map_err(|f| (Status::Failed, f)),
    }
}

fn scale(d: Duration, factor: f64) -> Duration {
    if factor == 1.0 || !factor.is_finite() || factor < 0.0 {
        return d;
    }
    // Beyond what a Duration holds: as good as for ever.
    Duration::try_from_secs_f64(d.as_secs_f64() * factor).unwrap_or(Duration::MAX)
}

fn wall_clock_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
