//! The case counts in memory (for as long as the process runs), and the recent waits.

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::case_counts::{Counts, RECENT_WAITS};
use crate::store::{CaseCountStore, StoreResult};

/// The collection's state.
#[derive(Debug, Default)]
pub(super) struct CaseCounts {
    counts: Counts,
    /// Recent waiting times (seconds), newest first.
    waits: std::collections::VecDeque<u64>,
}

#[async_trait]
impl CaseCountStore for MemoryStore {
    async fn count_cases(&self, counts: &[(&str, u64)], wait: Option<u64>) -> StoreResult<()> {
        let mut state = self.lock();
        let kept = &mut state.case_counts;
        for (name, by) in counts {
            *kept.counts.entry((*name).to_owned()).or_default() += by;
        }
        if let Some(wait) = wait {
            kept.waits.push_front(wait);
            kept.waits.truncate(RECENT_WAITS);
        }
        Ok(())
    }

    async fn case_counts(&self) -> StoreResult<Counts> {
        Ok(self.lock().case_counts.counts.clone())
    }

    async fn recent_waits(&self) -> StoreResult<Vec<u64>> {
        Ok(self.lock().case_counts.waits.iter().copied().collect())
    }
}
