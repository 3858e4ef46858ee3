//! The run panel's operations, without Tauri. This module runs: start, pause/step/continue,
//! answer, stop, redrive. Beside it: [`inputs`] (saved inputs and what the panel remembers
//! per document), [`history`] (the kept runs, history export and import) and [`preview`]
//! (the data-flow preview of one state, AWS TestState). The commands in [`super::commands`]
//! are thin wrappers over these.

mod external;
mod history;
mod inputs;
mod preview;

pub use external::Arrival;
pub use history::server_key;
pub use preview::preview;

use super::events::pretty;
use super::files::{self, Origin};
use super::ipc::*;
use super::session::{AskUser, Emit, Session, Start};
use super::store::{new_summary, Remembered, Store, StoreError};
use super::trace::{history, redrive_plan, Reader, Trace};
use crate::error::AppError;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use stepwise_asl::model::StateMachine;
use stepwise_asl::{Document, SourceFormat};
use stepwise_engine::exec::HeldTime;
use stepwise_engine::{run_blocking, ExecutionConfig, ExecutionIdentity};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The document a run is of: where it is, and its definition as it stands.
pub struct Subject<'a> {
    pub origin: Origin,
    pub definition: &'a Value,
}

/// Tauri's managed state for runs.
#[derive(Default)]
pub struct Runs {
    store: Arc<Mutex<Option<Store>>>,
    data_dir: Mutex<Option<PathBuf>>,
    active: Mutex<Option<Arc<Session>>>,
    /// Executions run elsewhere (the studio's server) still going on, oldest first.
    external: Mutex<Vec<Arc<Session>>>,
}

static RUN_COUNTER: AtomicU64 = AtomicU64::new(0);

pub(crate) fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0)
}

/// An execution name like the console's: the start time, unique within the app.
fn execution_name(started_ms: f64) -> String {
    let iso = stepwise_asl::timestamp::format_millis(started_ms as i64);
    let n = RUN_COUNTER.fetch_add(1, Ordering::SeqCst);
    format!(
        "local-{}-{n}",
        iso.replace([':', '.'], "-").trim_end_matches('Z')
    )
}

fn parse_json(text: &str, what: &str) -> Result<Value, AppError> {
    AppError::parse_json(text, what)
}

/// The machine of a definition, or why it cannot run: its first problems, with pointers, the
/// error pointing at the first.
pub(crate) fn runnable(definition: &Value) -> Result<StateMachine, AppError> {
    let doc = Document::from_value(definition.clone(), SourceFormat::Json, 0);
    let errors: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .take(3)
        .collect();
    if let Some(first) = errors.first() {
        let list: Vec<String> = errors
            .iter()
            .map(|d| {
                let at = if d.pointer.is_empty() {
                    "/"
                } else {
                    &d.pointer
                };
                format!("{at}: {}", d.message)
            })
            .collect();
        return Err(AppError::NotRunnable {
            message: format!(
                "The definition has problems; fix them before running. {}",
                list.join("; ")
            ),
            pointer: Some(first.pointer.clone()),
        });
    }
    doc.machine().cloned().ok_or_else(|| AppError::NotRunnable {
        message: doc
            .model_error()
            .unwrap_or("not a state machine")
            .to_string(),
        pointer: None,
    })
}

impl Runs {
    /// Where the database lives; set once the app knows its data folder.
    pub fn set_data_dir(&self, dir: PathBuf) {
        let mut current = lock(&self.data_dir);
        if current.is_none() {
            *current = Some(dir);
        }
    }

    fn with_store<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, AppError> {
        let mut guard = lock(&self.store);
        let store = match guard.take() {
            Some(store) => store,
            None => {
                let dir = lock(&self.data_dir).clone().ok_or(AppError::NoDataFolder)?;
                let store = Store::open(&dir)?;
                store.settle_unfinished()?;
                store
            }
        };
        Ok(f(guard.insert(store))?)
    }

    fn active(&self) -> Option<Arc<Session>> {
        lock(&self.active).clone()
    }

    fn live(&self) -> Result<Arc<Session>, AppError> {
        self.active()
            .filter(|s| {
                matches!(
                    lock(&s.summary).status,
                    RunStatus::Running | RunStatus::Paused
                )
            })
            .ok_or(AppError::NoActiveRun)
    }

