//! Rooms in memory: membership, history, the stream of events, reactions, and the end of a
//! room's sitting.

use async_trait::async_trait;
use ibasho_protocol::{ChatMessage, Position, Reaction};

use super::{MemoryStore, Room, State};
use crate::store::{
    Appended, Deletion, JoinRefusal, JoinedRoom, NewMessage, PRIVATE_PREFIX, Present, Reacted,
    ReactionChange, RoomEvent, RoomStore, StoreEvent, StoreResult, member_key_of, session_key,
    split_events,
};
use crate::token::SessionToken;

/// How many recent `client_id`s a session remembers to make retries safe.
const DEDUP_WINDOW: usize = 32;

#[async_trait]
impl RoomStore for MemoryStore {
    async fn join(
        &self,
        room_id: &str,
        capacity: u32,
        history_len: usize,
        token: &SessionToken,
        since: Option<&Position>,
    ) -> StoreResult<Result<JoinedRoom, JoinRefusal>> {
        let sid = session_key(token);
        let mut state = self.lock();
        let State {
            sessions,
            rooms,
            private_rooms,
            ..
        } = &mut *state;
        // A private room exists while its record does: a closed one is never made again.
        if room_id.starts_with(PRIVATE_PREFIX) && !private_rooms.contains_key(room_id) {
            return Ok(Err(JoinRefusal::NoSuchRoom));
        }
        let Some(session) = sessions.get_mut(&sid) else {
            return Ok(Err(JoinRefusal::NoSession));
        };
        let room = rooms.entry(room_id.to_owned()).or_insert_with(Room::new);
        let arrived = !room.members.contains_key(&sid);
        // Taken out by a facilitator, still in force: stays out (checked in the admission,
        // so a join already on its way when the removal came is refused too).
        let removed = room
            .sanctions
            .get(&sid)
            .and_then(|sanctions| sanctions.removed_until)
            .is_some_and(|until| until > jiff::Timestamp::now());
        if arrived && removed {
            return Ok(Err(JoinRefusal::Removed));
        }
        if arrived {
            if room.members.len() >= capacity as usize {
                return Ok(Err(JoinRefusal::Full));
            }
            if room.members.values().any(|key| *key == session.handle_key) {
                return Ok(Err(JoinRefusal::HandleTaken));
            }
            room.members.insert(sid, session.handle_key.clone());
            session.rooms.insert(room_id.to_owned());
        }
        let present = u32::try_from(room.members.len()).unwrap_or(u32::MAX);
        if let Some(missed) = since.and_then(|since| room.events_since(since)) {
            let (history, changes) = split_events(missed);
            return Ok(Ok(JoinedRoom {
                present,
                arrived,
                history,
                changes,
                position: room.position(),
                recovered: true,
            }));
        }
        let skip = room.history.len().saturating_sub(history_len);
        Ok(Ok(JoinedRoom {
            present,
            arrived,
            history: room.history.iter().skip(skip).cloned().collect(),
            changes: Vec::new(),
            position: room.position(),
            recovered: false,
        }))
    }

    async fn leave(&self, room_id: &str, token: &SessionToken) -> StoreResult<bool> {
        Ok(self.leave_as(room_id, &session_key(token), None).await)
    }

    async fn present(&self, room_id: &str) -> StoreResult<u32> {
        let state = self.lock();
        Ok(state.rooms.get(room_id).map_or(0, |room| {
            u32::try_from(room.members.len()).unwrap_or(u32::MAX)
        }))
    }

