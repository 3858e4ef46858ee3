//! What a run records, in the order it happened: its history events, the processing stages
//! of its states, and the events and stages of Distributed Map child executions. A kept run
//! is its trace; reading a trace again gives the same [`RunEvent`]s the window saw live.

use super::events::Normalizer;
use super::ipc::{RunEvent, StageName};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use stepwise_asl::model::StateMachine;

/// The child execution of iteration `index` of the Distributed Map entered at event `map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Child {
    pub map: u64,
    pub index: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "camelCase")]
pub enum Trace {
    /// A history event, as AWS's JSON.
    Event {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        child: Option<Child>,
        event: Value,
    },
    /// A processing stage of the state entered at `entered`.
    Stage {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        child: Option<Child>,
        entered: u64,
        stage: String,
        value: Value,
    },
    /// Where a redrive of the run goes on from (the engine's plan), kept when it ended
    /// unsuccessfully.
    Redrive { plan: stepwise_engine::RedrivePoint },
}

/// Reads a trace into [`RunEvent`]s.
pub struct Reader {
    main: Normalizer,
    children: HashMap<Child, Normalizer>,
}

impl Reader {
    pub fn new(definition: Option<&StateMachine>) -> Reader {
        Reader {
            main: Normalizer::new(definition),
            children: HashMap::new(),
        }
    }

    fn normalizer(&mut self, child: Option<Child>) -> &mut Normalizer {
        match child {
            None => &mut self.main,
            Some(c) => {
                let main = &self.main;
                self.children
                    .entry(c)
                    .or_insert_with(|| main.child(c.map, c.index))
            }
        }
    }

    /// The Map iterations an event with this id is in (for where a pause is).
    pub fn iterations_at(
        &mut self,
        child: Option<Child>,
        id: u64,
    ) -> Vec<super::ipc::IterationRef> {
        self.normalizer(child).iterations_at(id)
    }

    pub fn read(&mut self, item: &Trace) -> Option<RunEvent> {
        match item {
            Trace::Event { child, event } => self.normalizer(*child).push(event),
            Trace::Stage {
                child,
                entered,
                stage,
                value,
            } => {
                // A trace holds the names the engine gave; one it does not (a newer app's)
                // is left out rather than losing the run.
                if let Some(stage) = StageName::parse(stage) {
                    self.normalizer(*child).stage(*entered, stage, value);
                }
                None
            }
            Trace::Redrive { .. } => None,
        }
    }

    /// Reads a whole trace.
    pub fn read_all(definition: Option<&StateMachine>, trace: &[Trace]) -> Vec<RunEvent> {
        let mut r = Reader::new(definition);
        trace.iter().filter_map(|t| r.read(t)).collect()
    }
}

/// Where a redrive of the run of `trace` goes on from, when the engine said.
pub fn redrive_plan(trace: &[Trace]) -> Option<stepwise_engine::RedrivePoint> {
    trace.iter().rev().find_map(|t| match t {
        Trace::Redrive { plan } => Some(plan.clone()),
        _ => None,
    })
}

/// The top-level history events of a trace: what `get-execution-history` returns.
pub fn history(trace: &[Trace]) -> Vec<Value> {
    trace
        .iter()
        .filter_map(|t| match t {
            Trace::Event { child: None, event } => Some(event.clone()),
            _ => None,
        })
        .collect()
}
