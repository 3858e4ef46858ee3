//! A `.waitForTaskToken` Task's submission, the seam for AWS's `TaskSubmitted` event: the
//! handler that sends the request (an SQS message, an SNS notification, a Lambda invoke)
//! calls [`Submission::submit`] with the service's response once the service accepted it;
//! the executor then writes `TaskSubmitted` with that response as its output and goes on
//! waiting for the token's answer (SendTaskSuccess / SendTaskFailure).
//!
//! A handler that answers the whole Task at once (a mocked response, "ask me") submits
//! nothing: its answer stands for the request and the callback together, and no
//! `TaskSubmitted` is written.

use serde_json::Value;
use std::sync::Arc;
use tokio::sync::watch;

#[derive(Debug, Clone)]
pub struct Submission {
    response: Arc<watch::Sender<Option<Value>>>,
}

impl Default for Submission {
    fn default() -> Self {
        Submission {
            response: Arc::new(watch::Sender::new(None)),
        }
    }
}

impl Submission {
    pub fn new() -> Self {
        Submission::default()
    }

    /// The service accepted the request and answered `response`.
    pub fn submit(&self, response: Value) {
        self.response.send_modify(|r| *r = Some(response));
    }

    /// What was submitted, if anything.
    pub fn response(&self) -> Option<Value> {
        self.response.borrow().clone()
    }

    pub(crate) fn subscribe(&self) -> watch::Receiver<Option<Value>> {
        self.response.subscribe()
    }
}

/// A handle, not part of what a request asks: two requests that differ only in it are equal.
impl PartialEq for Submission {
    fn eq(&self, _: &Submission) -> bool {
        true
    }
}
