//! The embedded default store: everything in this process's memory, nothing on disk. When the
//! process ends, every word said here is gone.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use ibasho_moderation::Handle;
use ibasho_protocol::{ChatMessage, Position, Reaction};

use super::{
    Appended, Attachment, JoinRefusal, JoinedRoom, NewMessage, NewSession, Profile, Reacted,
    ReactionChange, RoomEvent, STREAM_LEN, SessionRecord, Store, StoreResult, new_epoch,
};
use crate::control::RoomControl;
use crate::token::SessionToken;

/// How many recent `client_id`s a session remembers to make retries safe.
const DEDUP_WINDOW: usize = 32;

/// The in-memory store. One mutex: every operation is short and never awaits while holding it.
#[derive(Debug)]
pub struct MemoryStore {
    state: Mutex<State>,
    /// How many events each room's stream keeps for recovery.
    stream_len: usize,
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore::with_stream_len(STREAM_LEN)
    }
}

#[derive(Debug, Default)]
struct State {
    sessions: HashMap<SessionToken, Session>,
    /// Handle keys of live sessions, counted: two sessions may share a requested handle as
    /// long as they are never in the same room.
    handles: HashMap<String, u32>,
    rooms: HashMap<String, Room>,
    /// Attempt counters: when each window started, and the attempts in it.
    attempts: HashMap<String, (std::time::Instant, u32)>,
}

#[derive(Debug)]
struct Session {
    handle: String,
    key: String,
    profile: Profile,
    rooms: BTreeSet<String>,
    /// The current attachment (see [`Attachment`]).
    attachment: Attachment,
    /// True while no connection is attached.
    detached: bool,
    /// Recent messages that had a `client_id`, for retries (room and id are in the message).
    recent: VecDeque<ChatMessage>,
}

impl Session {
    fn said(&self, room: &str, client_id: &str) -> Option<&ChatMessage> {
        self.recent
            .iter()
            .find(|m| m.room == room && m.client_id.as_deref() == Some(client_id))
    }
}

#[derive(Debug)]
struct Room {
    /// Members and their handle keys.
    members: HashMap<SessionToken, String>,
    history: VecDeque<ChatMessage>,
    /// The stream: its epoch (new with each process), the last offset, and its recent events.
    epoch: String,
    offset: u64,
    log: VecDeque<RoomEvent>,
    /// Who gave which reaction to which message (by message id), so a second press takes it
    /// back. Entries go with their message and with the session.
    reactors: HashMap<(String, Reaction), HashSet<SessionToken>>,
    /// The end of the last session closed (so closing is done once, whoever asks).
    closed: Option<jiff::Timestamp>,
    /// What a facilitator set for the session (gone with it: see `close_room`).
    control: Option<RoomControl>,
}

impl Room {
    fn new() -> Room {
        Room {
            members: HashMap::new(),
            history: VecDeque::new(),
            epoch: new_epoch(),
            offset: 0,
            log: VecDeque::new(),
            reactors: HashMap::new(),
            closed: None,
            control: None,
        }
    }

    fn position(&self) -> Position {
        Position {
            epoch: self.epoch.clone(),
            offset: self.offset,
        }
    }

    /// Gives the next offset to an event and keeps it in the stream.
    fn record(&mut self, event: RoomEvent, stream_len: usize) {
        self.log.push_back(event);
        while self.log.len() > stream_len {
            self.log.pop_front();
        }
    }

    /// The events after `since`, if the stream still holds every one of them.
    fn events_since(&self, since: &Position) -> Option<Vec<RoomEvent>> {
        let first = self.log.front().map_or(self.offset + 1, RoomEvent::offset);
        let complete =
            since.epoch == self.epoch && since.offset <= self.offset && first <= since.offset + 1;
        complete.then(|| {
            self.log
                .iter()
                .filter(|event| event.offset() > since.offset)
                .cloned()
                .collect()
        })
    }

