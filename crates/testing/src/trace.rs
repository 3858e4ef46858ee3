//! What one execution did, as a test needs it: the states entered in order (with their
//! inputs and outputs where a test looks at them), the transitions taken, the retries, and
//! the top-level variables. Collected by an engine [`Observer`] while the execution runs.

use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use stepwise_engine::history::{Details, HistoryEvent};
use stepwise_engine::observe::{ChildRef, Observer, Stage, Transition, Via};

/// Which execution an entered id belongs to: the top-level one, or a Distributed Map child.
type ExecKey = Option<(u64, usize)>;

fn key(child: Option<ChildRef>) -> ExecKey {
    child.map(|c| (c.map_entered_id, c.index))
}

/// One entry into a state.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub state: String,
    /// Kept only for the states a test looks at.
    pub input: Option<Value>,
    pub output: Option<Value>,
    /// 1 + the retries this visit took.
    pub attempts: u32,
}

/// A transition taken: from a state, by which way, to which state (`None`: the scope ended).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Taken {
    pub from: String,
    pub via: Via,
    pub to: Option<String>,
}

/// Everything a test can check about a run besides its end.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    pub visits: Vec<Visit>,
    pub taken: Vec<Taken>,
    /// `(state, retrier index)` for each retry that fired.
    pub retries: Vec<(String, usize)>,
    /// The top-level scope's variables when the execution ended.
    pub variables: Map<String, Value>,
    /// Every Task answer in the order given (with the history only): what "Save as test"
    /// writes as mocks.
    pub answers: Vec<(String, crate::spec::MockedResult)>,
}

impl Trace {
    /// The `n`th (1-based) visit of `state`.
    pub fn visit(&self, state: &str, n: u32) -> Option<&Visit> {
        self.visits
            .iter()
            .filter(|v| v.state == state)
            .nth(n.saturating_sub(1) as usize)
    }

    pub fn path(&self) -> impl Iterator<Item = &str> {
        self.visits.iter().map(|v| v.state.as_str())
    }
}

/// Collects a [`Trace`] from the engine's observer calls.
pub struct Collector {
    /// States whose input and output to keep (a test names them).
    keep_data: HashSet<String>,
    /// The states of the machine's top-level scope, whose Assign sets the variables a test
    /// sees at the end.
    top_level: HashSet<String>,
    inner: Mutex<Collected>,
}

#[derive(Default)]
struct Collected {
    trace: Trace,
    /// (execution, entered id) -> index in `trace.visits`.
    by_entered: HashMap<(ExecKey, u64), usize>,
}

impl Collector {
    pub fn new(keep_data: HashSet<String>, top_level: HashSet<String>) -> Self {
        Collector {
            keep_data,
            top_level,
            inner: Mutex::new(Collected::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Collected> {
        // Each update is a push or an insert: a panic elsewhere cannot leave it half-done.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn finish(&self) -> Trace {
        std::mem::take(&mut self.lock().trace)
    }
}

impl Observer for Collector {
    fn event(&self, child: Option<ChildRef>, event: &HistoryEvent) {
        let Some(Details::StateEntered { name, input, .. }) = &event.details else {
            return;
        };
        let keep = self.keep_data.contains(name.as_str());
        let mut c = self.lock();
        let index = c.trace.visits.len();
        c.trace.visits.push(Visit {
            state: name.clone(),
            input: keep.then(|| input.value()),
            output: None,
            attempts: 1,
        });
        c.by_entered.insert((key(child), event.id), index);
    }

    fn stage(&self, child: Option<ChildRef>, entered_id: u64, stage: Stage, value: &Value) {
        if stage != Stage::Output {
            return;
        }
        let mut c = self.lock();
        if let Some(&i) = c.by_entered.get(&(key(child), entered_id)) {
            if self.keep_data.contains(c.trace.visits[i].state.as_str()) {
                c.trace.visits[i].output = Some(value.clone());
            }
        }
    }

    fn transition(&self, child: Option<ChildRef>, t: &Transition<'_>) {
        let mut c = self.lock();
        c.trace.taken.push(Taken {
            from: t.from.to_string(),
            via: t.via,
            to: t.to.map(str::to_string),
        });
        if child.is_none() && self.top_level.contains(t.from) {
            if let Some(assigned) = t.assigned {
                c.trace
                    .variables
                    .extend(assigned.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
    }

    fn retried(&self, child: Option<ChildRef>, entered_id: u64, name: &str, retrier: usize) {
        let mut c = self.lock();
        if let Some(&i) = c.by_entered.get(&(key(child), entered_id)) {
            c.trace.visits[i].attempts += 1;
        }
        c.trace.retries.push((name.to_string(), retrier));
    }
}
