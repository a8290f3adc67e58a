//! Reports: a participant tells the room's staff about a message (never the reporter's
//! name to anyone), and staff resolve it; the reporter hears the outcome once.

use std::sync::Arc;

use ibasho_protocol::{MAX_REPORT_NOTE_CHARS, ReportOutcome, ReportReason, ServerMsg};

use super::Peer;
use crate::hub::audit::{PARTICIPANT, staff_name};
use crate::hub::{AuditEntry, Report};
use crate::refusal::Refusal;

impl Peer {
    pub(super) async fn report(
        &mut self,
        room: String,
        message_id: String,
        reason: ReportReason,
        note: Option<String>,
    ) -> Result<(), Refusal> {
        if note
            .as_ref()
            .is_some_and(|note| note.chars().count() > MAX_REPORT_NOTE_CHARS)
        {
            return Err(Refusal::TooLong {
                max_chars: MAX_REPORT_NOTE_CHARS,
            });
        }
        let here = self.member(&room).await?;
        let app = Arc::clone(&self.app);
        let message = app.hub.reported_message(&room, &message_id).await?;
        let at = app.rooms.timing().now();
        let report = Report {
            id: Report::new_id(),
            room: room.clone(),
            message_id,
            handle: message.handle.clone(),
            text: message.text,
            reason,
            note: note
                .map(|note| note.trim().to_owned())
                .filter(|note| !note.is_empty()),
            at,
        };
        app.hub.file_report(&report, &here.session.token).await?;
        self.outbox.send(&ServerMsg::ReportReceived {
            report_id: report.id.clone(),
        });
        app.hub
            .audit(AuditEntry {
                at,
                actor: PARTICIPANT.to_owned(),
                action: "report".to_owned(),
                room: Some(room),
                // A self-harm report must not tie a handle to a crisis in a 90-day log.
                target: (reason != ReportReason::SelfHarm).then_some(message.handle),
                reason: Some(reason.as_str().to_owned()),
            })
            .await;
        Ok(())
    }

    pub(super) async fn resolve_report(
        &mut self,
        report_id: String,
        outcome: ReportOutcome,
    ) -> Result<(), Refusal> {
        let session = self.session()?;
        if session.staff.is_none() {
            return Err(Refusal::Forbidden);
        }
        let actor = staff_name(&session.handle).to_owned();
        let app = Arc::clone(&self.app);
        let (report, first) = app.hub.resolve_report(&report_id, outcome).await?;
        // Resolved before (by someone else): the first resolution stands, and the log keeps
        // only what was done.
        if !first {
            return Ok(());
        }
        app.hub
            .audit(AuditEntry {
                at: app.rooms.timing().now(),
                actor,
                action: "resolve_report".to_owned(),
                room: Some(report.room),
                target: (report.reason != ReportReason::SelfHarm).then_some(report.handle),
                reason: Some(outcome.as_str().to_owned()),
            })
            .await;
        Ok(())
    }
}
