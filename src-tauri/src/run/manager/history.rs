//! The runs kept for a document: listing, opening, deleting them, and histories in AWS's
//! `get-execution-history` format, saved from a run or opened for replay.

use super::{now_ms, parse_json, Runs, Subject, RUN_COUNTER};
use crate::error::AppError;
use crate::run::files::Origin;
use crate::run::ipc::{
    EventKind, ExecutionPhase, RunEvent, RunOrigin, RunRecord, RunStatus, RunSummary,
};
use crate::run::store::{new_summary, trace_text};
use crate::run::trace::{history, Reader, Trace};
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use stepwise_asl::model::StateMachine;

/// A history's events (AWS's, top level) as a trace, and read for the window.
fn read_history(machine: Option<&StateMachine>, events: Vec<Value>) -> (Vec<Trace>, Vec<RunEvent>) {
    let trace: Vec<Trace> = events
        .into_iter()
        .map(|event| Trace::Event { child: None, event })
        .collect();
    let rows = Reader::read_all(machine, &trace);
    (trace, rows)
}

/// The key a server's execution is kept under when no open document matched its machine.
pub fn server_key(machine_name: &str) -> String {
    format!("server:{machine_name}")
}

impl Runs {
    /// The document's runs, newest first, with the executions of a server's machine of the
    /// same name that no open document matched when they ran.
    pub fn list(&self, origin: &Origin) -> Result<Vec<RunSummary>, AppError> {
        let mut runs = self.with_store(|s| s.runs(&origin.key()))?;
        if !matches!(origin, Origin::Untitled) {
            runs.extend(self.with_store(|s| s.runs(&server_key(&origin.stem())))?);
            runs.sort_by(|a, b| b.started_ms.total_cmp(&a.started_ms));
        }
        // The store has a live run as it began: its status now is the session's.
        for run in &mut runs {
            if let Some(s) = self
                .active()
                .filter(|s| s.id() == run.id)
                .or_else(|| self.external(&run.id))
            {
                *run = s.update().summary;
            }
        }
        Ok(runs)
    }

    pub fn open(&self, id: &str) -> Result<RunRecord, AppError> {
        if let Some(s) = self
            .active()
            .filter(|s| s.id() == id)
            .or_else(|| self.external(id))
        {
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

    pub fn delete(&self, origin: &Origin, id: &str) -> Result<Vec<RunSummary>, AppError> {
        if self.live().is_ok_and(|s| s.id() == id) {
            return Err(AppError::RunGoingOn);
        }
        self.with_store(|s| s.delete_run(id))?;
        self.list(origin)
    }

    /// The run's history as `aws stepfunctions get-execution-history` prints it.
    pub fn history_json(&self, id: &str) -> Result<String, AppError> {
        let (_, _, trace) = self.with_store(|s| s.run(id))?;
        Ok(stepwise_asl::to_json_string(
            &json!({ "events": history(&trace) }),
        ))
    }

    /// Keeps a history exported from AWS as a run of the document, for replay.
    pub fn import(
        &self,
        subject: Subject<'_>,
        file_name: &str,
        text: &str,
    ) -> Result<RunRecord, AppError> {
        let value = parse_json(text, "history file")?;
        let events = match &value {
            Value::Object(o) => o.get("events").cloned(),
            Value::Array(_) => Some(value.clone()),
            _ => None,
        }
        .and_then(|e| e.as_array().cloned())
        .ok_or_else(|| AppError::BadFile("Not an execution history: expected {\"events\": [...]} as `aws stepfunctions get-execution-history` prints it".into()))?;
        for (i, e) in events.iter().enumerate() {
            let ok = e.get("id").and_then(Value::as_u64).is_some()
                && e.get("type").and_then(Value::as_str).is_some();
            if !ok {
                return Err(AppError::BadFile(format!(
                    "Not an execution history: /events/{i} has no numeric \"id\" and string \"type\""
                )));
            }
        }
        let machine = StateMachine::from_value(subject.definition).ok();
        let (trace, rows) = read_history(machine.as_ref(), events);
        if let Some(m) = &machine {
            let known: std::collections::HashSet<&str> =
                m.walk().into_iter().map(|(_, name, _)| name).collect();
            // In the order the history enters them, each once.
            let mut unknown: Vec<&str> = Vec::new();
            for name in rows
                .iter()
                .filter(|e| matches!(e.kind, EventKind::StateEntered { .. }))
                .filter_map(|e| e.state.as_deref())
            {
                if !known.contains(name) && !unknown.contains(&name) {
                    unknown.push(name);
                }
            }
            if !unknown.is_empty() {
                return Err(AppError::BadFile(format!(
                    "This history is of another state machine: the open definition has no state {}. Open the definition it ran, then open the history again",
                    unknown
                        .iter()
                        .take(3)
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
        let summary = imported_summary(file_name, &rows);
        self.keep(&subject, summary, &trace, rows)
    }

    /// The top-level history events of a kept run, as AWS writes them.
    pub fn history_events(&self, id: &str) -> Result<Vec<Value>, AppError> {
        let (_, _, trace) = self.with_store(|s| s.run(id))?;
        Ok(history(&trace))
    }

    /// Keeps the execution of the test `name` (AWS history events) as a run of the document,
    /// for the canvas to show. One run per test: its next one replaces it.
    pub fn keep_test_run(
        &self,
        subject: Subject<'_>,
        name: &str,
        events: Vec<Value>,
    ) -> Result<RunRecord, AppError> {
        let machine = StateMachine::from_value(subject.definition).ok();
        let (trace, rows) = read_history(machine.as_ref(), events);
        let mut summary = imported_summary(name, &rows);
        summary.origin = RunOrigin::Test;
        summary.id = test_run_id(&subject.origin.key(), name);
        // When it was run, not the virtual clock's start the test's history begins at.
        summary.started_ms = now_ms();
        self.keep(&subject, summary, &trace, rows)
    }

    fn keep(
        &self,
        subject: &Subject<'_>,
        summary: RunSummary,
        trace: &[Trace],
        rows: Vec<RunEvent>,
    ) -> Result<RunRecord, AppError> {
        let key = subject.origin.key();
        let definition = stepwise_asl::to_json_string(subject.definition);
        let text = trace_text(trace)?;
        self.with_store(|s| s.put_run(&key, &summary, &definition, &text))?;
        Ok(RunRecord {
            summary,
            events: rows,
        })
    }
}

/// The kept run of a test: the same id each time, so that it replaces the last one.
fn test_run_id(document: &str, test: &str) -> String {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same id across launches of the app.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (document, test).hash(&mut h);
    format!("test-{:016x}", h.finish())
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
        .find(|e| {
            e.kind
                == EventKind::Execution {
                    phase: ExecutionPhase::Started,
                }
        })
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
        .find(|e| !e.child && matches!(e.kind, EventKind::Execution { .. }));
    s.status = match last.map(|e| e.kind) {
        Some(EventKind::Execution { phase }) => match phase {
            ExecutionPhase::Succeeded => RunStatus::Succeeded,
            ExecutionPhase::Failed => RunStatus::Failed,
            ExecutionPhase::TimedOut => RunStatus::TimedOut,
            ExecutionPhase::Aborted => RunStatus::Aborted,
            // A history cut off mid-run: shown as it stands.
            ExecutionPhase::Started | ExecutionPhase::Redriven => RunStatus::Running,
        },
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
