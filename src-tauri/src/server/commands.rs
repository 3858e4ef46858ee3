//! The server's Tauri commands (declared in [`crate::contract`]).

use super::ipc::{ServerStatus, StartServer};
use super::watch::StudioWatch;
use super::{attach, lock, Link, Server, DEFAULT_PORT};
use crate::error::AppError;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use stepwise_engine::task::MockConfig;
use stepwise_server::arn::Place;
use stepwise_server::store::{Config, Registry};
use tauri::{AppHandle, Manager, Runtime};

impl Server {
    /// One more execution seen: the toolbar's count changes.
    pub(super) fn saw_one<R: Runtime>(&self, app: &AppHandle<R>) {
        self.seen.fetch_add(1, Ordering::SeqCst);
        self.changed(app);
    }

    pub(super) fn changed<R: Runtime>(&self, app: &AppHandle<R>) {
        if let Err(e) = crate::contract::emit::server_changed(app, &self.status()) {
            eprintln!("stepwise: could not tell the window about the server: {e}");
        }
    }
}

#[tauri::command]
pub fn server_status<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<ServerStatus, AppError> {
    Ok(app.state::<Server>().status())
}

/// Serves the Step Functions API on 127.0.0.1, as `stepwise serve` does, watched by the studio.
#[tauri::command]
pub async fn start_server<R: Runtime>(
    app: AppHandle<R>,
    request: StartServer,
) -> Result<ServerStatus, AppError> {
    let server = app.state::<Server>();
    server.busy()?;
    let mock_config = match request.mock_config.as_deref().filter(|p| !p.is_empty()) {
        // A bundled example's mocks too (`bundled:<name>`).
        Some(path) => Some(Arc::new(
            MockConfig::from_json(&crate::run::files::read(path)?)
                .map_err(|e| AppError::BadFile(format!("{path}: not a mock config: {e}")))?,
        )),
        None => None,
    };
    let port = request.port.unwrap_or(DEFAULT_PORT);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| {
            AppError::Server(format!(
                "Cannot serve on port {port}: {e}. Is Step Functions Local or another `stepwise serve` running there? Attach to it instead, or pick another port"
            ))
        })?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    let watch = StudioWatch::new(app.clone());
    let registry = Registry::new(Config {
        place: Place::new("us-east-1", "123456789012"),
        mock_config,
        watch: Some(watch.clone()),
        ..Config::default()
    });
    watch.watching(&registry);
    let serving = Arc::clone(&registry);
    let task = tauri::async_runtime::spawn(async move {
        if let Err(e) = stepwise_server::serve(listener, serving).await {
            eprintln!("stepwise: the server stopped: {e}");
        }
    });
    {
        let mut link = lock(&server.link);
        if link.as_ref().is_some_and(|l| !matches!(l, Link::Off)) {
            task.abort();
            return Err(AppError::Server("The server was started meanwhile".into()));
        }
        *link = Some(Link::Serving {
            port,
            registry,
            task,
        });
    }
    server.seen.store(0, Ordering::SeqCst);
    server.changed(&app);
    Ok(server.status())
}

/// Follows the executions of a server running elsewhere (`http://localhost:8083`).
#[tauri::command]
pub async fn attach_server<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<ServerStatus, AppError> {
    let server = app.state::<Server>();
    server.busy()?;
    let url = request.trim().trim_end_matches('/').to_string();
    let url = if url.contains("://") {
        url
    } else {
        format!("http://{url}")
    };
    // Asked once now, so a wrong address is said at once rather than in the toolbar later.
    let client = reqwest::Client::new();
    attach::call(&client, &url, "ListStateMachines", serde_json::json!({}))
        .await
        .map_err(AppError::Server)?;
    let task = tauri::async_runtime::spawn(attach::follow(
        app.clone(),
        url.clone(),
        server.trouble.clone(),
    ));
    *lock(&server.link) = Some(Link::Attached { url, task });
    server.seen.store(0, Ordering::SeqCst);
    server.changed(&app);
    Ok(server.status())
}

#[tauri::command]
pub fn stop_server<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<ServerStatus, AppError> {
    let server = app.state::<Server>();
    server.stop();
    server.changed(&app);
    Ok(server.status())
}
