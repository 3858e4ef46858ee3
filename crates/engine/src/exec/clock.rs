//! Reading virtual time once per poll instead of once per event.
//!
//! tokio's paused clock only moves while the runtime is idle (auto-advance) or when told to
//! (`tokio::time::advance`), never while a task is being polled; and an execution is one
//! task (Parallel branches and Map iterations are futures joined in place). So the time read
//! during one poll of the execution holds for the whole poll, and every later read in it can
//! be a load of an atomic instead of a trip to tokio's clock (a thread-local lookup and a
//! mutex), which cost more than a Pass state's work.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::Instant;

/// The execution's view of tokio's clock. Shared by a run and its Distributed Map children.
pub(crate) struct PollClock {
    base: Instant,
    /// Whether the clock is known to be paused (a virtual-time run), so reads may be kept.
    paused: bool,
    /// Nanoseconds since `base` read in the current poll, plus one; 0 when not read yet.
    cached: AtomicU64,
}

impl PollClock {
    pub fn new(paused: bool) -> Arc<Self> {
        Arc::new(PollClock {
            base: Instant::now(),
            paused,
            cached: AtomicU64::new(0),
        })
    }

    pub fn now(&self) -> Instant {
        if !self.paused {
            return Instant::now();
        }
        match self.cached.load(Ordering::Relaxed) {
            0 => {
                let now = Instant::now();
                let since = now.saturating_duration_since(self.base).as_nanos();
                let since = u64::try_from(since).unwrap_or(u64::MAX - 1);
                self.cached.store(since + 1, Ordering::Relaxed);
                now
            }
            n => self.base + Duration::from_nanos(n - 1),
        }
    }

    /// Forgets the time read: the task is about to be polled again, and time may have moved.
    fn forget(&self) {
        self.cached.store(0, Ordering::Relaxed);
    }
}

/// Wraps the execution's future, so each poll starts with a fresh reading of the clock.
pub(crate) struct Polled<F> {
    pub clock: Arc<PollClock>,
    pub inner: Pin<Box<F>>,
}

impl<F: Future> Future for Polled<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        this.clock.forget();
        let out = this.inner.as_mut().poll(cx);
        // Also after: whatever reads the clock between polls (nothing should) reads it anew.
        this.clock.forget();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_reading_holds_within_a_poll_and_not_across_polls() {
        let clock = PollClock::new(true);
        let c = clock.clone();
        let (within, across) = Polled {
            clock: clock.clone(),
            inner: Box::pin(async move {
                let first = c.now();
                // Real time passes, but a paused clock does not move inside a poll anyway.
                let again = c.now();
                tokio::time::sleep(Duration::from_secs(5)).await;
                let later = c.now();
                (again - first, later - first)
            }),
        }
        .await;
        assert_eq!(within, Duration::ZERO);
        assert_eq!(across, Duration::from_secs(5));
    }

    #[tokio::test]
    async fn a_running_clock_is_always_read() {
        let clock = PollClock::new(false);
        let first = clock.now();
        std::thread::sleep(Duration::from_millis(5));
        assert!(clock.now() - first >= Duration::from_millis(5));
    }
}
