//! The studio and the Step Functions API: the app serves it itself (the `stepwise serve`
//! server, in process, started from the toolbar) or attaches to one already running (another
//! `stepwise serve`, Step Functions Local, anything that answers the API). Executions that a
//! test suite or the AWS CLI starts there show in the Runs list as they start, and live on
//! the canvas of the open document when it is their machine.

pub(crate) mod attach;
pub mod commands;
pub mod ipc;
mod matching;
pub(crate) mod watch;

use crate::error::AppError;
use ipc::{ServerMode, ServerStatus};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use stepwise_server::store::Registry;

/// The port Step Functions Local listens on, which suites and docker-compose files expect.
pub const DEFAULT_PORT: u16 = 8083;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

enum Link {
    Off,
    Serving {
        port: u16,
        registry: Arc<Registry>,
        task: tauri::async_runtime::JoinHandle<()>,
    },
    Attached {
        url: String,
        task: tauri::async_runtime::JoinHandle<()>,
    },
}

/// Tauri's managed state: the server the studio serves or watches, if any.
#[derive(Default)]
pub struct Server {
    link: Mutex<Option<Link>>,
    /// Executions seen since the server was started or attached.
    seen: Arc<AtomicU32>,
    /// Why the last poll of an attached server failed, while it fails.
    trouble: Arc<Mutex<Option<String>>>,
}

impl Server {
    pub fn status(&self) -> ServerStatus {
        let link = lock(&self.link);
        let seen = self.seen.load(Ordering::SeqCst);
        let trouble = lock(&self.trouble).clone();
        match link.as_ref().unwrap_or(&Link::Off) {
            Link::Off => ServerStatus {
                mode: ServerMode::Off,
                url: None,
                port: None,
                executions: 0,
                error: None,
            },
            Link::Serving { port, .. } => ServerStatus {
                mode: ServerMode::Serving,
                url: Some(format!("http://127.0.0.1:{port}")),
                port: Some(*port),
                executions: seen,
                error: None,
            },
            Link::Attached { url, .. } => ServerStatus {
                mode: ServerMode::Attached,
                url: Some(url.clone()),
                port: None,
                executions: seen,
                error: trouble,
            },
        }
    }

    fn busy(&self) -> Result<(), AppError> {
        match lock(&self.link).as_ref() {
            None | Some(Link::Off) => Ok(()),
            Some(_) => Err(AppError::Server(
                "The studio already serves or watches a server: stop it first".into(),
            )),
        }
    }

    /// Stops serving (running executions are stopped) or watching.
    pub fn stop(&self) {
        let link = lock(&self.link).take();
        match link {
            Some(Link::Serving { registry, task, .. }) => {
                task.abort();
                let running: Vec<String> = registry
                    .lock()
                    .executions
                    .values()
                    .filter(|e| e.lock().status == "RUNNING")
                    .map(|e| e.arn.clone())
                    .collect();
                for arn in running {
                    let _ = stepwise_server::executions::stop(
                        &registry,
                        &serde_json::json!({ "executionArn": arn }),
                    );
                }
            }
            Some(Link::Attached { task, .. }) => task.abort(),
            Some(Link::Off) | None => {}
        }
        *lock(&self.trouble) = None;
    }
}
