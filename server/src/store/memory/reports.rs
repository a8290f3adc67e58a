//! Reports in memory.

use async_trait::async_trait;
use ibasho_protocol::ReportOutcome;

use super::MemoryStore;
use crate::store::{Report, ReportStore, Resolved, StoreResult, session_key};
use crate::token::SessionToken;

/// A report as kept: by whom (while their session lives), what became of it, and until when
/// (real time, as a Redis key's time to live).
#[derive(Debug)]
pub(super) struct Filed {
    pub(super) report: Report,
    pub(super) reporter: Option<String>,
    pub(super) outcome: Option<ReportOutcome>,
    /// The reporter was told the outcome.
    pub(super) told: bool,
    pub(super) until: std::time::Instant,
}

/// Drops the reports whose time is up (as their keys expire in Redis).
fn prune(reports: &mut std::collections::HashMap<String, Filed>) {
    let now = std::time::Instant::now();
    reports.retain(|_, filed| filed.until > now);
}

#[async_trait]
impl ReportStore for MemoryStore {
    async fn file_report(
        &self,
        report: &Report,
        reporter: &SessionToken,
        keep: std::time::Duration,
    ) -> StoreResult<()> {
        let mut state = self.lock();
        prune(&mut state.reports);
        let filed = Filed {
            report: report.clone(),
            reporter: Some(session_key(reporter)),
            outcome: None,
            told: false,
            until: std::time::Instant::now() + keep,
        };
        state.reports.insert(report.id.clone(), filed);
        Ok(())
    }

    async fn unresolved_reports(&self, room: &str) -> StoreResult<Vec<Report>> {
        let mut state = self.lock();
        prune(&mut state.reports);
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
        prune(&mut state.reports);
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
        prune(&mut state.reports);
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
