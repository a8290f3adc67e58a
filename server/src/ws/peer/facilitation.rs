//! A facilitator's actions on a room's sitting, and the floor in a round.

use ibasho_protocol::FacilitatorAction;

use super::Peer;
use crate::refusal::Refusal;

impl Peer {
    pub(super) async fn facilitate(
        &mut self,
        room: String,
        action: FacilitatorAction,
        minutes: Option<u32>,
    ) -> Result<(), Refusal> {
        let who = self.who()?;
        self.app
            .rooms
            .facilitate(who, &room, action, minutes, &self.outbox)
            .await
    }

    /// In a round, on one's turn: gives the floor on without speaking.
    pub(super) async fn pass(&mut self, room: String) -> Result<(), Refusal> {
        self.app.rooms.pass(self.who()?, &room, &self.outbox).await
    }
}
