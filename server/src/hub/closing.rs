//! The end of a room's sitting (the timetable's, or a facilitator opening the next one
//! early), and of a private room: members out with `closed`, everything said erased in the
//! store, once, whichever node comes first.

use ibasho_protocol::ServerMsg;

use super::Hub;
use crate::control::RoomControl;
use crate::outbox::{Outbound, encode};
use crate::refusal::Refusal;
use crate::store::{PRIVATE_PREFIX, StoreResult, swap_doc};

impl Hub {
    /// Tells the room's members on this node that its sitting ends at `closes_at`.
    pub fn announce_closing(&self, room_id: &str, closes_at: jiff::Timestamp) {
        if let Some(room) = self.find(room_id) {
            room.broadcast(&encode(&ServerMsg::Closing {
                room: room_id.to_owned(),
                closes_at,
            }));
        }
    }

    /// Ends the room's sitting that ended at `ended`: erases it in the store (once, whichever
    /// node comes first) and takes this node's members out with a `closed` frame — unless a
    /// facilitator kept it open: then nothing happens, and the answer is its new end. What a
    /// facilitator set for a later sitting (opened early) stays.
    pub async fn close_room(
        &self,
        room_id: &str,
        ended: jiff::Timestamp,
    ) -> StoreResult<Option<jiff::Timestamp>> {
        let Some(room) = self.find(room_id) else {
            return Ok(None);
        };
        let _one_control = room.control_lock.lock().await;
        let control = self.read_control(room_id).await?;
        if let Some((opens, closes)) = control.as_ref().and_then(RoomControl::window)
            && opens <= ended
            && ended < closes
        {
            self.keep_control(room_id, control);
            return Ok(Some(closes));
        }
        // The store first, outside the sequencer (the memory store may wait for room in
        // its feed, which the dispatcher empties only when it can take the sequencer); the
        // epoch tells who was in the sitting that ended.
        let epoch = self.store.close_room(room_id, ended).await?;
        {
            let _in_order = room.sequencer.lock().await;
            // Here at once; other nodes hear `Closed` from the store.
            room.close_sitting(&epoch);
        }
        // The sequencer is free again before the store may wait for its feed (the
        // dispatcher takes the sequencer to deliver).
        let later =
            control.filter(|control| control.planned.is_some_and(|(starts, _)| starts >= ended));
        if let Some(later) = &later {
            swap_doc(&*self.store, room_id, None, Some(later)).await?;
        }
        self.keep_control(room_id, later);
        Ok(None)
    }

    /// Ends the room's sitting now (a facilitator's `close`), as the timetable ends one:
    /// everyone out with `closed` on every node, everything said erased, sanctions and what
    /// a facilitator set gone. A scheduled room (`planned`: the sitting now) then stays
    /// closed until its next sitting; an always-open one starts afresh at once.
    pub async fn close_now(
        &self,
        room_id: &str,
        now: jiff::Timestamp,
        planned: Option<(jiff::Timestamp, jiff::Timestamp)>,
    ) -> Result<(), Refusal> {
        let room = self.room(room_id)?;
        let _one_control = room.control_lock.lock().await;
        let closed = planned.map(|planned| RoomControl {
            planned: Some(planned),
            closed_early: true,
            ..RoomControl::default()
        });
        // Closed before anyone is told, so that nobody walks straight back in: set before the
        // erasure (which takes every room document), and again after it.
        if let Some(closed) = &closed {
            let current = self.read_control(room_id).await?;
            swap_doc(&*self.store, room_id, current.as_ref(), Some(closed)).await?;
            self.keep_control(room_id, Some(closed.clone()));
        }
        let epoch = self.store.close_room(room_id, now).await?;
        if let Some(closed) = &closed {
            swap_doc(&*self.store, room_id, None, Some(closed)).await?;
        }
        self.keep_control(room_id, closed);
        let _in_order = room.sequencer.lock().await;
        room.close_sitting(&epoch);
        Ok(())
    }

    /// Closes the private rooms whose expiry has come (the timetable asks each tick).
    pub async fn close_expired_private(&self, now: jiff::Timestamp) -> StoreResult<()> {
        for id in self.store.expired_private_rooms(now).await? {
            if self.close_private(&id).await.is_err() {
                tracing::warn!("could not close an expired private room yet");
            }
        }
        Ok(())
    }

    /// Ends a private room: erased in the store (once, whichever node asks), and every
    /// member — here, and on other nodes through the store's `Gone` event — taken out with a
    /// `closed` frame. False if it was gone already.
    pub async fn close_private(&self, id: &str) -> Result<bool, Refusal> {
        // Never a catalogue room's hub, whatever id is asked for.
        if !id.starts_with(PRIVATE_PREFIX) {
            return Ok(false);
        }
        let closed = self.store.close_private_room(id).await?;
        self.take_out_of(id).await;
        Ok(closed)
    }

    /// Takes this node's members out of a private room that is gone, and forgets it. Under
    /// the room's sequencer, so that a join in flight is either taken out here or refused by
    /// the store (the room's record is gone).
    pub(super) async fn take_out_of(&self, id: &str) {
        let Some(room) = self
            .rooms
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(id)
        else {
            return;
        };
        let _in_order = room.sequencer.lock().await;
        self.controls().remove(id);
        let frame = encode(&ServerMsg::Closed {
            room: id.to_owned(),
        });
        for member in room.members().drain().map(|(_, member)| member) {
            member.outbox.push(Outbound::Text(frame.clone()));
        }
    }
}
