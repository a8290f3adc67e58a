//! Requests' records in memory, by id.

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::escalations::bus_key;
use crate::store::{Escalation, EscalationStore, EscalationSwap, StoreEvent, StoreResult};

/// The collection's state: records (JSON) by id.
pub(super) type Escalations = std::collections::HashMap<String, String>;

#[async_trait]
impl EscalationStore for MemoryStore {
    async fn create_escalation(&self, record: &Escalation) -> StoreResult<()> {
        let json = record.encode()?;
        let slot = self.feed.slot().await;
        self.lock().escalations.insert(record.id.clone(), json);
        slot.send(StoreEvent::Escalation {
            id: bus_key(&record.id),
            over: None,
        });
        Ok(())
    }

    async fn escalation(&self, id: &str) -> StoreResult<Option<String>> {
        Ok(self.lock().escalations.get(id).cloned())
    }

    async fn escalations(&self) -> StoreResult<Vec<String>> {
        Ok(self.lock().escalations.values().cloned().collect())
    }

    async fn swap_escalation(&self, id: &str, swap: EscalationSwap<'_>) -> StoreResult<bool> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let records = &mut state.escalations;
        if records.get(id).map(String::as_str) != Some(swap.expected) {
            return Ok(false);
        }
        match swap.new {
            Some(new) => records.insert(id.to_owned(), new.to_owned()),
            None => records.remove(id),
        };
        slot.send(StoreEvent::Escalation {
            id: bus_key(id),
            over: swap.over,
        });
        Ok(true)
    }
}
