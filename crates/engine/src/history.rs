//! Execution history shaped like AWS `GetExecutionHistory`: numbered events with the id of
//! the event that led to them, a type, and one `*EventDetails` object. Events are handed to
//! a sink as they happen, so a UI can animate a run live; `input`/`output` are kept as
//! values and written as JSON strings, as AWS does, only when serialised.

use crate::observe::{ChildRef, Observer};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::UnboundedSender;

/// One history event. Serialises to AWS's JSON (camelCase, details under their own key).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEvent {
    /// Written as ISO 8601 with microseconds and offset, as the AWS CLI prints it.
    pub timestamp: Timestamp,
    /// Always one of the engine's own names: a run of thousands of events allocates none.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub id: u64,
    pub previous_event_id: u64,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub details: Option<Details>,
}

/// When an event happened, in milliseconds since the Unix epoch; formatted only when the
/// event is written out (formatting a date per event was most of the cost of a history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        with_aws_cli_timestamp(self.0, |s| f.write_str(s))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        with_aws_cli_timestamp(self.0, |text| s.serialize_str(text))
    }
}

/// A JSON value written as a JSON string (`"input": "{\"a\":1}"`), as AWS does. It is
/// kept as that compact text from the moment the event is recorded: writing a small value
/// out costs a fraction of a deep copy of it (a map, its keys and values, each allocated),
/// and the history is written out as text in the end anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonText(String);

impl JsonText {
    pub fn new(value: &Value) -> Self {
        JsonText(crate::compact_json::to_string(value))
    }

    /// The compact JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, read back from its text.
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }
}

impl Serialize for JsonText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Truncated {
    pub truncated: bool,
}

const NOT_TRUNCATED: Truncated = Truncated { truncated: false };

