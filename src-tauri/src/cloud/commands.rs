//! The cloud commands the window calls (declared in [`crate::contract`]).

use super::ipc::{
    CloudDeploy, CloudLink, CloudMachine, CloudPreview, CloudRun, CloudStart, CloudStatus,
    DeployPreview, ExecutionQuery, MachineQuery, OpenCloudMachine,
};
use super::{follow, CloudState};
use crate::commands::{install, may_replace};
use crate::error::AppError;
use crate::ipc::DocumentView;
use crate::run::commands::{deployed, document};
use crate::run::ipc::PreviewReply;
use crate::workspace::Workspace;
use serde_json::Value;
use stepwise_cloud::{
    Checked, Cloud, CloudError, Deployed, Destination, ExecutionSummary, MachineSummary, Page,
    Target,
};
use tauri::{AppHandle, Manager, Runtime};

/// How many matches a page of the machine list holds.
const PAGE: usize = 50;

fn cloud<R: Runtime>(app: &AppHandle<R>) -> Result<Cloud, AppError> {
    app.state::<CloudState>().cloud()
}

fn document_key<R: Runtime>(app: &AppHandle<R>) -> Result<String, AppError> {
    Ok(document(app)?.0.key())
}

#[tauri::command]
pub fn cloud_status<R: Runtime>(app: AppHandle<R>, _request: ()) -> Result<CloudStatus, AppError> {
    Ok(app.state::<CloudState>().status())
}

/// Finds credentials and region as the AWS CLI does and makes one call to prove them.
#[tauri::command]
pub async fn cloud_connect<R: Runtime>(
    app: AppHandle<R>,
    request: Target,
) -> Result<CloudStatus, AppError> {
    let state = app.state::<CloudState>();
    let tried = async {
        let cloud = Cloud::connect(&request).await?;
        cloud.machines("", None, 1).await?;
        Ok::<Cloud, CloudError>(cloud)
    }
    .await;
    let status = match &tried {
        Ok(cloud) => CloudStatus {
            connected: true,
            profile: request.profile.clone().filter(|p| !p.is_empty()),
            region: Some(cloud.region().to_string()),
            endpoint: cloud.endpoint().map(str::to_string),
            error: None,
        },
        Err(e) => CloudStatus {
            connected: false,
            profile: request.profile.clone().filter(|p| !p.is_empty()),
            region: request.region.clone(),
            endpoint: None,
            error: Some(e.to_string()),
        },
    };
    state.connected(tried.ok(), status.clone());
    Ok(status)
}

#[tauri::command]
pub async fn cloud_machines<R: Runtime>(
    app: AppHandle<R>,
    request: MachineQuery,
) -> Result<Page<MachineSummary>, AppError> {
    Ok(cloud(&app)?
        .machines(&request.query, request.token, PAGE)
        .await?)
}

/// A machine's settings, versions and aliases.
#[tauri::command]
pub async fn cloud_machine<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<CloudMachine, AppError> {
    let cloud = cloud(&app)?;
    let machine = cloud.machine(&request).await?;
    Ok(CloudMachine {
        versions: cloud.versions(&machine.arn).await.ok(),
        aliases: cloud.aliases(&machine.arn).await.ok(),
        machine,
    })
}

/// Opens a deployed machine's definition as a new document named after it, linked to it.
#[tauri::command]
pub async fn cloud_open_machine<R: Runtime>(
    app: AppHandle<R>,
    request: OpenCloudMachine,
) -> Result<DocumentView, AppError> {
    let machine = cloud(&app)?.machine(&request.arn).await?;
    let value: Value = serde_json::from_str(&machine.definition).map_err(|e| {
        AppError::Cloud(format!("{}: its definition is not JSON: {e}", machine.name))
    })?;
    may_replace(&app, request.discard)?;
    let view = install(&app, Workspace::untitled_named(value, &machine.name));
    app.state::<CloudState>().set_link(
        document_key(&app)?,
        CloudLink {
            arn: machine.arn,
            name: machine.name,
        },
    );
    Ok(view)
}

/// The deployed machine the open document is linked to, if any.
#[tauri::command]
pub fn cloud_link<R: Runtime>(
    app: AppHandle<R>,
    _request: (),
) -> Result<Option<CloudLink>, AppError> {
    Ok(app.state::<CloudState>().link(&document_key(&app)?))
}

#[tauri::command]
pub async fn cloud_executions<R: Runtime>(
    app: AppHandle<R>,
    request: ExecutionQuery,
) -> Result<Page<ExecutionSummary>, AppError> {
    Ok(cloud(&app)?
        .executions(
            &request.machine_arn,
            request.status.as_deref(),
            request.token,
        )
        .await?)
}

/// Replays an execution as a run (followed live while it runs).
#[tauri::command]
pub async fn cloud_open_execution<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<CloudRun, AppError> {
    let id = follow::begin(&app, cloud(&app)?, &request).await?;
    Ok(CloudRun {
        execution_arn: request,
        run_id: id
            .ok_or_else(|| AppError::Cloud("the execution could not be kept as a run".into()))?,
    })
}

