//! The run panel's operations end to end, on the real engine, without a window: runs and
//! debugging ([`runs`]), "ask me" tasks and redrive ([`ask`]), histories saved and opened
//! ([`history`]), the data-flow preview ([`preview`]), and the examples ([`examples`]).
//! The helpers here stand in for the window.

mod ask;
mod examples;
mod history;
mod preview;
mod runs;

use super::files::Origin;
use super::ipc::*;
use super::manager::{preview, Runs, Subject};
use super::session::{Emit, Outgoing};
use crate::error::{AppError, ErrorCode};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ORDER: &str = include_str!("../../../../examples/order-processing.asl.json");

struct Window {
    statuses: Mutex<Vec<RunStatusUpdate>>,
    events: Mutex<Vec<RunEvent>>,
    batches: Mutex<usize>,
}

fn window() -> (Arc<Window>, Emit) {
    let w = Arc::new(Window {
        statuses: Mutex::new(Vec::new()),
        events: Mutex::new(Vec::new()),
        batches: Mutex::new(0),
    });
    let sink = w.clone();
    let emit: Emit = Arc::new(move |out| match out {
        Outgoing::Events(b) => {
            *sink.batches.lock().unwrap() += 1;
            sink.events.lock().unwrap().extend(b.events)
        }
        Outgoing::Status(s) => sink.statuses.lock().unwrap().push(*s),
    });
    (w, emit)
}

impl Window {
    /// Waits for a status update matching `f` (runs finish in milliseconds; 20 s is a hang).
    fn wait(&self, what: &str, f: impl Fn(&RunStatusUpdate) -> bool) -> RunStatusUpdate {
        let start = Instant::now();
        loop {
            if let Some(s) = self.statuses.lock().unwrap().iter().rev().find(|s| f(s)) {
                return s.clone();
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn ended(&self) -> RunStatusUpdate {
        let s = self.wait("the end", |s| {
            !matches!(s.summary.status, RunStatus::Running | RunStatus::Paused)
        });
        // The final batch is sent before the final status.
        s
    }

    fn entered(&self) -> Vec<String> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| matches!(e.kind, EventKind::StateEntered { .. }))
            .filter_map(|e| e.state.clone())
            .collect()
    }
}

fn runs() -> (tempfile::TempDir, Runs) {
    let dir = tempfile::tempdir().expect("tempdir");
    let runs = Runs::default();
    runs.set_data_dir(dir.path().to_path_buf());
    (dir, runs)
}

fn order() -> Value {
    serde_json::from_str(ORDER).expect("example")
}

fn example() -> Origin {
    Origin::Example("order-processing.asl.json".into())
}

fn mocks(case: &str) -> TaskSource {
    TaskSource::Mocks {
        path: "bundled:order-processing.mocks.json".into(),
        test_case: case.into(),
    }
}

fn request(input: &str, tasks: TaskSource, breakpoints: &[&str]) -> RunRequest {
    RunRequest {
        input: input.into(),
        tasks,
        breakpoints: breakpoints.iter().map(|s| s.to_string()).collect(),
        pause_at_start: false,
        start_at: None,
        substitutions: None,
    }
}

fn start(runs: &Runs, def: &Value, req: RunRequest, emit: Emit) -> RunStatusUpdate {
    runs.start(
        Subject {
            origin: example(),
            definition: def,
        },
        req,
        emit,
    )
    .expect("run starts")
}

/// Runs the order example on its mocks' test case `case` to the end.
fn run_order(runs: &Runs, case: &str) -> (Arc<Window>, RunStatusUpdate) {
    let (w, emit) = window();
    let input = runs.setup(&example()).expect("setup").input;
    start(runs, &order(), request(&input, mocks(case), &[]), emit);
    let end = w.ended();
    (w, end)
}
