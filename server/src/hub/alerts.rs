//! Alerts on every node: raised to the staff in the room (and shown to staff who come in
//! while nobody has dismissed them), and dismissed once for every desk.

use std::sync::Arc;

use ibasho_protocol::ServerMsg;

use super::Hub;
use crate::outbox::{Outbox, encode};
use crate::refusal::Refusal;
use crate::store::{Recipient, StaffAlert};

impl Hub {
    /// Keeps an alert for the room's staff and tells them, on every node (each reads it from
    /// the store: the handle it names never travels on the bus). Nothing is kept if the
    /// message is no longer in the room (its sitting ended meanwhile).
    pub async fn raise_alert(&self, alert: &StaffAlert) -> Result<(), Refusal> {
        self.room(&alert.room)?;
        if !self.store.raise_alert(alert).await? {
            tracing::debug!("an alert's message was gone before it was raised");
        }
        Ok(())
    }

    /// An alert was raised: the staff in its room here get it.
    pub(super) fn show_alert(self: &Arc<Self>, room: String, alert_id: String) {
        let Some(hub) = self.find(&room) else {
            return;
        };
        let store = Arc::clone(&self.store);
        tokio::spawn(async move {
            match store.unresolved_alerts(&room).await {
                Ok(alerts) => {
                    if let Some(alert) = alerts.iter().find(|a| a.id == alert_id) {
                        hub.tell(&Recipient::Staff, &encode(&alert.frame()));
                    }
                }
                Err(err) => tracing::warn!(error = %err, "could not read an alert"),
            }
        });
    }

    /// A staff member saw to an alert: it leaves the store, and every desk in its room hears
    /// so. Dismissing one already dismissed (by someone else) does nothing. Returns the room
    /// it was in, if it was still there.
    pub async fn dismiss_alert(&self, id: &str) -> Result<Option<String>, Refusal> {
        let Some(room) = self.store.dismiss_alert(id).await? else {
            return Ok(None);
        };
        let frame = ServerMsg::AlertDismissed {
            room: room.clone(),
            alert_id: id.to_owned(),
        };
        // Dismissed: a desk that cannot be told now keeps the card until it comes in again.
        if self.tell(&room, &Recipient::Staff, &frame).await.is_err() {
            tracing::warn!("could not tell the desks an alert was dismissed");
        }
        Ok(Some(room))
    }

    /// Sends a staff member who comes into a room the alerts nobody dismissed yet.
    pub(super) async fn show_alerts(&self, room: &str, conn: &Outbox) -> Result<(), Refusal> {
        for alert in self.store.unresolved_alerts(room).await? {
            conn.send(&alert.frame());
        }
        Ok(())
    }
}
