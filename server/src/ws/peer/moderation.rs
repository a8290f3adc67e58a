//! A facilitator's moderation of a room (`moderate`): see the room layer's `moderate`.

use ibasho_protocol::ModerateAction;

use super::Peer;
use crate::refusal::Refusal;
use crate::rooms::Details;

impl Peer {
    pub(super) async fn moderate(
        &mut self,
        room: String,
        action: ModerateAction,
        details: Details,
    ) -> Result<(), Refusal> {
        let who = self.who()?;
        self.app
            .rooms
            .moderate(who, &room, action, details, &self.outbox)
            .await
    }
}
