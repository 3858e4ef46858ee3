//! Execution histories: read whole, or followed while the execution runs. Events are kept as
//! AWS wrote them (see [`crate::raw`]).

use crate::error::sdk;
use crate::executions::Execution;
use crate::raw::RawBody;
use crate::{Cloud, CloudError};
use serde_json::{json, Value};
use std::time::Duration;

/// The most events GetExecutionHistory gives per call.
const PAGE: i32 = 1000;

/// Polls in a row that may go unanswered while following (with the default back-off, about
/// a minute and a half) before the follower gives up.
const UNANSWERED_POLLS: u32 = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPage {
    pub events: Vec<Value>,
    pub next_token: Option<String>,
}

impl Cloud {
    /// One page of events, oldest first, with the execution's data (inputs and outputs).
    pub async fn history_page(
        &self,
        arn: &str,
        token: Option<String>,
    ) -> Result<HistoryPage, CloudError> {
        let raw = RawBody::default();
        let page = self
            .client
            .get_execution_history()
            .execution_arn(arn)
            .max_results(PAGE)
            .include_execution_data(true)
            .set_next_token(token)
            .customize()
            .interceptor(raw.clone())
            .send()
            .await
            .map_err(sdk("GetExecutionHistory"))?;
        let events = match raw.take() {
            Some(Value::Object(mut body)) => match body.remove("events") {
                Some(Value::Array(events)) => events,
                None => Vec::new(),
                Some(other) => return Err(answer(format!("`events` is {other}"))),
            },
            _ => return Err(answer("not a JSON object".into())),
        };
        Ok(HistoryPage {
            events,
            next_token: page
                .next_token()
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        })
    }

    /// Every event of the execution so far.
    pub async fn history(&self, arn: &str) -> Result<Vec<Value>, CloudError> {
        let mut follower = Follower::new(arn);
        follower.poll(self).await
    }
}

fn answer(detail: String) -> CloudError {
    CloudError::Answer {
        action: "GetExecutionHistory",
        detail,
    }
}

/// Reads an execution's history as it grows. GetExecutionHistory has no "after event N":
/// pages are read forward by token, and a full page never changes, so each poll starts at the
/// token of the last page that was not full and skips the events already seen.
#[derive(Debug, Clone)]
pub struct Follower {
    arn: String,
    resume: Option<String>,
    last_id: u64,
}

impl Follower {
    pub fn new(arn: &str) -> Self {
        Follower {
            arn: arn.to_string(),
            resume: None,
            last_id: 0,
        }
    }

    /// The id of the last event seen (0 before any).
    pub fn last_id(&self) -> u64 {
        self.last_id
    }

    /// The events after the last one seen.
    pub async fn poll(&mut self, cloud: &Cloud) -> Result<Vec<Value>, CloudError> {
        let mut fresh = Vec::new();
        let mut token = self.resume.clone();
        loop {
            let page = match cloud.history_page(&self.arn, token.clone()).await {
                // Tokens expire after 24 hours: start again from the first page.
                Err(e) if token.is_some() && e.code() == Some("InvalidToken") => {
                    token = None;
                    continue;
                }
                other => other?,
            };
            for event in page.events {
                let id = event["id"].as_u64().unwrap_or(0);
                if id > self.last_id {
                    self.last_id = id;
                    fresh.push(event);
                }
            }
            match page.next_token {
                Some(next) => token = Some(next),
                None => {
                    self.resume = token;
                    return Ok(fresh);
                }
            }
        }
    }
}

/// How long to wait between polls: short while events arrive, longer while nothing happens,
/// longer still when AWS throttles (GetExecutionHistory's bucket refills at 5 calls a second
/// per account, shared with every other client).
#[derive(Debug, Clone)]
pub struct Backoff {
    quick: Duration,
    slow: Duration,
    now: Duration,
}

impl Backoff {
    pub fn new(quick: Duration, slow: Duration) -> Self {
        Backoff {
            quick,
            slow,
            now: quick,
        }
    }

