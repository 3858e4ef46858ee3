//! AWS history events (as `get-execution-history` prints them) → [`RunEvent`] rows.
//!
//! AWS events name their state only on `*StateEntered`/`*StateExited` and Map iteration
//! events; everything else (TaskScheduled, TaskFailed, MapStateStarted, ...) belongs to the
//! state its `previousEventId` chain leads back to. The same walk gives each event its Map
//! iteration path and the Map/Parallel state it is nested in, so the canvas can light up
//! iterations and branches. It works on AWS's JSON, so a live run, a kept run and a history
//! exported from AWS are read the same way.

use super::ipc::{IterationRef, RunEvent, StageName, StageValue};
use super::kind::{EventKind, Phase};
use serde_json::Value;
use std::collections::HashMap;
use stepwise_asl::model::StateMachine;

/// Where an event is: the state it belongs to and what that state is nested in.
#[derive(Debug, Clone, Default)]
struct Place {
    state: Option<String>,
    /// The `*StateEntered` id of that state.
    entered: Option<u64>,
    iterations: Vec<IterationRef>,
    /// Open Map/Parallel states around it, outermost first: (entered id, name).
    containers: Vec<(u64, String)>,
    /// The event is the state's own Map/Parallel event (MapStateStarted, MapIteration*,
    /// ParallelStateStarted), not one inside its body.
    container_level: bool,
}

/// Reads one execution's events in order. Build one per execution (and one per Distributed
/// Map child execution, whose ids are its own).
#[derive(Debug, Default)]
pub struct Normalizer {
    start_ms: Option<i64>,
    places: HashMap<u64, Place>,
    /// The place of each `*StateEntered` event, by id.
    entered: HashMap<u64, Place>,
    stages: HashMap<u64, Vec<StageValue>>,
    /// How many of a state's stages an earlier end event (a failed attempt) already took.
    stages_taken: HashMap<u64, usize>,
    /// State name → index of the innermost Parallel branch it is in (from the definition).
    branches: HashMap<String, u32>,
    /// For a child execution: where its Map iteration is in the parent.
    base: Place,
    child: bool,
}

impl Normalizer {
    pub fn new(definition: Option<&StateMachine>) -> Self {
        let mut branches = HashMap::new();
        if let Some(sm) = definition {
            for (pointer, name, _) in sm.walk() {
                if let Some(i) = innermost_branch(&pointer) {
                    branches.insert(name.to_string(), i);
                }
            }
        }
        Normalizer {
            branches,
            ..Normalizer::default()
        }
    }

    /// A normaliser for the child execution of iteration `index` of the Distributed Map
    /// entered at `map_entered_id` in this execution.
    pub fn child(&self, map_entered_id: u64, index: u32) -> Normalizer {
        let mut base = Place::default();
        if let Some(map) = self.entered.get(&map_entered_id) {
            let name = map.state.clone().unwrap_or_default();
            base.iterations = map.iterations.clone();
            base.iterations.push(IterationRef {
                map: name.clone(),
                index,
            });
            base.containers = map.containers.clone();
            base.containers.push((map_entered_id, name));
        }
        Normalizer {
            start_ms: self.start_ms,
            branches: self.branches.clone(),
            base,
            child: true,
            ..Normalizer::default()
        }
    }

    /// Remembers a processing stage of the state entered at `entered_id`; it is attached to
    /// that state's exit (or failure) event.
    pub fn stage(&mut self, entered_id: u64, stage: StageName, value: &Value) {
        self.stages.entry(entered_id).or_default().push(StageValue {
            stage,
            value: value.to_string(),
        });
    }

