//! The engine's workloads from the issue: a 1,000-Pass chain (goal ≥ 1,000,000 transitions
//! per second), a Distributed Map over 10,000 items of Pass → Choice → Pass (goal < 50 ms;
//! up to 1,000 child executions at once, AWS's default for a Distributed Map), Parallel of
//! 10 branches × 10 states, and a 1,000-iteration Choice loop using States.MathAdd and
//! States.Format. Virtual time. Each runs twice: with history off (event ids only) and the
//! event limit lifted, as in a bulk run (`engine/…`), and with the full history kept and
//! AWS's 25,000-event limit (`engine_full_history/…`), as `stepwise run` does.
//!
//! The same for JSONata (`engine_jsonata/…`, `engine_jsonata_full_history/…`): a chain of
//! 1,000 Pass states with `Output` and `Assign` expressions (goal ≥ 500,000 transitions per
//! second) and a 10,000-item Distributed Map with `Items`, `ItemSelector` and a Choice
//! `Condition` (goal < 50 ms).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Map, Value};
use std::sync::Arc;
use stepwise_engine::history::HistoryLevel;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{run_blocking, ExecutionConfig, StatesError, Status};

struct NoTasks;
impl TaskHandler for NoTasks {
    fn invoke(&self, _: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async { Err(StatesError::bare("NoTasks")) })
    }
}

fn machine(v: Value) -> Arc<stepwise_asl::StateMachine> {
    Arc::new(stepwise_asl::StateMachine::from_value(&v).expect("valid benchmark machine"))
}

pub fn pass_chain(n: usize) -> Value {
    let mut states = Map::new();
    for i in 0..n {
        let mut s = json!({"Type": "Pass", "Parameters": {"step": i, "value.$": "$.value"}, "ResultPath": "$.last"});
        if i + 1 == n {
            s["End"] = json!(true);
        } else {
            s["Next"] = json!(format!("P{}", i + 1));
        }
        states.insert(format!("P{i}"), s);
    }
    json!({"StartAt": "P0", "States": states})
}

pub fn big_map() -> Value {
    json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "Prep", "States": {
        "Prep": {"Type": "Pass", "Parameters": {"n.$": "$.n", "even.$": "$.even"}, "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.even", "BooleanEquals": true, "Next": "Even"}], "Default": "Odd"},
        "Even": {"Type": "Pass", "Result": "even", "End": true},
        "Odd": {"Type": "Pass", "Result": "odd", "End": true}
    }}}}})
}

pub fn parallel_10x10() -> Value {
    let branches: Vec<Value> = (0..10)
        .map(|b| {
            let mut states = Map::new();
            for i in 0..10 {
                let mut s = json!({"Type": "Pass", "Parameters": {"branch": b, "step": i}});
                if i == 9 {
                    s["End"] = json!(true);
                } else {
                    s["Next"] = json!(format!("B{b}S{}", i + 1));
                }
                states.insert(format!("B{b}S{i}"), s);
            }
            json!({"StartAt": format!("B{b}S0"), "States": states})
        })
        .collect();
    json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": branches, "End": true}}})
}

pub fn choice_loop() -> Value {
    json!({"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Parameters": {"i": 0, "label": "start"}, "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEquals": 1000, "Next": "Done"}], "Default": "Step"},
        "Step": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "label.$": "States.Format('iteration {}', $.i)"}, "Next": "Check"},
        "Done": {"Type": "Succeed"}
    }})
}

/// The JSONata chain: 1,000 Pass states, each with an `Output` and an `Assign`
/// expression (goal ≥ 500,000 transitions per second).
pub fn jsonata_pass_chain(n: usize) -> Value {
    let mut states = Map::new();
    for i in 0..n {
        let mut s = json!({"Type": "Pass",
            "Output": {"step": i, "value": "{% $states.input.value + 1 %}"},
            "Assign": {"previous": "{% $states.input.value %}"}});
        if i + 1 == n {
            s["End"] = json!(true);
        } else {
            s["Next"] = json!(format!("P{}", i + 1));
        }
        states.insert(format!("P{i}"), s);
    }
    json!({"QueryLanguage": "JSONata", "StartAt": "P0", "States": states})
}

/// The JSONata Map: 10,000 items through Items and ItemSelector, each routed by a
/// Choice `Condition` (goal < 50 ms), run as a Distributed Map like `big_map`.
pub fn jsonata_big_map() -> Value {
    json!({"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
    "Items": "{% $states.input.items %}",
    "ItemSelector": {"n": "{% $states.context.Map.Item.Value.n %}", "index": "{% $states.context.Map.Item.Index %}"},
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n % 2 = 0 %}", "Next": "Even"}], "Default": "Odd"},
        "Even": {"Type": "Pass", "Output": "even", "End": true},
        "Odd": {"Type": "Pass", "Output": "odd", "End": true}
    }}}}})
}

