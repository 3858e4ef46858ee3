//! State machine actions: create, describe, list, update, delete, validate, tags.

use crate::arn::{check_arn, check_name, machine_ref};
use crate::protocol::{epoch_seconds, now_ms, AwsError, Fields};
use crate::store::{Machine, Registry};
use indexmap::IndexMap;
use serde_json::{json, Value};
use std::sync::Arc;
use stepwise_asl::source::SourceFormat;
use stepwise_asl::{Diagnostic, Document};

/// AWS's diagnostic code for one of ours (ValidateStateMachineDefinition's `code`).
fn aws_code(d: &Diagnostic) -> &'static str {
    match d.code.to_string().as_str() {
        "next-not-found" | "default-not-found" | "catch-next-not-found" | "start-at-not-found" => {
            "MISSING_TRANSITION_TARGET"
        }
        "invalid-json" | "syntax" => "INVALID_JSON_DESCRIPTION",
        _ => "SCHEMA_VALIDATION_FAILED",
    }
}

/// The definition's errors, or its model.
pub fn parse_definition(text: &str) -> Result<Arc<stepwise_asl::StateMachine>, Vec<Value>> {
    let doc = match Document::parse(text.as_bytes(), Some(SourceFormat::Json)) {
        Ok(d) => d,
        Err(e) => {
            return Err(vec![json!({
                "severity": "ERROR", "code": "INVALID_JSON_DESCRIPTION",
                "message": e.to_string(), "location": "/"
            })])
        }
    };
    let errors: Vec<Value> = doc
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            json!({
                "severity": "ERROR", "code": aws_code(d), "message": d.message,
                "location": if d.pointer.is_empty() { "/" } else { d.pointer.as_str() }
            })
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    doc.machine().cloned().map(Arc::new).ok_or_else(|| {
        vec![json!({
            "severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED",
            "message": doc.model_error().unwrap_or("not a state machine"), "location": "/"
        })]
    })
}

fn invalid_definition(diagnostics: &[Value]) -> AwsError {
    let parts: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}: {} at {}",
                d["code"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or(""),
                d["location"].as_str().unwrap_or("/")
            )
        })
        .collect();
    AwsError::new(
        "InvalidDefinition",
        format!("Invalid State Machine Definition: '{}'", parts.join(", ")),
    )
}

pub(crate) fn tags_of(req: &Value) -> Result<IndexMap<String, String>, AwsError> {
    let mut out = IndexMap::new();
    if let Some(tags) = req.get("tags").and_then(Value::as_array) {
        for t in tags {
            let key = t.required_str("key")?;
            let value = t.opt_str("value")?.unwrap_or("");
            out.insert(key.to_string(), value.to_string());
        }
    }
    Ok(out)
}

pub fn create(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let name = req.required_str("name")?;
    let definition = req.required_str("definition")?;
    let role_arn = req.required_str("roleArn")?;
    check_name(name)?;
    let kind = req.opt_str("type")?.unwrap_or("STANDARD");
    if kind != "STANDARD" && kind != "EXPRESS" {
        return Err(AwsError::validation(format!(
            "1 validation error detected: Value '{kind}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"
        )));
    }
    let model = parse_definition(definition).map_err(|d| invalid_definition(&d))?;
    let arn = reg.config.place.state_machine(name);
    let mut inner = reg.lock();
    if let Some(existing) = inner.machines.get(&arn) {
        // AWS answers a repeat of the same request with the same machine.
        if existing.definition == definition
            && existing.role_arn == role_arn
            && existing.kind == kind
        {
            return Ok(
                json!({"stateMachineArn": arn, "creationDate": epoch_seconds(existing.created_ms)}),
            );
        }
        return Err(AwsError::new(
            "StateMachineAlreadyExists",
            format!("State Machine Already Exists: '{arn}'"),
        ));
    }
    let created_ms = now_ms();
    inner.machines.insert(
        arn.clone(),
        Machine {
            arn: arn.clone(),
            name: name.to_string(),
            definition: definition.to_string(),
            model,
            role_arn: role_arn.to_string(),
            kind: kind.to_string(),
            created_ms,
            updated_ms: None,
            revision: 1,
            logging: req
                .get("loggingConfiguration")
                .cloned()
                .unwrap_or(json!({"level": "OFF", "includeExecutionData": false})),
            tracing: req
                .get("tracingConfiguration")
                .cloned()
                .unwrap_or(json!({"enabled": false})),
            tags: tags_of(req)?,
        },
    );
    drop(inner);
    reg.machines_changed();
    Ok(json!({"stateMachineArn": arn, "creationDate": epoch_seconds(created_ms)}))
}

pub fn not_found(arn: &str) -> AwsError {
    AwsError::new(
        "StateMachineDoesNotExist",
        format!("State Machine Does Not Exist: '{arn}'"),
    )
}

pub fn describe_value(m: &Machine) -> Value {
    json!({
        "stateMachineArn": m.arn,
        "name": m.name,
        "status": "ACTIVE",
        "definition": m.definition,
        "roleArn": m.role_arn,
        "type": m.kind,
        "creationDate": epoch_seconds(m.created_ms),
        "loggingConfiguration": m.logging,
        "tracingConfiguration": m.tracing,
        "revisionId": m.revision.to_string(),
    })
}

