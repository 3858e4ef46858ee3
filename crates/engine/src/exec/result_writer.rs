//! `ResultWriter` of a Distributed Map: the results of its child executions, written as AWS
//! writes them (AWS guide, "ResultWriter (Map)",
//! <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html>).
//!
//! - With `Resource` and `Parameters` (JSONPath) or `Arguments` (JSONata) giving `Bucket` and
//!   `Prefix`, the files go under `<Prefix>/<MapRunId>/` (a `/` is added after a prefix that
//!   has none; the Map Run id is the last part of the Map Run ARN): `SUCCEEDED_n.json` (the
//!   children that succeeded), `FAILED_n.json` (failed, timed out or aborted), `PENDING_n.json`
//!   (never started, because the Map Run failed first), then `manifest.json` naming them
//!   (`DestinationBucket`, `MapRunArn`, `ResultFiles` `{FAILED, PENDING, SUCCEEDED}` of
//!   `{Key, Size}`). A status with no child writes no file. A file holds at most 5 GiB: past it
//!   the next index starts (`SUCCEEDED_1.json`). The Map's result is then
//!   `{"MapRunArn": ..., "ResultWriterDetails": {"Bucket": ..., "Key": <manifest key>}}`.
//! - Each file is written through the task handler as an `arn:aws:states:::s3:putObject`
//!   request with input `{"Bucket", "Key", "Body"}`, as the ItemReader is read through it, so a
//!   mock or a handler sees every write, and `--s3-dir` ([`LocalS3`](crate::task::LocalS3))
//!   puts them in a folder. A failed write fails the Map with `States.ResultWriterFailed`.
//!   A write nothing answers ([`NO_TASK_HANDLER`]: no mock entry, handler or folder for it)
//!   is skipped: the Map still returns the manifest's location, so a machine tested with
//!   mocks alone runs unchanged.
//! - A child's entry (Transformation `NONE`, the default when exporting): `ExecutionArn`,
//!   `Input` and `Output` (JSON text), `InputDetails`/`OutputDetails` `{"Included": true}`,
//!   `Name`, `RedriveCount`, `RedriveStatus`, `StartDate`, `StateMachineArn`, `Status`,
//!   `StopDate`; `Error` and `Cause` instead of `Output` for a failure.
//! - `WriterConfig`: `Transformation` `COMPACT` writes just each child's output, `FLATTEN` also
//!   spreads an output that is an array; failed children keep the `NONE` entry either way.
//!   `OutputType` `JSONL` writes one entry a line instead of one JSON array. With
//!   `WriterConfig` alone (no `Resource`) nothing is written and the Map's result is the
//!   transformed results themselves, in item order.

use super::context::ExecutionIdentity;
use super::flow::Frame;
use super::language::{Cx, Language};
use super::states::{invoke, Limits};
use super::Shared;
use crate::task::{TaskRequest, NO_TASK_HANDLER};
use crate::StatesError;
use serde_json::{json, Map, Value};
use std::sync::{Mutex, MutexGuard};
use stepwise_asl::model::{MapState, ProcessorMode, ResultWriter};
use stepwise_asl::timestamp::format_millis;

/// AWS's error when the results cannot be exported.
pub(crate) const RESULT_WRITER_FAILED: &str = "States.ResultWriterFailed";
/// "Step Functions supports individual result files of up to 5 GB" (AWS guide, above).
const FILE_LIMIT: usize = 5 << 30;

/// The Map Run's ARN: `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID`, LABEL being
/// the Map's `Label`, else its name.
pub(crate) fn map_run_arn(sh: &Shared, m: &MapState, state_name: &str) -> String {
    let id = &sh.identity;
    format!(
        "arn:aws:states:{}:{}:mapRun:{}/{}:{}",
        id.region,
        id.account,
        id.state_machine_name,
        label(m, state_name),
        id.execution_name
    )
}

fn label<'a>(m: &'a MapState, state_name: &'a str) -> &'a str {
    m.label.as_deref().unwrap_or(state_name)
}

/// What became of one item.
enum Slot {
    /// Never started: PENDING.
    Pending(Value),
    /// Started and not ended: aborted when the Map Run failed.
    Running(Started),
    Done(Started, i64, Result<Value, StatesError>),
}

struct Started {
    name: String,
    input: Value,
    start_ms: i64,
}

/// The items' fates, gathered while the iterations run; empty unless the Map has a
/// ResultWriter.
pub(crate) struct Records {
    slots: Option<Mutex<Vec<Slot>>>,
}