    /// The wait after a poll that did (`true`) or did not bring events.
    pub fn after(&mut self, progressed: bool) -> Duration {
        self.now = if progressed {
            self.quick
        } else {
            (self.now.mul_f64(1.5)).min(self.slow)
        };
        self.now
    }

    /// The wait after a throttled call: doubled, up to four times the slow wait.
    pub fn throttled(&mut self) -> Duration {
        self.now = (self.now * 2).min(self.slow * 4);
        self.now
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(Duration::from_millis(250), Duration::from_secs(5))
    }
}

impl Cloud {
    /// Follows the execution until it ends, handing each batch of events after event `after`
    /// to `on_events` (0 for all; a redrive goes on after the events already seen); its
    /// description once it has ended.
    pub async fn follow(
        &self,
        arn: &str,
        after: u64,
        backoff: &mut Backoff,
        mut on_events: impl FnMut(Vec<Value>),
    ) -> Result<Execution, CloudError> {
        let mut follower = Follower::new(arn);
        follower.last_id = after;
        // A dropped connection or a timeout is tried again a few times before it ends the
        // following: an execution runs on in AWS whether or not one poll got through.
        let mut unanswered = 0;
        loop {
            // Described before the history is read: once it has ended, the read is whole.
            let polled = match self.execution(arn).await {
                Ok(described) => follower.poll(self).await.map(|e| (described, e)),
                Err(e) => Err(e),
            };
            let wait = match polled {
                Ok((described, events)) => {
                    unanswered = 0;
                    let progressed = !events.is_empty();
                    if progressed {
                        on_events(events);
                    }
                    if described.ended() {
                        return Ok(described);
                    }
                    backoff.after(progressed)
                }
                Err(e) if e.is_throttling() => backoff.throttled(),
                Err(CloudError::Unreachable { .. }) if unanswered < UNANSWERED_POLLS => {
                    unanswered += 1;
                    backoff.throttled()
                }
                Err(e) => return Err(e),
            };
            tokio::time::sleep(wait).await;
        }
    }
}

/// Events as the AWS CLI writes `get-execution-history` (`{"events": [...]}`, timestamps as
/// ISO 8601 text): the file the app and `stepwise` import. The API sends epoch seconds.
pub fn history_file(events: &[Value]) -> Value {
    let events: Vec<Value> = events
        .iter()
        .map(|e| {
            let mut e = e.clone();
            if let Some(seconds) = e["timestamp"].as_f64() {
                let ms = (seconds * 1000.0).round() as i64;
                e["timestamp"] = json!(stepwise_engine::history::aws_cli_timestamp(ms));
            }
            e
        })
        .collect();
    json!({ "events": events })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_while_idle_resets_on_events_and_doubles_when_throttled() {
        let ms = Duration::from_millis;
        let mut b = Backoff::new(ms(200), ms(1000));
        let waits: Vec<Duration> = [false, false, false, false, false, true]
            .iter()
            .map(|p| b.after(*p))
            .collect();
        assert_eq!(
            waits,
            [ms(300), ms(450), ms(675), ms(1000), ms(1000), ms(200)]
        );
        assert_eq!(b.throttled(), ms(400));
        for _ in 0..5 {
            b.throttled();
        }
        assert_eq!(
            b.throttled(),
            ms(4000),
            "throttling waits at most 4x the slow wait"
        );
    }

    #[test]
    fn a_history_file_has_the_cli_timestamps_and_keeps_everything_else() {
        let events = vec![json!({
            "timestamp": 1733560000.5,
            "type": "ExecutionStarted",
            "id": 1,
            "previousEventId": 0,
            "executionStartedEventDetails": {"input": "{}", "inputDetails": {"truncated": false}}
        })];
        let file = history_file(&events);
        assert_eq!(
            file["events"][0]["timestamp"],
            "2024-12-07T08:26:40.500000+00:00"
        );
        assert_eq!(
            file["events"][0]["executionStartedEventDetails"],
            events[0]["executionStartedEventDetails"]
        );
    }
}
