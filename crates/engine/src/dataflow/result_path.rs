//! `ResultPath`: where a state's result goes in its output.

use serde_json::{Map, Value};
use stepwise_asl::path::{PathRoot, Segment};

use super::render;
use crate::error::{names, StatesError};

/// Combines the state input and its result (AWS guide, "Specifying state output using
/// ResultPath"):
/// - absent or `"$"`: the output is the result;
/// - `null`: the result is discarded and the output is the state input;
/// - a reference path such as `"$.a.b"`: the output is the state input with the result placed
///   there, replacing what was there and creating missing objects on the way.
///
/// When the result cannot be placed (the input, or a value on the way, is not an object or
/// an array with that index) the error is `States.ResultPathMatchFailure`, worded as AWS words
/// it: `Unable to apply ReferencePath $.a to input "text"`, with the input as JSON text.
pub fn apply_result_path(
    result_path: Option<&Value>,
    state_input: &Value,
    result: Value,
) -> Result<Value, StatesError> {
    match result_path {
        None => Ok(result),
        Some(Value::Null) => Ok(state_input.clone()),
        _ => apply_result_path_owned(result_path, state_input.clone(), result),
    }
}

/// [`apply_result_path`] taking the state input by value, so that placing the result does
/// not copy the input first (the common case on every state of a run).
pub fn apply_result_path_owned(
    result_path: Option<&Value>,
    state_input: Value,
    result: Value,
) -> Result<Value, StatesError> {
    let text = match result_path {
        None => return Ok(result),
        Some(Value::Null) => return Ok(state_input),
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(StatesError::runtime(format!(
                "Invalid ResultPath {} : a ResultPath must be a string or null",
                render::json_text(other)
            )))
        }
    };
    let path = super::parse_cached(text)
        .map_err(|e| StatesError::runtime(format!("Invalid path '{text}' : {}", e.message)))?;
    if path.root != PathRoot::Input || !path.is_reference_path() {
        return Err(StatesError::runtime(format!(
            "Invalid path '{text}' : ResultPath must be a reference path starting with '$'"
        )));
    }
    if placeable(&state_input, &path.segments) {
        let mut output = state_input;
        place(&mut output, &path.segments, result);
        Ok(output)
    } else {
        Err(StatesError::new(
            names::RESULT_PATH_MATCH_FAILURE,
            format!(
                "Unable to apply ReferencePath {text} to input {}",
                render::json_text(&state_input)
            ),
        ))
    }
}

/// Whether [`place`] would succeed, without changing anything (so a failure can still quote
/// the untouched input).
fn placeable(target: &Value, segments: &[Segment]) -> bool {
    let Some((first, rest)) = segments.split_first() else {
        return true;
    };
    match (first, target) {
        (Segment::Field(name), Value::Object(map)) => {
            rest.is_empty()
                || match map.get(name) {
                    Some(child) => placeable(child, rest),
                    None => placeable(&Value::Object(Map::new()), rest),
                }
        }
        (Segment::Index(index), Value::Array(items)) => {
            let resolved = if *index < 0 {
                items.len().checked_sub(index.unsigned_abs() as usize)
            } else {
                usize::try_from(*index).ok()
            };
            resolved
                .and_then(|i| items.get(i))
                .is_some_and(|slot| placeable(slot, rest))
        }
        _ => false,
    }
}

/// Puts `value` at `segments` below `target`; false when a step cannot be taken.
fn place(target: &mut Value, segments: &[Segment], value: Value) -> bool {
    let Some((first, rest)) = segments.split_first() else {
        *target = value;
        return true;
    };
    match (first, target) {
        (Segment::Field(name), Value::Object(map)) => {
            if rest.is_empty() {
                map.insert(name.clone(), value);
                return true;
            }
            let child = map
                .entry(name.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            place(child, rest, value)
        }
        (Segment::Index(index), Value::Array(items)) => {
            let resolved = if *index < 0 {
                items.len().checked_sub(index.unsigned_abs() as usize)
            } else {
                usize::try_from(*index).ok()
            };
            match resolved.and_then(|i| items.get_mut(i)) {
                Some(slot) => place(slot, rest, value),
                None => false,
            }
        }
        _ => false,
    }
}
