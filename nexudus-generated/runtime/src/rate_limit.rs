//! An optional client-side limiter that keeps requests under Nexudus's documented limits, so
//! a busy program is slowed down locally instead of being throttled by the server.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// The limits the client keeps to. [`RateLimit::nexudus`] holds the documented ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// The shortest time between two requests.
    pub min_interval: Duration,
    /// Requests per rolling minute.
    pub per_minute: u32,
    /// Writes (POST, PUT, PATCH, DELETE) per rolling minute.
    pub writes_per_minute: u32,
}

impl RateLimit {
    /// Nexudus's documented limits: one request per 100 ms, 120 per minute, 60 writes per minute.
    pub const fn nexudus() -> Self {
        Self {
            min_interval: Duration::from_millis(100),
            per_minute: 120,
            writes_per_minute: 60,
        }
    }

    /// Custom limits.
    pub const fn new(min_interval: Duration, per_minute: u32, writes_per_minute: u32) -> Self {
        Self {
            min_interval,
            per_minute,
            writes_per_minute,
        }
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        Self::nexudus()
    }
}

const WINDOW: Duration = Duration::from_secs(60);

#[derive(Default)]
struct History {
    last: Option<Instant>,
    requests: VecDeque<Instant>,
    writes: VecDeque<Instant>,
}

/// Hands out permission to send, one request at a time, in the order requests asked.
pub(crate) struct RateLimiter {
    limit: RateLimit,
    history: Mutex<History>,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            history: Mutex::new(History::default()),
        }
    }

    /// Waits until a request may be sent and records it as sent.
    pub(crate) async fn acquire(&self, is_write: bool) {
        // Holding the lock while sleeping queues the waiters fairly (tokio's mutex is FIFO).
        let mut history = self.history.lock().await;
        let now = Instant::now();
        let ready_at = self.ready_at(&history, is_write, now);
        if ready_at > now {
            tokio::time::sleep_until(ready_at).await;
        }
        let sent = Instant::now();
        let history = &mut *history;
        for queue in [&mut history.requests, &mut history.writes] {
            while queue
                .front()
                .is_some_and(|at| sent.duration_since(*at) >= WINDOW)
            {
                queue.pop_front();
            }
        }
        history.last = Some(sent);
        history.requests.push_back(sent);
        if is_write {
            history.writes.push_back(sent);
        }
    }

    fn ready_at(&self, history: &History, is_write: bool, now: Instant) -> Instant {
        let mut ready = now;
        if let Some(last) = history.last {
            ready = ready.max(last + self.limit.min_interval);
        }
        let mut window_full = |queue: &VecDeque<Instant>, limit: u32| {
            let limit = usize::try_from(limit.max(1)).unwrap_or(usize::MAX);
            if queue.len() >= limit {
                // The oldest request that must leave the window before this one may go.
                if let Some(oldest) = queue.get(queue.len() - limit) {
                    ready = ready.max(*oldest + WINDOW);
                }
            }
        };
        window_full(&history.requests, self.limit.per_minute);
        if is_write {
            window_full(&history.writes, self.limit.writes_per_minute);
        }
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_are_spaced_and_windows_are_kept() {
        let limiter = RateLimiter::new(RateLimit::new(Duration::from_millis(100), 5, 2));
        let start = Instant::now();
        limiter.acquire(true).await;
        limiter.acquire(true).await;
        assert_eq!(start.elapsed(), Duration::from_millis(100), "min interval");
        limiter.acquire(true).await;
        assert_eq!(
            start.elapsed(),
            WINDOW,
            "third write waits for the first to leave the window"
        );
        limiter.acquire(false).await;
        limiter.acquire(false).await;
        assert_eq!(start.elapsed(), WINDOW + Duration::from_millis(200));
        limiter.acquire(false).await;
        assert_eq!(
            start.elapsed(),
            WINDOW + Duration::from_millis(300),
            "reads are not limited by the write window"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_per_minute_limit_holds_over_many_requests() {
        let limiter = RateLimiter::new(RateLimit::nexudus());
        let start = Instant::now();
        for _ in 0..121 {
            limiter.acquire(false).await;
        }
        assert_eq!(
            start.elapsed(),
            WINDOW,
            "the 121st request waits for the first to leave the minute"
        );
    }
}
