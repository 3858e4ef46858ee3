//! A scope (the machine, a Parallel branch, a Map iteration) runs its states in turn:
//! enter, run, exit, follow `Next`, until a state ends the scope or fails.

use super::context::MapItem;
use super::redrive::{Part, Parts, RedrivePoint, Track};
use super::{states, Shared};
use crate::error::names;
use crate::history::Details;
use crate::observe::{Observer, PauseAt, Resume, Stage, Transition, Via};
use crate::StatesError;
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use stepwise_asl::model::{State, StateMachine};

/// What a scope carries from state to state.
#[derive(Clone)]
pub(crate) struct Frame {
    /// Workflow variables visible here (outer ones are copied in, as AWS scopes them).
    pub variables: Map<String, Value>,
    /// The id of the last event of this scope: the next event's `previousEventId`.
    pub last_event: u64,
    /// The `*StateEntered` id of the state running in this scope, for the observer's stages.
    pub entered: u64,
    /// Where this scope is, kept for a redrive (see [`super::redrive`]); `None` when the
    /// execution is not redrivable.
    pub track: Option<Arc<Track>>,
    /// A redrive's plan for the branches or iterations of the first state this scope enters.
    pub redo: Option<Vec<Part>>,
}

impl Frame {
    pub fn top(started: u64) -> Self {
        Frame {
            variables: Map::new(),
            last_event: started,
            entered: 0,
            track: None,
            redo: None,
        }
    }

    /// A frame for a nested scope: the variables so far, events chained after `after`.
    pub fn child(&self, after: u64) -> Self {
        Frame {
            variables: self.variables.clone(),
            last_event: after,
            entered: 0,
            track: None,
            redo: None,
        }
    }

    /// The frame of branch or iteration `i` of the Parallel or Map running in this scope:
    /// events chained after `after`, tracked in `parts` when the execution is redrivable, and
    /// going on from where a redrive's plan says.
    pub fn branch(
        &self,
        after: u64,
        parts: Option<&Parts>,
        i: usize,
        plan: Option<&RedrivePoint>,
    ) -> Self {
        let mut frame = self.child(after);
        frame.track = parts.map(|p| p.start(i));
        if let Some(at) = plan {
            frame.variables = at.variables.clone();
            frame.redo = Some(at.parts.clone());
        }
        frame
    }
}

/// A failure leaving a scope: the error and the last event before it.
#[derive(Debug)]
pub(crate) struct Failure {
    pub error: StatesError,
    pub last_event: u64,
}

/// What one state did: its output, where to go next (`None` ends the scope), and the
/// variables it assigned.
pub(crate) struct Step<'a> {
    pub output: Value,
    /// Borrowed from the definition: following a transition allocates nothing.
    pub next: Option<&'a str>,
    /// Which transition `next` is, for an observer's coverage.
    pub via: Via,
    pub assigned: Option<Map<String, Value>>,
}

impl<'a> Step<'a> {
    /// A state that leaves by its `Next`, or ends its scope without one.
    pub fn plain(
        output: Value,
        next: Option<&'a str>,
        assigned: Option<Map<String, Value>>,
    ) -> Self {
        Step {
            output,
            next,
            via: Via::of_next(next),
            assigned,
        }
    }
}

/// Facts about the state being run, handed to each state's implementation.
pub(crate) struct Entered<'a> {
    pub name: &'a str,
    pub id: u64,
    pub at_ms: i64,
    pub item: Option<&'a MapItem>,
    /// Whether the state reads the context object (`$$`, `$states.context`) anywhere, and
    /// its execution input; what it does not read is not built.
    pub needs_context: super::ContextUse,
}

impl Entered<'_> {
    /// Prefixes errors the service raises itself as AWS does: "An error occurred while
    /// executing the state 'X' (entered at the event id #N). ..." (recorded in
    /// shared/conformance, e.g. base/base_wait_seconds_path__-1).
    pub fn wrap(&self, mut e: StatesError) -> StatesError {
        let raised_by_service = matches!(
            e.error.as_str(),
            names::RUNTIME | names::QUERY_EVALUATION_ERROR | names::INTRINSIC_FAILURE
        );
        if raised_by_service {
            if let Some(cause) = &e.cause {
                if !cause.starts_with("An error occurred while executing the state") {
                    e.cause = Some(format!(
                        "An error occurred while executing the state '{}' (entered at the event id #{}). {cause}",
                        self.name, self.id
                    ));
                }
            }
        }
        e
    }
}

