//! Back out to JSON or YAML. The typed model serialises fields in AWS's documented order;
//! when the source is at hand its order wins, so a parsed definition exports to the same
//! JSON value with the same field order.

use crate::model::StateMachine;
use serde_json::{Map, Value};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Yaml,
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("could not serialise the state machine: {0}")]
    Json(#[from] serde_json::Error),
    #[error("could not write YAML: {0}")]
    Yaml(#[from] serde_yaml_ng::Error),
}

/// The model as a JSON value. Objects that also exist in `order_hint` (the parsed source)
/// get its key order; keys the source lacked follow in the model's order.
pub fn machine_to_value(
    machine: &StateMachine,
    order_hint: Option<&Value>,
) -> Result<Value, ExportError> {
    let mut value = serde_json::to_value(machine)?;
    if let Some(hint) = order_hint {
        reorder_like(&mut value, hint);
    }
    Ok(value)
}

/// Reorders every object in `value` to follow the key order of the object at the same place
/// in `template`, recursively.
pub fn reorder_like(value: &mut Value, template: &Value) {
    match (value, template) {
        (Value::Object(obj), Value::Object(tpl)) => {
            let mut old = std::mem::take(obj);
            let mut out = Map::with_capacity(old.len());
            for key in tpl.keys() {
                if let Some(v) = old.shift_remove(key) {
                    out.insert(key.clone(), v);
                }
            }
            out.extend(old);
            for (k, v) in out.iter_mut() {
                if let Some(t) = tpl.get(k) {
                    reorder_like(v, t);
                }
            }
            *obj = out;
        }
        (Value::Array(items), Value::Array(tpl)) => {
            for (v, t) in items.iter_mut().zip(tpl) {
                reorder_like(v, t);
            }
        }
        _ => {}
    }
}

/// Pretty JSON with two-space indent and a final newline, as AWS's console shows it.
pub fn to_json_string(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    s.push('\n');
    s
}

pub fn to_yaml_string(value: &Value) -> Result<String, ExportError> {
    Ok(serde_yaml_ng::to_string(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reorder_follows_template_and_keeps_new_keys() {
        let mut v = json!({"a": 1, "b": {"y": 1, "x": 2}, "c": 3});
        let t = json!({"c": 0, "b": {"x": 0, "y": 0}});
        reorder_like(&mut v, &t);
        assert_eq!(
            serde_json::to_string(&v).expect("ser"),
            r#"{"c":3,"b":{"x":2,"y":1},"a":1}"#
        );
    }
}
