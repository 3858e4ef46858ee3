//! Parallel: every branch runs on the same input at once; the state's result is the array
//! of branch outputs, in branch order. The first branch to fail fails the state with its
//! error, and the other branches are stopped (ASL spec, "Parallel State").

use super::flow::{run_scope, run_scope_from, Entered, Frame, Step};
use super::language::{Cx, Language, Payload, Tail};
use super::redrive::{Part, RedrivePoint};
use super::{context, Shared};
use crate::StatesError;
use futures_util::future::try_join_all;
use serde_json::Value;
use stepwise_asl::model::ParallelState;

pub(crate) async fn run<'s>(
    sh: &Shared,
    lang: &dyn Language,
    p: &'s ParallelState,
    entered: &Entered<'_>,
    input: Value,
    frame: &mut Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let cx = Cx {
        sh,
        entered,
        ctx: &ctx,
    };
    let effective = lang.effective(&cx, &p.common, &input, frame)?;
    let payload = Payload {
        parameters: p.parameters.as_ref(),
        arguments: p.arguments.as_ref(),
        prefix: "Arguments",
    };
    let branch_input = lang.arguments(&cx, payload, effective, frame)?;
    let started = sh.record("ParallelStateStarted", frame.last_event, || None);
    frame.last_event = started;
    let parts = frame.track.as_ref().and_then(|t| t.parts(p.branches.len()));
    let plan = frame.redo.take();
    let frame_now: &Frame = frame;
    let branches = p.branches.iter().enumerate().map(|(i, b)| {
        let part = plan.as_deref().map(|plan| RedrivePoint::part(plan, i));
        let parts = parts.as_ref();
        let input = &branch_input;
        async move {
            // A redrive keeps what a branch gave when it succeeded, and goes on from where it
            // stopped when it did not (AWS API reference, RedriveExecution).
            let result = match part {
                Some(Part::Succeeded { output }) => Ok((output.clone(), started)),
                Some(Part::Unfinished { at }) => {
                    let frame = frame_now.branch(started, parts, i, Some(at));
                    run_scope_from(sh, b, Some(&at.state), at.input.clone(), frame).await
                }
                _ => {
                    let frame = frame_now.branch(started, parts, i, None);
                    run_scope(sh, b, input.clone(), frame).await
                }
            };
            if let (Ok((output, _)), Some(parts)) = (&result, parts) {
                parts.succeeded(i, output);
            }
            result
        }
    });
    match try_join_all(branches).await {
        Ok(done) => {
            let last = done.iter().map(|(_, id)| *id).max().unwrap_or(started);
            frame.last_event = sh.record("ParallelStateSucceeded", last, || None);
            let results = Value::Array(done.into_iter().map(|(out, _)| out).collect());
            let tail = Tail {
                common: &p.common,
                result_selector: p.result_selector.as_ref(),
                result_path: p.result_path.as_ref(),
            };
            let (output, assigned) = lang.finish(&cx, &tail, input, results, frame)?;
            Ok(super::flow::Step::plain(
                output,
                p.flow.next.as_deref(),
                assigned,
            ))
        }
        Err(failure) => {
            frame.last_event = sh.record("ParallelStateFailed", failure.last_event, || None);
            Err(failure.error)
        }
    }
}
