//! The reports collection: messages participants reported to staff, as they were said, until
//! staff resolve them; then the outcome waits for its reporter, to be told exactly once
//! (live, or on their next resume). Reports end with the room's sitting (erased with
//! everything said in it); a reporter's link to them ends with the reporter's session.

use async_trait::async_trait;
use ibasho_protocol::{ReportOutcome, ReportReason, ServerMsg};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::StoreResult;
use crate::token::SessionToken;

/// The longest a report is kept in a room that never closes (a scheduled room's reports go
/// with its sitting): both stores drop it then.
pub const REPORT_LIFETIME: std::time::Duration = std::time::Duration::from_secs(48 * 3600);

/// A report, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: String,
    pub room: String,
    pub message_id: String,
    /// The reported message's author and words, as they were when reported.
    pub handle: String,
    pub text: String,
    pub reason: ReportReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub at: Timestamp,
}

impl Report {
    /// A fresh, unguessable report id.
    pub fn new_id() -> String {
        let bytes: [u8; 12] = rand::random();
        super::hex(&bytes)
    }

    /// The frame staff get.
    pub fn frame(&self) -> ServerMsg {
        ServerMsg::Report {
            report_id: self.id.clone(),
            room: self.room.clone(),
            message_id: self.message_id.clone(),
            handle: self.handle.clone(),
            text: self.text.clone(),
            reason: self.reason,
            note: self.note.clone(),
            at: self.at,
        }
    }
}

/// A report resolved: the report, the store's name for its reporter's session (if it still
/// lives), and whether this call resolved it (false: it was resolved already).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub report: Report,
    pub reporter: Option<String>,
    pub first: bool,
}

#[async_trait]
pub trait ReportStore: Send + Sync {
    /// Keeps a report filed by `reporter`, for `keep` at most ([`REPORT_LIFETIME`] in
    /// service: a room that never closes has no sitting end to take it) — answered or not.
    async fn file_report(
        &self,
        report: &Report,
        reporter: &SessionToken,
        keep: std::time::Duration,
    ) -> StoreResult<()>;

    /// The room's reports not resolved yet, oldest first.
    async fn unresolved_reports(&self, room: &str) -> StoreResult<Vec<Report>>;

    /// Resolves a report with `outcome` (the first resolution stands). `None` if there is no
    /// such report.
    async fn resolve_report(
        &self,
        id: &str,
        outcome: ReportOutcome,
    ) -> StoreResult<Option<Resolved>>;

    /// Takes the outcomes of the session's reports not told yet (each is given out once).
    /// With `only`, just that report's.
    async fn take_outcomes(
        &self,
        reporter: &str,
        only: Option<&str>,
    ) -> StoreResult<Vec<(String, ReportOutcome)>>;
}
