//! One execution in progress: the engine runs it on a thread of its own; the session
//! watches it ([`Observer`]), keeps its trace, pauses it at breakpoints, asks the user for
//! Task results in "ask me" mode, and sends the window its events in batches.

use super::ipc::{
    PauseInfo, PauseReason, ResumeMode, RunEvent, RunEventBatch, RunStatus, RunStatusUpdate,
    RunSummary, ShapeField, TaskAnswer, TaskQuestion, TaskShape,
};
use super::trace::{Child, Reader, Trace};
use crate::error::AppError;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use stepwise_asl::model::StateMachine;
use stepwise_engine::exec::HeldTime;
use stepwise_engine::history::HistoryEvent;
use stepwise_engine::observe::{ChildRef, Observer, PauseAt, Resume, Stage};
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::StatesError;
use tokio::sync::{oneshot, watch};

/// What a session tells the window.
pub enum Outgoing {
    Events(RunEventBatch),
    Status(Box<RunStatusUpdate>),
}

pub type Emit = Arc<dyn Fn(Outgoing) + Send + Sync>;

/// How often queued events go to the window: about every other frame, so a fast run arrives
/// in batches rather than as thousands of IPC messages; the window plays them out frame by
/// frame.
const FLUSH_EVERY: Duration = Duration::from_millis(33);
/// The most events in one message: the window parses a message in one go, and a parse of
/// more than this shows as a dropped frame.
const MOST_PER_MESSAGE: usize = 1_000;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

struct Control {
    breakpoints: HashSet<String>,
    stepping: bool,
    pause: Option<PauseInfo>,
    questions: Vec<TaskQuestion>,
}

enum Command {
    Resume(ResumeMode, Option<Value>),
    Abort,
}

/// How a session starts: where it pauses, and the id its events are numbered after.
pub struct Start {
    pub breakpoints: Vec<String>,
    pub pause_at_start: bool,
    pub offset: u64,
}

pub struct Session {
    pub summary: Mutex<RunSummary>,
    /// The document key the run is kept under.
    pub document: String,
    /// The definition as run, JSON text.
    pub definition: String,
    trace: Mutex<Vec<Trace>>,
    reader: Mutex<Reader>,
    outbox: Mutex<Vec<RunEvent>>,
    sending: Mutex<()>,
    control: Mutex<Control>,
    /// Set when pausing may be needed (breakpoints or stepping), so most states skip the lock.
    may_pause: AtomicBool,
    /// One pause at a time: concurrent Map iterations or branches wait their turn.
    pausing: Mutex<()>,
    commands_tx: Mutex<mpsc::Sender<Command>>,
    commands_rx: Mutex<mpsc::Receiver<Command>>,
    answers: Mutex<Vec<(u32, oneshot::Sender<TaskAnswer>)>>,
    next_question: AtomicU32,
    abort: watch::Sender<bool>,
    ended: AtomicBool,
    /// A redrive's new events are numbered after the history it continues.
    offset: u64,
    redrive_count: AtomicU32,
    emit: Emit,
    /// How Stop reaches an engine this session does not own (a server's execution: its
    /// StopExecution), besides the session's own abort signal.
    on_stop: Mutex<Option<Box<dyn Fn() + Send + Sync>>>,
}

impl Session {
    pub fn new(
        summary: RunSummary,
        document: String,
        definition: String,
        machine: Option<&StateMachine>,
        start: Start,
        emit: Emit,
    ) -> Arc<Session> {
        let Start {
            breakpoints,
            pause_at_start,
            offset,
        } = start;
        let (tx, rx) = mpsc::channel();
        let session = Arc::new(Session {
            summary: Mutex::new(summary),
            document,
            definition,
            trace: Mutex::new(Vec::new()),
            reader: Mutex::new(Reader::new(machine)),
            outbox: Mutex::new(Vec::new()),
            sending: Mutex::new(()),
            control: Mutex::new(Control {
                breakpoints: breakpoints.iter().cloned().collect(),
                stepping: pause_at_start,
                pause: None,
                questions: Vec::new(),
            }),
            may_pause: AtomicBool::new(pause_at_start || !breakpoints.is_empty()),
            pausing: Mutex::new(()),
            commands_tx: Mutex::new(tx),
            commands_rx: Mutex::new(rx),
            answers: Mutex::new(Vec::new()),
            next_question: AtomicU32::new(1),
            abort: watch::channel(false).0,
            ended: AtomicBool::new(false),
            offset,
            redrive_count: AtomicU32::new(1),
            emit,
            on_stop: Mutex::new(None),
        });
        let flusher = Arc::downgrade(&session);
        std::thread::spawn(move || loop {
            std::thread::sleep(FLUSH_EVERY);
            let Some(s) = flusher.upgrade() else { return };
            s.flush();
            if s.ended.load(Ordering::SeqCst) {
                return;
            }
        });
        session
    }

