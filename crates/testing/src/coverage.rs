//! Coverage of a machine by a suite: which states were entered, and which transitions taken
//! — every `Next`, each Choice rule and `Default`, each Catcher, each Retrier that fired.
//! The report is JSON (`stepwise test --coverage`), read back by `stepwise layout --coverage`
//! and by the app's canvas overlay.

use crate::trace::Trace;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use stepwise_asl::model::State;
use stepwise_asl::StateMachine;
use stepwise_engine::observe::Via;

/// Coverage of several machines (one per machine tested).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageReport {
    pub machines: Vec<MachineCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MachineCoverage {
    /// The machine's file, as it was given.
    pub machine: String,
    pub summary: Summary,
    /// Every state, nested ones included, in source order.
    pub states: Vec<StateCoverage>,
    /// Every transition, in source order.
    pub transitions: Vec<TransitionCoverage>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub states_entered: usize,
    pub states_total: usize,
    pub transitions_taken: usize,
    pub transitions_total: usize,
    /// Percentages with one decimal; 100 when there is nothing to cover.
    pub states_percent: f64,
    pub transitions_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StateCoverage {
    pub name: String,
    /// Its JSON Pointer in the definition (`/States/Load/ItemProcessor/States/Fetch`).
    pub pointer: String,
    /// How many times it was entered across the suite.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub entered: u64,
}

/// What kind of transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TransitionKind {
    Next,
    /// A Choice rule; `index` says which.
    Rule,
    Default,
    /// A Catcher; `index` says which.
    Catch,
    /// A Retrier firing (the state again); `index` says which.
    Retry,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TransitionCoverage {
    pub from: String,
    pub kind: TransitionKind,
    /// The rule, Catcher or Retrier, 0-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub index: Option<usize>,
    /// The state it leads to (the state itself for a retry).
    pub to: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub taken: u64,
}

impl TransitionCoverage {
    /// `Check --rule 1--> Ship` for reports.
    pub fn describe(&self) -> String {
        let how = match (self.kind, self.index) {
            (TransitionKind::Next, _) => "Next".to_string(),
            (TransitionKind::Default, _) => "Default".to_string(),
            (TransitionKind::Rule, Some(i)) => format!("rule {}", i + 1),
            (TransitionKind::Catch, Some(i)) => format!("Catch {}", i + 1),
            (TransitionKind::Retry, Some(i)) => format!("Retry {}", i + 1),
            (kind, None) => format!("{kind:?}"),
        };
        format!("{} --{how}--> {}", self.from, self.to)
    }
}

impl MachineCoverage {
    /// Nothing covered yet: every state and transition of `machine`, at zero.
    pub fn new(machine_file: impl Into<String>, machine: &StateMachine) -> Self {
        let mut states = Vec::new();
        let mut transitions = Vec::new();
        for (pointer, name, state) in machine.walk() {
            states.push(StateCoverage {
                name: name.to_string(),
                pointer,
                entered: 0,
            });
            let mut add = |kind, index, to: &str| {
                transitions.push(TransitionCoverage {
                    from: name.to_string(),
                    kind,
                    index,
                    to: to.to_string(),
                    taken: 0,
                })
            };
            if let State::Choice(c) = state {
                for (i, rule) in c.choices.iter().enumerate() {
                    if let Some(next) = &rule.next {
                        add(TransitionKind::Rule, Some(i), next);
                    }
                }
                if let Some(d) = &c.default {
                    add(TransitionKind::Default, None, d);
                }
            }
            if let Some(next) = state.flow().and_then(|f| f.next.as_deref()) {
                add(TransitionKind::Next, None, next);
            }
            for (i, _) in state.retry().iter().enumerate() {
                add(TransitionKind::Retry, Some(i), name);
            }
            for (i, c) in state.catch().iter().enumerate() {
                add(TransitionKind::Catch, Some(i), &c.next);
            }
        }
        let mut out = MachineCoverage {
            machine: machine_file.into(),
            summary: Summary::default(),
            states,
            transitions,
        };
        out.summarise();
        out
    }

    /// Counts what one execution did.
    pub fn add(&mut self, trace: &Trace) {
        let states: HashMap<&str, usize> = self
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        let mut entered = vec![0u64; self.states.len()];
        for v in &trace.visits {
            if let Some(&i) = states.get(v.state.as_str()) {
                entered[i] += 1;
            }
        }
        let index: HashMap<(&str, TransitionKind, Option<usize>), usize> = self
            .transitions
            .iter()
            .enumerate()
            .map(|(i, t)| ((t.from.as_str(), t.kind, t.index), i))
            .collect();
        let mut taken = vec![0u64; self.transitions.len()];
        let ways = trace
            .taken
            .iter()
            .filter_map(|t| {
                let (kind, i) = match t.via {
                    Via::Next => (TransitionKind::Next, None),
                    Via::Rule(i) => (TransitionKind::Rule, Some(i)),
                    Via::Default => (TransitionKind::Default, None),
                    Via::Catch(i) => (TransitionKind::Catch, Some(i)),
                    Via::End => return None,
                };
                Some((t.from.as_str(), kind, i))
            })
            .chain(
                trace
                    .retries
                    .iter()
                    .map(|(s, i)| (s.as_str(), TransitionKind::Retry, Some(*i))),
            );
        for key in ways {
            if let Some(&i) = index.get(&key) {
                taken[i] += 1;
            }
        }
        for (s, n) in self.states.iter_mut().zip(entered) {
            s.entered += n;
        }
        for (t, n) in self.transitions.iter_mut().zip(taken) {
            t.taken += n;
        }
        self.summarise();
    }

    fn summarise(&mut self) {
        let entered = self.states.iter().filter(|s| s.entered > 0).count();
        let taken = self.transitions.iter().filter(|t| t.taken > 0).count();
        self.summary = Summary {
            states_entered: entered,
            states_total: self.states.len(),
            transitions_taken: taken,
            transitions_total: self.transitions.len(),
            states_percent: percent(entered, self.states.len()),
            transitions_percent: percent(taken, self.transitions.len()),
        };
    }

    pub fn unentered(&self) -> impl Iterator<Item = &StateCoverage> {
        self.states.iter().filter(|s| s.entered == 0)
    }

    pub fn untaken(&self) -> impl Iterator<Item = &TransitionCoverage> {
        self.transitions.iter().filter(|t| t.taken == 0)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

impl CoverageReport {
    /// The machine's entry, made on first use.
    pub fn machine_mut(&mut self, file: &str, machine: &StateMachine) -> &mut MachineCoverage {
        let i = match self.machines.iter().position(|m| m.machine == file) {
            Some(i) => i,
            None => {
                self.machines.push(MachineCoverage::new(file, machine));
                self.machines.len() - 1
            }
        };
        &mut self.machines[i]
    }

    /// The lowest transition coverage of any machine (100 with none).
    pub fn lowest_percent(&self) -> f64 {
        self.machines
            .iter()
            .map(|m| m.summary.transitions_percent)
            .fold(100.0, f64::min)
    }
}