    fn forget_reactor(&mut self, token: &SessionToken) {
        self.reactors.retain(|_, who| {
            who.remove(token);
            !who.is_empty()
        });
    }
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// A store whose rooms keep `stream_len` events for recovery.
    pub fn with_stream_len(stream_len: usize) -> MemoryStore {
        MemoryStore {
            state: Mutex::default(),
            stream_len,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave half-written state that matters more
        // than keeping the service up: every operation writes consistent values last.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl State {
    fn release_handle(&mut self, key: &str) {
        if let Some(count) = self.handles.get_mut(key) {
            *count -= 1;
            if *count == 0 {
                self.handles.remove(key);
            }
        }
    }
}

#[async_trait]
impl Store for MemoryStore {
    async fn create_session(
        &self,
        handle: &Handle,
        profile: Profile,
        exclusive: bool,
    ) -> StoreResult<Option<NewSession>> {
        let mut state = self.lock();
        if exclusive && state.handles.contains_key(handle.key()) {
            return Ok(None);
        }
        let token = SessionToken::generate();
        let attachment = 1;
        *state.handles.entry(handle.key().to_owned()).or_default() += 1;
        state.sessions.insert(
            token.clone(),
            Session {
                handle: handle.as_str().to_owned(),
                key: handle.key().to_owned(),
                profile,
                rooms: BTreeSet::new(),
                attachment,
                detached: false,
                recent: VecDeque::new(),
            },
        );
        Ok(Some(NewSession { token, attachment }))
    }

    async fn attach_session(&self, token: &SessionToken) -> StoreResult<Option<SessionRecord>> {
        let mut state = self.lock();
        Ok(state.sessions.get_mut(token).map(|session| {
            session.attachment += 1;
            session.detached = false;
            SessionRecord {
                handle: session.handle.clone(),
                profile: session.profile,
                rooms: session.rooms.iter().cloned().collect(),
                attachment: session.attachment,
            }
        }))
    }

    async fn detach_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
    ) -> StoreResult<bool> {
        let mut state = self.lock();
        Ok(match state.sessions.get_mut(token) {
            Some(session) if session.attachment == attachment => {
                session.detached = true;
                true
            }
            _ => false,
        })
    }

    async fn end_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
        only_if_detached: bool,
    ) -> StoreResult<Option<Vec<String>>> {
        let mut state = self.lock();
        let Some(session) = state.sessions.get(token) else {
            return Ok(None);
        };
        if session.attachment != attachment || (only_if_detached && !session.detached) {
            return Ok(None);
        }
        let Some(session) = state.sessions.remove(token) else {
            return Ok(None);
        };
        state.release_handle(&session.key);
        for room in &session.rooms {
            if let Some(room) = state.rooms.get_mut(room) {
                room.members.remove(token);
                room.forget_reactor(token);
            }
        }
        Ok(Some(session.rooms.into_iter().collect()))
    }

    async fn join(
        &self,
        room_id: &str,
        capacity: u32,
        history_len: usize,
        token: &SessionToken,
        since: Option<&Position>,
    ) -> StoreResult<Result<JoinedRoom, JoinRefusal>> {
        let mut state = self.lock();
        let State {
            sessions, rooms, ..
        } = &mut *state;
        let Some(session) = sessions.get_mut(token) else {
            return Ok(Err(JoinRefusal::NoSession));
        };
        let room = rooms.entry(room_id.to_owned()).or_insert_with(Room::new);
        let arrived = !room.members.contains_key(token);
        if arrived {
            if room.members.len() >= capacity as usize {
                return Ok(Err(JoinRefusal::Full));
            }
            if room.members.values().any(|key| *key == session.key) {
                return Ok(Err(JoinRefusal::HandleTaken));
            }
            room.members.insert(token.clone(), session.key.clone());
            session.rooms.insert(room_id.to_owned());
        }
        let present = u32::try_from(room.members.len()).unwrap_or(u32::MAX);
        if let Some(missed) = since.and_then(|since| room.events_since(since)) {
            let (history, reactions) = super::split_events(missed);
            return Ok(Ok(JoinedRoom {
                present,
                arrived,
                history,
                reactions,
                position: room.position(),
                recovered: true,
            }));
        }
        let skip = room.history.len().saturating_sub(history_len);
        Ok(Ok(JoinedRoom {
            present,
            arrived,
            history: room.history.iter().skip(skip).cloned().collect(),
            reactions: Vec::new(),
            position: room.position(),
            recovered: false,
        }))
    }

    async fn leave(&self, room_id: &str, token: &SessionToken) -> StoreResult<bool> {
        let mut state = self.lock();
        let State {
            sessions, rooms, ..
        } = &mut *state;
        let was_member = rooms
            .get_mut(room_id)
            .is_some_and(|room| room.members.remove(token).is_some());
        if let Some(session) = sessions.get_mut(token) {
            session.rooms.remove(room_id);
        }
        if let Some(room) = rooms.get_mut(room_id) {
            room.forget_reactor(token);
        }
        Ok(was_member)
    }

    async fn present(&self, room_id: &str) -> StoreResult<u32> {
        let state = self.lock();
        Ok(state.rooms.get(room_id).map_or(0, |room| {
            u32::try_from(room.members.len()).unwrap_or(u32::MAX)
        }))
    }

