//! Execution actions: start (also synchronously, for Express machines), describe, list,
//! stop, history.

use crate::arn::{check_arn, check_name, machine_ref, MachineRef};
use crate::protocol::{epoch_seconds, now_ms, AwsError, Fields};
use crate::run::{spawn, Start};
use crate::store::{ExecState, Execution, Registry};
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::sync::watch;

pub fn not_found(arn: &str) -> AwsError {
    AwsError::new(
        "ExecutionDoesNotExist",
        format!("Execution Does Not Exist: '{arn}'"),
    )
}

/// Starts an execution of `machine` (with the `#TestCase` of its ARN, if any); AWS's name
/// idempotency: the same name with the same input answers the running execution, with
/// another input (or once it ended) `ExecutionAlreadyExists`.
pub fn start_in(
    reg: &Arc<Registry>,
    machine: &MachineRef,
    name: Option<&str>,
    input_text: Option<&str>,
) -> Result<Arc<Execution>, AwsError> {
    let name = match name {
        Some(n) => {
            check_name(n)?;
            n.to_string()
        }
        None => uuid::Uuid::new_v4().to_string(),
    };
    let input_text = input_text.unwrap_or("{}");
    let input: Value = serde_json::from_str(input_text).map_err(|e| {
        AwsError::new(
            "InvalidExecutionInput",
            format!("Invalid State Machine Execution Input: '{e}'"),
        )
    })?;
    let mut inner = reg.lock();
    let m = inner
        .machines
        .get(&machine.arn)
        .ok_or_else(|| crate::machines::not_found(&machine.arn))?
        .clone();
    // Express executions started asynchronously get an `express:` ARN, as on AWS.
    let express = m.kind == "EXPRESS";
    let arn = if express {
        reg.config
            .place
            .express_execution(&m.name, &name, &uuid::Uuid::new_v4().to_string())
    } else {
        reg.config.place.execution(&m.name, &name)
    };
    if inner.evicted.contains_key(&arn) {
        return Err(AwsError::new(
            "ExecutionAlreadyExists",
            format!("Execution Already Exists: '{arn}'"),
        ));
    }
    if let Some(existing) = inner.executions.get(&arn) {
        let running = existing.lock().status == "RUNNING";
        if running && existing.request_input == input_text {
            return Ok(Arc::clone(existing));
        }
        return Err(AwsError::new(
            "ExecutionAlreadyExists",
            format!("Execution Already Exists: '{arn}'"),
        ));
    }
    let mut mocks = None;
    if let Some(case) = &machine.test_case {
        let config = reg.config.mock_config.as_ref().ok_or_else(|| {
            AwsError::validation(format!(
                "The test case '{case}' needs a mock config: start the server with --mock-config or SFN_MOCK_CONFIG"
            ))
        })?;
        let test_case = config
            .test_case(Some(&m.name), case)
            .map_err(|e| AwsError::validation(e.to_string()))?;
        mocks = Some(Arc::new(test_case));
    }
    let (done, _) = watch::channel(false);
    let (abort, _) = watch::channel(false);
    let execution = Arc::new(Execution {
        arn: arn.clone(),
        name,
        machine_arn: m.arn.clone(),
        machine_name: m.name.clone(),
        definition: m.definition.clone(),
        role_arn: m.role_arn.clone(),
        input: input_text.to_string(),
        start_ms: now_ms(),
        express,
        state: std::sync::Mutex::new(ExecState {
            status: "RUNNING",
            events: Vec::new(),
            output: None,
            error: None,
            cause: None,
            stop_ms: None,
            redrive_plan: None,
            redrive_count: 0,
            redrive_ms: None,
        }),
        done,
        abort,
        request_input: input_text.to_string(),
        model: Arc::clone(&m.model),
        mocks: mocks.clone(),
    });
    inner.executions.insert(arn, Arc::clone(&execution));
    drop(inner);
    spawn(
        reg,
        Arc::clone(&execution),
        Start {
            machine: m.model,
            input,
            redrive: None,
        },
    );
    Ok(execution)
}

pub fn start(reg: &Arc<Registry>, req: &Value) -> Result<Value, AwsError> {
    let machine = machine_ref(req.required_str("stateMachineArn")?)?;
    let e = start_in(reg, &machine, req.opt_str("name")?, req.opt_str("input")?)?;
    Ok(json!({"executionArn": e.arn, "startDate": epoch_seconds(e.start_ms)}))
}

