//! The facilitator's control of each room on this node: a copy of what the store holds,
//! read when it changes (here or, with a shared store, on any node), and told to the room's
//! members here as a `room_state` frame.

use std::collections::HashMap;
use std::sync::MutexGuard;

use std::sync::atomic::Ordering;

use ibasho_protocol::ServerMsg;

use super::Hub;
use super::room::RoomHub;
use crate::control::{NotNow, RoomControl};
use crate::outbox::encode;
use crate::refusal::Refusal;
use crate::store::{Present, StoreError, StoreResult, read_doc, swap_doc};

/// Attempts at changing a control that other nodes keep changing at the same moment.
const SWAP_ATTEMPTS: usize = 8;

impl Hub {
    pub(super) fn controls(&self) -> MutexGuard<'_, HashMap<String, RoomControl>> {
        self.controls
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What a facilitator set for the room, as this node last read it.
    pub fn control(&self, room: &str) -> Option<RoomControl> {
        self.controls().get(room).cloned()
    }

    /// The room's control as the store has it now.
    pub(super) async fn read_control(&self, room: &str) -> StoreResult<Option<RoomControl>> {
        read_doc(&*self.store, room).await
    }

    /// Reads the room's control from the store again; the members here hear of a change.
    pub async fn refresh_control(&self, room: &str) -> StoreResult<()> {
        let Some(hub) = self.find(room) else {
            return Ok(());
        };
        let _one_at_a_time = hub.control_lock.lock().await;
        let control = self.read_control(room).await?;
        self.keep_control(room, control);
        Ok(())
    }

    /// Ends a round whose facilitator is no longer in the room (they left, or their node
    /// died): nobody would give the floor on.
    pub async fn end_orphaned_round(&self, room: &str) -> Result<(), Refusal> {
        let Some(by) = self
            .control(room)
            .and_then(|control| control.round.map(|round| round.by))
        else {
            return Ok(());
        };
        if self.member_handles(room).await?.contains(&by) {
            return Ok(());
        }
        // Only that round: another facilitator may have started a new one meanwhile.
        let _ = self
            .update_control(room, |current| {
                let mut current = current.cloned().ok_or(NotNow)?;
                if current.round.as_ref().map(|round| &round.by) != Some(&by) {
                    return Err(NotNow);
                }
                current.round = None;
                Ok(current)
            })
            .await?;
        Ok(())
    }

    /// Keeps `control` as the room's, telling its members here if that is news.
    pub(super) fn keep_control(&self, room_id: &str, control: Option<RoomControl>) {
        {
            let mut controls = self.controls();
            if controls.get(room_id) == control.as_ref() {
                return;
            }
            match &control {
                Some(control) => controls.insert(room_id.to_owned(), control.clone()),
                None => controls.remove(room_id),
            };
        }
        if let Some(room) = self.find(room_id) {
            room.broadcast(&encode(
                &control
                    .unwrap_or_default()
                    .frame(room_id, room.unattended()),
            ));
        }
    }

    /// The room's state as its members here are told it (`room_state`).
    pub(super) fn room_state(&self, room: &RoomHub) -> ServerMsg {
        self.control(&room.id)
            .unwrap_or_default()
            .frame(&room.id, room.unattended())
    }

    /// Whether a staff member is in the room now (any node's), for a room that needs one.
    /// Counts again, and tells the members here if that changed.
    pub(super) async fn recount_staff(&self, room: &RoomHub) -> StoreResult<bool> {
        let attended = self
            .store
            .members(&room.id)
            .await?
            .iter()
            .any(|member| member.staff);
        if room.attended.swap(attended, Ordering::AcqRel) != attended {
            room.broadcast(&encode(&self.room_state(room)));
        }
        Ok(attended)
    }

    /// Whether a participant may write in the room as far as staff presence goes: always,
    /// unless the room needs a staff member and none is in it (asked of the store, not this
    /// node's count, which may be a moment behind).
    pub async fn unattended(&self, room_id: &str) -> Result<bool, Refusal> {
        let room = self.room(room_id)?;
        if !room.facilitated {
            return Ok(false);
        }
        Ok(!self.recount_staff(&room).await?)
    }

    /// The people in the room now (every node's), sorted by handle.
    pub async fn members(&self, room: &str) -> Result<Vec<Present>, Refusal> {
        Ok(self.store.members(room).await?)
    }

    /// The handles of the people in the room now (every node's), sorted.
    pub async fn member_handles(&self, room: &str) -> Result<Vec<String>, Refusal> {
        let members = self.members(room).await?;
        Ok(members.into_iter().map(|member| member.handle).collect())
    }

    /// Changes the room's control with `change` (given the current one, from the store), and
    /// tells the members. Retries when another node changed it at the same moment. A change
    /// that sets nothing any more removes the control.
    pub async fn update_control<E>(
        &self,
        room: &str,
        change: impl Fn(Option<&RoomControl>) -> Result<RoomControl, E>,
    ) -> Result<Result<(), E>, Refusal> {
        let hub = self.room(room)?;
        let _one_at_a_time = hub.control_lock.lock().await;
        for _ in 0..SWAP_ATTEMPTS {
            let current = self.read_control(room).await?;
            let new = match change(current.as_ref()) {
                Ok(new) => Some(new).filter(|new| !new.is_empty()),
                Err(refusal) => return Ok(Err(refusal)),
            };
            if swap_doc(&*self.store, room, current.as_ref(), new.as_ref()).await? {
                self.keep_control(room, new);
                return Ok(Ok(()));
            }
        }
        Err(StoreError::Unavailable("a room's control kept changing".to_owned()).into())
    }
}