    pub fn id(&self) -> String {
        lock(&self.summary).id.clone()
    }

    pub fn abort_signal(&self) -> watch::Receiver<bool> {
        self.abort.subscribe()
    }

    /// Seeds the trace, as a redrive does with the events of the run it continues.
    pub fn seed(&self, items: Vec<Trace>) {
        let redrives = items
            .iter()
            .filter(|t| matches!(t, Trace::Event { child: None, event } if event["type"] == "ExecutionRedriven"))
            .count();
        self.redrive_count.store(
            u32::try_from(redrives + 1).unwrap_or(u32::MAX),
            Ordering::SeqCst,
        );
        // The plan the redrive goes on from is spent; this run keeps its own.
        let items: Vec<Trace> = items
            .into_iter()
            .filter(|t| !matches!(t, Trace::Redrive { .. }))
            .collect();
        let mut reader = lock(&self.reader);
        let mut outbox = lock(&self.outbox);
        for item in &items {
            if let Some(e) = reader.read(item) {
                outbox.push(e);
            }
        }
        lock(&self.trace).extend(items);
    }

    pub fn trace(&self) -> Vec<Trace> {
        lock(&self.trace).clone()
    }

    /// The trace as the store keeps it, written without copying it first.
    pub fn trace_text(&self) -> Result<String, super::store::StoreError> {
        super::store::trace_text(&lock(&self.trace))
    }

    pub fn update(&self) -> RunStatusUpdate {
        let control = lock(&self.control);
        let mut summary = lock(&self.summary).clone();
        summary.event_count = u32::try_from(self.event_count()).unwrap_or(u32::MAX);
        RunStatusUpdate {
            summary,
            pause: control.pause.clone(),
            questions: control.questions.clone(),
        }
    }

    fn event_count(&self) -> usize {
        lock(&self.trace)
            .iter()
            .filter(|t| matches!(t, Trace::Event { child: None, .. }))
            .count()
    }

    /// Sets how Stop reaches the engine when the session does not own it.
    pub fn on_stop(&self, stop: impl Fn() + Send + Sync + 'static) {
        *lock(&self.on_stop) = Some(Box::new(stop));
    }

    /// Records an event read from elsewhere (a server's `GetExecutionHistory`), as the
    /// engine's own events are.
    pub fn ingest(&self, event: Value) {
        self.record(Trace::Event { child: None, event });
    }

    /// Sends the queued events, then the status.
    pub(crate) fn announce(&self) {
        self.flush();
        let _sending = lock(&self.sending);
        (self.emit)(Outgoing::Status(Box::new(self.update())));
    }

    pub fn flush(&self) {
        // Taking and sending under one lock keeps batches in order across the flusher
        // thread and the run's own announcements.
        let _sending = lock(&self.sending);
        let mut events = std::mem::take(&mut *lock(&self.outbox));
        let id = self.id();
        while !events.is_empty() {
            let rest = events.split_off(events.len().min(MOST_PER_MESSAGE));
            (self.emit)(Outgoing::Events(RunEventBatch {
                run_id: id.clone(),
                events,
            }));
            events = rest;
        }
    }

    fn record(&self, item: Trace) {
        let event = lock(&self.reader).read(&item);
        lock(&self.trace).push(item);
        if let Some(e) = event {
            lock(&self.outbox).push(e);
        }
    }

