//! Reports in memory.

use async_trait::async_trait;
use ibasho_protocol::ReportOutcome;

use super::MemoryStore;
use crate::store::reports::REPORT_LIFETIME;
use crate::store::{Report, ReportStore, Resolved, StoreResult, session_key};
use crate::token::SessionToken;

/// A report as kept: by whom (while their session lives), and what became of it.
#[derive(Debug)]
pub(super) struct Filed {
    pub(super) report: Report,
    pub(super) reporter: Option<String>,
    pub(super) outcome: Option<ReportOutcome>,
    /// The reporter was told the outcome.
    pub(super) told: bool,
}

#[async_trait]
impl ReportStore for MemoryStore {
    async fn file_report(&self, report: &Report, reporter: &SessionToken) -> StoreResult<()> {
        let mut state = self.lock();
        // As in Redis: a report lives at most as long as `REPORT_LIFETIME` (in a room that
        // never closes), answered or not.
        let oldest = jiff::Timestamp::now()
            .checked_sub(jiff::SignedDuration::try_from(REPORT_LIFETIME).unwrap_or_default())
            .unwrap_or(jiff::Timestamp::MIN);
        state.reports.retain(|_, filed| filed.report.at >= oldest);
        let filed = Filed {
            report: report.clone(),
            reporter: Some(session_key(reporter)),
            outcome: None,
            told: false,
        };
        state.reports.insert(report.id.clone(), filed);
        Ok(())
    }

    async fn unresolved_reports(&self, room: &str) -> StoreResult<Vec<Report>> {
        let state = self.lock();
        let mut reports: Vec<Report> = state
            .reports
            .values()
            .filter(|filed| filed.report.room == room && filed.outcome.is_none())
            .map(|filed| filed.report.clone())
            .collect();
        reports.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        Ok(reports)
    }

    async fn resolve_report(
        &self,
        id: &str,
        outcome: ReportOutcome,
    ) -> StoreResult<Option<Resolved>> {
        let mut state = self.lock();
        let Some(filed) = state.reports.get_mut(id) else {
            return Ok(None);
        };
        let first = filed.outcome.is_none();
        let report = filed.report.clone();
        if first {
            filed.outcome = Some(outcome);
            // Answered: its words and note are no longer needed by anyone.
            filed.report.text.clear();
            filed.report.note = None;
        }
        Ok(Some(Resolved {
            report,
            reporter: filed.reporter.clone(),
            first,
        }))
    }

    async fn take_outcomes(
        &self,
        reporter: &str,
        only: Option<&str>,
    ) -> StoreResult<Vec<(String, ReportOutcome)>> {
        let mut state = self.lock();
        let mut taken = Vec::new();
        for filed in state.reports.values_mut() {
            let mine = filed.reporter.as_deref() == Some(reporter)
                && only.is_none_or(|id| id == filed.report.id);
            if let (true, false, Some(outcome)) = (mine, filed.told, filed.outcome) {
                filed.told = true;
                taken.push((filed.report.id.clone(), outcome));
            }
        }
        taken.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(taken)
    }
}
