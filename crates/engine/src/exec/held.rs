//! Real time an execution leaves out: while a person types a Task's result ("ask me" in the
//! app), the Task is not working, so neither its timestamps nor its `TimeoutSeconds` should
//! count that time.
//!
//! The embedder holds a [`HeldTime`] (shared with the execution through
//! [`super::ExecutionConfig::held`]) for as long as the run waits for the person. Holds may
//! overlap (several Tasks of a Parallel asking at once): time counts as held while at least
//! one hold is open.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct HeldTime {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    open: u32,
    /// When the open holds began (set while `open > 0`).
    since: Option<Instant>,
    /// Held time of the holds already released.
    total: Duration,
}

impl HeldTime {
    pub fn new() -> Arc<HeldTime> {
        Arc::new(HeldTime::default())
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Holds the clock until the returned guard is dropped.
    pub fn hold(self: &Arc<Self>) -> Hold {
        let mut inner = self.lock();
        if inner.open == 0 {
            inner.since = Some(Instant::now());
        }
        inner.open += 1;
        Hold {
            time: Arc::clone(self),
        }
    }

    /// All the time held so far, an open hold included (so clocks that subtract it stand
    /// still during a hold rather than jump back after it).
    pub fn held(&self) -> Duration {
        let inner = self.lock();
        inner.total + inner.since.map_or(Duration::ZERO, |s| s.elapsed())
    }

    fn release(&self) {
        let mut inner = self.lock();
        inner.open = inner.open.saturating_sub(1);
        if inner.open == 0 {
            if let Some(since) = inner.since.take() {
                inner.total += since.elapsed();
            }
        }
    }
}

/// An open hold on a [`HeldTime`]; dropping it releases the hold (also when the Task is
/// cancelled, e.g. by a stop).
#[derive(Debug)]
pub struct Hold {
    time: Arc<HeldTime>,
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.time.release();
    }
}

/// Real time since `start` that was not held, given the held total at `start`.
pub(crate) fn unheld_since(
    start: Instant,
    held: Option<&HeldTime>,
    held_at_start: Duration,
) -> Duration {
    let real = start.elapsed();
    match held {
        Some(h) => real.saturating_sub(h.held().saturating_sub(held_at_start)),
        None => real,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_holds_count_once() {
        let time = HeldTime::new();
        let a = time.hold();
        std::thread::sleep(Duration::from_millis(30));
        let b = time.hold();
        std::thread::sleep(Duration::from_millis(30));
        drop(a);
        std::thread::sleep(Duration::from_millis(30));
        drop(b);
        let held = time.held();
        assert!(held >= Duration::from_millis(90), "{held:?}");
        assert!(held < Duration::from_millis(200), "{held:?}");
        // Released: the total stays put.
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(time.held(), held);
    }

    #[test]
    fn unheld_time_stands_still_during_a_hold() {
        let time = HeldTime::new();
        let start = Instant::now();
        std::thread::sleep(Duration::from_millis(20));
        let hold = time.hold();
        let before = unheld_since(start, Some(&time), Duration::ZERO);
        std::thread::sleep(Duration::from_millis(60));
        let during = unheld_since(start, Some(&time), Duration::ZERO);
        assert!(
            during.saturating_sub(before) < Duration::from_millis(15),
            "{before:?} {during:?}"
        );
        drop(hold);
        std::thread::sleep(Duration::from_millis(20));
        let after = unheld_since(start, Some(&time), Duration::ZERO);
        assert!(
            after >= before + Duration::from_millis(15),
            "{before:?} {after:?}"
        );
        assert!(after < Duration::from_millis(60), "{after:?}");
    }
}
