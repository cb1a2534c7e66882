//! The window's clock: where autosave, status messages and the loading screen
//! read the time. The app runs on the system clock; tests use a manual clock
//! that only moves when they advance it, so nothing waits on wall time.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A source of [`Instant`]s. Clones share the same time, so a test that keeps a
/// clone of a manual clock moves the app's time with [`Clock::advance`].
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// `None`: the system clock; `Some`: the manual time.
    manual: Option<Arc<Mutex<Instant>>>,
}

impl Clock {
    /// The system's monotonic clock (what the window uses).
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A clock standing still at the current instant until [`Clock::advance`] moves it.
    pub fn manual() -> Self {
        Self {
            manual: Some(Arc::new(Mutex::new(Instant::now()))),
        }
    }

    /// The current time of this clock.
    pub fn now(&self) -> Instant {
        match &self.manual {
            Some(time) => *time.lock().unwrap_or_else(PoisonError::into_inner),
            None => Instant::now(),
        }
    }

    /// Moves a manual clock (and every clone of it) forward by `by`; the system
    /// clock cannot be moved, so this does nothing to it.
    pub fn advance(&self, by: Duration) {
        if let Some(time) = &self.manual {
            let mut time = time.lock().unwrap_or_else(PoisonError::into_inner);
            *time += by;
        }
    }

    /// Time since `earlier` on this clock (zero if `earlier` is later).
    pub fn since(&self, earlier: Instant) -> Duration {
        self.now().saturating_duration_since(earlier)
    }
}

#[cfg(test)]
mod tests {
    use super::Clock;
    use std::time::Duration;

    #[test]
    fn a_manual_clock_moves_only_when_advanced_and_clones_share_it() {
        let clock = Clock::manual();
        let start = clock.now();
        assert_eq!(clock.now(), start, "a manual clock stands still");
        let shared = clock.clone();
        shared.advance(Duration::from_secs(3));
        assert_eq!(clock.since(start), Duration::from_secs(3));
        assert_eq!(
            clock.since(clock.now() + Duration::from_secs(1)),
            Duration::ZERO
        );
    }

    #[test]
    fn the_system_clock_ignores_advance() {
        let clock = Clock::system();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.since(before) < Duration::from_secs(3600));
    }
}
