//! Reports: a participant tells the room's staff about a message (never the reporter's
//! name to anyone), and staff resolve it; the reporter hears the outcome once.

use ibasho_protocol::{MAX_REPORT_NOTE_CHARS, ReportOutcome, ReportReason, ServerMsg};

use super::{Rooms, Who};
use crate::figures::name;
use crate::hub::audit::{PARTICIPANT, staff_name};
use crate::outbox::Outbox;
use crate::refusal::Refusal;
use crate::store::Report;

impl Rooms {
    /// A member reports a message of the room to its staff (`report_received` to them).
    pub async fn report(
        &self,
        who: Who<'_>,
        room: &str,
        message_id: String,
        reason: ReportReason,
        note: Option<String>,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        if note
            .as_ref()
            .is_some_and(|note| note.chars().count() > MAX_REPORT_NOTE_CHARS)
        {
            return Err(Refusal::TooLong {
                max_chars: MAX_REPORT_NOTE_CHARS,
            });
        }
        let found = self.inside(who, room, conn).await?;
        let room = found.spec.id.as_str();
        let message = self.hub.reported_message(room, &message_id).await?;
        let at = self.timing.now();
        let report = Report {
            id: Report::new_id(),
            room: room.to_owned(),
            message_id,
            handle: message.handle.clone(),
            text: message.text,
            reason,
            note: note
                .map(|note| note.trim().to_owned())
                .filter(|note| !note.is_empty()),
            at,
        };
        self.hub.file_report(&report, who.token).await?;
        conn.send(&ServerMsg::ReportReceived {
            report_id: report.id.clone(),
        });
        self.figures
            .add(&[(name::REPORTS, Some(room), Some(reason.as_str()))])
            .await;
        // A self-harm report must not tie a handle to a crisis in a 90-day log.
        let target = (reason != ReportReason::SelfHarm).then_some(message.handle.as_str());
        self.audit(
            PARTICIPANT,
            "report",
            Some(room),
            target,
            Some(reason.as_str()),
        )
        .await;
        Ok(())
    }

    /// A staff member resolves a report: its reporter hears the outcome once.
    pub async fn resolve_report(
        &self,
        who: Who<'_>,
        report_id: &str,
        outcome: ReportOutcome,
    ) -> Result<(), Refusal> {
        if who.staff.is_none() {
            return Err(Refusal::Forbidden);
        }
        let (report, first) = self.hub.resolve_report(report_id, outcome).await?;
        // Resolved before (by someone else): the first resolution stands, and the log keeps
        // only what was done.
        if !first {
            return Ok(());
        }
        self.figures
            .add(&[(
                name::REPORT_OUTCOMES,
                Some(&report.room),
                Some(outcome.as_str()),
            )])
            .await;
        let target = (report.reason != ReportReason::SelfHarm).then_some(report.handle.as_str());
        self.audit(
            staff_name(who.handle),
            "resolve_report",
            Some(&report.room),
            target,
            Some(outcome.as_str()),
        )
        .await;
        Ok(())
    }
}
