//! The facilitator's desk: alerts about messages (flagged, trial, crisis) and reports from
//! participants, newest first, until staff deal with them. Pure: the socket routes `alert`
//! and `report` frames here; the staff panel shows it.

use ibasho_protocol::{AlertReason, ReportReason};

/// The most items kept: an old alert scrolls out rather than the page growing for ever.
pub const MAX_ITEMS: usize = 50;

/// An alert about a message in a room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertCard {
    pub room: String,
    pub message_id: String,
    pub reason: AlertReason,
    pub rule: Option<String>,
}

/// A report waiting to be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCard {
    pub report_id: String,
    pub room: String,
    pub message_id: String,
    pub handle: String,
    pub text: String,
    pub reason: ReportReason,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Desk {
    pub alerts: Vec<AlertCard>,
    pub reports: Vec<ReportCard>,
}

impl Desk {
    pub fn alert(&mut self, alert: AlertCard) {
        if !self.alerts.contains(&alert) {
            self.alerts.insert(0, alert);
            self.alerts.truncate(MAX_ITEMS);
        }
    }

    /// A report (again, when staff come into a room with it unresolved: kept once).
    pub fn report(&mut self, report: ReportCard) {
        if !self.reports.iter().any(|r| r.report_id == report.report_id) {
            self.reports.insert(0, report);
            self.reports.truncate(MAX_ITEMS);
        }
    }

    /// A report resolved here: off the desk.
    pub fn resolved(&mut self, report_id: &str) {
        self.reports.retain(|r| r.report_id != report_id);
    }

    /// An alert seen to.
    pub fn dismiss_alert(&mut self, room: &str, message_id: &str) {
        self.alerts
            .retain(|a| !(a.room == room && a.message_id == message_id));
    }

    /// The room's session ended (or staff left it): its items go.
    pub fn forget_room(&mut self, room: &str) {
        self.alerts.retain(|a| a.room != room);
        self.reports.retain(|r| r.room != room);
    }

    /// The report about a message, if there is one (the message menu shows its details).
    pub fn report_about(&self, room: &str, message_id: &str) -> Option<&ReportCard> {
        self.reports
            .iter()
            .find(|r| r.room == room && r.message_id == message_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: &str, room: &str) -> ReportCard {
        ReportCard {
            report_id: id.into(),
            room: room.into(),
            message_id: "7".into(),
            handle: "あらし".into(),
            text: "…".into(),
            reason: ReportReason::Harassment,
            note: None,
        }
    }

    #[test]
    fn items_come_once_newest_first_and_go_when_dealt_with() {
        let mut desk = Desk::default();
        desk.report(report("a", "lounge"));
        desk.report(report("b", "games"));
        desk.report(report("a", "lounge"));
        assert_eq!(desk.reports.len(), 2);
        assert_eq!(desk.reports[0].report_id, "b");
        assert_eq!(
            desk.report_about("lounge", "7")
                .map(|r| r.report_id.as_str()),
            Some("a")
        );
        desk.resolved("b");
        let alert = AlertCard {
            room: "lounge".into(),
            message_id: "9".into(),
            reason: AlertReason::Crisis,
            rule: None,
        };
        desk.alert(alert.clone());
        desk.alert(alert);
        assert_eq!(desk.alerts.len(), 1);
        desk.forget_room("lounge");
        assert_eq!(desk, Desk::default());
    }
}
