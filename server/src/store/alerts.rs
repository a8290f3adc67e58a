//! The alerts collection: messages automatic protection asked staff to look at (crisis
//! language, a flagged or trial rule), kept until a staff member dismisses them, so that
//! staff who come into the room later still get them. An alert names the message and its
//! writer's handle (staff need both to find it and to act), never its words. Alerts end with
//! the room's sitting (erased with everything said in it), or after [`ALERT_LIFETIME`] in a
//! room that never closes.

use async_trait::async_trait;
use ibasho_protocol::{AlertReason, ServerMsg};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::StoreResult;

/// The longest an alert is kept in a room that never closes (as a report is).
pub const ALERT_LIFETIME: std::time::Duration = super::reports::REPORT_LIFETIME;

/// An alert, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAlert {
    pub id: String,
    pub room: String,
    pub message_id: String,
    /// The writer's handle when it was said.
    pub handle: String,
    pub reason: AlertReason,
    /// The matching rule's reason code (`flagged`, `trial`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    pub at: Timestamp,
}

impl StaffAlert {
    /// A fresh, unguessable alert id.
    pub fn new_id() -> String {
        let bytes: [u8; 12] = rand::random();
        format!("a{}", super::hex(&bytes))
    }

    /// The frame staff get.
    pub fn frame(&self) -> ServerMsg {
        ServerMsg::Alert {
            room: self.room.clone(),
            message_id: self.message_id.clone(),
            reason: self.reason,
            rule: self.rule.clone(),
            alert_id: Some(self.id.clone()),
            handle: Some(self.handle.clone()),
            at: Some(self.at),
        }
    }
}

#[async_trait]
pub trait AlertStore: Send + Sync {
    /// Keeps an alert until it is dismissed, and tells every node
    /// ([`super::StoreEvent::AlertRaised`], by id: staff there read it from the store) —
    /// if its message is still in the room's history, by its writer; false (nothing kept)
    /// otherwise: the room's sitting ended meanwhile, and an alert must not outlive it.
    async fn raise_alert(&self, alert: &StaffAlert) -> StoreResult<bool>;

    /// The room's alerts not dismissed yet, oldest first.
    async fn unresolved_alerts(&self, room: &str) -> StoreResult<Vec<StaffAlert>>;

    /// Dismisses an alert (a staff member saw to it): the room it was in, or `None` if there
    /// is no such alert (dismissed before, or its room's sitting ended).
    async fn dismiss_alert(&self, id: &str) -> StoreResult<Option<String>>;
}