    /// Starts a run of the document; its events and status arrive through `emit`.
    pub fn start(
        &self,
        subject: Subject<'_>,
        request: RunRequest,
        emit: Emit,
    ) -> Result<RunStatusUpdate, AppError> {
        let input = parse_json(&request.input, "input")?;
        let machine = runnable(subject.definition)?;
        if let Some(name) = &request.start_at {
            if !machine.states.contains_key(name) {
                return Err(AppError::invalid(format!(
                    "cannot run from {name:?}: a run starts at a state of the machine's top level, not inside a Parallel or Map"
                )));
            }
        }
        let key = subject.origin.key();
        self.with_store(|s| {
            s.remember(
                &key,
                &Remembered {
                    last_input: Some(request.input.clone()),
                    last_tasks: Some(request.tasks.clone()),
                    breakpoints: request.breakpoints.clone(),
                    picked_files: s.remembered(&key)?.picked_files,
                },
            )
        })?;
        let started = now_ms();
        let summary = new_summary(
            format!(
                "{:x}-{}",
                started as u64,
                RUN_COUNTER.load(Ordering::SeqCst)
            ),
            execution_name(started),
            RunOrigin::Local,
            pretty(&input),
            started,
        );
        self.launch(
            subject,
            machine,
            summary,
            Launch {
                input,
                tasks: request.tasks,
                breakpoints: request.breakpoints,
                pause_at_start: request.pause_at_start,
                start: match request.start_at {
                    Some(state) => StartFrom::At(state),
                    None => StartFrom::Beginning,
                },
                seed: Vec::new(),
                offset: 0,
            },
            emit,
        )
    }

    fn launch(
        &self,
        subject: Subject<'_>,
        machine: StateMachine,
        summary: RunSummary,
        how: Launch,
        emit: Emit,
    ) -> Result<RunStatusUpdate, AppError> {
        if let Some(s) = self.active() {
            if matches!(
                lock(&s.summary).status,
                RunStatus::Running | RunStatus::Paused
            ) {
                return Err(AppError::RunGoingOn);
            }
        }
        let key = subject.origin.key();
        let definition = stepwise_asl::to_json_string(subject.definition);
        let session = Session::new(
            summary,
            key.clone(),
            definition.clone(),
            Some(&machine),
            Start {
                breakpoints: how.breakpoints,
                pause_at_start: how.pause_at_start,
                offset: how.offset,
            },
            emit,
        );
        session.seed(how.seed);
        let machine = Arc::new(machine);
        let held = HeldTime::new();
        let ask = Arc::new(AskUser {
            session: Arc::downgrade(&session),
            machine: Some(machine.clone()),
            held: held.clone(),
        });
        let router = files::router(&how.tasks, &subject.origin.stem(), ask)?;
        let mut config = ExecutionConfig::new(Arc::new(router));
        config.identity = ExecutionIdentity {
            state_machine_name: subject.origin.stem(),
            execution_name: lock(&session.summary).name.clone(),
            ..ExecutionIdentity::default()
        };
        config.observer = Some(session.clone());
        config.abort = Some(session.abort_signal());
        // Every run keeps where a redrive would go on from.
        config.redrivable = true;
        match how.start {
            StartFrom::Beginning => {}
            StartFrom::At(state) => config.start_at = Some(state),
            StartFrom::Redrive(plan, redriven) => {
                config.redrive = Some(plan);
                config.redriven = Some(redriven);
            }
        }
        config.start_time_ms = Some(now_ms() as i64);
        // Waits pass at once, but the timeline shows the real time tasks and pauses took.
        config.real_timestamps = true;
        // ... but not the time the user takes to answer an "ask me" Task.
        config.held = Some(held);
        let summary = lock(&session.summary).clone();
        let trace = session.trace_text()?;
        self.with_store(|s| s.put_run(&key, &summary, &definition, &trace))?;
        *lock(&self.active) = Some(session.clone());
        let store = self.store.clone();
        let input = how.input;
        let runner = session.clone();
        std::thread::Builder::new()
            .name("stepwise-run".into())
            .spawn(move || {
                let outcome = run_blocking(machine, input, config);
                runner.finish(&outcome, now_ms());
                let summary = lock(&runner.summary).clone();
                let kept = runner
                    .trace_text()
                    .and_then(|trace| match lock(&store).as_ref() {
                        Some(store) => {
                            store.put_run(&runner.document, &summary, &runner.definition, &trace)
                        }
                        None => Ok(()),
                    });
                if let Err(e) = kept {
                    eprintln!("stepwise: could not keep the run: {e}");
                }
                runner.announce_end();
            })
            .map_err(AppError::StartRun)?;
        Ok(session.update())
    }

    pub fn stop(&self) -> Result<(), AppError> {
        self.live()?.stop();
        Ok(())
    }

    /// Pauses the running run before the next state it enters.
    pub fn pause(&self) -> Result<(), AppError> {
        self.live()?.pause_next();
        Ok(())
    }

