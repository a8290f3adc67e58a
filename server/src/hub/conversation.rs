//! Taking part, on this node: joining (history or exactly what was missed, then live from
//! the delivery mark), leaving, saying and reacting (stored; the store's feed brings them
//! back to deliver), retries, and attempts against shared allowances.

use std::time::Duration;

use ibasho_protocol::{ChatMessage, Position, Reaction, ServerMsg};

use super::Hub;
use super::room::Member;
use crate::outbox::Outbox;
use crate::refusal::Refusal;
use sha2::{Digest, Sha256};

use crate::store::{
    Appended, JoinRefusal, NewMessage, Reacted, Recipient, StoreResult, hex, member_key,
    session_key,
};
use crate::token::SessionToken;

/// The attempt allowances' window.
const ATTEMPT_WINDOW: Duration = Duration::from_secs(60);

impl Hub {
    /// If the session already said `client_id` in `room`, confirms it to `conn` again (a
    /// retry after a reconnect) and returns true: nothing new is said.
    pub async fn confirm_retry(
        &self,
        room: &str,
        token: &SessionToken,
        client_id: &str,
        conn: &Outbox,
    ) -> Result<bool, Refusal> {
        match self.store.find_duplicate(room, token, client_id).await? {
            Some(earlier) => {
                conn.send(&confirmation(earlier));
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Puts the session in a room and queues `joined` (with the history, or what was missed
    /// since `since`) to `conn`; joining a room one is in resends `joined`. Returns whether
    /// the session newly arrived.
    pub async fn join(
        &self,
        room_id: &str,
        token: &SessionToken,
        staff: bool,
        conn: &Outbox,
        since: Option<&Position>,
    ) -> Result<bool, Refusal> {
        let room = self.room(room_id)?;
        let _in_order = room.sequencer.lock().await;
        let joined = self
            .store
            .join(
                room_id,
                room.capacity,
                self.limits.history_len,
                token,
                since,
            )
            .await?
            .map_err(|refusal| match refusal {
                JoinRefusal::NoSuchRoom => Refusal::NoSuchRoom,
                JoinRefusal::Full => Refusal::RoomFull,
                JoinRefusal::HandleTaken => Refusal::HandleTaken,
                JoinRefusal::Removed => Refusal::Removed,
                // The session ended under us (its grace ran out): as good as not in the room.
                JoinRefusal::NoSession => Refusal::NotInRoom,
            })?;
        let delivered = joined.position.offset;
        let epoch = joined.position.epoch.clone();
        conn.send(&ServerMsg::Joined {
            room: room_id.to_owned(),
            history: joined.history,
            present: joined.present,
            position: joined.position,
            recovered: joined.recovered,
        });
        for change in &joined.changes {
            conn.send(&change.to_frame(room_id));
        }
        if room.facilitated {
            // Counted with the joiner in (a staff member opens the room by coming in).
            self.recount_staff(&room).await?;
        }
        if room.facilitated || self.control(room_id).is_some() {
            conn.send(&self.room_state(&room));
        }
        room.members().insert(
            conn.id(),
            Member {
                outbox: conn.clone(),
                key: member_key(token, room_id),
                epoch,
                delivered,
                staff,
            },
        );
        drop(_in_order);
        // After the member is in: a report filed (or an alert raised) meanwhile reaches it
        // live or here (the desk keeps each once).
        if staff {
            self.show_unresolved(room_id, conn).await?;
            // (The member is in: what follows is told if it can be, never a refusal.)
            if let Err(err) = self.show_alerts(room_id, conn).await {
                tracing::warn!(code = err.code().as_str(), "could not show the alerts");
            }
            if let Err(err) = self.show_muted(room_id, conn).await {
                tracing::warn!(code = err.code().as_str(), "could not show who is muted");
            }
        }
        if joined.arrived {
            self.presence_changed(room_id);
        }
        Ok(joined.arrived)
    }

    /// Takes the session out of a room in the store; the store's `Left` event then takes its
    /// connection out here and tells it (`left`), in order with the room's messages.
    pub async fn leave(&self, room_id: &str, token: &SessionToken) -> Result<(), Refusal> {
        self.room(room_id)?;
        if !self.store.leave(room_id, token).await? {
            return Err(Refusal::NotInRoom);
        }
        self.presence_changed(room_id);
        Ok(())
    }

    /// Takes the member whose handle is `handle` out of a room wherever it is connected (or
    /// is not: a session whose node died keeps its seat until it expires), telling its
    /// connections `farewell` just before `left`. False if nobody has that handle there.
    pub async fn take_out(
        &self,
        room_id: &str,
        handle: &str,
        farewell: &ServerMsg,
    ) -> Result<bool, Refusal> {
        let Some(target) = self.store.find_member(room_id, handle).await? else {
            return Ok(false);
        };
        let farewell = serde_json::to_string(farewell).map_err(|_| Refusal::Unavailable)?;
        let out = self.store.take_out(room_id, &target, &farewell).await?;
        if out {
            self.presence_changed(room_id);
        }
        Ok(out)
    }

    /// Stores a message (the store's feed brings it back to deliver to the room) and returns
    /// its id if it is new; a retried `client_id` is confirmed to the sender only.
    pub async fn say(&self, message: NewMessage, conn: &Outbox) -> Result<Option<String>, Refusal> {
        self.room(&message.room)?;
        match self.store.append(message, self.limits.history_len).await? {
            Appended::New(said) => Ok(Some(said.id)),
            Appended::Duplicate(earlier) => {
                conn.send(&confirmation(earlier));
                Ok(None)
            }
            Appended::NotMember => Err(Refusal::NotInRoom),
        }
    }

    /// Takes a message down everywhere (a facilitator's `delete`): every member, on every
    /// node, gets `deleted` from the store's feed.
    pub async fn delete_message(&self, room_id: &str, message_id: &str) -> Result<(), Refusal> {
        self.room(room_id)?;
        match self.store.delete_message(room_id, message_id).await? {
            Some(_) => Ok(()),
            None => Err(Refusal::NoSuchMessage),
        }
    }

    /// Tells the staff members in a room, on every node, and nobody else.
    pub async fn tell_staff(&self, room_id: &str, frame: &ServerMsg) -> Result<(), Refusal> {
        self.tell(room_id, &Recipient::Staff, frame).await
    }

    /// Tells some members of a room, on every node, and nobody else.
    pub(super) async fn tell(
        &self,
        room_id: &str,
        to: &Recipient,
        frame: &ServerMsg,
    ) -> Result<(), Refusal> {
        let json = serde_json::to_string(frame).map_err(|_| Refusal::Unavailable)?;
        self.store.tell(room_id, to, &json).await?;
        Ok(())
    }

    /// Slow mode: one `say` per `seconds` from the session in the room, on every node
    /// (`slow_mode` with the wait otherwise).
    pub async fn slow_mode(
        &self,
        room: &str,
        token: &SessionToken,
        seconds: u32,
    ) -> Result<(), Refusal> {
        let key = format!("slow:{}", member_key(token, room));
        let window = Duration::from_secs(u64::from(seconds));
        match self.store.attempt(&key, 1, window).await? {
            Ok(()) => Ok(()),
            Err(retry_after) => Err(Refusal::SlowMode { retry_after }),
        }
    }

    /// Counts the session's saying of the same words (`folded`, in matching form) in a
    /// minute, on every node: `repeated` past `max`. The key is one hash of the session and
    /// the words together, so it names neither (nor can it be joined to the session's other
    /// records), and it lasts a minute.
    pub async fn repetition(
        &self,
        token: &SessionToken,
        folded: &str,
        max: u32,
    ) -> Result<(), Refusal> {
        let said = Sha256::digest(format!("{}\n{folded}", session_key(token)).as_bytes());
        let key = format!("repeat:{}", hex(&said[..16]));
        match self.store.attempt(&key, max, ATTEMPT_WINDOW).await? {
            Ok(()) => Ok(()),
            Err(_) => Err(Refusal::Repeated),
        }
    }

    /// Toggles a quiet reaction and tells the room the message's new counts; true if it was
    /// given (false: a second press took it back).
    pub async fn react(
        &self,
        room_id: &str,
        token: &SessionToken,
        message_id: &str,
        reaction: Reaction,
    ) -> Result<bool, Refusal> {
        self.room(room_id)?;
        // Delivered from the store's feed, in the room's order: never before its message.
        match self
            .store
            .react(room_id, token, message_id, reaction)
            .await?
        {
            Reacted::Changed(_) => Ok(true),
            Reacted::TakenBack(_) => Ok(false),
            Reacted::NotMember => Err(Refusal::NotInRoom),
            Reacted::NoSuchMessage => Err(Refusal::NoSuchMessage),
        }
    }

    /// Counts an attempt against an allowance of `max` a minute shared by every node (entry
    /// words per room, staff sign-ins): `rate_limited` when it is spent.
    pub async fn attempt(&self, key: &str, max: u32) -> Result<(), Refusal> {
        match self.store.attempt(key, max, ATTEMPT_WINDOW).await? {
            Ok(()) => Ok(()),
            Err(retry_after) => Err(Refusal::RateLimited { retry_after }),
        }
    }

    /// People in a room now.
    pub async fn present(&self, room_id: &str) -> StoreResult<u32> {
        self.store.present(room_id).await
    }
}

/// What confirms a retry to its sender: the message as it was stored, or — if a facilitator
/// took it down since (a tombstone: no words) — its deletion, so the client drops it.
fn confirmation(earlier: ChatMessage) -> ServerMsg {
    if earlier.text.is_empty() {
        ServerMsg::Deleted {
            room: earlier.room,
            message_id: earlier.id,
            offset: earlier.offset,
        }
    } else {
        ServerMsg::Message(earlier)
    }
}
