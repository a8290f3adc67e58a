//! Attempt allowances in memory: fixed windows, dropped once over.

use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::{AttemptStore, StoreResult};

#[async_trait]
impl AttemptStore for MemoryStore {
    async fn attempt(
        &self,
        key: &str,
        max: u32,
        window: Duration,
    ) -> StoreResult<Result<(), Duration>> {
        let now = Instant::now();
        let mut state = self.lock();
        // Windows that are over count for nothing: drop them, so the map stays small.
        state
            .attempts
            .retain(|_, (started, _)| now.duration_since(*started) < window);
        let (started, count) = state.attempts.entry(key.to_owned()).or_insert((now, 0));
        if *count >= max {
            return Ok(Err(window.saturating_sub(now.duration_since(*started))));
        }
        *count += 1;
        Ok(Ok(()))
    }
}