pub(crate) type ScopeFuture<'a> =
    Pin<Box<dyn Future<Output = Result<(Value, u64), Failure>> + Send + 'a>>;

/// Runs a scope from its StartAt to its end; returns the output and the last event id.
pub(crate) fn run_scope<'a>(
    sh: &'a Shared,
    sm: &'a StateMachine,
    input: Value,
    frame: Frame,
) -> ScopeFuture<'a> {
    run_scope_from(sh, sm, None, input, frame)
}

/// [`run_scope`] starting at `start` instead of the scope's `StartAt` when given.
pub(crate) fn run_scope_from<'a>(
    sh: &'a Shared,
    sm: &'a StateMachine,
    start: Option<&'a str>,
    input: Value,
    frame: Frame,
) -> ScopeFuture<'a> {
    run_scope_in(sh, sm, start, input, frame, None)
}

/// [`run_scope`] for a Map iteration, which knows its item.
pub(crate) fn run_scope_in<'a>(
    sh: &'a Shared,
    sm: &'a StateMachine,
    start: Option<&'a str>,
    input: Value,
    mut frame: Frame,
    item: Option<MapItem>,
) -> ScopeFuture<'a> {
    Box::pin(async move {
        let mut name: &str = start.unwrap_or(&sm.start_at);
        let mut data = input;
        // The state `Next` named, found when following it: looked up once, not twice.
        let mut following: Option<&State> = None;
        loop {
            let Some(state) = following.take().or_else(|| sm.states.get(name)) else {
                return Err(Failure {
                    error: StatesError::runtime(format!(
                        "The state '{name}' does not exist in this state machine"
                    )),
                    last_event: frame.last_event,
                });
            };
            if let Err(e) = sh.check_event_limit() {
                return Err(Failure {
                    error: e,
                    last_event: frame.last_event,
                });
            }
            if let Some(observer) = &sh.observer {
                if observer.wants_pause(name) {
                    data = pause(sh, observer, name, data, frame.last_event).await;
                }
            }
            if let Some(track) = &frame.track {
                track.enter(name, &data, &frame.variables);
            }
            let (entered_event, exited_event) = event_names(state);
            let entered_id = sh.record(entered_event, frame.last_event, || {
                Some(Details::state_entered(name, &data))
            });
            frame.last_event = entered_id;
            frame.entered = entered_id;
            sh.stage(&frame, Stage::Input, &data);
            let entered = Entered {
                name,
                id: entered_id,
                at_ms: sh.now_ms(),
                item: item.as_ref(),
                needs_context: sh.reads_context(state),
            };
            let step = states::run_state(sh, state, &entered, data, &mut frame).await;
            // A redrive's plan is for the first state entered only (and its first attempt).
            frame.redo = None;
            let step = match step.and_then(|s| check_size(&entered, s)) {
                Ok(s) => s,
                Err(error) => {
                    return Err(Failure {
                        error: entered.wrap(error),
                        last_event: frame.last_event,
                    })
                }
            };
            sh.stage(&frame, Stage::Output, &step.output);
            if let Some(observer) = &sh.observer {
                observer.transition(
                    sh.child,
                    &Transition {
                        from: name,
                        via: step.via,
                        to: step.next,
                        assigned: step.assigned.as_ref(),
                    },
                );
            }
            if let Some(assigned) = step.assigned {
                frame.variables.extend(assigned);
            }
            if !matches!(state, State::Fail(_)) {
                frame.last_event = sh.record(exited_event, frame.last_event, || {
                    Some(Details::state_exited(name, &step.output))
                });
            }
            data = step.output;
            match step.next {
                Some(next) => {
                    // The name lives in the definition; look it up there to keep borrowing it.
                    name = match sm.states.get_key_value(next) {
                        Some((k, next_state)) => {
                            following = Some(next_state);
                            k.as_str()
                        }
                        None => {
                            return Err(Failure {
                                error: StatesError::runtime(format!(
                                    "The state '{next}' named by '{}' does not exist in its scope",
                                    entered.name
                                )),
                                last_event: frame.last_event,
                            })
                        }
                    }
                }
                None => return Ok((data, frame.last_event)),
            }
        }
    })
}