/// Where a deployment goes: the named machine (updated if it exists), else the linked one,
/// else a new machine named after the document.
async fn destination<R: Runtime>(
    app: &AppHandle<R>,
    cloud: &Cloud,
    name: Option<&str>,
) -> Result<(Destination, String), AppError> {
    let linked = app.state::<CloudState>().link(&document_key(app)?);
    let name = match (name.filter(|n| !n.is_empty()), &linked) {
        (Some(n), _) => n.to_string(),
        (None, Some(link)) => {
            return Ok((
                Destination::Update {
                    arn: link.arn.clone(),
                },
                link.name.clone(),
            ))
        }
        // Never empty: a document without a name is `StateMachine`.
        (None, None) => document(app)?.0.stem(),
    };
    Ok((cloud.destination(&name).await?, name))
}

/// What deploying the open document would change, and what AWS's validator says of it.
#[tauri::command]
pub async fn cloud_deploy_preview<R: Runtime>(
    app: AppHandle<R>,
    request: CloudDeploy,
) -> Result<DeployPreview, AppError> {
    let cloud = cloud(&app)?;
    let (_, local) = deployed(&app)?;
    let text = stepwise_asl::to_json_string(&local);
    let (to, name) = destination(&app, &cloud, request.name.as_deref()).await?;
    let (findings, findings_note) =
        match cloud.check(&text, request.settings.kind.as_deref()).await? {
            Checked::Findings(f) => (f, None),
            Checked::NotAsked(why) => (Vec::new(), Some(why)),
        };
    let deployed = match &to {
        Destination::Update { arn } => Some(cloud.machine(arn).await?),
        Destination::Create { .. } => None,
    };
    let before = deployed
        .as_ref()
        .and_then(|m| serde_json::from_str::<Value>(&m.definition).ok());
    let comparison = before
        .as_ref()
        .map(|old| crate::compare::comparison(old, &local, format!("{name} (deployed)")));
    Ok(DeployPreview {
        unchanged: before.as_ref() == Some(&local),
        deployed,
        name,
        comparison,
        findings,
        findings_note,
    })
}

/// Deploys the open document (its placeholders filled) and links it to the machine.
#[tauri::command]
pub async fn cloud_deploy<R: Runtime>(
    app: AppHandle<R>,
    request: CloudDeploy,
) -> Result<Deployed, AppError> {
    let cloud = cloud(&app)?;
    let (_, local) = deployed(&app)?;
    let (to, name) = destination(&app, &cloud, request.name.as_deref()).await?;
    let done = cloud
        .deploy(
            &stepwise_asl::to_json_string(&local),
            &to,
            &request.settings,
        )
        .await?;
    app.state::<CloudState>().set_link(
        document_key(&app)?,
        CloudLink {
            arn: done.machine_arn.clone(),
            name,
        },
    );
    Ok(done)
}

/// Starts the linked machine (or `arn`) and follows the execution as a run.
#[tauri::command]
pub async fn cloud_start<R: Runtime>(
    app: AppHandle<R>,
    request: CloudStart,
) -> Result<CloudRun, AppError> {
    let cloud = cloud(&app)?;
    let arn = match request.arn {
        Some(arn) => arn,
        None => app
            .state::<CloudState>()
            .link(&document_key(&app)?)
            .map(|l| l.arn)
            .ok_or_else(|| {
                AppError::Cloud("this document is not deployed: deploy it first".into())
            })?,
    };
    let execution = cloud
        .start(&arn, &request.input, request.name.as_deref())
        .await?;
    cloud_open_execution(app, execution).await
}

#[tauri::command]
pub async fn cloud_stop<R: Runtime>(app: AppHandle<R>, request: String) -> Result<(), AppError> {
    Ok(cloud(&app)?.stop(&request, None, None).await?)
}

/// Redrives a failed execution and follows it again as a new run.
#[tauri::command]
pub async fn cloud_redrive<R: Runtime>(
    app: AppHandle<R>,
    request: String,
) -> Result<CloudRun, AppError> {
    cloud(&app)?.redrive(&request).await?;
    cloud_open_execution(app, request).await
}

/// The inspector's data-flow preview run by AWS's TestState: the open document's state (with
/// the linked machine's role, if any), answered as the local preview answers.
#[tauri::command]
pub async fn cloud_preview_state<R: Runtime>(
    app: AppHandle<R>,
    request: CloudPreview,
) -> Result<PreviewReply, AppError> {
    let cloud = cloud(&app)?;
    let (_, definition) = deployed(&app)?;
    let role = match app.state::<CloudState>().link(&document_key(&app)?) {
        Some(link) => cloud.machine(&link.arn).await.ok().map(|m| m.role_arn),
        None => None,
    };
    let test = super::test_state::state_test(&definition, &request.request, request.level, role)?;
    super::test_state::reply(&cloud.test_state(&test).await?)
}