    /// The stages recorded for the state entered at `entered_id`.
    pub fn stages_of(&self, entered_id: u64) -> &[StageValue] {
        self.stages
            .get(&entered_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The Map iterations the event `id` is in.
    pub fn iterations_at(&self, id: u64) -> Vec<IterationRef> {
        self.places
            .get(&id)
            .map(|p| p.iterations.clone())
            .unwrap_or_else(|| self.base.iterations.clone())
    }

    /// Reads the next event (AWS JSON). Events that are not objects give `None`.
    pub fn push(&mut self, event: &Value) -> Option<RunEvent> {
        let obj = event.as_object()?;
        let id = obj.get("id").and_then(Value::as_u64)?;
        let previous = obj
            .get("previousEventId")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let event_type = obj.get("type").and_then(Value::as_str)?.to_string();
        let (timestamp, ms) = timestamp(obj.get("timestamp"));
        if self.start_ms.is_none() {
            self.start_ms = ms;
        }
        let details = obj
            .iter()
            .find(|(k, _)| k.ends_with("EventDetails"))
            .map(|(_, v)| v);
        let named = details
            .and_then(|d| d.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let base = self
            .places
            .get(&previous)
            .cloned()
            .unwrap_or_else(|| self.base.clone());
        let kind = EventKind::of(&event_type);
        let place = self.place(id, kind, named, details, base);
        self.places.insert(id, place.clone());
        let text = |key: &str| {
            details.and_then(|d| d.get(key)).map(|v| match v {
                // AWS writes input and output as JSON text already.
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        };
        let plain = |key: &str| {
            details
                .and_then(|d| d.get(key))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let resource = match (plain("resourceType"), plain("resource")) {
            (Some(t), Some(r)) => Some(format!("{t}:{r}")),
            (None, Some(r)) => Some(r),
            _ => None,
        };
        // The state's input and output are on its entered and exited events already; the
        // rows carry only the stages in between, which halves what a big Map run sends. Each
        // end event carries the stages of its own attempt: a retried Task's failure carries
        // the failed try's, its exit the last try's.
        let stages = match (kind.ends_state(), place.entered) {
            (true, Some(entered)) => {
                let all = self.stages_of(entered);
                let from = self.stages_taken.get(&entered).copied().unwrap_or(0);
                let taken: Vec<StageValue> = all
                    .get(from..)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|s| !matches!(s.stage, StageName::Input | StageName::Output))
                    .cloned()
                    .collect();
                let len = all.len();
                self.stages_taken.insert(entered, len);
                taken
            }
            _ => Vec::new(),
        };
        let parent = place.containers.last().map(|(id, _)| to_u32(*id));
        let branch = place
            .state
            .as_ref()
            .and_then(|s| self.branches.get(s))
            .copied();
        Some(RunEvent {
            id: to_u32(id),
            previous_event_id: to_u32(previous),
            timestamp,
            elapsed_ms: match (ms, self.start_ms) {
                (Some(t), Some(s)) => (t - s) as f64,
                _ => 0.0,
            },
            event_type,
            kind,
            state: place.state.clone(),
            parent,
            iterations: place.iterations.clone(),
            branch,
            child: self.child,
            resource,
            input: text("input"),
            output: text("output"),
            error: plain("error"),
            cause: plain("cause"),
            length: details
                .and_then(|d| d.get("length"))
                .and_then(Value::as_u64)
                .map(to_u32),
            stages,
            details: details.and_then(details_text),
        })
    }

    fn place(
        &mut self,
        id: u64,
        kind: EventKind,
        named: Option<String>,
        details: Option<&Value>,
        base: Place,
    ) -> Place {
        let phase = match kind {
            EventKind::StateEntered { .. } => {
                return self.enter(id, named, base);
            }
            EventKind::Execution { .. } => return self.base.clone(),
            EventKind::StateExited { .. } => {
                return Place {
                    container_level: false,
                    ..base
                };
            }
            EventKind::Iteration { .. } => return self.iteration(named, details, base),
            EventKind::Map { phase } | EventKind::Parallel { phase } => phase,
            // A Map Run's events are at its Map's level, even its end: the Map's own
            // `MapStateSucceeded` closes the Map.
            EventKind::MapRun { .. } => Phase::Started,
            EventKind::StateAborted { .. }
            | EventKind::Task { .. }
            | EventKind::EvaluationFailed
            | EventKind::Other => return base,
        };
        if phase != Phase::Started {
            // Closing the container: back at its own level, outside any of its iterations.
            let own = if base.container_level {
                base.entered
            } else {
                base.containers.last().map(|(e, _)| *e)
            };
            if let Some(e) = own.and_then(|e| self.entered.get(&e)) {
                let mut place = e.clone();
                place.container_level = true;
                return place;
            }
            return base;
        }
        Place {
            container_level: true,
            ..base
        }
    }

    /// A `*StateEntered` event.
    fn enter(&mut self, id: u64, named: Option<String>, base: Place) -> Place {
        // Right after a Map iteration or a Parallel started, a state opens that
        // container's body; otherwise it follows a state of the same scope.
        let mut containers = base.containers.clone();
        if base.container_level {
            if let (Some(e), Some(s)) = (base.entered, base.state.clone()) {
                containers.push((e, s));
            }
        }
        let place = Place {
            state: named,
            entered: Some(id),
            iterations: base.iterations.clone(),
            containers,
            container_level: false,
        };
        self.entered.insert(id, place.clone());
        place
    }

    /// A `MapIteration*` event: at its Map's level, in its item.
    fn iteration(&mut self, named: Option<String>, details: Option<&Value>, base: Place) -> Place {
        let map_name = named.unwrap_or_default();
        let map_id = if base.container_level && base.state.as_deref() == Some(&map_name) {
            base.entered
        } else {
            base.containers
                .iter()
                .rev()
                .find(|(_, n)| *n == map_name)
                .map(|(e, _)| *e)
        };
        let Some(map) = map_id.and_then(|m| self.entered.get(&m)) else {
            return base;
        };
        let index = details
            .and_then(|d| d.get("index"))
            .and_then(Value::as_u64)
            .map(to_u32)
            .unwrap_or(0);
        let mut place = map.clone();
        place.iterations.push(IterationRef {
            map: map_name,
            index,
        });
        place.container_level = true;
        place
    }
}

/// The index of the innermost `Branches/N` in a state's pointer.
fn innermost_branch(pointer: &str) -> Option<u32> {
    let parts: Vec<&str> = pointer.split('/').collect();
    parts
        .windows(2)
        .rev()
        .find(|w| w[0] == "Branches")
        .and_then(|w| w[1].parse().ok())
}

/// AWS CLI v2 prints ISO 8601 with an offset; v1 and boto print epoch seconds.
fn timestamp(v: Option<&Value>) -> (String, Option<i64>) {
    match v {
        Some(Value::String(s)) => (s.clone(), stepwise_asl::timestamp::parse_millis(s)),
        Some(Value::Number(n)) => {
            let ms = n.as_f64().map(|secs| (secs * 1000.0).round() as i64);
            let text = ms
                .map(stepwise_asl::timestamp::format_millis)
                .unwrap_or_else(|| n.to_string());
            (text, ms)
        }
        _ => (String::new(), None),
    }
}

fn to_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A value as indented JSON text.
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// The details object as compact JSON text, without `input` and `output` (the event has them
/// in fields of their own; a large run would send them twice); `None` when nothing is left.
fn details_text(details: &Value) -> Option<String> {
    let Value::Object(map) = details else {
        return Some(details.to_string());
    };
    // `name` is the row's state; `inputDetails`/`outputDetails` only say "not truncated".
    let says_something = |k: &str, v: &Value| match k {
        "input" | "output" => false,
        "name" => !map.contains_key("input") && !map.contains_key("output"),
        "inputDetails" | "outputDetails" => v.get("truncated") != Some(&Value::Bool(false)),
        _ => true,
    };
    let rest: serde_json::Map<String, Value> = map
        .iter()
        .filter(|(k, v)| says_something(k, v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!rest.is_empty()).then(|| Value::Object(rest).to_string())
}

#[cfg(test)]
mod tests;
