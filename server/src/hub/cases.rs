//! What the counselor desk (`counsel`) needs of this node's hub: the store's escalation
//! events and the end of sessions, forwarded to it; this node's sessions, to deliver to.
//! The hub keeps no escalation state of its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Where the hub forwards what the desk hears: a bounded queue, so that the hub never waits
/// on the desk and a stalled desk cannot grow this node's memory. When the queue is full the
/// event is dropped and `overflowed` set: the desk then looks at everything again (its
/// leases cover what a lost event would have said).
#[derive(Debug, Clone)]
pub struct CaseFeed {
    pub events: mpsc::Sender<CaseEvent>,
    pub overflowed: Arc<AtomicBool>,
}

impl Hub {
    /// From now on, escalation events and the end of sessions go to `to`.
    pub fn forward_cases(&self, to: CaseFeed) {
        *self
            .cases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(to);
    }

    pub(super) fn case_event(&self, event: CaseEvent) {
        let cases = self
            .cases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(to) = cases.as_ref() else { return };
        match to.events.try_send(event) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(_)) => {
                if !to.overflowed.swap(true, Ordering::AcqRel) {
                    tracing::warn!(
                        "the counselor desk fell behind; it will look at everything again"
                    );
                }
            }
            // The desk stopped (shutdown): nobody to tell.
            Err(mpsc::error::TrySendError::Closed(_)) => {}
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

    /// The staff sessions this node holds, with their handles: what the desk tells staff
    /// is looked up for these only, not for every person here (thousands, after a restart).
    pub fn local_staff_sessions(&self) -> Vec<(SessionToken, String)> {
        self.sessions()
            .iter()
            .filter_map(|(token, local)| Some((token.clone(), local.staff.clone()?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use tokio_util::sync::CancellationToken;

    use super::*;
    use crate::catalogue::Catalogue;
    use crate::settings::Limits;
    use crate::store::{MemoryStore, Store};

    /// The hub never waits on the desk: past the queue's depth an event is dropped and the
    /// desk told to look at everything again; once it has, it is told again next time.
    #[tokio::test]
    async fn a_full_queue_to_the_desk_drops_and_says_so_instead_of_waiting() {
        let store: Arc<dyn Store> = Arc::new(MemoryStore::default());
        let catalogue = Catalogue::parse(
            r#"room = [{ id = "lounge", title = "ラウンジ", description = "いつでも", kind = "themed", capacity = 10, open = "always" }]"#,
            "test",
        )
        .unwrap();
        let hub = Hub::start(
            store,
            &catalogue,
            Limits::default(),
            Arc::new(crate::clock::SystemClock),
            CancellationToken::new(),
        );
        let (events, mut desk) = mpsc::channel(2);
        let overflowed = Arc::new(AtomicBool::new(false));
        hub.forward_cases(CaseFeed {
            events,
            overflowed: Arc::clone(&overflowed),
        });
        for _ in 0..2 {
            hub.case_event(CaseEvent::Store(StoreEvent::Duty));
        }
        assert!(!overflowed.load(Ordering::Acquire));
        hub.case_event(CaseEvent::Store(StoreEvent::Duty));
        assert!(overflowed.swap(false, Ordering::AcqRel), "the desk is told");
        assert!(matches!(
            desk.try_recv(),
            Ok(CaseEvent::Store(StoreEvent::Duty))
        ));
        assert!(desk.try_recv().is_ok());
        assert!(
            desk.try_recv().is_err(),
            "the third was dropped, not queued"
        );
        hub.case_event(CaseEvent::Store(StoreEvent::Duty));
        assert!(!overflowed.load(Ordering::Acquire), "room again: delivered");
        drop(desk);
        // A desk that stopped is no overflow.
        hub.case_event(CaseEvent::Store(StoreEvent::Duty));
        assert!(!overflowed.load(Ordering::Acquire));
    }
}
