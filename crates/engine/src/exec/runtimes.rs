//! The paused current-thread runtimes virtual-time runs execute on, kept for later runs.
//! Building one (an epoll instance, its event buffer, a timer wheel) and dropping it again
//! cost as much as running a small machine; a test suite or a benchmark runs thousands.

use std::sync::Mutex;
use tokio::runtime::{Builder, Runtime};

/// Idle runtimes, at most one per thread that may run executions at once.
static IDLE: Mutex<Vec<Runtime>> = Mutex::new(Vec::new());
const KEEP: usize = 16;

fn idle() -> std::sync::MutexGuard<'static, Vec<Runtime>> {
    // A push or a pop cannot be left half-done by a panic elsewhere.
    IDLE.lock().unwrap_or_else(|p| p.into_inner())
}

/// A runtime whose clock is paused (it advances only when every task waits on time).
pub(crate) fn take_paused() -> std::io::Result<Runtime> {
    let kept = idle().pop();
    match kept {
        Some(rt) => Ok(rt),
        None => Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build(),
    }
}

/// Keeps `rt` for another run. Only for a run that left nothing behind on it: a blocking
/// task still running would stop its paused clock from advancing for the next run.
pub(crate) fn give_back(rt: Runtime) {
    if rt.metrics().num_alive_tasks() != 0 {
        return;
    }
    let mut idle = idle();
    if idle.len() < KEEP {
        idle.push(rt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_kept_runtime_is_paused_and_its_clock_still_advances() {
        let rt = take_paused().expect("runtime");
        rt.block_on(async { tokio::time::sleep(Duration::from_secs(3600)).await });
        give_back(rt);
        let rt = take_paused().expect("runtime");
        let slept = rt.block_on(async {
            let start = std::time::Instant::now();
            tokio::time::sleep(Duration::from_secs(3600)).await;
            start.elapsed()
        });
        // An hour of virtual time passes at once.
        assert!(slept < Duration::from_secs(5), "{slept:?}");
        give_back(rt);
    }
}