/// StartSyncExecution: Express machines only; answers when the execution has ended.
pub async fn start_sync(reg: &Arc<Registry>, req: &Value) -> Result<Value, AwsError> {
    let machine = machine_ref(req.required_str("stateMachineArn")?)?;
    let kind = reg
        .lock()
        .machines
        .get(&machine.arn)
        .map(|m| m.kind.clone());
    match kind.as_deref() {
        None => return Err(crate::machines::not_found(&machine.arn)),
        Some("EXPRESS") => {}
        Some(_) => {
            return Err(AwsError::new(
                "StateMachineTypeNotSupported",
                "This operation is not supported by this type of state machine",
            ))
        }
    }
    let e = start_in(reg, &machine, req.opt_str("name")?, req.opt_str("input")?)?;
    wait_done(&e).await;
    let st = e.lock().clone();
    let mut out = json!({
        "executionArn": e.arn,
        "stateMachineArn": e.machine_arn,
        "name": e.name,
        "startDate": epoch_seconds(e.start_ms),
        "stopDate": epoch_seconds(st.stop_ms.unwrap_or(e.start_ms)),
        "status": st.status,
        "input": e.input,
        "inputDetails": {"included": true},
        "billingDetails": {"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100},
    });
    if st.status == "SUCCEEDED" {
        out["output"] = json!(st.output);
        out["outputDetails"] = json!({"included": true});
    } else {
        out["error"] = json!(st.error);
        out["cause"] = json!(st.cause);
    }
    Ok(out)
}

pub async fn wait_done(e: &Execution) {
    let mut rx = e.done.subscribe();
    let _ = rx.wait_for(|d| *d).await;
}

fn get(reg: &Registry, req: &Value) -> Result<Arc<Execution>, AwsError> {
    let arn = req.required_str("executionArn")?;
    check_arn(arn, &["execution", "express"])?;
    reg.execution(arn).ok_or_else(|| not_found(arn))
}

pub fn describe_value(e: &Execution) -> Value {
    let st = e.lock();
    let mut out = json!({
        "executionArn": e.arn,
        "stateMachineArn": e.machine_arn,
        "name": e.name,
        "status": st.status,
        "startDate": epoch_seconds(e.start_ms),
        "input": e.input,
        "inputDetails": {"included": true},
    });
    if let Some(stop) = st.stop_ms {
        out["stopDate"] = epoch_seconds(stop);
    }
    out["redriveCount"] = json!(st.redrive_count);
    if let Some(r) = st.redrive_ms {
        out["redriveDate"] = epoch_seconds(r);
    }
    if st.status != "RUNNING" && st.status != "SUCCEEDED" && !e.express {
        out["redriveStatus"] = json!("REDRIVABLE");
    }
    if let Some(o) = &st.output {
        out["output"] = json!(o);
        out["outputDetails"] = json!({"included": true});
    }
    if let Some(e) = &st.error {
        out["error"] = json!(e);
    }
    if let Some(c) = &st.cause {
        out["cause"] = json!(c);
    }
    out
}

pub fn describe(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let e = get(reg, req)?;
    Ok(describe_value(&e))
}

pub fn list(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let machine = machine_ref(req.required_str("stateMachineArn")?)?;
    let filter = req.opt_str("statusFilter")?;
    if let Some(f) = filter {
        if ![
            "RUNNING",
            "SUCCEEDED",
            "FAILED",
            "TIMED_OUT",
            "ABORTED",
            "PENDING_REDRIVE",
        ]
        .contains(&f)
        {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Value '{f}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, FAILED, RUNNING, ABORTED]"
            )));
        }
    }
    let inner = reg.lock();
    if !inner.machines.contains_key(&machine.arn) {
        return Err(crate::machines::not_found(&machine.arn));
    }
    // Newest first, as AWS lists them: those in memory, then those only on disk.
    let on_disk = inner
        .evicted
        .values()
        .rev()
        .filter(|s| s.machine_arn == machine.arn && filter.is_none_or(|f| f == s.status))
        .map(|s| {
            list_item(
                &s.arn,
                &s.machine_arn,
                &s.name,
                &s.status,
                s.start_ms,
                s.stop_ms,
            )
        });
    let items: Vec<Value> = inner
        .executions
        .values()
        .rev()
        .filter(|e| e.machine_arn == machine.arn)
        .filter_map(|e| {
            let st = e.lock();
            if filter.is_some_and(|f| f != st.status) {
                return None;
            }
            Some(list_item(
                &e.arn,
                &e.machine_arn,
                &e.name,
                st.status,
                e.start_ms,
                st.stop_ms,
            ))
        })
        .chain(on_disk)
        .collect();
    crate::paging::page(items, req, "executions")
}

