//! The facilitator's desk: alerts about messages (flagged, trial, crisis) and reports from
//! participants, newest first, until staff deal with them; who is muted in each room; what
//! became of the escalations this staff member made; and the last thing they did, with its
//! undo. A pure reducer over the frames of this area (`alert`, `alert_dismissed`, `report`,
//! `muted`, `escalation_status`); the staff panel shows it.

use crate::small::Map;

use ibasho_protocol::{AlertReason, EscalationStatus, MutedMember, ReportReason, ServerMsg};

/// The most items kept: an old alert scrolls out rather than the page growing for ever.
pub const MAX_ITEMS: usize = 50;

/// An alert about a message in a room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertCard {
    /// The server's id, to dismiss it for every desk (absent from an older server).
    pub id: Option<String>,
    pub room: String,
    pub message_id: String,
    /// Who wrote the message.
    pub handle: Option<String>,
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

/// What a staff member just did to someone, said back to them (with an undo for a mute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    Deleted { room: String },
    Muted { room: String, handle: String },
    Unmuted { room: String, handle: String },
    Removed { room: String, handle: String },
}

impl Done {
    pub fn room(&self) -> &str {
        match self {
            Done::Deleted { room }
            | Done::Muted { room, .. }
            | Done::Unmuted { room, .. }
            | Done::Removed { room, .. } => room,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Desk {
    pub alerts: Vec<AlertCard>,
    pub reports: Vec<ReportCard>,
    /// Who is muted in each room, as the server last said.
    pub muted: Map<String, Vec<MutedMember>>,
    pub done: Option<Done>,
    /// The escalations this staff member made: id → (handle, status).
    pub escalations: Map<String, (Option<String>, EscalationStatus)>,
}

impl Desk {
    /// A frame of this area (the router sends only those). The desk's views follow the
    /// state; nothing else is asked of the page.
    pub fn on_frame(&mut self, frame: ServerMsg) {
        match frame {
            ServerMsg::Alert {
                room,
                message_id,
                reason,
                rule,
                alert_id,
                handle,
                ..
            } => self.alert(AlertCard {
                id: alert_id,
                room,
                message_id,
                handle,
                reason,
                rule,
            }),
            ServerMsg::AlertDismissed { alert_id, .. } => self.alert_dismissed(&alert_id),
            ServerMsg::Muted { room, members } => self.set_muted(&room, members),
            ServerMsg::Report {
                report_id,
                room,
                message_id,
                handle,
                text,
                reason,
                note,
                ..
            } => self.report(ReportCard {
                report_id,
                room,
                message_id,
                handle,
                text,
                reason,
                note,
            }),
            ServerMsg::EscalationStatus {
                escalation_id,
                status,
                handle,
                ..
            } => {
                let known = self
                    .escalations
                    .get(&escalation_id)
                    .and_then(|(known, _)| known.clone());
                self.escalations
                    .insert(escalation_id, (handle.or(known), status));
            }
            _ => {}
        }
    }

    /// An alert (again, when staff come into a room with it not dismissed: kept once).
    pub fn alert(&mut self, alert: AlertCard) {
        let known = self.alerts.iter().any(|a| match (&a.id, &alert.id) {
            (Some(known), Some(new)) => known == new,
            _ => *a == alert,
        });
        if !known {
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

    /// An alert seen to (here, or by another staff member: `alert_dismissed`).
    pub fn dismiss_alert(&mut self, room: &str, message_id: &str) {
        self.alerts
            .retain(|a| !(a.room == room && a.message_id == message_id));
    }

    /// An alert dismissed by id (by anyone, on any desk).
    pub fn alert_dismissed(&mut self, alert_id: &str) {
        self.alerts.retain(|a| a.id.as_deref() != Some(alert_id));
    }

    /// Who is muted in a room now.
    pub fn set_muted(&mut self, room: &str, members: Vec<MutedMember>) {
        if members.is_empty() {
            self.muted.remove(room);
        } else {
            self.muted.insert(room.to_owned(), members);
        }
    }

    /// The room's session ended (or staff left it): its items go.
    pub fn forget_room(&mut self, room: &str) {
        self.alerts.retain(|a| a.room != room);
        self.reports.retain(|r| r.room != room);
        self.muted.remove(room);
        if self.done.as_ref().is_some_and(|done| done.room() == room) {
            self.done = None;
        }
    }

    /// The report about a message, if there is one (the message menu shows its details).
    pub fn report_about(&self, room: &str, message_id: &str) -> Option<&ReportCard> {
        self.reports
            .iter()
            .find(|r| r.room == room && r.message_id == message_id)
    }

    /// How many items wait in a room (for the desk's heading).
    pub fn waiting_in(&self, room: &str) -> usize {
        self.alerts.iter().filter(|a| a.room == room).count()
            + self.reports.iter().filter(|r| r.room == room).count()
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

    fn alert(id: &str, room: &str) -> AlertCard {
        AlertCard {
            id: Some(id.into()),
            room: room.into(),
            message_id: "9".into(),
            handle: Some("かぜ".into()),
            reason: AlertReason::Crisis,
            rule: None,
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
        desk.alert(alert("x1", "lounge"));
        desk.alert(alert("x1", "lounge"));
        assert_eq!(desk.alerts.len(), 1, "shown again on coming in: kept once");
        assert_eq!(desk.waiting_in("lounge"), 2);
        desk.forget_room("lounge");
        assert_eq!(desk, Desk::default());
    }

    #[test]
    fn an_escalations_status_keeps_the_handle_it_was_first_told() {
        let mut desk = Desk::default();
        let status = |status, handle: Option<&str>| ServerMsg::EscalationStatus {
            escalation_id: "e1".into(),
            status,
            room: None,
            handle: handle.map(str::to_owned),
        };
        desk.on_frame(status(EscalationStatus::Asked, Some("みどり")));
        desk.on_frame(status(EscalationStatus::Queued, None));
        assert_eq!(
            desk.escalations.get("e1").unwrap(),
            &(Some("みどり".to_owned()), EscalationStatus::Queued)
        );
    }

    #[test]
    fn an_alert_another_desk_dismissed_leaves_this_one_and_the_muted_list_follows_the_server() {
        let mut desk = Desk::default();
        desk.alert(alert("x1", "lounge"));
        desk.alert(alert("x2", "lounge"));
        desk.alert_dismissed("x1");
        assert_eq!(desk.alerts.len(), 1);
        assert_eq!(desk.alerts[0].id.as_deref(), Some("x2"));
        let member = MutedMember {
            handle: "かぜ".into(),
            until: jiff::Timestamp::UNIX_EPOCH,
        };
        desk.set_muted("lounge", vec![member]);
        assert_eq!(desk.muted.get("lounge").unwrap().len(), 1);
        desk.done = Some(Done::Muted {
            room: "lounge".into(),
            handle: "かぜ".into(),
        });
        desk.set_muted("lounge", Vec::new());
        assert!(desk.muted.is_empty());
        desk.forget_room("lounge");
        assert_eq!(desk.done, None);
    }
}
