//! A Task's heartbeat, the seam for AWS's SendTaskHeartbeat: the executor gives every attempt
//! of a Task one, and whoever holds the task's token (a server answering SendTaskHeartbeat, an
//! activity worker's poll loop) calls [`Heartbeat::beat`]. Each beat restarts the Task's
//! `HeartbeatSeconds` clock; `TimeoutSeconds` keeps counting from the start.
//!
//! A handler that never beats (a command, a Lambda call) keeps the old meaning: a
//! `HeartbeatSeconds` shorter than `TimeoutSeconds` ends the silent task first.

use std::sync::Arc;
use tokio::sync::watch;

#[derive(Debug, Clone)]
pub struct Heartbeat {
    beats: Arc<watch::Sender<u64>>,
}

impl Default for Heartbeat {
    fn default() -> Self {
        Heartbeat {
            beats: Arc::new(watch::Sender::new(0)),
        }
    }
}

impl Heartbeat {
    pub fn new() -> Self {
        Heartbeat::default()
    }

    /// The task is alive: its heartbeat clock starts again.
    pub fn beat(&self) {
        // send_modify, not send: the value changes even while nobody listens yet.
        self.beats.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Beats so far.
    pub fn count(&self) -> u64 {
        *self.beats.borrow()
    }

    pub(crate) fn subscribe(&self) -> watch::Receiver<u64> {
        self.beats.subscribe()
    }
}

/// A handle, not part of what a request asks: two requests that differ only in it are equal.
impl PartialEq for Heartbeat {
    fn eq(&self, _: &Heartbeat) -> bool {
        true
    }
}
