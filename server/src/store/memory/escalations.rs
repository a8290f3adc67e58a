//! Escalations in memory: records by id, counselors on duty, the aggregate counts, and the
//! session's binding (kept on the session, so it goes with it).

use async_trait::async_trait;
use ibasho_protocol::EscalationState;

use super::MemoryStore;
use crate::store::escalations::{Counts, RECENT_WAITS, bus_key};
use crate::store::{Escalation, EscalationStore, StoreEvent, StoreResult, escalation_key};

/// The collection's state.
#[derive(Debug, Default)]
pub(super) struct Escalations {
    /// Records (JSON) by id.
    records: std::collections::HashMap<String, String>,
    /// Counselors on duty (staff handle → until, ms).
    duty: std::collections::HashMap<String, u64>,
    counts: Counts,
    /// Recent waiting times (seconds), newest first.
    waits: std::collections::VecDeque<u64>,
}

#[async_trait]
impl EscalationStore for MemoryStore {
    async fn create_escalation(&self, record: &Escalation) -> StoreResult<()> {
        let json = record.encode()?;
        let slot = self.feed.slot().await;
        self.lock()
            .escalations
            .records
            .insert(record.id.clone(), json);
        slot.send(StoreEvent::Escalation {
            id: bus_key(&record.id),
            over: None,
        });
        Ok(())
    }

    async fn escalation(&self, id: &str) -> StoreResult<Option<String>> {
        Ok(self.lock().escalations.records.get(id).cloned())
    }

    async fn escalations(&self) -> StoreResult<Vec<String>> {
        Ok(self.lock().escalations.records.values().cloned().collect())
    }

    async fn swap_escalation(
        &self,
        id: &str,
        expected: &str,
        new: Option<&str>,
        over: Option<EscalationState>,
    ) -> StoreResult<bool> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let records = &mut state.escalations.records;
        if records.get(id).map(String::as_str) != Some(expected) {
            return Ok(false);
        }
        match new {
            Some(new) => records.insert(id.to_owned(), new.to_owned()),
            None => records.remove(id),
        };
        slot.send(StoreEvent::Escalation {
            id: bus_key(id),
            over,
        });
        Ok(true)
    }

    async fn set_duty(&self, counselor: &str, until: Option<u64>) -> StoreResult<()> {
        let slot = self.feed.slot().await;
        let changed = {
            let duty = &mut self.lock().escalations.duty;
            match until {
                Some(until) => duty.insert(counselor.to_owned(), until).is_none(),
                None => duty.remove(counselor).is_some(),
            }
        };
        if changed {
            slot.send(StoreEvent::Escalation {
                id: String::new(),
                over: None,
            });
        }
        Ok(())
    }

    async fn on_duty(&self, now: u64) -> StoreResult<Vec<String>> {
        let mut state = self.lock();
        let duty = &mut state.escalations.duty;
        duty.retain(|_, until| *until > now);
        let mut handles: Vec<String> = duty.keys().cloned().collect();
        handles.sort();
        Ok(handles)
    }

    async fn count_escalation(&self, counts: &[(&str, u64)], wait: Option<u64>) -> StoreResult<()> {
        let mut state = self.lock();
        let escalations = &mut state.escalations;
        for (name, by) in counts {
            *escalations.counts.entry((*name).to_owned()).or_default() += by;
        }
        if let Some(wait) = wait {
            escalations.waits.push_front(wait);
            escalations.waits.truncate(RECENT_WAITS);
        }
        Ok(())
    }

    async fn escalation_counts(&self) -> StoreResult<Counts> {
        Ok(self.lock().escalations.counts.clone())
    }

    async fn recent_waits(&self) -> StoreResult<Vec<u64>> {
        Ok(self.lock().escalations.waits.iter().copied().collect())
    }

    async fn bind_escalation(&self, session: &str, id: &str) -> StoreResult<bool> {
        let slot = self.feed.slot().await;
        let bound = {
            let mut state = self.lock();
            match state.sessions.get_mut(session) {
                Some(live) => {
                    live.escalation = Some(id.to_owned());
                    true
                }
                None => false,
            }
        };
        if bound {
            slot.send(StoreEvent::Bound {
                session: escalation_key(session),
            });
        }
        Ok(bound)
    }

    async fn unbind_escalation(&self, session: &str, id: &str) -> StoreResult<()> {
        if let Some(live) = self.lock().sessions.get_mut(session)
            && live.escalation.as_deref() == Some(id)
        {
            live.escalation = None;
        }
        Ok(())
    }

    async fn bound_escalation(&self, session: &str) -> StoreResult<Option<String>> {
        Ok(self
            .lock()
            .sessions
            .get(session)
            .and_then(|live| live.escalation.clone()))
    }
}
