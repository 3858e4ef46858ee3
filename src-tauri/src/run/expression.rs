//! The inspector's live preview of a JSONata field: the field evaluated on the state's sample
//! input and variables, as Step Functions evaluates it: a `{% %}` string is one expression, and
//! in a JSON value every string that is `{% %}` is evaluated in place (AWS: "Transforming data
//! with JSONata", Arguments and Output may nest expressions in objects and arrays).

use super::ipc::{ExpressionError, ExpressionReply, ExpressionRequest};
use serde_json::{json, Map, Value};
use std::time::Duration;
use stepwise_jsonata::{Env, Expression, Limits};

/// A preview never hangs the inspector: a runaway expression stops at these limits.
const LIMITS: Limits = Limits {
    max_depth: Some(500),
    timeout: Some(Duration::from_millis(500)),
};

pub fn evaluate(request: &ExpressionRequest) -> ExpressionReply {
    match run(request) {
        Ok(value) => ExpressionReply {
            value: value.map(|v| serde_json::to_string_pretty(&v).unwrap_or_default()),
            error: None,
        },
        Err(error) => ExpressionReply {
            value: None,
            error: Some(error),
        },
    }
}

fn sample(text: &str, what: &str) -> Result<Option<Value>, ExpressionError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(text)
        .map(Some)
        .map_err(|e| ExpressionError {
            code: what.to_string(),
            message: format!("the sample {what} is not JSON: {e}"),
            position: None,
        })
}

fn run(request: &ExpressionRequest) -> Result<Option<Value>, ExpressionError> {
    let input = sample(&request.input, "input")?.unwrap_or_else(|| json!({}));
    let mut env = Env::new();
    env.set_limits(LIMITS);
    // The functions Step Functions adds (`$uuid()`, `$hash()`, ...), as in a run; a fixed
    // seed keeps the preview of `$random()` still while the user types.
    stepwise_engine::bind_step_functions(&mut env, 1);
    let mut states = Map::new();
    states.insert("input".into(), input.clone());
    states.insert("context".into(), context(&input));
    if let Some(result) = request.result.as_deref() {
        if let Some(r) = sample(result, "result")? {
            states.insert("result".into(), r);
        }
    }
    env.bind("states", Value::Object(states));
    match sample(&request.variables, "variables")? {
        Some(Value::Object(vars)) => {
            for (name, value) in vars {
                env.bind(&name, value);
            }
        }
        Some(_) => {
            return Err(ExpressionError {
                code: "variables".into(),
                message: "the sample variables are a JSON object: { \"name\": value }".into(),
                position: None,
            })
        }
        None => {}
    }
    let text = request.text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // The offset of the trimmed text in the editor's text, for error positions.
    let lead = request.text[..request.text.len() - request.text.trim_start().len()]
        .chars()
        .count();
    if text.starts_with("{%") {
        return one(text, lead, &env);
    }
    let template: Value = serde_json::from_str(text).map_err(|e| ExpressionError {
        code: "json".into(),
        message: format!("not JSON and not a {{% %}} expression: {e}"),
        position: None,
    })?;
    fill(&template, &env)
}

/// One `{% expression %}` string; `offset` is where it starts in the editor's text.
fn one(s: &str, offset: usize, env: &Env) -> Result<Option<Value>, ExpressionError> {
    let body = s
        .strip_prefix("{%")
        .and_then(|b| b.strip_suffix("%}"))
        .ok_or_else(|| ExpressionError {
            code: "S0000".into(),
            message: "a JSONata expression ends with %}".into(),
            position: None,
        })?;
    let at = |p: Option<usize>| p.and_then(|p| u32::try_from(offset + 2 + p).ok());
    let expr = Expression::parse(body).map_err(|e| ExpressionError {
        code: e.code.clone(),
        message: e.message.clone(),
        position: at(e.position),
    })?;
    expr.evaluate(None, env).map_err(|e| ExpressionError {
        code: e.code.clone(),
        message: e.message.clone(),
        position: at(e.position),
    })
}

