//! JSONata states: Arguments → (work) → Assign and Output (AWS guide, "Transforming data
//! with JSONata in Step Functions"). `$states.input` is the state's input everywhere;
//! `$states.result` is the work's result in a Task, Parallel or Map's Assign and Output;
//! `$states.errorOutput` is the error in a Catch's Assign and Output; `$states.context` is the
//! context object. Assign and Output both read the variables as they were when the state was
//! entered: a state's assignments take effect after it (AWS guide, "Passing data between
//! states with variables").

use super::{Cx, Exit, Language, Payload, Quantity, Tail};
use crate::error::names;
use crate::exec::context::{self, MapItem};
use crate::exec::flow::Frame;
use crate::jsonata::{self as ja, Scope};
use crate::observe::Stage;
use crate::StatesError;
use serde_json::{Map, Value};
use std::borrow::Cow;
use stepwise_asl::model::{
    Catcher, ChoiceRule, ChoiceState, Common, Condition, FailState, MapState, NumberOrExpr,
    PassState, WaitState,
};

pub(crate) struct Jsonata;

/// Runs `f` with a scope reading `input` as `$states.input` and the frame's variables.
fn with_scope<T>(cx: &Cx, input: &Value, frame: &Frame, f: impl FnOnce(Scope) -> T) -> T {
    with_context(cx, &ja::Context::Ready(cx.ctx), input, frame, f)
}

fn with_context<T>(
    cx: &Cx,
    context: &ja::Context,
    input: &Value,
    frame: &Frame,
    f: impl FnOnce(Scope) -> T,
) -> T {
    let seed = || cx.sh.with_rng(|r| r.next_u64());
    f(Scope {
        input,
        result: None,
        error_output: None,
        context,
        variables: &frame.variables,
        seed: &seed,
    })
}

/// A state's Assign (named `field` in errors), evaluated in `scope`.
fn assign(
    value: Option<&Value>,
    field: &str,
    scope: &Scope,
) -> Result<Option<Map<String, Value>>, StatesError> {
    value
        .map(|a| ja::evaluate_assign(a, field, scope))
        .transpose()
}

/// Assign then Output (default: `default`), both in the same scope, then the variables as the
/// next state sees them for the data-flow preview.
fn exit(
    cx: &Cx,
    assign_field: (&str, Option<&Value>),
    output_field: (&str, Option<&Value>),
    default: impl FnOnce() -> Value,
    scope: &Scope,
    frame: &Frame,
) -> Result<Exit, StatesError> {
    let assigned = assign(assign_field.1, assign_field.0, scope)?;
    let output = match output_field.1 {
        Some(o) => ja::evaluate_template(o, output_field.0, scope)?,
        None => default(),
    };
    if cx.sh.observer.is_some() {
        let mut variables = frame.variables.clone();
        if let Some(a) = &assigned {
            variables.extend(a.clone());
        }
        cx.sh
            .stage(frame, Stage::Variables, &Value::Object(variables));
    }
    Ok((output, assigned))
}

/// A whole number from a literal or an expression.
fn whole(
    fixed: Option<&NumberOrExpr>,
    field: &str,
    scope: &Scope,
) -> Result<Option<u64>, StatesError> {
    let expression = match fixed {
        None => return Ok(None),
        Some(NumberOrExpr::Number(n)) => return Ok(n.as_u64()),
        Some(NumberOrExpr::Expression(e)) => e,
    };
    let value = ja::evaluate_typed(&Value::String(expression.clone()), field, "number", scope)?;
    match value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < u64::MAX as f64)
            .map(|f| f as u64)
    }) {
        Some(n) => Ok(Some(n)),
        None => Err(ja::out_of_range(
            ja::expression_text(expression).unwrap_or(expression),
            field,
            &value,
            "a non-negative integer",
        )),
    }
}

