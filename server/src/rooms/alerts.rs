//! Alerts: a staff member dismisses one they saw to, for every desk in the room.

use super::{Rooms, Who};
use crate::hub::audit::staff_name;
use crate::refusal::Refusal;

impl Rooms {
    pub async fn dismiss_alert(&self, who: Who<'_>, alert_id: &str) -> Result<(), Refusal> {
        if who.staff.is_none() {
            return Err(Refusal::Forbidden);
        }
        // Dismissed before (by someone else): nothing more to do or to log.
        let Some(room) = self.hub.dismiss_alert(alert_id).await? else {
            return Ok(());
        };
        // Never who: an alert may be about crisis language.
        self.audit(
            staff_name(who.handle),
            "dismiss_alert",
            Some(&room),
            None,
            None,
        )
        .await;
        Ok(())
    }
}
