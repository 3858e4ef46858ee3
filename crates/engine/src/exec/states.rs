//! Each state type, in AWS's order of input and output processing, asking the state's query
//! language (see `language`) for each stage; and the JSONPath helpers that language uses.

use super::flow::{Entered, Frame, Step};
use super::language::{self, Cx, Language, Payload, Quantity, Tail};
use super::limits::limited;
pub(crate) use super::limits::Limits;
use super::{context, retry, Shared};
use crate::dataflow::{self, PathEnv};
use crate::error::names;
use crate::history::{resource_parts, Details, TaskErrorDetails};
use crate::observe::Via;
use crate::task::TaskRequest;
use crate::StatesError;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::time::Duration;
use stepwise_asl::model::{ChoiceState, Common, PassState, State, TaskState, WaitState};

pub(crate) async fn run_state<'s>(
    sh: &Shared,
    state: &'s State,
    entered: &Entered<'_>,
    input: Value,
    frame: &mut Frame,
) -> Result<Step<'s>, StatesError> {
    let lang = language::of(state, sh);
    let result = match state {
        State::Pass(p) => pass(sh, lang, p, entered, input, frame),
        State::Choice(c) => choice(sh, lang, c, entered, input, frame),
        State::Wait(w) => wait(sh, lang, w, entered, input, frame).await,
        State::Succeed(s) => {
            let ctx = context::build(sh, entered, None, entered.item, None);
            let cx = Cx {
                sh,
                entered,
                ctx: &ctx,
            };
            let effective = computed(lang.effective(&cx, &s.common, &input, frame)?);
            let (output, assigned) = lang.pass_through(&cx, &s.common, input, effective, frame)?;
            Ok(Step::plain(output, None, assigned))
        }
        State::Fail(f) => {
            let ctx = context::build(sh, entered, None, entered.item, None);
            let cx = Cx {
                sh,
                entered,
                ctx: &ctx,
            };
            Err(lang.fail(&cx, f, &input, frame))
        }
        State::Task(_) | State::Parallel(_) | State::Map(_) => {
            return retry::with_retry_and_catch(sh, lang, state, entered, input, frame).await
        }
    };
    if let Err(e) = &result {
        language::record_failure(lang, sh, entered, &entered.wrap(e.clone()), frame);
    }
    result
}

/// The effective input if it was computed; `None` when it is the state's input itself,
/// which the caller then moves on instead of copying.
pub(crate) fn computed(effective: Cow<'_, Value>) -> Option<Value> {
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

fn pass<'s>(
    sh: &Shared,
    lang: &dyn Language,
    p: &'s PassState,
    entered: &Entered,
    input: Value,
    frame: &Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let cx = Cx {
        sh,
        entered,
        ctx: &ctx,
    };
    let effective = lang.effective(&cx, &p.common, &input, frame)?;
    let result = lang.pass_result(&cx, p, effective, frame)?;
    let tail = Tail {
        common: &p.common,
        result_selector: None,
        result_path: p.result_path.as_ref(),
    };
    let (output, assigned) = lang.finish(&cx, &tail, input, result, frame)?;
    Ok(Step::plain(output, p.flow.next.as_deref(), assigned))
}

fn choice<'s>(
    sh: &Shared,
    lang: &dyn Language,
    c: &'s ChoiceState,
    entered: &Entered,
    input: Value,
    frame: &Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let cx = Cx {
        sh,
        entered,
        ctx: &ctx,
    };
    let effective = lang.effective(&cx, &c.common, &input, frame)?;
    let chosen = lang.choose(&cx, c, &effective, frame)?;
    let (next, via) = match (chosen, &c.default) {
        (Some((i, rule)), _) => (rule.next.as_deref(), Via::Rule(i)),
        (None, Some(default)) => (Some(default.as_str()), Via::Default),
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
    let effective = computed(effective);
    let (output, assigned) = lang.choice_exit(&cx, c, chosen, input, effective, frame)?;
    Ok(Step {
        output,
        next,
        via,
        assigned,
    })
}

async fn wait<'s>(
    sh: &Shared,
    lang: &dyn Language,
    w: &'s WaitState,
    entered: &Entered<'_>,
    input: Value,
    frame: &Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let cx = Cx {
        sh,
        entered,
        ctx: &ctx,
    };
    let effective = lang.effective(&cx, &w.common, &input, frame)?;
    let delay_ms = lang.wait_millis(&cx, w, &effective, frame)?;
    if delay_ms > 0 {
        tokio::time::sleep(sh.scaled(Duration::from_millis(delay_ms as u64))).await;
    }
    let effective = computed(effective);
    let (output, assigned) = lang.pass_through(&cx, &w.common, input, effective, frame)?;
    Ok(Step::plain(output, w.flow.next.as_deref(), assigned))
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