/// A JSON template with its `{% %}` strings evaluated; an undefined member is left out.
fn fill(v: &Value, env: &Env) -> Result<Option<Value>, ExpressionError> {
    Ok(Some(match v {
        Value::String(s) if s.trim().starts_with("{%") && s.trim().ends_with("%}") => {
            // Positions inside a nested string do not map onto the editor's text.
            return one(s.trim(), 0, env).map_err(|e| ExpressionError {
                position: None,
                ..e
            });
        }
        Value::Object(obj) => {
            let mut out = Map::new();
            for (k, v) in obj {
                if let Some(v) = fill(v, env)? {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let mut out = Vec::new();
            for v in items {
                out.extend(fill(v, env)?);
            }
            Value::Array(out)
        }
        other => other.clone(),
    }))
}

/// `$states.context` for a preview: the fields AWS documents, with sample values.
fn context(input: &Value) -> Value {
    let now = "2026-01-01T00:00:00.000Z";
    json!({
        "Execution": {
            "Id": "arn:aws:states:us-east-1:123456789012:execution:preview:preview",
            "Input": input,
            "Name": "preview",
            "RoleArn": "arn:aws:iam::123456789012:role/preview",
            "StartTime": now,
        },
        "State": { "EnteredTime": now, "Name": "preview", "RetryCount": 0 },
        "StateMachine": {
            "Id": "arn:aws:states:us-east-1:123456789012:stateMachine:preview",
            "Name": "preview",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str, input: &str, result: Option<&str>, variables: &str) -> ExpressionReply {
        evaluate(&ExpressionRequest {
            text: text.into(),
            input: input.into(),
            result: result.map(str::to_string),
            variables: variables.into(),
        })
    }

    #[test]
    fn values_for_the_sample_input() {
        // (text, input, result, variables, value)
        type Row<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, Option<&'a str>);
        let table: [Row; 8] = [
            (
                "{% $states.input.a + 1 %}",
                r#"{"a": 41}"#,
                None,
                "",
                Some("42"),
            ),
            (
                "{% $states.result.Payload.id %}",
                "{}",
                Some(r#"{"Payload": {"id": "x"}}"#),
                "",
                Some("\"x\""),
            ),
            (
                "{% $order.total * 2 %}",
                "{}",
                None,
                r#"{"order": {"total": 5}}"#,
                Some("10"),
            ),
            (
                "{% $states.context.Execution.Input.a %}",
                r#"{"a": true}"#,
                None,
                "",
                Some("true"),
            ),
            // Undefined is no value, not null.
            ("{% $states.input.missing %}", "{}", None, "", None),
            // A template: expressions in place, undefined members left out.
            (
                r#"{"id": "{% $states.input.id %}", "gone": "{% $nothing %}", "n": [1, "{% 1 + 1 %}"]}"#,
                r#"{"id": 7}"#,
                None,
                "",
                Some("{\n  \"id\": 7,\n  \"n\": [\n    1,\n    2\n  ]\n}"),
            ),
            ("  ", "{}", None, "", None),
            // The functions Step Functions adds are there, as in a run.
            (
                "{% $partition([1, 2, 3], 2) %}",
                "{}",
                None,
                "",
                Some("[\n  [\n    1,\n    2\n  ],\n  [\n    3\n  ]\n]"),
            ),
        ];
        for (text, input, result, vars, want) in table {
            let reply = eval(text, input, result, vars);
            assert_eq!(reply.error, None, "{text}");
            assert_eq!(reply.value.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn errors_carry_the_code_and_where_in_the_text() {
        let reply = eval("{% 1 + %}", "{}", None, "");
        let e = reply.error.expect("a syntax error");
        assert!(e.code.starts_with('S'), "{e:?}");
        // The position counts from the editor's first character, past `{%`.
        assert!(e.position.is_some_and(|p| (3..=9).contains(&p)), "{e:?}");
        let e = eval(r#"{% "a" - 1 %}"#, "{}", None, "")
            .error
            .expect("a type error");
        assert_eq!(e.code, "T2001");
        let e = eval("{% 1 %}", "{not json", None, "")
            .error
            .expect("bad input");
        assert_eq!(e.code, "input");
        let e = eval("{% 1 %}", "{}", None, "[1]")
            .error
            .expect("bad variables");
        assert_eq!(e.code, "variables");
    }

    #[test]
    fn a_runaway_expression_stops() {
        let reply = eval(
            "{% ($f := function($n) { $f($n + 1) }; $f(0)) %}",
            "{}",
            None,
            "",
        );
        assert!(reply.error.is_some(), "{reply:?}");
    }
}
