//! What the counselor desk (`counsel`) needs of this node's hub: the store's escalation
//! events and the end of sessions, forwarded to it; this node's sessions, to deliver to.
//! The hub keeps no escalation state of its own.

use tokio::sync::mpsc;

use super::Hub;
use crate::outbox::Outbox;
use crate::store::StoreEvent;
use crate::token::SessionToken;

/// What the desk hears from the hub.
#[derive(Debug)]
pub enum CaseEvent {
    /// The store's `Escalation`, `Duty`, `Bound` or `Health` events.
    Store(StoreEvent),
    /// A session on this node ended (its staff handle, for a staff session).
    SessionEnded {
        token: SessionToken,
        staff: Option<String>,
    },
}

impl Hub {
    /// From now on, escalation events and the end of sessions go to `to`.
    pub fn forward_cases(&self, to: mpsc::UnboundedSender<CaseEvent>) {
        *self
            .cases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(to);
    }

    pub(super) fn case_event(&self, event: CaseEvent) {
        if let Some(to) = self
            .cases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
        {
            let _ = to.send(event);
        }
    }

    /// The connection that holds the session now, if it is connected here.
    pub fn connection(&self, token: &SessionToken) -> Option<Outbox> {
        self.sessions()
            .get(token)
            .and_then(|local| local.conn.clone())
    }

    /// Whether this node holds the session (connected, or waiting for a resume).
    pub fn holds(&self, token: &SessionToken) -> bool {
        self.sessions().contains_key(token)
    }

    /// This node's sessions, with the staff handle of staff sessions.
    pub fn local_sessions(&self) -> Vec<(SessionToken, Option<String>)> {
        self.sessions()
            .iter()
            .map(|(token, local)| (token.clone(), local.staff.clone()))
            .collect()
    }
}
