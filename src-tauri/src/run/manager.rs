//! The run panel's operations, without Tauri: start, pause/step/continue, answer, stop,
//! redrive, the kept runs, saved inputs, history in and out, and the data-flow preview.
//! The commands in [`super::commands`] are thin wrappers over these.

use super::events::pretty;
use super::files::{self, Origin};
use super::ipc::*;
use super::session::{AskUser, Emit, Session, Start};
use super::store::{new_summary, Remembered, Store};
use super::trace::{history, Reader, Trace};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
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
}

static RUN_COUNTER: AtomicU64 = AtomicU64::new(0);

fn now_ms() -> f64 {
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

fn parse_json(text: &str, what: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "The {what} is not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })
}

/// The machine of a definition, or why it cannot run (its first problems, with pointers).
fn runnable(definition: &Value) -> Result<StateMachine, String> {
    let doc = Document::from_value(definition.clone(), SourceFormat::Json, 0);
    let errors: Vec<String> = doc
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .take(3)
        .map(|d| {
            let at = if d.pointer.is_empty() {
                "/"
            } else {
                &d.pointer
            };
            format!("{at}: {}", d.message)
        })
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "The definition has problems; fix them before running. {}",
            errors.join("; ")
        ));
    }
    doc.machine().cloned().ok_or_else(|| {
        doc.model_error()
            .unwrap_or("not a state machine")
            .to_string()
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
        f: impl FnOnce(&Store) -> Result<T, super::store::StoreError>,
    ) -> Result<T, String> {
        let mut guard = lock(&self.store);
        if guard.is_none() {
            let dir = lock(&self.data_dir)
                .clone()
                .ok_or("the app's data folder is not known")?;
            let store = Store::open(&dir).map_err(|e| e.to_string())?;
            store.settle_unfinished().map_err(|e| e.to_string())?;
            *guard = Some(store);
        }
        match guard.as_ref() {
            Some(store) => f(store).map_err(|e| e.to_string()),
            None => Err("the runs database is not open".into()),
        }
    }

    fn active(&self) -> Option<Arc<Session>> {
        lock(&self.active).clone()
    }

    fn live(&self) -> Result<Arc<Session>, String> {
        self.active()
            .filter(|s| {
                matches!(
                    lock(&s.summary).status,
                    RunStatus::Running | RunStatus::Paused
                )
            })
            .ok_or_else(|| "no run is going on".to_string())
    }

    pub fn setup(&self, origin: &Origin) -> Result<RunSetup, String> {
        let key = origin.key();
        let remembered = self.with_store(|s| s.remembered(&key))?;
        let input = remembered
            .last_input
            .clone()
            .or_else(|| origin.default_input())
            .unwrap_or_else(|| "{}".to_string());
        let active = self
            .active()
            .filter(|s| s.document == key)
            .map(|s| s.update());
        Ok(RunSetup {
            input,
            saved_inputs: self.with_store(|s| s.inputs(&key))?,
            files: files::discover(origin, &remembered.picked_files),
            last_tasks: remembered.last_tasks,
            breakpoints: remembered.breakpoints,
            runs: self.with_store(|s| s.runs(&key))?,
            active,
        })
    }

    /// Adds a file the user picked to the document's task sources.
    pub fn pick_file(
        &self,
        origin: &Origin,
        path: &Path,
        kind: RunFileKind,
    ) -> Result<RunFile, String> {
        let key = origin.key();
        let path = path.display().to_string();
        let mut r = self.with_store(|s| s.remembered(&key))?;
        if !r.picked_files.contains(&path) {
            r.picked_files.push(path.clone());
            self.with_store(|s| s.remember(&key, &r))?;
        }
        Ok(files::describe(&path, kind, &origin.stem()))
    }

    pub fn save_input(
        &self,
        origin: &Origin,
        name: &str,
        input: &str,
    ) -> Result<Vec<SavedInput>, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("Give the input a name".into());
        }
        parse_json(input, "input")?;
        let key = origin.key();
        self.with_store(|s| s.save_input(&key, name, input))?;
        self.with_store(|s| s.inputs(&key))
    }

    pub fn delete_input(&self, origin: &Origin, name: &str) -> Result<Vec<SavedInput>, String> {
        let key = origin.key();
        self.with_store(|s| s.delete_input(&key, name))?;
        self.with_store(|s| s.inputs(&key))
    }

    pub fn set_breakpoints(&self, origin: &Origin, names: Vec<String>) -> Result<(), String> {
        if let Some(s) = self.active() {
            s.set_breakpoints(&names);
        }
        let key = origin.key();
        let mut r = self.with_store(|s| s.remembered(&key))?;
        r.breakpoints = names;
        self.with_store(|s| s.remember(&key, &r))
    }

    /// Starts a run of the document; its events and status arrive through `emit`.
    pub fn start(
        &self,
        subject: Subject<'_>,
        request: RunRequest,
        emit: Emit,
    ) -> Result<RunStatusUpdate, String> {
        let input = parse_json(&request.input, "input")?;
        let machine = runnable(subject.definition)?;
        if let Some(name) = &request.start_at {
            if !machine.states.contains_key(name) {
                return Err(format!(
                    "cannot run from {name:?}: a run starts at a state of the machine's top level, not inside a Parallel or Map"
                ));
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
                start_at: request.start_at,
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
    ) -> Result<RunStatusUpdate, String> {
        if let Some(s) = self.active() {
            if matches!(
                lock(&s.summary).status,
                RunStatus::Running | RunStatus::Paused
            ) {
                return Err("A run is going on; stop it first".into());
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
        config.start_at = how.start_at;
        config.start_time_ms = Some(now_ms() as i64);
        // Waits pass at once, but the timeline shows the real time tasks and pauses took.
        config.real_timestamps = true;
        // ... but not the time the user takes to answer an "ask me" Task.
        config.held = Some(held);
        let summary = lock(&session.summary).clone();
        let trace = session.trace_text().map_err(|e| e.to_string())?;
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
            })
            .map_err(|e| format!("could not start the run: {e}"))?;
        Ok(session.update())
    }

    pub fn stop(&self) -> Result<(), String> {
        self.live()?.stop();
        Ok(())
    }

    /// Pauses the running run before the next state it enters.
    pub fn pause(&self) -> Result<(), String> {
        self.live()?.pause_next();
        Ok(())
    }

    pub fn resume(&self, mode: ResumeMode, input: Option<String>) -> Result<(), String> {
        let input = match input {
            Some(text) => Some(parse_json(&text, "input of the paused state")?),
            None => None,
        };
        self.live()?.resume(mode, input)
    }

    pub fn answer(&self, id: u32, answer: TaskAnswer) -> Result<(), String> {
        if let TaskAnswer::Return { output } = &answer {
            parse_json(output, "task result")?;
        }
        if let TaskAnswer::Throw { error, .. } = &answer {
            if error.trim().is_empty() {
                return Err("Give the error a name, e.g. Lambda.ServiceException".into());
            }
        }
        self.live()?.answer(id, answer)
    }

    pub fn list(&self, origin: &Origin) -> Result<Vec<RunSummary>, String> {
        self.with_store(|s| s.runs(&origin.key()))
    }

    pub fn open(&self, id: &str) -> Result<RunRecord, String> {
        if let Some(s) = self.active().filter(|s| s.id() == id) {
            let machine = StateMachine::from_value(&parse_json(&s.definition, "definition")?).ok();
            return Ok(RunRecord {
                summary: s.update().summary,
                events: Reader::read_all(machine.as_ref(), &s.trace()),
            });
        }
        let (summary, definition, trace) = self.with_store(|s| s.run(id))?;
        let machine = serde_json::from_str::<Value>(&definition)
            .ok()
            .and_then(|v| StateMachine::from_value(&v).ok());
        Ok(RunRecord {
            summary,
            events: Reader::read_all(machine.as_ref(), &trace),
        })
    }

    pub fn delete(&self, origin: &Origin, id: &str) -> Result<Vec<RunSummary>, String> {
        if self.live().is_ok_and(|s| s.id() == id) {
            return Err("Stop the run before deleting it".into());
        }
        self.with_store(|s| s.delete_run(id))?;
        self.list(origin)
    }

    /// The run's history as `aws stepfunctions get-execution-history` prints it.
    pub fn history_json(&self, id: &str) -> Result<String, String> {
        let (_, _, trace) = self.with_store(|s| s.run(id))?;
        let text = serde_json::to_string_pretty(&json!({ "events": history(&trace) }))
            .map_err(|e| e.to_string())?;
        Ok(format!("{text}\n"))
    }

    /// Keeps a history exported from AWS as a run of the document, for replay.
    pub fn import(
        &self,
        subject: Subject<'_>,
        file_name: &str,
        text: &str,
    ) -> Result<RunRecord, String> {
        let value = parse_json(text, "history file")?;
        let events = match &value {
            Value::Object(o) => o.get("events").cloned(),
            Value::Array(_) => Some(value.clone()),
            _ => None,
        }
        .and_then(|e| e.as_array().cloned())
        .ok_or("Not an execution history: expected {\"events\": [...]} as `aws stepfunctions get-execution-history` prints it")?;
        for (i, e) in events.iter().enumerate() {
            let ok = e.get("id").and_then(Value::as_u64).is_some()
                && e.get("type").and_then(Value::as_str).is_some();
            if !ok {
                return Err(format!(
                    "Not an execution history: /events/{i} has no numeric \"id\" and string \"type\""
                ));
            }
        }
        let trace: Vec<Trace> = events
            .into_iter()
            .map(|event| Trace::Event { child: None, event })
            .collect();
        let machine = StateMachine::from_value(subject.definition).ok();
        let rows = Reader::read_all(machine.as_ref(), &trace);
        if let Some(m) = &machine {
            let known: std::collections::HashSet<&str> =
                m.walk().into_iter().map(|(_, name, _)| name).collect();
            // In the order the history enters them, each once.
            let mut unknown: Vec<&str> = Vec::new();
            for name in rows
                .iter()
                .filter(|e| e.event_type.ends_with("StateEntered"))
                .filter_map(|e| e.state.as_deref())
            {
                if !known.contains(name) && !unknown.contains(&name) {
                    unknown.push(name);
                }
            }
            if !unknown.is_empty() {
                return Err(format!(
                    "This history is of another state machine: the open definition has no state {}. Open the definition it ran, then open the history again",
                    unknown
                        .iter()
                        .take(3)
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        let summary = imported_summary(file_name, &rows);
        let key = subject.origin.key();
        let definition = stepwise_asl::to_json_string(subject.definition);
        let text = super::store::trace_text(&trace).map_err(|e| e.to_string())?;
        self.with_store(|s| s.put_run(&key, &summary, &definition, &text))?;
        Ok(RunRecord {
            summary,
            events: rows,
        })
    }

    /// Runs a failed run again from the top-level state that failed, with the input that
    /// state had; the history goes on after the old one with `ExecutionRedriven`, as on AWS.
    pub fn redrive(
        &self,
        subject: Subject<'_>,
        id: &str,
        emit: Emit,
    ) -> Result<RunStatusUpdate, String> {
        let (old, definition, trace) = self.with_store(|s| s.run(id))?;
        if !matches!(
            old.status,
            RunStatus::Failed | RunStatus::TimedOut | RunStatus::Aborted
        ) {
            return Err("Only a failed, timed-out or stopped run can be redriven".into());
        }
        let def_value = parse_json(&definition, "definition")?;
        let machine = runnable(&def_value)?;
        let rows = Reader::read_all(Some(&machine), &trace);
        let failed = rows
            .iter()
            .rev()
            .find(|e| !e.child && e.parent.is_none() && e.event_type.ends_with("StateEntered"))
            .ok_or("The run failed before entering any state; run it again instead")?;
        let state = failed.state.clone().unwrap_or_default();
        let input = match &failed.input {
            Some(text) => parse_json(text, "failed state's input")?,
            None => Value::Object(Default::default()),
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
                start_at: Some(state),
                seed: trace,
                offset,
            },
            emit,
        )
    }
}

struct Launch {
    input: Value,
    tasks: TaskSource,
    breakpoints: Vec<String>,
    pause_at_start: bool,
    start_at: Option<String>,
    /// Trace items the run continues (a redrive's earlier history).
    seed: Vec<Trace>,
    /// Added to the new events' ids, after the seed's.
    offset: u64,
}

/// A summary for an imported history, from its first and last events.
fn imported_summary(file_name: &str, rows: &[RunEvent]) -> RunSummary {
    let started = rows
        .first()
        .and_then(|e| stepwise_asl::timestamp::parse_millis(&e.timestamp))
        .map(|ms| ms as f64)
        .unwrap_or_else(now_ms);
    let input = rows
        .iter()
        .find(|e| e.event_type == "ExecutionStarted")
        .and_then(|e| e.input.clone())
        .unwrap_or_else(|| "{}".into());
    let mut s = new_summary(
        format!(
            "import-{:x}-{}",
            now_ms() as u64,
            RUN_COUNTER.fetch_add(1, Ordering::SeqCst)
        ),
        file_name.to_string(),
        RunOrigin::Imported,
        input,
        started,
    );
    let last = rows
        .iter()
        .rev()
        .find(|e| !e.child && e.event_type.starts_with("Execution"));
    s.status = match last.map(|e| e.event_type.as_str()) {
        Some("ExecutionSucceeded") => RunStatus::Succeeded,
        Some("ExecutionFailed") => RunStatus::Failed,
        Some("ExecutionTimedOut") => RunStatus::TimedOut,
        Some("ExecutionAborted") => RunStatus::Aborted,
        // A history cut off mid-run: shown as it stands.
        _ => RunStatus::Running,
    };
    if let Some(e) = last {
        s.output = e.output.clone();
        s.error = e.error.clone();
        s.cause = e.cause.clone();
    }
    s.duration_ms = rows
        .iter()
        .filter(|e| !e.child)
        .map(|e| e.elapsed_ms)
        .reduce(f64::max);
    s.event_count = u32::try_from(rows.iter().filter(|e| !e.child).count()).unwrap_or(u32::MAX);
    s
}

/// The data-flow preview of the state at `pointer` (AWS TestState, inspection level DEBUG).
pub fn preview(definition: &Value, request: &PreviewRequest) -> Result<PreviewReply, String> {
    let machine = StateMachine::from_value(definition)
        .map_err(|e| format!("The definition cannot be read as a state machine: {e}"))?;
    let (scope, name) = scope_of(&machine, &request.pointer)
        .ok_or_else(|| format!("No state at {}", request.pointer))?;
    let input = parse_json(&request.input, "input")?;
    let variables = match request.variables.trim() {
        "" => Default::default(),
        text => match parse_json(text, "variables")? {
            Value::Object(map) => map,
            _ => return Err("The variables must be a JSON object".into()),
        },
    };
    let task_result = match (&request.result, &request.error) {
        (_, Some(error)) if !error.trim().is_empty() => Some(Err(match request.cause.as_deref() {
            Some(c) if !c.is_empty() => stepwise_engine::StatesError::new(error.trim(), c),
            _ => stepwise_engine::StatesError::bare(error.trim()),
        })),
        (Some(result), _) if !result.trim().is_empty() => {
            Some(Ok(parse_json(result, "task result")?))
        }
        _ => None,
    };
    let out = stepwise_engine::test_state::test_state(
        scope,
        &name,
        stepwise_engine::test_state::TestStateInput {
            input,
            task_result,
            variables,
        },
    )
    .ok_or_else(|| format!("No state at {}", request.pointer))?;
    use stepwise_engine::test_state::TestStatus;
    Ok(PreviewReply {
        status: match out.status {
            TestStatus::Succeeded => PreviewStatus::Succeeded,
            TestStatus::Failed => PreviewStatus::Failed,
            TestStatus::Retriable => PreviewStatus::Retriable,
            TestStatus::CaughtError => PreviewStatus::CaughtError,
        },
        stages: out
            .stages
            .iter()
            .map(|(s, v)| StageValue {
                stage: s.aws_name().to_string(),
                value: pretty(v),
            })
            .collect(),
        output: out.output.as_ref().map(pretty),
        error: out.error.as_ref().map(|e| e.error.clone()),
        cause: out.error.as_ref().and_then(|e| e.cause.clone()),
        next_state: out.next_state,
    })
}

/// The scope (machine, branch or processor) holding the state at `pointer`, and its name.
fn scope_of<'a>(machine: &'a StateMachine, pointer: &str) -> Option<(&'a StateMachine, String)> {
    let parts: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|p| p.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut scope = machine;
    let mut i = 0;
    loop {
        if parts.get(i).map(String::as_str) != Some("States") {
            return None;
        }
        let name = parts.get(i + 1)?;
        let state = scope.states.get(name)?;
        if i + 2 == parts.len() {
            return Some((scope, name.clone()));
        }
        scope = match (state, parts.get(i + 2).map(String::as_str)) {
            (stepwise_asl::model::State::Parallel(p), Some("Branches")) => {
                let b: usize = parts.get(i + 3)?.parse().ok()?;
                i += 4;
                p.branches.get(b)?
            }
            (stepwise_asl::model::State::Map(m), Some(_)) => {
                i += 3;
                m.processor_with_field()?.1
            }
            _ => return None,
        };
    }
}
