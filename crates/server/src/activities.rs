//! Activities: workers long-poll GetActivityTask for the tasks activity states queue, and
//! answer with SendTaskSuccess / SendTaskFailure.

use crate::arn::{check_arn, check_name};
use crate::protocol::{epoch_seconds, now_ms, AwsError, Fields};
use crate::store::{Activity, Registry};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::time::Duration;

/// How long GetActivityTask waits for a task, as AWS (clients should read for longer).
pub const LONG_POLL: Duration = Duration::from_secs(60);

fn not_found(arn: &str) -> AwsError {
    AwsError::new(
        "ActivityDoesNotExist",
        format!("Activity Does Not Exist: '{arn}'"),
    )
}

pub fn create(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let name = req.required_str("name")?;
    check_name(name)?;
    let arn = reg.config.place.activity(name);
    let mut inner = reg.lock();
    let created_ms = match inner.activities.get(&arn) {
        // Creating an existing activity answers it, as AWS does.
        Some(a) => a.created_ms,
        None => {
            let now = now_ms();
            let tags = crate::machines::tags_of(req)?;
            inner.activities.insert(
                arn.clone(),
                Activity {
                    arn: arn.clone(),
                    name: name.to_string(),
                    created_ms: now,
                    tags,
                    queue: VecDeque::new(),
                },
            );
            now
        }
    };
    Ok(json!({"activityArn": arn, "creationDate": epoch_seconds(created_ms)}))
}

pub fn describe(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let arn = req.required_str("activityArn")?;
    check_arn(arn, &["activity"])?;
    let inner = reg.lock();
    let a = inner.activities.get(arn).ok_or_else(|| not_found(arn))?;
    Ok(json!({"activityArn": a.arn, "name": a.name, "creationDate": epoch_seconds(a.created_ms)}))
}

pub fn delete(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let arn = req.required_str("activityArn")?;
    check_arn(arn, &["activity"])?;
    reg.lock().activities.shift_remove(arn);
    Ok(json!({}))
}

pub fn list(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let items: Vec<Value> = reg
        .lock()
        .activities
        .values()
        .map(|a| json!({"activityArn": a.arn, "name": a.name, "creationDate": epoch_seconds(a.created_ms)}))
        .collect();
    crate::paging::page(items, req, "activities")
}

/// Waits up to [`LONG_POLL`] for a task of the activity; `{}` when none came.
pub async fn get_task(reg: &Registry, req: &Value, poll: Duration) -> Result<Value, AwsError> {
    let arn = req.required_str("activityArn")?.to_string();
    check_arn(&arn, &["activity"])?;
    let deadline = tokio::time::Instant::now() + poll;
    loop {
        // Registered before looking, so a task queued in between still wakes us.
        let notified = reg.activity_ready.notified();
        {
            let mut inner = reg.lock();
            let a = inner
                .activities
                .get_mut(&arn)
                .ok_or_else(|| not_found(&arn))?;
            if let Some((token, input)) = a.queue.pop_front() {
                // A worker has it (ActivityStarted): its heartbeat clock starts from now.
                if let Some(w) = inner.tokens.get(&token) {
                    w.heartbeat.beat();
                }
                return Ok(json!({"taskToken": token, "input": input}));
            }
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return Ok(json!({}));
        }
    }
}
