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

    /// Nanoseconds since the clock was made.
    pub fn nanos(&self) -> u64 {
        let read = || {
            let since = Instant::now().saturating_duration_since(self.base);
            u64::try_from(since.as_nanos()).unwrap_or(u64::MAX - 1)
        };
        if !self.paused {
            return read();
        }
        match self.cached.load(Ordering::Relaxed) {
            0 => {
                let since = read();
                self.cached.store(since + 1, Ordering::Relaxed);
                since
            }
            n => n - 1,
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
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn a_reading_holds_within_a_poll_and_not_across_polls() {
        let clock = PollClock::new(true);
        let c = clock.clone();
        let (within, across) = Polled {
            clock: clock.clone(),
            inner: Box::pin(async move {
                let first = c.nanos();
                // Real time passes, but a paused clock does not move inside a poll anyway.
                let again = c.nanos();
                tokio::time::sleep(Duration::from_secs(5)).await;
                let later = c.nanos();
                (
                    Duration::from_nanos(again - first),
                    Duration::from_nanos(later - first),
                )
            }),
        }
        .await;
        assert_eq!(within, Duration::ZERO);
        assert_eq!(across, Duration::from_secs(5));
    }

    #[tokio::test]
    async fn a_running_clock_is_always_read() {
        let clock = PollClock::new(false);
        let first = clock.nanos();
        std::thread::sleep(Duration::from_millis(5));
        assert!(Duration::from_nanos(clock.nanos() - first) >= Duration::from_millis(5));
    }
}