    async fn append(&self, message: NewMessage, history_len: usize) -> StoreResult<Appended> {
        let mut state = self.lock();
        let State {
            sessions, rooms, ..
        } = &mut *state;
        let (Some(session), Some(room)) = (
            sessions.get_mut(&message.session),
            rooms.get_mut(&message.room),
        ) else {
            return Ok(Appended::NotMember);
        };
        if !room.members.contains_key(&message.session) {
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

    async fn find_duplicate(
        &self,
        room: &str,
        token: &SessionToken,
        client_id: &str,
    ) -> StoreResult<Option<ChatMessage>> {
        let state = self.lock();
        Ok(state
            .sessions
            .get(token)
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
        let mut state = self.lock();
        let stream_len = self.stream_len;
        let Some(room) = state.rooms.get_mut(room_id) else {
            return Ok(Reacted::NotMember);
        };
        if !room.members.contains_key(token) {
            return Ok(Reacted::NotMember);
        }
        let Some(message) = room.history.iter_mut().find(|m| m.id == message_id) else {
            return Ok(Reacted::NoSuchMessage);
        };
        let who = room
            .reactors
            .entry((message_id.to_owned(), reaction))
            .or_default();
        let count = message.reactions.entry(reaction).or_default();
        if who.remove(token) {
            *count = count.saturating_sub(1);
        } else {
            who.insert(token.clone());
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
        Ok(Reacted::Changed(change))
    }

    async fn close_room(&self, room_id: &str, ended: jiff::Timestamp) -> StoreResult<String> {
        let mut state = self.lock();
        let State {
            sessions, rooms, ..
        } = &mut *state;
        let room = rooms.entry(room_id.to_owned()).or_insert_with(Room::new);
        if room.closed.is_some_and(|closed| closed >= ended) {
            return Ok(room.epoch.clone());
        }
        for token in room.members.keys() {
            if let Some(session) = sessions.get_mut(token) {
                session.rooms.remove(room_id);
            }
        }
        // What anyone said in it, also in the records kept for retries.
        for session in sessions.values_mut() {
            session.recent.retain(|message| message.room != room_id);
        }
        *room = Room::new();
        room.closed = Some(ended);
        Ok(room.epoch.clone())
    }

    async fn attempt(
        &self,
        key: &str,
        max: u32,
        window: std::time::Duration,
    ) -> StoreResult<Result<(), std::time::Duration>> {
        let now = std::time::Instant::now();
        let mut state = self.lock();
        // Windows that are over count for nothing: drop them, so the map stays small.
        state
            .attempts
            .retain(|_, (started, _)| now.duration_since(*started) < window);
        let (started, count) = state.attempts.entry(key.to_owned()).or_insert((now, 0));
        if *count >= max {
            return Ok(Err(window.saturating_sub(now.duration_since(*started))));
        }
        *count += 1;
        Ok(Ok(()))
    }

    async fn member_handles(&self, room_id: &str) -> StoreResult<Vec<String>> {
        let state = self.lock();
        let mut handles: Vec<String> = state
            .rooms
            .get(room_id)
            .map(|room| {
                room.members
                    .keys()
                    .filter_map(|token| state.sessions.get(token))
                    .map(|session| session.handle.clone())
                    .collect()
            })
            .unwrap_or_default();
        handles.sort();
        Ok(handles)
    }

    async fn control(&self, room_id: &str) -> StoreResult<Option<RoomControl>> {
        Ok(self
            .lock()
            .rooms
            .get(room_id)
            .and_then(|room| room.control.clone()))
    }

    async fn swap_control(
        &self,
        room_id: &str,
        expected: Option<&RoomControl>,
        new: Option<&RoomControl>,
    ) -> StoreResult<bool> {
        let mut state = self.lock();
        let room = state
            .rooms
            .entry(room_id.to_owned())
            .or_insert_with(Room::new);
        if room.control.as_ref() != expected {
            return Ok(false);
        }
        room.control = new.cloned();
        Ok(true)
    }

    async fn audit_dump(&self) -> StoreResult<String> {
        Ok(format!("{:#?}", *self.lock()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handle(name: &str) -> Handle {
        Handle::parse(name).unwrap()
    }

    #[tokio::test]
    async fn a_stale_attachment_can_neither_detach_nor_end_a_resumed_session() {
        let store = MemoryStore::new();
        let started = store
            .create_session(&handle("たろう"), Profile::default(), false)
            .await
            .unwrap()
            .unwrap();
        let token = started.token;
        store
            .join("lounge", 10, 100, &token, None)
            .await
            .unwrap()
            .unwrap();
        // The first connection drops, a second resumes before the first's cleanup runs.
        let resumed = store.attach_session(&token).await.unwrap().unwrap();
        assert!(resumed.attachment > started.attachment);
        assert!(
            !store
                .detach_session(&token, started.attachment)
                .await
                .unwrap()
        );
        assert_eq!(
            store
                .end_session(&token, started.attachment, false)
                .await
                .unwrap(),
            None
        );
        assert_eq!(store.present("lounge").await.unwrap(), 1);
        // The grace period of a detachment that was superseded ends nothing either.
        assert!(
            store
                .detach_session(&token, resumed.attachment)
                .await
                .unwrap()
        );
        let again = store.attach_session(&token).await.unwrap().unwrap();
        assert_eq!(
            store
                .end_session(&token, resumed.attachment, true)
                .await
                .unwrap(),
            None
        );
        // Only the current attachment ends it.
        assert_eq!(
            store
                .end_session(&token, again.attachment, false)
                .await
                .unwrap(),
            Some(vec!["lounge".to_owned()])
        );
        assert_eq!(store.present("lounge").await.unwrap(), 0);
        assert!(store.attach_session(&token).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn the_grace_period_ends_only_a_session_still_detached() {
        let store = MemoryStore::new();
        let new = store
            .create_session(&handle("はなこ"), Profile::default(), false)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .end_session(&new.token, new.attachment, true)
                .await
                .unwrap(),
            None,
            "attached sessions do not expire"
        );
        assert!(
            store
                .detach_session(&new.token, new.attachment)
                .await
                .unwrap()
        );
        assert_eq!(
            store
                .end_session(&new.token, new.attachment, true)
                .await
                .unwrap(),
            Some(vec![])
        );
    }

    #[tokio::test]
    async fn reactions_toggle_per_session_and_leave_with_it() {
        let store = MemoryStore::new();
        let a = store
            .create_session(&handle("あ"), Profile::default(), false)
            .await
            .unwrap()
            .unwrap();
        let b = store
            .create_session(&handle("い"), Profile::default(), false)
            .await
            .unwrap()
            .unwrap();
        for who in [&a, &b] {
            store
                .join("r", 10, 100, &who.token, None)
                .await
                .unwrap()
                .unwrap();
        }
        let said = NewMessage {
            room: "r".to_owned(),
            session: a.token.clone(),
            client_id: None,
            text: "hi".to_owned(),
            at: jiff::Timestamp::UNIX_EPOCH,
        };
        let Appended::New(message) = store.append(said, 100).await.unwrap() else {
            panic!("not stored");
        };
        let tea = |n: u32, offset: u64| {
            Reacted::Changed(ReactionChange {
                message_id: message.id.clone(),
                counts: [(Reaction::Tea, n)].into(),
                offset,
            })
        };
        assert_eq!(
            store
                .react("r", &a.token, &message.id, Reaction::Tea)
                .await
                .unwrap(),
            tea(1, 2)
        );
        assert_eq!(
            store
                .react("r", &b.token, &message.id, Reaction::Tea)
                .await
                .unwrap(),
            tea(2, 3)
        );
        // Pressing again takes it back.
        assert_eq!(
            store
                .react("r", &b.token, &message.id, Reaction::Tea)
                .await
                .unwrap(),
            tea(1, 4)
        );
        assert_eq!(
            store
                .react("r", &b.token, "999", Reaction::Tea)
                .await
                .unwrap(),
            Reacted::NoSuchMessage
        );
        // A late joiner sees the counts in the history.
        let c = store
            .create_session(&handle("う"), Profile::default(), false)
            .await
            .unwrap()
            .unwrap();
        let joined = store
            .join("r", 10, 100, &c.token, None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(joined.history[0].reactions.get(&Reaction::Tea), Some(&1));
        // Who reacted is forgotten with the session; the count stays with the message.
        store
            .end_session(&a.token, a.attachment, false)
            .await
            .unwrap();
        let state = store.lock();
        assert!(
            state.rooms["r"]
                .reactors
                .values()
                .all(|who| !who.contains(&a.token))
        );
    }

    #[tokio::test]
    async fn retries_are_recognised_per_room() {
        let store = MemoryStore::new();
        let new = store
            .create_session(&handle("じろう"), Profile::default(), false)
            .await
            .unwrap()
            .unwrap();
        for room in ["a", "b"] {
            store
                .join(room, 10, 100, &new.token, None)
                .await
                .unwrap()
                .unwrap();
        }
        let say = |room: &str| NewMessage {
            room: room.to_owned(),
            session: new.token.clone(),
            client_id: Some("1".to_owned()),
            text: "hi".to_owned(),
            at: jiff::Timestamp::UNIX_EPOCH,
        };
        assert!(matches!(
            store.append(say("a"), 100).await.unwrap(),
            Appended::New(_)
        ));
        // The same client id in another room is another message.
        assert!(matches!(
            store.append(say("b"), 100).await.unwrap(),
            Appended::New(_)
        ));
        assert!(matches!(
            store.append(say("a"), 100).await.unwrap(),
            Appended::Duplicate(m) if m.room == "a"
        ));
        assert!(
            store
                .find_duplicate("a", &new.token, "1")
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            store
                .find_duplicate("a", &new.token, "2")
                .await
                .unwrap()
                .is_none()
        );
    }
}
