//! The safety area, as the client keeps it: who this person chose to hide on this device
//! (nothing is sent; never kept past the tab), and what the frames about their reports
//! mean — received, and the outcome told once.

use crate::small::Set;

use ibasho_protocol::{ReportOutcome, ServerMsg};

/// What this tab keeps for the person's safety.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Safety {
    /// Handles whose messages this tab does not show.
    pub hidden: Set<String>,
}

/// What a frame of this area asks of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafetyTold {
    None,
    /// The report reached the room's staff.
    ReportReceived,
    /// What staff did about a report, told once.
    Outcome(ReportOutcome),
}

impl Safety {
    /// A frame of this area (the router sends only those). Reports change nothing kept here:
    /// the page only says what happened.
    pub fn told(frame: &ServerMsg) -> SafetyTold {
        match frame {
            ServerMsg::ReportReceived { .. } => SafetyTold::ReportReceived,
            ServerMsg::ReportOutcome { outcome, .. } => SafetyTold::Outcome(*outcome),
            _ => SafetyTold::None,
        }
    }

    /// Hides someone on this device, or shows them again.
    pub fn toggle_hidden(&mut self, handle: &str) {
        if !self.hidden.remove(handle) {
            self.hidden.insert(handle.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_told_and_hiding_toggles() {
        assert_eq!(
            Safety::told(&ServerMsg::ReportOutcome {
                report_id: "r1".into(),
                outcome: ReportOutcome::NoAction,
            }),
            SafetyTold::Outcome(ReportOutcome::NoAction)
        );
        let mut safety = Safety::default();
        safety.toggle_hidden("あらし");
        assert!(safety.hidden.contains("あらし"));
        safety.toggle_hidden("あらし");
        assert!(safety.hidden.is_empty());
    }
}
