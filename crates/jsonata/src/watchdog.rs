//! The time limit of evaluations, kept by one background thread.
//!
//! `jsonata-core` can time an evaluation itself (`timeout_ms`), but it reads the clock at
//! every node it evaluates: measured over JSONata's suite, an eighth of all evaluation
//! time. Every evaluation here has a time limit (a default one when none is given), so the
//! clock is kept apart instead: an evaluation reads it once, at the start, and stores its
//! deadline in its thread's slot beside its `CancelToken`; a watchdog thread cancels the
//! tokens whose deadline has passed, which `jsonata-core` notices with an atomic load per
//! node. The watchdog sleeps without a timeout while no evaluation runs, and otherwise
//! wakes at the earliest deadline or every [`POLL`], so a limit is kept to within `POLL`.
//!
//! Arming costs two atomic stores and a load when the thread's token is the one armed last
//! (the evaluator, and so its token, is kept per thread): no lock on the way in or out.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

use jsonata_core::evaluator::CancelToken;

/// How late the watchdog may notice a deadline.
const POLL: Duration = Duration::from_millis(20);

/// No evaluation running in a slot.
const IDLE: u64 = 0;

/// One thread's running evaluation: its deadline (nanoseconds since [`epoch`], or [`IDLE`])
/// and the token that stops it, with the id that tells tokens apart.
#[derive(Default)]
struct Slot {
    deadline: AtomicU64,
    token_id: AtomicU64,
    token: Mutex<Option<CancelToken>>,
}

struct Watchdog {
    slots: Mutex<Vec<Weak<Slot>>>,
    wake: Condvar,
    /// Held while the watchdog looks at the slots, and while it sleeps.
    sleep: Mutex<()>,
    /// The watchdog sleeps with nothing to watch: an evaluation that starts wakes it.
    idle: AtomicBool,
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn watchdog() -> &'static Watchdog {
    static WATCHDOG: OnceLock<&'static Watchdog> = OnceLock::new();
    WATCHDOG.get_or_init(|| {
        let dog: &'static Watchdog = Box::leak(Box::new(Watchdog {
            slots: Mutex::new(Vec::new()),
            wake: Condvar::new(),
            sleep: Mutex::new(()),
            idle: AtomicBool::new(false),
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
            let guard = lock(&self.sleep);
            let earliest = match self.cancel_overdue() {
                Some(deadline) => Some(deadline),
                None => {
                    // Say so, then look once more: an evaluation that stored its deadline
                    // before seeing `idle` is found now; one after it wakes us (`arm`).
                    self.idle.store(true, SeqCst);
                    let again = self.cancel_overdue();
                    if again.is_some() {
                        self.idle.store(false, SeqCst);
                    }
                    again
                }
            };
            match earliest {
                Some(deadline) => {
                    let now = nanos_since_epoch(Instant::now());
                    let wait = Duration::from_nanos(deadline.saturating_sub(now)).min(POLL);
                    drop(self.wake.wait_timeout(guard, wait));
                }
                None => {
                    drop(self.wake.wait(guard));
                    self.idle.store(false, SeqCst);
                }
            }
        }
    }

    /// Cancels the evaluations past their deadline; the earliest deadline still ahead.
    fn cancel_overdue(&self) -> Option<u64> {
        let now = nanos_since_epoch(Instant::now());
        let mut earliest: Option<u64> = None;
        let mut slots = lock(&self.slots);
        slots.retain(|slot| slot.strong_count() > 0);
        for slot in slots.iter().filter_map(Weak::upgrade) {
            let deadline = slot.deadline.load(SeqCst);
            if deadline == IDLE {
                continue;
            }
            if deadline <= now {
                if let Some(token) = lock(&slot.token).as_ref() {
                    token.cancel();
                }
            } else {
                earliest = Some(earliest.map_or(deadline, |e| e.min(deadline)));
            }
        }
        earliest
    }
}

fn nanos_since_epoch(at: Instant) -> u64 {
    u64::try_from(at.saturating_duration_since(epoch()).as_nanos())
        .unwrap_or(u64::MAX - 1)
        .max(1)
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
    previous: Option<(u64, u64, Option<CancelToken>)>,
}

/// Arms a limit of `timeout` from now for an evaluation on this thread, which `token`
/// (told apart from others by `token_id`) stops. An evaluation started inside another (by
/// a host function) keeps the outer deadline if that comes first, and gives the slot back
/// to the outer one when done.
pub(crate) fn arm(timeout: Duration, token: &CancelToken, token_id: u64) -> Armed {
    let dog = watchdog();
    let now = nanos_since_epoch(Instant::now());
    let mut deadline = now.saturating_add(u64::try_from(timeout.as_nanos()).unwrap_or(u64::MAX));
    let slot = SLOT.with(Arc::clone);
    let outer = slot.deadline.load(SeqCst);
    let previous = if outer == IDLE {
        None
    } else {
        deadline = deadline.min(outer);
        Some((outer, slot.token_id.load(SeqCst), lock(&slot.token).clone()))
    };
    if slot.token_id.load(SeqCst) != token_id {
        *lock(&slot.token) = Some(token.clone());
        slot.token_id.store(token_id, SeqCst);
    }
    slot.deadline.store(deadline, SeqCst);
    if dog.idle.load(SeqCst) {
        let _guard = lock(&dog.sleep);
        dog.wake.notify_one();
    }
    Armed { slot, previous }
}

impl Drop for Armed {
    fn drop(&mut self) {
        // Idle first, so that the watchdog never pairs this deadline with the outer token.
        self.slot.deadline.store(IDLE, SeqCst);
        match self.previous.take() {
            None => {}
            Some((deadline, token_id, token)) => {
                *lock(&self.slot.token) = token;
                self.slot.token_id.store(token_id, SeqCst);
                self.slot.deadline.store(deadline, SeqCst);
            }
        }
    }
}
