//! A facilitator's sanctions on one person in a room, on every node: a mute (with its end),
//! its lifting, and a removal (out now, refused at the door until the room's sitting or the
//! person's session ends, or `Limits::removal` runs out). Only the person concerned is told;
//! nobody else hears of it.

use ibasho_protocol::{MutedMember, SanctionKind, ServerMsg};
use jiff::Timestamp;

use super::Hub;
use crate::outbox::{Outbox, encode};
use crate::refusal::Refusal;
use crate::store::{Recipient, Sanctions, Store, StoreResult, Target, member_key_of};
use crate::token::SessionToken;

impl Hub {
    /// The session's sanctions in the room that are in force at `now`.
    pub async fn sanctions(
        &self,
        room: &str,
        token: &SessionToken,
        now: Timestamp,
    ) -> Result<Option<Sanctions>, Refusal> {
        Ok(self.store.sanctions(room, token).await?.at(now))
    }

    /// The member of the room with `handle`: `not_in_room` if nobody is, `forbidden` for a
    /// staff member (staff do not sanction each other here).
    async fn target(&self, room: &str, handle: &str) -> Result<Target, Refusal> {
        self.room(room)?;
        let target = self
            .store
            .find_member(room, handle)
            .await?
            .ok_or(Refusal::NotInRoom)?;
        if target.staff {
            return Err(Refusal::Forbidden);
        }
        Ok(target)
    }

    /// Tells the target alone, on whichever node it is connected.
    async fn tell_target(
        &self,
        room: &str,
        target: &Target,
        kind: SanctionKind,
        until: Option<Timestamp>,
    ) -> Result<(), Refusal> {
        let to = Recipient::Member(member_key_of(&target.session, room));
        let frame = ServerMsg::Sanction {
            room: room.to_owned(),
            kind,
            until,
        };
        self.tell(room, &to, &frame).await
    }

    /// Mutes `handle` in the room until `until`.
    pub async fn mute(&self, room: &str, handle: &str, until: Timestamp) -> Result<(), Refusal> {
        let target = self.target(room, handle).await?;
        let sanctions = Sanctions {
            muted_until: Some(until),
            removed_until: None,
        };
        self.store
            .set_sanctions(room, &target, Some(sanctions))
            .await?;
        self.tell_target(room, &target, SanctionKind::Muted, Some(until))
            .await
    }

    /// Lifts the mute of `handle` in the room.
    pub async fn unmute(&self, room: &str, handle: &str) -> Result<(), Refusal> {
        let target = self.target(room, handle).await?;
        self.store.set_sanctions(room, &target, None).await?;
        self.tell_target(room, &target, SanctionKind::Unmuted, None)
            .await
    }

    /// Who is muted in the room now, and until when (for its staff alone): read from the
    /// store, so that no handle travels on the bus.
    async fn muted_frame(store: &dyn Store, room: &str, now: Timestamp) -> StoreResult<ServerMsg> {
        let members = store
            .muted(room)
            .await?
            .into_iter()
            .filter_map(|(handle, sanctions)| {
                let until = sanctions.at(now)?.muted_until?;
                Some(MutedMember { handle, until })
            })
            .collect();
        Ok(ServerMsg::Muted {
            room: room.to_owned(),
            members,
        })
    }

    /// Sends a staff member who comes into the room who is muted there now.
    pub(super) async fn show_muted(&self, room: &str, conn: &Outbox) -> Result<(), Refusal> {
        conn.send(&Self::muted_frame(&*self.store, room, self.clock.now()).await?);
        Ok(())
    }

    /// Someone's sanctions in the room changed (on any node): its staff here hear who is
    /// muted again.
    pub(super) fn sanctions_changed(self: &std::sync::Arc<Self>, room: String) {
        let Some(hub) = self.find(&room) else {
            return;
        };
        let (store, now) = (std::sync::Arc::clone(&self.store), self.clock.now());
        tokio::spawn(async move {
            match Self::muted_frame(&*store, &room, now).await {
                Ok(frame) => hub.tell(&Recipient::Staff, &encode(&frame)),
                Err(err) => tracing::warn!(error = %err, "could not read who is muted"),
            }
        });
    }

    /// Takes `handle` out of the room; it may not come back in before `until` (or the end of
    /// the room's sitting, which erases every sanction).
    pub async fn remove(&self, room: &str, handle: &str, until: Timestamp) -> Result<(), Refusal> {
        let target = self.target(room, handle).await?;
        let sanctions = Sanctions {
            muted_until: None,
            removed_until: Some(until),
        };
        self.store
            .set_sanctions(room, &target, Some(sanctions))
            .await?;
        // Told as it goes, in the same event, so that it hears why on whichever node.
        let farewell = ServerMsg::Sanction {
            room: room.to_owned(),
            kind: SanctionKind::Removed,
            until: None,
        };
        let farewell = serde_json::to_string(&farewell).map_err(|_| Refusal::Unavailable)?;
        if self.store.take_out(room, &target, &farewell).await? {
            self.presence_changed(room);
        }
        Ok(())
    }
}