pub fn describe(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let r = machine_ref(req.required_str("stateMachineArn")?)?;
    let inner = reg.lock();
    let m = inner
        .machines
        .get(&r.arn)
        .ok_or_else(|| not_found(&r.arn))?;
    Ok(describe_value(m))
}

pub fn list(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let inner = reg.lock();
    let items: Vec<Value> = inner
        .machines
        .values()
        .map(|m| {
            json!({"stateMachineArn": m.arn, "name": m.name, "type": m.kind,
                   "creationDate": epoch_seconds(m.created_ms)})
        })
        .collect();
    crate::paging::page(items, req, "stateMachines")
}

pub fn update(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let r = machine_ref(req.required_str("stateMachineArn")?)?;
    let definition = req.opt_str("definition")?;
    let role_arn = req.opt_str("roleArn")?;
    if definition.is_none()
        && role_arn.is_none()
        && req.get("loggingConfiguration").is_none()
        && req.get("tracingConfiguration").is_none()
    {
        return Err(AwsError::new(
            "MissingRequiredParameter",
            "Either the definition, the role ARN, the logging configuration or the tracing configuration must be specified",
        ));
    }
    let model = definition
        .map(|d| parse_definition(d).map_err(|diag| invalid_definition(&diag)))
        .transpose()?;
    let mut inner = reg.lock();
    let m = inner
        .machines
        .get_mut(&r.arn)
        .ok_or_else(|| not_found(&r.arn))?;
    if let (Some(d), Some(model)) = (definition, model) {
        m.definition = d.to_string();
        m.model = model;
    }
    if let Some(role) = role_arn {
        m.role_arn = role.to_string();
    }
    if let Some(l) = req.get("loggingConfiguration") {
        m.logging = l.clone();
    }
    if let Some(t) = req.get("tracingConfiguration") {
        m.tracing = t.clone();
    }
    let now = now_ms();
    m.updated_ms = Some(now);
    m.revision += 1;
    let out = json!({"updateDate": epoch_seconds(now), "revisionId": m.revision.to_string()});
    drop(inner);
    reg.machines_changed();
    Ok(out)
}

pub fn delete(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let r = machine_ref(req.required_str("stateMachineArn")?)?;
    // AWS deletes asynchronously and answers success for a machine already gone.
    reg.lock().machines.shift_remove(&r.arn);
    reg.machines_changed();
    Ok(json!({}))
}

pub fn validate(req: &Value) -> Result<Value, AwsError> {
    let definition = req.required_str("definition")?;
    Ok(match parse_definition(definition) {
        Ok(_) => json!({"result": "OK", "diagnostics": [], "truncated": false}),
        Err(d) => json!({"result": "FAIL", "diagnostics": d, "truncated": false}),
    })
}

pub fn for_execution(reg: &Registry, req: &Value) -> Result<Value, AwsError> {
    let arn = req.required_str("executionArn")?;
    check_arn(arn, &["execution", "express"])?;
    let e = reg
        .execution(arn)
        .ok_or_else(|| crate::executions::not_found(arn))?;
    let inner = reg.lock();
    let m = inner.machines.get(&e.machine_arn);
    Ok(json!({
        "stateMachineArn": e.machine_arn,
        "name": e.machine_name,
        "definition": e.definition,
        "roleArn": e.role_arn,
        "updateDate": epoch_seconds(m.and_then(|m| m.updated_ms).unwrap_or(e.start_ms)),
        "loggingConfiguration": m.map(|m| m.logging.clone()).unwrap_or(json!({"level": "OFF"})),
        "tracingConfiguration": m.map(|m| m.tracing.clone()).unwrap_or(json!({"enabled": false})),
        "revisionId": m.map(|m| m.revision.to_string()),
    }))
}

/// TagResource, UntagResource, ListTagsForResource on machines and activities.
pub fn tags(reg: &Registry, action: &str, req: &Value) -> Result<Value, AwsError> {
    let out = tags_in(reg, action, req)?;
    if action != "ListTagsForResource" {
        reg.machines_changed();
    }
    Ok(out)
}

fn tags_in(reg: &Registry, action: &str, req: &Value) -> Result<Value, AwsError> {
    let arn = req.required_str("resourceArn")?;
    check_arn(arn, &["stateMachine", "activity"])?;
    let mut inner = reg.lock();
    let inner = &mut *inner;
    let tags = match (inner.machines.get_mut(arn), inner.activities.get_mut(arn)) {
        (Some(m), _) => &mut m.tags,
        (None, Some(a)) => &mut a.tags,
        (None, None) => {
            return Err(AwsError::new(
                "ResourceNotFound",
                format!("Resource not found: '{arn}'"),
            ))
        }
    };
    match action {
        "TagResource" => {
            tags.extend(tags_of(req)?);
            Ok(json!({}))
        }
        "UntagResource" => {
            for k in req
                .get("tagKeys")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(k) = k.as_str() {
                    tags.shift_remove(k);
                }
            }
            Ok(json!({}))
        }
        _ => Ok(json!({
            "tags": tags.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>()
        })),
    }
}