impl Records {
    pub fn new(m: &MapState, items: &[Value]) -> Self {
        // Only a Distributed Map's children are recorded (the validator allows ResultWriter
        // nowhere else).
        let writes = m.result_writer.is_some() && m.mode() == ProcessorMode::Distributed;
        let slots = writes.then(|| Mutex::new(items.iter().cloned().map(Slot::Pending).collect()));
        Records { slots }
    }

    fn lock(&self) -> Option<MutexGuard<'_, Vec<Slot>>> {
        // Nothing panics while holding it; a poisoned list is still the right list.
        self.slots
            .as_ref()
            .map(|m| m.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Item `index` started as `child` with `input`.
    pub fn started(&self, index: usize, child: &Shared, input: &Value) {
        if let Some(slot) = self.lock().as_mut().and_then(|s| s.get_mut(index)) {
            *slot = Slot::Running(Started {
                name: child.identity.execution_name.clone(),
                input: input.clone(),
                start_ms: child.start_ms,
            });
        }
    }

    /// Item `index` ended at `stop_ms` with `result` (an item whose input could not be built
    /// ends without having started).
    pub fn ended(&self, index: usize, stop_ms: i64, result: Result<&Value, &StatesError>) {
        let Some(mut slots) = self.lock() else {
            return;
        };
        let Some(slot) = slots.get_mut(index) else {
            return;
        };
        let started = match std::mem::replace(slot, Slot::Pending(Value::Null)) {
            Slot::Running(s) => s,
            Slot::Pending(item) | Slot::Done(Started { input: item, .. }, ..) => Started {
                name: String::new(),
                input: item,
                start_ms: stop_ms,
            },
        };
        *slot = Slot::Done(started, stop_ms, result.cloned().map_err(Clone::clone));
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Transformation {
    None,
    Compact,
    Flatten,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum OutputType {
    Json,
    Jsonl,
}

/// `WriterConfig`, defaults as AWS documents them: `NONE` and `JSON` when absent.
fn writer_config(w: &ResultWriter) -> Result<(Transformation, OutputType), StatesError> {
    let field = |name: &str| {
        w.writer_config
            .as_ref()
            .and_then(|c| c.get(name))
            .map(|v| v.as_str().unwrap_or_default().to_string())
    };
    let transformation = match field("Transformation").as_deref() {
        None | Some("NONE") => Transformation::None,
        Some("COMPACT") => Transformation::Compact,
        Some("FLATTEN") => Transformation::Flatten,
        Some(other) => {
            return Err(StatesError::runtime(format!(
                "ResultWriter/WriterConfig/Transformation must be NONE, COMPACT or FLATTEN, not '{other}'"
            )))
        }
    };
    let output_type = match field("OutputType").as_deref() {
        None | Some("JSON") => OutputType::Json,
        Some("JSONL") => OutputType::Jsonl,
        Some(other) => {
            return Err(StatesError::runtime(format!(
                "ResultWriter/WriterConfig/OutputType must be JSON or JSONL, not '{other}'"
            )))
        }
    };
    Ok((transformation, output_type))
}

/// The entries of one run, by status, in item order.
#[derive(Default)]
struct Entries {
    succeeded: Vec<Value>,
    failed: Vec<Value>,
    pending: Vec<Value>,
    /// The Map's result with `WriterConfig` alone: every item, in order.
    in_order: Vec<Value>,
}

fn entries(
    slots: &[Slot],
    id: &ExecutionIdentity,
    label: &str,
    transformation: Transformation,
) -> Entries {
    let machine = format!(
        "arn:aws:states:{}:{}:stateMachine:{}/{}",
        id.region, id.account, id.state_machine_name, label
    );
    let mut out = Entries::default();
    for slot in slots {
        match slot {
            Slot::Pending(item) => {
                let e = json!({
                    "Input": item.to_string(),
                    "InputDetails": {"Included": true},
                    "Status": "PENDING",
                });
                out.in_order.push(e.clone());
                out.pending.push(e);
            }
            Slot::Running(s) => {
                let e = child_entry(id, label, &machine, s, None, "ABORTED", vec![]);
                out.in_order.push(e.clone());
                out.failed.push(e);
            }
            Slot::Done(s, stop, Err(error)) => {
                let more = vec![
                    (
                        "Cause".into(),
                        json!(error.cause.clone().unwrap_or_default()),
                    ),
                    ("Error".into(), json!(error.error)),
                ];
                let e = child_entry(id, label, &machine, s, Some(*stop), "FAILED", more);
                out.in_order.push(e.clone());
                out.failed.push(e);
            }
            Slot::Done(s, stop, Ok(output)) => {
                let transformed: Vec<Value> = match (transformation, output) {
                    (Transformation::None, _) => {
                        let more = vec![
                            ("Output".into(), Value::String(output.to_string())),
                            ("OutputDetails".into(), json!({"Included": true})),
                        ];
                        let status = "SUCCEEDED";
                        vec![child_entry(
                            id,
                            label,
                            &machine,
                            s,
                            Some(*stop),
                            status,
                            more,
                        )]
                    }
                    (Transformation::Flatten, Value::Array(items)) => items.clone(),
                    _ => vec![output.clone()],
                };
                out.in_order.extend(transformed.iter().cloned());
                out.succeeded.extend(transformed);
            }
        }
    }
    out
}

/// The `NONE` entry of a child that started. Keys in AWS's (alphabetical) order.
fn child_entry(
    id: &ExecutionIdentity,
    label: &str,
    machine: &str,
    s: &Started,
    stop_ms: Option<i64>,
    status: &str,
    more: Vec<(String, Value)>,
) -> Value {
    let mut e = Map::new();
    e.insert(
        "ExecutionArn".into(),
        Value::String(format!(
            "arn:aws:states:{}:{}:execution:{}/{}:{}",
            id.region, id.account, id.state_machine_name, label, s.name
        )),
    );
    e.insert("Input".into(), Value::String(s.input.to_string()));
    e.insert("InputDetails".into(), json!({"Included": true}));
    e.insert("Name".into(), Value::String(s.name.clone()));
    e.insert("RedriveCount".into(), json!(0));
    // A child of a Map Run is redriven with its Map Run, never on its own.
    let (redrive, reason) = if status == "SUCCEEDED" {
        (
            "NOT_REDRIVABLE",
            "Execution is SUCCEEDED and cannot be redriven",
        )
    } else {
        ("REDRIVABLE_BY_MAP_RUN", "")
    };
    e.insert("RedriveStatus".into(), Value::String(redrive.into()));
    if !reason.is_empty() {
        e.insert("RedriveStatusReason".into(), Value::String(reason.into()));
    }
    e.insert("StartDate".into(), Value::String(format_millis(s.start_ms)));
    e.insert("StateMachineArn".into(), Value::String(machine.to_string()));
    e.insert("Status".into(), Value::String(status.into()));
    if let Some(stop) = stop_ms {
        e.insert("StopDate".into(), Value::String(format_millis(stop)));
    }
    e.extend(more);
    e.sort_keys();
    Value::Object(e)
}

/// `entries` as file bodies of at most `limit` bytes each (one entry at least).
fn bodies(entries: &[Value], output_type: OutputType, limit: usize) -> Vec<String> {
    let mut files = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut size = 0usize;
    // A JSON array costs its brackets and a comma between entries; JSONL a newline each.
    let cost = |text: &str| text.len() + 1;
    for e in entries {
        let text = e.to_string();
        if !current.is_empty() && size + cost(&text) + 1 > limit {
            files.push(join(std::mem::take(&mut current), output_type));
            size = 0;
        }
        size += cost(&text);
        current.push(text);
    }
    if !current.is_empty() {
        files.push(join(current, output_type));
    }
    files
}

fn join(texts: Vec<String>, output_type: OutputType) -> String {
    match output_type {
        OutputType::Json => format!("[{}]", texts.join(",")),
        OutputType::Jsonl => {
            let mut s = texts.join("\n");
            s.push('\n');
            s
        }
    }
}

/// The Map's result once its iterations have ended: `results` (the outputs, in item order)
/// without a ResultWriter, else what the ResultWriter makes of the records, after writing
/// the files when it has a `Resource`.
pub(crate) async fn finish(
    cx: &Cx<'_>,
    lang: &dyn Language,
    m: &MapState,
    effective: &Value,
    frame: &Frame,
    records: &Records,
    results: Value,
) -> Result<Value, StatesError> {
    let Some(writer) = &m.result_writer else {
        return Ok(results);
    };
    let name = cx.entered.name;
    let (entries, output_type) = {
        let Some(slots) = records.lock() else {
            return Ok(results);
        };
        let (transformation, output_type) = writer_config(writer)?;
        let entries = entries(&slots, &cx.sh.identity, label(m, name), transformation);
        (entries, output_type)
    };
    let Some(resource) = &writer.resource else {
        return Ok(Value::Array(entries.in_order));
    };
    let target = match writer.parameters.as_ref().or(writer.arguments.as_ref()) {
        Some(t) => lang.template(cx, "ResultWriter/Arguments", t, effective, frame)?,
        None => json!({}),
    };
    let failed = |cause: String| StatesError::new(RESULT_WRITER_FAILED, cause);
    let Some(bucket) = target.get("Bucket").and_then(Value::as_str) else {
        return Err(failed(format!(
            "The ResultWriter of '{name}' needs a Bucket (a string) in its Parameters or Arguments"
        )));
    };
    let mut prefix = match target.get("Prefix") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(p)) => p.clone(),
        Some(other) => {
            return Err(failed(format!(
                "The ResultWriter Prefix of '{name}' must be a string, not {other}"
            )))
        }
    };
    if !prefix.is_empty() && !prefix.ends_with('/') {
        prefix.push('/');
    }
    let map_run_arn = map_run_arn(cx.sh, m, name);
    let run_id = map_run_arn.rsplit(':').next().unwrap_or_default();
    let dir = format!("{prefix}{run_id}/");
    let mut manifest = Map::new();
    for (status, list) in [
        ("FAILED", &entries.failed),
        ("PENDING", &entries.pending),
        ("SUCCEEDED", &entries.succeeded),
    ] {
        let mut files = Vec::new();
        for (n, body) in bodies(list, output_type, FILE_LIMIT)
            .into_iter()
            .enumerate()
        {
            let key = format!("{dir}{status}_{n}.json");
            files.push(json!({"Key": key, "Size": body.len()}));
            put(cx, resource, bucket, &key, body).await?;
        }
        manifest.insert(status.into(), Value::Array(files));
    }
    let manifest = json!({
        "DestinationBucket": bucket,
        "MapRunArn": map_run_arn,
        "ResultFiles": manifest,
    });
    let key = format!("{dir}manifest.json");
    put(cx, resource, bucket, &key, manifest.to_string()).await?;
    Ok(json!({
        "MapRunArn": map_run_arn,
        "ResultWriterDetails": {"Bucket": bucket, "Key": key},
    }))
}

async fn put(
    cx: &Cx<'_>,
    resource: &str,
    bucket: &str,
    key: &str,
    body: String,
) -> Result<(), StatesError> {
    let request = TaskRequest {
        state_name: cx.entered.name.to_string(),
        resource: resource.to_string(),
        input: json!({"Bucket": bucket, "Key": key, "Body": body}),
        context: cx.ctx.clone(),
        attempt: 0,
        heartbeat: Default::default(),
        submitted: Default::default(),
    };
    match invoke(cx.sh, request, Limits::default()).await {
        Ok(_) => Ok(()),
        // Nothing is set up to answer the write (no mock entry, handler or local S3 folder):
        // the file goes nowhere, so a machine tested with mocks alone runs as before.
        Err(e) if e.error == NO_TASK_HANDLER => Ok(()),
        Err(e) => Err({
            let detail = match e.cause {
                Some(c) => format!("{}: {c}", e.error),
                None => e.error,
            };
            StatesError::new(
                RESULT_WRITER_FAILED,
                format!("Could not write s3://{bucket}/{key}: {detail}"),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_results_file_past_its_size_limit_continues_in_the_next_index() {
        let entries: Vec<Value> = (0..5).map(|i| json!({"n": i})).collect();
        // Each `{"n":i}` is 7 bytes; a JSON array of two is 17.
        for (limit, files) in [(usize::MAX, 1), (17, 3), (16, 5), (1, 5)] {
            let got = bodies(&entries, OutputType::Json, limit);
            assert_eq!(got.len(), files, "limit {limit}: {got:?}");
            let all: Vec<Value> = got
                .iter()
                .flat_map(|b| serde_json::from_str::<Vec<Value>>(b).unwrap_or_default())
                .collect();
            assert_eq!(all, entries, "limit {limit}");
            if limit >= 17 {
                assert!(got.iter().all(|b| b.len() <= limit), "limit {limit}");
            }
        }
        let lines = bodies(&entries, OutputType::Jsonl, usize::MAX);
        assert_eq!(
            lines,
            ["{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n"]
        );
    }
}
