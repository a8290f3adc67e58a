//! How many people are in a room, told to its members here — at most once per presence
//! interval, and on every node through the store.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use ibasho_protocol::ServerMsg;
use tokio::sync::mpsc;

use super::Hub;
use crate::outbox::encode;

impl Hub {
    /// From now on, every count of a room's people this node reads goes to `to` (a count
    /// that finds the queue full is dropped: the next one will say as much).
    pub fn forward_counts(&self, to: mpsc::Sender<(String, u32)>) {
        *self
            .counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(to);
    }

    fn counted(&self, room: &str, present: u32) {
        let counts = self
            .counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(to) = counts.as_ref() {
            let _ = to.try_send((room.to_owned(), present));
        }
    }

    /// Notes that a room's count changed, through the store's feed (on every node).
    pub(super) fn presence_changed(&self, room_id: &str) {
        let store = Arc::clone(&self.store);
        let room = room_id.to_owned();
        tokio::spawn(async move {
            if let Err(err) = store.presence_changed(&room).await {
                tracing::warn!(error = %err, "could not tell other nodes of a presence change");
            }
        });
    }

    /// Sends the room's count to its members here. Counts are sent at most once per presence
    /// interval: a room of 1,000 filling up gets a few updates per second, not half a million
    /// frames.
    pub(super) fn refresh_presence(self: &Arc<Self>, room_id: &str) {
        let Some(room) = self.find(room_id) else {
            return;
        };
        if room.presence_pending.swap(true, Ordering::AcqRel) {
            return;
        }
        let hub = Arc::clone(self);
        let store = Arc::clone(&self.store);
        let interval: Duration = self.limits.presence_interval;
        let shutdown = self.shutdown.clone();
        tokio::spawn(async move {
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                () = shutdown.cancelled() => return,
            }
            // Cleared before reading, so a change after the read schedules another update.
            room.presence_pending.store(false, Ordering::Release);
            match store.present(&room.id).await {
                Ok(present) => {
                    room.broadcast(&encode(&ServerMsg::Presence {
                        room: room.id.clone(),
                        present,
                    }));
                    hub.counted(&room.id, present);
                }
                Err(err) => tracing::warn!(error = %err, "could not count presence"),
            }
            // A room that needs staff opens for talking when one comes in, and closes again
            // when the last one leaves.
            if room.facilitated
                && let Err(err) = hub.recount_staff(&room).await
            {
                tracing::warn!(error = %err, "could not count staff");
            }
        });
    }
}
