//! Alerts in memory.

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::alerts::ALERT_LIFETIME;
use crate::store::{AlertStore, StaffAlert, StoreEvent, StoreResult};

#[async_trait]
impl AlertStore for MemoryStore {
    async fn raise_alert(&self, alert: &StaffAlert) -> StoreResult<bool> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let said = state.rooms.get(&alert.room).is_some_and(|room| {
            room.history
                .iter()
                .any(|m| m.id == alert.message_id && m.handle == alert.handle)
        });
        if !said {
            return Ok(false);
        }
        prune(&mut state.alerts);
        state
            .alerts
            .insert(alert.id.clone(), (alert.clone(), jiff::Timestamp::now()));
        slot.send(StoreEvent::AlertRaised {
            room: alert.room.clone(),
            alert_id: alert.id.clone(),
        });
        Ok(true)
    }

    async fn unresolved_alerts(&self, room: &str) -> StoreResult<Vec<StaffAlert>> {
        let mut state = self.lock();
        prune(&mut state.alerts);
        let mut alerts: Vec<StaffAlert> = state
            .alerts
            .values()
            .map(|(alert, _)| alert)
            .filter(|alert| alert.room == room)
            .cloned()
            .collect();
        alerts.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        Ok(alerts)
    }

    async fn dismiss_alert(&self, id: &str) -> StoreResult<Option<String>> {
        Ok(self.lock().alerts.remove(id).map(|(alert, _)| alert.room))
    }
}

/// As in Redis, where each alert's key expires: an alert lives at most `ALERT_LIFETIME`
/// from when it was kept (in a room that never closes).
fn prune(alerts: &mut super::Alerts) {
    let oldest = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::try_from(ALERT_LIFETIME).unwrap_or_default())
        .unwrap_or(jiff::Timestamp::MIN);
    alerts.retain(|_, (_, kept)| *kept >= oldest);
}
