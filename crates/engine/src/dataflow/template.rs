//! Payload templates: `Parameters`, `ResultSelector`, `ItemSelector`, `Credentials`, and the
//! JSONPath form of `Assign`.

use serde_json::{Map, Value};
use stepwise_asl::intrinsics as intrinsic_syntax;
use stepwise_asl::path::{JsonPath, Segment, Selection};

use super::{evaluate, intrinsics, render, PathEnv};
use crate::error::StatesError;
use crate::rng::Random;

/// Builds the payload a template describes. A key ending in `.$` takes its value from the path
/// or intrinsic call it holds, and loses the `.$`; every other value is copied, with objects
/// and arrays walked so that `.$` keys nested anywhere are resolved too. Key order is kept.
///
/// A path that selects nothing fails with `States.Runtime` and AWS's cause (recorded):
/// `The JSONPath '$.x' specified for the field 'value.$' could not be found in the input
/// '{"a":1}'`, the input as compact JSON.
pub fn evaluate_template(
    template: &Value,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Value, StatesError> {
    match template {
        // Nothing to evaluate (Parameters of constants): a copy, without hashing every key
        // into a new map.
        Value::Object(map) if !has_dynamic_field(map) => Ok(template.clone()),
        Value::Object(map) => evaluate_object(map, env, rng).map(Value::Object),
        Value::Array(items) => items
            .iter()
            .map(|item| evaluate_template(item, env, rng))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

/// Whether a `.$` field is anywhere in `map`: else the template evaluates to itself.
fn has_dynamic_field(map: &Map<String, Value>) -> bool {
    fn in_value(v: &Value) -> bool {
        match v {
            Value::Object(map) => has_dynamic_field(map),
            Value::Array(items) => items.iter().any(in_value),
            _ => false,
        }
    }
    map.iter()
        .any(|(key, value)| key.ends_with(".$") || in_value(value))
}

/// JSONPath `Assign`: the same rules as a payload template, giving the variables to set, in
/// order. Paths read the values variables had when the state was entered, which is what
/// `env.variables` must answer (AWS guide, "Passing data between states with variables").
pub fn evaluate_assign(
    assign: &Value,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Map<String, Value>, StatesError> {
    match assign {
        Value::Object(map) => evaluate_object(map, env, rng),
        other => Err(StatesError::runtime(format!(
            "The value of the field 'Assign' must be a JSON object, not {}",
            render::json_text(other)
        ))),
    }
}

fn evaluate_object(
    map: &Map<String, Value>,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Map<String, Value>, StatesError> {
    let mut out = Map::with_capacity(map.len());
    for (key, value) in map {
        match key.strip_suffix(".$") {
            Some(name) => {
                let resolved = evaluate_dynamic_field(key, value, env, rng)?;
                out.insert(name.to_string(), resolved);
            }
            None => {
                out.insert(key.clone(), evaluate_template(value, env, rng)?);
            }
        }
    }
    Ok(out)
}

fn evaluate_dynamic_field(
    key: &str,
    value: &Value,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Value, StatesError> {
    let Value::String(text) = value else {
        return Err(StatesError::runtime(format!(
            "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
        )));
    };
    if intrinsic_syntax::is_intrinsic_call(text) {
        return intrinsics::evaluate_text(text, env, rng);
    }
    let path = super::parse_cached(text).map_err(|_| {
        StatesError::runtime(format!(
            "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
        ))
    })?;
    match evaluate(&path, env) {
        Ok(Selection::One(v)) => Ok(v),
        Ok(Selection::Many(vs)) => Ok(Value::Array(vs)),
        Ok(Selection::NotFound) if index_past_end(&path, env) => Ok(Value::Null),
        Ok(Selection::NotFound) | Err(_) => Err(StatesError::runtime(format!(
            "The JSONPath '{text}' specified for the field '{key}' could not be found in the input '{}'",
            render::json_text(env.input)
        ))),
    }
}

/// Whether the path ends in an array index that is out of range for an array the rest of the
/// path does select. AWS resolves such a template field to `null` instead of failing (its
/// Jackson-backed JSONPath reads a missing array element as null); measured on AWS by the
/// Floci emulator project, whose test `plainReferencePastTheEndOfAnArrayResolvesToNull`
/// records `"v.$": "$.items[5]"` on `{"items":[1,2]}` giving `{"v": null}`.
fn index_past_end(path: &JsonPath, env: &PathEnv) -> bool {
    let Some((Segment::Index(_), parent)) = path.segments.split_last() else {
        return false;
    };
    let parent_path = JsonPath {
        root: path.root.clone(),
        segments: parent.to_vec(),
    };
    matches!(
        evaluate(&parent_path, env),
        Ok(Selection::One(Value::Array(_)))
    )
}