    async fn members(&self, room_id: &str) -> StoreResult<Vec<Present>> {
        let state = self.lock();
        let mut members: Vec<Present> = state
            .rooms
            .get(room_id)
            .map(|room| {
                room.members
                    .keys()
                    .filter_map(|sid| state.sessions.get(sid))
                    .map(|session| Present {
                        handle: session.handle.clone(),
                        staff: session.profile.staff.is_some(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        members.sort();
        Ok(members)
    }

    async fn append(&self, message: NewMessage, history_len: usize) -> StoreResult<Appended> {
        let sid = session_key(&message.session);
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let State {
            sessions, rooms, ..
        } = &mut *state;
        let (Some(session), Some(room)) = (sessions.get_mut(&sid), rooms.get_mut(&message.room))
        else {
            return Ok(Appended::NotMember);
        };
        if !room.members.contains_key(&sid) {
            return Ok(Appended::NotMember);
        }
        if let Some(client_id) = &message.client_id
            && let Some(earlier) = session.said(&message.room, client_id)
        {
            return Ok(Appended::Duplicate(earlier.clone()));
        }
        room.offset += 1;
        let stored = ChatMessage {
            room: message.room,
            id: room.offset.to_string(),
            handle: session.handle.clone(),
            text: message.text,
            at: message.at,
            offset: room.offset,
            client_id: message.client_id,
            reactions: Default::default(),
        };
        room.history.push_back(stored.clone());
        room.record(RoomEvent::Message(stored.clone()), self.stream_len);
        slot.send(StoreEvent::Room {
            room: stored.room.clone(),
            epoch: room.epoch.clone(),
            event: RoomEvent::Message(stored.clone()),
        });
        while room.history.len() > history_len {
            if let Some(gone) = room.history.pop_front() {
                room.reactors.retain(|(id, _), _| *id != gone.id);
            }
        }
        if stored.client_id.is_some() {
            session.recent.push_back(stored.clone());
            if session.recent.len() > DEDUP_WINDOW {
                session.recent.pop_front();
            }
        }
        Ok(Appended::New(stored))
    }

    async fn message(&self, room: &str, message_id: &str) -> StoreResult<Option<ChatMessage>> {
        let state = self.lock();
        Ok(state
            .rooms
            .get(room)
            .and_then(|room| room.history.iter().find(|m| m.id == message_id))
            .cloned())
    }

    async fn find_duplicate(
        &self,
        room: &str,
        token: &SessionToken,
        client_id: &str,
    ) -> StoreResult<Option<ChatMessage>> {
        let state = self.lock();
        Ok(state
            .sessions
            .get(&session_key(token))
            .and_then(|session| session.said(room, client_id))
            .cloned())
    }

    async fn react(
        &self,
        room_id: &str,
        token: &SessionToken,
        message_id: &str,
        reaction: Reaction,
    ) -> StoreResult<Reacted> {
        let sid = session_key(token);
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let stream_len = self.stream_len;
        let Some(room) = state.rooms.get_mut(room_id) else {
            return Ok(Reacted::NotMember);
        };
        if !room.members.contains_key(&sid) {
            return Ok(Reacted::NotMember);
        }
        let Some(message) = room.history.iter_mut().find(|m| m.id == message_id) else {
            return Ok(Reacted::NoSuchMessage);
        };
        let who = room
            .reactors
            .entry((message_id.to_owned(), reaction))
            .or_default();
        let count = message.reactions.entry_or_insert_with(reaction, || 0);
        let taken_back = who.remove(&sid);
        if taken_back {
            *count = count.saturating_sub(1);
        } else {
            who.insert(sid);
            *count += 1;
        }
        if *count == 0 {
            message.reactions.remove(&reaction);
        }
        let counts = message.reactions.clone();
        room.reactors.retain(|_, who| !who.is_empty());
        room.offset += 1;
        let change = ReactionChange {
            message_id: message_id.to_owned(),
            counts,
            offset: room.offset,
        };
        room.record(RoomEvent::Reactions(change.clone()), stream_len);
        slot.send(StoreEvent::Room {
            room: room_id.to_owned(),
            epoch: room.epoch.clone(),
            event: RoomEvent::Reactions(change.clone()),
        });
        Ok(if taken_back {
            Reacted::TakenBack(change)
        } else {
            Reacted::Changed(change)
        })
    }

    async fn delete_message(&self, room_id: &str, message_id: &str) -> StoreResult<Option<u64>> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let stream_len = self.stream_len;
        let State {
            sessions, rooms, ..
        } = &mut *state;
        let Some(room) = rooms.get_mut(room_id) else {
            return Ok(None);
        };
        let in_history = room.history.iter().position(|m| m.id == message_id);
        let in_log = room
            .log
            .iter()
            .any(|event| matches!(event, RoomEvent::Message(message) if message.id == message_id));
        if in_history.is_none() && !in_log {
            return Ok(None);
        }
        if let Some(at) = in_history {
            room.history.remove(at);
        }
        room.reactors.retain(|(id, _), _| id != message_id);
        room.log.retain(
            |event| !matches!(event, RoomEvent::Message(message) if message.id == message_id),
        );
        // The sender's retry record keeps a tombstone: the message without its words.
        for session in sessions.values_mut() {
            for said in &mut session.recent {
                if said.room == room_id && said.id == message_id {
                    said.text.clear();
                    said.reactions = ibasho_protocol::ReactionCounts::new();
                }
            }
        }
        room.offset += 1;
        let deletion = RoomEvent::Deleted(Deletion {
            message_id: message_id.to_owned(),
            offset: room.offset,
        });
        room.record(deletion.clone(), stream_len);
        slot.send(StoreEvent::Room {
            room: room_id.to_owned(),
            epoch: room.epoch.clone(),
            event: deletion,
        });
        Ok(Some(room.offset))
    }

    async fn close_room(&self, room_id: &str, ended: jiff::Timestamp) -> StoreResult<String> {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let room = state
            .rooms
            .entry(room_id.to_owned())
            .or_insert_with(Room::new);
        if room.closed.is_some_and(|closed| closed >= ended) {
            return Ok(room.epoch.clone());
        }
        let ended_epoch = room.epoch.clone();
        let room = state.erase_room(room_id);
        room.closed = Some(ended);
        slot.send(StoreEvent::Closed {
            room: room_id.to_owned(),
            ended: ended_epoch,
        });
        Ok(room.epoch.clone())
    }
}

impl MemoryStore {
    /// Takes the session (by its key) out of the room; every node hears `Left`. Whether it
    /// was in.
    pub(super) async fn leave_as(&self, room_id: &str, sid: &str, farewell: Option<&str>) -> bool {
        let slot = self.feed.slot().await;
        let mut state = self.lock();
        let State {
            sessions, rooms, ..
        } = &mut *state;
        if let Some(session) = sessions.get_mut(sid) {
            session.rooms.remove(room_id);
        }
        let Some(room) = rooms.get_mut(room_id) else {
            return false;
        };
        room.forget_reactor(sid);
        let was = room.members.remove(sid).is_some();
        if was {
            slot.send(StoreEvent::Left {
                room: room_id.to_owned(),
                member: member_key_of(sid, room_id),
                farewell: farewell.map(str::to_owned),
            });
        }
        was
    }
}
