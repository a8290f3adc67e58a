//! Alerts: a staff member dismisses one they saw to, for every desk in the room.

use std::sync::Arc;

use super::Peer;
use crate::hub::AuditEntry;
use crate::hub::audit::staff_name;
use crate::refusal::Refusal;

impl Peer {
    pub(super) async fn dismiss_alert(&mut self, alert_id: String) -> Result<(), Refusal> {
        let session = self.session()?;
        if session.staff.is_none() {
            return Err(Refusal::Forbidden);
        }
        let actor = staff_name(&session.handle).to_owned();
        let app = Arc::clone(&self.app);
        // Dismissed before (by someone else): nothing more to do or to log.
        let Some(room) = app.hub.dismiss_alert(&alert_id).await? else {
            return Ok(());
        };
        app.hub
            .audit(AuditEntry {
                at: app.rooms.timing().now(),
                actor,
                action: "dismiss_alert".to_owned(),
                room: Some(room),
                // Never who: an alert may be about crisis language.
                target: None,
                reason: None,
            })
            .await;
        Ok(())
    }
}
