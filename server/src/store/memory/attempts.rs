//! Attempt allowances in memory: fixed windows from each key's first attempt. Windows that
//! are over are swept now and then, not on every attempt: with a key per message (the
//! repetition check) the map holds a minute of messages, too many to walk each time.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::{Allowed, AttemptStore, StoreResult};

/// How often windows that are over are dropped.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// Each key's window: when it ends, and the attempts in it.
#[derive(Debug, Default)]
pub(super) struct Attempts {
    windows: HashMap<String, (Instant, u32)>,
    next_sweep: Option<Instant>,
}

impl Attempts {
    fn count(
        &mut self,
        key: &str,
        max: u32,
        window: Duration,
        now: Instant,
    ) -> Result<(), Duration> {
        if self.next_sweep.is_none_or(|at| now >= at) {
            self.windows.retain(|_, (ends, _)| now < *ends);
            self.next_sweep = Some(now + SWEEP_EVERY);
        }
        let (ends, count) = self
            .windows
            .entry(key.to_owned())
            .or_insert((now + window, 0));
        if now >= *ends {
            // Over, and not swept yet: a new window.
            (*ends, *count) = (now + window, 0);
        }
        if *count >= max {
            return Err(ends.saturating_duration_since(now));
        }
        *count += 1;
        Ok(())
    }
}

#[async_trait]
impl AttemptStore for MemoryStore {
    async fn attempt(&self, key: &str, max: u32, window: Duration) -> StoreResult<Allowed> {
        let now = Instant::now();
        Ok(self.lock().attempts.count(key, max, window, now))
    }
}