/// One execution as ListExecutions lists it.
fn list_item(
    arn: &str,
    machine_arn: &str,
    name: &str,
    status: &str,
    start_ms: i64,
    stop_ms: Option<i64>,
) -> Value {
    let mut v = json!({
        "executionArn": arn, "stateMachineArn": machine_arn, "name": name,
        "status": status, "startDate": epoch_seconds(start_ms),
    });
    if let Some(stop) = stop_ms {
        v["stopDate"] = epoch_seconds(stop);
    }
    v
}

pub fn stop(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let e = get(reg, req)?;
    if e.lock().status != "RUNNING" {
        return Err(AwsError::validation(format!(
            "Execution is not running: '{}'",
            e.arn
        )));
    }
    e.abort.send_replace(true);
    // Stopping releases the Tasks waiting for tokens of this execution.
    reg.lock().tokens.retain(|_, w| w.execution != e.arn);
    let now = now_ms();
    Ok(json!({"stopDate": epoch_seconds(now)}))
}

pub fn history(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let e = get(reg, req)?;
    let reverse = req.opt_bool("reverseOrder")?.unwrap_or(false);
    let include_data = req.opt_bool("includeExecutionData")?.unwrap_or(true);
    let mut events = e.lock().events.clone();
    if reverse {
        events.reverse();
    }
    if !include_data {
        for ev in &mut events {
            strip_data(ev);
        }
    }
    crate::paging::page(events, req, "events")
}

/// `includeExecutionData: false`: the inputs and outputs are left out of every event.
fn strip_data(ev: &mut Value) {
    if let Some(obj) = ev.as_object_mut() {
        for (k, details) in obj.iter_mut() {
            if !k.ends_with("EventDetails") {
                continue;
            }
            if let Some(d) = details.as_object_mut() {
                for field in ["input", "output", "parameters"] {
                    d.shift_remove(field);
                }
            }
        }
    }
}

/// RedriveExecution: a failed, timed-out or stopped Standard execution goes on from the
/// step that did not finish, with its input and the variables as they were, rerunning only
/// the Parallel branches and Map iterations that did not succeed (the engine's redrive
/// plan); its history continues with `ExecutionRedriven` (AWS: "Redriving executions").
pub fn redrive(reg: &Arc<Registry>, req: &Value) -> Result<Value, AwsError> {
    let e = get(reg, req)?;
    let not_redrivable = |why: &str| {
        AwsError::new(
            "ExecutionNotRedrivable",
            format!("Execution is not redrivable: {why}"),
        )
    };
    if e.express {
        return Err(not_redrivable("Express executions cannot be redriven"));
    }
    let (plan, offset, count) = {
        let st = e.lock();
        if st.status == "RUNNING" || st.status == "SUCCEEDED" {
            return Err(not_redrivable(&format!("the execution is {}", st.status)));
        }
        let Some(plan) = st.redrive_plan.clone() else {
            return Err(not_redrivable("no state was entered"));
        };
        (plan, st.events.len() as u64, st.redrive_count + 1)
    };
    // The execution's own input: the plan holds the input of the step it goes on from.
    let input: Value = serde_json::from_str(&e.input).unwrap_or(json!({}));
    let now = now_ms();
    {
        let mut st = e.lock();
        st.status = "RUNNING";
        st.stop_ms = None;
        st.error = None;
        st.cause = None;
        st.output = None;
        st.redrive_count = count;
        st.redrive_ms = Some(now);
    }
    e.done.send_replace(false);
    e.abort.send_replace(false);
    spawn(
        reg,
        Arc::clone(&e),
        Start {
            machine: Arc::clone(&e.model),
            input,
            redrive: Some(crate::run::Redrive {
                plan,
                offset,
                count,
            }),
        },
    );
    Ok(json!({"redriveDate": epoch_seconds(now)}))
}