/// The details object of an event, under the key AWS uses for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Details {
    #[serde(rename = "executionStartedEventDetails", rename_all = "camelCase")]
    ExecutionStarted {
        input: JsonText,
        input_details: Truncated,
        role_arn: String,
    },
    #[serde(rename = "executionSucceededEventDetails", rename_all = "camelCase")]
    ExecutionSucceeded {
        output: JsonText,
        output_details: Truncated,
    },
    #[serde(rename = "executionFailedEventDetails")]
    ExecutionFailed(ErrorDetails),
    #[serde(rename = "executionTimedOutEventDetails")]
    ExecutionTimedOut(ErrorDetails),
    #[serde(rename = "executionAbortedEventDetails")]
    ExecutionAborted(ErrorDetails),
    #[serde(rename = "stateEnteredEventDetails", rename_all = "camelCase")]
    StateEntered {
        name: String,
        input: JsonText,
        input_details: Truncated,
    },
    #[serde(rename = "stateExitedEventDetails", rename_all = "camelCase")]
    StateExited {
        name: String,
        output: JsonText,
        output_details: Truncated,
    },
    #[serde(rename = "taskScheduledEventDetails", rename_all = "camelCase")]
    TaskScheduled {
        resource_type: String,
        resource: String,
        region: String,
        parameters: JsonText,
        #[serde(skip_serializing_if = "Option::is_none")]
        timeout_in_seconds: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        heartbeat_in_seconds: Option<u64>,
    },
    #[serde(rename = "taskStartedEventDetails", rename_all = "camelCase")]
    TaskStarted {
        resource_type: String,
        resource: String,
    },
    #[serde(rename = "taskSubmittedEventDetails", rename_all = "camelCase")]
    TaskSubmitted {
        resource_type: String,
        resource: String,
        output: JsonText,
        output_details: Truncated,
    },
    #[serde(rename = "taskSucceededEventDetails", rename_all = "camelCase")]
    TaskSucceeded {
        resource_type: String,
        resource: String,
        output: JsonText,
        output_details: Truncated,
    },
    #[serde(rename = "taskFailedEventDetails")]
    TaskFailed(TaskErrorDetails),
    #[serde(rename = "taskTimedOutEventDetails")]
    TaskTimedOut(TaskErrorDetails),
    #[serde(rename = "mapStateStartedEventDetails")]
    MapStateStarted { length: usize },
    #[serde(rename = "mapRunStartedEventDetails", rename_all = "camelCase")]
    MapRunStarted { map_run_arn: String },
    #[serde(rename = "mapRunFailedEventDetails")]
    MapRunFailed(ErrorDetails),
    #[serde(rename = "mapIterationStartedEventDetails")]
    MapIterationStarted(IterationDetails),
    #[serde(rename = "mapIterationSucceededEventDetails")]
    MapIterationSucceeded(IterationDetails),
    #[serde(rename = "mapIterationFailedEventDetails")]
    MapIterationFailed(IterationDetails),
    #[serde(rename = "mapIterationAbortedEventDetails")]
    MapIterationAborted(IterationDetails),
    /// A JSONata expression failed (AWS's `EvaluationFailedEventDetails`): the field it is
    /// in as `location`, the state's name as `state`.
    #[serde(rename = "evaluationFailedEventDetails")]
    EvaluationFailed {
        error: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        cause: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        state: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskErrorDetails {
    pub resource_type: String,
    pub resource: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IterationDetails {
    pub name: String,
    pub index: usize,
}

impl Details {
    pub fn state_entered(name: &str, input: &Value) -> Self {
        Details::StateEntered {
            name: name.to_string(),
            input: JsonText::new(input),
            input_details: NOT_TRUNCATED,
        }
    }

    pub fn state_exited(name: &str, output: &Value) -> Self {
        Details::StateExited {
            name: name.to_string(),
            output: JsonText::new(output),
            output_details: NOT_TRUNCATED,
        }
    }

    pub fn execution_started(input: &Value, role_arn: &str) -> Self {
        Details::ExecutionStarted {
            input: JsonText::new(input),
            input_details: NOT_TRUNCATED,
            role_arn: role_arn.to_string(),
        }
    }

    pub fn execution_succeeded(output: &Value) -> Self {
        Details::ExecutionSucceeded {
            output: JsonText::new(output),
            output_details: NOT_TRUNCATED,
        }
    }

    pub fn error(error: &crate::StatesError) -> ErrorDetails {
        ErrorDetails {
            error: error.name().map(str::to_string),
            cause: error.cause.clone(),
        }
    }
}

/// How much history an execution keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryLevel {
    /// Every event, with inputs and outputs.
    #[default]
    Full,
    /// Event ids only (for benchmarks and bulk runs): nothing is stored or sent.
    Off,
    /// Every event is sent to the sink and the observer but not kept: a Distributed Map's
    /// child executions, watched by the app.
    Stream,
}

/// The recorder every part of an execution writes to. Ids are global and in emission order,
/// also across concurrent Parallel branches and Map iterations.
#[derive(Clone)]
pub struct Recorder {
    inner: Arc<Mutex<RecorderState>>,
    /// The next event's id; read without the lock, as checking the event limit before every
    /// state needs it.
    next_id: Arc<AtomicU64>,
    level: HistoryLevel,
    observer: Option<(Arc<dyn Observer>, Option<ChildRef>)>,
}

struct RecorderState {
    events: Vec<HistoryEvent>,
    sink: Option<UnboundedSender<HistoryEvent>>,
}

impl Recorder {
    pub fn new(level: HistoryLevel, sink: Option<UnboundedSender<HistoryEvent>>) -> Self {
        Recorder {
            inner: Arc::new(Mutex::new(RecorderState {
                events: Vec::new(),
                sink,
            })),
            next_id: Arc::new(AtomicU64::new(1)),
            level,
            observer: None,
        }
    }

    /// Also hands every event to `observer`, tagged with the child execution it is of.
    pub fn with_observer(mut self, observer: Arc<dyn Observer>, child: Option<ChildRef>) -> Self {
        self.observer = Some((observer, child));
        self
    }

    /// Records an event and returns its id. The time and `details` are asked for only when
    /// history is kept.
    pub fn record(
        &self,
        event_type: &'static str,
        previous_event_id: u64,
        timestamp_ms: impl FnOnce() -> i64,
        details: impl FnOnce() -> Option<Details>,
    ) -> u64 {
        if self.level == HistoryLevel::Off {
            // Ids only: no lock, no clock.
            return self.next_id.fetch_add(1, Ordering::Relaxed);
        }
        let mut st = match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Taken under the lock, so ids follow the order events are kept and sent in.
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let event = HistoryEvent {
            timestamp: Timestamp(timestamp_ms()),
            event_type,
            id,
            previous_event_id,
            details: details(),
        };
        if let Some(sink) = &st.sink {
            // A closed receiver only means nobody watches any more; the run goes on.
            let _ = sink.send(event.clone());
        }
        if let Some((observer, child)) = &self.observer {
            observer.event(*child, &event);
        }
        if self.level == HistoryLevel::Full {
            st.events.push(event);
        }
        id
    }

    /// How many events have been recorded so far.
    pub fn count(&self) -> u64 {
        self.next_id.load(Ordering::Relaxed) - 1
    }

    pub fn take_events(&self) -> Vec<HistoryEvent> {
        match self.inner.lock() {
            Ok(mut g) => std::mem::take(&mut g.events),
            Err(poisoned) => std::mem::take(&mut poisoned.into_inner().events),
        }
    }
}

/// `2026-11-25T07:05:00.123000+00:00`: the AWS CLI's rendering of event timestamps.
pub fn aws_cli_timestamp(ms: i64) -> String {
    with_aws_cli_timestamp(ms, str::to_string)
}

/// Hands [`aws_cli_timestamp`]'s text to `f`, formatting it once per millisecond: a history
/// written out has runs of events at the same one (all of them, under virtual time).
fn with_aws_cli_timestamp<T>(ms: i64, f: impl FnOnce(&str) -> T) -> T {
    use std::cell::RefCell;
    thread_local! {
        static LAST: RefCell<(i64, String)> = const { RefCell::new((i64::MIN, String::new())) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != ms {
            let iso = stepwise_asl::timestamp::format_millis(ms);
            // "....SSSZ" -> "....SSS000+00:00"
            *last = (ms, format!("{}000+00:00", iso.trim_end_matches('Z')));
        }
        f(&last.1)
    })
}

/// `resourceType` and `resource` of task events: `arn:aws:states:::lambda:invoke` →
/// ("lambda", "invoke"); `arn:aws:states:::aws-sdk:s3:listBuckets` → ("s3", "listBuckets")
/// as AWS reports SDK integrations; a Lambda or activity ARN → ("lambda"/"activity", ARN).
pub fn resource_parts(resource: &str) -> (String, String) {
    if let Some(rest) = resource.strip_prefix("arn:aws:states:::") {
        let rest = rest.strip_prefix("aws-sdk:").unwrap_or(rest);
        if let Some((service, action)) = rest.split_once(':') {
            return (service.to_string(), action.to_string());
        }
        return (rest.to_string(), String::new());
    }
    let parts: Vec<&str> = resource.split(':').collect();
    match parts.get(2) {
        Some(&"states") if parts.get(5) == Some(&"activity") => {
            ("activity".into(), resource.into())
        }
        Some(service) => ((*service).to_string(), resource.to_string()),
        None => (String::new(), resource.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_serialise_like_aws() {
        let r = Recorder::new(HistoryLevel::Full, None);
        let id = r.record(
            "ExecutionStarted",
            0,
            || 0,
            || {
                Some(Details::execution_started(
                    &json!({"a": 1}),
                    "arn:aws:iam::123456789012:role/x",
                ))
            },
        );
        let id2 = r.record(
            "PassStateEntered",
            id,
            || 1,
            || Some(Details::state_entered("P", &json!({"a": 1}))),
        );
        r.record(
            "MapStateStarted",
            id2,
            || 2,
            || Some(Details::MapStateStarted { length: 3 }),
        );
        let events = serde_json::to_value(r.take_events()).expect("ser");
        assert_eq!(
            events,
            json!([
                {"timestamp": "1970-01-01T00:00:00.000000+00:00", "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
                 "executionStartedEventDetails": {"input": "{\"a\":1}", "inputDetails": {"truncated": false}, "roleArn": "arn:aws:iam::123456789012:role/x"}},
                {"timestamp": "1970-01-01T00:00:00.001000+00:00", "type": "PassStateEntered", "id": 2, "previousEventId": 1,
                 "stateEnteredEventDetails": {"name": "P", "input": "{\"a\":1}", "inputDetails": {"truncated": false}}},
                {"timestamp": "1970-01-01T00:00:00.002000+00:00", "type": "MapStateStarted", "id": 3, "previousEventId": 2,
                 "mapStateStartedEventDetails": {"length": 3}}
            ])
        );
    }

    #[test]
    fn history_off_still_counts_ids() {
        let r = Recorder::new(HistoryLevel::Off, None);
        assert_eq!(
            r.record(
                "A",
                0,
                || unreachable!("the time is not read"),
                || unreachable!("details are not built")
            ),
            1
        );
        assert_eq!(r.record("B", 1, || 0, || None), 2);
        assert!(r.take_events().is_empty());
        assert_eq!(r.count(), 2);
    }

    #[test]
    fn resource_types() {
        assert_eq!(
            resource_parts("arn:aws:states:::lambda:invoke"),
            ("lambda".into(), "invoke".into())
        );
        assert_eq!(
            resource_parts("arn:aws:states:::aws-sdk:s3:listBuckets"),
            ("s3".into(), "listBuckets".into())
        );
        assert_eq!(
            resource_parts("arn:aws:states:::dynamodb:putItem"),
            ("dynamodb".into(), "putItem".into())
        );
        let f = "arn:aws:lambda:us-east-1:123456789012:function:f";
        assert_eq!(resource_parts(f), ("lambda".into(), f.into()));
    }
}
