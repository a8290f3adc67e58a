//! Reports on every node: filed to the staff in the room (and shown to staff who come in
//! while unresolved), resolved once, and the outcome told to the reporter exactly once —
//! wherever they are connected, or when they resume.

use ibasho_protocol::{ReportOutcome, ServerMsg};

use super::Hub;
use crate::outbox::Outbox;
use crate::outbox::encode;
use crate::refusal::Refusal;
use crate::store::{Recipient, Report, outcome_key, session_key};
use crate::token::SessionToken;

impl Hub {
    /// The message a report would quote, if the room still has it.
    pub async fn reported_message(
        &self,
        room: &str,
        message_id: &str,
    ) -> Result<ibasho_protocol::ChatMessage, Refusal> {
        self.room(room)?;
        self.store
            .message(room, message_id)
            .await?
            .ok_or(Refusal::NoSuchMessage)
    }

    /// Files a report and tells the room's staff, on every node (each reads it from the
    /// store: its words never travel on the bus).
    pub async fn file_report(
        &self,
        report: &Report,
        reporter: &SessionToken,
    ) -> Result<(), Refusal> {
        self.store
            .file_report(report, reporter, crate::store::reports::REPORT_LIFETIME)
            .await?;
        self.store.report_filed(&report.room, &report.id).await?;
        Ok(())
    }

    /// A report was filed: the staff in its room here get it.
    pub(super) fn show_report(self: &std::sync::Arc<Self>, room: String, report_id: String) {
        let Some(hub) = self.find(&room) else {
            return;
        };
        let store = std::sync::Arc::clone(&self.store);
        tokio::spawn(async move {
            match store.unresolved_reports(&room).await {
                Ok(reports) => {
                    if let Some(report) = reports.iter().find(|r| r.id == report_id) {
                        hub.tell(&Recipient::Staff, &encode(&report.frame()));
                    }
                }
                Err(err) => tracing::warn!(error = %err, "could not read a report"),
            }
        });
    }

    /// Resolves a report; its reporter is told (once, see [`Hub::outcome_ready`]). The report
    /// is returned, with whether this resolved it (for the audit log); `no_such_report` if
    /// there is none.
    pub async fn resolve_report(
        &self,
        id: &str,
        outcome: ReportOutcome,
    ) -> Result<(Report, bool), Refusal> {
        let resolved = self
            .store
            .resolve_report(id, outcome)
            .await?
            .ok_or(Refusal::NoSuchReport)?;
        if resolved.first
            && let Some(reporter) = &resolved.reporter
        {
            self.store
                .outcome_ready(&resolved.report.room, &outcome_key(reporter), id)
                .await?;
        }
        Ok((resolved.report, resolved.first))
    }

    /// Sends a staff member who comes into a room the reports not resolved yet.
    pub(super) async fn show_unresolved(&self, room: &str, conn: &Outbox) -> Result<(), Refusal> {
        for report in self.store.unresolved_reports(room).await? {
            conn.send(&report.frame());
        }
        Ok(())
    }

    /// Tells a session the outcomes of its reports it was not told yet (on resume).
    pub async fn tell_outcomes(&self, token: &SessionToken, conn: &Outbox) -> Result<(), Refusal> {
        let outcomes = self.store.take_outcomes(&session_key(token), None).await?;
        for (report_id, outcome) in outcomes {
            conn.send(&ServerMsg::ReportOutcome { report_id, outcome });
        }
        Ok(())
    }

    /// A report of `reporter` was resolved somewhere: if its session is connected here, the
    /// outcome is taken from the store (so that it is told once) and sent.
    pub(super) fn outcome_ready(&self, reporter: &str, report_id: String) {
        let found = self.sessions().iter().find_map(|(token, local)| {
            let key = session_key(token);
            (outcome_key(&key) == reporter)
                .then(|| local.conn.clone().map(|conn| (key, conn)))
                .flatten()
        });
        let Some((reporter, conn)) = found else {
            return;
        };
        let store = std::sync::Arc::clone(&self.store);
        tokio::spawn(async move {
            match store.take_outcomes(&reporter, Some(&report_id)).await {
                Ok(outcomes) => {
                    for (report_id, outcome) in outcomes {
                        conn.send(&ServerMsg::ReportOutcome { report_id, outcome });
                    }
                }
                Err(err) => tracing::warn!(error = %err, "could not tell a report's outcome"),
            }
        });
    }
}