/// Blocks (off the runtime, so virtual time stands still) until the observer resumes;
/// returns the input to enter with. An abort never resumes: the abort signal ends the run.
async fn pause(
    sh: &Shared,
    observer: &Arc<dyn Observer>,
    name: &str,
    data: Value,
    previous_event_id: u64,
) -> Value {
    let observer = observer.clone();
    let owned_name = name.to_string();
    let child = sh.child;
    let (resume, data) = tokio::task::spawn_blocking(move || {
        let resume = observer.pause(PauseAt {
            name: &owned_name,
            input: &data,
            previous_event_id,
            child,
        });
        (resume, data)
    })
    .await
    .unwrap_or_else(|_| (Resume::Abort, Value::Null));
    match resume {
        Resume::Continue(Some(edited)) => edited,
        Resume::Continue(None) => data,
        Resume::Abort => std::future::pending().await,
    }
}

/// The history event types of entering and leaving a state of this type.
fn event_names(state: &State) -> (&'static str, &'static str) {
    match state {
        State::Task(_) => ("TaskStateEntered", "TaskStateExited"),
        State::Pass(_) => ("PassStateEntered", "PassStateExited"),
        State::Choice(_) => ("ChoiceStateEntered", "ChoiceStateExited"),
        State::Wait(_) => ("WaitStateEntered", "WaitStateExited"),
        State::Succeed(_) => ("SucceedStateEntered", "SucceedStateExited"),
        State::Fail(_) => ("FailStateEntered", "FailStateExited"),
        State::Parallel(_) => ("ParallelStateEntered", "ParallelStateExited"),
        State::Map(_) => ("MapStateEntered", "MapStateExited"),
    }
}

/// AWS fails a state whose output is over 256 KiB of JSON with States.DataLimitExceeded.
fn check_size<'s>(entered: &Entered, step: Step<'s>) -> Result<Step<'s>, StatesError> {
    if json_size_exceeds(&step.output, super::MAX_PAYLOAD_BYTES) {
        return Err(StatesError::new(
            names::DATA_LIMIT_EXCEEDED,
            format!(
                "The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.",
                entered.name
            ),
        ));
    }
    Ok(step)
}

/// Whether the compact JSON text of `v` is longer than `limit` bytes, without writing it:
/// stops counting as soon as the limit is passed.
pub(crate) fn json_size_exceeds(v: &Value, limit: usize) -> bool {
    fn size(v: &Value, budget: &mut isize) {
        if *budget < 0 {
            return;
        }
        match v {
            Value::Null => *budget -= 4,
            Value::Bool(b) => *budget -= if *b { 4 } else { 5 },
            Value::Number(n) => *budget -= number_len(n) as isize,
            // Escapes make JSON text longer than the raw string; count them roughly right.
            Value::String(s) => {
                *budget -= s.len() as isize
                    + 2
                    + s.bytes()
                        .filter(|b| *b == b'"' || *b == b'\\' || *b < 0x20)
                        .count() as isize
            }
            Value::Array(items) => {
                *budget -= 2 + items.len().saturating_sub(1) as isize;
                for i in items {
                    size(i, budget);
                }
            }
            Value::Object(map) => {
                *budget -= 2 + map.len().saturating_sub(1) as isize;
                for (k, v) in map {
                    *budget -= k.len() as isize + 3;
                    size(v, budget);
                }
            }
        }
    }
    let mut budget = limit as isize;
    size(v, &mut budget);
    budget < 0
}

/// The length of a number's JSON text, written into a counter rather than a string.
fn number_len(n: &serde_json::Number) -> usize {
    // Integers, by far the most common, by counting digits.
    if let Some(u) = n.as_u64() {
        return u.checked_ilog10().map_or(1, |d| d as usize + 1);
    }
    if let Some(i) = n.as_i64() {
        return 1 + i
            .unsigned_abs()
            .checked_ilog10()
            .map_or(1, |d| d as usize + 1);
    }
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut c = Count(0);
    let _ = std::fmt::Write::write_fmt(&mut c, format_args!("{n}"));
    c.0
}

#[cfg(test)]
mod tests {
    use super::json_size_exceeds;
    use serde_json::json;

    #[test]
    fn size_matches_compact_json_length() {
        for v in [
            json!({"a": [1, 2.5, "x\"y", null, true]}),
            json!("héllo"),
            json!([]),
            json!([0, 9, 10, -1, -9, -10, 1234567, u64::MAX, i64::MIN, i64::MAX]),
            json!([0.5, -2.25, 1e300, 1.5e-7, -0.0]),
        ] {
            let len = v.to_string().len();
            assert!(!json_size_exceeds(&v, len), "{v}");
            assert!(json_size_exceeds(&v, len - 1), "{v}");
        }
    }
}
