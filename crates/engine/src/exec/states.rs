//! Each state type, in AWS's order of input and output processing (JSONPath):
//! InputPath → Parameters → (work) → ResultSelector → Assign → ResultPath → OutputPath.

use super::flow::{Entered, Frame, Step};
use super::{context, retry, Shared};
use crate::dataflow::{self, PathEnv};
use crate::error::names;
use crate::history::{resource_parts, Details, TaskErrorDetails};
use crate::observe::Stage;
use crate::task::TaskRequest;
use crate::StatesError;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::time::Duration;
use stepwise_asl::model::{
    ChoiceState, Common, FailState, NumberOrExpr, PassState, QueryLanguage, State, TaskState,
    WaitState,
};

pub(crate) async fn run_state<'s>(
    sh: &Shared,
    state: &'s State,
    entered: &Entered<'_>,
    input: Value,
    frame: &mut Frame,
) -> Result<Step<'s>, StatesError> {
    let language = state.query_language().unwrap_or(sh.machine_language);
    if language == QueryLanguage::Jsonata {
        return Err(StatesError::new(
            "Stepwise.UnsupportedQueryLanguage",
            format!(
                "State '{}' uses JSONata, which this version of Stepwise cannot run yet; JSONPath states run",
                entered.name
            ),
        ));
    }
    match state {
        State::Pass(p) => pass(sh, p, entered, input, frame),
        State::Choice(c) => choice(sh, c, entered, input, frame),
        State::Wait(w) => wait(sh, w, entered, input, frame).await,
        State::Succeed(s) => {
            let ctx = context::build(sh, entered, None, entered.item, None);
            let effective = input_path(&s.common, &input, &ctx, frame)?;
            sh.stage(frame, Stage::AfterInputPath, &effective);
            let output = output_path(&s.common, computed(effective).unwrap_or(input), &ctx, frame)?;
            Ok(Step {
                output,
                next: None,
                assigned: None,
            })
        }
        State::Fail(f) => Err(fail(sh, f, entered, &input, frame)),
        State::Task(_) | State::Parallel(_) | State::Map(_) => {
            retry::with_retry_and_catch(sh, state, entered, input, frame).await
        }
    }
}

/// The effective input if it was computed; `None` when it is the state's input itself,
/// which the caller then moves on instead of copying.
fn computed(effective: Cow<'_, Value>) -> Option<Value> {
    match effective {
        Cow::Borrowed(_) => None,
        Cow::Owned(v) => Some(v),
    }
}

/// Selects `path` from `input` with the frame's variables; `None` when nothing matches.
pub(crate) fn select(
    path: &str,
    input: &Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<Option<Value>, StatesError> {
    let vars = lookup(frame);
    dataflow::select_path(
        path,
        &PathEnv {
            input,
            context: ctx,
            variables: &vars,
        },
    )
}

/// The variables of `frame` as the path evaluator reads them.
pub(crate) fn lookup(frame: &Frame) -> impl Fn(&str) -> Option<Value> + '_ {
    move |name| frame.variables.get(name).cloned()
}

/// The effective input. Borrowed when there is no InputPath, which is most states: copying
/// the input for nothing was a large share of a run.
pub(crate) fn input_path<'i>(
    common: &Common,
    input: &'i Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<Cow<'i, Value>, StatesError> {
    if common.input_path.is_none() {
        return Ok(Cow::Borrowed(input));
    }
    let vars = lookup(frame);
    dataflow::apply_input_path(
        common.input_path.as_ref(),
        &PathEnv {
            input,
            context: ctx,
            variables: &vars,
        },
    )
    .map(Cow::Owned)
}

