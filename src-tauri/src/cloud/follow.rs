//! A cloud execution as a run: the history read (and, while it runs, polled with back-off)
//! into a session, the same one a local run or an attached server's execution feeds, so the
//! canvas lights up alike.

use super::{lock, CloudState};
use crate::run::commands::runs;
use crate::run::ipc::RunOrigin;
use crate::server::attach::ended;
use crate::server::watch::{arrive, Seen};
use stepwise_asl::model::StateMachine;
use stepwise_cloud::{Backoff, Cloud, CloudError};
use tauri::{AppHandle, Manager, Runtime};

/// Begins following `arn` as a run; its id. The run ends when the execution does.
pub async fn begin<R: Runtime>(
    app: &AppHandle<R>,
    cloud: Cloud,
    arn: &str,
) -> Result<Option<String>, CloudError> {
    let state = app.state::<CloudState>();
    if let Some(id) = lock(&state.followed).get(arn) {
        return Ok(Some(id.clone()));
    }
    let described = cloud.execution(arn).await?;
    let machine = cloud.machine_of_execution(arn).await?;
    let model = serde_json::from_str(&machine.definition)
        .ok()
        .and_then(|v| StateMachine::from_value(&v).ok());
    let Some(session) = arrive(
        app,
        Seen {
            name: &described.name,
            machine_name: &machine.name,
            definition: &machine.definition,
            machine: model.as_ref(),
            input: described.input.as_deref().unwrap_or("{}"),
            start_ms: described.start_ms,
            origin: RunOrigin::Cloud,
        },
    ) else {
        return Ok(None);
    };
    let id = lock(&session.summary).id.clone();
    lock(&state.followed).insert(arn.to_string(), id.clone());
    // Stop in the studio stops the execution in AWS; its ExecutionAborted event then comes
    // through the history like any other.
    let (stopper, stopped) = (cloud.clone(), arn.to_string());
    session.on_stop(move || {
        let (cloud, arn) = (stopper.clone(), stopped.clone());
        tauri::async_runtime::spawn(async move {
            if let Err(e) = cloud.stop(&arn, None, None).await {
                eprintln!("stepwise: {e}");
            }
        });
    });
    let app = app.clone();
    let arn = arn.to_string();
    tauri::async_runtime::spawn(async move {
        let fed = session.clone();
        let done = cloud
            .follow(&arn, 0, &mut Backoff::default(), move |events| {
                for e in events {
                    fed.ingest(e);
                }
            })
            .await;
        let outcome = match done {
            Ok(e) => ended(
                &e.status,
                e.output.as_deref(),
                e.error.as_deref(),
                e.cause.as_deref(),
            ),
            Err(e) => ended(
                "ABORTED",
                None,
                Some("Stepwise.FollowFailed"),
                Some(&e.to_string()),
            ),
        };
        if let Some(outcome) = outcome {
            runs(&app).end_external(&session, &outcome);
        }
        lock(&app.state::<CloudState>().followed).remove(&arn);
    });
    Ok(Some(id))
}
