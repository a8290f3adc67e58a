//! Alerts in memory.

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::alerts::ALERT_LIFETIME;
use crate::store::{AlertStore, StaffAlert, StoreEvent, StoreResult};

#[async_trait]
impl AlertStore for MemoryStore {
    async fn raise_alert(&self, alert: &StaffAlert) -> StoreResult<()> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        // As in Redis: an alert lives at most `ALERT_LIFETIME` (in a room that never closes).
        let oldest = jiff::Timestamp::now()
            .checked_sub(jiff::SignedDuration::try_from(ALERT_LIFETIME).unwrap_or_default())
            .unwrap_or(jiff::Timestamp::MIN);
        state.alerts.retain(|_, kept| kept.at >= oldest);
        state.alerts.insert(alert.id.clone(), alert.clone());
        slot.send(StoreEvent::AlertRaised {
            room: alert.room.clone(),
            alert_id: alert.id.clone(),
        });
        Ok(())
    }

    async fn unresolved_alerts(&self, room: &str) -> StoreResult<Vec<StaffAlert>> {
        let state = self.lock();
        let mut alerts: Vec<StaffAlert> = state
            .alerts
            .values()
            .filter(|alert| alert.room == room)
            .cloned()
            .collect();
        alerts.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        Ok(alerts)
    }

    async fn dismiss_alert(&self, id: &str) -> StoreResult<Option<String>> {
        Ok(self.lock().alerts.remove(id).map(|alert| alert.room))
    }
}