pub(crate) fn output_path(
    common: &Common,
    output: Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<Value, StatesError> {
    if common.output_path.is_none() {
        return Ok(output);
    }
    let vars = lookup(frame);
    dataflow::apply_output_path(
        common.output_path.as_ref(),
        &PathEnv {
            input: &output,
            context: ctx,
            variables: &vars,
        },
    )
}

pub(crate) fn template(
    sh: &Shared,
    t: &Value,
    input: &Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<Value, StatesError> {
    let vars = lookup(frame);
    sh.with_rng(|rng| {
        dataflow::evaluate_template(
            t,
            &PathEnv {
                input,
                context: ctx,
                variables: &vars,
            },
            rng,
        )
    })
}

/// `Assign` evaluated with `$` bound to the state's result; applied after the state exits.
pub(crate) fn assign(
    sh: &Shared,
    assign: Option<&Value>,
    result: &Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<Option<Map<String, Value>>, StatesError> {
    let Some(a) = assign else { return Ok(None) };
    let vars = lookup(frame);
    let env = PathEnv {
        input: result,
        context: ctx,
        variables: &vars,
    };
    sh.with_rng(|rng| dataflow::evaluate_assign(a, &env, rng))
        .map(Some)
}

/// The tail every result-producing state shares: ResultSelector, Assign, ResultPath,
/// OutputPath.
pub(crate) struct Tail<'a> {
    pub common: &'a Common,
    pub result_selector: Option<&'a Value>,
    pub result_path: Option<&'a Value>,
}

impl Tail<'_> {
    pub fn finish(
        &self,
        sh: &Shared,
        raw_input: Value,
        result: Value,
        ctx: &Value,
        frame: &Frame,
    ) -> Result<(Value, Option<Map<String, Value>>), StatesError> {
        sh.stage(frame, Stage::Result, &result);
        let result = match self.result_selector {
            Some(sel) => {
                let selected = template(sh, sel, &result, ctx, frame)?;
                sh.stage(frame, Stage::AfterResultSelector, &selected);
                selected
            }
            None => result,
        };
        let assigned = assign(sh, self.common.assign.as_ref(), &result, ctx, frame)?;
        let merged = dataflow::apply_result_path_owned(self.result_path, raw_input, result)?;
        sh.stage(frame, Stage::AfterResultPath, &merged);
        let output = output_path(self.common, merged, ctx, frame)?;
        Ok((output, assigned))
    }
}

fn pass<'s>(
    sh: &Shared,
    p: &'s PassState,
    entered: &Entered,
    input: Value,
    frame: &Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let effective = input_path(&p.common, &input, &ctx, frame)?;
    sh.stage(frame, Stage::AfterInputPath, &effective);
    let result = match (&p.result, &p.parameters) {
        (Some(r), _) => r.clone(),
        (None, Some(t)) => {
            let v = template(sh, t, &effective, &ctx, frame)?;
            sh.stage(frame, Stage::AfterParameters, &v);
            v
        }
        (None, None) => effective.into_owned(),
    };
    let tail = Tail {
        common: &p.common,
        result_selector: None,
        result_path: p.result_path.as_ref(),
    };
    let (output, assigned) = tail.finish(sh, input, result, &ctx, frame)?;
    Ok(Step {
        output,
        next: p.flow.next.as_deref(),
        assigned,
    })
}

fn choice<'s>(
    sh: &Shared,
    c: &'s ChoiceState,
    entered: &Entered,
    input: Value,
    frame: &Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let effective = input_path(&c.common, &input, &ctx, frame)?;
    sh.stage(frame, Stage::AfterInputPath, &effective);
    let vars = lookup(frame);
    let env = PathEnv {
        input: &effective,
        context: &ctx,
        variables: &vars,
    };
    let mut chosen = None;
    for rule in &c.choices {
        if dataflow::evaluate_choice_rule(rule, &env)? {
            chosen = Some(rule);
            break;
        }
    }
    let (next, rule_assign) = match (chosen, &c.default) {
        (Some(rule), _) => (rule.next.as_deref(), rule.assign.as_ref()),
        (None, Some(default)) => (Some(default.as_str()), None),
        (None, None) => {
            return Err(StatesError::new(
                names::NO_CHOICE_MATCHED,
                format!(
                    "No Choice rule of state '{}' matched the input, and it has no Default",
                    entered.name
                ),
            ))
        }
    };
    // Assign on the state and on the matched rule both run, with `$` the state's input.
    let mut assigned = assign(sh, c.common.assign.as_ref(), &effective, &ctx, frame)?;
    if let Some(more) = assign(sh, rule_assign, &effective, &ctx, frame)? {
        assigned.get_or_insert_with(Map::new).extend(more);
    }
    let output = output_path(&c.common, computed(effective).unwrap_or(input), &ctx, frame)?;
    Ok(Step {
        output,
        next,
        assigned,
    })
}

