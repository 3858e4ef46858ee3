//! The studio watching the executions of its server: each becomes a run of the open document
//! when it is that machine's (live on the canvas, paused at its breakpoints), else a run kept
//! under the machine's name; see [`crate::run::manager::Runs::begin_external`].

use super::matching::is_of;
use super::Server;
use crate::run::commands::{document, emitter, runs};
use crate::run::events::pretty;
use crate::run::ipc::{RunOrigin, RunSummary};
use crate::run::manager::{server_key, Arrival};
use crate::run::session::{Emit, Session};
use crate::run::store::new_summary;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use stepwise_asl::model::StateMachine;
use stepwise_engine::observe::Observer;
use stepwise_server::store::{Execution, Registry, Watch};
use tauri::{AppHandle, Manager, Runtime};

static ARRIVALS: AtomicU64 = AtomicU64::new(0);

/// An execution as the studio learns of it.
pub struct Seen<'a> {
    pub name: &'a str,
    pub machine_name: &'a str,
    /// JSON text.
    pub definition: &'a str,
    pub machine: Option<&'a StateMachine>,
    /// JSON text.
    pub input: &'a str,
    pub start_ms: i64,
    /// `Server` for the studio's server or one it attaches to; `Cloud` for an AWS account.
    pub origin: RunOrigin,
}

/// Keeps `seen` as a run (of the open document when it is its machine's) and answers the
/// session that records it.
pub fn arrive<R: Runtime>(app: &AppHandle<R>, seen: Seen<'_>) -> Option<Arc<Session>> {
    let open = document(app).ok();
    let mine = open
        .as_ref()
        .filter(|(origin, def)| is_of(&origin.stem(), def, seen.machine_name, seen.definition));
    let runs = runs(app);
    let (key, emit, breakpoints): (String, Emit, Vec<String>) = match mine {
        Some((origin, _)) => {
            let key = origin.key();
            let breakpoints = runs.breakpoints(&key).unwrap_or_default();
            (key, emitter(app), breakpoints)
        }
        // Not on the canvas: kept quietly, listed when its machine's file is open.
        None => (server_key(seen.machine_name), Arc::new(|_| {}), Vec::new()),
    };
    let input = serde_json::from_str::<Value>(seen.input)
        .map(|v| pretty(&v))
        .unwrap_or_else(|_| seen.input.to_string());
    let summary: RunSummary = new_summary(
        format!(
            "srv-{:x}-{}",
            seen.start_ms,
            ARRIVALS.fetch_add(1, Ordering::SeqCst)
        ),
        seen.name.to_string(),
        seen.origin,
        input,
        seen.start_ms as f64,
    );
    let arrival = Arrival {
        key,
        definition: seen.definition.to_string(),
        machine: seen.machine,
        summary,
        breakpoints,
    };
    let session = runs
        .begin_external(arrival, emit)
        .map_err(|e| eprintln!("stepwise: could not keep the server's execution: {e}"))
        .ok()?;
    if seen.origin == RunOrigin::Server {
        app.state::<Server>().saw_one(app);
    }
    Some(session)
}

/// Watches the studio's own server.
pub struct StudioWatch<R: Runtime> {
    app: AppHandle<R>,
    registry: OnceLock<Weak<Registry>>,
    sessions: Mutex<HashMap<String, Arc<Session>>>,
}

impl<R: Runtime> StudioWatch<R> {
    pub fn new(app: AppHandle<R>) -> Arc<Self> {
        Arc::new(StudioWatch {
            app,
            registry: OnceLock::new(),
            sessions: Mutex::new(HashMap::new()),
        })
    }

    /// The registry it watches, once made (it is made with this watch in its config).
    pub fn watching(&self, registry: &Arc<Registry>) {
        let _ = self.registry.set(Arc::downgrade(registry));
    }
}

impl<R: Runtime> Watch for StudioWatch<R> {
    fn started(&self, e: &Execution) -> Option<Arc<dyn Observer>> {
        let session = arrive(
            &self.app,
            Seen {
                name: &e.name,
                machine_name: &e.machine_name,
                definition: &e.definition,
                machine: Some(&e.model),
                input: &e.input,
                start_ms: e.start_ms,
                origin: RunOrigin::Server,
            },
        )?;
        // Stop in the studio is the API's StopExecution ...
        let registry = self.registry.get().cloned();
        let arn = e.arn.clone();
        session.on_stop(move || {
            if let Some(reg) = registry.as_ref().and_then(Weak::upgrade) {
                let _ = stepwise_server::executions::stop(
                    &reg,
                    &serde_json::json!({ "executionArn": arn }),
                );
            }
        });
        // ... and a client's StopExecution ends a pause the studio holds the execution in.
        let mut abort = e.abort.subscribe();
        let mut done = e.done.subscribe();
        let held = Arc::downgrade(&session);
        tauri::async_runtime::spawn(async move {
            tokio::select! {
                _ = abort.wait_for(|stopped| *stopped) => {
                    if let Some(s) = held.upgrade() {
                        s.release();
                    }
                }
                _ = done.wait_for(|ended| *ended) => {}
            }
        });
        super::lock(&self.sessions).insert(e.arn.clone(), session.clone());
        Some(session)
    }

    fn ended(&self, e: &Execution, outcome: &stepwise_engine::Outcome) {
        let session = super::lock(&self.sessions).remove(&e.arn);
        if let Some(s) = session {
            runs(&self.app).end_external(&s, outcome);
        }
    }
}