    pub fn set_breakpoints(&self, names: &[String]) {
        let mut control = lock(&self.control);
        control.breakpoints = names.iter().cloned().collect();
        self.may_pause.store(
            control.stepping || !control.breakpoints.is_empty(),
            Ordering::SeqCst,
        );
    }

    /// Pauses the run before the next state it enters (the Pause button).
    pub fn pause_next(&self) {
        lock(&self.control).stepping = true;
        self.may_pause.store(true, Ordering::SeqCst);
    }

    /// Resumes a paused run; an error when it is not paused.
    pub fn resume(&self, mode: ResumeMode, input: Option<Value>) -> Result<(), AppError> {
        if lock(&self.control).pause.is_none() {
            return Err(AppError::NotPaused);
        }
        lock(&self.commands_tx)
            .send(Command::Resume(mode, input))
            .map_err(|_| AppError::RunEnded)
    }

    pub fn answer(&self, id: u32, answer: TaskAnswer) -> Result<(), AppError> {
        let sender = {
            let mut answers = lock(&self.answers);
            let at = answers
                .iter()
                .position(|(q, _)| *q == id)
                .ok_or_else(|| AppError::invalid(format!("no task is waiting for answer {id}")))?;
            answers.remove(at).1
        };
        lock(&self.control).questions.retain(|q| q.id != id);
        let _ = sender.send(answer);
        {
            let mut summary = lock(&self.summary);
            if summary.status == RunStatus::Running || summary.status == RunStatus::Paused {
                summary.status = if lock(&self.control).pause.is_some() {
                    RunStatus::Paused
                } else {
                    RunStatus::Running
                };
            }
        }
        self.announce();
        Ok(())
    }

    /// Stops the run: it records `ExecutionAborted` (AWS's StopExecution) and ends.
    pub fn stop(&self) {
        self.release();
        if let Some(stop) = lock(&self.on_stop).as_ref() {
            stop();
        }
    }

    /// Lets go of the run being stopped by its owner (a client's StopExecution): a pause or a
    /// question it waits on ends.
    pub fn release(&self) {
        let _ = self.abort.send(true);
        let _ = lock(&self.commands_tx).send(Command::Abort);
        // Dropping the senders fails the questions' futures; the abort ends the run first.
        lock(&self.answers).clear();
        lock(&self.control).questions.clear();
    }

    /// Records the run's end; [`Session::announce_end`] tells the window.
    pub fn finish(&self, outcome: &stepwise_engine::Outcome, now_ms: f64) {
        let count = u32::try_from(self.event_count()).unwrap_or(u32::MAX);
        {
            let mut s = lock(&self.summary);
            s.event_count = count;
            s.status = match outcome.status {
                stepwise_engine::Status::Succeeded => RunStatus::Succeeded,
                stepwise_engine::Status::Failed => RunStatus::Failed,
                stepwise_engine::Status::TimedOut => RunStatus::TimedOut,
                stepwise_engine::Status::Aborted => RunStatus::Aborted,
            };
            s.duration_ms = Some((now_ms - s.started_ms).max(0.0));
            s.output = outcome.output.as_ref().map(super::events::pretty);
            if outcome.status != stepwise_engine::Status::Aborted {
                s.error = outcome.error.as_ref().map(|e| e.error.clone());
                s.cause = outcome.error.as_ref().and_then(|e| e.cause.clone());
            }
        }
        {
            let mut control = lock(&self.control);
            control.pause = None;
            control.questions.clear();
        }
        if let Some(plan) = &outcome.redrive {
            self.record(Trace::Redrive { plan: plan.clone() });
        }
        self.ended.store(true, Ordering::SeqCst);
    }

    /// Tells the window the run ended: after [`Session::finish`] and after the run is kept,
    /// so the list of runs the window asks for then has it finished.
    pub fn announce_end(&self) {
        self.announce();
    }

    fn iterations_at(
        &self,
        child: Option<ChildRef>,
        previous: u64,
    ) -> Vec<super::ipc::IterationRef> {
        let previous = if child.is_none() {
            previous + self.offset
        } else {
            previous
        };
        lock(&self.reader).iterations_at(child.map(|c| self.to_child(c)), previous)
    }
}