    pub fn resume(&self, mode: ResumeMode, input: Option<String>) -> Result<(), AppError> {
        let input = match input {
            Some(text) => Some(parse_json(&text, "input of the paused state")?),
            None => None,
        };
        self.live()?.resume(mode, input)
    }

    pub fn answer(&self, id: u32, answer: TaskAnswer) -> Result<(), AppError> {
        if let TaskAnswer::Return { output } = &answer {
            parse_json(output, "task result")?;
        }
        if let TaskAnswer::Throw { error, .. } = &answer {
            if error.trim().is_empty() {
                return Err(AppError::invalid(
                    "Give the error a name, e.g. Lambda.ServiceException",
                ));
            }
        }
        self.live()?.answer(id, answer)
    }

    /// Runs a failed run again from the step that did not finish, with the input and
    /// variables it had, rerunning only the Parallel branches and Map iterations that did not
    /// succeed (the engine's redrive plan, kept in the run's trace); the history goes on after
    /// the old one with `ExecutionRedriven`, as on AWS. A run kept without a plan goes on from
    /// the top-level state entered last.
    pub fn redrive(
        &self,
        subject: Subject<'_>,
        id: &str,
        emit: Emit,
    ) -> Result<RunStatusUpdate, AppError> {
        let (old, definition, trace) = self.with_store(|s| s.run(id))?;
        if !matches!(
            old.status,
            RunStatus::Failed | RunStatus::TimedOut | RunStatus::Aborted
        ) {
            return Err(AppError::NotRedrivable(
                "Only a failed, timed-out or stopped run can be redriven".into(),
            ));
        }
        let def_value = parse_json(&definition, "definition")?;
        let machine = runnable(&def_value)?;
        let redriven = stepwise_engine::Redriven {
            count: 1 + u32::try_from(
                history(&trace)
                    .iter()
                    .filter(|e| e["type"] == "ExecutionRedriven")
                    .count(),
            )
            .unwrap_or(u32::MAX - 1),
            first_start_ms: old.started_ms as i64,
        };
        let (input, start) = match redrive_plan(&trace) {
            Some(plan) => (
                parse_json(&old.input, "run's input")?,
                StartFrom::Redrive(plan, redriven),
            ),
            None => last_state_entered(&machine, &trace)?,
        };
        let tasks = self
            .with_store(|s| s.remembered(&subject.origin.key()))?
            .last_tasks
            .unwrap_or(TaskSource::Ask);
        let offset = history(&trace)
            .iter()
            .filter_map(|e| e.get("id").and_then(Value::as_u64))
            .max()
            .unwrap_or(0);
        let started = now_ms();
        let mut summary = new_summary(
            format!(
                "{:x}-{}",
                started as u64,
                RUN_COUNTER.fetch_add(1, Ordering::SeqCst)
            ),
            old.name.clone(),
            RunOrigin::Redrive,
            old.input.clone(),
            old.started_ms,
        );
        summary.redrive_of = Some(old.id.clone());
        let breakpoints = self
            .with_store(|s| s.remembered(&subject.origin.key()))?
            .breakpoints;
        self.launch(
            Subject {
                origin: subject.origin,
                definition: &def_value,
            },
            machine,
            summary,
            Launch {
                input,
                tasks,
                breakpoints,
                pause_at_start: false,
                start,
                seed: trace,
                offset,
            },
            emit,
        )
    }
}

/// Where a launched run starts.
enum StartFrom {
    Beginning,
    /// A top-level state (running from a state of the canvas).
    At(String),
    /// An earlier run's redrive plan.
    Redrive(stepwise_engine::RedrivePoint, stepwise_engine::Redriven),
}

/// For a run kept without a redrive plan: the top-level state entered last and its input.
fn last_state_entered(
    machine: &StateMachine,
    trace: &[Trace],
) -> Result<(Value, StartFrom), AppError> {
    let rows = Reader::read_all(Some(machine), trace);
    let failed = rows
        .iter()
        .rev()
        .find(|e| {
            !e.child && e.parent.is_none() && matches!(e.kind, EventKind::StateEntered { .. })
        })
        .ok_or_else(|| {
            AppError::NotRedrivable(
                "The run failed before entering any state; run it again instead".into(),
            )
        })?;
    let input = match &failed.input {
        Some(text) => parse_json(text, "failed state's input")?,
        None => Value::Object(Default::default()),
    };
    Ok((
        input,
        StartFrom::At(failed.state.clone().unwrap_or_default()),
    ))
}

struct Launch {
    input: Value,
    tasks: TaskSource,
    breakpoints: Vec<String>,
    pause_at_start: bool,
    start: StartFrom,
    /// Trace items the run continues (a redrive's earlier history).
    seed: Vec<Trace>,
    /// Added to the new events' ids, after the seed's.
    offset: u64,
}
