//! Parallel: every branch runs on the same input at once; the state's result is the array
//! of branch outputs, in branch order. The first branch to fail fails the state with its
//! error, and the other branches are stopped (ASL spec, "Parallel State").

use super::flow::{run_scope, Entered, Frame, Step};
use super::language::{Cx, Language, Payload, Tail};
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
    let branches = p
        .branches
        .iter()
        .map(|b| run_scope(sh, b, branch_input.clone(), frame.child(started)));
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
