//! Redrive (AWS's `RedriveExecution`): a failed, timed-out or stopped execution goes on from
//! the step that did not finish, with the input and variables it had, and "for workflows that
//! include an Inline Map or Parallel state, reschedules and redrives only the iterations and
//! branches that failed or aborted" (AWS API reference, RedriveExecution): the results of the
//! branches and iterations that succeeded are kept, not run again.
//!
//! While an execution runs with [`super::ExecutionConfig::redrivable`], every scope keeps a
//! [`Track`] of the state it is in; a Parallel or Map adds one slot per branch or iteration,
//! holding its output once it succeeded or the branch's own track while it runs. The tracks
//! are shared, not handed back through the failure: a stop or a timeout drops the running
//! scopes, and the tracks still tell where each one was. When the run ends unsuccessfully the
//! tree becomes a [`RedrivePoint`], which a later run takes in
//! [`super::ExecutionConfig::redrive`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex, MutexGuard};

/// Where a scope (the execution, a Parallel branch, a Map iteration) goes on from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RedrivePoint {
    /// The state that did not finish.
    pub state: String,
    /// The input it was entered with.
    pub input: Value,
    /// The workflow variables it saw.
    #[serde(default)]
    pub variables: Map<String, Value>,
    /// For a Parallel state, one part per branch; for a Map state, one per iteration. Empty
    /// for other states, and for a Parallel or Map that failed before starting any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

/// What one branch of a Parallel or one iteration of a Map did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Part {
    /// It succeeded: its output is kept and it does not run again.
    Succeeded { output: Value },
    /// It failed or was stopped there: it goes on from that point.
    Unfinished { at: Box<RedrivePoint> },
    /// It never entered a state: it runs from its start.
    NotStarted,
}

impl RedrivePoint {
    /// The part of branch or iteration `i` (one that was never planned runs from its start).
    pub(crate) fn part(parts: &[Part], i: usize) -> &Part {
        parts.get(i).unwrap_or(&Part::NotStarted)
    }
}

/// The state a running scope is in, kept for a redrive.
#[derive(Default)]
pub(crate) struct Track(Mutex<Option<Point>>);

struct Point {
    state: String,
    input: Value,
    variables: Map<String, Value>,
    parts: Option<Parts>,
}

impl Track {
    /// The scope enters `state` with `input`, seeing `variables`.
    pub fn enter(&self, state: &str, input: &Value, variables: &Map<String, Value>) {
        *lock(&self.0) = Some(Point {
            state: state.to_string(),
            input: input.clone(),
            variables: variables.clone(),
            parts: None,
        });
    }

    /// The state entered last starts `n` branches or iterations (again, on a retry).
    pub fn parts(&self, n: usize) -> Option<Parts> {
        let mut at = lock(&self.0);
        let point = at.as_mut()?;
        let parts = Parts(Arc::new(Mutex::new(
            (0..n).map(|_| Slot::NotStarted).collect(),
        )));
        point.parts = Some(parts.clone());
        Some(parts)
    }

    /// Where this scope goes on from; `None` when it never entered a state.
    pub fn point(&self) -> Option<RedrivePoint> {
        let at = lock(&self.0);
        let point = at.as_ref()?;
        let parts = match &point.parts {
            Some(parts) => lock(&parts.0)
                .iter()
                .map(|slot| match slot {
                    Slot::NotStarted => Part::NotStarted,
                    Slot::Succeeded(output) => Part::Succeeded {
                        output: output.clone(),
                    },
                    Slot::Running(track) => match track.point() {
                        Some(at) => Part::Unfinished { at: Box::new(at) },
                        None => Part::NotStarted,
                    },
                })
                .collect(),
            None => Vec::new(),
        };
        Some(RedrivePoint {
            state: point.state.clone(),
            input: point.input.clone(),
            variables: point.variables.clone(),
            parts,
        })
    }
}

/// The branches or iterations of one Parallel or Map attempt.
#[derive(Clone)]
pub(crate) struct Parts(Arc<Mutex<Vec<Slot>>>);

enum Slot {
    NotStarted,
    Running(Arc<Track>),
    Succeeded(Value),
}

impl Parts {
    /// Branch or iteration `i` starts: the track its scope keeps.
    pub fn start(&self, i: usize) -> Arc<Track> {
        let track = Arc::new(Track::default());
        if let Some(slot) = lock(&self.0).get_mut(i) {
            *slot = Slot::Running(track.clone());
        }
        track
    }

    /// Branch or iteration `i` succeeded with `output`.
    pub fn succeeded(&self, i: usize, output: &Value) {
        if let Some(slot) = lock(&self.0).get_mut(i) {
            *slot = Slot::Succeeded(output.clone());
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing panics while holding these; a poisoned track still says where the scope was.
    m.lock().unwrap_or_else(|e| e.into_inner())
}