/// One attempt of a Task: InputPath, Parameters, the handler (with its timeout), then the tail.
pub(crate) async fn task<'s>(
    sh: &Shared,
    lang: &dyn Language,
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
    let cx = Cx {
        sh,
        entered,
        ctx: &ctx,
    };
    let effective = lang.effective(&cx, &t.common, &input, frame)?;
    let timeout = lang.count(
        &cx,
        Quantity::TimeoutSeconds,
        t.timeout_seconds.as_ref(),
        t.timeout_seconds_path.as_deref(),
        &effective,
        frame,
    )?;
    let heartbeat = lang.count(
        &cx,
        Quantity::HeartbeatSeconds,
        t.heartbeat_seconds.as_ref(),
        t.heartbeat_seconds_path.as_deref(),
        &effective,
        frame,
    )?;
    let payload = Payload {
        parameters: t.parameters.as_ref(),
        arguments: t.arguments.as_ref(),
        prefix: "Arguments",
    };
    let parameters = lang.arguments(&cx, payload, effective, frame)?;
    // AWS guide, "Handling errors", States.DataLimitExceeded: "the input of a state is larger
    // than the payload size quota, after processing Parameters".
    if super::flow::json_size_exceeds(&parameters, super::MAX_PAYLOAD_BYTES) {
        return Err(StatesError::new(
            names::DATA_LIMIT_EXCEEDED,
            format!(
                "The state/task '{}' has an input with a size exceeding the maximum number of bytes service limit.",
                entered.name
            ),
        ));
    }
    let (resource_type, resource) = resource_parts(&t.resource);
    frame.last_event = sh.record("TaskScheduled", frame.last_event, || {
        Some(Details::TaskScheduled {
            resource_type: resource_type.clone(),
            resource: resource.clone(),
            region: sh.identity.region.clone(),
            parameters: crate::history::JsonText::new(&parameters),
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
        heartbeat: crate::task::Heartbeat::new(),
        submitted: crate::task::Submission::new(),
    };
    let limits = Limits::new(timeout, heartbeat, &request.heartbeat);
    let mut submissions = request.submitted.subscribe();
    let submitted = |response: &Value, last: u64| {
        sh.record("TaskSubmitted", last, || {
            Some(Details::TaskSubmitted {
                resource_type: resource_type.clone(),
                resource: resource.clone(),
                output: crate::history::JsonText::new(response),
                output_details: crate::history::Truncated { truncated: false },
            })
        })
    };
    let outcome = if wait_for_token {
        // AWS writes TaskSubmitted when the request is sent, before the token's answer.
        let call = invoke(sh, request, limits);
        tokio::pin!(call);
        let mut written = false;
        let outcome = loop {
            tokio::select! {
                outcome = &mut call => break outcome,
                changed = submissions.changed(), if !written => {
                    written = changed.is_err();
                    let response = submissions.borrow_and_update().clone();
                    if let Some(response) = response {
                        frame.last_event = submitted(&response, frame.last_event);
                        written = true;
                    }
                }
            }
        };
        // Submitted and answered within one poll: the submission still comes first.
        if !written {
            if let Some(response) = submissions.borrow().clone() {
                frame.last_event = submitted(&response, frame.last_event);
            }
        }
        outcome
    } else {
        invoke(sh, request, limits).await
    };
    let task_error = |e: &StatesError| TaskErrorDetails {
        resource_type: resource_type.clone(),
        resource: resource.clone(),
        error: Some(e.error.clone()),
        cause: e.cause.clone(),
    };
    // ... and "the output of a connector is larger than the payload size quota", whatever
    // ResultSelector and ResultPath would keep of it.
    let outcome = outcome.and_then(|v| {
        if super::flow::json_size_exceeds(&v, super::MAX_PAYLOAD_BYTES) {
            Err(StatesError::new(
                names::DATA_LIMIT_EXCEEDED,
                format!(
                    "The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.",
                    entered.name
                ),
            ))
        } else {
            Ok(v)
        }
    });
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
            output: crate::history::JsonText::new(&result),
            output_details: crate::history::Truncated { truncated: false },
        })
    });
    let tail = Tail {
        common: &t.common,
        result_selector: t.result_selector.as_ref(),
        result_path: t.result_path.as_ref(),
    };
    let (output, assigned) = lang.finish(&cx, &tail, input, result, frame)?;
    Ok(Step::plain(output, t.flow.next.as_deref(), assigned))
}

/// Calls the task handler, racing it against its time limits. In virtual-clock mode the
/// handler runs on the real-time runtime and its limits count real seconds: a mock answers at
/// once, a real command (or a worker sending heartbeats) gets its real time. Time the handler
/// holds (a person answering it) does not count against the limits.
pub(crate) async fn invoke(
    sh: &Shared,
    request: TaskRequest,
    limits: Limits,
) -> Result<Value, StatesError> {
    let handler = sh.handler.clone();
    let at_once = handler.answers_at_once(&request);
    match &sh.io {
        // A mocked response needs no real time: answered here, in the executor's order.
        Some(_) if at_once => limited(handler.invoke(request), limits, None).await,
        // Blocking on the real-time runtime from tokio's blocking pool: while a blocking task
        // runs, the paused (virtual) clock does not auto-advance, so a Task's real duration
        // never lets a Wait elsewhere or the execution timeout fire early.
        Some(io) => {
            let io = io.handle()?;
            let held = sh.held.clone();
            tokio::task::spawn_blocking(move || {
                io.block_on(limited(handler.invoke(request), limits, held))
            })
            .await
            .unwrap_or_else(|e| {
                Err(StatesError::new(
                    names::TASK_FAILED,
                    format!("the task handler stopped: {e}"),
                ))
            })
        }
        None => limited(handler.invoke(request), limits, None).await,
    }
}

/// `{"Error": ..., "Cause": ...}` plus nothing else, the input a Catch's ResultPath places.
pub(crate) fn error_output(e: &StatesError) -> Value {
    match &e.cause {
        Some(c) => json!({"Error": e.error, "Cause": c}),
        None => json!({"Error": e.error}),
    }
}
