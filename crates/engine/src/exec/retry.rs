//! Retry and Catch around a Task, Parallel or Map state (ASL spec, "Error handling").
//! The first retrier whose ErrorEquals matches decides: retry after its backoff while it
//! has attempts left, else fall through to the catchers; the first matching catcher places
//! the error output with its ResultPath and moves on to its Next.

use super::flow::{Entered, Frame, Step};
use super::language::{self, Cx, Language};
use super::{context, map, parallel, states, Shared};
use crate::observe::Via;
use crate::StatesError;
use serde_json::Value;
use std::time::Duration;
use stepwise_asl::model::{JitterStrategy, Retrier, State};

pub(crate) async fn with_retry_and_catch<'s>(
    sh: &Shared,
    lang: &dyn Language,
    state: &'s State,
    entered: &Entered<'_>,
    input: Value,
    frame: &mut Frame,
) -> Result<Step<'s>, StatesError> {
    let retriers = state.retry();
    let mut used = vec![0u32; retriers.len()];
    let mut retries = 0u32;
    loop {
        let attempt = match state {
            State::Task(t) => {
                states::task(sh, lang, t, entered, input.clone(), frame, retries).await
            }
            State::Parallel(p) => parallel::run(sh, lang, p, entered, input.clone(), frame).await,
            State::Map(m) => map::run(sh, lang, m, entered, input.clone(), frame).await,
            _ => {
                return Err(StatesError::runtime(
                    "Retry and Catch only apply to Task, Parallel and Map states",
                ))
            }
        };
        let error = match attempt {
            Ok(step) => return Ok(step),
            Err(e) => entered.wrap(e),
        };
        language::record_failure(lang, sh, entered, &error, frame);
        if let Some(i) = retriers.iter().position(|r| error.matches(&r.error_equals)) {
            let r = &retriers[i];
            let max_attempts = r
                .max_attempts
                .as_ref()
                .and_then(|n| n.as_u64())
                .unwrap_or(3);
            if u64::from(used[i]) < max_attempts {
                if let Some(observer) = &sh.observer {
                    observer.retried(sh.child, entered.id, entered.name, i);
                }
                let delay = sh.scaled(backoff(r, used[i], || sh.random_f64()));
                used[i] += 1;
                retries += 1;
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                continue;
            }
        }
        return catch(sh, lang, state, entered, &input, frame, error);
    }
}

/// The delay before retry number `n` (0-based) of a retrier: IntervalSeconds ×
/// BackoffRate^n, capped by MaxDelaySeconds, then for FULL jitter a random part of it
/// (AWS defaults: 1 s, rate 2.0, no cap, no jitter).
pub(crate) fn backoff(r: &Retrier, n: u32, random: impl FnOnce() -> f64) -> Duration {
    let interval = r
        .interval_seconds
        .as_ref()
        .and_then(|v| v.as_f64())
        .unwrap_or(1.0);
    let rate = r
        .backoff_rate
        .as_ref()
        .and_then(|v| v.as_f64())
        .unwrap_or(2.0);
    let mut secs = interval * rate.powi(n as i32);
    if let Some(cap) = r.max_delay_seconds.as_ref().and_then(|v| v.as_f64()) {
        secs = secs.min(cap);
    }
    if r.jitter_strategy == Some(JitterStrategy::Full) {
        secs *= random();
    }
    if !secs.is_finite() || secs < 0.0 {
        secs = 0.0;
    }
    Duration::from_secs_f64(secs.min(1e9))
}

fn catch<'s>(
    sh: &Shared,
    lang: &dyn Language,
    state: &'s State,
    entered: &Entered,
    raw_input: &Value,
    frame: &mut Frame,
    error: StatesError,
) -> Result<Step<'s>, StatesError> {
    let Some((index, catcher)) = state
        .catch()
        .iter()
        .enumerate()
        .find(|(_, c)| error.matches(&c.error_equals))
    else {
        return Err(error);
    };
    let error_output = states::error_output(&error);
    let ctx = context::build(sh, entered, None, entered.item, None);
    let cx = Cx {
        sh,
        entered,
        ctx: &ctx,
    };
    let (output, assigned) = lang
        .catch_exit(&cx, catcher, index, raw_input, error_output, frame)
        .map_err(|e| {
            // The catcher's own Assign or Output failed.
            let e = entered.wrap(e);
            language::record_failure(lang, sh, entered, &e, frame);
            e
        })?;
    Ok(Step {
        output,
        next: Some(catcher.next.as_str()),
        via: Via::Catch(index),
        assigned,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn retrier(v: Value) -> Retrier {
        serde_json::from_value(v).expect("retrier")
    }

    #[test]
    fn backoff_grows_and_caps() {
        let r = retrier(
            json!({"ErrorEquals": ["X"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxDelaySeconds": 10}),
        );
        let d: Vec<u64> = (0..4).map(|n| backoff(&r, n, || 0.5).as_secs()).collect();
        assert_eq!(d, vec![2, 6, 10, 10]);
    }

    #[test]
    fn defaults_are_one_second_doubling() {
        let r = retrier(json!({"ErrorEquals": ["X"]}));
        let d: Vec<u64> = (0..3).map(|n| backoff(&r, n, || 0.5).as_secs()).collect();
        assert_eq!(d, vec![1, 2, 4]);
    }

    #[test]
    fn full_jitter_scales_by_the_random_draw() {
        let r =
            retrier(json!({"ErrorEquals": ["X"], "IntervalSeconds": 10, "JitterStrategy": "FULL"}));
        assert_eq!(backoff(&r, 0, || 0.25), Duration::from_millis(2500));
    }
}