impl Language for Jsonata {
    fn effective<'i>(
        &self,
        _cx: &Cx,
        _common: &Common,
        input: &'i Value,
        _frame: &Frame,
    ) -> Result<Cow<'i, Value>, StatesError> {
        Ok(Cow::Borrowed(input))
    }

    fn arguments(
        &self,
        cx: &Cx,
        payload: Payload,
        effective: Cow<'_, Value>,
        frame: &Frame,
    ) -> Result<Value, StatesError> {
        let value = match payload.arguments {
            Some(a) => with_scope(cx, &effective, frame, |s| {
                ja::evaluate_template(a, payload.prefix, &s)
            })?,
            None => effective.into_owned(),
        };
        cx.sh.stage(frame, Stage::AfterArguments, &value);
        Ok(value)
    }

    fn pass_result(
        &self,
        _cx: &Cx,
        _p: &PassState,
        effective: Cow<'_, Value>,
        _frame: &Frame,
    ) -> Result<Value, StatesError> {
        Ok(effective.into_owned())
    }

    fn finish(
        &self,
        cx: &Cx,
        tail: &Tail,
        raw_input: Value,
        result: Value,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        cx.sh.stage(frame, Stage::Result, &result);
        let common = tail.common;
        with_scope(cx, &raw_input, frame, |s| {
            let s = s.with_result(&result);
            exit(
                cx,
                ("Assign", common.assign.as_ref()),
                ("Output", common.output.as_ref()),
                || result.clone(),
                &s,
                frame,
            )
        })
    }

    fn pass_through(
        &self,
        cx: &Cx,
        common: &Common,
        input: Value,
        _effective: Option<Value>,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        with_scope(cx, &input, frame, |s| {
            exit(
                cx,
                ("Assign", common.assign.as_ref()),
                ("Output", common.output.as_ref()),
                || input.clone(),
                &s,
                frame,
            )
        })
    }

    /// Each rule's `Condition` must be a boolean (AWS guide, "Choice Rules (JSONata)").
    fn choose<'s>(
        &self,
        cx: &Cx,
        c: &'s ChoiceState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<(usize, &'s ChoiceRule)>, StatesError> {
        with_scope(cx, effective, frame, |s| {
            for (i, rule) in c.choices.iter().enumerate() {
                let Some(Condition::Jsonata(condition)) = &rule.condition else {
                    return Err(StatesError::runtime(format!(
                        "The Choice rule Choices[{i}] of a JSONata state needs a Condition"
                    )));
                };
                let field = format!("Choices[{i}]/Condition");
                if ja::evaluate_typed(condition, &field, "boolean", &s)? == Value::Bool(true) {
                    return Ok(Some((i, rule)));
                }
            }
            Ok(None)
        })
    }

    /// The state's Assign and the matched rule's both apply, the rule's winning where they
    /// name the same variable; the rule's Output, else the state's, replaces the input
    /// (recorded: shared/conformance/cases/outputdecl/output_in_choice__CONDITION_TRUE).
    fn choice_exit(
        &self,
        cx: &Cx,
        c: &ChoiceState,
        chosen: Option<(usize, &ChoiceRule)>,
        input: Value,
        _effective: Option<Value>,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        with_scope(cx, &input, frame, |s| {
            let mut assigned = assign(c.common.assign.as_ref(), "Assign", &s)?;
            let (output_field, output) = match chosen {
                Some((i, rule)) => {
                    if let Some(more) =
                        assign(rule.assign.as_ref(), &format!("Choices[{i}]/Assign"), &s)?
                    {
                        assigned.get_or_insert_with(Map::new).extend(more);
                    }
                    match &rule.output {
                        Some(o) => (format!("Choices[{i}]/Output"), Some(o)),
                        None => ("Output".to_string(), c.common.output.as_ref()),
                    }
                }
                None => ("Output".to_string(), c.common.output.as_ref()),
            };
            let output = match output {
                Some(o) => ja::evaluate_template(o, &output_field, &s)?,
                None => input.clone(),
            };
            if cx.sh.observer.is_some() {
                let mut variables = frame.variables.clone();
                if let Some(a) = &assigned {
                    variables.extend(a.clone());
                }
                cx.sh
                    .stage(frame, Stage::Variables, &Value::Object(variables));
            }
            Ok((output, assigned))
        })
    }

    /// `Seconds` a whole number of seconds, `Timestamp` an ISO-8601 timestamp; AWS's cause
    /// for one that does not parse is recorded in
    /// shared/conformance/extra/scenarios/wait_timestamp_jsonata__INVALID_TIME.
    fn wait_millis(
        &self,
        cx: &Cx,
        w: &WaitState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<i64, StatesError> {
        with_scope(cx, effective, frame, |s| {
            if let Some(seconds) = whole(w.seconds.as_ref(), "Seconds", &s)? {
                return Ok(i64::try_from(seconds)
                    .unwrap_or(i64::MAX)
                    .saturating_mul(1000));
            }
            let Some(ts) = &w.timestamp else {
                return Ok(0);
            };
            let value = ja::evaluate_typed(&Value::String(ts.clone()), "Timestamp", "string", &s)?;
            let text = value.as_str().unwrap_or_default();
            let at = stepwise_asl::timestamp::parse_millis(text).ok_or_else(|| {
                StatesError::new(
                    names::QUERY_EVALUATION_ERROR,
                    format!(
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}"
                    ),
                )
            })?;
            Ok((at - cx.sh.now_ms()).max(0))
        })
    }

    fn fail(&self, cx: &Cx, f: &FailState, input: &Value, frame: &Frame) -> StatesError {
        let result = with_scope(cx, input, frame, |s| {
            let field = |value: &Option<String>,
                         name: &str|
             -> Result<Option<String>, StatesError> {
                match value {
                    None => Ok(None),
                    Some(text) => {
                        let v =
                            ja::evaluate_typed(&Value::String(text.clone()), name, "string", &s)?;
                        Ok(v.as_str().map(str::to_string))
                    }
                }
            };
            Ok::<_, StatesError>((field(&f.error, "Error")?, field(&f.cause, "Cause")?))
        });
        match result {
            Ok((error, cause)) => StatesError {
                error: error.unwrap_or_default(),
                cause,
            },
            Err(e) => e,
        }
    }

    fn count(
        &self,
        cx: &Cx,
        which: Quantity,
        fixed: Option<&NumberOrExpr>,
        _path: Option<&str>,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<u64>, StatesError> {
        with_scope(cx, effective, frame, |s| whole(fixed, which.field(), &s))
    }

    fn percentage(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Option<f64>, StatesError> {
        match &m.tolerated_failure_percentage {
            None => Ok(None),
            Some(NumberOrExpr::Number(n)) => Ok(n.as_f64()),
            Some(NumberOrExpr::Expression(e)) => with_scope(cx, effective, frame, |s| {
                let v = ja::evaluate_typed(
                    &Value::String(e.clone()),
                    "ToleratedFailurePercentage",
                    "number",
                    &s,
                )?;
                Ok(v.as_f64())
            }),
        }
    }

    /// `Items` must give an array; without it the input must be one (recorded:
    /// shared/conformance/cases/scenarios/map_state_items_input_types__*).
    fn items(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Vec<Value>, StatesError> {
        let value = match &m.items {
            Some(items) => with_scope(cx, effective, frame, |s| {
                ja::evaluate_typed(items, "Items", "array", &s)
            })?,
            None => effective.clone(),
        };
        match value {
            Value::Array(items) => Ok(items),
            other => Err(StatesError::new(
                names::QUERY_EVALUATION_ERROR,
                format!("Map state input must be an array but was: {other}"),
            )),
        }
    }

    /// `ItemSelector` reads the item as `$states.context.Map.Item.Value` (and its index as
    /// `...Index`); `$states.input` is the Map state's input.
    fn item_input(
        &self,
        cx: &Cx,
        m: &MapState,
        effective: &Value,
        item: &MapItem,
        frame: &Frame,
    ) -> Result<Value, StatesError> {
        let Some(sel) = &m.item_selector else {
            return Ok(item.value.clone());
        };
        let build = || context::build(cx.sh, cx.entered, None, Some(item), None);
        let context = ja::Context::Item {
            built: std::cell::OnceCell::new(),
            build: &build,
            index: Value::from(item.index),
            value: &item.value,
        };
        with_context(cx, &context, effective, frame, |s| {
            ja::evaluate_template(sel, "ItemSelector", &s)
        })
    }

    fn template(
        &self,
        cx: &Cx,
        field: &str,
        template: &Value,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Value, StatesError> {
        with_scope(cx, effective, frame, |s| {
            ja::evaluate_template(template, field, &s)
        })
    }

    /// The catcher's Output (default: the error output) and Assign, with
    /// `$states.errorOutput` the error and `$states.input` the state's input.
    fn catch_exit(
        &self,
        cx: &Cx,
        catcher: &Catcher,
        index: usize,
        raw_input: &Value,
        error_output: Value,
        frame: &Frame,
    ) -> Result<Exit, StatesError> {
        with_scope(cx, raw_input, frame, |s| {
            let s = Scope {
                error_output: Some(&error_output),
                ..s
            };
            let assign_field = format!("Catch[{index}]/Assign");
            let output_field = format!("Catch[{index}]/Output");
            exit(
                cx,
                (&assign_field, catcher.assign.as_ref()),
                (&output_field, catcher.output.as_ref()),
                || error_output.clone(),
                &s,
                frame,
            )
        })
    }

    fn records_evaluation_failures(&self) -> bool {
        true
    }
}
