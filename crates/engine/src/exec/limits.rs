//! A Task's time limits: `TimeoutSeconds` counts from the start of the attempt,
//! `HeartbeatSeconds` from the start or from the last beat of the task's [`Heartbeat`]
//! (SendTaskHeartbeat), whichever came last. When both run out at once the timeout wins,
//! as it did when a silent task's limit was the smaller of the two.

use super::HeldTime;
use crate::error::names;
use crate::task::{Heartbeat, TaskFuture};
use crate::StatesError;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

#[derive(Debug, Clone, Default)]
pub(crate) struct Limits {
    pub timeout: Option<Duration>,
    /// `HeartbeatSeconds`, and the heartbeat that restarts it.
    pub heartbeat: Option<(Duration, Heartbeat)>,
}

impl Limits {
    pub fn new(timeout_s: Option<u64>, heartbeat_s: Option<u64>, beats: &Heartbeat) -> Self {
        Limits {
            timeout: timeout_s.map(Duration::from_secs),
            heartbeat: heartbeat_s.map(|h| (Duration::from_secs(h), beats.clone())),
        }
    }
}

/// Time since `since` that counts against a limit: tokio's clock (virtual on a paused
/// runtime), less the time held meanwhile when `held` is given (only on the real-time
/// runtime, where tokio's clock is the wall clock).
struct Clock {
    held: Option<Arc<HeldTime>>,
}

impl Clock {
    fn mark(&self) -> (Instant, Duration) {
        (
            Instant::now(),
            self.held.as_ref().map_or(Duration::ZERO, |h| h.held()),
        )
    }

    fn used(&self, (since, held_then): (Instant, Duration)) -> Duration {
        let real = since.elapsed();
        match &self.held {
            Some(h) => real.saturating_sub(h.held().saturating_sub(held_then)),
            None => real,
        }
    }
}

/// Runs `call` within `limits`; the first limit to run out fails it with `States.Timeout` or
/// `States.HeartbeatTimeout` (and drops it, which cancels the task).
pub(crate) async fn limited(
    call: TaskFuture<'_>,
    limits: Limits,
    held: Option<Arc<HeldTime>>,
) -> Result<Value, StatesError> {
    if limits.timeout.is_none() && limits.heartbeat.is_none() {
        return call.await;
    }
    let clock = Clock { held };
    let start = clock.mark();
    let mut last_beat = start;
    // The Heartbeat clone in `limits` keeps the sender alive, so `changed` never fails.
    let mut beats = limits.heartbeat.as_ref().map(|(_, h)| h.subscribe());
    let mut call = call;
    loop {
        let mut next = Duration::MAX;
        if let Some(t) = limits.timeout {
            let used = clock.used(start);
            if used >= t {
                return Err(StatesError::bare(names::TIMEOUT));
            }
            next = next.min(t - used);
        }
        if let Some((h, _)) = &limits.heartbeat {
            let used = clock.used(last_beat);
            if used >= *h {
                return Err(StatesError::bare(names::HEARTBEAT_TIMEOUT));
            }
            next = next.min(*h - used);
        }
        let beat = async {
            match beats.as_mut() {
                Some(rx) => {
                    if rx.changed().await.is_err() {
                        std::future::pending::<()>().await;
                    }
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            biased;
            r = &mut call => return r,
            _ = beat => last_beat = clock.mark(),
            _ = tokio::time::sleep(next) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A task that beats every `every` for `beats` times, then answers after `then`.
    fn beating(hb: Heartbeat, every: Duration, beats: u32, then: Duration) -> TaskFuture<'static> {
        Box::pin(async move {
            for _ in 0..beats {
                tokio::time::sleep(every).await;
                hb.beat();
            }
            tokio::time::sleep(then).await;
            Ok(json!("done"))
        })
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[tokio::test(start_paused = true)]
    async fn heartbeats_keep_a_task_alive_and_the_timeout_still_applies() {
        // (timeout, heartbeat, beat every, beats, then answers after) -> outcome
        type Case = (
            Option<u64>,
            Option<u64>,
            u64,
            u32,
            u64,
            Result<Value, &'static str>,
        );
        let cases: Vec<Case> = vec![
            // Beats every 5 s within a 10 s heartbeat: 60 s of work survives.
            (None, Some(10), 5, 12, 1, Ok(json!("done"))),
            // The same without beats: the heartbeat ends it.
            (None, Some(10), 5, 0, 60, Err(names::HEARTBEAT_TIMEOUT)),
            // Beats too far apart.
            (None, Some(10), 11, 3, 1, Err(names::HEARTBEAT_TIMEOUT)),
            // Beating does not extend TimeoutSeconds.
            (Some(30), Some(10), 5, 12, 1, Err(names::TIMEOUT)),
            // A heartbeat at least as long as the timeout: the timeout ends it.
            (Some(10), Some(10), 1, 0, 20, Err(names::TIMEOUT)),
            // Within both.
            (Some(30), Some(10), 5, 2, 5, Ok(json!("done"))),
        ];
        for (i, (timeout, heartbeat, every, beats, then, want)) in cases.into_iter().enumerate() {
            let hb = Heartbeat::new();
            let call = beating(hb.clone(), secs(every), beats, secs(then));
            let got = limited(call, Limits::new(timeout, heartbeat, &hb), None).await;
            let got = got.map_err(|e| e.error);
            assert_eq!(got, want.map_err(str::to_string), "case {i}");
        }
    }
}
