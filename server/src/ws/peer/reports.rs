//! Reports: a participant tells the room's staff about a message (never the reporter's
//! name to anyone), and staff resolve it; the reporter hears the outcome once.

use ibasho_protocol::{ReportOutcome, ReportReason};

use super::Peer;
use crate::refusal::Refusal;

impl Peer {
    pub(super) async fn report(
        &mut self,
        room: String,
        message_id: String,
        reason: ReportReason,
        note: Option<String>,
    ) -> Result<(), Refusal> {
        let who = self.who()?;
        self.app
            .rooms
            .report(who, &room, message_id, reason, note, &self.outbox)
            .await
    }

    pub(super) async fn resolve_report(
        &mut self,
        report_id: String,
        outcome: ReportOutcome,
    ) -> Result<(), Refusal> {
        let who = self.who()?;
        self.app
            .rooms
            .resolve_report(who, &report_id, outcome)
            .await
    }
}
