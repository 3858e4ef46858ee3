//! Running an execution: the engine on a thread of its own (its own paused runtime in
//! virtual time), its history recorded as AWS returns it, its end written back.

use crate::store::{Execution, Registry};
use crate::tasks::ServerTasks;
use serde_json::{json, Value};
use std::sync::Arc;
use stepwise_asl::StateMachine;
use stepwise_engine::history::HistoryEvent;
use stepwise_engine::observe::{ChildRef, Observer, PauseAt, Resume, Stage, Transition};
use stepwise_engine::{run_blocking, ClockMode, ExecutionConfig, ExecutionIdentity, Status};

/// A history event as `GetExecutionHistory` returns it over the JSON protocol: the engine's
/// AWS-shaped event with its timestamp in epoch seconds.
pub fn wire_event(event: &HistoryEvent) -> Value {
    let mut v = serde_json::to_value(event).unwrap_or(Value::Null);
    if let Some(ts) = v.get("timestamp").and_then(Value::as_str) {
        let ms = stepwise_asl::timestamp::parse_millis(ts).unwrap_or(0);
        v["timestamp"] = crate::protocol::epoch_seconds(ms);
    }
    v
}

/// Appends the execution's own events (a Distributed Map's child executions have their own
/// histories on AWS, not part of this one).
struct Recorder {
    execution: Arc<Execution>,
    /// Events already in the history (a redrive continues it).
    offset: u64,
    redrive_count: Option<u32>,
}

impl Observer for Recorder {
    fn event(&self, child: Option<ChildRef>, event: &HistoryEvent) {
        if child.is_some() {
            return;
        }
        let mut v = wire_event(event);
        if self.offset > 0 {
            v["id"] = json!(event.id + self.offset);
            v["previousEventId"] = json!(if event.previous_event_id == 0 {
                self.offset
            } else {
                event.previous_event_id + self.offset
            });
        }
        if let (Some(count), "ExecutionStarted") = (self.redrive_count, event.event_type) {
            if let Some(o) = v.as_object_mut() {
                o.shift_remove("executionStartedEventDetails");
                o.insert("type".into(), json!("ExecutionRedriven"));
                o.insert(
                    "executionRedrivenEventDetails".into(),
                    json!({"redriveCount": count}),
                );
            }
        }
        crate::activity_events::rename(&mut v);
        self.execution.lock().events.push(v);
    }
}

/// Where a redrive goes on from.
pub struct Redrive {
    pub plan: stepwise_engine::RedrivePoint,
    /// Events already in the history.
    pub offset: u64,
    pub count: u32,
}

pub struct Start {
    pub machine: Arc<StateMachine>,
    pub input: Value,
    pub redrive: Option<Redrive>,
}

/// Starts `execution` on a thread of the blocking pool; returns at once.
pub fn spawn(reg: &Arc<Registry>, execution: Arc<Execution>, start: Start) {
    let reg = Arc::clone(reg);
    let tasks = ServerTasks::new(&reg, &execution.arn, execution.mocks.clone());
    let mut config = ExecutionConfig::new(Arc::new(tasks));
    config.identity = ExecutionIdentity {
        state_machine_name: execution.machine_name.clone(),
        execution_name: execution.name.clone(),
        region: reg.config.place.region.clone(),
        account: reg.config.place.account.clone(),
        role_arn: execution.role_arn.clone(),
    };
    // 0: virtual time. Any other factor: real time, with the machine's own waits scaled
    // (Waits, retry backoffs, its TimeoutSeconds) and timestamps showing the time that passed.
    if reg.config.wait_time_scale == 0.0 {
        config.clock = ClockMode::Virtual;
    } else {
        config.clock = ClockMode::Real;
        config.wait_scale = reg.config.wait_time_scale;
    }
    config.start_time_ms = Some(execution.start_ms);
    config.abort = Some(execution.abort.subscribe());
    // Only a Standard execution can be redriven (AWS API reference, RedriveExecution).
    config.redrivable = !execution.express;
    let (offset, redrive_count) = match start.redrive {
        Some(r) => {
            config.redrive = Some(r.plan);
            config.redriven = Some(stepwise_engine::Redriven {
                count: r.count,
                first_start_ms: execution.start_ms,
            });
            config.start_time_ms = Some(crate::protocol::now_ms());
            (r.offset, Some(r.count))
        }
        None => (0, None),
    };
    let recorder: Arc<dyn Observer> = Arc::new(Recorder {
        execution: Arc::clone(&execution),
        offset,
        redrive_count,
    });
    config.observer = Some(
        match reg
            .config
            .watch
            .as_ref()
            .and_then(|w| w.started(&execution))
        {
            Some(watcher) => Arc::new(Both(recorder, watcher)),
            None => recorder,
        },
    );
    // History events stream to the recorder; the engine need not keep its own copy.
    config.history = stepwise_engine::history::HistoryLevel::Stream;
    let job = move || {
        let outcome = run_blocking(start.machine, start.input, config);
        {
            let mut st = execution.lock().clone();
            st.status = match outcome.status {
                Status::Succeeded => "SUCCEEDED",
                Status::Failed => "FAILED",
                Status::TimedOut => "TIMED_OUT",
                Status::Aborted => "ABORTED",
            };
            st.output = outcome.output.as_ref().map(Value::to_string);
            st.error = outcome
                .error
                .as_ref()
                .and_then(|e| e.name())
                .map(str::to_string);
            st.cause = outcome.error.as_ref().and_then(|e| e.cause.clone());
            st.stop_ms = Some(crate::protocol::now_ms());
            st.redrive_plan = outcome.redrive.clone();
            // On disk before a client can see the end (a server stopped right after keeps it).
            reg.execution_finished(&execution, &st);
            *execution.lock() = st;
        }
        // Tasks of a stopped execution stop waiting for their tokens.
        reg.lock()
            .tokens
            .retain(|_, w| w.execution != execution.arn);
        if let Some(w) = &reg.config.watch {
            w.ended(&execution, &outcome);
        }
        // send_replace: `send` drops the value when nobody listens yet, and a later
        // wait_done (StartSyncExecution, a nested .sync) would then wait forever.
        execution.done.send_replace(true);
        reg.trim();
    };
    match tokio::runtime::Handle::try_current() {
        Ok(rt) => {
            rt.spawn_blocking(job);
        }
        Err(_) => {
            std::thread::spawn(job);
        }
    }
}

/// The history recorder and a watcher, both seeing everything; the watcher decides pauses.
struct Both(Arc<dyn Observer>, Arc<dyn Observer>);

impl Observer for Both {
    fn event(&self, child: Option<ChildRef>, event: &HistoryEvent) {
        self.0.event(child, event);
        self.1.event(child, event);
    }

    fn stage(&self, child: Option<ChildRef>, entered_id: u64, stage: Stage, value: &Value) {
        self.0.stage(child, entered_id, stage, value);
        self.1.stage(child, entered_id, stage, value);
    }

    fn transition(&self, child: Option<ChildRef>, t: &Transition<'_>) {
        self.0.transition(child, t);
        self.1.transition(child, t);
    }

    fn retried(&self, child: Option<ChildRef>, entered_id: u64, name: &str, retrier: usize) {
        self.0.retried(child, entered_id, name, retrier);
        self.1.retried(child, entered_id, name, retrier);
    }

    fn wants_pause(&self, name: &str) -> bool {
        self.1.wants_pause(name)
    }

    fn pause(&self, at: PauseAt<'_>) -> Resume {
        self.1.pause(at)
    }
}
