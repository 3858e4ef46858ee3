//! The data-flow preview of one state: AWS TestState with `inspectionLevel: DEBUG`.

use super::parse_json;
use crate::error::AppError;
use crate::run::events::pretty;
use crate::run::ipc::{PreviewReply, PreviewRequest, PreviewStatus, StageValue};
use serde_json::Value;
use stepwise_asl::model::StateMachine;

/// The data-flow preview of the state at `pointer` (AWS TestState, inspection level DEBUG).
pub fn preview(definition: &Value, request: &PreviewRequest) -> Result<PreviewReply, AppError> {
    let machine = StateMachine::from_value(definition).map_err(|e| AppError::NotRunnable {
        message: format!("The definition cannot be read as a state machine: {e}"),
        pointer: None,
    })?;
    let no_state = || AppError::InvalidRequest {
        message: format!("No state at {}", request.pointer),
        pointer: Some(request.pointer.clone()),
    };
    let (scope, name) = scope_of(&machine, &request.pointer).ok_or_else(no_state)?;
    let input = parse_json(&request.input, "input")?;
    let variables = match request.variables.trim() {
        "" => Default::default(),
        text => match parse_json(text, "variables")? {
            Value::Object(map) => map,
            _ => return Err(AppError::invalid("The variables must be a JSON object")),
        },
    };
    let task_result = match (&request.result, &request.error) {
        (_, Some(error)) if !error.trim().is_empty() => Some(Err(match request.cause.as_deref() {
            Some(c) if !c.is_empty() => stepwise_engine::StatesError::new(error.trim(), c),
            _ => stepwise_engine::StatesError::bare(error.trim()),
        })),
        (Some(result), _) if !result.trim().is_empty() => {
            Some(Ok(parse_json(result, "task result")?))
        }
        _ => None,
    };
    let out = stepwise_engine::test_state::test_state(
        scope,
        &name,
        stepwise_engine::test_state::TestStateInput {
            input,
            task_result,
            variables,
        },
    )
    .ok_or_else(no_state)?;
    use stepwise_engine::test_state::TestStatus;
    Ok(PreviewReply {
        status: match out.status {
            TestStatus::Succeeded => PreviewStatus::Succeeded,
            TestStatus::Failed => PreviewStatus::Failed,
            TestStatus::Retriable => PreviewStatus::Retriable,
            TestStatus::CaughtError => PreviewStatus::CaughtError,
        },
        stages: out
            .stages
            .iter()
            .map(|(s, v)| StageValue {
                stage: (*s).into(),
                value: pretty(v),
            })
            .collect(),
        output: out.output.as_ref().map(pretty),
        error: out.error.as_ref().map(|e| e.error.clone()),
        cause: out.error.as_ref().and_then(|e| e.cause.clone()),
        next_state: out.next_state,
    })
}

/// The scope (machine, branch or processor) holding the state at `pointer`, and its name.
fn scope_of<'a>(machine: &'a StateMachine, pointer: &str) -> Option<(&'a StateMachine, String)> {
    let parts: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|p| p.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut scope = machine;
    let mut i = 0;
    loop {
        if parts.get(i).map(String::as_str) != Some("States") {
            return None;
        }
        let name = parts.get(i + 1)?;
        let state = scope.states.get(name)?;
        if i + 2 == parts.len() {
            return Some((scope, name.clone()));
        }
        scope = match (state, parts.get(i + 2).map(String::as_str)) {
            (stepwise_asl::model::State::Parallel(p), Some("Branches")) => {
                let b: usize = parts.get(i + 3)?.parse().ok()?;
                i += 4;
                p.branches.get(b)?
            }
            (stepwise_asl::model::State::Map(m), Some(_)) => {
                i += 3;
                m.processor_with_field()?.1
            }
            _ => return None,
        };
    }
}
