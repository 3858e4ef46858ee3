//! JSONPath states: InputPath → Parameters → (work) → ResultSelector → Assign → ResultPath →
//! OutputPath (AWS guide, "Processing input and output in Step Functions"), with AWS's
//! runtime errors for `*Path` fields (recorded in shared/conformance).

use super::{Cx, Exit, Language, Payload, Quantity, Tail};
use crate::dataflow::{self, PathEnv};
use crate::exec::context::{self, MapItem};
use crate::exec::flow::Frame;
use crate::exec::states::{assign, bracketed, input_path, lookup, output_path, select, template};
use crate::observe::Stage;
use crate::StatesError;
use serde_json::{Map, Value};
use std::borrow::Cow;
use stepwise_asl::model::{
    Catcher, ChoiceRule, ChoiceState, Common, FailState, MapState, NumberOrExpr, PassState,
    WaitState,
};

pub(crate) struct JsonPath;

impl Language for JsonPath {
    fn effective<'i>(
        &self,
        cx: &Cx,
        common: &Common,
        input: &'i Value,
        frame: &Frame,
    ) -> Result<Cow<'i, Value>, StatesError> {
        let effective = input_path(common, input, cx.ctx, frame)?;
        cx.sh.stage(frame, Stage::AfterInputPath, &effective);
        Ok(effective)
    }

    fn arguments(
        &self,
        cx: &Cx,
        payload: Payload,
        effective: Cow<'_, Value>,
        frame: &Frame,
    ) -> Result<Value, StatesError> {
        let value = match payload.parameters {
            Some(p) => template(cx.sh, p, &effective, cx.ctx, frame)?,
            None => effective.into_owned(),
        };
        cx.sh.stage(frame, Stage::AfterParameters, &value);
        Ok(value)
    }

    fn pass_result(
        &self,
        cx: &Cx,
        p: &PassState,
        effective: Cow<'_, Value>,
        frame: &Frame,
    ) -> Result<Value, StatesError> {
        Ok(match (&p.result, &p.parameters) {
            (Some(r), _) => r.clone(),
            (None, Some(t)) => {
                let v = template(cx.sh, t, &effective, cx.ctx, frame)?;
                cx.sh.stage(frame, Stage::AfterParameters, &v);
                v
            }
            (None, None) => effective.into_owned(),
        })
    }

    fn finish(
        &self,
        cx: &Cx,
        tail: &Tail,
        raw_input: Value,
        result: Value,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        let sh = cx.sh;
        sh.stage(frame, Stage::Result, &result);
        let result = match tail.result_selector {
            Some(sel) => {
                let selected = template(sh, sel, &result, cx.ctx, frame)?;
                sh.stage(frame, Stage::AfterResultSelector, &selected);
                selected
            }
            None => result,
        };
        let assigned = assign(sh, tail.common.assign.as_ref(), &result, cx.ctx, frame)?;
        let merged = dataflow::apply_result_path_owned(tail.result_path, raw_input, result)?;
        sh.stage(frame, Stage::AfterResultPath, &merged);
        let output = output_path(tail.common, merged, cx.ctx, frame)?;
        Ok((output, assigned))
    }

    fn pass_through(
        &self,
        cx: &Cx,
        common: &Common,
        input: Value,
        effective: Option<Value>,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        let assigned = assign(
            cx.sh,
            common.assign.as_ref(),
            effective.as_ref().unwrap_or(&input),
            cx.ctx,
            frame,
        )?;
        let output = output_path(common, effective.unwrap_or(input), cx.ctx, frame)?;
        Ok((output, assigned))
    }

    fn choose<'s>(
        &self,
        cx: &Cx,
        c: &'s ChoiceState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<(usize, &'s ChoiceRule)>, StatesError> {
        let vars = lookup(frame);
        let env = PathEnv {
            input: effective,
            context: cx.ctx,
            variables: &vars,
        };
        for (i, rule) in c.choices.iter().enumerate() {
            if dataflow::evaluate_choice_rule(rule, &env)? {
                return Ok(Some((i, rule)));
            }
        }
        Ok(None)
    }

    fn choice_exit(
        &self,
        cx: &Cx,
        c: &ChoiceState,
        chosen: Option<(usize, &ChoiceRule)>,
        input: Value,
        effective: Option<Value>,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        // Assign on the state and on the matched rule both run, with `$` the state's input.
        let sh = cx.sh;
        let data = effective.as_ref().unwrap_or(&input);
        let mut assigned = assign(sh, c.common.assign.as_ref(), data, cx.ctx, frame)?;
        let rule_assign = chosen.and_then(|(_, r)| r.assign.as_ref());
        if let Some(more) = assign(sh, rule_assign, data, cx.ctx, frame)? {
            assigned.get_or_insert_with(Map::new).extend(more);
        }
        let output = output_path(&c.common, effective.unwrap_or(input), cx.ctx, frame)?;
        Ok((output, assigned))
    }

    /// With AWS's runtime errors for bad `*Path` values (recorded in
    /// shared/conformance/cases/base/base_wait_seconds_path__*).
    fn wait_millis(
        &self,
        cx: &Cx,
        w: &WaitState,
        input: &Value,
        frame: &Frame,
    ) -> Result<i64, StatesError> {
        if let Some(NumberOrExpr::Number(n)) = &w.seconds {
            return Ok(n.as_i64().unwrap_or(0).saturating_mul(1000));
        }
        if let Some(ts) = &w.timestamp {
            return until(cx, ts, "Timestamp", ts);
        }
        let vars = lookup(frame);
        let env = PathEnv {
            input,
            context: cx.ctx,
            variables: &vars,
        };
        if let Some(path) = &w.seconds_path {
            let value = dataflow::select_path(path, &env)?.ok_or_else(|| no_results(path))?;
            return match integer_text(&value) {
                Some(s) if s < 0 => Err(StatesError::runtime(format!(
                    "The SecondsPath parameter references a negative value: {path} == {value}"
                ))),
                Some(s) => Ok(s.saturating_mul(1000)),
                None => Err(StatesError::runtime(format!(
                    "The SecondsPath parameter cannot be parsed as a long value: {path} == {}",
                    match &value {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    }
                ))),
            };
        }
        if let Some(path) = &w.timestamp_path {
            let value = dataflow::select_path(path, &env)?.ok_or_else(|| no_results(path))?;
            return match value.as_str() {
                // AWS names the path and its value here, as for a value that is not a string.
                Some(ts) => until(cx, ts, "TimestampPath", &format!("{path} == {ts}")),
                None => Err(StatesError::runtime(format!(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {value}"
                ))),
            };
        }
        Ok(0)
    }

    fn fail(&self, cx: &Cx, f: &FailState, input: &Value, frame: &Frame) -> StatesError {
        let vars = lookup(frame);
        let env = PathEnv {
            input,
            context: cx.ctx,
            variables: &vars,
        };
        let dynamic = |path: &Option<String>,
                       fixed: &Option<String>|
         -> Result<Option<String>, StatesError> {
            match (path, fixed) {
                (Some(p), _) => {
                    let v = cx.sh.with_rng(|rng| dynamic_value(p, &env, rng))?;
                    Ok(Some(match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    }))
                }
                (None, fixed) => Ok(fixed.clone()),
            }
        };
        let error = match dynamic(&f.error_path, &f.error) {
            Ok(e) => e,
            Err(e) => return e,
        };
        let cause = match dynamic(&f.cause_path, &f.cause) {
            Ok(c) => c,
            Err(e) => return e,
        };
        StatesError {
            error: error.unwrap_or_default(),
            cause,
        }
    }

    fn count(
        &self,
        cx: &Cx,
        which: Quantity,
        fixed: Option<&NumberOrExpr>,
        path: Option<&str>,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<u64>, StatesError> {
        match which {
            Quantity::TimeoutSeconds | Quantity::HeartbeatSeconds => {
                seconds(fixed, path, effective, cx.ctx, frame)
            }
            Quantity::MaxConcurrency => {
                concurrency(fixed, path, effective, cx.ctx, frame).map(Some)
            }
            Quantity::ToleratedFailureCount => number(
                fixed,
                path,
                effective,
                cx.ctx,
                frame,
                "ToleratedFailureCount",
            ),
            Quantity::MaxItemsPerBatch => {
                number(fixed, path, effective, cx.ctx, frame, "MaxItemsPerBatch")
            }
            Quantity::MaxInputBytesPerBatch => number(
                fixed,
                path,
                effective,
                cx.ctx,
                frame,
                "MaxInputBytesPerBatch",
            ),
            Quantity::MaxItems => number(fixed, path, effective, cx.ctx, frame, "MaxItems"),
        }
    }

    fn percentage(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<f64>, StatesError> {
        Ok(
            match (
                &m.tolerated_failure_percentage,
                &m.tolerated_failure_percentage_path,
            ) {
                (Some(NumberOrExpr::Number(n)), _) => n.as_f64(),
                // As the integer fields, the value's text is read: "50" is 50.
                (_, Some(path)) => select(path, effective, cx.ctx, frame)?.and_then(|v| match v {
                    Value::String(s) => s.parse().ok(),
                    other => other.as_f64(),
                }),
                _ => None,
            },
        )
    }

    fn items(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Vec<Value>, StatesError> {
        let selected = match &m.items_path {
            Some(path) => {
                select(path, effective, cx.ctx, frame)?.ok_or_else(|| no_results(path))?
            }
            None => effective.clone(),
        };
        match selected {
            Value::Array(items) => Ok(items),
            other => Err(StatesError::runtime(format!(
                "Map state input must be an array but was: {other}"
            ))),
        }
    }

    fn item_input(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        item: &MapItem,
        frame: &Frame,
    ) -> Result<Value, StatesError> {
        match m.item_selector.as_ref().or(m.parameters.as_ref()) {
            Some(sel) => {
                let item_ctx = context::build(cx.sh, cx.entered, None, Some(item), None);
                template(cx.sh, sel, effective, &item_ctx, frame)
            }
            None => Ok(item.value.clone()),
        }
    }

    fn template(
        &self,
        cx: &Cx,
        _field: &str,
        t: &Value,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Value, StatesError> {
        template(cx.sh, t, effective, cx.ctx, frame)
    }

    fn catch_exit(
        &self,
        cx: &Cx,
        catcher: &Catcher,
        _index: usize,
        raw_input: &Value,
        error_output: Value,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        let assigned = assign(cx.sh, catcher.assign.as_ref(), &error_output, cx.ctx, frame)?;
        // A catcher without ResultPath replaces the input with the error output ("$").
        let result_path = catcher
            .result_path
            .clone()
            .unwrap_or_else(|| Value::String("$".into()));
        let output = dataflow::apply_result_path(Some(&result_path), raw_input, error_output)?;
        Ok((output, assigned))
    }

    fn records_evaluation_failures(&self) -> bool {
        false
    }
}

fn no_results(path: &str) -> StatesError {
    StatesError::runtime(format!(
        "Invalid path '{path}' : No results for path: {}",
        bracketed(path)
    ))
}

/// `shown` is how the cause quotes a timestamp that does not parse.
fn until(cx: &Cx, ts: &str, field: &str, shown: &str) -> Result<i64, StatesError> {
    let at = stepwise_asl::timestamp::parse_millis(ts).ok_or_else(|| {
        StatesError::runtime(format!(
            "The {field} parameter does not reference a valid ISO-8601 extended offset date-time format string: {shown}"
        ))
    })?;
    Ok((at - cx.sh.now_ms()).max(0))
}

/// A Fail state's ErrorPath/CausePath: a path, or an intrinsic function call.
fn dynamic_value(
    text: &str,
    env: &PathEnv,
    rng: &mut crate::rng::Random,
) -> Result<Value, StatesError> {
    if stepwise_asl::intrinsics::is_intrinsic_call(text) {
        let call = stepwise_asl::intrinsics::parse(text)
            .map_err(|e| StatesError::intrinsic_failure(e.to_string()))?;
        return dataflow::evaluate_intrinsic(&call, env, rng);
    }
    dataflow::select_path(text, env)?.ok_or_else(|| no_results(text))
}

/// The integer a `...Path` field's value gives. AWS reads the value's text as a Java long
/// (its errors say "cannot be parsed as a long value", "is not a valid integer"), so an
/// integer and a string holding one (`"1"`) both give it, and `1.5`, `"NoNumber"` or an
/// object do not (shared/conformance: max_concurrency_path__NoNumber,
/// base_wait_seconds_path__1.5).
fn integer_text(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A number of seconds from a literal or a reference path (TimeoutSecondsPath,
/// HeartbeatSecondsPath).
fn seconds(
    fixed: Option<&NumberOrExpr>,
    path: Option<&str>,
    input: &Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<Option<u64>, StatesError> {
    if let Some(NumberOrExpr::Number(n)) = fixed {
        return Ok(n.as_u64());
    }
    let Some(path) = path else { return Ok(None) };
    match select(path, input, ctx, frame)? {
        Some(v) => match integer_text(&v).and_then(|n| u64::try_from(n).ok()) {
            Some(s) if s > 0 => Ok(Some(s)),
            _ => Err(StatesError::runtime(format!(
                "The value of the path {path} must be a positive integer, not {v}"
            ))),
        },
        None => Err(no_results(path)),
    }
}

/// MaxConcurrency or MaxConcurrencyPath; 0 when neither is set (no limit).
fn concurrency(
    fixed: Option<&NumberOrExpr>,
    path: Option<&str>,
    effective: &Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<u64, StatesError> {
    Ok(match (fixed, path) {
        (Some(NumberOrExpr::Number(n)), _) => n.as_u64().unwrap_or(0),
        (_, Some(path)) => {
            let v = select(path, effective, ctx, frame)?.unwrap_or(Value::Null);
            // Recorded on AWS: shared/conformance/cases/scenarios/max_concurrency_path__*.
            match integer_text(&v).and_then(|n| u64::try_from(n).ok()) {
                Some(n) => n,
                None => {
                    let shown = match &v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    return Err(StatesError::runtime(format!(
                        "The MaxConcurrencyPath field refers to value \"{shown}\" which is not a valid integer: {path}"
                    )));
                }
            }
        }
        _ => 0,
    })
}

fn number(
    fixed: Option<&NumberOrExpr>,
    path: Option<&str>,
    effective: &Value,
    ctx: &Value,
    frame: &Frame,
    field: &str,
) -> Result<Option<u64>, StatesError> {
    if let Some(NumberOrExpr::Number(n)) = fixed {
        return Ok(n.as_u64());
    }
    let Some(path) = path else { return Ok(None) };
    match select(path, effective, ctx, frame)? {
        Some(v) => integer_text(&v)
            .and_then(|n| u64::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| {
                StatesError::runtime(format!(
                "The {field}Path field refers to value {v} which is not a valid integer: {path}"
            ))
            }),
        None => Ok(None),
    }
}
