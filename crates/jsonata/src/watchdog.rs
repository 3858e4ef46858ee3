//! The time limit of evaluations, kept by one background thread.
//!
//! `jsonata-core` can time an evaluation itself (`timeout_ms`), but it reads the clock at
//! every node it evaluates: measured over JSONata's suite, an eighth of all evaluation
//! time. Every evaluation here has a time limit (a default one when none is given), so the
//! clock is kept apart instead: an evaluation reads it once, at the start, and registers
//! its deadline in its thread's slot with a fresh `CancelToken`; a watchdog thread cancels
//! the tokens whose deadline has passed, which `jsonata-core` notices with an atomic load
//! per node. The watchdog sleeps without a timeout while no evaluation runs, and otherwise
//! wakes at the earliest deadline or every [`POLL`], so a limit is kept to within `POLL`.

use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

use jsonata_core::evaluator::CancelToken;

/// How late the watchdog may notice a deadline.
const POLL: Duration = Duration::from_millis(20);

/// One thread's running evaluation: its deadline and the token that stops it.
#[derive(Default)]
struct Slot {
    running: Mutex<Option<(Instant, CancelToken)>>,
}

struct Watchdog {
    slots: Mutex<Vec<Weak<Slot>>>,
    wake: Condvar,
    /// Guards the watchdog's sleep; `true` while it sleeps with nothing to watch.
    idle: Mutex<bool>,
}

fn watchdog() -> &'static Watchdog {
    static WATCHDOG: OnceLock<&'static Watchdog> = OnceLock::new();
    WATCHDOG.get_or_init(|| {
        let dog: &'static Watchdog = Box::leak(Box::new(Watchdog {
            slots: Mutex::new(Vec::new()),
            wake: Condvar::new(),
            idle: Mutex::new(false),
        }));
        std::thread::Builder::new()
            .name("jsonata-watchdog".into())
            .spawn(move || dog.watch())
            .expect("the JSONata watchdog thread starts");
        dog
    })
}

impl Watchdog {
    fn watch(&self) {
        loop {
            // Scanning under `idle` means an evaluation armed after the scan finds the
            // watchdog asleep and wakes it (`arm` takes `idle` after filling its slot).
            let mut idle = lock(&self.idle);
            match self.cancel_overdue() {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(Instant::now()).min(POLL);
                    drop(self.wake.wait_timeout(idle, wait));
                }
                None => {
                    *idle = true;
                    idle = self.wake.wait(idle).unwrap_or_else(|e| e.into_inner());
                    *idle = false;
                }
            }
        }
    }

    /// Cancels the evaluations past their deadline; the earliest deadline still ahead.
    fn cancel_overdue(&self) -> Option<Instant> {
        let now = Instant::now();
        let mut earliest: Option<Instant> = None;
        let mut slots = lock(&self.slots);
        slots.retain(|slot| slot.strong_count() > 0);
        for slot in slots.iter().filter_map(Weak::upgrade) {
            if let Some((deadline, token)) = lock(&slot.running).as_ref() {
                if *deadline <= now {
                    token.cancel();
                } else {
                    earliest = Some(earliest.map_or(*deadline, |e| e.min(*deadline)));
                }
            }
        }
        earliest
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

thread_local! {
    static SLOT: Arc<Slot> = {
        let slot = Arc::new(Slot::default());
        lock(&watchdog().slots).push(Arc::downgrade(&slot));
        slot
    };
}

/// An evaluation's time limit, armed until dropped.
pub(crate) struct Armed {
    slot: Arc<Slot>,
    previous: Option<(Instant, CancelToken)>,
}

/// Arms a limit of `timeout` from now for an evaluation on this thread; the token stops it.
/// An evaluation started inside another (by a host function) keeps the outer deadline if
/// that comes first, and gives the slot back to the outer one when done.
pub(crate) fn arm(timeout: Duration) -> (Armed, CancelToken) {
    let token = CancelToken::new();
    let deadline = Instant::now()
        .checked_add(timeout)
        .unwrap_or_else(far_future);
    let slot = SLOT.with(Arc::clone);
    let previous = {
        let mut running = lock(&slot.running);
        let deadline = running
            .as_ref()
            .map_or(deadline, |(outer, _)| deadline.min(*outer));
        running.replace((deadline, token.clone()))
    };
    let dog = watchdog();
    if *lock(&dog.idle) {
        dog.wake.notify_one();
    }
    (Armed { slot, previous }, token)
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(365 * 24 * 3600)
}

impl Drop for Armed {
    fn drop(&mut self) {
        *lock(&self.slot.running) = self.previous.take();
    }
}
