//! One room on this node: its members here (each with its delivery mark), the sequencer
//! that orders a joiner's history against live delivery, and delivery that never waits.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::ws::Utf8Bytes;

use ibasho_protocol::ServerMsg;

use crate::outbox::{Outbound, Outbox, encode};
use crate::store::Recipient;

/// A connection in a room on this node.
#[derive(Debug)]
pub(super) struct Member {
    pub(super) outbox: Outbox,
    /// Its session's place in the room (`store::member_key`): what `Left` names.
    pub(super) key: String,
    /// The epoch of the room's stream it joined in, and the offset of the last event it has
    /// (in its `joined`, or delivered since): its delivery mark.
    pub(super) epoch: String,
    pub(super) delivered: u64,
    /// A staff member: alerts about the room's messages reach them, and nobody else.
    pub(super) staff: bool,
}

/// One room on this node.
#[derive(Debug)]
pub(super) struct RoomHub {
    pub(super) id: String,
    pub(super) capacity: u32,
    pub(super) sequencer: tokio::sync::Mutex<()>,
    pub(super) members: Mutex<HashMap<u64, Member>>,
    pub(super) presence_pending: AtomicBool,
    /// Held while this node reads or changes the room's control, so that an older read
    /// never overwrites a newer change in this node's copy.
    pub(super) control_lock: tokio::sync::Mutex<()>,
    /// Listen-only while no staff member is in it (catalogue `facilitated`).
    pub(super) facilitated: bool,
    /// Whether a staff member was in it when this node last counted (any node's).
    pub(super) attended: AtomicBool,
}

impl RoomHub {
    pub(super) fn new(id: &str, capacity: u32, facilitated: bool) -> Arc<RoomHub> {
        Arc::new(RoomHub {
            id: id.to_owned(),
            capacity,
            facilitated,
            attended: AtomicBool::new(false),
            sequencer: tokio::sync::Mutex::new(()),
            members: Mutex::new(HashMap::new()),
            presence_pending: AtomicBool::new(false),
            control_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// Listen-only because no staff member is in a room that needs one.
    pub(super) fn unattended(&self) -> bool {
        self.facilitated && !self.attended.load(std::sync::atomic::Ordering::Acquire)
    }

    pub(super) fn members(&self) -> MutexGuard<'_, HashMap<u64, Member>> {
        self.members
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes out the members here of an epoch before `epoch` (the room's new one) with a
    /// `closed` frame: the sitting they were in is over. Members of the new epoch came in
    /// after the close (a sitting opened early). Called under the sequencer.
    pub(super) fn close_sitting(&self, epoch: &str) {
        let frame = encode(&ServerMsg::Closed {
            room: self.id.clone(),
        });
        self.members().retain(|_, member| {
            if member.epoch == epoch {
                return true;
            }
            member.outbox.push(Outbound::Text(frame.clone()));
            false
        });
    }

    /// Takes out the members here who joined in `ended` (an epoch that is over) with a
    /// `closed` frame. Called under the sequencer.
    pub(super) fn end_epoch(&self, ended: &str) {
        let frame = encode(&ServerMsg::Closed {
            room: self.id.clone(),
        });
        self.members().retain(|_, member| {
            if member.epoch != ended {
                return true;
            }
            member.outbox.push(Outbound::Text(frame.clone()));
            false
        });
    }

    /// Queues one serialized frame to every member on this node, without waiting on any.
    pub(super) fn broadcast(&self, frame: &Utf8Bytes) {
        for member in self.members().values() {
            member.outbox.push(Outbound::Text(frame.clone()));
        }
    }

    /// Queues one serialized frame to some of the members on this node: the staff, or the
    /// connections of one member.
    pub(super) fn tell(&self, to: &Recipient, frame: &Utf8Bytes) {
        for member in self.members().values() {
            let meant = match to {
                Recipient::Staff => member.staff,
                Recipient::Member(key) => member.key == *key,
            };
            if meant {
                member.outbox.push(Outbound::Text(frame.clone()));
            }
        }
    }

    /// Queues a room event to every member of its epoch that does not have it yet; how many
    /// it went to.
    pub(super) fn deliver(&self, epoch: &str, offset: u64, frame: &Utf8Bytes) -> u64 {
        let mut delivered = 0;
        for member in self.members().values_mut() {
            if member.epoch == epoch && offset > member.delivered {
                member.delivered = offset;
                member.outbox.push(Outbound::Text(frame.clone()));
                delivered += 1;
            }
        }
        delivered
    }
}

#[cfg(test)]
mod tests {
    use tokio_util::sync::CancellationToken;

    use super::*;
    use crate::outbox::{Hangup, OutboxReceiver};

    fn member(room: &RoomHub, id: u64, epoch: &str, delivered: u64) -> OutboxReceiver {
        let hangup = Arc::new(Hangup::new(&CancellationToken::new()));
        let (outbox, rx) = Outbox::channel(id, 16, 1 << 16, hangup);
        let member = Member {
            outbox,
            key: format!("k{id}"),
            epoch: epoch.to_owned(),
            delivered,
            staff: false,
        };
        room.members().insert(id, member);
        rx
    }

    fn received(rx: &mut OutboxReceiver) -> Vec<String> {
        std::iter::from_fn(|| rx.try_recv())
            .map(|frame| match frame {
                Outbound::Text(text) => text.as_str().to_owned(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn each_member_gets_each_event_of_its_epoch_once_after_its_mark() {
        let room = RoomHub::new("r", 10, false);
        // Joined with history up to 3; joined with history up to 5; joined another epoch.
        let mut early = member(&room, 1, "e1", 3);
        let mut late = member(&room, 2, "e1", 5);
        let mut other = member(&room, 3, "e0", 0);
        for offset in 4..=6 {
            room.deliver("e1", offset, &Utf8Bytes::from(offset.to_string()));
        }
        // The same event again (a reader resuming) reaches nobody twice.
        room.deliver("e1", 6, &Utf8Bytes::from("6"));
        assert_eq!(received(&mut early), ["4", "5", "6"]);
        assert_eq!(received(&mut late), ["6"]);
        assert!(received(&mut other).is_empty());
        room.broadcast(&Utf8Bytes::from("closing"));
        assert_eq!(received(&mut other), ["closing"]);
    }
}
