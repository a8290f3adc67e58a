//! Alerts: a staff member dismisses one they saw to, for every desk in the room.

use super::Peer;
use crate::refusal::Refusal;

impl Peer {
    pub(super) async fn dismiss_alert(&mut self, alert_id: String) -> Result<(), Refusal> {
        self.app.rooms.dismiss_alert(self.who()?, &alert_id).await
    }
}