/// A bulk run: history off, no event limit.
fn bulk() -> ExecutionConfig {
    let mut c = ExecutionConfig::new(Arc::new(NoTasks));
    c.history = HistoryLevel::Off;
    c.seed = Some(7);
    c.max_events = u64::MAX;
    c
}

/// As `stepwise run` runs: every event kept, AWS's default event limit.
fn full_history() -> ExecutionConfig {
    let mut c = ExecutionConfig::new(Arc::new(NoTasks));
    c.seed = Some(7);
    c
}

fn bench(c: &mut Criterion) {
    workloads(c, "engine", bulk, None);
    // Events of the parent execution (a Distributed Map's children have their own).
    workloads(
        c,
        "engine_full_history",
        full_history,
        Some([2_002, 6, 206, 4_008]),
    );
    jsonata_workloads(c, "engine_jsonata", bulk, None);
    jsonata_workloads(
        c,
        "engine_jsonata_full_history",
        full_history,
        Some([2_002, 6]),
    );
}

/// The run succeeded and, when `events` is given, kept the history workload `which` must keep.
fn succeeded<const N: usize>(
    out: &stepwise_engine::Outcome,
    events: Option<[usize; N]>,
    which: usize,
) {
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    if let Some(events) = events {
        assert_eq!(out.events.len(), events[which], "workload {which}");
    }
}

/// The JSONata chain and Map, as [`workloads`] runs the JSONPath ones.
fn jsonata_workloads(
    c: &mut Criterion,
    group: &str,
    config: fn() -> ExecutionConfig,
    events: Option<[usize; 2]>,
) {
    let check = |out: &stepwise_engine::Outcome, which: usize| succeeded(out, events, which);
    let mut g = c.benchmark_group(group);
    g.sample_size(20);

    let chain = machine(jsonata_pass_chain(1000));
    g.throughput(Throughput::Elements(1000));
    g.bench_function("pass_chain_1000", |b| {
        b.iter(|| {
            let out = run_blocking(chain.clone(), json!({"value": 1}), config());
            check(&out, 0);
            assert_eq!(
                out.output.as_ref().map(|o| o["value"].clone()),
                Some(json!(1001))
            );
        })
    });

    let map = machine(jsonata_big_map());
    let items: Vec<Value> = (0..10_000).map(|n| json!({"n": n})).collect();
    let input = json!({"items": items});
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("map_10000_items", |b| {
        b.iter(|| {
            let out = run_blocking(map.clone(), input.clone(), config());
            check(&out, 1);
        })
    });
    g.finish();
}

/// The four workloads, run with `config`; `events`, when given, is the history each must
/// keep (chain, Map, Parallel, loop), so the benchmark measures what it says it does.
fn workloads(
    c: &mut Criterion,
    group: &str,
    config: fn() -> ExecutionConfig,
    events: Option<[usize; 4]>,
) {
    let check = |out: &stepwise_engine::Outcome, which: usize| succeeded(out, events, which);
    let mut g = c.benchmark_group(group);
    g.sample_size(20);

    let chain = machine(pass_chain(1000));
    g.throughput(Throughput::Elements(1000));
    g.bench_function("pass_chain_1000", |b| {
        b.iter(|| {
            let out = run_blocking(chain.clone(), json!({"value": 1}), config());
            check(&out, 0);
        })
    });

    let map = machine(big_map());
    let items: Vec<Value> = (0..10_000)
        .map(|n| json!({"n": n, "even": n % 2 == 0}))
        .collect();
    let input = json!({"items": items});
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("map_10000_items", |b| {
        b.iter(|| {
            let out = run_blocking(map.clone(), input.clone(), config());
            check(&out, 1);
        })
    });

    let par = machine(parallel_10x10());
    g.throughput(Throughput::Elements(100));
    g.bench_function("parallel_10x10", |b| {
        b.iter(|| {
            let out = run_blocking(par.clone(), json!({}), config());
            check(&out, 2);
        })
    });

    let lp = machine(choice_loop());
    g.throughput(Throughput::Elements(1000));
    g.bench_function("choice_loop_1000", |b| {
        b.iter(|| {
            let out = run_blocking(lp.clone(), json!({}), config());
            check(&out, 3);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
