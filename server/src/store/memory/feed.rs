//! What the memory store tells the hub, the way the Redis reader does: room events in each
//! room's offset order, presence and document changes, rooms gone. So the hub delivers one
//! way, whichever store it has.
//!
//! Order: an event is sent while the store's lock is held, on a slot of the bounded channel
//! reserved before taking it (a full channel makes the writer wait, never the lock, and never
//! drops an event). Nothing is sent before the hub takes the feed: a store used on its own
//! (the contract suite) keeps no queue.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::mpsc;

use crate::store::StoreEvent;

/// As deep as the Redis reader's channel.
pub(super) const DEPTH: usize = 4096;

#[derive(Debug)]
pub(super) struct Feed {
    sender: mpsc::Sender<StoreEvent>,
    receiver: Mutex<Option<mpsc::Receiver<StoreEvent>>>,
    taken: AtomicBool,
}

/// A reserved place for one event (nothing, when nobody listens).
pub(super) struct Slot<'a>(Option<mpsc::Permit<'a, StoreEvent>>);

impl Slot<'_> {
    pub(super) fn send(self, event: StoreEvent) {
        if let Some(permit) = self.0 {
            permit.send(event);
        }
    }
}

impl Feed {
    pub(super) fn new(depth: usize) -> Feed {
        let (sender, receiver) = mpsc::channel(depth.max(1));
        Feed {
            sender,
            receiver: Mutex::new(Some(receiver)),
            taken: AtomicBool::new(false),
        }
    }

    pub(super) fn take(&self) -> Option<mpsc::Receiver<StoreEvent>> {
        let receiver = self
            .receiver
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        self.taken.store(receiver.is_some(), Ordering::Release);
        receiver
    }

    /// Waits for a place for one event, before the store's lock is taken.
    pub(super) async fn slot(&self) -> Slot<'_> {
        if !self.taken.load(Ordering::Acquire) {
            return Slot(None);
        }
        // A hub that is gone (shutdown) takes no more events.
        Slot(self.sender.reserve().await.ok())
    }
}