impl Session {
    fn to_child(&self, c: ChildRef) -> Child {
        Child {
            map: c.map_entered_id + self.offset,
            index: u32::try_from(c.index).unwrap_or(u32::MAX),
        }
    }

    /// Numbers a redrive's event after the history it continues; its `ExecutionStarted`
    /// becomes AWS's `ExecutionRedriven`.
    fn renumber(&self, mut event: Value) -> Value {
        let Some(obj) = event.as_object_mut() else {
            return event;
        };
        let shift = |v: Option<&Value>| v.and_then(Value::as_u64).unwrap_or(0) + self.offset;
        let id = shift(obj.get("id"));
        let previous = shift(obj.get("previousEventId"));
        obj.insert("id".into(), id.into());
        obj.insert("previousEventId".into(), previous.into());
        if obj.get("type").and_then(Value::as_str) == Some("ExecutionStarted") {
            obj.remove("executionStartedEventDetails");
            obj.insert("type".into(), "ExecutionRedriven".into());
            obj.insert("previousEventId".into(), self.offset.into());
            obj.insert(
                "executionRedrivenEventDetails".into(),
                serde_json::json!({ "redriveCount": self.redrive_count.load(Ordering::SeqCst) }),
            );
        }
        event
    }
}

impl Observer for Session {
    fn event(&self, child: Option<ChildRef>, event: &HistoryEvent) {
        let event = match serde_json::to_value(event) {
            Ok(v) => v,
            Err(_) => return,
        };
        let event = if self.offset > 0 && child.is_none() {
            self.renumber(event)
        } else {
            event
        };
        self.record(Trace::Event {
            child: child.map(|c| self.to_child(c)),
            event,
        });
    }

    fn stage(&self, child: Option<ChildRef>, entered_id: u64, stage: Stage, value: &Value) {
        let entered = if child.is_none() {
            entered_id + self.offset
        } else {
            entered_id
        };
        self.record(Trace::Stage {
            child: child.map(|c| self.to_child(c)),
            entered,
            stage: stage.aws_name().to_string(),
            value: value.clone(),
        });
    }

    fn wants_pause(&self, name: &str) -> bool {
        if !self.may_pause.load(Ordering::Relaxed) {
            return false;
        }
        let control = lock(&self.control);
        control.stepping || control.breakpoints.contains(name)
    }

    fn pause(&self, at: PauseAt<'_>) -> Resume {
        let _turn = lock(&self.pausing);
        if *self.abort.borrow() {
            return Resume::Abort;
        }
        // Another pause may have switched stepping off or removed the breakpoint meanwhile.
        let reason = {
            let control = lock(&self.control);
            if control.stepping {
                PauseReason::Step
            } else if control.breakpoints.contains(at.name) {
                PauseReason::Breakpoint
            } else {
                return Resume::Continue(None);
            }
        };
        let reason = if self.event_count() <= 1 && reason == PauseReason::Step {
            PauseReason::Start
        } else {
            reason
        };
        lock(&self.control).pause = Some(PauseInfo {
            state: at.name.to_string(),
            input: super::events::pretty(at.input),
            reason,
            iterations: self.iterations_at(at.child, at.previous_event_id),
        });
        lock(&self.summary).status = RunStatus::Paused;
        self.announce();
        let command = lock(&self.commands_rx).recv().unwrap_or(Command::Abort);
        let resume = match command {
            Command::Abort => Resume::Abort,
            Command::Resume(mode, input) => {
                let mut control = lock(&self.control);
                control.stepping = mode == ResumeMode::Step;
                self.may_pause.store(
                    control.stepping || !control.breakpoints.is_empty(),
                    Ordering::SeqCst,
                );
                Resume::Continue(input)
            }
        };
        lock(&self.control).pause = None;
        if resume != Resume::Abort {
            lock(&self.summary).status = RunStatus::Running;
            self.announce();
        }
        resume
    }
}

mod ask;
pub use ask::{task_shape, AskUser};
