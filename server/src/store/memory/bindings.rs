//! Bindings in memory: a field of the session's record (see `Session::escalation`), so a
//! binding goes with its session.

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::{BindingStore, StoreEvent, StoreResult, escalation_key};

#[async_trait]
impl BindingStore for MemoryStore {
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
