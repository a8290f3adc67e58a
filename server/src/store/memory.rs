//! The embedded default store: everything in this process's memory, nothing on disk. When the
//! process ends, every word said here is gone.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use ibasho_moderation::Handle;
use ibasho_protocol::{ChatMessage, Lang};

use super::{Appended, JoinRefusal, JoinedRoom, NewMessage, SessionRecord, Store, StoreResult};
use crate::token::SessionToken;

/// How many recent `client_id`s a session remembers to make retries safe.
const DEDUP_WINDOW: usize = 32;

/// The in-memory store. One mutex: every operation is short and never awaits while holding it.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    sessions: HashMap<SessionToken, Session>,
    /// Handle keys of live sessions, counted: two sessions may share a requested handle as
    /// long as they are never in the same room.
    handles: HashMap<String, u32>,
    rooms: HashMap<String, Room>,
    detach_epoch: u64,
}

#[derive(Debug)]
struct Session {
    handle: String,
    key: String,
    lang: Lang,
    rooms: BTreeSet<String>,
    /// `Some(epoch)` while no connection is attached.
    detached_at: Option<u64>,
    recent: VecDeque<(String, ChatMessage)>,
}

#[derive(Debug, Default)]
struct Room {
    /// Members and their handle keys.
    members: HashMap<SessionToken, String>,
    history: VecDeque<ChatMessage>,
    next_id: u64,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
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
        lang: Lang,
        exclusive: bool,
    ) -> StoreResult<Option<SessionToken>> {
        let mut state = self.lock();
        if exclusive && state.handles.contains_key(handle.key()) {
            return Ok(None);
        }
        let token = SessionToken::generate();
        *state.handles.entry(handle.key().to_owned()).or_default() += 1;
        state.sessions.insert(
            token.clone(),
            Session {
                handle: handle.as_str().to_owned(),
                key: handle.key().to_owned(),
                lang,
                rooms: BTreeSet::new(),
                detached_at: None,
                recent: VecDeque::new(),
            },
        );
        Ok(Some(token))
    }

    async fn attach_session(&self, token: &SessionToken) -> StoreResult<Option<SessionRecord>> {
        let mut state = self.lock();
        Ok(state.sessions.get_mut(token).map(|session| {
            session.detached_at = None;
            SessionRecord {
                handle: session.handle.clone(),
                lang: session.lang,
                rooms: session.rooms.iter().cloned().collect(),
            }
        }))
    }

    async fn detach_session(&self, token: &SessionToken) -> StoreResult<Option<u64>> {
        let mut state = self.lock();
        state.detach_epoch += 1;
        let epoch = state.detach_epoch;
        Ok(state.sessions.get_mut(token).map(|session| {
            session.detached_at = Some(epoch);
            epoch
        }))
    }

    async fn end_session(
        &self,
        token: &SessionToken,
        only_if_detached_at: Option<u64>,
    ) -> StoreResult<Option<Vec<String>>> {
        let mut state = self.lock();
        let Some(session) = state.sessions.get(token) else {
            return Ok(None);
        };
        if only_if_detached_at.is_some() && session.detached_at != only_if_detached_at {
            return Ok(None);
        }
        let Some(session) = state.sessions.remove(token) else {
            return Ok(None);
        };
        state.release_handle(&session.key);
        for room in &session.rooms {
            if let Some(room) = state.rooms.get_mut(room) {
                room.members.remove(token);
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
    ) -> StoreResult<Result<JoinedRoom, JoinRefusal>> {
        let mut state = self.lock();
        let State {
            sessions, rooms, ..
        } = &mut *state;
        let Some(session) = sessions.get_mut(token) else {
            return Ok(Err(JoinRefusal::NoSession));
        };
        let room = rooms.entry(room_id.to_owned()).or_default();
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
        let skip = room.history.len().saturating_sub(history_len);
        Ok(Ok(JoinedRoom {
            present: u32::try_from(room.members.len()).unwrap_or(u32::MAX),
            arrived,
            history: room.history.iter().skip(skip).cloned().collect(),
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
            && let Some((_, earlier)) = session.recent.iter().find(|(id, _)| id == client_id)
        {
            return Ok(Appended::Duplicate(earlier.clone()));
        }
        room.next_id += 1;
        let stored = ChatMessage {
            room: message.room,
            id: room.next_id.to_string(),
            handle: session.handle.clone(),
            text: message.text,
            at: message.at,
            client_id: message.client_id,
        };
        room.history.push_back(stored.clone());
        while room.history.len() > history_len {
            room.history.pop_front();
        }
        if let Some(client_id) = &stored.client_id {
            session
                .recent
                .push_back((client_id.clone(), stored.clone()));
            if session.recent.len() > DEDUP_WINDOW {
                session.recent.pop_front();
            }
        }
        Ok(Appended::New(stored))
    }

    async fn audit_dump(&self) -> StoreResult<String> {
        Ok(format!("{:#?}", *self.lock()))
    }
}
