//! The recent waits in memory (for as long as the process runs).

use std::collections::VecDeque;

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::case_counts::RECENT_WAITS;
use crate::store::{CaseCountStore, StoreResult};

/// Recent waiting times (seconds), newest first.
#[derive(Debug, Default)]
pub(super) struct CaseCounts {
    waits: VecDeque<u64>,
}

#[async_trait]
impl CaseCountStore for MemoryStore {
    async fn note_wait(&self, wait: u64) -> StoreResult<()> {
        let mut state = self.lock();
        let waits = &mut state.case_counts.waits;
        waits.push_front(wait);
        waits.truncate(RECENT_WAITS);
        Ok(())
    }

    async fn recent_waits(&self) -> StoreResult<Vec<u64>> {
        Ok(self.lock().case_counts.waits.iter().copied().collect())
    }
}
