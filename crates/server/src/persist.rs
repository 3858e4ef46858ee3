//! `--data DIR`: state machines and finished executions kept in files, so they outlive the
//! server; finished executions beyond the retention limit leave memory and are read back
//! from their file when asked for.
//!
//! `DIR/machines.json` holds every machine; `DIR/executions/<ARN with : as _>.json` one
//! finished execution with its history. Every file is written atomically.

use crate::store::{ExecState, Execution, Machine};
use indexmap::IndexMap;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use stepwise_asl::fsutil::write_atomic;
use tokio::sync::watch;

/// What a list needs of an execution that is only on disk.
#[derive(Debug, Clone)]
pub struct Summary {
    pub arn: String,
    pub machine_arn: String,
    pub name: String,
    pub status: String,
    pub start_ms: i64,
    pub stop_ms: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Persist {
    dir: PathBuf,
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> String {
    format!("{}: {e}", path.display())
}

impl Persist {
    pub fn open(dir: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(dir.join("executions")).map_err(|e| io_err(dir, e))?;
        Ok(Persist {
            dir: dir.to_path_buf(),
        })
    }

    fn execution_path(&self, arn: &str) -> PathBuf {
        // Names cannot hold ':' or '/', so this is one file per ARN.
        self.dir
            .join("executions")
            .join(format!("{}.json", arn.replace([':', '/'], "_")))
    }

    pub fn save_machines(&self, machines: &IndexMap<String, Machine>) -> Result<(), String> {
        let list: Vec<Value> = machines
            .values()
            .map(|m| {
                json!({
                    "arn": m.arn, "name": m.name, "definition": m.definition, "roleArn": m.role_arn,
                    "type": m.kind, "createdMs": m.created_ms, "updatedMs": m.updated_ms,
                    "revision": m.revision, "logging": m.logging, "tracing": m.tracing, "tags": m.tags,
                })
            })
            .collect();
        let path = self.dir.join("machines.json");
        write_atomic(&path, Value::Array(list).to_string().as_bytes()).map_err(|e| io_err(&path, e))
    }

    pub fn load_machines(&self) -> Result<IndexMap<String, Machine>, String> {
        let path = self.dir.join("machines.json");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(IndexMap::new()),
            Err(e) => return Err(io_err(&path, e)),
        };
        let list: Vec<Value> = serde_json::from_str(&text).map_err(|e| io_err(&path, e))?;
        let mut out = IndexMap::new();
        for m in list {
            let s = |k: &str| m[k].as_str().unwrap_or("").to_string();
            let Ok(model) = crate::machines::parse_definition(&s("definition")) else {
                continue;
            };
            let tags = m["tags"]
                .as_object()
                .map(|t| {
                    t.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                        .collect()
                })
                .unwrap_or_default();
            out.insert(
                s("arn"),
                Machine {
                    arn: s("arn"),
                    name: s("name"),
                    definition: s("definition"),
                    model,
                    role_arn: s("roleArn"),
                    kind: s("type"),
                    created_ms: m["createdMs"].as_i64().unwrap_or(0),
                    updated_ms: m["updatedMs"].as_i64(),
                    revision: m["revision"].as_u64().unwrap_or(1),
                    logging: m["logging"].clone(),
                    tracing: m["tracing"].clone(),
                    tags,
                },
            );
        }
        Ok(out)
    }

    /// `e` with the state `st` (its final one, written before it is published).
    pub fn save_execution(&self, e: &Execution, st: &ExecState) -> Result<(), String> {
        let v = json!({
            "arn": e.arn, "name": e.name, "machineArn": e.machine_arn, "machineName": e.machine_name,
            "definition": e.definition, "roleArn": e.role_arn, "input": e.input, "startMs": e.start_ms,
            "express": e.express, "status": st.status, "output": st.output, "error": st.error,
            "cause": st.cause, "stopMs": st.stop_ms, "events": st.events, "redrivePlan": st.redrive_plan,
            "redriveCount": st.redrive_count, "redriveMs": st.redrive_ms,
        });
        let path = self.execution_path(&e.arn);
        write_atomic(&path, v.to_string().as_bytes()).map_err(|err| io_err(&path, err))
    }

    pub fn load_execution(&self, arn: &str) -> Option<Arc<Execution>> {
        let text = std::fs::read_to_string(self.execution_path(arn)).ok()?;
        from_file(&serde_json::from_str(&text).ok()?)
    }

    /// Every execution on disk, oldest first.
    pub fn summaries(&self) -> Vec<Summary> {
        let Ok(dir) = std::fs::read_dir(self.dir.join("executions")) else {
            return Vec::new();
        };
        let mut out: Vec<Summary> = dir
            .filter_map(|e| e.ok())
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .filter_map(|t| serde_json::from_str::<Value>(&t).ok())
            .map(|v| Summary {
                arn: v["arn"].as_str().unwrap_or("").to_string(),
                machine_arn: v["machineArn"].as_str().unwrap_or("").to_string(),
                name: v["name"].as_str().unwrap_or("").to_string(),
                status: v["status"].as_str().unwrap_or("").to_string(),
                start_ms: v["startMs"].as_i64().unwrap_or(0),
                stop_ms: v["stopMs"].as_i64(),
            })
            .collect();
        out.sort_by_key(|s| s.start_ms);
        out
    }
}

fn status_str(s: &str) -> &'static str {
    match s {
        "SUCCEEDED" => "SUCCEEDED",
        "FAILED" => "FAILED",
        "TIMED_OUT" => "TIMED_OUT",
        "ABORTED" => "ABORTED",
        _ => "RUNNING",
    }
}

fn from_file(v: &Value) -> Option<Arc<Execution>> {
    let s = |k: &str| v[k].as_str().map(str::to_string);
    let definition = s("definition")?;
    let model = crate::machines::parse_definition(&definition).ok()?;
    let (done, _) = watch::channel(true);
    let (abort, _) = watch::channel(false);
    Some(Arc::new(Execution {
        arn: s("arn")?,
        name: s("name")?,
        machine_arn: s("machineArn")?,
        machine_name: s("machineName")?,
        definition,
        role_arn: s("roleArn").unwrap_or_default(),
        input: s("input").unwrap_or_else(|| "{}".into()),
        start_ms: v["startMs"].as_i64().unwrap_or(0),
        express: v["express"].as_bool().unwrap_or(false),
        state: Mutex::new(ExecState {
            status: status_str(v["status"].as_str().unwrap_or("")),
            events: v["events"].as_array().cloned().unwrap_or_default(),
            output: s("output"),
            error: s("error"),
            cause: s("cause"),
            stop_ms: v["stopMs"].as_i64(),
            redrive_plan: serde_json::from_value(v["redrivePlan"].clone()).ok(),
            redrive_count: v["redriveCount"].as_u64().unwrap_or(0) as u32,
            redrive_ms: v["redriveMs"].as_i64(),
        }),
        done,
        abort,
        request_input: s("input").unwrap_or_else(|| "{}".into()),
        model,
        mocks: None,
    }))
}
