//! Time in an execution: a Task's heartbeat restarting its HeartbeatSeconds clock, and
//! `ExecutionConfig::wait_scale` (Step Functions Local's WAIT_TIME_SCALE).

use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stepwise_asl::StateMachine;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{ClockMode, ExecutionConfig, StatesError, Status};

/// Works for `work`, beating its heartbeat every `every` meanwhile (or never).
struct Worker {
    work: Duration,
    every: Option<Duration>,
}

impl TaskHandler for Worker {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        let (work, every) = (self.work, self.every);
        Box::pin(async move {
            let start = tokio::time::Instant::now();
            while start.elapsed() < work {
                match every {
                    Some(e) => {
                        tokio::time::sleep(e).await;
                        req.heartbeat.beat();
                    }
                    None => tokio::time::sleep(work).await,
                }
            }
            Ok(json!("worked"))
        })
    }
}

fn machine(def: Value) -> Arc<StateMachine> {
    Arc::new(StateMachine::from_value(&def).expect("machine"))
}

/// In virtual time (a paused runtime, the handler inline): the beats and the limits are in
/// the same clock, so this table runs at once.
#[tokio::test(start_paused = true)]
async fn a_beating_task_outlives_its_heartbeat_seconds_but_not_its_timeout() {
    let secs = Duration::from_secs;
    let ms = Duration::from_millis;
    // (HeartbeatSeconds, TimeoutSeconds, work, beat every) -> error
    type Case = (
        u64,
        Option<u64>,
        Duration,
        Option<Duration>,
        Option<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (1, None, secs(30), Some(ms(500)), None),
        (1, None, secs(30), None, Some("States.HeartbeatTimeout")),
        (
            1,
            None,
            secs(30),
            Some(ms(1500)),
            Some("States.HeartbeatTimeout"),
        ),
        (1, Some(10), secs(30), Some(ms(500)), Some("States.Timeout")),
        (5, Some(60), secs(30), Some(secs(4)), None),
    ];
    for (i, (hb, timeout, work, every, want)) in cases.into_iter().enumerate() {
        let mut task = json!({"Type": "Task", "Resource": "arn:aws:states:::activity:x",
            "HeartbeatSeconds": hb, "End": true});
        if let Some(t) = timeout {
            task["TimeoutSeconds"] = json!(t);
        }
        let m = machine(json!({"StartAt": "Work", "States": {"Work": task}}));
        let config = ExecutionConfig::new(Arc::new(Worker { work, every }));
        let out = stepwise_engine::run(m, json!({}), config).await;
        let got = out.error.as_ref().map(|e| e.error.as_str());
        assert_eq!(got, want, "case {i}");
        if want.is_none() {
            assert_eq!(out.output, Some(json!("worked")), "case {i}");
        }
    }
}

/// Fails its first call with `Busy`, then answers.
struct FailsOnce(AtomicU32);

impl TaskHandler for FailsOnce {
    fn invoke(&self, _req: TaskRequest) -> TaskFuture<'_> {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move {
            if n == 0 {
                Err(StatesError::new("Busy", "try again"))
            } else {
                Ok(json!("ok"))
            }
        })
    }
}

fn ts(e: &stepwise_engine::history::HistoryEvent) -> i64 {
    let v = serde_json::to_value(e).expect("event");
    stepwise_asl::timestamp::parse_millis(v["timestamp"].as_str().expect("timestamp"))
        .expect("timestamp")
}

/// Real time scaled by 0.02: a 50 s Wait takes 1 s and a 10 s backoff 0.2 s, and the
/// timestamps show the time that passed.
#[test]
fn a_wait_scale_shortens_waits_and_backoffs_in_real_time() {
    let m = machine(json!({"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 50, "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 10}], "End": true}}}));
    let mut config = ExecutionConfig::new(Arc::new(FailsOnce(AtomicU32::new(0))));
    config.clock = ClockMode::Real;
    config.wait_scale = 0.02;
    let began = Instant::now();
    let out = stepwise_engine::run_blocking(m, json!({}), config);
    let took = began.elapsed();
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.error);
    assert!(
        took >= Duration::from_millis(1200) && took < Duration::from_secs(4),
        "{took:?}"
    );
    let first = |kind: &str, nth: usize| {
        out.events
            .iter()
            .filter(|e| e.event_type == kind)
            .nth(nth)
            .map(ts)
            .unwrap_or_else(|| panic!("no {kind} #{nth}"))
    };
    let waited = first("WaitStateExited", 0) - first("WaitStateEntered", 0);
    let backoff = first("TaskScheduled", 1) - first("TaskFailed", 0);
    assert!((950..1800).contains(&waited), "Wait: {waited} ms");
    assert!((190..900).contains(&backoff), "backoff: {backoff} ms");
}

/// The default factor, 1, leaves virtual histories as they were: a 50 s Wait shows 50 s.
#[test]
fn the_default_scale_leaves_virtual_histories_alone() {
    let m = machine(json!({"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 50, "End": true}}}));
    let config = ExecutionConfig::new(Arc::new(FailsOnce(AtomicU32::new(1))));
    assert_eq!(config.wait_scale, 1.0);
    let out = stepwise_engine::run_blocking(m, json!({}), config);
    let waited = ts(&out.events[out.events.len() - 2]) - ts(&out.events[1]);
    assert_eq!(waited, 50_000);
}