async fn wait<'s>(
    sh: &Shared,
    w: &'s WaitState,
    entered: &Entered<'_>,
    input: Value,
    frame: &Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let effective = input_path(&w.common, &input, &ctx, frame)?;
    sh.stage(frame, Stage::AfterInputPath, &effective);
    let delay_ms = wait_millis(sh, w, &effective, &ctx, frame)?;
    if delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(delay_ms as u64)).await;
    }
    let assigned = assign(sh, w.common.assign.as_ref(), &effective, &ctx, frame)?;
    let output = output_path(&w.common, computed(effective).unwrap_or(input), &ctx, frame)?;
    Ok(Step {
        output,
        next: w.flow.next.as_deref(),
        assigned,
    })
}

/// How long a Wait waits, with AWS's runtime errors for bad `*Path` values (recorded in
/// shared/conformance/cases/base/base_wait_seconds_path__*).
fn wait_millis(
    sh: &Shared,
    w: &WaitState,
    input: &Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<i64, StatesError> {
    if let Some(NumberOrExpr::Number(n)) = &w.seconds {
        return Ok(n.as_i64().unwrap_or(0).saturating_mul(1000));
    }
    if let Some(ts) = &w.timestamp {
        return until(sh, ts, "Timestamp", ts);
    }
    let vars = lookup(frame);
    let env = PathEnv {
        input,
        context: ctx,
        variables: &vars,
    };
    if let Some(path) = &w.seconds_path {
        let value = dataflow::select_path(path, &env)?.ok_or_else(|| {
            StatesError::runtime(format!(
                "Invalid path '{path}' : No results for path: {}",
                bracketed(path)
            ))
        })?;
        return match value.as_i64() {
            Some(s) if s < 0 => Err(StatesError::runtime(format!(
                "The SecondsPath parameter references a negative value: {path} == {value}"
            ))),
            Some(s) => Ok(s.saturating_mul(1000)),
            None => Err(StatesError::runtime(format!(
                "The SecondsPath parameter cannot be parsed as a long value: {path} == {value}"
            ))),
        };
    }
    if let Some(path) = &w.timestamp_path {
        let value = dataflow::select_path(path, &env)?.ok_or_else(|| {
            StatesError::runtime(format!(
                "Invalid path '{path}' : No results for path: {}",
                bracketed(path)
            ))
        })?;
        return match value.as_str() {
            // AWS names the path and its value here, as for a value that is not a string.
            Some(ts) => until(sh, ts, "TimestampPath", &format!("{path} == {ts}")),
            None => Err(StatesError::runtime(format!(
                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {value}"
            ))),
        };
    }
    Ok(0)
}

/// `shown` is how the cause quotes a timestamp that does not parse.
fn until(sh: &Shared, ts: &str, field: &str, shown: &str) -> Result<i64, StatesError> {
    let at = stepwise_asl::timestamp::parse_millis(ts).ok_or_else(|| {
        StatesError::runtime(format!(
            "The {field} parameter does not reference a valid ISO-8601 extended offset date-time format string: {shown}"
        ))
    })?;
    Ok((at - sh.now_ms()).max(0))
}

/// `$.a.b` → `$['a']['b']`, as Jayway prints paths in its messages.
pub(crate) fn bracketed(path: &str) -> String {
    match stepwise_asl::path::JsonPath::parse(path) {
        Ok(p) => {
            let mut out = String::from("$");
            for seg in &p.segments {
                match seg {
                    stepwise_asl::path::Segment::Field(f) => out.push_str(&format!("['{f}']")),
                    stepwise_asl::path::Segment::Index(i) => out.push_str(&format!("[{i}]")),
                    other => out.push_str(&other.to_string()),
                }
            }
            out
        }
        Err(_) => path.to_string(),
    }
}

fn fail(
    sh: &Shared,
    f: &FailState,
    entered: &Entered,
    input: &Value,
    frame: &Frame,
) -> StatesError {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let vars = lookup(frame);
    let env = PathEnv {
        input,
        context: &ctx,
        variables: &vars,
    };
    let dynamic =
        |path: &Option<String>, fixed: &Option<String>| -> Result<Option<String>, StatesError> {
            match (path, fixed) {
                (Some(p), _) => {
                    let v = sh.with_rng(|rng| dynamic_value(p, &env, rng))?;
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

/// One attempt of a Task: InputPath, Parameters, the handler (with its timeout), then the tail.
pub(crate) async fn task<'s>(
    sh: &Shared,
    t: &'s TaskState,
    entered: &Entered<'_>,
    input: Value,
    frame: &mut Frame,
    attempt: u32,
) -> Result<Step<'s>, StatesError> {
    let wait_for_token = t.resource.ends_with(".waitForTaskToken");
    let token = wait_for_token.then(|| sh.with_rng(|r| r.uuid_v4()));
    // Handlers get the whole context object, whether or not the state's paths read it.
    let ctx = context::full(
        sh,
        entered.name,
        entered.at_ms,
        Some(attempt),
        entered.item,
        token.as_deref(),
    );
    let effective = input_path(&t.common, &input, &ctx, frame)?;
    sh.stage(frame, Stage::AfterInputPath, &effective);
    let timeout = seconds(
        &t.timeout_seconds,
        &t.timeout_seconds_path,
        &effective,
        &ctx,
        frame,
    )?;
    let heartbeat = seconds(
        &t.heartbeat_seconds,
        &t.heartbeat_seconds_path,
        &effective,
        &ctx,
        frame,
    )?;
    let parameters = match &t.parameters {
        Some(p) => template(sh, p, &effective, &ctx, frame)?,
        None => effective.into_owned(),
    };
    sh.stage(frame, Stage::AfterParameters, &parameters);
    let (resource_type, resource) = resource_parts(&t.resource);
    frame.last_event = sh.record("TaskScheduled", frame.last_event, || {
        Some(Details::TaskScheduled {
            resource_type: resource_type.clone(),
            resource: resource.clone(),
            region: sh.identity.region.clone(),
            parameters: crate::history::JsonText(parameters.clone()),
            timeout_in_seconds: timeout,
            heartbeat_in_seconds: heartbeat,
        })
    });
    frame.last_event = sh.record("TaskStarted", frame.last_event, || {
        Some(Details::TaskStarted {
            resource_type: resource_type.clone(),
            resource: resource.clone(),
        })
    });
    let request = TaskRequest {
        state_name: entered.name.to_string(),
        resource: t.resource.clone(),
        input: parameters,
        context: ctx.clone(),
        attempt,
    };
    // A heartbeat shorter than the timeout ends a silent task first (handlers here do not
    // send heartbeats), with States.HeartbeatTimeout.
    let limit = match (timeout, heartbeat) {
        (Some(t), Some(h)) if h < t => Some((h, names::HEARTBEAT_TIMEOUT)),
        (None, Some(h)) => Some((h, names::HEARTBEAT_TIMEOUT)),
        (Some(t), _) => Some((t, names::TIMEOUT)),
        (None, None) => None,
    };
    let outcome = invoke(sh, request, limit).await;
    let task_error = |e: &StatesError| TaskErrorDetails {
        resource_type: resource_type.clone(),
        resource: resource.clone(),
        error: Some(e.error.clone()),
        cause: e.cause.clone(),
    };
    let result = match outcome {
        Ok(v) => v,
        Err(e) => {
            let kind = if e.error == names::TIMEOUT || e.error == names::HEARTBEAT_TIMEOUT {
                "TaskTimedOut"
            } else {
                "TaskFailed"
            };
            frame.last_event = sh.record(kind, frame.last_event, || {
                Some(if kind == "TaskTimedOut" {
                    Details::TaskTimedOut(task_error(&e))
                } else {
                    Details::TaskFailed(task_error(&e))
                })
            });
            return Err(e);
        }
    };
    frame.last_event = sh.record("TaskSucceeded", frame.last_event, || {
        Some(Details::TaskSucceeded {
            resource_type: resource_type.clone(),
            resource: resource.clone(),
            output: crate::history::JsonText(result.clone()),
            output_details: crate::history::Truncated { truncated: false },
        })
    });
    let tail = Tail {
        common: &t.common,
        result_selector: t.result_selector.as_ref(),
        result_path: t.result_path.as_ref(),
    };
    let (output, assigned) = tail.finish(sh, input, result, &ctx, frame)?;
    Ok(Step {
        output,
        next: t.flow.next.as_deref(),
        assigned,
    })
}

/// A number of seconds from a literal or a reference path (TimeoutSecondsPath,
/// HeartbeatSecondsPath).
fn seconds(
    fixed: &Option<NumberOrExpr>,
    path: &Option<String>,
    input: &Value,
    ctx: &Value,
    frame: &Frame,
) -> Result<Option<u64>, StatesError> {
    if let Some(NumberOrExpr::Number(n)) = fixed {
        return Ok(n.as_u64());
    }
    let Some(path) = path else { return Ok(None) };
    match select(path, input, ctx, frame)? {
        Some(v) => match v.as_u64() {
            Some(s) if s > 0 => Ok(Some(s)),
            _ => Err(StatesError::runtime(format!(
                "The value of the path {path} must be a positive integer, not {v}"
            ))),
        },
        None => Err(StatesError::runtime(format!(
            "Invalid path '{path}' : No results for path: {}",
            bracketed(path)
        ))),
    }
}

/// Calls the task handler, racing it against its timeout. In virtual-clock mode the handler
/// runs on the real-time runtime and its timeout counts real seconds: a mock answers at
/// once, a real command gets its real time. Time the handler holds (a person answering it)
/// does not count against the timeout.
pub(crate) async fn invoke(
    sh: &Shared,
    request: TaskRequest,
    limit: Option<(u64, &'static str)>,
) -> Result<Value, StatesError> {
    let handler = sh.handler.clone();
    let at_once = handler.answers_at_once(&request);
    match &sh.io {
        // A mocked response needs no real time: answered here, in the executor's order.
        Some(_) if at_once => limited(handler.invoke(request), limit, None).await,
        // Blocking on the real-time runtime from tokio's blocking pool: while a blocking task
        // runs, the paused (virtual) clock does not auto-advance, so a Task's real duration
        // never lets a Wait elsewhere or the execution timeout fire early.
        Some(io) => {
            let io = io.handle()?;
            let held = sh.held.clone();
            tokio::task::spawn_blocking(move || {
                io.block_on(limited(handler.invoke(request), limit, held))
            })
            .await
            .unwrap_or_else(|e| {
                Err(StatesError::new(
                    names::TASK_FAILED,
                    format!("the task handler stopped: {e}"),
                ))
            })
        }
        None => limited(handler.invoke(request), limit, None).await,
    }
}

/// A task within its time limit, if it has one. With `held` (only on the real-time runtime,
/// where tokio's clock is the wall clock) the held time is added back to the limit.
async fn limited(
    call: crate::task::TaskFuture<'_>,
    limit: Option<(u64, &'static str)>,
    held: Option<std::sync::Arc<super::HeldTime>>,
) -> Result<Value, StatesError> {
    let Some((secs, error)) = limit else {
        return call.await;
    };
    let limit = Duration::from_secs(secs);
    let Some(held) = held else {
        return match tokio::time::timeout(limit, call).await {
            Ok(r) => r,
            Err(_) => Err(StatesError::bare(error)),
        };
    };
    let start = std::time::Instant::now();
    let held_at_start = held.held();
    let mut call = call;
    loop {
        let used = super::held::unheld_since(start, Some(&held), held_at_start);
        if used >= limit {
            return Err(StatesError::bare(error));
        }
        tokio::select! {
            biased;
            r = &mut call => return r,
            _ = tokio::time::sleep(limit - used) => {}
        }
    }
}

/// `{"Error": ..., "Cause": ...}` plus nothing else, the input a Catch's ResultPath places.
pub(crate) fn error_output(e: &StatesError) -> Value {
    match &e.cause {
        Some(c) => json!({"Error": e.error, "Cause": c}),
        None => json!({"Error": e.error}),
    }
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
    dataflow::select_path(text, env)?.ok_or_else(|| {
        StatesError::runtime(format!(
            "Invalid path '{text}' : No results for path: {}",
            bracketed(text)
        ))
    })
}
