//! The app's run pipeline on the load: a 10,000-item Map (40,000 child-execution events), every event watched —
//! engine, observer, normalisation into the window's rows, batching, and keeping the run in
//! SQLite — from Run to the final status.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use stepwise_app_lib::run::files::Origin;
use stepwise_app_lib::run::ipc::{RunRequest, RunStatus, TaskSource};
use stepwise_app_lib::run::manager::{Runs, Subject};
use stepwise_app_lib::run::session::{Emit, Outgoing};

fn ten_thousand_item_map() -> serde_json::Value {
    json!({"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Work", "States": {"Work": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": true}}}}}})
}

fn bench(c: &mut Criterion) {
    let def = ten_thousand_item_map();
    let items: Vec<_> = (0..10_000).map(|n| json!({"n": n})).collect();
    let input = json!({ "items": items }).to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let runs = Runs::default();
    runs.set_data_dir(dir.path().to_path_buf());
    let mut group = c.benchmark_group("app");
    group.sample_size(10);
    group.bench_function("run a 10,000-item Map, streamed and kept", |b| {
        b.iter(|| {
            let (tx, rx) = mpsc::channel();
            let tx = Mutex::new(tx);
            let events = Arc::new(Mutex::new(0usize));
            let counted = events.clone();
            let emit: Emit = Arc::new(move |out| match out {
                Outgoing::Events(batch) => *counted.lock().unwrap() += batch.events.len(),
                Outgoing::Status(s) => {
                    if !matches!(s.summary.status, RunStatus::Running | RunStatus::Paused) {
                        let _ = tx.lock().unwrap().send(());
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
                },
                emit,
            )
            .expect("start");
            rx.recv().expect("the run ends");
            // The run is kept after its final status: wait for the store to be free.
            while runs
                .list(&Origin::Untitled)
                .map(|r| r[0].status == RunStatus::Running)
                .unwrap_or(true)
            {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            assert!(*events.lock().unwrap() > 40_000);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
