//! The audit log in memory: appended in order, the oldest dropped past the retention.

use std::time::Duration;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};

use super::MemoryStore;
use crate::store::{AuditEntry, AuditLogStore, StoreResult};

#[async_trait]
impl AuditLogStore for MemoryStore {
    async fn append_audit(&self, entry: &AuditEntry, keep: Duration) -> StoreResult<()> {
        let mut state = self.lock();
        let oldest = entry
            .at
            .checked_sub(SignedDuration::try_from(keep).unwrap_or(SignedDuration::MAX))
            .unwrap_or(Timestamp::MIN);
        while state.audit.front().is_some_and(|first| first.at < oldest) {
            state.audit.pop_front();
        }
        state.audit.push_back(entry.clone());
        Ok(())
    }

    async fn audit_entries(
        &self,
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    ) -> StoreResult<Vec<AuditEntry>> {
        let state = self.lock();
        Ok(state
            .audit
            .iter()
            .filter(|entry| from.is_none_or(|from| entry.at >= from))
            .filter(|entry| to.is_none_or(|to| entry.at <= to))
            .cloned()
            .collect())
    }
}
