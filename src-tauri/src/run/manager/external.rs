//! Runs the engine runs for someone else: executions a client starts through the Step
//! Functions API of the studio's server (or of a server the studio is attached to). They are
//! kept and shown like local runs; the first one live becomes the active run (its events go to
//! the window, the run panel's Pause, Resume and Stop act on it), the others wait their turn.

use super::{lock, Runs};
use crate::error::AppError;
use crate::run::ipc::{RunStatus, RunSummary};
use crate::run::session::{Emit, Session, Start};
use std::sync::Arc;
use stepwise_asl::model::StateMachine;

/// An execution arriving from elsewhere.
pub struct Arrival<'a> {
    /// The document key it is kept under.
    pub key: String,
    /// The definition it runs, JSON text.
    pub definition: String,
    pub machine: Option<&'a StateMachine>,
    pub summary: RunSummary,
    pub breakpoints: Vec<String>,
}

fn is_live(s: &Session) -> bool {
    matches!(
        lock(&s.summary).status,
        RunStatus::Running | RunStatus::Paused
    )
}

impl Runs {
    /// Begins keeping and showing an execution run elsewhere; the session returned observes
    /// it (events, stages, pauses at the document's breakpoints).
    pub fn begin_external(
        &self,
        arrival: Arrival<'_>,
        emit: Emit,
    ) -> Result<Arc<Session>, AppError> {
        let session = Session::new(
            arrival.summary,
            arrival.key.clone(),
            arrival.definition.clone(),
            arrival.machine,
            Start {
                breakpoints: arrival.breakpoints,
                pause_at_start: false,
                offset: 0,
            },
            emit,
        );
        let summary = lock(&session.summary).clone();
        let trace = session.trace_text()?;
        self.with_store(|s| s.put_run(&arrival.key, &summary, &arrival.definition, &trace))?;
        lock(&self.external).push(session.clone());
        self.promote();
        Ok(session)
    }

    /// Keeps the finished execution and tells the window; the next live one takes its place.
    pub fn end_external(&self, session: &Arc<Session>, outcome: &stepwise_engine::Outcome) {
        session.finish(outcome, super::now_ms());
        let summary = lock(&session.summary).clone();
        let kept = session
            .trace_text()
            .and_then(|trace| match lock(&self.store).as_ref() {
                Some(store) => {
                    store.put_run(&session.document, &summary, &session.definition, &trace)
                }
                None => Ok(()),
            });
        if let Err(e) = kept {
            eprintln!("stepwise: could not keep the run: {e}");
        }
        lock(&self.external).retain(|s| !Arc::ptr_eq(s, session));
        session.announce_end();
        self.promote();
    }

    /// Makes the oldest live external execution the active run when none is going on, and
    /// tells the window (which shows it).
    fn promote(&self) {
        let next = {
            let mut active = lock(&self.active);
            if active.as_ref().is_some_and(|s| is_live(s)) {
                return;
            }
            let Some(next) = lock(&self.external).iter().find(|s| is_live(s)).cloned() else {
                return;
            };
            *active = Some(next.clone());
            next
        };
        next.announce();
    }

    /// The breakpoints remembered for the document `key`.
    pub fn breakpoints(&self, key: &str) -> Result<Vec<String>, AppError> {
        Ok(self.with_store(|s| s.remembered(key))?.breakpoints)
    }

    /// The external execution of this id still going on.
    pub(super) fn external(&self, id: &str) -> Option<Arc<Session>> {
        lock(&self.external).iter().find(|s| s.id() == id).cloned()
    }

    /// Breakpoints changed for the document `key`: its live external executions pause at them.
    pub(super) fn external_breakpoints(&self, key: &str, names: &[String]) {
        for s in lock(&self.external).iter().filter(|s| s.document == key) {
            s.set_breakpoints(names);
        }
    }
}
