//! The app's run pipeline on the run README's "Run performance" names, the one
//! `e2e/run.test.mjs` plays in the window: a Distributed Map over 10,000 readings
//! (Pass → Choice → Pass), 80,006 events, every one watched — engine, observer, normalisation
//! into the window's rows, batching, and keeping the run in SQLite — from Run to the final
//! status and the run stored.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use stepwise_app_lib::run::files::Origin;
use stepwise_app_lib::run::ipc::{RunRequest, RunStatus, TaskSource};
use stepwise_app_lib::run::manager::{Runs, Subject};
use stepwise_app_lib::run::session::{Emit, Outgoing};
use stepwise_engine::task::Router;
use stepwise_engine::{run_blocking, ExecutionConfig, Status};

/// The machine of `e2e/run.test.mjs` ("a 10,000-item Map run plays without freezing the
/// window"), field for field.
fn readings_map() -> serde_json::Value {
    json!({"Comment": "Scores 10,000 readings: a Distributed Map of Pass → Choice → Pass.",
        "StartAt": "Score Readings", "States": {"Score Readings": {"Type": "Map",
        "ItemsPath": "$.readings",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Normalise", "States": {
            "Normalise": {"Type": "Pass", "Parameters": {"value.$": "$.value"}, "Next": "High?"},
            "High?": {"Type": "Choice", "Choices": [{"Variable": "$.value", "NumericGreaterThan": 5000, "Next": "Flag"}], "Default": "Keep"},
            "Flag": {"Type": "Pass", "Result": "high", "End": true},
            "Keep": {"Type": "Pass", "Result": "normal", "End": true}}},
        "End": true}}})
}

/// Each child execution: started, three states entered and exited, succeeded (8 events);
/// the parent: started, Map entered, MapRun started and succeeded, Map exited, succeeded.
const EVENTS: usize = 10_000 * 8 + 6;

fn bench(c: &mut Criterion) {
    let def = readings_map();
    let readings: Vec<_> = (0..10_000).map(|i| json!({"value": i})).collect();
    let input = json!({ "readings": readings }).to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let runs = Runs::default();
    runs.set_data_dir(dir.path().to_path_buf());
    let mut group = c.benchmark_group("app");
    group.sample_size(10);
    group.bench_function("readings_map_10000_watched_streamed_kept", |b| {
        b.iter(|| {
            let (tx, rx) = mpsc::channel();
            let tx = Mutex::new(tx);
            let events = Arc::new(Mutex::new(0usize));
            let counted = events.clone();
            let emit: Emit = Arc::new(move |out| match out {
                Outgoing::Events(batch) => *counted.lock().unwrap() += batch.events.len(),
                Outgoing::Status(s) => {
                    if !matches!(s.summary.status, RunStatus::Running | RunStatus::Paused) {
                        let _ = tx.lock().unwrap().send(s.summary.status);
                    }
                }
            });
            runs.start(
                Subject {
                    origin: Origin::Untitled,
                    definition: &def,
                },
                RunRequest {
                    input: input.clone(),
                    tasks: TaskSource::Ask,
                    breakpoints: Vec::new(),
                    pause_at_start: false,
                    start_at: None,
                    substitutions: None,
                },
                emit,
            )
            .expect("start");
            assert_eq!(rx.recv().expect("the run ends"), RunStatus::Succeeded);
            // The run is kept after its final status: wait for the store to be free.
            while runs
                .list(&Origin::Untitled)
                .map(|r| r[0].status == RunStatus::Running)
                .unwrap_or(true)
            {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            assert_eq!(*events.lock().unwrap(), EVENTS);
        })
    });
    // The same run on the engine alone, as `stepwise run` runs it (full history, nobody
    // watching): what the pipeline adds is the difference.
    let machine = Arc::new(
        stepwise_asl::StateMachine::from_value(&def).expect("the benchmark machine builds"),
    );
    let input: serde_json::Value = serde_json::from_str(&input).expect("input JSON");
    group.bench_function("readings_map_10000_engine_only", |b| {
        b.iter(|| {
            let config = ExecutionConfig::new(Arc::new(Router::new()));
            let out = run_blocking(machine.clone(), input.clone(), config);
            assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
